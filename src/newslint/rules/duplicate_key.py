"""Duplicate key: the same key twice in one front-matter mapping.

YAML and JSON readers keep only one of the values (PyYAML, Jekyll and python-frontmatter keep
the last, silently), so the other is lost: an expiry date, an author or a whole tag list
disappears without a word, and a CMS that re-saves the file drops it for good. Stricter
readers refuse the file. Decide which value is right and delete the other line(s); newslint
cannot know which one, so there is no automatic fix. (TOML refuses duplicates outright: that
is a front-matter-syntax finding.) Two keys that differ only in case (``title`` and ``Title``)
are reported too: Hugo reads keys without regard to case and keeps one value.

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
    if fm.root is not None:
        yield from _case_twins(doc, fm.root, ())


def _case_twins(doc: Document, node: Any, path: tuple[Any, ...]) -> Iterator[Finding]:
    """Keys of one mapping that differ only in case (``title`` and ``Title``): Hugo reads keys
    without regard to case, so it keeps one value and loses the other, as with a duplicate; a
    case-sensitive reader keeps both, and the theme reads only one."""
    items = node.items
    if isinstance(items, dict):
        if len({k.casefold() if isinstance(k, str) else k for k in items}) < len(items):
            seen: dict[Any, str] = {}
            for key, pos in items.items():
                folded = key.casefold() if isinstance(key, str) else key
                if folded in seen and pos.key is not None:
                    first = items[seen[folded]]
                    line, _ = doc.position((first.key or first.value)[0])
                    yield Finding(pos.key[0], pos.key[1],
                                  f"key `{path_text(path + (key,))}` differs from `{seen[folded]}` (line {line}) "
                                  "only in case; Hugo reads them as one key and keeps one value — keep one")
                else:
                    seen.setdefault(folded, key)
        children = items.items()
    elif isinstance(items, list):
        children = enumerate(items)
    else:
        return
    for key, pos in children:
        if pos.items:  # (a scalar, most values, has nothing inside)
            yield from _case_twins(doc, pos, path + (key,))
