"""A fast "is this valid?" for the common subset of JSON Schema, before jsonschema explains why not.

jsonschema builds a validator object for every subschema it descends into: about 75 µs per
news front matter, most of the schema rule's time on a corpus where almost every article is
valid. This compiles a schema once into nested Python closures that answer only valid/invalid,
for schemas that use only the keywords below; any other keyword (``$ref`` left after inlining,
``patternProperties``, ``if``, ``unevaluatedProperties``, …) makes ``compile_fast`` return None
and jsonschema does all the work. An invalid answer is always followed by jsonschema's full run
(for the messages), so the closures can only ever skip work on data jsonschema also accepts;
tests check the two agree on generated data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Callable

Check = Callable[[Any], bool]

_IGNORED = frozenset({"$schema", "$id", "$comment", "$defs", "definitions", "title", "description", "default",
                      "examples", "deprecated", "readOnly", "writeOnly", "x-newslint-expected"})


class _Unsupported(Exception):
    pass


def compile_fast(schema: Any, format_checker: Any) -> Check | None:
    """A validity check equivalent to jsonschema's for this schema, or None if it uses more."""
    try:
        return _compile(schema, format_checker, 0)
    except (_Unsupported, re.error, TypeError, ValueError):
        return None


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    raise _Unsupported(name)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TRUE, _FALSE = object(), object()


def equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema's ``enum``/``const`` use it (``jsonschema._utils.equal``:
    true is not 1, false is not 0, at any depth), here so that a valid document never needs
    jsonschema imported."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(key in two and equal(value, two[key]) for key, value in one.items())
    return bool(_unbool(one) == _unbool(two))


def _unique(items: list[Any]) -> bool:
    """No two items equal: each item's ``_key`` into a set (pairwise, a 30,000-item list in the
    front matter took minutes)."""
    seen: set[Any] = set()
    for item in items:
        key = _key(item)
        if key in seen:
            return False
        seen.add(key)
    return True


def _key(value: Any) -> Any:
    """A hashable key equal for values ``equal`` calls equal (1 and 1.0 alike, true not 1)."""
    if value is True or value is False or value is None:
        return ("c", value)
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, Mapping):
        return ("m", frozenset((k, _key(v)) for k, v in value.items()))
    if isinstance(value, Sequence):
        return ("l", tuple(_key(v) for v in value))
    return ("n", value)


def _unbool(value: Any) -> Any:
    return _TRUE if value is True else _FALSE if value is False else value


def _compile(schema: Any, fc: Any, depth: int) -> Check:  # noqa: C901 - one branch per keyword
    if depth > 50:
        raise _Unsupported("depth")
    if schema is True or schema == {}:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        raise _Unsupported("schema")
    from . import dates

    checks: list[Check] = []
    for key, arg in schema.items():
        if key in _IGNORED:
            continue
        if key == "type":
            checks.append(_type_check(arg if isinstance(arg, list) else [arg]))
        elif key == "properties":
            checks.append(_properties({name: _compile(sub, fc, depth + 1) for name, sub in arg.items()}))
        elif key == "additionalProperties":
            known = set(schema.get("properties", {}))
            extra = _compile(arg, fc, depth + 1)
            checks.append(lambda v, known=known, extra=extra: not isinstance(v, dict)
                          or all(extra(item) for k, item in v.items() if k not in known))
        elif key == "required":
            names = list(arg)
            checks.append(lambda v, names=names: not isinstance(v, dict) or all(n in v for n in names))
        elif key == "items":
            checks.append(_items(_compile(arg, fc, depth + 1)))
        elif key in ("minItems", "maxItems", "minLength", "maxLength"):
            kind = list if key.endswith("Items") else str
            low = key.startswith("min")
            checks.append(lambda v, n=arg, kind=kind, low=low: not isinstance(v, kind)
                          or (len(v) >= n if low else len(v) <= n))
        elif key == "pattern":
            rx = re.compile(arg)
            checks.append(lambda v, rx=rx: not isinstance(v, str) or rx.search(v) is not None)
        elif key == "format":
            if arg not in fc.checkers:
                continue  # jsonschema does not assert it either (reported as unchecked)
            checks.append(lambda v, f=arg: fc.conforms(v, f))
        elif key == "enum":
            options = list(arg)
            checks.append(lambda v, options=options: any(equal(v, o) for o in options))
        elif key == "uniqueItems":
            if arg is True:  # no two items equal (as jsonschema's equal), in one pass over a set
                checks.append(lambda v: not isinstance(v, list) or _unique(v))
        elif key == "const":
            checks.append(lambda v, c=arg: equal(v, c))
        elif key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            ops = {"minimum": lambda a, b: a >= b, "maximum": lambda a, b: a <= b,
                   "exclusiveMinimum": lambda a, b: a > b, "exclusiveMaximum": lambda a, b: a < b}
            checks.append(lambda v, n=arg, op=ops[key]: not _number(v) or op(v, n))
        elif key in ("anyOf", "oneOf", "allOf"):
            branches = [_compile(sub, fc, depth + 1) for sub in arg]
            if key == "anyOf":
                checks.append(lambda v, bs=branches: any(b(v) for b in bs))
            elif key == "allOf":
                checks.append(lambda v, bs=branches: all(b(v) for b in bs))
            else:
                checks.append(lambda v, bs=branches: sum(1 for b in bs if b(v)) == 1)
        elif key == "not":
            inner = _compile(arg, fc, depth + 1)
            checks.append(lambda v, inner=inner: not inner(v))
        elif key == "x-newslint-timezone":
            if arg is True:
                checks.append(lambda v: not dates.missing_zone(v))
        elif key == "x-newslint-date":
            if arg is True:
                checks.append(lambda v: not dates.impossible(v))
        else:
            raise _Unsupported(key)
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    chain = tuple(checks)

    def every(value: Any) -> bool:
        for check in chain:
            if not check(value):
                return False
        return True

    return every


_PY_TYPES = {"string": str, "object": dict, "array": list, "boolean": bool, "null": type(None)}


def _items(item: Check) -> Check:
    def check(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        for x in v:
            if not item(x):
                return False
        return True

    return check


def _type_check(names: list[str]) -> Check:
    for n in names:
        _is_type(None, n)  # unknown type names are unsupported
    if all(n in _PY_TYPES for n in names):
        types = tuple(_PY_TYPES[n] for n in names)
        return lambda v: isinstance(v, types)
    return lambda v: any(_is_type(v, n) for n in names)


def _properties(props: dict[str, Check]) -> Check:
    pairs = tuple(props.items())

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for key, sub in pairs:
            if key in v and not sub(v[key]):
                return False
        return True

    return check
