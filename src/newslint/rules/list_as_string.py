"""List as string: a list key holds one string with commas (`tags: politics, economy`).

Tags, categories, topics and authors are lists. Typed into one CMS field or pasted as one line,
they become a single string: Hugo and Jekyll then file the article under one tag named
"politics, economy", or split the string at its spaces ("politics," and "economy"), and an
author list names nobody. Reported for the keys the schema declares as lists (or as a list or
a string, like `tags`, `categories` and `authors` in builtin:article) and for the list keys news
sites use outside a schema (`topics`, `keywords`, `series`), when the string has two parts or
more. The fix writes the parts as a block list in the style of the front matter's other lists
and is unsafe: a value may hold a comma on purpose.

Bad:
    ---
    title: Talks resume
    tags: diplomacy, ukraine, peace talks
    ---
Good:
    ---
    title: Talks resume
    tags:
      - diplomacy
      - ukraine
      - peace talks
    ---

Not findings: one string without commas (a one-item list, which generators accept), a real
list, a place or company written with a comma (`Washington, D.C.`, `Acme, Inc.`), an author
written surname first (`Smith, John`), and keys that are not lists (a title or a summary).
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy

ID = "NL015"
NAME = "list-as-string"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

# A short second part that belongs to the first: Washington, D.C.; Acme, Inc.; Smith, Jr.
_SUFFIX = lazy(r"(?:[A-Z]\.){1,3}|[A-Z]{2,3}|Inc\.?|Jr\.?|Sr\.?|Ltd\.?|LLC|Co\.?")
_NAME_WORD = lazy(r"[A-Z][a-z'’-]+")
# An item that YAML reads back as the same string when written plain in a block list.
_PLAIN = lazy(r"[A-Za-z][\w .&/()'’-]*")
_NUMERIC12 = lazy(r"[0-9_.]+(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+")
_DIGIT_PLAIN = lazy(r"[0-9][\w .&/()'’-]*")  # an item that opens with a digit (see _digit_led)
_YAML11 = frozenset("y n yes no on off true false null".split())
_INDENT = lazy(r"^([ \t]*)- ", re.M)
# A block list's key line: some front matter writes it with a space after the colon ("authors: ")
_LIST_KEY = lazy(r"^[^\s#:][^:\n]*:([ \t]*)\n(?:[ \t]*#[^\n]*\n|[ \t]*\n)*[ \t]*- ", re.M)
_TRAILING = lazy(r"(?:[ \t]*(?:#[^\n]*)?\n)+")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each list key whose value is one comma-separated string."""
    fm = doc.front_matter
    meta = doc.meta
    if fm is None or fm.root is None or not isinstance(fm.root.items, dict) or not meta:
        return
    compiled = validation.validate(doc, opts).schema
    props: dict[str, Any] | None = None  # the schema's properties, read at the first string with a comma
    for key, pos in fm.root.items.items():
        value = meta.get(key)
        if not isinstance(value, str) or "," not in value or pos.key is None:
            continue
        if props is None:
            props = compiled.properties if compiled is not None else {}
        # a list key: a news one, or one the schema types as an array (asked of this key alone,
        # not of every property the schema has)
        prop = props.get(key)
        if key not in validation.NEWS_LIST_KEYS and not (isinstance(prop, dict) and _is_list(prop)):
            continue
        parts = [p.strip() for p in value.split(",")]
        if len(parts) < 2 or not all(parts) or any(len(p) > 60 for p in parts):
            continue
        if len(parts) == 2 and (_SUFFIX().fullmatch(parts[1]) or
                                (key in ("authors", "author") and all(_NAME_WORD().fullmatch(p) for p in parts))):
            continue  # Washington, D.C.; Smith, John
        yield Finding(pos.key[0], pos.value[1],
                      f"`{key}` is one string with commas; write its {len(parts)} items as a list",
                      _fix(doc, fm, pos, parts))


def _is_list(prop: dict[str, Any]) -> bool:
    kind = prop.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind)


def _digit_led(p: str) -> bool:
    """An item that opens with a digit (18f, 10x, 3d printing) that YAML still reads as the same
    string: not a number, a date or a hex literal (2016, 1e3, 0x1f), which would need quotes."""
    if not _DIGIT_PLAIN().fullmatch(p) or _NUMERIC12().fullmatch(p):  # (YAML 1.2's floats, octals too)
        return False
    import yaml  # (only for a digit-led item, rare: not at import)

    try:
        return yaml.safe_load(p) == p
    except yaml.YAMLError:
        return False


def _fix(doc: Document, fm: Any, pos: Any, parts: list[str]) -> Fix | None:
    """The parts as a block list (the front matter's own list indent), for a YAML value on the
    key's line; None where an item would need quoting or the value spans lines."""
    if fm.kind != "yaml" or pos.style not in (None, "'", '"'):
        return None
    text = doc.text
    start, end = pos.value
    colon = text.rfind(":", pos.key[1], start)
    line_end = text.find("\n", end)
    if colon < 0 or "\n" in text[colon:end] or line_end < 0 or text[end:line_end].strip():
        return None  # (a comment after the value would be lost)
    if not all((_PLAIN().fullmatch(p) or _digit_led(p)) and p.lower() not in _YAML11 and not p.endswith(" ")
               for p in parts):
        return None
    indents = _INDENT().findall(text, fm.content_start, fm.content_end)
    # (the commonest indent; of two as common, the first written: a set's order changes from one
    # run to the next, and the fix with it)
    indent = max(dict.fromkeys(indents), key=indents.count) if indents else "  "
    items = "".join(f"\n{indent}- {p}" for p in parts)
    # ... and its key line as the other lists write theirs: where they keep a space after the colon
    # ("authors: "), so does this one, else fixing the damaged file and the original would differ
    spaces = _LIST_KEY().findall(text, fm.content_start, fm.content_end)
    if spaces and 2 * sum(1 for sp in spaces if sp == " ") > len(spaces):
        items = " " + items
    # Through the line's end and the comment or blank lines after it, written back as they were:
    # YAML ends a block list where the next key starts, so the list's value must lie wholly inside
    # the edit for the structure guard, as the string's did.
    stop = line_end + 1
    m = _TRAILING().match(text, stop, fm.content_end)
    if m:
        stop = m.end()
    return Fix.replace(colon + 1, stop, items + "\n" + text[line_end + 1:stop], "Write the items as a list",
                       safe=False)
