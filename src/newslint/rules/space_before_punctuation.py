"""Space before punctuation: a space before , . ; : ! ? or an apostrophe in prose (French: a no-break space).

English puts no space between a word and the punctuation after it. French typography sets a
no-break space before ; : ! ? (U+202F narrow or U+00A0 full; ``french-space`` chooses the one
the fix inserts): in a French article (front matter ``lang: fr``, a French path or prose, or the
config's language) no space there is reported instead, and so is an ordinary space when the article
sets no-break spaces (or their entities) before a third of these marks or more; an article that
sets fewer leaves them to its renderer, as most French web writing does: its ordinary spaces are its
habit, not slips, and the fix for a missing space inserts an ordinary one there. Canadian usage
(OQLF) sets no space before ; ! ? at all: an article that writes three or more of them against the
word, five times as many as it spaces, follows it (``Non? Vraiment!``): its colons are still asked
for a space, and a space before one of its ; ! ? is the slip (the fix deletes it). A comma or semicolon with its space on
the wrong side (``Medinsky ,said``, ``he wrote ,"We``) gets the space moved after it, and so does a full stop, ``?``
or ``!`` before a capitalised word (``the store .Then we``; not ``the .Gov domains``) or a link whose
text starts with a capital (``organized .[GSA’s framework](url)``), or an acronym the article also
writes alone before a lower-case word (``the system .FDA, led by``; not after a function word:
``apps for .NET developers``). A space
before a doubled comma or stop (``home ,, then``) is reported too; NL101 then keeps one mark.
A space after a link (``[the report](url) ,``) counts as after a word, and a mark before the
end of emphasis (``a decision .**``) as before a closing mark. Code, URLs, HTML and shortcodes are
not prose and are never checked. Not findings: an ellipsis after a space ("and so on ..."), a
spaced ellipsis (". . ."), a decimal or file extension after a space (" .5", " .md"), a
smiley (" :)"), a ? or ! standing alone as a label's value at a line's end ("_Dopad projektu:_ ?"),
and in French, times and ratios (10:30) and a mark right after another (?!).

In English a space before the apostrophe of a contraction or a possessive (``It ’s``, ``the
agency 's``, ``don 't``), left by copy-paste or a typesetting tool, is reported too. Not findings:
a quoted word after a space (``'sure'``, ``the ’d’ key``), ``’s-Hertogenbosch`` and ``Gerard ’t
Hooft``. In French and Italian a space on either side of an elision's apostrophe (``l’ arrivée``,
``d ’un``, ``qu’ il``, ``dell’ anno``) is reported, with a fix that deletes it (not ``un po’ di``:
only the words that elide count), and in Dutch a space before the ’s of a plural or possessive
after a vowel (``foto ’s``, ``thema ’s zoals``, also at a heading's or a phrase's end: ``Belangrijke
thema ’s``; not ``’s avonds``, ``’s werelds`` or ``’s-Hertogenbosch``, nor ``’s avonds`` in a notice too
short to be told Dutch).

Text inside an HTML element that declares its language (``<section lang="fr">``, ``data-lang``,
``xml:lang``) follows that language, as a multilingual post keeps each translation in one: a
French passage of a German article keeps its spaces before ; : ! ?, and a passage in another
language of a French article is not asked for them. Nor is a sentence of a French article whose
function words are plainly another language's ("P.S.: Have you been there yet?", an English
block quote; a sentence too short to tell is judged with its paragraph), while a French sentence
that names an English title (« How to Build the Future » devant nous: …) still is.

Bad:  the head of the Russian delegation, Vladimir Medinsky , said later.
Good: the head of the Russian delegation, Vladimir Medinsky, said later.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterator, Mapping

from .. import language
from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..typography import (HSPACE, PUNCT, entity_at, link_ending_at, near_invisible, opens_sentence, opens_with_acronym,
                          printed, scan)

ID = "NL102"
NAME = "space-before-punctuation"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"marks": ",.;:!?", "french-space": "\u202f"}

_AFTER = "\ue000\"”’»)]…—"  # what may follow the mark besides a space, another mark or the line end
_FRENCH_HIGH = ";:!?"  # French sets a no-break space before these
_NO_BREAK = "\u00a0\u202f"
_GLUED_OK = ";!?"  # Canadian French may set these against the word
_GLUED_HABIT = 3  # that many of them glued, and ...
_GLUED_RATIO = 5  # ... five times as many as are spaced: the article's habit
_NBSP_ENTITY_MARK = lazy(r"&(?:nbsp|#160|#[xX]0*[aA]0|#8239|#[xX]202[fF]);[;:!?]")
# French: before ; : ! ? either spaces (checked for being no-break) or nothing after a word.
# A letter, spaces, then an apostrophe and an English contraction or possessive ending, not a
# quoted word ('sure', the ’d’ key) nor Dutch ’s-Hertogenbosch; ’t only after n (don ’t).
# One pattern per mark, led by the literal space and mark (the engine skips ahead in C); the
# letter and the spaces before are checked in _apostrophes.
_APOSTROPHES = tuple(re.compile(" " + q + r"(?:s|re|ll|ve|d|m|t)(?![\w'’-])") for q in "'’")
# Dutch's old genitive article ’s (des) before a time of day or season (’s avonds, ’s zomers) or in a
# set phrase (’s werelds grootste, ’s lands wijs, ’s Rijks): the words it opens
_GENITIVE_WORDS = ("ochtends morgens middags namiddags avonds nachts winters zomers voorjaars najaars jaars "
                   "maandags dinsdags woensdags donderdags vrijdags zaterdags zondags werelds lands rijks "
                   "konings keizers heren heeren levens hemels gravenhage hertogenbosch").split()
_DUTCH_GENITIVE = lazy(r" (?i:%s)\b" % "|".join(_GENITIVE_WORDS))
_FRENCH = lazy(r"(?:(?<=[^\s\ue000])([ \t\u00a0\u202f]+)|(?<=[\w»)\]”]))([;:!?])(?![;:!?.…])"
                     r"(?=[\s\ue000\"”’»)]|$)", re.M)


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each run of spaces before a punctuation mark, with a safe fix that deletes it."""
    marks = opts["marks"]
    french = doc.language == "fr"
    sections = _sections(doc)
    if french:
        yield from _french(doc, "".join(m for m in marks if m in _FRENCH_HIGH), opts["french-space"], sections)
        marks = "".join(m for m in marks if m not in _FRENCH_HIGH)
    lang = doc.language.split("-")[0]
    yield from _english_apostrophes(doc)
    if lang in _ELISIONS and ("’" in doc.prose_text or "'" in doc.prose_text):
        yield from _elisions(doc, _ELISIONS[lang])
    if not marks:
        return
    pt = doc.prose_text
    n = len(pt)
    for i in scan(doc).spaced:
        mark = pt[i]
        after = pt[i + 1] if i + 1 < n else "\n"
        # "Medinsky ,said", 'he wrote ,"We': the space is on the wrong side (before a word, or a
        # quotation mark that opens one: deleting the space would leave ',"We' glued)
        swapped = mark in ",;" and (after.isalpha() or (after in "“\"" and pt[i + 2: i + 3].isalnum()))
        if mark in ".?!" and (after.isupper() or after in "*_“["):  # "store .Then": so is a stop's before the next sentence
            before = pt[max(0, i - 20): i].rstrip(HSPACE)
            left = before[-1:]
            # (or its emphasis, quotation or link: "program ._This", "he said .“You", "organized .[GSA’s
            # governance](url)": a link's text opens the next sentence, whatever its first word; after a link too)
            first = i + 1 + len(pt[i + 1: i + 4]) - len(pt[i + 1: i + 4].lstrip("*_“["))
            swapped = (left.islower() or (left != "" and left in ")”’\"")
                       or (left == MASK and link_ending_at(doc, i - (len(pt[max(0, i - 20): i]) - len(before))) >= 0)) \
                and pt[first: first + 1].isupper() and (opens_sentence(pt, first) or (after == "[" and _opens_link(doc, i + 1))
                                                        or (mark == "." and after.isupper() and opens_with_acronym(pt, first)
                                                            and _LAST_WORD().search(before) is not None
                                                            and _LAST_WORD().search(before).group() not in _FUNCTION_WORDS))
        doubled = after == mark and _doubled(pt, i)  # "home ,, then": the space, then NL101 the mark
        if mark not in marks or (after == mark and not doubled) or (mark == "." and after == "…") or (mark in ":;" and after in ")]") \
                or not (after.isspace() or after in _AFTER or after in PUNCT or swapped or _closes_emphasis(pt, i + 1)):
            continue  # " ..." and " .5" are no space before a full stop; " :)" smiles; " ;;;" is a run
        s = i - 1
        while s > 0 and pt[s - 1] in HSPACE:
            s -= 1
        if s == 0 or pt[s - 1].isspace() or (pt[s - 1] == MASK and link_ending_at(doc, s) < 0
                                             and not printed(entity_at(doc, s, 1))) \
                or (pt[s - 1] == mark and mark in ",;:"):
            continue  # ", ," is a doubled mark (NL101); code or HTML may end with a space of its own
        if mark in "?!" and _PLACEHOLDER().search(doc.text, max(0, s - 12), s):
            continue  # "Can I drink the water in … ?": an ellipsis standing for a word, spaced as one
        if mark in "?!" and pt[max(0, s - 6): s].rstrip("*_")[-1:] == ":" and after in "\n" + MASK:
            continue  # "_Dopad projektu:_ ?": a label's value not yet known, a mark standing alone
        if mark == "." and not doubled and (pt[s - 1] == "." or pt[i + 1: i + 8].lstrip(HSPACE)[:1] == "."):
            continue  # a spaced ellipsis: ". . ."
        if near_invisible(doc, s, i + 1):
            continue
        if sections and mark in _FRENCH_HIGH and sections.at(i) == "fr":
            continue  # a French passage (<section lang="fr">) sets its space there
        if swapped:
            yield Finding(s, i + 1, f"space before '{mark}' instead of after it; write '{mark} '",
                          Fix.replace(s, i + 1, mark + " ", "Move the space after the mark"))
        else:
            # (French sets a space before ; : ! ?: in an article too short for its language to be
            # told, whose few function words lean French, only a reader knows the space is a slip)
            safe = mark not in _FRENCH_HIGH or not _may_be_french(doc)
            yield Finding(s, i + 1, f"space before '{mark}'", Fix.delete(s, i, "Delete the space", safe=safe))


def _may_be_french(doc: Document) -> bool:
    """Is the article's language the configured one only (no lang, prose too short to tell, no
    path), while its function words, title and description with the body, lean French: two or
    more than twice any other language's (Ouest France: Les Ailes du Chevré : trois éoliennes)?"""
    if doc.language_known or doc.language == "fr":
        return False
    meta = doc.meta
    heads = " ".join(v for v in (meta.get("title"), meta.get("description"), meta.get("summary")) if isinstance(v, str))
    counts = language.passage_counts(f"{heads} {doc.prose_text[doc.body_start:]}")
    fr = counts["fr"]
    return fr >= 2 and all(2 * n < fr for lang, n in counts.items() if lang != "fr")


# An ellipsis on its own, written or as an entity, right before the spaces: a placeholder for a
# word ("the water in … ?"), not the end of a clause.
_PLACEHOLDER = lazy(r"(?:^|\s)(?:…|&#8230;|&#x2026;|&hellip;)\Z", re.I)


def _english_apostrophes(doc: Document) -> list[Finding]:
    """``_apostrophes`` in an English article or, in another, in its English passages (a quotation,
    an announcement kept in its original: its sentences' function words say so), where the
    apostrophes of the article's own language are left."""
    def find() -> list[Finding]:
        if doc.language.split("-")[0] == "en":
            return list(_apostrophes(doc))
        if " ’" not in doc.prose_text and " '" not in doc.prose_text:
            return []
        passages = _passages(doc)
        return [f for f in _apostrophes(doc) if passages.language_at(f.start) == "en"]
    return doc.memo("space-before-punctuation.apostrophes", find)


def spaced_apostrophes(doc: Document) -> list[int]:
    """Where the apostrophes stand that this rule's safe fix joins to their word (``It ’s``,
    ``don 't``). wrong-apostrophe counts them with the apostrophes inside words when it weighs the
    article's style, as they will be once the space is gone: a stray space must not change it."""
    return [f.end - 1 for f in _english_apostrophes(doc)]


def _apostrophes(doc: Document) -> Iterator[Finding]:
    """English: spaces between a word and the apostrophe of its contraction or possessive."""
    pt = doc.prose_text
    for q, rx in zip("'’", _APOSTROPHES):
        first = pt.find(" " + q)  # (str.find skips ahead faster than the regex's own literal search)
        if first < 0:
            continue
        for m in rx.finditer(pt, first):
            s = m.start()
            while s > 0 and pt[s - 1] in " \t":
                s -= 1
            before = pt[s - 1] if s else " "
            if not before.isalpha() or (pt[m.end() - 1] == "t" and before != "n") or near_invisible(doc, s, m.end()):
                continue  # ’t only after n (don ’t), not Gerard ’t Hooft
            if pt[m.end() - 1] == "s" and _DUTCH_GENITIVE().match(pt, m.end()):
                continue  # ’s avonds, ’s morgens: Dutch's old genitive, in a Dutch notice too short to tell
            yield Finding(s, m.start() + 2, "space before the apostrophe",
                          Fix.delete(s, m.start() + 1, "Delete the space"))


# French and Italian: an elided word and its apostrophe are written against the next word
# (l’arrivée, d’un, qu’il, dell’anno, un’idea); a space on either side of the apostrophe is a slip.
# Only the words that elide: not un po’ di, nor a quoted letter after another word.
_ELIDED = {"fr": "l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu",
           "it": "l un dell dall nell sull all coll dagl quest quell c d s m t v anch dov com sant bell tutt"}
_ELISIONS = {lang: re.compile(r"(?<![^\W\d_]|['’])(?i:%s)(?:([ \t]+)['’]([ \t]*)|['’]([ \t]+))(?=[^\W\d_])"
                              % "|".join(sorted(words.split(), key=len, reverse=True)))
             for lang, words in _ELIDED.items()}
# Dutch: the ’s of a plural or possessive after a vowel (foto’s, auto’s, Otto’s, thema’s zoals; a name
# in -e too, Felienne’s, as writers do) written apart from its word; not the old genitive that
# opens a phrase (’s avonds, ’s morgens, ’s werelds grootste, ’s lands, ’s Rijks) nor
# ’s-Hertogenbosch. Before a line's end or a mark that closes a phrase (a heading's "Belangrijke
# thema ’s", "de foto ’s."), it cannot be the genitive, which a noun follows.
_ELISIONS["nl"] = re.compile(r"(?<=[^\W\d_][aeiouyé])([ \t]+)['’]s(?=[ \t]+[^\W\d_]|[ \t]*(?:$|[.,;:!?)\]]))"
                             r"(?![ \t]+(?i:%s)\b)" % "|".join(_GENITIVE_WORDS), re.M)


def _elisions(doc: Document, pattern: re.Pattern[str]) -> Iterator[Finding]:
    """French and Italian elisions and Dutch plurals: spaces next to the apostrophe."""
    for m in pattern.finditer(doc.prose_text):
        for g in range(1, pattern.groups + 1):
            if m.group(g):
                s, e = m.span(g)
                if near_invisible(doc, s, e):
                    continue
                where = "before" if g == 1 else "after"  # (l ’arrivée; l’ arrivée, d’ un)
                yield Finding(s, e, f"space {where} the apostrophe", Fix.delete(s, e, "Delete the space"))


_LAST_WORD = lazy(r"[a-z]+$")
# a sentence does not end on these: "apps for .NET developers", "built with .NET" name a platform
_FUNCTION_WORDS = frozenset("a an the for with in on at to of from by and or using use via into onto about like "
                            "than as".split())


def _opens_link(doc: Document, at: int) -> bool:
    """Does a link's text open at ``at`` (its destination, masked, follows its closing bracket)?"""
    pt = doc.prose_text
    close = pt.find("]", at, at + 400)
    return close > 0 and "\n\n" not in pt[at:close] and pt[close + 1: close + 2] in (MASK, "[", "(")


def _closes_emphasis(pt: str, at: int) -> bool:
    """Does an emphasis run (``*``, ``**``, ``_``) that opened earlier in the paragraph close at
    ``at`` ("a decision .** Large")? Not a glob or a regex (".*" opens nothing)."""
    marker = pt[at: at + 1]
    if marker not in ("*", "_"):
        return False
    end = at
    while pt[end: end + 1] == marker:
        end += 1
    if pt[end: end + 1] not in ("", "\n", " ", "\t") and pt[end] not in PUNCT and pt[end] not in _AFTER:
        return False
    run = pt[at:end]
    floor = max(pt.rfind("\n\n", 0, at), at - 3000)
    opened = pt.rfind(run, floor, at)
    inner = opened + len(run)
    inner += len(pt[inner: inner + 3]) - len(pt[inner: inner + 3].lstrip("*_[“\""))  # _**Name** … (GSA) ._, *[Link] …
    return opened >= 0 and pt[inner: inner + 1].isalnum() \
        and (opened == 0 or not pt[opened - 1].isalnum())


def _doubled(pt: str, i: int) -> bool:
    """A mark typed twice after a space (``home ,, then``, ``home .. The``), not a run or an ellipsis."""
    mark = pt[i]
    if mark not in ",;." or pt[i + 2: i + 3] in (mark, "…"):
        return False
    if mark != ".":
        return True
    nxt = pt[i + 2: i + 8].lstrip(HSPACE)[:1]
    return nxt == "" or nxt.isupper() or nxt in "\n" + MASK  # "so on .. and": a clipped ellipsis, left alone


def _sections(doc: Document) -> language.Sections:
    """The body's passages in an element that declares its language (see language.py)."""
    if "lang" not in doc.text:
        return _NO_SECTIONS
    return doc.memo("language.sections", lambda: language.Sections(language.declared_sections(doc.text, doc.body_start)))


_NO_SECTIONS = language.Sections([])


def _french(doc: Document, marks: str, nbsp: str, sections: language.Sections) -> Iterator[Finding]:
    """French: before ; : ! ? a no-break space, not an ordinary one and not none (not in a
    passage that declares another language)."""
    if not marks:
        return
    pt = doc.prose_text
    ordinary: list[Finding] = []
    missing: list[tuple[int, str]] = []
    entities = _NBSP_ENTITY_MARK().findall(doc.text)
    no_break = len(entities)  # "État&#x202F;!" sets one too
    entity_closing = sum(e[-1] in _GLUED_OK for e in entities)  # ; ! ? with a space before them
    spaced_closing: list[tuple[int, int, str]] = []  # ; ! ? after a space in the prose
    passages = _passages(doc)
    for m in doc.prose_matches(_FRENCH()):
        mark = m.group(2)
        if mark not in marks:
            continue
        if sections and sections.at(m.start(2)) not in (None, "fr"):
            continue  # <div lang="en">: English there
        if m.group(1) is None:
            s = m.start(2)
            if mark == ":" and pt[s - 1: s].isdigit():
                continue  # 10:30, 1:2
            if mark == ":" and _emoji_code_end(pt, s):
                continue  # :calendar: Date de publication: an emoji code's closing colon
            if mark == ":" and pt[s + 1: s + 2] == MASK and pt[max(0, s - 3): s].lower() == "url":
                continue  # <URL:http://ftp.ruby-lang.org/…>: RFC 1738's label glued to its address
            if passages.other_language(s):
                continue  # "P.S.: Have you been there yet?": English there
            missing.append((s, mark))
            continue
        if mark == ":" and _emoji_code_end(pt, m.start(1)):
            yield Finding(m.start(1), m.end(2), "space inside an emoji code before its closing ':'; delete it",
                          Fix.delete(m.start(1), m.end(1), "Delete the space"))
            continue  # :calendar : Date de publication: the code no longer prints its pictogram
        if mark in _GLUED_OK and not passages.other_language(m.start(2)):
            spaced_closing.append((m.start(1), m.end(1), mark))
        if any(ch not in _NO_BREAK for ch in m.group(1)) and not passages.other_language(m.start(2)):
            ordinary.append(Finding(m.start(1), m.end(2),
                                    f"ordinary space before '{mark}'; French sets a no-break space there",
                                    Fix.replace(m.start(1), m.end(1), nbsp, "Use a no-break space")))
        else:
            no_break += 1
    habit = 3 * no_break >= len(ordinary) + no_break  # no-break spaces: a third or more of them
    glued = sum(mark in _GLUED_OK for _, mark in missing)
    if glued >= _GLUED_HABIT and not entity_closing and _GLUED_RATIO * len(spaced_closing) <= glued:
        # Canadian usage (OQLF): no space before ; ! ? (a colon keeps its space). An article that
        # writes them so, and spaces hardly one, follows it: its glued marks are not slips, and a
        # space before one of them is (a colon is still asked for its space)
        missing = [(s, mark) for s, mark in missing if mark not in _GLUED_OK]
        ordinary = [f for f in ordinary if pt[f.end - 1] not in _GLUED_OK]
        for s, e, mark in spaced_closing:
            yield Finding(s, e + 1, f"space before '{mark}' in an article that sets none before ; ! ?; delete it",
                          Fix.delete(s, e, "Delete the space"))
    for s, mark in missing:  # the space the article sets: a missing one is restored as its habit has it
        space, kind = (nbsp, "no-break space") if habit else (" ", "space")
        yield Finding(s - 1, s + 1, f"no space before '{mark}'; French sets a {kind} there",
                      Fix.insert(s, space, f"Insert a {kind}"))
    if habit:  # ordinary spaces in an article that mostly sets no-break ones are slips
        yield from ordinary


_EMOJI_CODE = lazy(r"(?<![^\s(\[*_\ue000])(?::[a-z0-9_+-]{1,40})$")


def _emoji_code_end(pt: str, s: int) -> bool:
    """Is the colon at ``s`` the end of an emoji code (``:calendar:``, ``:fontawesome-solid-comments:``,
    ``:+1:``), which GitHub, Material for MkDocs and chat-style Markdown print as a pictogram? Its
    opening colon stands at a word's start, after a space, a bracket, a list marker or the line's start."""
    return _EMOJI_CODE().search(pt, max(0, s - 42), s) is not None


# A sentence ends at a full stop, ? ! or … before a space (and any closing marks between)
_SENTENCE_END = lazy(r"[.!?…][\"”’»)\]*]*(?=\s|$)")


def _passages(doc: Document) -> "_Passages":
    pt = doc.prose_text
    return doc.memo("space-before-punctuation.passages", lambda: _Passages(pt))


class _Passages:
    """The prose's sentences and paragraphs, found once, each one's function words counted once
    when first asked: a French article may have thousands of marks in one paragraph."""

    def __init__(self, pt: str) -> None:
        self.pt = pt
        self.ends = [m.end() for m in _SENTENCE_END().finditer(pt)]
        self.breaks: list[int] = []  # where paragraphs end ("\n\n")
        k = pt.find("\n\n")
        while k >= 0:
            self.breaks.append(k)
            k = pt.find("\n\n", k + 2)
        self._counts: dict[tuple[int, int], Any] = {}

    def counts(self, start: int, end: int) -> Any:
        found = self._counts.get((start, end))
        if found is None:
            found = self._counts[start, end] = language.passage_counts(self.pt[start:end])
        return found

    def other_language(self, at: int) -> bool:
        """Is the sentence around the mark at ``at`` plainly in another language than French (an
        English sentence or quotation in a French article)?"""
        found = self.language_at(at)
        return found is not None and found != "fr"

    def language_at(self, at: int) -> str | None:
        """The language the sentence around ``at`` is plainly in, by its function words, or None;
        a sentence with fewer than two of them ("Really?") is judged with its paragraph (an
        English block quote)."""
        p = bisect.bisect_right(self.breaks, at)
        para_start = self.breaks[p - 1] + 2 if p else 0
        para_end = self.breaks[p] if p < len(self.breaks) else len(self.pt)
        k = bisect.bisect_right(self.ends, at)
        start = max(para_start, self.ends[k - 1] if k else 0)
        end = min(para_end, self.ends[k] if k < len(self.ends) else len(self.pt))
        counts = self.counts(start, end)
        if sum(counts.values()) < 2:
            counts = self.counts(para_start, para_end)
        return language.passage_language(counts)
