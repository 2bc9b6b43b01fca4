"""Ambiguous date: an all-numeric date that readers in different countries read differently.

``05/06/2022`` is May 6 in the United States and 5 June in most of the world. Write the month
as a word ("May 6, 2022") or use ISO 8601 (``2022-05-06``). By default only dates that really
are ambiguous are reported (both numbers 12 or less and different); ``report = "all"`` reports
every numeric day/month/year date, e.g. for a house style that wants months spelled out.

Bad:  The rule takes effect on 05/06/2022.
Good: The rule takes effect on May 6, 2022.

Not findings: ``12/25/2022`` (25 cannot be a month), ``6/6/2022`` (the same either way, unless
``report = "all"``), version numbers (``1.7.11``), ISO dates, dates in code and URLs.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding
from ..patterns import lazy

ID = "NL142"
NAME = "ambiguous-date"
SEVERITY = "info"
FIXABLE = False
DEFAULTS = {"report": "ambiguous"}
CHOICES = {"report": ("ambiguous", "all")}

# Found from the middle "/6/" (cheap to scan for); the first number is checked behind it. One
# pattern per separator: a pattern that starts with one literal character is scanned for at C
# speed, one that starts with a set ([/-]) is not (twice the time). A match of one holds no
# character of the other's, so the two never overlap: merged, they are one pattern's matches.
_TAILS = tuple(re.compile(rf"(\{sep})(\d{{1,2}})\1(\d{{4}}|\d{{2}})(?![\w/\-]|\.\d)") for sep in "/-")
_FIRST = lazy(r"(?<![\w/.\-:])\d{1,2}\Z")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report numeric dates whose day and month could be swapped."""
    every = opts["report"] == "all"
    prose = doc.prose_text
    # (a prose without "/", found at C speed, two articles in three, holds no 03/04/2022)
    slashes, hyphens = (list(p.finditer(prose, doc.body_start)) if sep in prose else []
                        for sep, p in zip("/-", _TAILS))
    for m in sorted(slashes + hyphens, key=re.Match.start) if slashes and hyphens else slashes or hyphens:
        first = _FIRST().search(prose, max(0, m.start() - 3), m.start())
        if first is None:
            continue
        a, b, sep, year = int(first.group(0)), int(m.group(2)), m.group(1), m.group(3)
        if sep == "-" and len(year) == 2 or not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
            continue
        ambiguous = a <= 12 and b <= 12 and a != b
        if not (ambiguous or every):
            continue
        written = prose[first.start():m.end()]
        y = int(year) if len(year) == 4 else 2000 + int(year)
        if ambiguous:
            message = (f"`{written}` is {_name(a)} {b} in the US and {b} {_name(a)} elsewhere; "
                       "write the month as a word or use ISO 8601 (YYYY-MM-DD)")
        else:
            month, day = (a, b) if a <= 12 else (b, a)
            message = (f"numeric date `{written}`; write the month as a word "
                       f"({_name(month)} {day}) or use ISO 8601 ({y:04d}-{month:02d}-{day:02d})")
        yield Finding(first.start(), m.end(), message)


def _name(month: int) -> str:
    from ..bodydates import month_name_en

    return month_name_en(month)
