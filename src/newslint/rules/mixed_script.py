"""Mixed script: a Latin word with a Cyrillic or Greek look-alike letter in it (`Аpple`).

Translated and pasted copy mixes keyboard layouts: a Cyrillic `а`, `е`, `о`, `р`, `с` or a
Greek `Ο` inside a Latin word looks right and breaks search, spelling, name matching and
sorting. The fix replaces the look-alikes with the Latin letters (safe: every other letter of
the word is Latin). In a Cyrillic word, a Latin look-alike (`Kиев` with a Latin K) gets the
Cyrillic letter. When every letter has a twin the article's language decides, and the fix is
safe only if most letters already are in that script; a Latin w, d, q or l settles it for
Latin ("wау": their Cyrillic twins belong to no Cyrillic-language alphabet newslint knows). The
look-alikes are listed in rules/typography.yaml.

Chinese and Japanese input methods give fullwidth punctuation (`，` `：` `；` `！` `？` `（` `）`
and the ideographic `、` `。`); glued to a Latin word (`members， but`) it is the same slip, and
the fix writes the ASCII mark (with a space where a word is glued to it), safe. So does the
Greek question mark (U+037E), a look-alike of the semicolon, after a Latin word (`old; it`).

Look-alikes from other Unicode blocks in Latin text are the same slip, or a spoofing tool's:
a ligature (`ﬁnance`), fullwidth letters (`Ａgency`), mathematical letters (`𝐓he`, or a word
styled wholly in them, which a quoted post may use: its fix is unsafe), letter-like symbols
(`ℓocal`), Roman numeral characters (`Ⅱ`), a dotless ı in an English word (`polıtics`), and
punctuation that passes for an ASCII mark where that mark belongs (a one dot leader or an
Armenian full stop after a word, a minus sign or hyphen bullet between two letters, a fraction
slash between two words, the click letter ǃ at a word's end: rules/typography.yaml). The fix
writes Unicode's compatibility form (`fi`, `A`, `T`, `l`, `II`) or the ASCII mark. A Latin
letter written with a combining accent that Unicode composes (`cafe` + ◌́, decomposed text
from a Mac file name or a PDF) looks like the composed letter but is two characters to search
and name matching: the safe fix writes the composed one (`café`); not a stress mark on a
Cyrillic letter, which has no composed form.

The words of front-matter values other than the prose fields are read too (`tags: [Мakers]`:
another tag than Makers; a mostly Latin word only), and so are the words of link targets and
bare URLs (`twitter.com/everykidіnapark`: the link goes nowhere), the host excepted
(malformed-url reports a mixed host); a word of a URL with a mistyped scheme, prose too, is
reported once, as the URL's. A fullwidth ASCII form between two ASCII characters in the path of a
link's, image's, definition's, tag's or bare URL (`example.com/a，b`, `/ｒeport`) is the input method's
slip too, as in a ref shortcode's path: the fix writes the ASCII character (not in a URL with
CJK letters of its own, `wiki/北京，上海`; unsafe for a mark with only a word after it in a bare
URL, whose end is a guess: `example.com/report，and`). A link's title is read for look-alikes
too (`[x](url "The Аnnual Report")`, `"Ｂudget"`): the masker hides it, but it shows as a tooltip.

Not findings: fullwidth punctuation between CJK characters (`北京，上海`) or between the Latin items
of a list in a Chinese or Japanese sentence (`uri gem 0.12.1、0.11.1 をリリース`), a fullwidth pair of
parentheses round a Latin word in CJK text (`人工智能（AI）`, `ChatGPT （OpenAI开发的模型）`), fullwidth letters
among Chinese or Japanese text, a dotless ı in a Turkish name (`Kılıçdaroğlu`), a fraction
(`1⁄2`), a minus sign before a number (`−5`), the click letter starting a word (`ǃKung`); genuine Cyrillic or Greek words (`Поиск`, `wiki/Москва`), Greek letters used as
symbols next to Latin ones (`ΔF`, `μs`, `NetΣyn`: Δ, μ, Σ look like no Latin letter), and a
word whose other letters do not settle the script.

Bad:  Apple and Miсrosoft (with a Cyrillic с) said so.
Good: Apple and Microsoft said so.
Bad:  The ministry cut the ﬁnance budget for the well−known palace.
Good: The ministry cut the finance budget for the well-known palace.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterator, Mapping

from ..document import Document
from ..frontmatter import reads_as_text
from ..links.host import path_start
from ..links.targets import link_titles, non_ascii_values, ref_paths, targets
from ..model import Finding, Fix
from ..patterns import lazy
from ..typography import data, near_invisible, scan, wide, word_around

ID = "NL121"
NAME = "mixed-script"
SEVERITY = "warning"
FIXABLE = True
FIX_FIRST = True  # (the text it restores is what the other rules read: its fixes go first)
DEFAULTS: dict[str, Any] = {}

_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report words that mix Latin letters with Cyrillic or Greek look-alikes."""
    in_urls = list(_in_urls(doc))
    yield from in_urls
    yield from _in_front_matter(doc)
    yield from _fullwidth(doc)
    yield from _in_ref_paths(doc)
    yield from _in_titles(doc)
    sc = scan(doc)
    if sc.lookalikes:
        yield from _lookalikes(doc, sc.lookalikes, reported={i for f in in_urls for i in range(f.start, f.end)})
    if not sc.script:
        return
    # A URL the masker missed (a mistyped scheme) is prose too: its words reported as a URL's
    # are not reported again
    reported = {i for f in in_urls for i in range(f.start, f.end)}
    pt = doc.prose_text
    to_latin = data()["confusables"]
    to_cyrillic = _reverse(to_latin)
    done = -1
    for i in sc.script:
        if i < done:
            continue
        s, e = word_around(pt, i, i + 1)
        done = e
        if reported and not reported.isdisjoint(range(s, e)):
            continue
        word = pt[s:e]
        latin = [ch for ch in word if _is_latin(ch)]
        if not latin or near_invisible(doc, s, e, margin=1):
            continue  # no Latin letter; or NL120 first deletes a character that splits the word
        foreign = [ch for ch in word if ch.isalpha() and not _is_latin(ch)]
        if not foreign:
            continue  # a Greek question mark (;) glued to the word: _fullwidth's, no letter to change
        latin_fix = all(ch in to_latin for ch in foreign)
        cyrillic_fix = all(ch in to_cyrillic for ch in latin) and all(_is_cyrillic(ch) for ch in foreign)
        if latin_fix and cyrillic_fix:  # every letter has a twin: which script was typed?
            cyrillic, safe = _twin_script(len(latin), len(foreign), doc.language in _CYRILLIC_LANGUAGES)
            latin_fix, cyrillic_fix = not cyrillic, cyrillic
        else:
            safe = True
        if cyrillic_fix:
            fixed = "".join(to_cyrillic.get(ch, ch) for ch in word)
            yield Finding(s, e, f"Cyrillic word '{word}' contains Latin look-alike letters ({''.join(latin)}); "
                          f"use '{fixed}'", Fix.replace(s, e, fixed, "Use the Cyrillic letters", safe=safe))
        elif latin_fix:
            fixed = "".join(to_latin.get(ch, ch) for ch in word)
            script = "Cyrillic" if any(_is_cyrillic(ch) for ch in foreign) else "Greek"
            yield Finding(s, e, f"'{word}' mixes Latin letters with {script} look-alikes "
                          f"({''.join(foreign)}); use '{fixed}'",
                          Fix.replace(s, e, fixed, "Use the Latin letters", safe=safe))


def _twin_script(latin: int, foreign: int, cyrillic_text: bool) -> tuple[bool, bool]:
    """For a word whose every letter has a twin in the other script: is it a Cyrillic word, and
    is the fix safe? The article's language decides, and the fix is safe when most of the word's
    letters are already in that script. A word typed three to one in the other script is that
    script's, whatever the language (Apachе, one Cyrillic е, in a Russian article: a name
    written in Latin letters; Сахарa in an English one: a Russian word), and its fix is safe."""
    if latin != foreign and max(latin, foreign) >= 3 * min(latin, foreign) and (foreign > latin) != cyrillic_text:
        return foreign > latin, True
    return cyrillic_text, (foreign > latin) == cyrillic_text and latin != foreign


# The Greek question mark U+037E looks like a semicolon and is one in Greek (NFC turns it into ;):
# Greek keyboards and converters put it into English copy.
_FULLWIDTH = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "、": ",", "。": ".",
              "．": ".", "｡": ".", "\u037e": ";"}
# After a Latin letter or digit (a closing mark also after a space), or an opening one before a Latin letter.
_FULLWIDTH_MARK = lazy("[，：；！？）、。．｡\u037e](?<=[A-Za-z0-9].)|（(?=[A-Za-z0-9])")


def _fullwidth(doc: Document) -> Iterator[Finding]:
    """CJK fullwidth punctuation glued to a Latin word: the ASCII mark, a space after it where a
    word follows at once."""
    pt = doc.prose_text
    # (ten scans for one character each, at C speed: the pattern would take 50 times as long. The
    # text is asked: each prose character is the text's at the same offset, and a text with no
    # character beyond Latin-1 (a third of articles) answers without a scan, while the prose
    # view, whose masks are private-use characters, never does)
    text = doc.text
    if not any(ch in text for ch in _FULLWIDTH) or not any(ch in pt for ch in _FULLWIDTH):
        return
    for m in _FULLWIDTH_MARK().finditer(pt):
        ch = m.group()
        if _in_cjk(pt, m.start(), m.end()) or _in_cjk_sentence(pt, m.start(), m.end()):
            continue  # （@taijuさんは…なぁw）そうですね, PythonのAPI（Application）: the marks of CJK text
        if ch in "（）" and _cjk_pair(pt, m.start()):
            continue  # 李（Li）, ChatGPT （OpenAI开发的模型）: a pair of CJK text's own, round a Latin word
        ascii_mark = _FULLWIDTH[ch]
        after = pt[m.end(): m.end() + 1]
        if ascii_mark != "(" and after.isalnum() and after.isascii():
            ascii_mark += " "  # the fullwidth mark's own width stood for the space: members，but
        elif ascii_mark == "(" and pt[m.start() - 1: m.start()].isalnum():
            ascii_mark = " ("  # few（really few）stay
        what = "Greek question mark (;)" if ch == "\u037e" else f"fullwidth {ch}"
        yield Finding(m.start(), m.end(), f"{what} in Latin text; use '{ascii_mark.strip()}'",
                      Fix.replace(m.start(), m.end(), ascii_mark, f"Use '{ascii_mark.strip()}'"))


def _cjk_letter(ch: str) -> bool:
    return wide(ch) and ch not in _FULLWIDTH and ch not in "\uff08\u3000"


def _in_cjk(pt: str, s: int, e: int) -> bool:
    """Does the fullwidth mark at ``[s, e)`` stand in Chinese or Japanese text: a CJK character right
    after it, or right before the Latin word (or name, handle, number) it is glued to? A Latin word
    inside CJK text takes the text's marks (PythonのAPI（Application）が…, 使ったw）そう). Closing
    quotes after the mark and opening ones before the word are looked past (说：“OK。”然后), and so
    is the space inside a name of capitalised words (他来自New York。)."""
    j = e
    while j < len(pt) and j - e < 3 and pt[j] in _CLOSERS:
        j += 1
    if _cjk_letter(pt[j: j + 1]):
        return True
    i, spaces = s, 0
    while i > 0 and s - i < 40:
        c = pt[i - 1]
        if c.isascii() and (c.isalnum() or c in "@#._-'&+"):
            i -= 1
        elif c == " " and spaces < 2 and pt[i: i + 1].isupper() and pt[i - 2: i - 1].isalnum() \
                and pt[i - 2: i - 1].isascii():
            spaces += 1  # (New York: a name of capitalised words, not a Latin sentence)
            i -= 1
        else:
            break
    k = i
    while k > 0 and i - k < 3 and (pt[k - 1] in _OPENERS or pt[k - 1] in _FULLWIDTH):
        k -= 1
    return _cjk_letter(pt[k - 1: k])


def _in_cjk_sentence(pt: str, s: int, e: int) -> bool:
    """Does the fullwidth mark at ``[s, e)`` part the items of a Latin list inside a Chinese or
    Japanese sentence (``uri gem 0.12.1、0.11.1、0.10.2 をリリース``, ``Ruby 2.7、Ruby 3.0 です``,
    a line that opens with ``0.12.0、0.11.0 および…``)? The Latin stretch round it (ASCII, spaces and
    the list's other fullwidth marks) runs to a CJK letter on both sides, or on one side with the
    line's other end on the other in a line of more CJK letters than Latin ones; and it holds no
    run of three lower-case words, which a Latin sentence (``members， but the council``) has.
    _in_cjk looks only at the word glued to the mark, which here is a version or a name."""
    n = len(pt)
    i = s
    while i > 0 and pt[i - 1] != "\n" and _in_stretch(pt[i - 1]):
        i -= 1
    j = e
    while j < n and pt[j] != "\n" and _in_stretch(pt[j]):
        j += 1
    left = _cjk_letter(pt[i - 1: i])
    right = _cjk_letter(pt[j: j + 1])
    if not (left or right) or _LATIN_RUN().search(pt, i, j):
        return False
    if left and right:
        return True
    if (not left and i > 0 and pt[i - 1] != "\n") or (not right and j < n and pt[j] != "\n"):
        return False  # (a character of another kind ends the stretch: not the line's end)
    line_start = pt.rfind("\n", 0, s) + 1
    line_end = pt.find("\n", e)
    line = pt[line_start: n if line_end < 0 else line_end]
    cjk = sum(1 for ch in line if _cjk_letter(ch))
    return cjk > sum(1 for ch in line if ch.isascii() and ch.isalpha())


def _in_stretch(ch: str) -> bool:
    """May ``ch`` stand in the Latin stretch of a CJK sentence: ASCII, a fullwidth mark, a space of
    another kind, a format character (an invisible one NL120 deletes) or a mask's placeholder?"""
    return ch.isascii() or ch in _FULLWIDTH or unicodedata.category(ch) in ("Zs", "Cf", "Co")


_LATIN_RUN = lazy(r"\b[a-z]+ [a-z]+ [a-z]+\b")  # three lower-case words in a row: Latin prose
_CLOSERS = frozenset("”’」』》〉）\"'")
_OPENERS = frozenset("“‘「『《〈（\"'")


def _cjk_pair(pt: str, at: int) -> bool:
    """Is the fullwidth parenthesis at ``at`` one of a pair that stands in Chinese or Japanese
    text: a CJK character right before its opening mark or right after its closing one, or
    inside it? Its partner is looked for in the paragraph (400 characters at most)."""
    step = 1 if pt[at] == "（" else -1
    depth, i = 0, at
    limit = at + 400 * step
    while 0 <= i < len(pt) and i != limit:
        c = pt[i]
        if c == "\n" and "\n" in (pt[i - 1: i], pt[i + 1: i + 2]):
            return False  # (the paragraph's end)
        depth += (c == "（") - (c == "）")
        if depth == 0:
            s, e = (at, i) if step == 1 else (i, at)
            return (_cjk_letter(pt[s - 1: s]) or _cjk_letter(pt[e + 1: e + 2])
                    or any(_cjk_letter(x) for x in pt[s + 1: e]))
        i += step
    return False


def _lookalikes(doc: Document, found: list[int], reported: set[int]) -> Iterator[Finding]:
    """Letters and marks from other Unicode blocks in Latin text: ligatures (ﬁ), fullwidth letters
    (Ａ), mathematical letters (𝐓), letter-like symbols (ℓ), Roman numerals (Ⅱ), the dotless ı
    in an English word, and punctuation look-alikes (rules/typography.yaml). The fix writes
    the plain form (Unicode's compatibility mapping); it is unsafe only for a word written
    wholly in mathematical letters (styled on purpose, as a quoted post may be)."""
    pt = doc.prose_text
    punctuation = data()["lookalike-punctuation"]
    english = doc.language_tag.lower().startswith("en")
    done = -1
    for i in found:
        if i < done or i in reported:
            continue
        c = pt[i]
        before, after = pt[i - 1: i], pt[i + 1: i + 2]
        if "\u0300" <= c <= "\u036f":
            finding = _decomposed(pt, i, reported)
            if finding is not None:
                yield finding
            continue
        if c in punctuation:
            if _punctuation_slip(c, before, after):
                plain = punctuation[c]
                yield Finding(i, i + 1, f"look-alike {unicodedata.name(c, 'mark').lower()} ({c}) in Latin text; "
                              f"use '{plain}'", Fix.replace(i, i + 1, plain, f"Use '{plain}'"))
            continue
        s, e = i, i + 1
        while s > 0 and pt[s - 1].isalnum():
            s -= 1
        while e < len(pt) and pt[e].isalnum():
            e += 1
        done = e
        word = pt[s:e]
        if any(wide(ch) and not _fullwidth_form(ch) for ch in word):
            continue  # fullwidth letters among Chinese or Japanese text are that text's
        if (wide(pt[s - 1: s]) or wide(pt[e: e + 1])) and not any(_math(ch) for ch in word):
            continue  # ... but a mathematical letter is no CJK typography: 「𝐉apan-Stammtisch」
        if c == "\u0131" or "\u0131" in word:
            if not english or not _dotless_slip(word):
                continue  # Turkish and Azerbaijani names (Kılıçdaroğlu) keep their dotless i
        fixed = "".join("i" if ch == "\u0131" else unicodedata.normalize("NFKC", ch) for ch in word)
        if fixed == word or any(ord(ch) >= 0x250 for ch in fixed):
            continue
        odd = [ch for ch in word if ord(ch) >= 0x250 or ch == "\u0131"]
        kinds = sorted({_lookalike_kind(ch) for ch in odd})
        letters = [ch for ch in word if ch.isalpha()]
        styled = bool(letters) and all(_math(ch) for ch in letters)
        yield Finding(s, e, f"'{word}' is written with {' and '.join(kinds)} ({''.join(dict.fromkeys(odd))}); "
                      f"use '{fixed}'", Fix.replace(s, e, fixed, "Use the plain letters", safe=not styled))


def _decomposed(pt: str, i: int, reported: set[int]) -> Finding | None:
    """A Latin letter and the combining accents after it that Unicode writes as one letter (e +
    ◌́ = é): it looks the same, but search, sorting and name matching see two characters. The
    fix writes the composed letter (NFC). Only the first accent of a run is asked (the others
    follow it), and not one after a letter with no composed form (Cyrillic а + ◌́, a stress mark)."""
    if i == 0 or "\u0300" <= pt[i - 1] <= "\u036f" or not pt[i - 1].isalpha() or ord(pt[i - 1]) >= 0x250 \
            or i - 1 in reported:
        return None
    e = i + 1
    while e < len(pt) and "\u0300" <= pt[e] <= "\u036f":
        e += 1
    composed = unicodedata.normalize("NFC", pt[i - 1:e])
    if composed == pt[i - 1:e] or len(composed) >= e - i + 1:
        return None
    return Finding(i - 1, e, f"'{composed}' is written as a letter and a combining accent (decomposed); "
                             "use the composed letter", Fix.replace(i - 1, e, composed, "Use the composed letter"))


def _punctuation_slip(c: str, before: str, after: str) -> bool:
    """Does the look-alike stand where its ASCII twin would?"""
    latin_before = before.isalnum() and ord(before) < 0x250
    if c in "\u2024\u0589\ua789":  # a stop or colon: after a Latin letter or digit
        return latin_before
    if c == "\u01c3":  # an exclamation mark: at a Latin word's end (the click letter starts ǃKung)
        return before.isalpha() and ord(before) < 0x250 and not after.isalnum()
    if c in "\u2044\u2215":  # a slash between two words (1⁄2 is a fraction)
        return before.isalpha() and after.isalpha() and ord(before) < 0x250
    return before.isalpha() and after.isalpha() and ord(before) < 0x250 and ord(after) < 0x250  # a hyphen


def _dotless_slip(word: str) -> bool:
    """An English word with a dotless ı for its i (polıtics), nothing Turkish about it."""
    from ..resources import english_words

    if any(ch in "ğĞşŞçÇöÖüÜİ" for ch in word):
        return False
    return word.replace("\u0131", "i").lower() in english_words()



def _fullwidth_form(ch: str) -> bool:
    return "\uff01" <= ch <= "\uff5e"


def _math(ch: str) -> bool:
    return "\U0001d400" <= ch <= "\U0001d7ff"


def _lookalike_kind(ch: str) -> str:
    if ch == "\u0131":
        return "a dotless ı"
    if "\ufb00" <= ch <= "\ufb06":
        return "a ligature"
    if _fullwidth_form(ch):
        return "fullwidth characters"
    if _math(ch):
        return "mathematical letters"
    if "\u2160" <= ch <= "\u217f":
        return "a Roman numeral character"
    return "a letter-like symbol"


def _in_urls(doc: Document) -> Iterator[Finding]:
    """Look-alikes in the words of the paths of link targets and bare URLs (not prose, but the
    link goes nowhere): only where every foreign letter has a Latin twin."""
    to_latin = data()["confusables"]
    for target in targets(doc):
        url = target.url
        if url.isascii():
            continue
        yield from _fullwidth_in_url(target)
        for m in _LETTERS().finditer(url, path_start(url)):
            word = m.group()
            foreign = [ch for ch in word if not _is_latin(ch)]
            if not foreign or len(foreign) == len(word) or not all(ch in to_latin for ch in foreign):
                continue  # Latin (Zürich), another script (wiki/Москва), or a letter with no Latin twin
            s, e = target.start + m.start(), target.start + m.end()
            fixed = "".join(to_latin.get(ch, ch) for ch in word)
            yield Finding(s, e, f"'{word}' in a URL mixes Latin letters with look-alikes ({''.join(foreign)}); "
                          f"use '{fixed}'", Fix.replace(s, e, fixed, "Use the Latin letters", reshapes=True))


_LETTERS = lazy(r"[^\W\d_]+")


def _fullwidth_in_url(target: Any) -> Iterator[Finding]:
    """A fullwidth ASCII form (U+FF01-FF5E: ``，`` ``（`` ``ｒ``) between two ASCII characters in a
    URL's path (``example.com/a，b``): a Chinese or Japanese input method's slip; the browser
    encodes it and the link goes elsewhere. The fix writes the ASCII character, as in a ref
    shortcode's path. Not in a URL with CJK letters of its own (``wiki/北京，上海``): that
    text's marks. In a bare URL, whose end the masker guesses (it runs to the next space), a
    fullwidth letter, digit or path mark is the URL's (``example.com/ｒeport``, ``status／519``),
    and so is a sentence's mark the path goes on after (``example.com/a，b/c``); a sentence's mark
    with only a word after it may be a comma glued to the URL (``example.com/report，and``): its
    fix is unsafe."""
    url = target.url
    if any(_cjk_letter(ch) and not _fullwidth_form(ch) for ch in url):
        return
    bare = target.source == "bare"
    for i, ch, fixed in _ascii_slips(url, max(path_start(url), 1), len(url)):
        safe = not bare or fixed not in ",.:;!?)" or _PATH_GOES_ON().search(url, i + 1) is not None
        yield Finding(target.start + i, target.start + i + 1, f"fullwidth {ch} in a URL; use '{fixed}'",
                      Fix.replace(target.start + i, target.start + i + 1, fixed, f"Use '{fixed}'", safe=safe,
                                  reshapes=True))


_PATH_GOES_ON = lazy(r"[/?=&#]|\.[A-Za-z0-9]")  # (a path's, a query's or a file name's mark after it)


def _ascii_slips(text: str, start: int, end: int) -> Iterator[tuple[int, str, str]]:
    """(offset, character, its ASCII form) of each fullwidth ASCII form (U+FF01-FF5E) between two
    ASCII characters in ``text[start:end]`` (a URL's or a ref path's: an input method's slip)."""
    for i in range(start, end):
        ch = text[i]
        if _fullwidth_form(ch) and text[i - 1].isascii() and text[i + 1: i + 2].isascii():
            yield i, ch, unicodedata.normalize("NFKC", ch)


def _in_ref_paths(doc: Document) -> Iterator[Finding]:
    """Look-alikes in the path of a Hugo ref or relref shortcode (``{{< ref "posts/foo，bar.md" >}}``,
    ``"pоsts/a.md"`` with a Cyrillic о): a fullwidth ASCII form (U+FF01-FF5E) beside an ASCII
    character, and a mostly Latin word whose every foreign letter has a Latin twin. A page file's
    name in CJK text keeps its marks (``你好，世界.md``). The fix writes the ASCII character."""
    text = doc.text
    to_latin = data()["confusables"]
    for s0, e0 in ref_paths(doc):
        for i, ch, fixed in _ascii_slips(text, s0, e0):
            yield Finding(i, i + 1, f"fullwidth {ch} in the path of a ref shortcode; use '{fixed}'",
                          Fix.replace(i, i + 1, fixed, f"Use '{fixed}'"))
        for m in _LETTERS().finditer(text, s0, e0):
            word = m.group()
            foreign = [ch for ch in word if not _is_latin(ch)]
            if not foreign or len(foreign) * 2 >= len(word) or not all(ch in to_latin for ch in foreign):
                continue
            fixed = "".join(to_latin.get(ch, ch) for ch in word)
            yield Finding(m.start(), m.end(), f"'{word}' in the path of a ref shortcode mixes Latin letters "
                          f"with look-alikes ({''.join(foreign)}); use '{fixed}'",
                          Fix.replace(m.start(), m.end(), fixed, "Use the Latin letters"))


def _in_front_matter(doc: Document) -> Iterator[Finding]:
    """Look-alikes in the words of front-matter values that are not prose fields (tags,
    categories, authors, keywords: a tag spelt with a Cyrillic М is another tag). Only a
    mostly Latin word whose every foreign letter has a Latin twin; the fix is safe."""
    spans = non_ascii_values(doc)
    if not spans:
        return
    text = doc.text
    to_latin = data()["confusables"]
    cyrillic_text = doc.language in _CYRILLIC_LANGUAGES
    to_cyrillic = _reverse(to_latin) if cyrillic_text else {}
    for s0, e0 in spans:
        for m in _LETTERS().finditer(text, s0, e0):
            word = m.group()
            latin = [ch for ch in word if _is_latin(ch)]
            foreign = [ch for ch in word if not _is_latin(ch)]
            if not foreign or len(latin) <= len(foreign) or not all(ch in to_latin for ch in foreign):
                continue  # Latin (Zürich), another script (Москва), or no Latin twin to write
            if cyrillic_text and all(ch in to_cyrillic for ch in latin):
                continue  # every letter has a twin and the article is Cyrillic: which slip is it?
            fixed = "".join(to_latin.get(ch, ch) for ch in word)
            # (unsafe when the plain value would then read as another kind of value: Тrue, a boolean)
            safe = text[s0] in "'\"|>" or reads_as_text(text[s0:m.start()] + fixed + text[m.end():e0])
            yield Finding(m.start(), m.end(), f"'{word}' mixes Latin letters with look-alikes "
                          f"({''.join(foreign)}); use '{fixed}'", Fix.replace(m.start(), m.end(), fixed,
                                                                              "Use the Latin letters", safe=safe))


def _in_titles(doc: Document) -> Iterator[Finding]:
    """Look-alikes in the words of a link's title (``[x](url "The Аnnual Report")``): the masker
    hides titles from prose, but they show as a tooltip and to screen readers, and search reads
    them. A mostly Latin word whose every foreign letter has a Latin twin (Cyrillic, Greek) or a
    compatibility form (fullwidth letters, ligatures); the fix is safe and reshapes the link
    (the structure guard otherwise keeps a link's destination and title as they were)."""
    text = doc.text
    titles = [] if text.isascii() else [(s, e) for s, e in link_titles(doc) if not text[s:e].isascii()]
    if not titles:
        return
    to_latin = data()["confusables"]
    cyrillic_text = doc.language in _CYRILLIC_LANGUAGES
    to_cyrillic = _reverse(to_latin) if cyrillic_text else {}
    for s0, e0 in titles:
        for m in _LETTERS().finditer(text, s0, e0):  # (a fullwidth letter is a letter too)
            word = m.group()
            if word.isascii():
                continue
            latin = [ch for ch in word if _is_latin(ch)]
            foreign = [ch for ch in word if not _is_latin(ch)]
            plain = {ch: to_latin.get(ch) or _compatible(ch) for ch in foreign}
            if not foreign or len(latin) <= len(foreign) or not all(plain.values()):
                continue  # Latin (Zürich), another script (Москва), or no Latin twin to write
            if cyrillic_text and all(ch in to_cyrillic for ch in latin):
                continue  # every letter has a twin and the article is Cyrillic: which slip is it?
            fixed = "".join(plain.get(ch, ch) for ch in word)
            yield Finding(m.start(), m.end(), f"'{word}' in a link's title mixes Latin letters with look-alikes "
                          f"({''.join(dict.fromkeys(foreign))}); use '{fixed}'",
                          Fix.replace(m.start(), m.end(), fixed, "Use the Latin letters", reshapes=True))


def _compatible(ch: str) -> str:
    """The Latin letters of a fullwidth letter or a ligature (Ａ: A, ﬁ: fi), else ""."""
    if not (_fullwidth_form(ch) or "\ufb00" <= ch <= "\ufb06"):
        return ""
    plain = unicodedata.normalize("NFKC", ch)
    return plain if plain.isascii() and plain.isalpha() else ""



def _is_latin(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < 0x0250 or 0x1E00 <= ord(ch) <= 0x1EFF


def _is_cyrillic(ch: str) -> bool:
    return 0x0400 <= ord(ch) <= 0x052F


_REVERSED: dict[str, str] = {}
# Look-alikes from the alphabets of Abkhaz, Kurdish and the like (ԁ ԛ ԝ ӏ): no word of the
# Cyrillic languages above has them, so a Latin w, d, q or l makes the word Latin ("wау")
_RARE_CYRILLIC = frozenset("ԀԁԚԛԜԝӀӏ")


def _reverse(table: dict[str, str]) -> dict[str, str]:
    """Latin letter → its Cyrillic look-alike (only single-letter, undecorated pairs)."""
    if not _REVERSED:
        for cyr, lat in table.items():
            if _is_cyrillic(cyr) and lat.isascii() and cyr not in _RARE_CYRILLIC:
                _REVERSED.setdefault(lat, cyr)
    return _REVERSED
