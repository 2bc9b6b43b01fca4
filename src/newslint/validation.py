"""Front matter against its JSON Schema: which schema, which problems, and where they are.

Shared by the schema rule (NL010) and the semantic rules that build on the schema (null-list,
date-without-timezone, misspelled-key, empty-value, ambiguous-yaml-value): the validation runs
once per document (``Document.memo``) and each problem names the rule that owns it, so that one
defect is reported once, by the rule with the most useful message and fix:

- ``null``: null where the schema wants a list (``tags:``) → null-list, with its safe fix;
- ``timezone``: a date-time without a zone where the schema wants one → date-without-timezone;
- ``yaml11``: a type error on a plain scalar a YAML 1.1 reader reads differently (``yes``,
  ``017``) → ambiguous-yaml-value;
- ``schema``: everything else → schema-violation.

Which schema: the config's ``[schemas]`` table maps globs (relative to the config folder,
first match wins) to schema files or ``builtin:NAME``; without a table, ``builtin:article``.
Rules receive the table as ``opts["_schemas"]`` (None = no table) and the site root as
``opts["_root"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

from .document import Document
from .frontmatter import FrontMatter, Pos
from .patterns import lazy

# List keys of news front matter whose items are names, which schemas often leave out: the
# list rules (list-as-string, duplicate-list-item) treat them as lists even without a schema.
NEWS_LIST_KEYS = frozenset({"tags", "categories", "topics", "keywords", "series", "authors"})
MAX_EXPANDED = 20_000  # values, after following YAML aliases (when they are allowed)
MAX_DEPTH = 64


@dataclass(frozen=True)
class Problem:
    """One schema problem: where, what, and which rule reports it."""

    start: int
    end: int
    message: str
    owner: str  # "schema" | "null" | "timezone" | "yaml11" | "unique"
    path: tuple[Any, ...] = ()
    keyword: str = ""
    expected: tuple[str, ...] = ()  # for type problems: the JSON types the schema wants
    rename: str = ""  # a key to write over [start, end): the required key written in another case


@dataclass
class Result:
    """The outcome of validating one document: the schema used (None: none applies) and problems."""

    schema: Any = None  # schema.Compiled
    problems: tuple[Problem, ...] = ()
    skipped: str = ""  # why the data was not validated (too big, too deep)

    def paths(self, owner: str | None = None) -> set[tuple[Any, ...]]:
        """Data paths with a problem (of one owner, or any)."""
        return {p.path for p in self.problems if owner is None or p.owner == owner}


def schema_for(path: str | None, opts: Mapping[str, Any]) -> Any:
    """The compiled schema that applies to an article, or None."""
    from . import schema as schema_mod

    table = opts.get("_schemas")
    if table is None:
        return schema_mod.compiled(schema_mod.builtin("article"))
    rel = _relative(path, opts.get("_root"))
    for glob, source in table:
        if _glob_matches(glob, rel):
            return schema_mod.compiled(source) if source is not None else None
    return None


def _relative(path: str | None, root: str | None) -> str:
    if not path:
        return ""
    p = Path(path)
    if root:
        try:
            return p.resolve().relative_to(Path(root).resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return p.as_posix()


_SPECS: dict[str, Any] = {}


def _glob_matches(glob: str, rel: str) -> bool:
    spec = _SPECS.get(glob)
    if spec is None:
        import pathspec

        spec = _SPECS[glob] = pathspec.GitIgnoreSpec.from_lines([glob])
    return bool(spec.match_file(rel))


def validate(doc: Document, opts: Mapping[str, Any]) -> Result:
    """Validate the document's front matter once; every rule that asks shares the result."""
    table = opts.get("_schemas")
    return doc.memo(f"newslint.validation:{id(table)}", lambda: _validate(doc, opts))


def _validate(doc: Document, opts: Mapping[str, Any]) -> Result:
    fm = doc.front_matter
    if fm is None or (fm.errors and not fm.partial) or not isinstance(fm.data, dict):
        return Result()
    compiled = schema_for(doc.path, opts)
    if compiled is None:
        return Result()
    if fm.aliases:
        reason = too_big(fm.data)
        if reason:
            return Result(compiled, skipped=reason)
    symbols = symbol_keyed(fm.data)
    data = {k[1:]: v for k, v in fm.data.items()} if symbols else fm.data
    hidden = list(_shadowed(doc, fm, compiled, data, symbols)) if fm.duplicates else []
    if not hidden and compiled.valid(data):
        return Result(compiled)
    problems: list[Problem] = hidden
    seen: set[tuple[Any, ...]] = set()
    article = compiled.source.label == "builtin:article"
    for error in compiled.validator.iter_errors(data):
        if fm.partial and error.validator == "required" and not error.absolute_path:
            continue  # (the key may be in the broken entry the syntax error left out)
        if article and error.validator == "required" and not error.absolute_path \
                and (_titled_by_heading(doc, error.instance, error.validator_value)
                     or _titled_by_own_key(error.instance, error.validator_value)):
            continue
        for problem in _problems(doc, fm, error, symbols):
            key = (problem.path, problem.keyword, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    problems.sort(key=lambda p: (p.start, p.end, p.message))
    return Result(compiled, tuple(problems))


def _shadowed(doc: Document, fm: FrontMatter, compiled: Any, data: dict[Any, Any], symbols: bool) -> Iterator[Problem]:
    """Schema problems of a top-level value that a later line of the same key hides (``date:``
    written twice): readers keep the last value, so the data never holds the first, yet it may
    be the one the editor meant and must now choose between (duplicate-key says keep one); an
    impossible or malformed value there is reported at its own line, as it would be alone.
    Only one-line scalars: a hidden list or mapping is left to duplicate-key."""
    chains: dict[tuple[Any, ...], list[Pos]] = {}
    for path, first, again in fm.duplicates:
        if len(path) == 1:
            chains.setdefault(path, [first]).append(again)
    for path, nodes in chains.items():
        key = path[0][1:] if symbols and str(path[0]).startswith(":") else path[0]
        if key not in data:
            continue
        for node in nodes[:-1]:
            value = _scalar_value(doc, fm, node)
            if value is _NO_VALUE:
                continue
            trial = dict(data)
            trial[key] = value
            for error in compiled.validator.iter_errors(trial):
                if tuple(error.absolute_path)[:1] != (key,) or error.validator in ("required", "uniqueItems"):
                    continue
                for problem in _problems(doc, fm, error, symbols):
                    yield Problem(node.value[0], node.value[1],
                                  f"{problem.message} (a later `{path[0]}:` line hides this value; keep one)",
                                  "schema", problem.path, problem.keyword, problem.expected)


_NO_VALUE = object()


def _scalar_value(doc: Document, fm: FrontMatter, node: Pos) -> Any:
    """The value a one-line scalar's text reads as (YAML with the front matter's own loader,
    JSON), or _NO_VALUE."""
    raw = doc.text[node.value[0]:node.value[1]]
    if node.items is not None or not raw.strip() or "\n" in raw:
        return _NO_VALUE
    try:
        if fm.kind == "json":
            import json

            return json.loads(raw)
        if fm.kind == "yaml":
            import yaml

            from .frontmatter.yaml_loader import Loader

            value = yaml.load(raw, Loader=Loader)  # noqa: S506 (the safe loader of the front matter)
            return value if value is None or isinstance(value, (str, int, float, bool)) else _NO_VALUE
    except Exception:  # (a value that reads only in its place: left to the other rules)
        return _NO_VALUE
    return _NO_VALUE


def _titled_by_heading(doc: Document, instance: Any, required: Any) -> bool:
    """Only ``title`` is missing, and the body opens with a level-1 heading: Docusaurus, MkDocs
    and GitHub Pages (jekyll-titles-from-headings) take the article's title from it, so the
    lenient default schema (``builtin:article``) does not ask for the key. A heading after the
    lead, or a house schema of its own, still does."""
    if not isinstance(instance, dict) or not isinstance(required, list):
        return False
    if [k for k in required if k not in instance] != ["title"]:
        return False
    first = next((b for b in doc.blocks if b.start >= doc.body_start), None)
    return first is not None and first.kind == "heading" and first.level == 1 and not first.html \
        and doc.text[first.start:first.end].strip("# \t\n=") != ""


# Title keys of another purpose, beside the title: a subtitle, a menu or link label, the <title> or
# card a search engine or social network shows. An article with one of these and no title lacks it.
_SIDE_TITLES = ("sub", "link", "short", "nav", "menu", "sidebar", "seo", "meta", "og", "social", "twitter",
                "card", "html", "browser", "alt", "page")


def _titled_by_own_key(instance: Any, required: Any) -> bool:
    """Only ``title`` is missing, and the site names its title otherwise: a top-level key that ends
    in "title" (Eleventy's ``newstitle``, ``post_title``, ``articleTitle``) or ``headline`` holds a
    non-empty string, or ``name`` holds words (not a slug: see ``_WORDS``). The lenient default
    schema asks for a title, not for its key's name; a
    subtitle, link title or SEO title (``_SIDE_TITLES``) is no title of its own."""
    if not isinstance(instance, dict) or not isinstance(required, list):
        return False
    if [k for k in required if k not in instance] != ["title"]:
        return False
    for key, value in instance.items():
        if not isinstance(key, str) or not isinstance(value, str) or not value.strip():
            continue
        name = key.lower().replace("_", "").replace("-", "")
        if name == "headline" or (name.endswith("title") and len(name) > 5
                                  and not name[:-5].startswith(_SIDE_TITLES)):
            return True
        if name == "name" and _WORDS().search(value):
            return True
    return False


# A `name` in words is the entry's title where a site's collection calls its title so (an Astro
# collection's `name: Bi-Weekly 26 - Bronx River`, Jekyll pages' `name: Volunteering Day`); a
# `name` without a space is a slug or an identifier (Bitcoin Optech's `name: 2019-10-29-schnorr-
# taproot-workshop` beside its title), which titles nothing.
_WORDS = lazy(r"[^\W\d_]{2,}[ \t]+\S")


def too_big(data: Any) -> str:
    """A reason not to validate data that aliases make huge or deep, else ""."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, int, bool]] = [(data, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            return f"front matter is nested more than {MAX_DEPTH} levels deep through aliases; not validated"
        if not isinstance(node, (dict, list)):
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if done:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[id(node)] > MAX_EXPANDED:
                return f"front matter expands to more than {MAX_EXPANDED} values through aliases; not validated"
            continue
        if id(node) in sizes:
            continue
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if isinstance(c, (dict, list)) and id(c) not in sizes)
    return ""


def symbol_keyed(data: Any) -> bool:
    """Every top-level key is written as a Ruby symbol (``:title:``, ``:layout:``), the way
    Awestruct sites and YAML dumped from Ruby spell them: the site reads ``:title`` as ``title``,
    so the keys are validated (and checked for slips) without their colon."""
    return isinstance(data, dict) and len(data) >= 2 and all(
        isinstance(k, str) and len(k) > 1 and k[0] == ":" and k[1] not in ": " for k in data)


def _problems(doc: Document, fm: FrontMatter, error: Any, symbols: bool = False) -> Iterator[Problem]:
    from . import schema as schema_mod

    error = schema_mod.collapse(error)
    keyword = error.validator
    path = tuple(error.absolute_path)
    if symbols and path and isinstance(path[0], str):
        path = (":" + path[0],) + path[1:]  # the key as the file writes it, to find its place
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        known = schema_mod.known_keys(error)
        for key in schema_mod.extra_keys(error):
            if symbols and not path:
                key = ":" + key
            span = fm.locate(path + (key,), "key") or _opening(doc, fm)
            yield Problem(span[0], span[1], schema_mod.unknown_key_message(key, known), "schema",
                          path + (key,), keyword)
        return
    message = schema_mod.editor_message(error)
    if keyword == "required":
        nested = _indented_under(fm, path, error.instance, error.validator_value)
        if nested is not None:  # kicker: + "  title: …": the key is there, one level too deep
            parent, key, span = nested
            yield Problem(span[0], span[1], f"missing required key `{key}`: `{key}` is indented under "
                          f"`{parent}`, which makes it part of that value; unindent it", "schema", path, keyword)
            return
        cased = _other_case(fm, path, error.instance, error.validator_value)
        if cased is not None:  # Title: where title is required: Jekyll and Astro read only `title`
            key, other, span = cased
            yield Problem(span[0], span[1], f"missing required key `{key}`: the article writes it `{other}`; "
                          f"keys are case-sensitive here, use `{key}`", "schema", path, keyword, rename=key)
            return
        span = fm.locate(path, "key") if path else None
        span = span or _opening(doc, fm)
        yield Problem(span[0], span[1], message, "schema", path, keyword)
        return
    span = _value_span(fm, path) or _opening(doc, fm)
    owner = "schema"
    types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    if keyword == "type" and error.instance is None and "array" in types:
        owner = "null"
    elif keyword == "uniqueItems":
        owner = "unique"  # duplicate-list-item reports the copy itself, with a fix
    elif keyword == schema_mod.TIMEZONE:
        owner = "timezone"
    elif keyword == "format" and error.validator_value == "date-time" and _rfc3339_but_zone(error.instance):
        owner, message = "timezone", f"`{schema_mod.path_text(path)}` has a time but no time zone: " \
                                     f"{schema_mod.show(error.instance)}; add the offset (+03:00 or Z)"
    elif keyword == "type" and fm.kind == "yaml" and yaml11_reading(doc, fm, path) is not None:
        owner = "yaml11"
    if span[1] <= span[0] and owner == "schema":
        span = _line_of(doc, span[0])
    yield Problem(span[0], span[1], message, owner, path, keyword, tuple(types) if keyword == "type" else ())


def _other_case(fm: FrontMatter, path: tuple[Any, ...], instance: Any, required: Any) -> tuple[str, str, tuple[int, int]] | None:
    """(key, the key as written, its span) when a missing required key is there in another case
    (Title:, TITLE:) and in one case only: the same key to Hugo, a different one to the schema."""
    if not isinstance(instance, dict) or not isinstance(required, list):
        return None
    for key in required:
        if not isinstance(key, str) or key in instance:
            continue
        others = [k for k in instance if isinstance(k, str) and k.lower() == key.lower()]
        if len(others) == 1:
            span = fm.locate(path + (others[0],), "key")
            if span is not None:
                return key, others[0], span
    return None


def _indented_under(fm: FrontMatter, path: tuple[Any, ...], instance: Any, required: Any) -> tuple[str, str, tuple[int, int]] | None:
    """(parent, key, span of the key) when a missing required key sits in a sibling's mapping."""
    if not isinstance(instance, dict) or not isinstance(required, list):
        return None
    for key in required:
        if key in instance:
            continue
        for parent, value in instance.items():
            if isinstance(value, dict) and key in value:
                span = fm.locate(path + (parent, key), "key")
                if span is not None:
                    return str(parent), str(key), span
    return None


_RFC3339_LOCAL = lazy(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?")


def _rfc3339_but_zone(value: Any) -> bool:
    """Would this be an RFC 3339 date-time if it had a zone? (then the zone is the problem)"""
    from . import dates

    return isinstance(value, str) and bool(_RFC3339_LOCAL().fullmatch(value)) and dates.parse(value) is not None


def _value_span(fm: FrontMatter, path: tuple[Any, ...]) -> tuple[int, int] | None:
    """The value at a path; past the known structure (items of a TOML array), the deepest
    known value, so the finding underlines the array rather than its key."""
    found = fm.deepest(path)
    return None if found is None else found[0].value


def _opening(doc: Document, fm: FrontMatter) -> tuple[int, int]:
    """The opening fence line: where problems of the whole block point."""
    end = doc.text.find("\n", fm.start)
    return (fm.start, end if end >= 0 else len(doc.text))


def _line_of(doc: Document, offset: int) -> tuple[int, int]:
    line, _ = doc.position(offset)
    start = doc.line_starts[line - 1]
    end = doc.text.find("\n", start)
    return (start, end if end >= 0 else len(doc.text))


# -- scalars and YAML 1.1 -------------------------------------------------------------------------


def node_at(fm: FrontMatter, path: tuple[Any, ...]) -> Pos | None:
    """The position node at a data path, or None when the path is not there exactly."""
    found = fm.deepest(path)
    return found[0] if found is not None and found[1] else None


def scalars(fm: FrontMatter) -> Iterator[tuple[tuple[Any, ...], Pos]]:
    """Every scalar value node of the front matter with its data path (iteratively)."""
    if fm.root is None:
        return
    stack: list[tuple[tuple[Any, ...], Pos]] = [((), fm.root)]
    while stack:
        path, node = stack.pop()
        items = node.items
        if isinstance(items, dict):
            stack.extend((path + (k,), v) for k, v in reversed(list(items.items())))
        elif isinstance(items, list):
            stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(items))))
        else:
            yield path, node


_YAML11_START = frozenset("yYnNoO+-0123456789")
# y/n are booleans in the YAML 1.1 spec, but neither PyYAML nor Ruby's Psych (Jekyll) reads them so:
# a title "N" or an answer "y" is text everywhere that matters, and is not reported.
_YAML11_BOOL = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_TRAILING_ZERO = re.compile(r"[-+]?[0-9][0-9_]*\.[0-9_]*[0-9]0")  # 1.10, 2.50; not 1.0


def classify_yaml11(raw: str) -> tuple[str, str] | None:
    """What YAML 1.1 readers make of a plain scalar's text, if that is a surprise:
    ``(kind, reading)`` with kind "bool", "octal", "base60" or "float", else None."""
    if len(raw) > 32 or raw[:1] not in _YAML11_START:
        return None
    if _YAML11_BOOL.fullmatch(raw):
        return "bool", "true" if raw.lower() in ("yes", "on") else "false"
    if _OCTAL.fullmatch(raw):
        digits = raw.replace("_", "")
        sign = -1 if digits.startswith("-") else 1
        return "octal", str(sign * int(digits.lstrip("+-"), 8))
    if _SEXAGESIMAL.fullmatch(raw):
        sign = -1 if raw.startswith("-") else 1
        total = 0.0
        for part in raw.lstrip("+-").replace("_", "").split(":"):
            total = total * 60 + float(part)
        return "base60", (str(int(total * sign)) if total.is_integer() else f"{total * sign:g}")
    if _TRAILING_ZERO.fullmatch(raw):
        return "float", f"{float(raw.replace('_', '')):g}"
    return None


def yaml11_reading(doc: Document, fm: FrontMatter, path: tuple[Any, ...]) -> tuple[str, str] | None:
    """The YAML 1.1 surprise of the plain scalar at ``path``, if it is one."""
    node = node_at(fm, path)
    if node is None or node.items is not None or node.style is not None:
        return None
    return classify_yaml11(doc.text[node.value[0]: node.value[1]])
