"""Malformed ISO date: a year-month-day date in prose that is not written as ISO 8601 writes it.

ISO 8601 gives the month and the day two digits each and one hyphen between the parts:
``2022-05-06``. ``2022-5-6`` (zeros dropped, as a spreadsheet or a hurried hand writes it),
``2022--05-06`` or ``2022-05--06`` (a doubled hyphen) and ``2022–05–06`` (en dashes, from a
word processor's autocorrect) are read by no ISO parser, sort wrongly as text, and look like a
slip to readers. The safe fix writes the same date in ISO form.

Bad:  The order took effect on 2022-5-6, a week after 2022–04–29.
Good: The order took effect on 2022-05-06, a week after 2022-04-29.

Not findings: well-formed dates (impossible ones such as ``2022-02-30`` are impossible-date's),
numbers that are no year-month-day date (``2022-13-5``: no month 13; ``1850-1-2`` outside
1900-2099), ranges and codes glued to other words or numbers (``v2022-5-6``, ``2022-5-6-b``),
dates in code, URLs and file names.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy

ID = "NL144"
NAME = "malformed-iso-date"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

# Found from the separator after the year (one pattern per first character: a literal-led
# pattern scans at C speed); the year is checked behind it. Separators: a hyphen, two hyphens,
# or an en dash.
_TAILS = tuple(re.compile(lead + r"(\d{1,2})(--?|–)(\d{1,2})(?![\w/\-–]|[.,]\d)") for lead in ("(--?)", "(–)"))
_YEAR = lazy(r"(?<![\w./:\-–])(?:19|20)\d\d\Z")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report year-month-day dates with a dropped zero or a wrong separator; fix to ISO form."""
    text = doc.prose_text
    body = doc.body_start + 4
    for tail in _TAILS:
        if tail is _TAILS[1] and "–" not in text:
            continue  # (no en dash, found at C speed: nine articles in ten; no scan led by one)
        for m in tail.finditer(text, body):
            at = m.start()
            if _YEAR().search(text, at - 5, at):
                finding = _finding(text, at - 4, m)
                if finding is not None:
                    yield finding


def _finding(text: str, start: int, m: re.Match[str]) -> Finding | None:
    first, month, second, day = m.groups()
    well_formed = first == second == "-" and len(month) == len(day) == 2
    if well_formed:
        return None
    year = int(text[start:start + 4])
    try:
        dt.date(year, int(month), int(day))
    except ValueError:
        return None  # no date at all (2022-13-5), or an impossible one: not a form to repair
    iso = f"{year:04d}-{int(month):02d}-{int(day):02d}"
    written = text[start:m.end()]
    if first != "-" or second != "-":
        why = "en dashes" if "–" in (first + second) else "a doubled hyphen"
    else:
        why = "the month or day without its leading zero"
    return Finding(start, m.end(), f"`{written}` is not an ISO 8601 date ({why}); write {iso}",
                   Fix.replace(start, m.end(), iso, f"Write {iso}"))
