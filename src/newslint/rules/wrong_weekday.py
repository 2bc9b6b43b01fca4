"""Wrong weekday: a weekday that does not match the date it names.

"Monday, May 31, 2022" is wrong: May 31, 2022 was a Tuesday. The weekday or the date is a
slip, and readers who plan by it turn up on the wrong day. A date without a year ("Monday,
May 30") is checked against the year that puts it nearest the article's publication date (the
front-matter ``date``, MkDocs Material's ``date.created``, or a ``YYYY-MM-DD-`` file name); ``infer-year = false`` checks only
dates that give their year. Weekday and month names come from ``rules/dates.yaml`` for the
article's language (English, German, French, Spanish, Russian, Ukrainian); ``Monday,
2022-05-31`` is checked too. In an article in one of those languages but English, a date in the
form only English writes (``Monday, February 24, 2013``: month, day, comma, year) is read with
English names, and fixed with them: an English passage quoted or kept in it.

The fix (unsafe: the date may be the wrong part) puts the date's real weekday in.

Bad:  The vote is on Monday, May 31, 2022.
Good: The vote is on Tuesday, May 31, 2022.

Not findings: a weekday before a range ("Thursday, June 1 through June 7": it may name the
last day), a date without a year in an article with no publication date, dates in code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator, Mapping

from .. import bodydates as dates
from ..document import Document
from ..model import Finding, Fix

ID = "NL141"
NAME = "wrong-weekday"
SEVERITY = "error"
FIXABLE = True
DEFAULTS = {"infer-year": True}



def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each weekday whose date falls on another day of the week."""
    lang = dates.language(doc.language)
    if lang is None:
        return
    published = dates.publication_date(doc) if opts["infer-year"] else None
    for t in dates.text_dates(doc):
        if t.weekday is None or t.weekday_span is None or t.range_follows:
            continue
        if t.year is not None:
            date = dates._date(t.year, t.month, t.day)
        elif published is not None:
            date = dates.nearest(t.month, t.day, published)
        else:
            continue
        if date is not None and date.weekday() != t.weekday:
            yield _finding(t.language or doc.language, t.weekday_span, t.end, t.weekday_text, t.weekday, date,
                           t.year is None)
    yield from _iso_weekdays(doc, lang)


def _finding(language: str, span: tuple[int, int], end: int, written: str, weekday: int, date: dt.date,
             inferred: bool) -> Finding:
    real = dates.weekday_name(language, date.weekday(), written, weekday)
    shown = dates.weekday_name(language, date.weekday())
    said = dates.weekday_name(language, weekday)
    when = f"{date.isoformat()}" + (" (the year taken from the article's date)" if inferred else "")
    return Finding(span[0], end, f"{when} is a {shown}, not a {said}",
                   Fix.replace(span[0], span[1], real, f"Write {real}", safe=False))


def _iso_weekdays(doc: Document, lang: Any) -> Iterator[Finding]:
    """``Monday, 2022-05-31``: a weekday name right before an ISO date."""
    prose = doc.prose_text
    for iso in dates.iso_dates(doc):
        wd = lang.weekday_iso.search(prose, max(0, iso.start() - 16), iso.start())
        if wd is None:
            continue
        date = dates._date(*map(int, iso.groups()[:3]))
        weekday = lang.weekdays.get(lang.fold(wd.group("wd")))
        if date is not None and weekday is not None and date.weekday() != weekday:
            yield _finding(doc.language, wd.span("wd"), iso.end(3), wd.group("wd"), weekday, date, False)
