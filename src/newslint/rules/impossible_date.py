"""Impossible date: a date or time in the text that does not exist on any calendar or clock.

Reported: ISO 8601 dates and date-times that are not real (``2022-02-30``, ``2022-13-01``,
``2022-05-31T24:61``); dates with a month name whose day is past the month's end
(``June 31``, ``February 30, 2022``, ``February 29, 2023``); numeric dates that are no date
whichever way they are read (``31/02/2022`` and ``02/31/2022`` are neither day/month nor
month/day, ``31.04.2022``, year first ``2022/02/30``); times of day that do not exist
(``24:61 UTC``, ``9:75 a.m.``) and twelve-hour times past 12 (``13:30 p.m.``). The calendar is
Python's ``datetime``.

A bare ``25:08`` is not checked: in prose it is as often a video offset or a score as a time,
so a time needs ``a.m.``/``p.m.``, ``UTC``/``GMT``, a US or European zone (``ET``, ``PST``,
``CET``, ``MSK``...), a named one (``Moscow time``, ``local time``) or an ISO date before it; except that minutes from 60 up after "at", "by", "until", "from", "before", "after"
or "around" (``at 24:61``, ``by 9:75``) are no time and no video offset either, and an hour past
24 after one of those words (``the talks resumed at 25:30``, ``by 24:30``) is no time of day, unless the
sentence speaks of a recording, a race or a game (``at 25:30 in the video``, ``finished the 10K
in 52:10``), where it is minutes and seconds. Month names come from ``rules/dates.yaml`` for the article's language;
in an article in another language, a date in the form only English writes (``April 31, 2003``: month,
day, comma, year) is read with English names too: an English passage quoted or kept in it.

Bad:  The hearing is set for June 31, 2022, at 13:30 p.m.
Good: The hearing is set for June 30, 2022, at 1:30 p.m.

Bad:  The contract was signed on 31/02/2022.
Good: The contract was signed on 28/02/2022.

Not findings: ``February 29, 2024`` (a leap year), ``12/31/2022`` and ``31/12/2022`` (one
reading is a date), two-digit years and numbers above 31 (``31/45/2022`` is no date at all), a month and then a count ("In June 31
soldiers died", "in June. 31 people"; German "Juni 31 Soldaten"), ``24:00`` (midnight at the
end of a day), leap second ``23:59:60``, dates in code, URLs and file names in links.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from .. import bodydates as dates
from ..document import Document
from ..model import Finding
from ..patterns import lazy

ID = "NL140"
NAME = "impossible-date"
SEVERITY = "error"
FIXABLE = False
DEFAULTS: dict[str, Any] = {}

# Found from the ":" (the scan is cheap), the hour checked behind it in check().
# (a zone: a.m./p.m., UTC, a US or European zone's letters, or "Moscow time", "local time")
_TIME = lazy(r":(\d{2})(?::(\d{2}))?(?!\d)\s?"
                   r"(?P<zone>[aApP]\.?\s?[mM]\.?(?![\w])|UTC\b|GMT\b|[ECMP][SD]?T\b|Z\b"
                   r"|(?:CES?T|EES?T|WES?T|BST|MSK|IST|JST|KST|HKT|SGT|AE[SD]T)\b|(?:local|[A-Z][a-z]+) time\b)")
_TWELVE_HOUR = lazy(r"[ap]\.?m\.?")
_HOUR = lazy(r"(?<![\w:.\-/])\d{1,2}\Z")
# A bare time whose minutes do not exist (led by the literal ":"), after a word that introduces
# a time: neither a clock time nor a minutes:seconds offset.
_CLOCK = re.compile(r":\d\d")  # what _TIME and _BAD_MINUTES both start with
_BAD_MINUTES = lazy(r":([6-9]\d)(?![\d:]|[.,]\d)")
# An hour past 24 (minutes that exist) after a time word: minutes and seconds of a recording or a
# race where the sentence speaks of one, else a clock time that cannot be. (Not "run" or "ran":
# a query, a test or a program is run as often as a race: "I ran a few test queries, and … at 25:30".
# Nor "into" alone: "typing your address into the search box … at 25:30" is no recording; "ten
# minutes into" has its "minutes".)
_GOOD_MINUTES = lazy(r":[0-5]\d(?![\d:]|[.,]\d)")  # (led by the literal ":"; the hour is read behind it)
_OFFSET_CONTEXT = lazy(r"(?i)(?<![\w-])(?:video|clip|film|footage|movie|podcast|episode|recording|recorded|audio|"
                       r"(?:live)?stream(?:ed|ing)?|broadcast|webinar|interview|talk|keynote|session|track|song|album|"
                       r"minutes?|mark|timestamp|(?:hours?|seconds?) into|runtime|playback|youtube|vimeo|transcript|tape|lap|race|"
                       r"marathon|[0-9]+k|miles?|finish(?:ed|ing)?|pace|game|match|half|quarter|period|"
                       r"score[ds]?|record)(?![\w-])")
_TIME_WORD = lazy(r"(?<![\w-])(?:[Aa]t|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Bb]efore|[Aa]fter|[Aa]round) \Z")
# 31/02/2022, 31.02.2022, 2022/02/30: found from the middle "/02/" (cheap to scan for), the
# number before it checked in check(); the hyphenated year-first form is an ISO date (above)
# One pattern per separator: led by one literal character, each is scanned for at C speed (a
# pattern led by the set [/.] is tried at every character: three times the time). A match of one
# holds no character of the other's, so they never overlap: merged, they are one pattern's matches.
_NUMERIC_TAILS = tuple(re.compile(rf"(\{sep})(\d{{1,2}})\1(\d{{4}}|\d{{1,2}})(?![\w/]|\.\d)") for sep in "/.")
_NUMERIC_HEAD = lazy(r"(?<![\w:.\-/])(?:\d{4}|\d{1,2})\Z")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report ISO dates, month-name dates and clock times that cannot exist."""
    for m in dates.iso_dates(doc):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        problem = _date_problem(y, mo, d)
        if problem is None and m.group(4):
            problem = _time_problem(int(m.group(4)), int(m.group(5)), int(m.group(6) or 0))
        if problem:
            yield Finding(m.start(), m.end(), f"`{m.group(0)}` is not a real date or time: {problem}")
    for t in dates.text_dates(doc):
        if t.day == 0 or t.day > dates.days_in_month(t.month, t.year):
            name = dates.month_name_en(t.month) if t.language == "en" else dates.month_name(doc, t.month)
            when = f"{name} {t.year}" if t.year else name
            yield Finding(t.start, t.end,
                          f"{when} has {dates.days_in_month(t.month, t.year)} days, not {t.day}")
    prose = doc.prose_text
    # (a prose without "/", found at C speed, two articles in three, holds no 31/02/2022)
    slashes, stops = (list(p.finditer(prose, doc.body_start)) if sep in prose else []
                      for sep, p in zip("/.", _NUMERIC_TAILS))
    for m in sorted(slashes + stops, key=re.Match.start) if slashes and stops else slashes or stops:
        head = _NUMERIC_HEAD().search(prose, max(0, m.start() - 4), m.start())
        if head is not None:
            problem = _numeric_problem(head.group(0), m.group(2), m.group(3))
            if problem:
                shown = prose[head.start():m.end()]
                yield Finding(head.start(), m.end(), f"`{shown}` is not a real date: {problem}")
    if _CLOCK.search(prose, doc.body_start) is None:
        return  # both patterns below start with a colon and two digits: one scan rules out both
    for m in _TIME().finditer(prose, doc.body_start):
        h = _HOUR().search(prose, max(0, m.start() - 3), m.start())
        if h is None:
            continue
        hour, minute, second = int(h.group(0)), int(m.group(1)), int(m.group(2) or 0)
        problem = _time_problem(hour, minute, second)
        zone = m.group("zone").replace(" ", "").lower()
        if problem is None and _TWELVE_HOUR().fullmatch(zone) and not 1 <= hour <= 12:
            problem = f"a {zone} time has an hour from 1 to 12; write {hour - 12 if hour > 12 else 12}:{m.group(1)}"
        if problem:
            shown = prose[h.start():m.end("zone")]
            yield Finding(h.start(), m.end("zone"), f"`{shown}` is not a real time: {problem}")
    for m in _BAD_MINUTES().finditer(prose, doc.body_start):
        h = _HOUR().search(prose, max(0, m.start() - 3), m.start())
        if h is None or _TIME().match(prose, m.start()) or not _TIME_WORD().search(prose, max(0, h.start() - 8), h.start()):
            continue  # a zone follows (reported above), or nothing says it is a time
        shown = prose[h.start():m.end()]
        yield Finding(h.start(), m.end(), f"`{shown}` is not a real time: there is no minute {m.group(1)}")
    for m in _GOOD_MINUTES().finditer(prose, doc.body_start):
        h = _HOUR().search(prose, max(0, m.start() - 3), m.start())
        if h is None or _time_problem(int(h.group(0)), int(m.group(0)[1:]), 0) is None or _TIME().match(prose, m.start()) \
                or not _TIME_WORD().search(prose, max(0, h.start() - 8), h.start()) \
                or _offset_context(prose, h.start(), m.end()):
            continue  # an hour that exists, a zone (reported above), no time word, or a recording's minutes
        shown = prose[h.start():m.end()]
        yield Finding(h.start(), m.end(), f"`{shown}` is not a real time: {_time_problem(int(h.group(0)), int(m.group(0)[1:]), 0)}")


def _offset_context(prose: str, start: int, end: int) -> bool:
    """Does the sentence around ``start:end`` speak of a recording, a race or a game (where
    25:30 is minutes and seconds)? The sentence: back to the last sentence end or line break."""
    s = max(prose.rfind(". ", 0, start), prose.rfind("\n", 0, start), prose.rfind("? ", 0, start),
            prose.rfind("! ", 0, start), start - 300)
    e = min(x for x in (prose.find(". ", end), prose.find("\n", end), end + 300) if x >= 0)
    return _OFFSET_CONTEXT().search(prose, s, e) is not None


def _date_problem(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if not 1 <= day <= dates.days_in_month(month, year):
        return f"{dates.month_name_en(month)} {year} has {dates.days_in_month(month, year)} days"
    return None


def _numeric_problem(first: str, middle: str, last: str) -> str | None:
    """Why a numeric date is none whichever way it is read (None: a date, or not a date form)."""
    if len(first) == 4 and len(last) <= 2:  # year first: 2022/02/30
        year, month, day = int(first), int(middle), int(last)
        if dates.MIN_YEAR <= year <= dates.MAX_YEAR and 1 <= month <= 31 and 1 <= day <= 31:
            return _date_problem(year, month, day)
        return None
    if len(first) > 2 or len(last) != 4:
        return None
    a, b, year = int(first), int(middle), int(last)
    if not (dates.MIN_YEAR <= year <= dates.MAX_YEAR and 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12):
        return None
    if _date_problem(year, b, a) is None or _date_problem(year, a, b) is None:
        return None
    month, day = (b, a) if b <= 12 else (a, b)
    return (f"{dates.month_name_en(month)} {year} has {dates.days_in_month(month, year)} days, "
            f"and there is no month {max(a, b)}")


def _time_problem(hour: int, minute: int, second: int) -> str | None:
    if minute > 59:
        return f"there is no minute {minute}"
    if second > 60:
        return f"there is no second {second}"
    if hour > 24 or (hour == 24 and (minute or second)):
        return f"there is no hour {hour}" + (" (24:00 is the only time in hour 24)" if hour == 24 else "")
    return None
