"""Date after publication: a dateline or "on May 13" in the body well after the article's date.

A news article reports what happened: a dateline ("WASHINGTON, May 31 —") or an event "on
May 31" that falls more than ``max-days-after`` days after the publication date (front matter
``date``/``publishDate``, Astro's ``pubDate``, AstroPaper's ``pubDatetime`` or MkDocs Material's
``date.created``, or a ``YYYY-MM-DD-`` file name) is often a typo in the date or in the
front matter. Off by default: announcements rightly name days to come ("registration closes on
June 30"); turn it on for wire copy and reports. A date without a year gets the year nearest
the publication date.

Bad:  (article dated 2022-05-13) WASHINGTON, May 31 (Reuters) — Talks resumed on May 30.
Good: (article dated 2022-05-13) WASHINGTON, May 13 (Reuters) — Talks resumed on May 12.

Not findings: dates that are not a dateline and not after "on" ("the deadline, June 30"),
an article without a publication date, dates in code.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from .. import bodydates as dates
from ..document import Document
from ..model import Finding
from ..patterns import lazy

ID = "NL143"
NAME = "date-after-publication"
SEVERITY = "warning"
FIXABLE = False
ENABLED = False
DEFAULTS = {"max-days-after": 7}

_ON = lazy(r"(?:^|\s)[Oo]n\s+(?:the\s+)?$")
_DATELINE = lazy(r"^[ \t>*_]*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]+)?,?\s*[—–-]?\s*$")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report datelines and "on <date>" that fall too long after the publication date."""
    published = dates.publication_date(doc)
    if published is None:
        return
    limit = int(opts["max-days-after"])
    text = doc.text
    first = doc.blocks[0].start if doc.blocks else -1
    for t in dates.text_dates(doc):
        begin = t.weekday_span[0] if t.weekday_span else t.start
        before = text[max(0, begin - 12):begin]
        dateline = first >= 0 and first <= begin < first + 60 and _DATELINE().match(text[first:begin])
        if not (dateline or _ON().search(before)):
            continue
        date = dates._date(t.year, t.month, t.day) if t.year else dates.nearest(t.month, t.day, published)
        if date is None or (date - published).days <= limit:
            continue
        what = "dateline" if dateline else "date"
        yield Finding(t.start, t.end, f"{what} {date.isoformat()} is {(date - published).days} days after the "
                                      f"article's date ({published.isoformat()}); is either date wrong?")
