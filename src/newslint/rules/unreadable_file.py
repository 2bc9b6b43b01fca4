"""Unreadable file: the file cannot be read or is not text in a known encoding.

newslint reads UTF-8, and UTF-16 or UTF-32 when the file starts with a byte order mark. Anything
else (Latin-1, Windows-1252, a binary file named .md, a broken symlink, a file without read
permission) is reported here instead of stopping the run; the other files are still checked.

Bad:  an article saved as Windows-1252 ("caf\\xe9")
Good: the same article saved as UTF-8 ("café")
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding

ID = "NL000"
NAME = "unreadable-file"
SEVERITY = "error"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """The engine reports this rule itself, before a Document exists; nothing to do here."""
    return iter(())
