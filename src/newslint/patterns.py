"""Regular expressions that only some articles need, compiled when first asked for.

newslint's modules hold some 300 patterns. Compiled at import, they cost ~40 ms of a run on
one article (a pre-commit run on a staged file), most of it for patterns that a given article
never reaches: TOML front matter, a heading glued to its text, a URL with a port, a date range.
``lazy(source, flags)`` gives a function that compiles the pattern on its first call and
returns that same compiled pattern on every later one (functools.cache: tens of nanoseconds
a call, against the microseconds of the match itself). A pattern that every article uses
stays a plain module-level ``re.compile``.

Worker processes are forked after ``warm()`` has compiled every lazy pattern, so that a run
over many files compiles each one once, in the parent, as before, not once in each worker.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

_ALL: list[Callable[[], re.Pattern[str]]] = []


def lazy(source: str, flags: int | re.RegexFlag = 0) -> Callable[[], re.Pattern[str]]:
    """A function returning ``re.compile(source, flags)``, compiled on its first call."""
    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(source, flags)

    _ALL.append(compiled)
    return compiled


def warm() -> None:
    """Compile every lazy pattern of the modules imported so far (before forking workers)."""
    for compiled in _ALL:
        compiled()
