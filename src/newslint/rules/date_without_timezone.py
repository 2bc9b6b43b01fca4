"""Date without timezone: a date-time has a time of day but no time zone, and the schema wants one.

``2023-01-05 10:00:00`` is ten o'clock somewhere: Hugo reads it in the site's ``timeZone``
(UTC unless configured), Jekyll in the build machine's, a feed reader in the reader's. For a
news article the publication time is part of the record, so ``builtin:article`` wants an
offset on every date-time (``2023-01-05T10:00:00-05:00``); a date alone (``2023-01-05``) is
fine. A schema asks for a zone with ``"format": "date-time"`` (RFC 3339 requires one) or with
newslint's annotation ``"x-newslint-timezone": true``.

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

from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..model import Finding

ID = "NL013"
NAME = "date-without-timezone"
SEVERITY = "warning"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each date-time the schema wants zoned that has no zone."""
    for problem in validation.validate(doc, opts).problems:
        if problem.owner == "timezone":
            yield Finding(problem.start, problem.end, problem.message)
