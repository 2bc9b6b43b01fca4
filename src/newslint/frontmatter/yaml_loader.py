"""The YAML loader, and the walk that turns its node graph into data and key positions.

YAML is loaded safely (libyaml when present) with a loader whose only departures from PyYAML's
safe loader are: timestamps stay strings (a schema checks the text, and a dump never turns
``T`` into a space) and only ``true``/``false`` are booleans (``yes``/``on`` are strings here,
and the yaml-surprise rule says what a YAML 1.1 reader would make of them). ``reads_as_text``
asks this loader's resolver whether a plain scalar stays a string.

``positions`` walks the composed node graph once, without recursion, building the ``Pos`` tree
and, for plain documents, the data on the same walk (PyYAML's Python constructor cost more than
the walk); a node reached twice is an alias use, recorded and not walked again, and MAX_NODES
bounds the walk. yaml_reader and yaml_salvage both load through here.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .model import FrontMatter, Pos


MAX_NODES = 20_000  # YAML nodes; bounds the work of every rule that walks the data


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader: timestamps stay strings, only true/false are booleans."""


_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
# The resolvers by first character, as tuples; BaseResolver.resolve concatenates two lists per scalar.
_IMPLICIT = {first: tuple(resolvers) for first, resolvers in Loader.yaml_implicit_resolvers.items()}
# _resolve skips what this loader does not have: wildcard resolvers and path resolvers.
assert None not in _IMPLICIT and not Loader.yaml_path_resolvers


def _resolve(self: Any, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
    """BaseResolver.resolve for this loader: the C composer calls it once per node, and the
    general version (path resolvers, list concatenation) was a tenth of the front-matter time."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


Loader.resolve = _resolve  # type: ignore[method-assign]


def reads_as_text(raw: str) -> bool:
    """Does YAML read this plain (unquoted) scalar as a string, not a number, a date, a
    boolean or null? (A fix that edits a value must not change what kind of value it is.)"""
    return _resolve(None, yaml.ScalarNode, raw, (True, False)) == _STR

# Scalar tags the position walk constructs itself, with the safe constructor's own functions
# (str and null need none); any other tag (binary, set, omap, merge keys, an unknown `!tag`)
# sends the whole document through PyYAML's construct_document.
_SCALARS = {
    tag: Loader.yaml_constructors[tag]
    for tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", _BOOL)
}


class _Unbuilt(Exception):
    """The walk met something it does not construct itself."""


def _scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _NULL:
        return None
    constructor = _SCALARS.get(tag)
    if constructor is None:
        raise _Unbuilt
    try:
        return constructor(loader, node)
    except Exception:  # (`!!int abc`): construct_document raises it again, in its own time
        raise _Unbuilt from None


def _empty(loader: Any, node: yaml.Node) -> Any:
    """The value of a node as far as the walk builds it: a scalar's value, an empty container."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(loader, node)
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        return {}
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return []
    raise _Unbuilt


def _first(fm: FrontMatter, path: tuple[Any, ...], prior: Pos) -> Pos:
    """The first of a key's values, for a key written three times or more (``prior`` is the one
    before this, already a duplicate when the key came twice before)."""
    return next((first for dup, first, _ in fm.duplicates if dup == path), prior)


UNBUILT = object()  # the data of a walk that left it to construct_document


def positions(root: yaml.Node, base: int, fm: FrontMatter, loader: Any) -> tuple[Pos, int, Any]:
    """Build the Pos tree of a composed YAML node graph without recursion, and the data too.

    A node reached twice is an alias (libyaml composes aliases as shared nodes); its use is
    recorded and it is not walked again, so an alias bomb costs one visit per distinct node.

    The data is built on the same walk, because PyYAML's Python constructor cost more than the
    walk itself: containers are created empty when their node is met and filled when it is
    popped. Only plain documents are built here (str/int/float/bool/null scalars, mappings,
    sequences, no duplicate keys, no aliases); otherwise the data is ``UNBUILT`` and the caller
    uses ``construct_document``, so every other tag, merge key and error behaves as before.
    """
    seen: set[int] = set()
    count = 0
    Scalar, Mapping, Sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode

    def make(node: yaml.Node, key: tuple[int, int] | None) -> Pos:
        style = (node.style or None) if isinstance(node, Scalar) else None  # C loader: ""
        return Pos((base + node.start_mark.index, base + node.end_mark.index), key, None, style)

    building = True
    try:
        data = _empty(loader, root)
    except _Unbuilt:
        data, building = UNBUILT, False
    top = make(root, None)
    stack: list[tuple[yaml.Node, Pos, tuple[Any, ...] | None, Any]] = [(root, top, (), data)]
    seen.add(id(root))
    while stack:
        node, pos, path, container = stack.pop()
        count += 1
        if count > MAX_NODES:
            break
        if isinstance(node, Mapping):
            items: dict[str, Pos] = {}
            pos.items = items
            for key_node, value_node in node.value:
                key_is_scalar = isinstance(key_node, Scalar)
                key_text = str(key_node.value) if key_is_scalar else "?"
                key_span = (base + key_node.start_mark.index, base + key_node.end_mark.index)
                # (make() and _empty() written out for the common case, a string value: most nodes are)
                scalar = isinstance(value_node, Scalar)
                child = Pos((base + value_node.start_mark.index, base + value_node.end_mark.index), key_span, None,
                            (value_node.style or None) if scalar else None)
                if key_text in items:
                    fm.duplicates.append((path + (key_text,), _first(fm, path + (key_text,), items[key_text]), child))
                    building = False  # the data keeps the last value: PyYAML's business
                # (the position too is the last value's, the one the data holds: a finding on the
                # value must point at the line readers keep, not at the one they drop)
                items[key_text] = child
                if id(value_node) in seen:
                    fm.aliases.append(key_span)
                    building = False  # shared values: construct_document's business
                    continue
                seen.add(id(value_node))
                value = None
                if building:
                    try:
                        if not key_is_scalar:
                            raise _Unbuilt
                        value = value_node.value if scalar and value_node.tag == _STR else _empty(loader, value_node)
                        container[key_node.value if key_node.tag == _STR else _scalar(loader, key_node)] = value
                    except _Unbuilt:
                        building = False
                # a scalar's path is never read (it has no children, and duplicates are found above)
                stack.append((value_node, child, None if scalar else path + (key_text,), value))
        elif isinstance(node, Sequence):
            seq: list[Pos] = []
            pos.items = seq
            for index, value_node in enumerate(node.value):
                scalar = isinstance(value_node, Scalar)
                child = Pos((base + value_node.start_mark.index, base + value_node.end_mark.index), None, None,
                            (value_node.style or None) if scalar else None)
                seq.append(child)
                if id(value_node) in seen:
                    fm.aliases.append(child.value)
                    building = False
                    continue
                seen.add(id(value_node))
                value = None
                if building:
                    try:
                        value = value_node.value if scalar and value_node.tag == _STR else _empty(loader, value_node)
                        container.append(value)
                    except _Unbuilt:
                        building = False
                stack.append((value_node, child, None if scalar else path + (index,), value))
    return top, count, data if building else UNBUILT
