"""JSON Schema validators (compiled once per schema) and messages written for editors.

jsonschema is imported here only, and only when something is validated: it is the slowest
import newslint has, and a run served from the cache never needs it.

Format checking: jsonschema asserts ``format`` only with a format checker, and only for the
formats whose libraries are installed. newslint depends on those libraries one by one (the
``format-nongpl`` set) except ``rfc3987-syntax``: it builds a parser when imported, which
costs about 0.8 s on every run, and ``iri``/``iri-reference`` are checked here with rfc3986
instead. A format that still cannot be asserted is reported (see ``unchecked_formats``).

Schemas for front matter (``[schemas]`` in the config, or ``builtin:article``) are loaded with
``load_source`` and compiled with ``compiled``: Draft 2020-12, one validator per schema file and
content, ``$ref``s resolved only from local files relative to the schema (a remote ``$ref`` is
never fetched), every ``$ref`` resolved once at load time so that a broken schema is a config
error and not a surprise in the middle of a run. Three newslint keywords, ignored by other
validators as unknown annotations, are understood:

- ``"x-newslint-expected": "an ISO 8601 date-time"`` names what a ``pattern`` stands for, so the
  message reads "`date` is not an ISO 8601 date-time: 31.05.2022" instead of quoting a regex;
- ``"x-newslint-timezone": true`` asks for a time zone on a date-time (the date-without-timezone
  rule reports the values that lack one);
- ``"x-newslint-date": true`` refuses a date-shaped value that is not on the calendar
  (2022-02-30), which a ``pattern`` cannot see.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import unquote, urljoin, urlsplit

BUILTIN_SCHEMAS = ("article", "hugo", "jekyll")
EXPECTED = "x-newslint-expected"
TIMEZONE = "x-newslint-timezone"
CALENDAR = "x-newslint-date"


class SchemaError(Exception):
    """A schema that cannot be used: unreadable, not JSON, not a valid schema, a bad ``$ref``."""


def _format_checker() -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    checker: FormatChecker = Draft202012Validator.FORMAT_CHECKER
    if "iri" not in checker.checkers:
        checker = FormatChecker(formats=list(checker.checkers))
        _add_iri_formats(checker)
    return checker


def _add_iri_formats(checker: Any) -> None:
    from importlib.util import find_spec

    if find_spec("rfc3986") is None:  # pragma: no cover - rfc3986 ships with newslint
        return
    parts = ("scheme", "userinfo", "host", "port", "path", "query", "fragment")

    def valid(value: str, require_scheme: bool) -> bool:
        # encode() would percent-encode what an IRI may not contain: refuse that first
        if any(ch in _NOT_IN_IRI or ord(ch) < 0x21 or ord(ch) == 0x7F for ch in value):
            return False
        import rfc3986  # imported on first use: most schemas have no IRI field (and a run pays ~10 ms)
        from rfc3986 import exceptions, validators

        try:
            ref = rfc3986.iri_reference(value).encode()
            check = validators.Validator().check_validity_of(*parts)
            if require_scheme:
                check = check.require_presence_of("scheme")
            check.validate(ref)
        except (exceptions.RFC3986Exception, ValueError):
            return False
        return True

    @checker.checks("iri", raises=ValueError)
    def is_iri(value: object) -> bool:
        return not isinstance(value, str) or valid(value, True)

    @checker.checks("iri-reference", raises=ValueError)
    def is_iri_reference(value: object) -> bool:
        return not isinstance(value, str) or valid(value, False)


_NOT_IN_IRI = frozenset('<>"{}|\\^`')


def validator_for(schema: Mapping[str, Any], registry: Any = None) -> Any:
    """A Draft 2020-12 validator with format checking; the schema itself is checked first."""
    cls = _validator_class()
    cls.check_schema(schema)
    kwargs = {"format_checker": _cached_checker()}
    if registry is not None:
        kwargs["registry"] = registry
    return cls(schema, **kwargs)


@lru_cache(maxsize=1)
def _validator_class() -> Any:
    """Draft 2020-12 plus the ``x-newslint-timezone`` keyword."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    from . import dates

    def timezone(validator: Any, wanted: Any, instance: Any, schema: Any) -> Any:
        if wanted is True and dates.missing_zone(instance):
            yield ValidationError(f"{instance} has a time but no time zone")

    def calendar(validator: Any, wanted: Any, instance: Any, schema: Any) -> Any:
        pattern = schema.get("pattern") if isinstance(schema, dict) else None
        if pattern and isinstance(instance, str) and not _search(pattern, instance):
            return  # the pattern error says it already
        if wanted is True and dates.impossible(instance):
            yield ValidationError(f"{instance} is not a calendar date")

    return validators.extend(Draft202012Validator, {TIMEZONE: timezone, CALENDAR: calendar})


def _search(pattern: str, text: str) -> bool:
    import re

    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True


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
    declared = declared_formats(schema)
    return declared - set(_cached_checker().checkers) if declared else set()


class LazyFormatChecker:
    """jsonschema's format checker, imported only when a format is first looked at: a schema
    without ``format`` (the built-in ones) is checked by fastschema without importing jsonschema,
    the slowest import newslint has (about 0.1 s on every pre-commit run)."""

    @property
    def checkers(self) -> Any:
        return _cached_checker().checkers

    def conforms(self, value: Any, fmt: str) -> bool:
        return bool(_cached_checker().conforms(value, fmt))


# -- schema files -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SchemaSource:
    """A schema as named in the config: ``label`` is what the user wrote (``builtin:article``,
    ``schemas/news.json``), ``path`` the file it was read from, ``contents`` the parsed schema.

    The contents travel with the source (to worker processes too), so rules never read files.
    """

    label: str
    path: str
    digest: str
    contents: Any = field(repr=False)

    @property
    def key(self) -> tuple[str, str]:
        """The cache key: one compiled validator per schema file and content."""
        return (self.path, self.digest)


def builtin_path(name: str) -> Path:
    """The shipped file of ``builtin:NAME``."""
    from .resources import data_path

    return data_path("schemas", f"{name}.schema.json")


def load_source(target: str, base: Path) -> SchemaSource:
    """Read a schema named in the config (a path relative to ``base`` or ``builtin:NAME``),
    compile it once and resolve its ``$ref``s; raise SchemaError naming the file on any problem."""
    if target.startswith("builtin:"):
        name = target.split(":", 1)[1]
        if name not in BUILTIN_SCHEMAS:
            known = ", ".join(f"builtin:{n}" for n in BUILTIN_SCHEMAS)
            raise SchemaError(f"unknown built-in schema `{target}` (known: {known})")
        path = builtin_path(name)
    else:
        path = (base / target).resolve()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SchemaError(f"{target}: cannot read the schema file: {exc.strerror or type(exc).__name__}") from None
    source = SchemaSource(target, str(path), hashlib.sha256(data).hexdigest(), _parse(data, target, path))
    compiled(source)
    return source


def _parse(data: bytes, label: str, path: Path) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SchemaError(f"{label}: the schema file is not UTF-8") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            contents = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise SchemaError(f"{label}: not valid YAML: {exc}") from None
    else:
        try:
            contents = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{label}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(contents, (dict, bool)):
        raise SchemaError(f"{label}: a schema must be a JSON object")
    return contents


@dataclass(eq=False)
class Compiled:
    """A schema ready to validate with: its validator and what it declares.

    ``validator`` is jsonschema's; for a built-in schema it is built on first use (most
    front matter passes the ``fast`` check, and then jsonschema is never imported).
    """

    source: SchemaSource
    _validator: Any
    unchecked: tuple[str, ...]
    fast: Any = None  # fastschema's validity check, when the schema allows one

    @property
    def validator(self) -> Any:
        if callable(self._validator) and not hasattr(self._validator, "iter_errors"):
            self._validator = self._validator()
        return self._validator

    def valid(self, data: Any) -> bool:
        """A quick "no errors" (then nothing more to do); False means "ask jsonschema"."""
        if self.fast is None:
            return False
        try:
            return bool(self.fast(data))
        except Exception:  # noqa: BLE001 - the full validator is the authority
            return False

    @property
    def properties(self) -> dict[str, Any]:
        """The top-level ``properties`` of the schema (what known keys are)."""
        contents = self.source.contents
        props = contents.get("properties", {}) if isinstance(contents, dict) else {}
        return props if isinstance(props, dict) else {}

    @property
    def required(self) -> frozenset[str]:
        """The top-level keys the schema requires."""
        contents = self.source.contents
        keys = contents.get("required", []) if isinstance(contents, dict) else []
        return frozenset(k for k in keys if isinstance(k, str)) if isinstance(keys, list) else frozenset()

    @property
    def closed(self) -> bool:
        """Does the schema refuse unknown top-level keys?"""
        contents = self.source.contents
        return isinstance(contents, dict) and (contents.get("additionalProperties") is False
                                               or contents.get("unevaluatedProperties") is False)


_COMPILED: dict[tuple[str, str], Compiled] = {}


def compiled(source: SchemaSource) -> Compiled:
    """The validator of a schema, compiled once per run (keyed by path and content)."""
    hit = _COMPILED.get(source.key)
    if hit is not None:
        return hit
    if source.label.startswith("builtin:") and not declared_formats(source.contents):
        # shipped and tested: jsonschema is needed only to explain an invalid front matter
        from .fastschema import compile_fast

        fast = compile_fast(inline_local_refs(source.contents), LazyFormatChecker())
        if fast is not None:
            result = Compiled(source, lambda: _full(source).validator, (), fast)
            _COMPILED[source.key] = result
            return result
    result = _full(source)
    _COMPILED[source.key] = result
    return result


def _full(source: SchemaSource) -> Compiled:
    """Compile with jsonschema: the schema checked, its $refs resolved, the validator built."""
    from jsonschema.exceptions import SchemaError as JSONSchemaError

    contents = source.contents
    root_uri = Path(source.path).as_uri() if source.path else ""
    if isinstance(contents, dict) and "$id" not in contents and root_uri:
        contents = {**contents, "$id": root_uri}  # relative $refs resolve against the file
    contents = inline_local_refs(contents)
    registry = _registry(source.path, contents.get("$id", "") if isinstance(contents, dict) else "")
    if isinstance(contents, dict) and contents.get("$id"):
        from referencing import Resource
        from referencing.jsonschema import DRAFT202012

        registry = registry.with_resource(contents["$id"], Resource.from_contents(
            contents, default_specification=DRAFT202012))
    try:
        validator = validator_for(contents, registry)
    except JSONSchemaError as exc:
        raise SchemaError(f"{source.label}: not a valid JSON Schema: {editor_message(exc)}") from None
    _check_refs(contents, registry, source.label)
    from .fastschema import compile_fast

    return Compiled(source, validator, tuple(sorted(unchecked_formats(contents))),
                    compile_fast(contents, _cached_checker()))


_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "default", "deprecated", "readOnly",
                          "writeOnly"})


def inline_local_refs(contents: Any) -> Any:
    """A copy of the schema where ``{"$ref": "#/$defs/x"}`` is replaced by the definition itself,
    when that is the same schema: the target holds no ``$ref``, ``$id`` or anchor of its own, and
    the referring node has nothing else but annotations. jsonschema resolves a ``$ref`` on every
    validation (a third of the time on news front matter); an inlined one costs nothing."""
    if not isinstance(contents, dict):
        return contents
    defs = {}
    for section in ("$defs", "definitions"):
        for name, target in (contents.get(section) or {}).items():
            if isinstance(target, dict) and not _has_any(target, ("$ref", "$dynamicRef", "$id", "$anchor",
                                                                  "$dynamicAnchor", "$recursiveRef")):
                defs[f"#/{section}/{name}"] = target

    def walk(node: Any, depth: int = 0) -> Any:
        if depth > 200:
            return node
        if isinstance(node, list):
            return [walk(item, depth + 1) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in defs and set(node) - {"$ref"} <= _ANNOTATIONS:
            return {**defs[ref], **{k: v for k, v in node.items() if k != "$ref"}}
        return {k: (v if k in _DATA_KEYWORDS else walk(v, depth + 1)) for k, v in node.items()}

    return walk(contents) if defs else contents


def _has_any(node: Any, keys: tuple[str, ...]) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if any(k in item for k in keys):
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def builtin(name: str = "article") -> SchemaSource:
    """A built-in schema as a source (loaded once per process)."""
    return _builtin(name)


@lru_cache(maxsize=None)
def _builtin(name: str) -> SchemaSource:
    return load_source(f"builtin:{name}", Path("."))


def _registry(schema_path: str, root_id: str = "") -> Any:
    """A referencing registry that retrieves only local schema files, never the network."""
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    folder = Path(schema_path).parent if schema_path else Path.cwd()
    cache: dict[str, Any] = {}

    def retrieve(uri: str) -> Any:
        if uri in cache:
            return cache[uri]
        local = _local_file(uri, folder, root_id)
        if local is None:
            raise NoSuchResource(ref=uri)
        try:
            contents = _parse(local.read_bytes(), uri, local)
        except (OSError, SchemaError):
            raise NoSuchResource(ref=uri) from None
        if isinstance(contents, dict) and "$id" not in contents:
            contents = {**contents, "$id": local.as_uri()}
        cache[uri] = Resource.from_contents(contents, default_specification=DRAFT202012)
        return cache[uri]

    return Registry(retrieve=retrieve)  # type: ignore[call-arg]


def _local_file(uri: str, folder: Path, root_id: str = "") -> Path | None:
    """The local file a ``$ref`` URI means, or None for anything remote.

    A schema whose ``$id`` is a web address may still refer to its siblings by relative
    ``$ref``s: those resolve to the schema's own folder, never to the network.
    """
    parts = urlsplit(uri)
    root_dir = root_id.rsplit("/", 1)[0] + "/" if "/" in root_id else ""
    if root_dir and urlsplit(root_dir).scheme not in ("", "file") and uri.startswith(root_dir):
        path = folder / unquote(uri[len(root_dir):].split("#")[0])
    elif parts.scheme == "file":
        path = Path(unquote(parts.path))
    elif not parts.scheme and not parts.netloc:
        path = folder / unquote(parts.path)
    else:
        return None  # http(s) and friends: never fetched
    return path if path.is_file() else None


_DATA_KEYWORDS = ("const", "enum", "examples", "default")


def _check_refs(contents: Any, registry: Any, label: str) -> None:
    """Resolve every ``$ref`` of the schema (and of the local files it pulls in) now."""
    from referencing.exceptions import Unresolvable

    base = contents.get("$id", "") if isinstance(contents, dict) else ""
    work: list[tuple[Any, str]] = [(contents, base)]
    seen_docs: set[str] = {base}
    steps = 0
    while work:
        node, uri = work.pop()
        steps += 1
        if steps > 100_000:
            break
        if isinstance(node, list):
            work.extend((item, uri) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("$id"), str):
            uri = urljoin(uri, node["$id"])
        ref = node.get("$ref")
        if isinstance(ref, str):
            try:
                registry.resolver(base_uri=uri).lookup(ref)
            except Unresolvable:
                target = urljoin(uri, ref)
                remote = urlsplit(target).scheme not in ("", "file")
                why = "remote references are never fetched" if remote else "no such local file or location"
                raise SchemaError(f"{label}: cannot resolve $ref `{ref}` ({why})") from None
            doc_uri = urljoin(uri, ref).split("#")[0]
            if doc_uri and doc_uri not in seen_docs:
                seen_docs.add(doc_uri)
                work.append((registry.resolver().lookup(doc_uri).contents, doc_uri))
        for key, value in node.items():
            if key not in _DATA_KEYWORDS and key not in ("$ref", "$id"):
                work.append((value, uri))


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
_FORMAT_NAMES = {"date-time": "an RFC 3339 date-time (2022-05-31T05:32:23+03:00)", "date": "an ISO 8601 date (YYYY-MM-DD)",
                 "time": "an ISO 8601 time", "uri": "an absolute URI", "uri-reference": "a URI reference",
                 "iri": "an absolute IRI", "iri-reference": "an IRI reference",
                 "email": "an email address", "idn-email": "an email address", "hostname": "a host name",
                 "idn-hostname": "a host name", "duration": "an ISO 8601 duration", "uuid": "a UUID",
                 "ipv4": "an IPv4 address", "ipv6": "an IPv6 address", "regex": "a regular expression",
                 "json-pointer": "a JSON pointer", "uri-template": "a URI template"}


def show(value: Any, limit: int = 60) -> str:
    """A value as an editor would write it (JSON for non-strings), cut to ``limit`` characters."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = str(value)
    text = " ".join(text.split()) if "\n" in text else text
    return text if len(text) <= limit else text[: limit - 1] + "…"


short = show  # the name the first version used


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def editor_message(error: Any, instance: Any = None) -> str:
    """A jsonschema ValidationError as one sentence an editor can act on (no Python reprs)."""
    keyword = error.validator
    where = path_text(error.absolute_path)
    subject = f"`{where}`" if where else "the front matter"
    value = error.instance
    expected = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "type":
        types = expected if isinstance(expected, list) else [expected]
        return _type_message(where, subject, value, types)
    if keyword == "required":
        missing = [k for k in expected if not isinstance(value, dict) or k not in value]
        noun = "key" if len(missing) == 1 else "keys"
        inside = f" in `{where}`" if where else ""
        return f"missing required {noun} " + ", ".join(f"`{k}`" for k in missing) + inside
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        parts = [unknown_key_message(key, known_keys(error)) for key in extra_keys(error)]
        return "; ".join(parts) or "unknown keys"
    if keyword == "format":
        return f"{subject} is not {_FORMAT_NAMES.get(expected, f'a valid {expected}')}: {show(value)}"
    if keyword == "pattern":
        if isinstance(schema.get(EXPECTED), str):
            return f"{subject} is not {schema[EXPECTED]}: {show(value)}"
        return f"{subject} does not match the pattern {expected}: {show(value)}"
    if keyword == CALENDAR:
        return f"{subject} is not a real date: {show(value)}"
    if keyword == TIMEZONE:
        return f"{subject} has a time but no time zone: {show(value)}; add the offset (+03:00, -0500 or Z)"
    if keyword == "enum":
        return f"{subject} must be one of {', '.join(show(v, 30) for v in expected)}; got {show(value)}"
    if keyword == "const":
        return f"{subject} must be {show(expected)}; got {show(value)}"
    if keyword == "minItems":
        return f"{subject} is an empty list; expected at least {_plural(expected, 'item')}" if not value \
            else f"{subject} has {_plural(len(value), 'item')}; expected at least {expected}"
    if keyword == "maxItems":
        return f"{subject} has {len(value)} items; expected at most {expected}"
    if keyword == "minLength":
        return f"{subject} is empty" if not value else f"{subject} is shorter than {_plural(expected, 'character')}"
    if keyword == "maxLength":
        return f"{subject} is longer than {_plural(expected, 'character')} ({len(value)})"
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                 "exclusiveMaximum": "less than"}
        return f"{subject} is {show(value)}; expected {words[keyword]} {show(expected)}"
    if keyword == "multipleOf":
        return f"{subject} is {show(value)}; expected a multiple of {show(expected)}"
    if keyword == "uniqueItems":
        return f"{subject} has duplicate items"
    if keyword == "minProperties":
        return f"{subject} has too few keys; expected at least {expected}"
    if keyword == "maxProperties":
        return f"{subject} has too many keys; expected at most {expected}"
    if keyword == "propertyNames":
        return f"{subject} has a key that is not allowed"
    if keyword == "dependentRequired":
        return f"{subject} is missing keys that other keys require"
    if keyword == "contains":
        return f"{subject} has no item of the required kind"
    if keyword == "not":
        return f"{subject} has a value the schema forbids: {show(value)}"
    if keyword in ("anyOf", "oneOf") and error.context:
        best = collapse(error)
        if best is not error:
            return editor_message(best, instance)
        return f"{subject} matches none of the allowed forms: {show(value)}"
    if keyword == "oneOf":
        return f"{subject} matches more than one of the allowed forms: {show(value)}"
    if keyword == "false":
        return f"{subject} is not allowed here"
    return f"{subject} does not satisfy the schema's `{keyword}` rule"


def _type_message(where: str, subject: str, value: Any, types: list[str]) -> str:
    wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
    if value is None and "array" in types:
        return f"{subject} is empty (null); expected a list — write `{where}: []` or remove the key"
    if isinstance(value, str) and not isinstance(value, bool):
        return f"{subject} is {describe(value)} ({show(value, 40)}); expected {wanted}" if value \
            else f"{subject} is an empty string; expected {wanted}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{subject} is the number {show(value)}; expected {wanted}"
    if isinstance(value, bool):
        return f"{subject} is {'true' if value else 'false'}; expected {wanted}"
    return f"{subject} is {describe(value)}; expected {wanted}"


def collapse(error: Any) -> Any:
    """For anyOf/oneOf, the error of the branch that came closest (jsonschema's best match);
    when every branch failed only on its type, a single type error naming all the types."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    context = list(error.context)
    if all(c.validator == "type" and list(c.absolute_path) == list(error.absolute_path) for c in context):
        types: list[str] = []
        for c in context:
            for t in (c.validator_value if isinstance(c.validator_value, list) else [c.validator_value]):
                if t not in types:
                    types.append(t)
        from jsonschema import ValidationError

        first = context[0]
        return ValidationError(first.message, validator="type", validator_value=types, instance=first.instance,
                               schema=first.schema, path=list(error.relative_path), parent=error.parent)
    from jsonschema.exceptions import best_match

    best = best_match([error])  # descends into the branches, preferring the one whose type matched
    return collapse(best) if best is not None and best is not error else error


def extra_keys(error: Any) -> list[str]:
    """The keys an additionalProperties error is about (jsonschema only names them in prose)."""
    import re

    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance if isinstance(error.instance, dict) else {}
    props = set(schema.get("properties", {}))
    patterns = []
    for p in schema.get("patternProperties", {}):
        try:
            patterns.append(re.compile(p))
        except re.error:
            continue
    extra = [k for k in value if k not in props and not any(p.search(str(k)) for p in patterns)]
    if error.validator == "unevaluatedProperties":
        # keys evaluated by allOf/anyOf/if-then/$ref subschemas are not in this schema's own
        # `properties`; jsonschema names the unevaluated ones (by repr) in its message
        named = [k for k in value if repr(k) in str(error.message)]
        return named or extra
    return extra


def known_keys(error: Any) -> list[str]:
    """The key names the schema of an additional/unevaluatedProperties error knows, for "did you mean".

    For unevaluatedProperties that includes the properties of its in-place subschemas (allOf,
    anyOf, oneOf, if/then/else, dependentSchemas); local $refs are not followed.
    """
    schema = error.schema if isinstance(error.schema, dict) else {}
    keys: list[str] = []
    stack, seen = [schema], 0
    while stack and seen < 200:
        node = stack.pop()
        seen += 1
        if not isinstance(node, dict):
            continue
        keys.extend(k for k in node.get("properties", {}) if k not in keys)
        if error.validator != "unevaluatedProperties":
            break
        for word in ("allOf", "anyOf", "oneOf"):
            stack.extend(reversed(node.get(word) or []) if isinstance(node.get(word), list) else [])
        stack.extend(node[w] for w in ("if", "then", "else") if isinstance(node.get(w), dict))
        if isinstance(node.get("dependentSchemas"), dict):
            stack.extend(node["dependentSchemas"].values())
    return keys


def suggest_key(key: str, known: Iterable[str], loose: bool = False) -> str | None:
    """The known key an unknown one was probably meant to be, or None.

    Strict (the default, for schemas that allow unknown keys): one edit for short keys, two for
    longer ones, never a singular/plural pair (``image``/``images`` are different keys); a key of
    three letters only as a four-letter key with one letter dropped (``dte`` → ``date``).
    ``loose`` (for schemas that refuse unknown keys, where the key is wrong anyway) also takes a
    known key the unknown one starts with (``lastmodified`` → ``lastmod``) and difflib's guess.
    """
    from rapidfuzz.distance import DamerauLevenshtein

    known = [k for k in known if isinstance(k, str)]
    norm = normalize_key(key)
    best: tuple[tuple[int, int], str] | None = None
    for cand in known:
        c = normalize_key(cand)
        if c == norm:
            return cand if cand != key else None
        if plural_pair(norm, c) or len(c) < 4 or (len(norm) < 4 and not (len(norm) == 3 and len(c) == 4)):
            continue  # a three-letter key is only a four-letter one with a letter dropped (dte → date)
        limit = 1 if max(len(norm), len(c)) <= 6 else 2
        d = DamerauLevenshtein.distance(norm, c, score_cutoff=limit)
        if d <= limit:
            # on a tie, the likelier slip: letters swapped (topisc → topics), then a letter
            # dropped (topis → topics), then one mistyped (topis → topic)
            rank = (d, 0 if sorted(norm) == sorted(c) else 1 if len(c) > len(norm) else 2)
            if best is None or rank < best[0]:
                best = (rank, cand)
    if best is not None:
        return best[1]
    if loose:
        prefixed = [c for c in known if len(c) >= 4 and norm.startswith(normalize_key(c))]
        if prefixed:
            return max(prefixed, key=len)
        import difflib  # (here: most keys are known)

        hint = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        if hint:
            return hint[0]
    return None


def normalize_key(key: str) -> str:
    """A key as Hugo compares it: case ignored."""
    return key.lower()


def plural_pair(a: str, b: str) -> bool:
    short_, long_ = sorted((a, b), key=len)
    return long_ in (short_ + "s", short_ + "es") or (short_.endswith("y") and long_ == short_[:-1] + "ies")


def unknown_key_message(key: str, known: Iterable[str], loose: bool = True) -> str:
    """"unknown key `lastmodified`; did you mean `lastmod`?" """
    hint = suggest_key(str(key), known, loose=loose)
    return f"unknown key `{key}`" + (f"; did you mean `{hint}`?" if hint else "")
