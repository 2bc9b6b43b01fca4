"""Front-matter syntax: the front-matter block cannot be split off or parsed.

Covers a block opened with ``---`` (YAML), ``+++`` (TOML) or ``{`` (JSON) that is never
closed, YAML/TOML/JSON syntax errors (with the line and column the parser stopped at), tab
characters used for indentation in YAML, and front matter that is a list or a single value
instead of a mapping of keys. Site generators either fail the build or silently drop such
metadata; python-frontmatter returns ``{}`` without a word.

Bad:
    ---
    title: Talks resume: both sides agree
    ---
Good:
    ---
    title: "Talks resume: both sides agree"
    ---
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding

ID = "NL001"
NAME = "front-matter-syntax"
SEVERITY = "error"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per error the splitter or parser met."""
    fm = doc.front_matter
    if fm is None:
        return
    for error in fm.errors:
        yield Finding(error.start, max(error.start, error.end), error.message)
