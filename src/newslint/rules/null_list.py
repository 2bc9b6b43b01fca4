"""Null list: a key the schema wants as a list has no value (``tags:`` with nothing after it).

YAML reads an empty value as null, not as an empty list, so templates and scripts that loop
over the key get nothing to loop over, or fail. The safe fix writes ``[]`` after the colon (or
replaces ``null``/``~``) and leaves every other byte of the front matter as it was.

Bad:
    ---
    title: Talks resume
    tags:
    ---
Good:
    ---
    title: Talks resume
    tags: []
    ---

Not findings: keys the schema does not declare as lists (an empty string field is empty-value),
an empty list, a list with items.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy

ID = "NL009"
NAME = "null-list"
SEVERITY = "warning"
FIXABLE = True

_NULL = lazy(r"~|null|Null|NULL")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each null the schema wants to be a list, with the safe `[]` fix."""
    fm = doc.front_matter
    if fm is None:
        return
    text = doc.text
    for problem in validation.validate(doc, opts).problems:
        if problem.owner != "null":
            continue
        node = validation.node_at(fm, problem.path)
        fix = None
        start, end = problem.start, problem.end
        if node is not None:
            s, e = node.value
            raw = text[s:e]
            if fm.kind == "json" or _NULL().fullmatch(raw):
                fix = Fix.replace(s, e, "[]", "Write an empty list `[]`")
            elif not raw and node.key is not None:
                colon = text.find(":", node.key[1])
                line_end = text.find("\n", node.key[1])
                if colon >= 0 and (line_end < 0 or colon < line_end):
                    fix = Fix.insert(colon + 1, " []", "Write an empty list `[]`")
            if node.key is not None:
                start, end = node.key[0], max(node.key[1], e)
        yield Finding(start, end, problem.message, fix)
