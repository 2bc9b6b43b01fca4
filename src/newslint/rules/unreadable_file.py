"""Unreadable file: the file cannot be read or is not text in a known encoding.

newslint reads UTF-8, and UTF-16 or UTF-32 when the file starts with a byte order mark. Anything
else (Latin-1, Windows-1252, a binary file named .md, a broken symlink, a file without read
permission, a named pipe, a file over 32 MiB) is reported here instead of stopping the run; the
other files are still checked. So are lines of Markdown nested so deep (lists and quotes inside
each other, 30 lists or 60 quotes deep) that newslint does not read them as prose: the rest of
the file is checked.

Bad:  an article saved as Windows-1252 ("caf\\xe9")
Good: the same article saved as UTF-8 ("café")
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..mdblock import MAX_DEPTH
from ..model import Finding

ID = "NL000"
NAME = "unreadable-file"
SEVERITY = "error"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """The engine reports unreadable files itself; here, the lines nested too deep to read."""
    deep = [(s, e) for s, e, kind in doc.prose_index.masks if kind == "deep"]
    if deep:
        first, last = doc.position(deep[0][0])[0], doc.position(deep[-1][1])[0]
        lines = f"line {first}" if first == last else f"lines {first}–{last}"
        yield Finding(deep[0][0], deep[0][1], f"Markdown nested too deep ({MAX_DEPTH // 2} lists or "
                      f"{MAX_DEPTH} quotes inside each other, or more): {lines} not checked; flatten the nesting")
