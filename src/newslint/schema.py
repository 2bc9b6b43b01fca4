"""JSON Schema validators (compiled once per schema) and messages written for editors.

jsonschema is imported here only, and only when something is validated: it is the slowest
import newslint has, and a run served from the cache never needs it.

Format checking: jsonschema asserts ``format`` only with a format checker, and only for the
formats whose libraries are installed. newslint depends on those libraries one by one (the
``format-nongpl`` set) except ``rfc3987-syntax``: it builds a parser when imported, which
costs about 0.8 s on every run, and ``iri``/``iri-reference`` are checked here with rfc3986
instead. A format that still cannot be asserted is reported (see ``unchecked_formats``).
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any, Iterable, Mapping


def _format_checker() -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    checker: FormatChecker = Draft202012Validator.FORMAT_CHECKER
    if "iri" not in checker.checkers:
        checker = FormatChecker(formats=list(checker.checkers))
        _add_iri_formats(checker)
    return checker


def _add_iri_formats(checker: Any) -> None:
    try:
        import rfc3986
    except ImportError:  # pragma: no cover - rfc3986 ships with newslint
        return

    @checker.checks("iri", raises=ValueError)
    def is_iri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        ref = rfc3986.iri_reference(value)
        return ref.is_valid(require_scheme=True)

    @checker.checks("iri-reference", raises=ValueError)
    def is_iri_reference(value: object) -> bool:
        return not isinstance(value, str) or rfc3986.iri_reference(value).is_valid()


def validator_for(schema: Mapping[str, Any], registry: Any = None) -> Any:
    """A Draft 2020-12 validator with format checking; the schema itself is checked first."""
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    kwargs = {"format_checker": _cached_checker()}
    if registry is not None:
        kwargs["registry"] = registry
    return Draft202012Validator(schema, **kwargs)


@lru_cache(maxsize=1)
def _cached_checker() -> Any:
    return _format_checker()


def declared_formats(schema: Any) -> set[str]:
    """Every ``format`` value used anywhere in a schema."""
    found: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                found.add(node["format"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def unchecked_formats(schema: Any) -> set[str]:
    """Formats a schema declares that this installation cannot assert."""
    return declared_formats(schema) - set(_cached_checker().checkers)


# -- messages ---------------------------------------------------------------------------------


def path_text(path: Iterable[Any]) -> str:
    """`authors[0]`, `params.title`: a data path as an editor would write it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(value: Any) -> str:
    """A short, human description of a value's kind (never a Python repr)."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value else "a string"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TYPE_NAMES = {"string": "a string", "array": "a list", "object": "a mapping", "integer": "a whole number",
               "number": "a number", "boolean": "true or false", "null": "empty"}
_FORMAT_NAMES = {"date-time": "an ISO 8601 date-time", "date": "an ISO 8601 date (YYYY-MM-DD)",
                 "time": "an ISO 8601 time", "uri": "an absolute URI", "uri-reference": "a URI reference",
                 "email": "an email address", "hostname": "a host name", "duration": "an ISO 8601 duration"}


def short(value: Any, limit: int = 60) -> str:
    """A value quoted for a message, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def editor_message(error: Any, instance: Any = None) -> str:
    """A jsonschema ValidationError as one sentence an editor can act on."""
    keyword = error.validator
    where = path_text(error.absolute_path)
    subject = f"`{where}`" if where else "the front matter"
    value = error.instance
    expected = error.validator_value
    if keyword == "type":
        types = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
        if value is None and "array" in types:
            return f"{subject} is empty (null); expected a list — write `{where}: []` or remove the key"
        return f"{subject} is {describe(value)}; expected {wanted}"
    if keyword == "required":
        missing = [k for k in expected if not isinstance(value, dict) or k not in value]
        return "missing required key " + ", ".join(f"`{k}`" for k in missing)
    if keyword == "additionalProperties":
        extras = extra_keys(error)
        known = list((error.schema or {}).get("properties", {}))
        parts = []
        for key in extras:
            hint = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
            parts.append(f"unknown key `{key}`" + (f"; did you mean `{hint[0]}`?" if hint else ""))
        return "; ".join(parts) or "unknown keys"
    if keyword == "format":
        return f"{subject} is not {_FORMAT_NAMES.get(expected, f'a valid {expected}')}: {short(value)}"
    if keyword == "enum":
        return f"{subject} must be one of {', '.join(map(str, expected))}; got {short(value)}"
    if keyword == "const":
        return f"{subject} must be {short(expected)}; got {short(value)}"
    if keyword == "minItems":
        return f"{subject} is empty; expected at least {expected} item{'s' if expected != 1 else ''}" if not value \
            else f"{subject} has {len(value)} items; expected at least {expected}"
    if keyword == "maxItems":
        return f"{subject} has {len(value)} items; expected at most {expected}"
    if keyword == "minLength":
        return f"{subject} is empty" if not value else f"{subject} is shorter than {expected} characters"
    if keyword == "maxLength":
        return f"{subject} is longer than {expected} characters ({len(value)})"
    if keyword == "pattern":
        return f"{subject} does not match the pattern {expected}: {short(value)}"
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"{subject} is {short(value)}; {keyword} is {expected}"
    if keyword == "uniqueItems":
        return f"{subject} has duplicate items"
    if keyword == "propertyNames":
        return f"{subject} has a key that is not allowed"
    if keyword in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        return editor_message(best_match(error.context), instance)
    message = error.message if len(error.message) < 160 else error.message[:157] + "…"
    return f"{subject}: {message}"


def extra_keys(error: Any) -> list[str]:
    """The keys an additionalProperties error is about (jsonschema only names them in prose)."""
    schema = error.schema or {}
    value = error.instance if isinstance(error.instance, dict) else {}
    props = set(schema.get("properties", {}))
    import re

    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [k for k in value if k not in props and not any(p.search(str(k)) for p in patterns)]
