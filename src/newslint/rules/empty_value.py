"""Empty value: a front-matter key with nothing after it (empty, ``""``, or only spaces).

A key left empty is usually a field of the article template that nobody filled in: a missing
summary, deck or image credit. Fill it in or delete the key. The fix deletes the key's line
and is unsafe (a template may test for the key's presence). This rule is ``info`` by default:
many sites leave optional template fields empty on purpose.

Bad:
    ---
    title: Talks resume
    summary: ""
    ---
Good:
    ---
    title: Talks resume
    summary: Delegations met again in Istanbul.
    ---

Not findings: a value YAML reads as a comment (``title: #1 in sales``: ambiguous-yaml-value
reports it), ``null`` (or ``~``) written out, which sets the key to nothing on purpose
(Docusaurus reads ``pagination_next: null`` and ``custom_edit_url: null`` so), empty lists (``tags: []``; a null where the schema wants a list is null-list),
empty values the schema already reports (schema-violation), keys in the ``allow`` option,
nested keys.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..model import Finding, Fix
from .ambiguous_yaml_value import hash_value

ID = "NL008"
NAME = "empty-value"
SEVERITY = "info"
FIXABLE = True
DEFAULTS: dict[str, Any] = {"allow": []}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each top-level key whose value is null or blank text."""
    fm = doc.front_matter
    meta = doc.meta
    if fm is None or fm.root is None or not isinstance(fm.root.items, dict) or not meta:
        return
    allow = set(opts.get("allow", []))
    result = validation.validate(doc, opts)
    flagged: set[Any] | None = None  # the paths the schema flags, gathered at the first empty value
    text = doc.text
    for key, pos in fm.root.items.items():
        value = meta.get(key, 0)
        # (whether the value is empty asked first: nearly none is, and the rest is then not asked)
        if not (value is None or (isinstance(value, str) and not value.strip())):
            continue
        if flagged is None:
            flagged = result.paths()
        if key in allow or (key,) in flagged or pos.key is None:
            continue
        if value is None and text[pos.value[0]:pos.value[1]].strip():
            continue  # null written out: set on purpose (Docusaurus's pagination_next: null hides the link);
            # or an anchor's name YAML took for the value (caption: &Co, ambiguous-yaml-value's)
        if value is None and fm.kind == "yaml" and hash_value(text, pos.value[1]) is not None:
            continue  # (title: #1 in sales, read as a comment: ambiguous-yaml-value says so, and quotes it)
        start, end = pos.key
        yield Finding(start, max(end, pos.value[1]), f"`{key}` is empty; fill it in or delete the key",
                      _delete_line(text, start, pos.value[1], fm.content_end))


def _delete_line(text: str, start: int, end: int, limit: int) -> Fix | None:
    """Delete the key's whole line when the key starts it and its value ends on it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(end, start))
    if text[line_start:start].strip() or line_end < 0 or line_end >= limit:
        return None
    if "\n" in text[start:max(end, start)]:
        return None
    return Fix.delete(line_start, line_end + 1, "Delete the empty key", safe=False)
