"""Invisible character: a zero-width space, soft hyphen, stray BOM or bidi control in prose.

Pasted copy brings characters nobody can see: they split words for search (`a\u200bnd`),
break name matching, and show up as boxes in feeds. The fix deletes them; it is safe. Besides
those, the rarer ones that copy or a spoofing tool leaves are reported: the combining grapheme
joiner, the invisible mathematical operators, the Hangul fillers (which pass for a letter), tag
characters outside an emoji flag, and a variation selector right after a letter (`council\ufe0f`).

Invisible characters in front-matter values that are not prose (tags, categories, authors: a tag
`new\u200bs` is another tag than news) are reported too, and so are those in link targets and
bare URLs: the browser encodes them and the link breaks (once: a URL with a mistyped scheme is
prose too, and its character is the URL's; a no-break space inside a bare URL, which cuts its
reading short and leaves the rest of the path, `\u00a0aker-lineup/`, as prose, too), and those in a reference link's label that keep it from
naming its definition (`[text][lab\u00adel]`: the link shows as text). So is a no-break space inside a word (`loca\u00a0tion`), which looks like a
space and splits the word for search: when the article writes the joined word elsewhere
(`location`, or `locations`) and one of the two parts is not a word of its own in it (`loca`,
`tion`), when the second part is an ending that is never a word (`need\u00a0ing`), or, in
English, when the two make a word of the shipped word list (rules/english-words.txt, from SCOWL,
or an -er or -s form of one of its words) and one of them is not a word there (`pro\u00a0ducing`,
`eas\u00a0ily`, `Fri\u00a0day`, `adop\u00a0ter`, `re\u00a0leased`: of two letters only a word prose
writes alone counts, not `re` or `ma`), when, in English, the split falls inside the joined
word's ending after a first part that is no word (`epublicati\u00a0ons`, `governme\u00a0nt`), when, in
English, the second part opens with two letters that start no word (`CoinGri\u00a0nder`, `Tei\u00a0nturier`)
or the last word of a name in camel case makes a word with it (`PowerPo\u00a0int`), or, in an
article in another language (no word list), when the article writes the joined word elsewhere
(or, of seven letters or more, with another last letter: `popolazi\u00a0one` beside `popolazioni`)
and never the two parts as two words (`an\u00a0che` beside `anche`, though `an` and `che` are
words), or, in a Romance or Germanic language, when the second part opens with two consonants
that open no word of it and has a vowel (`domi\u00a0ngo`, `Vero\u00a0rdnung`, `toe\u00a0nmalige`; not
`als\u00a0pdf`) or the first ends with a consonant then a w or a j (`Messw\u00a0erte`), and so, in an
article written in another script (Japanese, Russian), in its words of Latin letters
(`Japan-Stam\u00a0mtisch`), or, in any language, when the first part ends with one capital after
three lower-case letters, written nowhere else, and a lower-case part that is no function word
follows (`BildungsT\u00a0icket`; not `SignalR\u00a0transports` beside SignalR); in English,
`any\u00a0one` and `every\u00a0one` are `anyone`, `everyone` when the article writes that word
(unsafe when it does not; not before "of", nor where no-break spaces stand between its words); in English, two words that make a third (`deter\u00a0mine`, neither a function word nor a
part of closed compounds, and never written apart with a plain space in the article) are
reported with an unsafe fix, as they may be an open compound (`home\u00a0page`), and so are, in
English, two lower-case runs of letters neither of which is a word or a name's particle
(`starstr\u00a0uck`, `Cro\u00a0wdsource`, a word the list lacks; they may be two words of another language), and, in
another language, two runs the article writes nowhere else, neither a function word of that language
nor a name's particle (as the second part, only the language's own: German writes no `ten`, and
`erhal\u00a0ten` is reported) (`Förde\u00a0rungsrichtlinie`; not in an article that puts no-break spaces between words throughout); a no-break
space between two words (`this\u00a0summer`, `on\u00a0line` beside `online`, `net\u00a0work`,
`not\u00a0able`, `per\u00a0ciò` where the article also writes "per ciò" with a space) is not.

Not findings: a zero-width joiner inside an emoji sequence (👩‍💻) or between letters of a
script that needs it (Arabic, Indic), a zero-width non-joiner in such a script, bidi marks in a
paragraph with right-to-left text, variation selectors after an emoji or a symbol (❤\ufe0f, 1\ufe0f\u20e3),
the tag characters of a region's flag (🏴 and its tags), a grapheme joiner before a combining
mark, Hangul fillers in Korean text, and code. A deletion that would merge
two emphasis runs (`**\u200b**`), split a paragraph (the character alone on a line between
two lines of text), turn a line into indented code, a heading or a list (`\u200b  text`,
`\u200b# text`) or start a YAML value with an indicator is unsafe.

Bad:  Talks resumed in Istanbul\u200b on Tuesday, the minis\u00adtry said.
Good: Talks resumed in Istanbul on Tuesday, the ministry said.
Bad:  The mayor\u3164 said the commit\u034fee met.
Good: The mayor said the committee met.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any, Iterator, Mapping

from ..document import Document
from ..englishness import reads_english
from ..frontmatter import reads_as_text
from ..language import function_words
from ..links.targets import link_titles, non_ascii_values, ref_paths, targets
from ..links.url import NO_BREAK, URL_CHAR
from ..model import Finding, Fix
from ..names.data import given_names
from ..patterns import lazy
from ..resources import english_word, english_words
from ..typography import INVISIBLE, INVISIBLE_CLASS, scan

ID = "NL120"
NAME = "invisible-character"
SEVERITY = "warning"
FIXABLE = True
FIX_FIRST = True  # (the text it restores is what the other rules read: its fixes go first)
DEFAULTS: dict[str, Any] = {}

_NAMES = {"\u00ad": "soft hyphen", "\u061c": "Arabic letter mark", "\u180e": "Mongolian vowel separator",
          "\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
          "\u200e": "left-to-right mark", "\u200f": "right-to-left mark", "\u2060": "word joiner",
          "\ufeff": "byte order mark", "\u034f": "combining grapheme joiner", "\u2061": "function application",
          "\u2062": "invisible times", "\u2063": "invisible separator", "\u2064": "invisible plus",
          "\u115f": "Hangul filler", "\u1160": "Hangul filler", "\u3164": "Hangul filler",
          "\uffa0": "Hangul filler"}
_FLAG = "\U0001f3f4"  # the black flag that tag characters turn into a region's flag (🏴 + gbsct + cancel tag)


def _name(ch: str) -> str:
    if "\U000e0000" <= ch <= "\U000e007f":
        return "tag character"
    return _NAMES.get(ch, f"bidi control U+{ord(ch):04X}")


def _flag_tags(text: str, s: int, e: int) -> bool:
    """Is the run the tag characters of an emoji flag (🏴 then tags, up to the cancel tag)?"""
    return text[s - 1: s] == _FLAG and text[e - 1] == "\U000e007f" and \
        all("\U000e0020" <= ch <= "\U000e007f" for ch in text[s:e])
_JOINERS = "\u200c\u200d"
_FILLERS = "\u115f\u1160\u3164\uffa0"  # (in Korean text, the parts of a syllable)
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_RTL = lazy("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_YAML_INDICATORS = "\"'&*!|>%@`#,[]{}?:-"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each run of invisible characters, with a fix that deletes it."""
    in_urls = list(_in_urls(doc)) + list(_in_labels(doc))
    yield from in_urls
    yield from _in_front_matter(doc)
    yield from _in_ref_paths(doc)
    # A URL the masker missed (a mistyped scheme, a tag broken around it) is prose too: what
    # its run was reported as is not reported again
    reported = {i for f in in_urls for i in range(f.start, f.end)}
    pt = doc.prose_text
    if "\u00a0" in pt:
        yield from _nbsp_in_words(pt, doc.lowered_prose or pt.lower(), *_reading(doc))
    if not doc.text.isascii():
        yield from _in_link_titles(doc)
    for s, e in scan(doc).invisible:
        if reported and not reported.isdisjoint(range(s, e)):
            continue
        run = pt[s:e]
        if run[0] >= "\U000e0000" and _flag_tags(pt, s, e):
            continue  # 🏴 and its tags: a region's flag (Scotland, Wales)
        before = pt[s - 1] if s else ""
        after = pt[e] if e < len(pt) else ""
        if any(ch in _JOINERS or ch in _FILLERS for ch in run) and not (_plain(before) and _plain(after)):
            continue  # emoji sequences, Indic and Arabic shaping, Hangul syllables written in parts
        if any(ch in _BIDI for ch in run) and _RTL().search(pt, max(0, s - 500), e + 500):
            continue  # bidi marks belong to right-to-left text
        if run[-1] == "\u034f" and after and unicodedata.category(after).startswith("M"):
            continue  # a grapheme joiner keeps the next combining mark apart (Hebrew points, German u\u034f\u0308)
        safe = not (before and after and before in "*_~" and after in "*_~") and not _holds_lines(doc.text, s, e) \
            and not _opens_block(doc.text, s, after)
        if safe and doc.in_front_matter(s) and after in _YAML_INDICATORS:
            line = doc.text[doc.text.rfind("\n", 0, s) + 1: s]
            safe = not re.fullmatch(r"\s*(?:-\s+)*(?:[^:]*:\s*)?", line)
        names = sorted({_name(ch) for ch in run})
        what = names[0] if len(names) == 1 else ", ".join(names)
        count = f"{len(run)} × " if len(run) > 1 else ""
        yield Finding(s, e, f"invisible {count}{what} in prose; delete it",
                      Fix.delete(s, e, "Delete the invisible character" + ("s" if len(run) > 1 else ""), safe=safe))
    for s in scan(doc).selectors:
        if s in reported:
            continue
        e = s + 1
        while e < len(pt) and "\ufe00" <= pt[e] <= "\ufe0f":
            e += 1
        yield Finding(s, e, "invisible variation selector after a letter in prose; delete it",
                      Fix.delete(s, e, "Delete the variation selector" + ("s" if e - s > 1 else "")))


def _in_urls(doc: Document) -> Iterator[Finding]:
    """Invisible characters in link targets and bare URLs: the browser encodes them and the
    link goes nowhere. Deleting them is safe, but for a joiner beside a non-ASCII letter (a
    Persian word, an emoji in the path)."""
    text = doc.text
    for target in targets(doc):
        url = target.url
        if target.source == "bare" and text[target.end: target.end + 1] == "\u00a0" and url[-1:].isalnum() \
                and text[target.start - 2: target.start] != "](":  # (a link's destination: broken-link-syntax's)
            # [https://x.org/blog/spe\u00a0aker-lineup/](url): the reading of a bare URL (here a link's
            # text) stops at a no-break space pasted inside it, and the rest of the path reads as prose
            rest = _URL_REST().match(text, target.end + 1)
            if rest is not None and _URL_PUNCT().search(rest.group().rstrip(".,;:!?")):
                yield Finding(target.end, target.end + 1, "no-break space inside a URL; delete it",
                              Fix.delete(target.end, target.end + 1, "Delete the no-break space", reshapes=True))
        if url.isascii():
            continue
        for m in _RUN().finditer(url):
            s, e = m.span()
            if _flag_tags(url, s, e):
                continue
            joined = any(ch in _JOINERS for ch in m.group()) and \
                not (url[s - 1: s].isascii() and url[e: e + 1].isascii())
            names = sorted({_name(ch) for ch in m.group()})
            s, e = target.start + s, target.start + e
            yield Finding(s, e, f"invisible {', '.join(names)} in a URL; delete it",
                          Fix.delete(s, e, "Delete the invisible character", safe=not joined, reshapes=True))


# What goes on after a no-break space inside a bare URL: a path's characters, a letter or digit
# first, up to a space or a closing bracket; one of them must be a path's own (a word and a stop
# after a URL is prose: see https://x.org/a\u00a0for details)
_URL_REST = lazy(r"[A-Za-z0-9][A-Za-z0-9\-._~/%?#=&+:]*")
_URL_PUNCT = lazy(r"[-_/=?&#%]|\.[A-Za-z0-9]")


def _reading(doc: Document) -> tuple[bool, str]:
    """How the article's words are judged: with the English word list or not, and in which
    language ("" when it is unknown: a language guessed for a short text whose words are not
    English; the function words of every language then keep their parts from counting as fragments)."""
    english = reads_english(doc)
    return english, doc.language if english or doc.language_known else ""


def _in_link_titles(doc: Document) -> Iterator[Finding]:
    """Invisible characters, and no-break spaces inside a word, in the title of a link or an
    image (``[text](url "How Centers \u2060are Adapting")``): the masker hides the title from the
    prose, but it shows as a tooltip and to screen readers. The title is judged as prose is, with
    the article's words; deleting the character is safe but for a joiner or a bidi mark beside
    text that needs it."""
    text, pt = doc.text, doc.prose_text
    for s0, e0 in link_titles(doc):
        if text[s0:e0].isascii():
            continue
        for m in _RUN().finditer(text, s0, e0):
            s, e = m.span()
            run, before, after = m.group(), text[s - 1], text[e]
            if any(ch in _JOINERS or ch in _FILLERS for ch in run) and not (_plain(before) and _plain(after)):
                continue
            if any(ch in _BIDI for ch in run) and _RTL().search(text, s0, e0):
                continue
            names = sorted({_name(ch) for ch in run})
            yield Finding(s, e, f"invisible {', '.join(names)} in a link's title; delete it",
                          Fix.delete(s, e, "Delete the invisible character" + ("s" if len(run) > 1 else ""),
                                     reshapes=True))  # (the guard reads a title as the link's syntax)
        if "\u00a0" in text[s0:e0]:
            # (the prose with this title shown: its pairs are judged with the article's words)
            view = pt[:s0] + text[s0:e0] + pt[e0:]
            for f in _nbsp_in_words(view, view.lower(), *_reading(doc)):
                if s0 <= f.start < e0 and f.fix is not None:
                    yield dataclasses.replace(f, fix=dataclasses.replace(f.fix, reshapes=True))


def _in_ref_paths(doc: Document) -> Iterator[Finding]:
    """Invisible characters and no-break spaces in the path of a Hugo ref or relref shortcode
    (``{{< ref "posts/a\u200bb.md" >}}``): no page file has one; deleting it is safe, but for a
    joiner beside a non-ASCII letter."""
    text = doc.text
    for s0, e0 in ref_paths(doc):
        for m in _REF_RUN().finditer(text, s0, e0):
            s, e = m.span()
            joined = any(ch in _JOINERS for ch in m.group()) and not (text[s - 1].isascii() and text[e].isascii())
            if m.group().strip("".join(NO_BREAK)) == "" and not (URL_CHAR().match(text, s - 1)
                                                                and URL_CHAR().match(text, e)):
                continue  # a no-break space beside a space or at an end: not a paste inside a name
            names = sorted({_REF_NAMES.get(ch) or _name(ch) for ch in m.group()})
            yield Finding(s, e, f"invisible {', '.join(names)} in the path of a ref shortcode; delete it",
                          Fix.delete(s, e, "Delete the invisible character", safe=not joined, reshapes=True))


_REF_NAMES = {"\u00a0": "no-break space", "\u202f": "narrow no-break space"}
_REF_RUN = lazy(f"[{INVISIBLE_CLASS}{''.join(NO_BREAK)}]+")


def _in_labels(doc: Document) -> Iterator[Finding]:
    """Invisible characters in a full reference link's label (``[text][lab\u00adel]``) that keep
    it from naming its definition, so the link shows as text: deleting them restores the link."""
    refs = doc.prose_index.references
    if not refs or doc.text.isascii():
        return
    from markdown_it.common.utils import normalizeReference

    text = doc.text
    for s, e, kind in doc.prose_index.masks:
        if kind != "ref" or text[s:e].isascii():
            continue
        label = text[s + 2: e - 1]  # (the mask is "][label]", on one line; one over a line break is prose)
        for m in _RUN().finditer(text, s, e):
            mended = label[:m.start() - s - 2] + label[m.end() - s - 2:]
            if normalizeReference(mended) in refs and normalizeReference(label) not in refs:
                names = sorted({_name(ch) for ch in m.group()})
                yield Finding(m.start(), m.end(), f"invisible {', '.join(names)} in a link label; delete it",
                              Fix.delete(m.start(), m.end(), "Delete the invisible character", reshapes=True))


def _in_front_matter(doc: Document) -> Iterator[Finding]:
    """Invisible characters in front-matter values other than the prose fields (a tag
    ``new\u200bs`` is another tag than news; an author's name no longer matches): deleted,
    safe unless the deletion would start the value with a YAML indicator or make a plain value
    a number, a date, a boolean or null; a joiner that shapes non-Latin letters stays."""
    text = doc.text
    for s0, e0 in non_ascii_values(doc):
        for m in _RUN().finditer(text, s0, e0):
            s, e = m.span()
            run = m.group()
            if _flag_tags(text, s, e):
                continue
            before, after = text[s - 1], text[e: e + 1]
            if any(ch in _JOINERS for ch in run) and not (_plain(before) and _plain(after)):
                continue  # emoji sequences, Indic and Arabic shaping
            if any(ch in _BIDI for ch in run) and _RTL().search(text, s0, e0):
                continue
            safe = (s > s0 or after not in _YAML_INDICATORS) and \
                (text[s0] in "'\"|>" or reads_as_text(text[s0:s] + text[e:e0]))  # (3<ZWSP> is text; 3 a number)
            names = sorted({_name(ch) for ch in run})
            count = f"{len(run)} × " if len(run) > 1 else ""
            yield Finding(s, e, f"invisible {count}{', '.join(names)} in a front-matter value; delete it",
                          Fix.delete(s, e, "Delete the invisible character" + ("s" if len(run) > 1 else ""),
                                     safe=safe))


_RUN = lazy(f"[{INVISIBLE_CLASS}]+")
_NBSP_PAIR = lazy(r"(?<![\w\u00a0])([^\W\d_]{2,})\u00a0([^\W\d_]{2,})(?![\w\u00a0])")


def _nbsp_in_words(pt: str, lowered: str, english: bool, language: str = "") -> Iterator[Finding]:
    """A no-break space that splits a word the article writes whole elsewhere (cus\u00a0tomer
    beside customer), one part not being a word of its own there, or (in English) a dictionary
    word one part of which is no word (pro\u00a0ducing, age\u00a0ncies): pasted from a layout program."""
    pairs = _nbsp_pairs(pt)
    if not pairs:
        return
    words = Counter(_WORD().findall(lowered))  # the no-break space splits: a pair's parts count once each
    for m in pairs:
        left, right = m.group(1).lower(), m.group(2).lower()
        joined = left + right
        whole = words[joined] or words[joined + "s"] or (joined.endswith("s") and words[joined[:-1]]) \
            or (not english and _inflected_elsewhere(joined, left, words))
        if not (m.group(1)[-1].islower() and m.group(2)[0].islower()):
            if _camel_split(pt, m.group(1), m.group(2), words) or _lone_capital_end(pt, m.group(1), m.group(2)):
                yield Finding(m.end(1), m.start(2), f"no-break space inside the name “{m.group(1)}{m.group(2)}”; "
                              "delete it", Fix.delete(m.end(1), m.start(2), "Delete the no-break space"))
            continue  # a capital at the join: two names (Ann\u00a0Lee, IT\u00a0Team)
        if (whole and any(words[part] == 1 and part not in _COMPOUND_PARTS for part in (left, right))) \
                or (right in _SUFFIXES and len(left) >= 3 and words[right] == 1) \
                or (english and _inside_ending(left, right)) \
                or (english and len(right) >= 3 and right[:2] in _NO_WORD_START) \
                or (english and _camel_tail(m.group(1), m.group(2))) \
                or (english and _doubled_ending(left, right)) \
                or _split_given_name(pt, m.group(1), m.group(2)) \
                or (english and pt[m.start() - 1: m.start()] not in ("’", "'")  # (they’re|working: a contraction's end)
                    and (_split_dictionary_word(m.group(1), m.group(2)) or joined in _CLOSED_WORDS)) \
                or (english and joined in _OPEN_OR_CLOSED and words[joined] and len(pairs) <= _FEW_PAIRS
                    and _closed_here(pt, m, left, right)) \
                or (not english and whole and not _side_by_side(pt, left, right)) \
                or (not english and _no_word_edge(m.group(1), right, language, pt)):
            yield Finding(m.end(1), m.start(2), f"no-break space inside the word “{m.group(1)}{m.group(2)}”; delete it",
                          Fix.delete(m.end(1), m.start(2), "Delete the no-break space"))
        elif english and joined in _OPEN_OR_CLOSED and len(pairs) <= _FEW_PAIRS and _closed_here(pt, m, left, right):
            yield Finding(m.end(1), m.start(2), f"no-break space between “{m.group(1)}” and “{m.group(2)}”, "
                          f"which make the word “{m.group(1)}{m.group(2)}”; delete it if one word was meant",
                          Fix.delete(m.end(1), m.start(2), "Delete the no-break space", safe=False))
        elif english and _two_fragments(pt, m.group(1), m.group(2)):
            yield Finding(m.end(1), m.start(2), f"no-break space between “{m.group(1)}” and “{m.group(2)}”, "
                          f"neither of them a word; delete it if “{m.group(1)}{m.group(2)}” was meant",
                          Fix.delete(m.end(1), m.start(2), "Delete the no-break space", safe=False))
        elif not english and len(pairs) <= _FEW_PAIRS and _foreign_fragments(pt, m.group(1), m.group(2), words, language):
            yield Finding(m.end(1), m.start(2), f"no-break space between “{m.group(1)}” and “{m.group(2)}”, "
                          f"written nowhere else in the article; delete it if “{m.group(1)}{m.group(2)}” was meant",
                          Fix.delete(m.end(1), m.start(2), "Delete the no-break space", safe=False))
        elif english and _two_words_one_word(pt, m, left, right):
            yield Finding(m.end(1), m.start(2), f"no-break space between “{m.group(1)}” and “{m.group(2)}”, "
                          f"which make the word “{m.group(1)}{m.group(2)}”; delete it if one word was meant",
                          Fix.delete(m.end(1), m.start(2), "Delete the no-break space", safe=False))


def _closed_here(pt: str, m: re.Match[str], left: str, right: str) -> bool:
    """Can ``any|one``, ``every|one`` be the closed word here: not before "of" (every one of
    them), and the article never writing the two apart with a plain space? (Nor in an article
    that puts no-break spaces between its words, more than _FEW_PAIRS: the caller asks.)"""
    return not _OF().match(pt, m.end()) and not _side_by_side(pt, left, right)


# Words written closed or open with a meaning of their own (anyone, any one of them): a no-break
# space between the halves is a split word when the article writes the closed one elsewhere
# (safe), a likely one otherwise (unsafe), and none before "of"
_OPEN_OR_CLOSED = frozenset("anyone everyone".split())
_OF = lazy(r"\s+of\b")


def _inflected_elsewhere(joined: str, left: str, words: Counter[str]) -> bool:
    """In an article in another language than English: does it write the joined word of seven
    letters or more elsewhere with another ending, all but its last letter the same and the split
    before them (popolazi|one beside popolazioni, tecnol|ogica beside tecnologico)? Such a
    language changes a word's last vowel where English adds an s."""
    if len(joined) < 7 or len(left) >= len(joined) - 1:
        return False
    stem = joined[:-1]
    return any(w != joined and w.startswith(stem) and len(w) <= len(joined) + 2 for w in words)


def _lone_capital_end(pt: str, left: str, right: str) -> bool:
    """Does the first part end with one capital after three lower-case letters or more, the second
    go on in lower case with a vowel (BildungsT|icket, PowerP|oint)? Hardly a word ends so (PhD,
    GmbH, kWh have fewer lower-case letters before it): a name in camel case split after its
    capital. Not when the article writes the first part elsewhere (SignalR, TrialX, MalloryB are
    names), nor before a function word (ObjectiveC|for)."""
    if not (len(left) >= 4 and left[-1].isupper() and left[-4:-1].isalpha() and left[-4:-1].islower()
            and len(right) >= 3 and right.islower() and _VOWEL().search(right)):
        return False
    return right not in _ANY_FUNCTION_WORD and len(re.findall(r"(?<!\w)%s(?!\w)" % re.escape(left), pt)) == 1


def _no_word_edge(left: str, right: str, language: str, pt: str) -> bool:
    """In an article in a Romance or Germanic language other than English (its language known):
    does the second part open with two consonants that open no word of those languages, and go on
    with a vowel (domi|ngo, Vero|rdnung, Hochwa|ssers, toe|nmalige; not an abbreviation such as
    html or rss, which has none), or does the first part end with a consonant then a w or a j,
    which ends none (Messw|erte, Siebenundzw|anzigster)? Then the no-break space is inside one
    word, whatever the two parts are: the fix that joins them is safe. (A part without a vowel,
    overdra|cht, may be an abbreviation written in lower case: das|pdf.) The languages that
    write syllabic consonants or start words with such clusters (Czech prst, Polish gdzie, Welsh
    ngwlad) are not asked, nor an article whose language is only guessed."""
    if not right.isalpha() or (language.split("-")[0] not in _EDGE_LANGUAGES and not _latin_loans(pt)):
        return False
    first, second = right[:1], right[1:2]
    if len(right) >= 3 and first in _CONSONANTS and second in _CONSONANTS and right[:2] not in _WORD_STARTS \
            and _VOWEL().search(right, 2):
        return True
    lowered = left.lower()
    return len(lowered) >= 3 and lowered[-1] in "wj" and lowered[-2] in _CONSONANTS and _VOWEL().search(lowered) is not None


@lru_cache(maxsize=4)  # (asked for each pair of an article: its text's hash is kept, the count made once)
def _latin_loans(pt: str) -> bool:
    """Is the article written in another script than Latin (Japanese, Chinese, Russian), more of
    its letters in that script? Its words in Latin letters are then names and words borrowed from
    the languages below or English (Stam|mtisch in a Japanese notice), whatever its language tag."""
    latin = other = 0
    for ch in pt[:20000]:
        if ch.isalpha():
            if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff":
                latin += 1
            else:
                other += 1
    return other > latin


# The languages whose words never open with the pairs below (nor end with a consonant then w or j)
_EDGE_LANGUAGES = frozenset("fr de es it pt nl ca sv da nb nn no".split())
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxzß")
# Two consonants that open words of those languages (and of the loanwords they write in lower
# case): any other pair opens none (nd, ng, rd, ss, tt, nm, lz)
_WORD_STARTS = frozenset("bl br ch cl cr cz dr dw dz fl fr gh gl gn gr kh kl kn kr kv kw ph pf pl pn pr ps pt "
                         "qu rh sb sc sd sf sg sh sk sl sm sn sp sq sr st sv sw sz th tr ts tw tz vl vr wh wr "
                         "zw zh lh nh ll ny mn "
                         "bj dj fj gj hj kj lj mj nj pj sj tj vj".split())


def _camel_split(pt: str, left: str, right: str, words: Counter[str]) -> bool:
    """A name in camel case split at a capital (WordP\u00a0ress, Word\u00a0Press, You\u00a0Tube)
    that the article writes whole elsewhere, with the same letters in the same case, and neither
    part alone: two names (Ann\u00a0Lee, IT\u00a0Team) are not written glued."""
    joined = left + right
    if joined.isupper() or joined.islower() or not any(ch.islower() for ch in left):
        return False  # (IT\u00a0team: an acronym, then a word)
    if words[left.lower()] != 1 or words[right.lower()] != 1:
        return False
    return re.search(r"(?<!\w)%s(?!\w)" % re.escape(joined), pt) is not None


def _nbsp_pairs(pt: str) -> list[re.Match[str]]:
    """The matches of _NBSP_PAIR, found from each no-break space (str.find) instead of trying the
    pattern, led by a class, at every character. A match holds one no-break space, and its first
    word is the whole run of word characters before it (no word character and no no-break space
    may precede it), so the one place to try it is where that run starts; matches cannot
    overlap (neither may be followed by a no-break space), so they come out as finditer's."""
    pairs = []
    i = pt.find("\u00a0")
    while i >= 0:
        s = i
        while s > 0 and (pt[s - 1].isalnum() or pt[s - 1] == "_"):  # (the characters \w matches)
            s -= 1
        m = _NBSP_PAIR().match(pt, s) if i - s >= 2 else None
        if m is not None:
            pairs.append(m)
        i = pt.find("\u00a0", i + 1)
    return pairs


def _side_by_side(pt: str, left: str, right: str) -> bool:
    """Does the article write the two parts as two words with an ordinary space (per ciò)?"""
    return re.search(r"(?<!\w)%s[ \t\n]+%s(?!\w)" % (re.escape(left), re.escape(right)), pt, re.IGNORECASE) is not None


def _split_dictionary_word(left: str, right: str) -> bool:
    """Is ``left + right`` an English word that one of the two is not (exper|ience, eas|ily, and
    with its capital, Fri|day, Wash|ington)? Two words that also make one (net|work, any|one,
    be|come) may stand apart: not a finding."""
    words = english_words()
    joined = left + right
    if english_word(joined.lower()) or (left[0].isupper() and joined.capitalize() in words):
        # (a lower-case part is a word only as written: Indus, a river, does not make indus|tries two words)
        return not ((_part_word(left.lower(), words) or (left[0].isupper() and left.capitalize() in words))
                    and _part_word(right.lower(), words))
    return False


def _camel_tail(left: str, right: str) -> bool:
    """Is the split inside the last word of a name in camel case, that word and the second part
    making an English word one of them is not (PowerPo|int, CoinGri|nder: Point, Grinder)? A
    name the word list lacks, split by a no-break space where the writer typed none."""
    k = max((i for i, ch in enumerate(left) if ch.isupper()), default=0)
    if k == 0 or not any(ch.islower() for ch in left[:k]):
        return False  # (no capital inside, or an acronym before it: IT|team is no camel case)
    return _split_dictionary_word(left[k:], right)


def _doubled_ending(left: str, right: str) -> bool:
    """Is the second part the first's last consonant doubled and an ending (get|ting, stop|ped,
    big|ger): an English word split where its consonant doubles, though both parts are words
    (get, ting) and so pass the dictionary test?"""
    return len(left) >= 2 and left[-1] == right[:1] and left[-1] not in "aeiouy" \
        and right[1:] in _DOUBLING_ENDINGS and english_word(left + right)


_DOUBLING_ENDINGS = frozenset("ing ings ed er ers est".split())


def _split_given_name(pt: str, left: str, right: str) -> bool:
    """Is the pair a given name split, a capitalised part then a lower-case one (Matt|hew,
    Mar|tin), that the article never writes apart with a plain space? A name goes on in capitals
    after a space (Ann Lee); in any language, no lower-case word follows a given name glued by a
    no-break space."""
    if not (left.istitle() and right.islower() and right.isalpha() and len(left) >= 2 and len(right) >= 2):
        return False
    return left + right in given_names() and not _side_by_side(pt, left, right)


def _part_word(part: str, words: Any) -> bool:
    """Is one part of a split word a word of its own? The word list holds two-letter notes,
    abbreviations and prefixes (re, ma, mo, gr, ht, ed) that prose never writes alone: of two
    letters, only the words that prose does write count (re|solve, ma|king, exist|ed are one
    word split, not two words)."""
    return part in words and (len(part) > 2 or part in _TWO_LETTER_WORDS)


_TWO_LETTER_WORDS = frozenset("am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ye".split())


def _inside_ending(left: str, right: str) -> bool:
    """Does the split fall inside an ending of the joined word, after a first part of three
    letters or more that is no word (epublicati|ons, governme|nt, informati|on)? One word split,
    though the word list may lack it and the tail (ons, on) be a word of its own."""
    if len(left) < 3 or english_word(left):
        return False
    joined = left + right
    return any(len(right) < len(ending) and joined.endswith(ending) for ending in _SUFFIXES)


def _two_fragments(pt: str, left: str, right: str) -> bool:
    """Two lower-case runs of letters (the first may be capitalised before one of four letters or
    more), neither an English word nor a name's particle, that the article never writes apart
    (starstr|uck, Cro|wdsource: a word the list lacks, split): the fix is unsafe, as they may be
    two words of another language."""
    words = english_words()
    if not (left.isascii() and right.isascii() and right.islower()) or len(left) + len(right) < 6:
        return False
    if not left.islower():  # a capitalised first part (Cro|wdsource) only before a long second one
        if not (left.istitle() and len(right) >= 4):
            return False
        left = left.lower()
    if any(english_word(part) or part in _PARTICLES for part in (left, right)):
        return False
    return not _side_by_side(pt, left, right)


def _foreign_fragments(pt: str, left: str, right: str, words: Counter[str], language: str) -> bool:
    """In an article in another language than English (no word list to ask): two lower-case runs
    of letters, five or more in all (the first may be capitalised where it or the second has four
    letters or more: Toutefo|is, id|eas; not a short name's Ram|on) that the article
    writes nowhere else, neither a function word of its language nor a name's particle, and never
    apart with a plain space (Förde|rung, pro|gramma): a word split by a no-break space, which its
    writers put between a short word and the next (à\u00a0la, v\u00a0Praze), not inside a rare
    one. The fix is unsafe: they may still be two rare words."""
    # A part of three letters or more without a vowel (Pfl|ege, Rut|sch, wi|rd of two) is no word but
    # in the languages that write syllabic consonants (Czech prst, Croatian vrh) or as a unit (km)
    bare = language.split("-")[0] not in _SYLLABIC_CONSONANTS and \
        any(not _VOWEL().search(part) and (len(part) >= 3 or part.islower()) and part not in _UNITS
            for part in (left, right))
    if len(left) + len(right) < (4 if bare else 5) or not right.islower():
        return False
    if not left.islower():  # (a sentence's first word split, Toutefo|is; not a short name, Jo|han)
        if not (left.istitle() and (len(right) >= 4 or len(left) >= 4 or bare)):
            return False
    lowered = left.lower()
    function = function_words(language.split("-")[0]) if language else _ANY_FUNCTION_WORD
    own = _OWN_PARTICLES.get(language.split("-")[0], _PARTICLES)
    for part, particles in ((lowered, _PARTICLES), (right, own)):
        # (a name's particle stands before the name, of any language; as the second part, only the
        # language's own are words: German has no ten, ter, and erhal|ten, ers|ter are split words)
        if words[part] != 1 or part in function or part in particles:
            return False
    return not _side_by_side(pt, lowered, right)


_VOWEL = lazy(r"[aeiouyAEIOUYäöüàáâãåæèéêëìíîïòóôõøœùúûýÿąęįųůěıÄÖÜÀÁÂÃÅÆÈÉÊËÌÍÎÏÒÓÔÕØŒÙÚÛÝ]")
_SYLLABIC_CONSONANTS = frozenset("cs sk hr sr sl bs mk".split())
_UNITS = frozenset("km cm mm kg mg ml kb mb gb tb kw kwh hz mhz ghz ft yd lb lbs oz mph kph hr hrs ms pm".split())


# The function words of all the languages language.py tells: an article's whose language is unknown
_ANY_FUNCTION_WORD = frozenset().union(*(function_words(lang) for lang in
                                         "en fr de es it pt nl pl cs sk sv da nb fi".split()))


# An article with more no-break spaces between runs of letters than this uses them as its spaces
# (pasted from a layout program that writes them everywhere): they are its habit, not slips
_FEW_PAIRS = 3


# Particles of names and short words of other languages that stand before a word (de\u00a0la, bin, van)
_PARTICLES = frozenset("al ap bat bin da dal de degli del della der des di do dos du el la las le les lo los "
                       "op te ten ter van ver von zu".split())


# The particles and short words above that the languages language.py tells write themselves
_OWN_PARTICLES = {lang: frozenset(words.split()) for lang, words in {
    "de": "von zu der den des", "nl": "van ver op te ten ter de der den", "fr": "de des du la le les",
    "es": "de del la las los el", "it": "da dal de degli del della di la lo", "pt": "da das do dos de"}.items()}


def _two_words_one_word(pt: str, m: re.Match[str], left: str, right: str) -> bool:
    """Two English words of three letters or more that make a third (deter|mine, car|pet),
    neither a function word nor a part of closed compounds (any|one, net|work, not|able), not
    a contraction's end (they’re|working) and never written apart with a plain space in the
    article: a word split by a no-break space, which nobody types between two words of a
    phrase; it may still be an open compound (home page), so the fix is unsafe."""
    words = english_words()
    if len(left) < 3 or len(right) < 3 or left + right not in words or left not in words or right not in words:
        return False
    if {left, right} & (_COMPOUND_PARTS | _FUNCTION_WORDS) or pt[m.start() - 1: m.start()] in ("’", "'"):
        return False
    return not _side_by_side(pt, left, right)


# Short words that stand before or after many others (not able, can not, was hing): never half a word
_FUNCTION_WORDS = frozenset("not can may all was are were has had did does and but nor yet few own off far per via "
                            "his her him you your our ours who whom whose why how now then than too also just "
                            "get got let set put see saw say said".split())
_WORD = lazy(r"[^\W\d_]+")
# Two letters that start no English word (nor, lower-case, one of the languages English copy
# borrows from): a second part opening with them is the tail of a word split by a no-break space
# (CoinGri|nder, Bastien Tei|nturier, age|ncies), whatever the first part is, even a name the
# word list lacks. (Capitalised, Nd, Ng, Mb open African names: the join is lower-case here.)
_NO_WORD_START = frozenset("nd nt ng nc nk ns nz rd rt rs rn rm rl rk rg rc rb rp lt ld lk lm lp lf lv ls lb lc "
                           "ck ct ft mp mb tn dn dm gd bd bn bt cd ff ss tt dd pp gg nn rr cc bb zz".split())
# Endings that are never words: "need\u00a0ing" is one word even when the article has no "needing"
_SUFFIXES = frozenset("ing ings tion tions sion sions ation ations ment ments ness ity ities ology ance ence "
                      "ous ive ful ized ised izing ising".split())
# Words written closed that are made of two words (how|ever, with|out, can|not): split by a
# no-break space, which nobody types between the two on purpose, they are one word again
_CLOSED_WORDS = frozenset("however whatever whenever wherever whoever therefore moreover furthermore nevertheless "
                          "nonetheless meanwhile otherwise without within into onto upon cannot "
                          "somebody someone something somehow somewhere everybody everything everywhere anybody "
                          "anything anywhere nobody nothing nowhere throughout whereas whereby thereby "
                          "because itself himself herself myself yourself ourselves themselves".split())
# Words that a short article may write only once and that make closed compounds (on line, any
# one, every day, with out): a part among them is a word, not half of one.
_COMPOUND_PARTS = frozenset("on in out up down over under back any every some no with to for be one day time "
                            "line self way ever more where thing body work side wide the it its we our he she they "
                            "there here what how who all each other another".split())


def _opens_block(text: str, s: int, after: str) -> bool:
    """Would the line, without the run, start with indentation or a block marker (# - > 1.)?"""
    line_start = text.rfind("\n", 0, s) + 1
    return not text[line_start:s].strip() and not (after.isalpha() or after in "“‘\"'(«")


def _holds_lines(text: str, s: int, e: int) -> bool:
    """Is the run alone on a line between two lines of text? Deleting it would split a paragraph."""
    start, end = text.rfind("\n", 0, s) + 1, text.find("\n", e)
    if end < 0 or start == 0 or text[start:s].strip() or text[e:end].strip(" \t" + INVISIBLE):
        return False
    before = text[text.rfind("\n", 0, start - 1) + 1: start - 1]
    after = text[end + 1: (text.find("\n", end + 1) + 1 or len(text) + 1) - 1]
    return bool(before.strip()) and bool(after.strip())


def _plain(ch: str) -> bool:
    """A neighbour in Latin, Greek or Cyrillic text, punctuation, a space or nothing."""
    return not ch or ord(ch) < 0x0530 or 0x1E00 <= ord(ch) <= 0x206F or ch == "\ue000"
