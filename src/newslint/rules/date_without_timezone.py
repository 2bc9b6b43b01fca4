"""Date without timezone: a date-time has a time of day but no time zone, and the schema wants one.

``2023-01-05 10:00:00`` is ten o'clock somewhere: Hugo reads it in the site's ``timeZone``
(UTC unless configured), Jekyll in the build machine's, a feed reader in the reader's. For a
news article the publication time is part of the record, so ``builtin:article`` wants an
offset on every date-time (``2023-01-05T10:00:00-05:00``); a date alone (``2023-01-05``) is
fine. A schema asks for a zone with ``"format": "date-time"`` (RFC 3339 requires one) or with
newslint's annotation ``"x-newslint-timezone": true``.

Set ``timezone`` to the newsroom's zone (an IANA name such as ``America/New_York``, or an offset
such as ``+03:00``) to get an unsafe fix that appends the offset that zone had on that date
(``-04:00`` in summer, ``-05:00`` in winter), in the value's own style.

Bad:
    ---
    title: Talks resume
    date: 2022-05-31 05:32:23
    ---
Good:
    ---
    title: Talks resume
    date: 2022-05-31 05:32:23 +0300
    ---

Not findings: dates without a time, values in keys whose schema does not ask for a zone
(``builtin:hugo`` and ``builtin:jekyll`` do not).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Iterator, Mapping

from .. import dates, validation
from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy

ID = "NL013"
NAME = "date-without-timezone"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {"timezone": ""}

_OFFSET = lazy(r"([+-])(\d{2}):?(\d{2})")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each date-time the schema wants zoned that has no zone."""
    fm = doc.front_matter
    zone = _zone(opts.get("timezone", ""))
    for problem in validation.validate(doc, opts).problems:
        if problem.owner != "timezone":
            continue
        fix = None
        node = validation.node_at(fm, problem.path) if fm is not None else None
        if zone is not None and node is not None and node.items is None:
            fix = _fix(doc.text, node.value, zone, quoted=node.style in ("'", '"', "json"))
        yield Finding(problem.start, problem.end, problem.message, fix)


def validate(opts: Mapping[str, Any]) -> None:
    """`timezone` must be empty, an IANA zone name or an offset (checked when the config loads)."""
    _zone(opts.get("timezone", ""))


def _zone(name: str) -> tzinfo | None:
    if not name:
        return None
    m = _OFFSET().fullmatch(name.strip())
    if m:
        delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
        return timezone(delta if m.group(1) == "+" else -delta)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"timezone: unknown time zone {name!r}") from None


def _fix(text: str, span: tuple[int, int], zone: tzinfo, quoted: bool) -> Fix | None:
    start, end = span
    if quoted:
        start, end = start + 1, end - 1
    raw = text[start:end]
    stamp = dates.parse(raw)
    if stamp is None or not stamp.has_time or stamp.has_zone or raw != raw.rstrip():
        return None
    offset = datetime(*stamp.value.timetuple()[:6], tzinfo=zone).strftime("%z")  # +0300
    if "T" in raw or "t" in raw:
        suffix = f"{offset[:3]}:{offset[3:]}"  # RFC 3339: 2022-05-31T05:32:23+03:00
    else:
        suffix = f" {offset}"  # Jekyll and Hugo: 2022-05-31 05:32:23 +0300
    return Fix.insert(end, suffix, f"Add the offset {suffix.strip()}", safe=False)
