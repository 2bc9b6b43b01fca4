"""Dates written in the body, found once and shared by the body date rules (NL14x).

Month and weekday names come from ``rules/dates.yaml`` per article language; a language
without an entry gets only the language-independent checks (ISO 8601 dates and times, numeric
dates). Calendar arithmetic is the standard library's ``datetime`` (proleptic Gregorian), so
"is 2022-02-30 a date" and "which weekday was May 31, 2022" are answered by it, not by us.

A date written without a year ("Monday, May 30") gets the year that puts it nearest the
article's publication date: the front matter's ``date``/``publishDate``/... (or ``date.created``)
as ``dates.lookup`` reads front-matter dates, else a Jekyll-style ``YYYY-MM-DD-`` file name.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Iterator, NamedTuple

from .document import Document
from .patterns import lazy

_PUB_KEYS = ("date", "publishDate", "publishdate", "pubdate", "published", "pubDate", "pubDatetime", "date_published",
             "publish_date")
_FILE_DATE = lazy(r"(?:^|[/\\])(\d{4})-(\d{2})-(\d{2})-[^/\\]*$")
_RANGE_AFTER = lazy(r"\s*(?:[-–—]|to\b|through\b|thru\b|until\b|till\b|and\b|or\b|&)", re.I)
MIN_YEAR, MAX_YEAR = 1800, 2199  # a four-digit number outside these is a count, not a year


class TextDate(NamedTuple):
    """A date written with a month name, maybe a weekday and a year, at ``[start, end)``."""

    start: int
    end: int
    month: int  # 1-12
    day: int
    year: int | None  # as written (None when absent)
    weekday: int | None  # 0 = Monday, as written
    weekday_span: tuple[int, int] | None
    weekday_text: str
    range_follows: bool  # "Thursday, June 1 through June 7": the weekday may name the range's end
    language: str = ""  # the language of its names when not the article's ("en": an English passage)


@lru_cache(maxsize=None)
def _names() -> dict[str, Any]:
    from .resources import load_yaml

    return load_yaml("rules", "dates.yaml")


class Language(NamedTuple):
    """A language's date vocabulary, compiled. Every scan starts at a month name (a cheap
    alternation the regex engine skips to by its first letters); the day, year and weekday
    around it are matched from there, forwards and backwards."""

    month: re.Pattern[str]  # a month name
    day_after: re.Pattern[str] | None  # " 31" / " 31st" after a month name (None: the language
    # never puts the month first, so "Juni 31 Soldaten" is a month and a count)
    day_before: re.Pattern[str]  # "31 " / "31. " / "31 de " before a month name (search up to it)
    year_after: re.Pattern[str]  # ", 2022" / " de 2022"
    weekday_before: re.Pattern[str]  # "Monday, " / "lundi " before a date (search up to it)
    weekday_iso: re.Pattern[str]  # "Monday, " before an ISO date
    period_before: re.Pattern[str] | None  # "in " before a month named as a period ("In June 31 soldiers died")
    months: dict[str, int]
    weekdays: dict[str, int]
    abbreviations: frozenset[str]
    fold: Any
    firsts: str = ""  # the month names' first characters, when the names are case-sensitive (see _months)


@lru_cache(maxsize=32)
def language(language: str) -> Language | None:
    """The compiled date vocabulary of a language, or None when rules/dates.yaml has none."""
    data = _names().get(language)
    if not data:
        return None
    flags = 0 if data.get("case-sensitive", False) else re.I
    fold = (lambda s: s) if flags == 0 else str.casefold
    months = {fold(n): i + 1 for i, names in enumerate(data["months"]) for n in names}
    weekdays = {fold(n): i for i, names in enumerate(data["weekdays"]) for n in names}
    alt = lambda names: "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))  # noqa: E731
    weekday = alt([n for ns in data["weekdays"] for n in ns])
    suffix = "|".join(re.escape(s) for s in data.get("day-suffixes", []))
    day = r"\d{1,2}" + (rf"(?:{suffix})?" if suffix else "")
    conn = "|".join(re.escape(c) for c in data.get("connectors", []))
    conn = rf"(?:(?:{conn})\s+)*" if conn else ""
    return Language(
        month=re.compile(alt([n for ns in data["months"] for n in ns]), flags),
        day_after=re.compile(rf"\.?\s+(?P<d>{day})(?!\w|:\d|\.\d)", flags) if data.get("month-day", True) else None,
        day_before=re.compile(rf"(?<![\w\-/.])(?P<d>{day})\s+{conn}\Z", flags),
        year_after=re.compile(rf",?\s+{conn}(?P<y>\d{{4}})(?![\d\-/])", flags),
        weekday_before=re.compile(rf"(?<!\w)(?P<wd>{weekday})\.?,?\s+{conn}\Z", flags),
        weekday_iso=re.compile(rf"(?<!\w)(?P<wd>{weekday})\.?,?\s+\Z", flags),
        period_before=re.compile(rf"(?<!\w)(?:{alt(data['period-words'])})\s+\Z", re.I) if data.get("period-words") else None,
        months=months, weekdays=weekdays, fold=fold,
        abbreviations=frozenset(fold(n) for ns in data["months"] for n in ns[1:] if fold(ns[0]).startswith(fold(n))),
        firsts="".join(sorted({n[0] for ns in data["months"] for n in ns})) if flags == 0 else "")


def text_dates(doc: Document) -> list[TextDate]:
    """Dates with a month name in the body's prose (empty for a language without names)."""
    return doc.memo("bodydates.text", lambda: list(_text_dates(doc)))


def _text_dates(doc: Document) -> list[TextDate]:
    own = language(doc.language)
    found = list(_dates_in(own, doc.prose_text, doc.body_start)) if own is not None else []
    if doc.language != "en":
        # An English passage in an article in another language (a quoted announcement, a
        # translation's original): its dates in the English form that no other language writes,
        # "April 31, 2003" (month name, day, comma, year), are dates too, with English names.
        taken = {t.start for t in found}
        english = [t for t in _dates_in(language("en"), doc.prose_text, doc.body_start, english_form=True)  # type: ignore[arg-type]
                   if t.start not in taken]
        if english:
            found = sorted(found + english, key=lambda t: t.start)
    return found


def _dates_in(lang: "Language", prose: str, body_start: int, english_form: bool = False) -> Iterator[TextDate]:
    """The dates of ``prose`` in ``lang``'s words; with ``english_form``, only those written
    "Month D, YYYY" (tagged as English)."""
    fold = lang.fold
    for m in _months(lang, prose, body_start):
        s, e = m.span()
        if (s > 0 and (prose[s - 1].isalnum() or prose[s - 1] in "-/.")) or (e < len(prose) and prose[e].isalnum()):
            continue  # part of a longer word ("Mayor", "Sunday" is not "Sun"+"day")
        month = lang.months.get(fold(m.group(0)))
        if month is None:
            continue
        after = lang.day_after.match(prose, e) if lang.day_after is not None else None
        if after is not None and prose.startswith(".", e) and fold(m.group(0)) not in lang.abbreviations:
            after = None  # "in June. 31 people died": a sentence ends after the month
        if after is not None and lang.period_before is not None and after.group("d").isdigit() \
                and _WORD_NEXT().match(prose, after.end()) \
                and lang.period_before.search(prose, max(0, s - 12), s):
            after = None  # "In June 31 soldiers died": a month as a period, then a count
        if after is not None:  # "May 31"
            start, day, end = s, int(re.match(r"\d+", after.group("d")).group(0)), after.end()  # type: ignore[union-attr]
        else:  # "31 May", "31. Mai", "31 de mayo"
            before = lang.day_before.search(prose, max(0, s - 16), s)
            if before is None:
                continue
            start, day, end = before.start(), int(re.match(r"\d+", before.group("d")).group(0)), e  # type: ignore[union-attr]
            if prose.startswith(".", end) and fold(m.group(0)) in lang.abbreviations:
                end += 1  # "31 Jan. 2022"
        year = None
        y = lang.year_after.match(prose, end)
        if y is not None:
            value = int(y.group("y"))
            if MIN_YEAR <= value <= MAX_YEAR:  # "May 31, 1500 people": a count, not a year
                if english_form and (after is None or "," not in prose[end: y.start("y")]):
                    continue
                year, end = value, y.end()
        if english_form and year is None:
            continue
        wd = lang.weekday_before.search(prose, max(0, start - 24), start)
        weekday = lang.weekdays.get(fold(wd.group("wd"))) if wd else None
        if wd is not None:
            start = wd.start()
        r = _RANGE_AFTER().match(prose, end)
        range_follows = r is not None and _range_end(prose, r.end(), lang)
        yield TextDate(start, end, month, day, year, weekday, wd.span("wd") if wd else None,
                       wd.group("wd") if wd else "", range_follows, "en" if english_form else "")


def _months(lang: Language, prose: str, start: int) -> Iterator[re.Match[str]]:
    """``lang.month.finditer(prose, start)``, found from the month names' first letters when the
    names are case-sensitive (English, German): str.find runs at memchr speed, where the scan of
    the alternation, led by a set of eight letters, cost ten times as much per character. Every
    match starts with one of those letters, so trying the pattern at each of them, left to right
    and from the end of each match on, finds what finditer finds."""
    if not lang.firsts:  # (case-insensitive names: "mai" and "Mai" both start one)
        yield from lang.month.finditer(prose, start)
        return
    starts = []
    for ch in lang.firsts:
        at = prose.find(ch, start)
        while at >= 0:
            starts.append(at)
            at = prose.find(ch, at + 1)
    starts.sort()
    match, end = lang.month.match, start
    for at in starts:
        if at >= end:
            m = match(prose, at)
            if m is not None:
                end = m.end()
                yield m


_WORD_AT = lazy(r"\s*(\w+)")
# a word after "in June 31": a count of things ("soldiers"), not a range or list of days ("and 28")
_WORD_NEXT = lazy(r"[ \t]+(?!(?:and|or|to|through|thru|till|until|nor)\b)[^\W\d_]")


def _range_end(prose: str, at: int, lang: Language) -> bool:
    """Does a range's other end (a number, a month or a weekday) follow at ``at``? "June 1 through
    June 7" and "June 1-7" are ranges; "October 2, 2014 to reserve your spot" and "May 9, 2024 and 947
    folks" are not."""
    w = _WORD_AT().match(prose, at)
    if w is None:
        return False
    word = w.group(1)
    if word[0].isdigit():  # a day ("June 1-7"), not a count ("May 9, 2024 and 947 folks signed up")
        digits = re.match(r"\d+", word)
        return digits is not None and 1 <= int(digits.group(0)) <= 31
    return lang.fold(word) in lang.months or lang.fold(word) in lang.weekdays


_ISO_TAIL = re.compile(r"-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(?!\d)")


def iso_dates(doc: Document) -> list[re.Match[str]]:
    """ISO 8601 dates (and date-times) in the body's prose, as matches of YYYY-MM-DD[THH:MM[:SS]]
    with groups 1-6; found from the "-MM-" (cheap to scan for), the year checked behind it."""
    def find() -> list[re.Match[str]]:
        prose = doc.prose_text
        out = []
        for m in _ISO_TAIL.finditer(prose, doc.body_start + 4):
            s = m.start() - 4
            if not prose[s:m.start()].isdigit() or (s > 0 and (prose[s - 1].isalnum() or prose[s - 1] in "/.:-")):
                continue
            full = _ISO_FULL().match(prose, s)
            if full is not None:
                out.append(full)
        return out

    return doc.memo("bodydates.iso", find)


_ISO_FULL = lazy(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(?!\d)")


def publication_date(doc: Document) -> dt.date | None:
    """The article's date: front matter (date, publishDate, ...) or a YYYY-MM-DD- file name."""
    def find() -> dt.date | None:
        from .dates import lookup

        meta = doc.meta
        for key in _PUB_KEYS:
            found = lookup(meta, key)  # (MkDocs Material's date: {created: …}: its created)
            if found is not None and found.stamp is not None:
                return found.stamp.day
        if doc.path:
            m = _FILE_DATE().search(doc.path)
            if m is not None:
                return _date(*map(int, m.groups()))
        return None

    return doc.memo("bodydates.publication", find)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest(month: int, day: int, around: dt.date) -> dt.date | None:
    """The date with this month and day nearest to ``around`` (the year before, of, or after)."""
    best = None
    for year in (around.year - 1, around.year, around.year + 1):
        candidate = _date(year, month, day)
        if candidate is not None and (best is None or abs((candidate - around).days) < abs((best - around).days)):
            best = candidate
    return best


def days_in_month(month: int, year: int | None) -> int:
    """How many days the month has (February: 29 unless the year says otherwise)."""
    if month == 2:
        if year is None:
            return 29
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_name(doc: Document, month: int) -> str:
    """The language's full month name (English when it has none)."""
    data = _names().get(doc.language) or _names()["en"]
    return data["months"][month - 1][0]


def month_name_en(month: int) -> str:
    """The English month name (for ISO dates, which have no language)."""
    return _names()["en"]["months"][month - 1][0]


def weekday_name(language: str, weekday: int, like: str = "", like_weekday: int | None = None) -> str:
    """The weekday's name in the language; written like ``like`` (the name of ``like_weekday`` as
    the article has it): abbreviated when that is abbreviated, with its capitalisation."""
    data = _names().get(language) or _names()["en"]
    names = data["weekdays"][weekday]
    name = names[0]
    bare = like.rstrip(".")
    if bare and like_weekday is not None and len(names) > 1 \
            and bare.casefold() != data["weekdays"][like_weekday][0].casefold():
        same = [n for n in names[1:] if len(n) == len(bare)]
        name = same[0] if same else names[-1]
    if like[:1].isupper() and not name[:1].isupper():
        name = name[:1].upper() + name[1:]
    elif like[:1].islower() and name[:1].isupper():
        name = name[:1].lower() + name[1:]
    return name
