"""Repeated space: two or more spaces (or a tab, or a space that is not a space) between words in prose.

A doubled space is invisible in the editor and shows up in print, in search snippets and in
feeds; a tab between words, pasted from a spreadsheet or a word processor, is reported too, and
so is a typographer's space that passes for a space between two words (en, em, three- and
four-per-em, ideographic, Ogham, mathematical space, or the Unicode line and paragraph
separators; a thin, hair, six-per-em, figure or punctuation space only between two letters:
around a dash, between digits and before French punctuation it is typography; an ideographic
space beside Chinese or Japanese text is that text's), replaced with one space, and
so is a space beside a no-break space (`had to&nbsp; take`: what a rich-text editor leaves of a
doubled space). Not
findings: a Markdown hard line break (two spaces at the end of a line), the padding
of table columns, code, and, by default, two spaces after a sentence in an article that puts
two spaces after one sentence in five or more (three times or more; twice, when that is more than
half of its sentences): that is the writer's habit (and renders the same in HTML), while one or two
among one-space sentences are slips
(``sentence-spacing = "consistent"``; use ``"one"`` to always require one space, ``"any"`` to
allow two after any sentence).

Two or more spaces after a word or a comma in a link's title (`[x](url "The  report")`) are
reported too: the masker hides titles from prose, but they show as a tooltip.

A link, an inline HTML tag, a code span, a character entity (`&#8212;`) or a backslash escape
(`2\\.  Second`) stands like a word
(`at the  <a href=…>`, two spaces before a code span, `[the talk](url)  <span>and`; not the
spaces an element wraps: `<span>  </span>`, nor those before a line break tag, where the line
ends: `Tickets:  <br>`, `</b>  <br>`); an entity that prints a space (`&nbsp;`),
a comment or a Liquid `{% … %}` tag does not (before a Liquid output tag or a shortcode, `-  {{ "kane" |
team_link }}`, `strategy.  {{< legacy-img … >}}`, two spaces are a run; after one, what it prints may have
ended a sentence); after a sentence that ends inside one (`designers.&#8221;  Talk`,
`[PRs.][ref]  Some`) two spaces are a sentence gap like any other, and so are two after a
closing mark turned the wrong way (`here.“  I think`: reversed-quote turns it round). Two spaces after an ellipsis or an `e.g.` before a lower-case
word are no sentence gap (`depends on the…  so`), whatever the habit; nor are two after a colon,
unless the article's colons take two as a habit or, with no colon to tell, a capital follows
(`**Released:**  seven months` among one-space colons is a slip); where the colons mostly take
two (three or more, more than take one), those are the writer's habit whatever the sentences do
(`[Team charter](…):  documents roles` in each item of a list).

Bad:  The conversation between Shoigu and Austin took place  on May 13.
Good: The conversation between Shoigu and Austin took place on May 13.
Bad:  The council met on\u2002Tuesday.
Good: The council met on Tuesday.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import itemgetter, methodcaller
from itertools import islice
from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.targets import link_titles
from ..model import Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..typography import INVISIBLE, ODD_SPACES, as_latin, link_ending_at, near_invisible, scan, wide

ID = "NL103"
NAME = "repeated-space"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"sentence-spacing": "consistent"}
CHOICES = {"sentence-spacing": ("consistent", "one", "any")}

# The pattern starts with literal text, so the regex engine skips ahead at C speed; a leading
# lookbehind would make it try every position of the document.
_RUN = lazy(r"  (?<=\S  ) *(?=\S)")
# (a space inside: "ago. )", NL104's to delete; ">" ends an omission marked <…>, which
# elision-marker rewrites as the article's [...]: the gap after it is the same gap)
_SENTENCE_END = lazy(r"[.!?…:](?: ?[\"”’“‘)\]*_>])*$")
_SENTENCE_START = lazy(r"[\"“‘(\[*_]*[A-Z0-9]")
_GAP_TAIL = frozenset(".!?…:\"”’“‘)]*_>")  # the last character of a sentence end (see the patterns)
_HABIT_END = lazy(r"[.!?…][\"”’“‘)\]*_]*$")  # a sentence end that shows the habit (not a colon)
# The same gap with one space, one pattern per mark: each is led by its literal mark, which re
# finds at C speed, while a pattern led by the class [.!?…] is tried at every character (twice
# the time). A match holds one mark, its first character, so no two of them overlap: the four
# patterns' matches together are the matches of the one pattern with the class.
_ONE_SPACE_GAPS = tuple(re.compile(re.escape(mark) + r"[\"”’“‘)\]*_]* [\"“‘(\[*_]*[A-Z0-9]") for mark in ".!?…")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each run of 2+ spaces; sentence gaps follow the sentence-spacing option."""
    spacing = opts["sentence-spacing"]
    text = doc.prose_text
    stopped: set[int] = set()
    # (one scan: runs beside a masked stretch sorted out below; none without two spaces in a row,
    # which two articles in three lack: the test costs a third of the scan)
    runs = list(doc.prose_matches(_RUN())) if "  " in text else []
    if "\u00a0" in text:
        runs = sorted(runs + _nbsp_runs(text), key=_START_OF)
    matches = [m for m in runs if text[m.start() - 1] != MASK and text[m.end()] != MASK]
    if len(matches) < len(runs):
        # "[the report](url)  was", "</a>  and": a link, tag, code span or entity ends like a word
        # (and one starts like a word: "[the report](url)  <span>and", "`a`  `b`"; not spaces that
        # an element wraps: <span class="Apple-converted-space">  </span>)
        linked = [(m, _ending_mask(doc, m.start())) for m in runs if text[m.start() - 1] == MASK
                  and (text[m.end()] != MASK or (_before_inline(doc, m.end()) and _between_elements(doc.text, m)))]
        linked = [(m, start) for m, start in linked if start >= 0]
        # after a sentence that ends inside the link, quotation or emphasis ("[PRs.][ref]  Some",
        # "designers.&#8221;  Talk", "done.</em>  Then"): a sentence gap, which the habit may keep
        stopped = {m.start() for m, start in linked if text[max(0, start - 4): start].rstrip(_CLOSER_CHARS)[-1:] in _MARKS
                   or (doc.text[start: start + 1] == "\\" and doc.text[start + 1: m.start()] in _MARKS
                       and text[start - 1: start].isalpha())}  # "done\\.  Then": an escaped stop ends it
        # "creating a  <a href=…>", "of Adobe.  </p>", "default  `datacarriersize`"
        before = [m for m in runs if text[m.start() - 1] != MASK and text[m.end()] == MASK and _before_inline(doc, m.end())]
        if linked or before:
            matches = sorted(matches + [m for m, _ in linked] + before, key=lambda m: m.start())
    if spacing != "one" and matches:
        see_through = bool(scan(doc).invisible)  # read the text as NL120 leaves it, whichever fix lands first
        if see_through:
            gap = [_ends(text, m.start(), _SENTENCE_END(), 8, True) for m in matches]
        else:  # (an article with the habit has hundreds of runs: no call per run)
            gap = _after_sentences(text, matches, _SENTENCE_END(), _MARKS, 8)
        if stopped:
            gap = [g or m.start() in stopped for m, g in zip(matches, gap)]
        # (_runs_on wants a lower-case word after the spaces, rare after a sentence: asked here
        # first, that test spares a call per gap in an article with the two-space habit)
        gap = [g and not (text[m.end(): m.end() + 1].islower() and _runs_on(text, m)) for m, g in zip(matches, gap)]
        kept: list[bool] = []  # the gaps after colons whose own habit is two spaces
        if any(gap):
            gap, kept = _colon_gaps(text, matches, gap, see_through)
        if any(gap) and (spacing == "any" or _two_space_habit(text, matches, see_through)):
            matches = [m for m, g in zip(matches, gap) if not g]
        elif any(kept):
            matches = [m for m, k in zip(matches, kept) if not k]
    yield from _blank_runs(doc, text)
    starts = doc.line_starts
    lines = [bisect_right(starts, m.start()) for m in matches]  # 1-based, as doc.position's
    aligned = _aligned_lines(text, matches, lines)
    for m, line in zip(matches, lines):
        if line in aligned or _invisible_on_line(doc, line):
            continue
        n = m.end() - m.start()
        hard = 0 if isinstance(m, re.Match) else text.count("\u00a0", m.start(), m.end())
        yield Finding(m.start(), m.end(), f"{n} spaces{f' ({hard} no-break)' if hard else ''} between words; use one",
                      Fix.replace(m.start(), m.end(), " ", "Replace with one space"))
    yield from _in_titles(doc)


def _in_titles(doc: Document) -> Iterator[Finding]:
    """Two or more spaces between words in a link's title (``[x](url "The  report")``): the
    masker hides titles from prose, but they show as a tooltip and to screen readers. Only after
    a word or a comma (after a sentence's end the article's spacing habit decides) and before
    a word; not a title that a hard wrap split over lines."""
    text = doc.text
    for ts, te in link_titles(doc):
        if "  " not in text[ts:te]:
            continue
        for m in _TITLE_RUN().finditer(text, ts, te):
            yield Finding(m.start(), m.end(), f"{m.end() - m.start()} spaces between words in a link's title; use one",
                          Fix.replace(m.start(), m.end(), " ", "Replace with one space", reshapes=True))
            # (reshapes: a title is part of the link, which the structure guard otherwise keeps as it was)


_TITLE_RUN = lazy(r"(?<=[^\W_]|,) {2,}(?=[^\W_])")


class _Span:
    """A run found without a regex match of its own (``start()``/``end()`` as a match has)."""

    __slots__ = ("_s", "_e")

    def __init__(self, s: int, e: int) -> None:
        self._s, self._e = s, e

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


_START_OF = methodcaller("start")
_NBSP = lazy("\u00a0[ \u00a0]*")


def _nbsp_runs(text: str) -> list[Any]:
    """Runs of two or more spaces between words with a no-break space among them ("had to\u00a0
    take", "middle.\u00a0 He"): what a word processor or a rich-text editor leaves of a doubled
    space (it keeps the second as &nbsp; to show it). A lone no-break space is no run."""
    out: list[Any] = []
    end = -1
    for m in _NBSP().finditer(text):
        s, e = m.start(), m.end()
        if s < end:
            continue
        while s and text[s - 1] == " ":
            s -= 1
        end = e
        if e - s >= 2 and s and e < len(text) and not text[s - 1].isspace() and not text[e].isspace():
            out.append(_Span(s, e))
    return out


def _runs_on(text: str, m: re.Match[str]) -> bool:
    """A lower-case word after an ellipsis or an e.g./i.e.: the sentence goes on (depends on
    the…  so one, e.g.  who), so the spaces are no sentence gap. (After a stop, a lower-case
    word may still open a sentence in a transcript: book.  and then.)"""
    s = m.start()
    return text[m.end(): m.end() + 1].islower() and (text[s - 1] == "…" or _LATIN_ABBREVIATION().search(text, max(0, s - 6), s) is not None)


def _colon_gaps(text: str, matches: list[re.Match[str]], gap: list[bool],
                see_through: bool) -> tuple[list[bool], list[bool]]:
    """Two spaces after a colon are a sentence gap only where the article's colons take two as a
    habit (twice or more, and after one colon in five or more; twice, when that is half of them),
    or, with no colon to tell, before a capital: a writer with the two-space habit after sentences
    mostly puts one after a colon, so the odd two are a slip (``**Dave Harding**:  You`` among
    ``**Name**: Text``), and a lower-case word after one goes on with the sentence
    (``**LND 0.6 released:**  seven months after``). Returns the gaps, and the colon gaps that
    the colons' own habit keeps whatever the sentences do: three or more, and more than the
    colons with one space (``[Team charter](…):  helps teams`` in each item of a list, in an
    article with one space after its sentences: the typist's rule of two after a colon)."""
    none: list[bool] = []
    if see_through:
        colon = [g and _COLON_END().search(as_latin(text[max(0, m.start() - 8): m.start()])) is not None
                 for m, g in zip(matches, gap)]
    else:  # (one C-speed scan: an article with the habit has hundreds of gaps)
        after_colon = {m.end() for m in _COLON_RUN().finditer(text)}
        if not after_colon:
            return gap, none
        colon = [g and m.start() in after_colon for m, g in zip(matches, gap)]
    count = sum(colon)
    if not count:
        return gap, none
    limit = 4 * count if count >= 3 else count
    ones = len(list(islice(_ONE_SPACE_COLON().finditer(as_latin(text) if see_through else text), limit + 1)))
    if ones <= limit and count >= 2:
        return gap, colon if count >= 3 and ones < count else none
    slip = [c and (ones > limit or _lower_after(text, m.end())) for m, c in zip(matches, colon)]
    return [g and not c for g, c in zip(gap, slip)], none


def _lower_after(text: str, at: int) -> bool:
    """Does a lower-case word start at ``at`` (invisible characters aside)?"""
    return as_latin(text[at: at + 4]).lstrip("\"“‘(*_")[:1].islower()


_COLON_END = lazy(r":[\"”’)\]*_]*$")
_COLON_RUN = lazy(r":[\"”’)\]*_]*(?=  )")
_ONE_SPACE_COLON = lazy(r":[\"”’)\]*_]* (?=[^\s\ue000])")


_LATIN_ABBREVIATION = lazy(r"(?<![\w.])[a-z]\.[a-z]\.$")  # e.g., i.e.


_SPACE_ENTITY = lazy(r"&(?:nbsp|ensp|emsp|thinsp|#0*160|#x0*a0|#0*8194|#0*8195|#0*8201);", re.I)


def _ending_mask(doc: Document, at: int) -> int:
    """Where the link, inline HTML tag, code span or character entity that ends at ``at`` starts
    (the link's masked destination or label), or -1: each ends like a word ("[the report](url)
    was", "well &#8230;  that"). An entity that prints a space pads on purpose ("&nbsp;  ")."""
    start = link_ending_at(doc, at)
    if start >= 0:
        return start
    masks = doc.prose_index.masks  # (in order of their starts: a bisection, not an index of all)
    i = bisect_left(masks, at, key=_START) - 1
    for s, e, kind in masks[max(0, i - 2): i + 1]:
        if e == at and kind not in ("liquid", "shortcode") and _wordlike(doc.text, s, e, kind):
            return s  # (not after a Liquid output tag or a shortcode: what it prints may end a sentence, {{page.excerpt}}  It's)
    return -1


_START = itemgetter(0)
_CLOSER_CHARS = "\"”’“‘)]*_"


def _before_inline(doc: Document, at: int) -> bool:
    """Does an inline HTML tag, a code span, an entity that prints a mark, a Liquid output tag or
    a shortcode start at ``at``? It stands in the line like a word, so the spaces before it are
    between words (a comment or a Liquid ``{% … %}`` tag prints nothing there)."""
    masks = doc.prose_index.masks
    i = bisect_left(masks, at, key=_START)
    if i == len(masks) or masks[i][0] != at:
        return False
    s, e, kind = masks[i]
    return _wordlike(doc.text, s, e, kind)


def _between_elements(text: str, m: Any) -> bool:
    """Do the spaces stand between two inline elements, not inside one (after an opening tag or
    before a closing one)?"""
    if text.startswith("</", m.end()):
        return False
    if text[m.start() - 1] == ">":
        tag = text.rfind("<", 0, m.start())
        return tag >= 0 and (text.startswith("</", tag) or text[m.start() - 2] == "/")  # </a>, <br/>
    return True


_LINE_BREAK_TAG = lazy(r"<br\s*/?>", re.I)


def _wordlike(text: str, s: int, e: int, kind: str) -> bool:
    """An inline tag, a code span, an entity that prints a mark, a backslash escape (``2\\.``
    prints "2."), a Liquid output tag or a Hugo shortcode (``{{ "kane" | team_link }}`` prints a
    name or a link, ``{{< legacy-img … >}}`` an image); not a comment, an entity that prints a
    space, a line break tag (``<br>``) or a Liquid ``{% … %}`` tag."""
    if kind == "entity":
        return _SPACE_ENTITY().fullmatch(text, s, e) is None
    if kind == "html" and _LINE_BREAK_TAG().match(text, s, e):
        return False  # <br>: the line ends there, and spaces before a line's end are no gap between words
    return kind in ("html", "code", "escape") or (kind in ("liquid", "shortcode") and text.startswith("{{", s))


def _blank_runs(doc: Document, text: str) -> Iterator[Finding]:
    """A tab, or a typographer's space (en, em, thin, hair, ideographic...) or a line separator,
    between two words in a line, with any spaces beside it: pasted from a spreadsheet, a word
    processor or a layout program, it renders as a space in HTML but as a jump in feeds and
    plain text, and it is another character for search. A thin, hair, six-per-em, figure or
    punctuation space counts only between two letters: between digits it groups them, around a
    dash or before French punctuation it is typography. An ideographic space beside Chinese or
    Japanese text is that text's space."""
    end = -1
    for i in sorted([*_all_tabs(text), *scan(doc).blanks]):
        if i < end:
            continue
        s, end = i, i + 1
        while s > 0 and text[s - 1] in _RUN_BLANKS:
            s -= 1
        while end < len(text) and text[end] in _RUN_BLANKS:
            end += 1
        if not s or end >= len(text) or near_invisible(doc, s, end):
            continue
        before, after = text[s - 1], text[end]
        if before in "\n\ue000|" or after in "\n\ue000|":
            continue  # indentation, a line's end, masked code or markup, a table's padding
        run = text[s:end]
        odd = sorted({_BLANK_NAMES[ch] for ch in run if ch in ODD_SPACES})
        thin = "\t" not in run and all(ch in _THIN for ch in run if ch in ODD_SPACES)
        if odd and (wide(before) or wide(after) or (thin and not (before.isalpha() and after.isalpha()))):
            continue  # CJK text's own space; a thin space between digits, around a dash, before ;:!?
        message = f"{' and '.join(odd)} between words; use a plain space" if odd else "tab between words; use one space"
        yield Finding(s, end, message, Fix.replace(s, end, " ", "Replace with one space"))


_RUN_BLANKS = " \t" + ODD_SPACES
_THIN = "\u2006\u2007\u2008\u2009\u200a"  # six-per-em, figure, punctuation, thin and hair spaces
_BLANK_NAMES = {"\u1680": "Ogham space", "\u2002": "en space", "\u2003": "em space", "\u2004": "three-per-em space",
                "\u2005": "four-per-em space", "\u2006": "six-per-em space", "\u2007": "figure space",
                "\u2008": "punctuation space", "\u2009": "thin space", "\u200a": "hair space",
                "\u2028": "line separator", "\u2029": "paragraph separator", "\u205f": "mathematical space",
                "\u3000": "ideographic space"}


def _all_tabs(text: str) -> Iterator[int]:
    i = text.find("\t")
    while i >= 0:
        yield i
        i = text.find("\t", i + 1)


_BLANKS = (" ", "\t", "\u00a0")


def _invisible_on_line(doc: Document, line: int) -> bool:
    """An invisible character between two blanks on the line (NL120 deletes it first: that makes
    a run or lengthens one, and whether the line's runs look like aligned columns must not depend on
    which fix lands first). One with a letter beside it (consistency\u200b and) changes no run: the
    line's doubled spaces are still reported."""
    start = doc.line_starts[line - 1]
    end = start + len(doc.line_text(line))
    if not near_invisible(doc, start, end, margin=0):
        return False
    text = doc.text
    spans = scan(doc).invisible
    k = bisect_left(spans, (start, -1))
    while k < len(spans) and spans[k][0] < end:
        s, e = spans[k]
        if text[s - 1:s] in _BLANKS and text[e:e + 1] in _BLANKS:  # (deleting it joins two blanks)
            return True
        k += 1
    return False


def _aligned_lines(text: str, matches: list[re.Match[str]], lines: list[int]) -> set[int]:
    """Lines with two or more runs of spaces, one of them 3+ long, a column's width apart (40
    characters or fewer between one run and the next, on average), each column a cell of three
    words at most: columns aligned by hand (Android    69.50%    79.50%). Two runs far apart on
    a long line of prose are two slips (we can  work together … to continue   raising), and so are
    two with a phrase between them (a working group   within the Data Exchange  Community)."""
    runs: dict[int, list[tuple[int, int]]] = {}
    for m, line in zip(matches, lines):
        runs.setdefault(line, []).append((m.start(), m.end()))
    return {line for line, spans in runs.items() if len(spans) >= 2 and max(e - s for s, e in spans) >= 3
            and spans[-1][0] - spans[0][1] <= _COLUMN * (len(spans) - 1)
            and all(text.count(" ", a[1], b[0]) <= 2 for a, b in zip(spans, spans[1:]))}


_COLUMN = 40  # the widest column of a table aligned by hand with spaces, as a rule


def _ends(text: str, at: int, pattern: re.Pattern[str], reach: int, see_through: bool) -> bool:
    """Does ``pattern`` match the text just before ``at`` (invisible characters ignored if asked)?"""
    if see_through:
        return pattern.search(as_latin(text[max(0, at - reach): at])) is not None
    if at and text[at - 1] not in _GAP_TAIL:
        return False  # the common case, decided without a regex: a word before the spaces
    return pattern.search(text, max(0, at - reach), at) is not None


_CLOSERS = frozenset("\"”’“‘)]*_>")  # what may stand between a sentence's mark and the spaces
# (a “ or ‘ there is a closing mark turned the wrong way, reversed-quote's to turn: here.“  I think)


def _after_sentences(text: str, matches: list[re.Match[str]], pattern: re.Pattern[str],
                     marks: frozenset[str], reach: int) -> list[bool]:
    """``_ends`` of each run without invisible characters, the two common cases decided without
    a regex: a mark of ``pattern``'s first class right before the spaces, or neither a mark nor a
    closing character (a run always follows a character: ``m.start()`` > 0)."""
    return [text[s - 1] in marks or (text[s - 1] in _CLOSERS and pattern.search(text, max(0, s - reach), s) is not None)
            for s in [m.start() for m in matches]]


_MARKS = frozenset(".!?…:")  # _SENTENCE_END's first class
_HABIT_MARKS = frozenset(".!?…")  # _HABIT_END's


def _two_space_habit(text: str, matches: list[re.Match[str]], see_through: bool = False) -> bool:
    """Does the writer put two spaces after sentences by habit: three times or more and after one
    sentence in five or more, or twice and after more sentences than take one space (two of four
    are a coin toss: one injected slip would tip one of three into a habit)?
    (Two among a handful of one-space gaps are slips; a newsletter whose authors differ in habit
    still has a fifth or more.)"""
    count = 0
    if see_through:
        for m in matches:
            after = m.end()
            after += len(text[after: after + 8]) - len(text[after: after + 8].lstrip(INVISIBLE))
            if _ends(text, m.start(), _HABIT_END(), 40, True) and _SENTENCE_START().match(text, after):
                count += 1
    else:
        ends = _after_sentences(text, matches, _HABIT_END(), _HABIT_MARKS, 40)
        starts = _SENTENCE_START().match
        count = sum(1 for m, e in zip(matches, ends) if e and starts(text, m.end()))
    if count < 2:
        return False
    limit = 4 * count if count >= 3 else count - 1  # two alone make a habit only as the majority
    # more than ``limit`` one-space gaps? (counted in C, stopping at limit + 1)
    read = as_latin(text) if see_through else text
    ones = 0
    for pattern in _ONE_SPACE_GAPS:
        ones += len(list(islice(pattern.finditer(read), limit + 1 - ones)))
        if ones > limit:
            break
    return ones <= limit
