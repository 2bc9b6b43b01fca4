"""Front-matter dates as site generators write them, read without guessing.

Front matter dates stay strings in newslint's data (a schema checks the text). The date rules
still need to compare them, so this module reads the forms Hugo, Jekyll and Eleventy accept:
ISO 8601 / RFC 3339 (``2022-05-31T05:32:23+03:00``), the YAML timestamp form with a space and
one-digit hours or offsets (``2016-01-01 9:00:00 -5``), Jekyll's documented
``2014-01-10 12:06:21 +1100``, Go's ``… +0000 UTC``, a bare ``UTC`` or ``GMT`` after the time
(``2016-04-05 21:11:00 UTC``, which Jekyll reads) or one with its offset (``2016-07-02 17:50:04
UTC+01:00``, Nikola's form, which Jekyll reads too), Hugo's ``15 Oct 2023`` and the RFC 1123
date-time of feeds (``Mon, 02 Oct 2023 10:00:00 +0000``), which Hugo and Jekyll both read, and the
month-first date of Astro's blog template (``Jul 08 2022``), which JavaScript's
``Date`` and Jekyll read. Anything else is None: the schema rule, not the date rules, says what is wrong with it.

A key may also hold MkDocs Material's blog mapping (``date: {created: 2023-12-31, updated:
2024-01-02}``): ``created`` is then the article's date and ``updated`` its update. ``lookup``,
``published`` and ``modified`` read both shapes, so every date rule agrees on "the article's date".
"""

from __future__ import annotations

import re
from collections.abc import Mapping  # (isinstance against typing.Mapping costs five times as much: once per date read)
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from .patterns import lazy

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(?:[ \t]*(?:([Zz])|([+-])(\d{1,2})(?::?(\d{2}))?)(?:[ \t]+[A-Z]{2,5})?"
    r"|[ \t]+(UTC|GMT)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?)?)?")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
# Hugo's 15 Oct 2023, and the RFC 1123 date-time Hugo and Jekyll both read (a feed's pubDate,
# a WordPress export): Mon, 02 Oct 2023 10:00:00 +0000, or GMT/UTC for the offset.
_DAY_MONTH_YEAR = lazy(r"(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})"
                             r"(?: (\d{2}):(\d{2})(?::(\d{2}))? (?:([+-])(\d{2})(\d{2})|UTC|GMT))?")
# Astro's blog template: pubDate: 'Jul 08 2022' (JavaScript's Date reads it; so does Jekyll)
# (not May 31, 2022 with its comma: a form of prose, which the schema refuses for every key)
_MONTH_DAY_YEAR = lazy(r"(?:[A-Z][a-z]{2} )?([A-Za-z]{3})[a-z]* (\d{1,2}) (\d{4})")


@dataclass(frozen=True)
class Stamp:
    """A date or date-time as written: ``value`` is naive when no zone was given."""

    value: datetime
    has_time: bool
    has_zone: bool

    @property
    def day(self) -> date:
        """The calendar date as written (in the value's own zone)."""
        return self.value.date()


def parse(text: object) -> Stamp | None:
    """Read a front-matter date string; None if it is not one of the accepted forms or not a
    real calendar date (2022-02-30)."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    return _parse(text.strip())


@lru_cache(maxsize=4096)
def _parse(text: str) -> Stamp | None:
    m = _ISO.fullmatch(text)
    try:
        if m is None:
            f = _MONTH_DAY_YEAR().fullmatch(text)
            if f is not None and f.group(1).lower() in _MONTHS:
                return Stamp(datetime(int(f.group(3)), _MONTHS[f.group(1).lower()], int(f.group(2))), False, False)
            d = _DAY_MONTH_YEAR().fullmatch(text)
            if d is None or d.group(2).lower() not in _MONTHS:
                return None
            day_ = datetime(int(d.group(3)), _MONTHS[d.group(2).lower()], int(d.group(1)))
            if d.group(4) is None:
                return Stamp(day_, False, False)
            offset = timedelta(hours=int(d.group(8) or 0), minutes=int(d.group(9) or 0))
            value = day_.replace(hour=int(d.group(4)), minute=int(d.group(5)), second=int(d.group(6) or 0))
            return Stamp(value.replace(tzinfo=timezone(-offset if d.group(7) == "-" else offset)), True, True)
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(4) is None:
            return Stamp(datetime(year, month, day), False, False)
        frac = (m.group(7) or "0")[:6].ljust(6, "0")
        value = datetime(year, month, day, int(m.group(4)), int(m.group(5)), min(int(m.group(6) or 0), 59),
                         int(frac))
        if m.group(8) or (m.group(12) and not m.group(13)):
            return Stamp(value.replace(tzinfo=timezone.utc), True, True)
        sign, hours, minutes = (m.group(9), m.group(10), m.group(11)) if m.group(9) else m.groups()[12:15]
        if sign:
            offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
            if offset >= timedelta(hours=24):
                return None
            tz = timezone(offset if sign == "+" else -offset)
            return Stamp(value.replace(tzinfo=tz), True, True)
        return Stamp(value, True, False)
    except ValueError:
        return None


def impossible(text: object) -> bool:
    """Is this shaped like an ISO date but not on the calendar (2022-02-30, 25:00)?"""
    if not isinstance(text, str) or parse(text) is not None:
        return False
    d = _DAY_MONTH_YEAR().fullmatch(text.strip())
    f = _MONTH_DAY_YEAR().fullmatch(text.strip())
    return (_ISO.fullmatch(text.strip()) is not None or (d is not None and d.group(2).lower() in _MONTHS)
            or (f is not None and f.group(1).lower() in _MONTHS))


def missing_zone(text: object) -> bool:
    """Is this a date-time (with a time of day) written without a time zone?"""
    stamp = parse(text)
    return stamp is not None and stamp.has_time and not stamp.has_zone


def compare(a: Stamp, b: Stamp) -> int:
    """-1, 0 or 1 as ``a`` is earlier than, the same as, or later than ``b``.

    Two zoned date-times compare as instants; otherwise (a date without a time, or a time
    without a zone on either side) the comparison is by calendar date only, since the missing
    part could make either one the earlier.
    """
    if a.has_time and b.has_time and a.has_zone and b.has_zone:
        x, y = a.value, b.value
    elif a.has_time and b.has_time and not a.has_zone and not b.has_zone:
        x, y = a.value, b.value
    else:
        x, y = a.day, b.day  # type: ignore[assignment]
    return (x > y) - (x < y)


def today(option: str = "") -> date:
    """The date "today" means: the ``today`` option (YYYY-MM-DD) when set, else the clock's."""
    if option:
        return date.fromisoformat(option)
    return date.today()


CREATED, UPDATED = "created", "updated"  # MkDocs Material's blog: date: {created: …, updated: …}


class Dated(NamedTuple):
    """A front-matter date: where it is (``("date",)`` or ``("date", "created")``), its value as
    written, and the value read (None when it is not a date ``parse`` reads)."""

    path: tuple[str, ...]
    text: Any
    stamp: Stamp | None

    @property
    def name(self) -> str:
        """The key as messages name it: ``date``, ``date.created``."""
        return ".".join(self.path)


def lookup(meta: Mapping[str, Any], key: str, part: str = CREATED) -> Dated | None:
    """The date at ``key``, or None when the front matter has no such key. A mapping gives its
    ``part`` entry (MkDocs Material's ``created`` or ``updated``); a mapping without it is an
    unreadable date (stamp None), as any other value that is not a date is."""
    if key not in meta:
        return None
    value = meta[key]
    if isinstance(value, Mapping):
        if part in value:
            return Dated((key, part), value[part], parse(value[part]))
        return Dated((key,), value, None)
    return Dated((key,), value, parse(value))


def entries(meta: Mapping[str, Any], key: str) -> list[Dated]:
    """Every date at ``key``: the value, or a mapping's ``created`` and ``updated`` entries
    (other names a mapping may hold, an event's date say, are not the article's dates)."""
    value = meta.get(key)
    if isinstance(value, Mapping):
        return [Dated((key, part), value[part], parse(value[part])) for part in (CREATED, UPDATED) if part in value]
    return [Dated((key,), value, parse(value))] if key in meta else []


def published(meta: Mapping[str, Any], keys: Iterable[str]) -> Dated | None:
    """The article's date: the first of ``keys`` the front matter has (a mapping's ``created``).
    A boolean is a switch, not a date (Jekyll's ``published: false``), and is passed over."""
    for key in keys:
        found = lookup(meta, key)
        if found is not None and not isinstance(found.text, bool):
            return found
    return None


def modified(meta: Mapping[str, Any], published_keys: Iterable[str], modified_keys: Iterable[str]) -> Dated | None:
    """The article's update date: the ``updated`` beside ``created`` in the publication date's
    mapping, else the first of ``modified_keys`` the front matter has."""
    pub = published(meta, published_keys)
    if pub is not None and pub.path[1:] == (CREATED,) and UPDATED in meta[pub.path[0]]:
        return lookup(meta, pub.path[0], UPDATED)
    for key in modified_keys:
        found = lookup(meta, key, UPDATED)
        if found is not None and not isinstance(found.text, bool):  # (Starlight's lastUpdated: false)
            return found
    return None
