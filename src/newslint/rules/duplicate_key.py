"""Duplicate key: the same key twice in one front-matter mapping.

YAML and JSON readers keep only one of the values (PyYAML, Jekyll and python-frontmatter keep
the last, silently), so the other is lost: an expiry date, an author or a whole tag list
disappears without a word, and a CMS that re-saves the file drops it for good. Stricter
readers refuse the file. Decide which value is right and delete the other line(s); newslint
cannot know which one, so there is no automatic fix. (TOML refuses duplicates outright: that
is a front-matter-syntax finding.)

Bad:
    ---
    title: Talks resume
    expirydate: 2024-01-01
    expirydate: 2025-01-01
    ---
Good:
    ---
    title: Talks resume
    expirydate: 2025-01-01
    ---
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding
from ..schema import path_text

ID = "NL005"
NAME = "duplicate-key"
SEVERITY = "error"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at every repeated key, naming the line of the first one."""
    fm = doc.front_matter
    if fm is None:
        return
    for path, first, again in fm.duplicates:
        span = again.key or again.value
        where = first.key or first.value
        line, _ = doc.position(where[0])
        yield Finding(span[0], span[1],
                      f"duplicate key `{path_text(path)}` (first on line {line}); readers keep only one of the "
                      "values and lose the other — keep one")
