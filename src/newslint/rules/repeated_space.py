"""Repeated space: two or more spaces between words in prose.

A doubled space is invisible in the editor and shows up in print, in search snippets and in
feeds. Not findings: a Markdown hard line break (two spaces at the end of a line), the padding
of table columns, code, and, by default, two spaces after a sentence in an article that puts
two spaces after one sentence in five or more (three times or more; twice, when that is half of
its sentences): that is the writer's habit (and renders the same in HTML), while one or two
among one-space sentences are slips
(``sentence-spacing = "consistent"``; use ``"one"`` to always require one space, ``"any"`` to
allow two after any sentence).

Bad:  The conversation between Shoigu and Austin took place  on May 13.
Good: The conversation between Shoigu and Austin took place on May 13.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..typography import INVISIBLE, as_latin, near_invisible, scan

ID = "NL103"
NAME = "repeated-space"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"sentence-spacing": "consistent"}
CHOICES = {"sentence-spacing": ("consistent", "one", "any")}

# The pattern starts with literal text, so the regex engine skips ahead at C speed; a leading
# lookbehind would make it try every position of the document.
_REPEATED = re.compile(r"  (?<=[^\s\ue000]  ) *(?=[^\s\ue000])")
_SENTENCE_END = re.compile(r"[.!?…:][\"”’)\]*_]*$")
_SENTENCE_START = re.compile(r"[\"“‘(\[*_]*[A-Z0-9]")
_GAP_TAIL = frozenset(".!?…:\"”’)]*_")  # the last character of a sentence end (see the patterns)
_HABIT_END = re.compile(r"[.!?…][\"”’)\]*_]*$")  # a sentence end that shows the habit (not a colon)
_ONE_SPACE_GAP = re.compile(r"[.!?…][\"”’)\]*_]* [\"“‘(\[*_]*[A-Z0-9]")  # the same gap with one space


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each run of 2+ spaces; sentence gaps follow the sentence-spacing option."""
    spacing = opts["sentence-spacing"]
    text = doc.prose_text
    matches = list(doc.prose_matches(_REPEATED))
    if spacing != "one" and matches:
        see_through = bool(scan(doc).invisible)  # read the text as NL120 leaves it, whichever fix lands first
        gap = [_ends(text, m.start(), _SENTENCE_END, 8, see_through) for m in matches]
        if any(gap) and (spacing == "any" or _two_space_habit(text, matches, see_through)):
            matches = [m for m, g in zip(matches, gap) if not g]
    aligned = _aligned_lines(doc, matches)
    for m in matches:
        line = doc.position(m.start())[0]
        if line in aligned or _invisible_on_line(doc, line):
            continue
        n = m.end() - m.start()
        yield Finding(m.start(), m.end(), f"{n} spaces between words; use one",
                      Fix.replace(m.start(), m.end(), " ", "Replace with one space"))


def _invisible_on_line(doc: Document, line: int) -> bool:
    """An invisible character on the line (NL120 deletes it first: it may split a run, and whether
    the line's runs look like aligned columns must not depend on which fix lands first)."""
    start = doc.line_starts[line - 1]
    return near_invisible(doc, start, start + len(doc.line_text(line)), margin=0)


def _aligned_lines(doc: Document, matches: list[re.Match[str]]) -> set[int]:
    """Lines with two or more runs of spaces, one of them 3+ long: columns aligned by hand."""
    runs: dict[int, list[int]] = {}
    for m in matches:
        runs.setdefault(doc.position(m.start())[0], []).append(m.end() - m.start())
    return {line for line, lengths in runs.items() if len(lengths) >= 2 and max(lengths) >= 3}


def _ends(text: str, at: int, pattern: re.Pattern[str], reach: int, see_through: bool) -> bool:
    """Does ``pattern`` match the text just before ``at`` (invisible characters ignored if asked)?"""
    if see_through:
        return pattern.search(as_latin(text[max(0, at - reach): at])) is not None
    if at and text[at - 1] not in _GAP_TAIL:
        return False  # the common case, decided without a regex: a word before the spaces
    return pattern.search(text, max(0, at - reach), at) is not None


def _two_space_habit(text: str, matches: list[re.Match[str]], see_through: bool = False) -> bool:
    """Does the writer put two spaces after sentences by habit: three times or more and after one
    sentence in five or more, or twice and after at least as many sentences as take one space?
    (Two among a handful of one-space gaps are slips; a newsletter whose authors differ in habit
    still has a fifth or more.)"""
    count = 0
    for m in matches:
        after = m.end()
        if see_through:
            after += len(text[after: after + 8]) - len(text[after: after + 8].lstrip(INVISIBLE))
        if _ends(text, m.start(), _HABIT_END, 40, see_through) and _SENTENCE_START.match(text, after):
            count += 1
    if count < 2:
        return False
    limit = 4 * count if count >= 3 else count  # two alone make a habit only as the majority
    ones = 0
    for _ in _ONE_SPACE_GAP.finditer(as_latin(text) if see_through else text):
        ones += 1
        if ones > limit:
            return False
    return True
