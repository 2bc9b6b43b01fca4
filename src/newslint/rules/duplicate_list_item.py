"""Duplicate list item: a front-matter list names the same item twice (`tags: [a, b, a]`).

A tag, category, topic or author listed twice is a slip of copy-paste or of a CMS that appends
on every save: the article is filed twice under the tag, or the byline names the author twice.
Reported for the lists of tags, categories, topics, keywords, series and authors, and for every
list the schema marks `uniqueItems` (schema-violation leaves those to this rule). The safe fix
deletes the second copy (its whole line in a block list, the comma before it in a flow list
`[…]` or a TOML array of strings); every other byte of the front matter stays as it was.

Bad:
    ---
    title: Talks resume
    tags: [diplomacy, ukraine, diplomacy]
    ---
Good:
    ---
    title: Talks resume
    tags: [diplomacy, ukraine]
    ---

Not findings: two items that differ in case or spelling (`Ukraine`, `ukraine`: a tag's case may
be the house's choice), repeated values in other lists (scores, coordinates, sizes).
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy

ID = "NL016"
NAME = "duplicate-list-item"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_BLOCK_MARK = lazy(r"[ \t]*-[ \t]+")
_FLOW_GAP = lazy(r"\s*,\s*")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at the second copy of each repeated list item, with a fix deleting it."""
    fm = doc.front_matter
    if fm is None or fm.root is None or not isinstance(fm.data, dict):
        return
    paths = {p.path for p in validation.validate(doc, opts).problems if p.owner == "unique"}
    # (a name twice in a news list is always a slip, whatever the schema says of it)
    paths |= {(key,) for key, value in fm.data.items()
              if key in validation.NEWS_LIST_KEYS and isinstance(value, list)}
    for path in sorted(paths, key=lambda p: tuple(map(str, p))):
        value: Any = fm.data
        for step in path:
            value = value[step] if isinstance(value, (dict, list)) else None
        node = validation.node_at(fm, path)
        if not isinstance(value, list) or node is None:
            continue
        where = ".".join(map(str, path))
        if not isinstance(node.items, list):
            node = _toml_array(doc.text, node, value) or node  # TOML arrays carry no item positions
        if not isinstance(node.items, list) or len(node.items) != len(value):
            # (an array this reading cannot place item by item: the list, without a fix)
            twice = _first_repeat(value)
            if twice is not None:
                yield Finding(node.value[0], node.value[1], f"`{where}` lists {_show(twice)} twice; "
                              "delete the second copy")
            continue
        seen: set[Any] = set()
        for i, item in enumerate(value):
            ident = _identity(item)
            if ident not in seen:
                seen.add(ident)
                continue
            pos = node.items[i]
            yield Finding(pos.value[0], pos.value[1], f"`{where}` lists {_show(item)} twice; delete the second copy",
                          _fix(doc.text, node, i))


# A TOML array of strings on its own: "basic" (JSON-like escapes) or 'literal' strings
_TOML_ITEM = lazy(r"""\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*')\s*(,|(?=\]))""")


def _toml_array(text: str, node: Any, value: list[Any]) -> Any:
    """Item positions for a TOML array of strings on one line (``["a", 'b']``), or None when
    the array holds anything else or does not read back as ``value``. (The parser's span of a
    TOML value is its line, so the array's own end is found here.)"""
    start = node.value[0]
    if text[start:start + 1] != "[" or not all(isinstance(v, str) for v in value):
        return None
    items, at = [], start + 1
    while len(items) < len(value):
        m = _TOML_ITEM().match(text, at)
        if m is None:
            return None
        raw = m.group(1)
        try:
            read = json.loads(raw) if raw[0] == '"' else raw[1:-1]
        except ValueError:
            return None
        if read != value[len(items)]:
            return None
        items.append(SimpleNamespace(value=(m.start(1), m.end(1)), items=None))
        at = m.end()
    close = _TOML_CLOSE().match(text, at)
    if close is None or "\n" in text[start:close.end()]:
        return None  # (over lines: the structure guard knows a TOML value by its first line only)
    return SimpleNamespace(value=(start, close.end()), items=items)


_TOML_CLOSE = lazy(r"[ \t\n]*\]")


def _first_repeat(value: list[Any]) -> Any:
    """The first item that repeats an earlier one, or None (one pass: a list may be long)."""
    seen: set[Any] = set()
    for item in value:
        ident = _identity(item)
        if ident in seen:
            return item
        seen.add(ident)
    return None


def _identity(item: Any) -> Any:
    """Equal for items YAML reads as the same value (1 and true and "1" stay apart)."""
    if type(item) is str:  # (most items: a string is equal only to the same string, no JSON needed;
        return (item,)     # in a tuple, never equal to another type's JSON text, "[\"int\", 1]" for 1)
    return json.dumps([type(item).__name__, item], sort_keys=True, default=str)


def _show(item: Any) -> str:
    return f"'{item}'" if isinstance(item, str) else json.dumps(item, default=str)


def _fix(text: str, node: Any, i: int) -> Fix | None:
    """Delete item ``i``: its whole line in a block list, the separator before it in a flow list;
    None for an item over several lines or with a comment on its line (it would be lost)."""
    start, end = node.items[i].value
    if node.items[i].items is not None or "\n" in text[start:end]:
        return None
    if text[node.value[0]:node.value[0] + 1] == "[":  # flow: [a, b, a] -> [a, b]
        prev_end = node.items[i - 1].value[1]
        if not _FLOW_GAP().fullmatch(text, prev_end, start):
            return None
        return Fix.delete(prev_end, end, "Delete the repeated item")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if not _BLOCK_MARK().fullmatch(text, line_start, start) or line_end < 0 or text[end:line_end].strip():
        return None
    return Fix.delete(line_start, line_end + 1, "Delete the repeated item")
