"""YAML alias: front matter uses YAML anchors and aliases (``&name`` / ``*name``).

An alias repeats a value defined elsewhere; a few of them nested can expand 300 bytes into
millions of values (a "billion laughs" bomb) in every tool that reads the data later. Front
matter has no need for them, so newslint refuses to read such a block: the other front-matter
rules do not run on it. Write the value out, or set ``allow-yaml-aliases = true`` in the config
to accept aliases (the block is still not validated when aliases blow it up beyond 20,000
values or 64 levels).

Bad:
    ---
    title: &t Talks resume
    description: *t
    ---
Good:
    ---
    title: Talks resume
    description: Talks resume
    ---
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..model import Finding

ID = "NL004"
NAME = "yaml-alias"
SEVERITY = "error"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each alias when aliases are refused; one when allowed ones expand too far."""
    fm = doc.front_matter
    if fm is None or not fm.aliases or fm.errors:
        return
    uses = _alias_spans(doc.text[fm.content_start: fm.content_end], fm.content_start)
    if fm.data is None and fm.too_big:  # allowed, but expanding them would blow the data up
        start, end = uses[0] if uses else min(fm.aliases)
        yield Finding(start, end, fm.too_big)
        return
    if fm.data is None:  # refused: the data was never built
        for start, end in uses:
            yield Finding(start, end, f"YAML alias `{doc.text[start:end]}` in front matter: aliases are not "
                          "read; write the value out, or set `allow-yaml-aliases = true`")
        return
    reason = validation.too_big(fm.data)
    if reason:
        start, end = uses[0] if uses else min(fm.aliases)
        yield Finding(start, end, reason)


def _alias_spans(content: str, base: int) -> list[tuple[int, int]]:
    """Where each ``*alias`` is written (the composed node graph only knows the anchors)."""
    import yaml

    spans = []
    try:
        for event in yaml.parse(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent):
                spans.append((base + event.start_mark.index, base + event.end_mark.index))
    except yaml.YAMLError:
        pass
    return spans
