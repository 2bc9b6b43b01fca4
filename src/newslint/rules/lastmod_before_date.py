"""Lastmod before date: the article says it was updated before it was published.

An update cannot precede publication: one of the two dates is wrong (often a copied template
or a typo in the year). Feeds, sitemaps and "updated" labels then show nonsense. The first
key of ``published-keys`` that the article has is the publication date, the first of
``modified-keys`` the update (Hugo's ``date``/``publishDate`` and ``lastmod``/``modified``,
Jekyll's ``last_modified_at``, Astro's ``pubDate``/``updatedDate``, AstroPaper's
``pubDatetime``/``modDatetime``, Starlight's ``lastUpdated``; a boolean there, Jekyll's
``published: false`` or Starlight's ``lastUpdated: false``, is a switch and not a date). A date written as MkDocs
Material's blog writes it, ``date: {created: …, updated: …}``, is both: ``updated`` earlier than
``created`` is the same slip, reported at ``updated``.

Bad:
    ---
    title: Talks resume
    date: 2022-05-31T05:32:23+03:00
    lastmod: 2022-05-30T09:00:00+03:00
    ---
Good:
    ---
    title: Talks resume
    date: 2022-05-31T05:32:23+03:00
    lastmod: 2022-06-01T09:00:00+03:00
    ---

Not findings: equal dates; dates the rule cannot read (schema-violation reports those); a
date-time compared with a date alone on the same day (the time decides, and it is unknown).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import dates
from ..document import Document
from ..model import Finding

ID = "NL011"
NAME = "lastmod-before-date"
SEVERITY = "warning"
DEFAULTS: dict[str, Any] = {
    "published-keys": ["date", "publishDate", "publishdate", "pubdate", "published", "pubDate", "pubDatetime"],
    "modified-keys": ["lastmod", "modified", "last_modified_at", "updatedDate", "updated", "modDatetime",
                      "lastUpdated"],
}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at the update date when it is earlier than the publication date."""
    meta = doc.meta
    fm = doc.front_matter
    if not meta or fm is None:
        return
    published = dates.published(meta, opts["published-keys"])
    modified = dates.modified(meta, opts["published-keys"], opts["modified-keys"])
    if published is None or modified is None or published.stamp is None or modified.stamp is None:
        return
    if dates.compare(modified.stamp, published.stamp) < 0:
        span = fm.locate(modified.path, "value") or (fm.start, fm.start)
        yield Finding(span[0], span[1], f"`{modified.name}` ({modified.text}) is earlier than `{published.name}` "
                      f"({published.text}); an update cannot come before publication")
