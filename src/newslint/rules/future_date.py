"""Future date: the publication or update date is later than today.

Hugo and Jekyll do not publish an article dated in the future (unless the site is built with
``--buildFuture`` / ``--future``), so a typo in the year quietly keeps a story off the site; a
future ``lastmod`` shows a wrong "updated" label. Scheduled articles are the exception: set
``keys`` to leave ``publishDate`` out, or suppress the finding in that file. Calendar dates are
compared as written (a time later today is not reported). ``today`` (``YYYY-MM-DD``) fixes the
date the rule compares with, for reproducible runs; empty means the clock's date. A date written
as MkDocs Material's blog writes it, ``date: {created: …, updated: …}``, has both checked. The
keys other generators use are checked too: Astro's ``pubDate``/``updatedDate``, AstroPaper's
``pubDatetime``/``modDatetime``, Starlight's ``lastUpdated``, ``published``/``updated``.

Bad:
    ---
    title: Talks resume
    date: 2202-05-31T05:32:23+03:00
    ---
Good:
    ---
    title: Talks resume
    date: 2022-05-31T05:32:23+03:00
    ---

Not findings: expiry dates (``expiryDate`` is meant to be in the future), dates the rule cannot
read (schema-violation reports those).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import dates
from ..document import Document
from ..model import Finding

ID = "NL012"
NAME = "future-date"
SEVERITY = "warning"
DEFAULTS: dict[str, Any] = {
    "today": "",
    "keys": ["date", "publishDate", "publishdate", "pubdate", "published", "pubDate", "pubDatetime", "lastmod",
             "modified", "last_modified_at", "updatedDate", "updated", "modDatetime", "lastUpdated"],
}


def validate(opts: Mapping[str, Any]) -> None:
    """`today` must be empty or a date (the config reports a bad one before any file is read)."""
    try:
        dates.today(opts.get("today", ""))
    except ValueError:
        raise ValueError(f"today: expected YYYY-MM-DD, got {opts.get('today')!r}") from None


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each date later than today."""
    meta = doc.meta
    fm = doc.front_matter
    if not meta or fm is None:
        return
    today = dates.today(opts.get("today", ""))
    for key in opts["keys"]:
        for found in dates.entries(meta, key):
            if found.stamp is not None and found.stamp.day > today:
                span = fm.locate(found.path, "value") or (fm.start, fm.start)
                yield Finding(span[0], span[1], f"`{found.name}` ({found.text}) is in the future (today is "
                              f"{today.isoformat()}); generators do not publish the article until then")
