"""Merge conflict marker: a line that git left when two edits of the article met.

When two branches change the same lines, git writes both versions into the file between
``<<<<<<<``, ``=======`` and ``>>>>>>>`` lines (and ``|||||||`` before the common ancestor's
text, in diff3 style). Committed unresolved, they are published: the ``=======`` line turns the
paragraph above it into a heading, the ``>>>>>>>`` line into nested block quotations, and both
versions of the text appear. In front matter they break the YAML. Resolve the conflict: keep
one version and delete the marker lines.

Bad:
    <<<<<<< HEAD
    The talks resumed on Monday.
    =======
    The talks resumed on Tuesday.
    >>>>>>> fix-date
Good:
    The talks resumed on Tuesday.

Not findings: marker lines in a code block (an article that explains git), a ``=======`` line
with no ``<<<<<<<`` above it (a setext heading's underline), markers inside a line.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding

ID = "NL017"
NAME = "merge-conflict-marker"
SEVERITY = "error"
FIXABLE = False
DEFAULTS: dict[str, Any] = {}

# A marker line: seven of one marker character, then the end of the line or a blank and a label
MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r\n]|$)[^\n]*", re.M)


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each conflict marker line outside code: an opening or closing marker anywhere,
    a separator only after an opening one."""
    text = doc.text
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return
    code = sorted((s, e) for s, e, kind in doc.prose_index.masks if kind == "code")
    starts = [s for s, _ in code]
    opened = False
    for m in MARKER.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and code[k][1] > m.start():
            continue  # (a fenced or indented code block that shows a conflict)
        marker = m.group(1)[0]
        if marker == "<":
            opened = True
        elif marker in "=|" and not opened:
            continue  # a setext heading's underline, a table's row of pipes
        elif marker == ">":
            opened = False
        what = {"<": "start of", "|": "common-ancestor part of", "=": "middle of", ">": "end of"}[marker]
        yield Finding(m.start(), m.end(), f"merge conflict marker `{m.group(1)}` ({what} a conflict git left); "
                      "keep one version and delete the marker lines")
