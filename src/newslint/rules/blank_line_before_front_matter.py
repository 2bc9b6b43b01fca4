"""Blank line before front matter: the file starts with blank lines, then the `---` block.

Jekyll reads front matter only when ``---`` is the very first line of the file; with blank
lines before it, the block is published as text and the title, date and layout are lost.
Other generators and editors differ, so the block should always open on line 1. The safe fix
deletes the blank lines (newslint itself still reads the block, so every other rule works).

Bad: the file starts with an empty line, then

    ---
    title: Talks resume
    ---
Good: the fence on line 1


    ---
    title: Talks resume
    ---

Not a finding: a byte-order mark before the fence (the unreadable-file rule and the decoder
handle encodings).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix

ID = "NL003"
NAME = "blank-line-before-front-matter"
SEVERITY = "warning"
FIXABLE = True


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding over the blank lines, with a safe fix that deletes them."""
    fm = doc.front_matter
    if fm is None or fm.leading_blank == 0 or fm.start == 0:
        return
    n = fm.leading_blank
    fence = doc.text[fm.start: fm.start + 3] if fm.kind != "json" else "{"
    lines = "a blank line" if n == 1 else f"{n} blank lines"
    yield Finding(0, fm.start, f"{lines} before the opening `{fence}`; front matter must start on line 1",
                  Fix.delete(0, fm.start, "Delete the blank lines"))
