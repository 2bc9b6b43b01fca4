"""Find, load and validate the configuration; resolve which rules run with which options.

A config is ``newslint.toml``, ``.newslint.toml`` or the ``[tool.newslint]`` table of
``pyproject.toml``, found from the first linted path upward (``--config FILE`` overrides). It is
validated against ``schemas/config.schema.json``; rule options are checked against each rule's
``DEFAULTS`` (an unknown option or a value of the wrong type is an error, as in yamllint).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .model import SEVERITIES, Rule


def _close_matches(word: str, known: Iterable[str], n: int) -> list[str]:
    """difflib's close matches, for a "did you mean" in an error message (imported only then)."""
    import difflib

    return difflib.get_close_matches(word, known, n=n)


CONFIG_NAMES = ("newslint.toml", ".newslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("**/*.md", "**/*.markdown", "**/*.mdx")


class ConfigError(Exception):
    """A configuration problem: exit code 2, with the file and key in the message."""


@dataclass(frozen=True)
class Config:
    """The settings of one run. ``root`` is the folder paths and globs are relative to."""

    root: Path = field(default_factory=Path.cwd)
    path: Path | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str = "warning"
    language: str = "en"
    prose_fields: tuple[str, ...] | None = None
    allow_yaml_aliases: bool = False
    # [schemas]: (glob, schema) in file order, first match wins; a schema of None means "none".
    # None (no table) means builtin:article for every article.
    schemas: tuple[tuple[str, Any], ...] | None = None
    packs: tuple[str, ...] = ()  # rule pack files, relative to root (packs.py)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # raw [rules.X] tables
    raw: Mapping[str, Any] = field(default_factory=dict)  # the whole table, for extensions

    def with_overrides(self, **changes: Any) -> "Config":
        """A copy with command-line overrides applied (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find(start: Path) -> Path | None:
    """The nearest config file from ``start`` (a file or folder) upward, or None."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "newslint" in data["tool"]


def load(path: Path | None, *, start: Path | None = None) -> Config:
    """Load and validate a config file; without one, find it from ``start`` (else defaults)."""
    if path is None and start is not None:
        path = find(start)
    if path is None:
        return Config(root=Path.cwd(), language=_site_language(start, None))
    import tomllib  # (here: a run without a config file never needs it)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("newslint", {})
    config = from_mapping(data, path)
    if "language" not in data:
        config = replace(config, language=_site_language(start or path.parent, path.parent))
    return config


def _site_language(start: Path | None, stop: Path | None) -> str:
    """Without ``language`` in newslint's config, the one the site generator's config names
    (Jekyll's ``lang``, Hugo's ``defaultContentLanguage``: site.py), else English."""
    from .site import site_language

    return (site_language(start, stop) if start is not None else None) or "en"


def from_mapping(data: Mapping[str, Any], path: Path | None = None, root: Path | None = None) -> Config:
    """Validate a config table and turn it into a Config."""
    where = str(path) if path else "configuration"
    validate_schema(data, where)
    root = root or (path.parent.resolve() if path else Path.cwd())
    get = data.get
    return Config(
        root=root,
        path=path,
        include=tuple(get("include", DEFAULT_INCLUDE)),
        exclude=tuple(get("exclude", ())),
        respect_gitignore=get("respect-gitignore", True),
        select=tuple(get("select")) if "select" in data else None,
        ignore=tuple(get("ignore", ())),
        extend_select=tuple(get("extend-select", ())),
        per_file_ignores=tuple((glob, tuple(rules)) for glob, rules in get("per-file-ignores", {}).items()),
        fail_on=get("fail-on", "warning"),
        language=get("language", "en"),
        prose_fields=tuple(get("prose-fields")) if "prose-fields" in data else None,
        allow_yaml_aliases=get("allow-yaml-aliases", False),
        schemas=load_schemas(data["schemas"], root, where) if "schemas" in data else None,
        packs=tuple(get("packs", ())),
        rules=dict(get("rules", {})),
        raw=dict(data),
    )


def load_schemas(table: Mapping[str, str], root: Path, where: str) -> tuple[tuple[str, Any], ...]:
    """Load every schema the [schemas] table names (once each); a broken one is a ConfigError."""
    from .schema import SchemaError, load_source

    loaded: dict[str, Any] = {}
    result = []
    for glob, target in table.items():
        if target not in loaded:
            try:
                loaded[target] = None if target == "none" else load_source(target, root)
            except SchemaError as exc:
                raise ConfigError(f"{where}: [schemas] \"{glob}\": {exc}") from None
        result.append((glob, loaded[target]))
    return tuple(result)


def validate_schema(data: Mapping[str, Any], where: str) -> None:
    """Check a config table against schemas/config.schema.json; raise ConfigError on the first problem."""
    from .resources import load_json
    from .schema import editor_message, validator_for

    if _config_fast_check()(data):
        return  # valid: jsonschema (a tenth of a second to import) is only needed to explain
    validator = validator_for(load_json("schemas", "config.schema.json"))
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        raise ConfigError(f"{where}: {editor_message(errors[0], data)}")


@lru_cache(maxsize=1)
def _config_fast_check() -> Any:
    """fastschema's valid/invalid answer for the config schema (always "ask jsonschema" if the
    schema uses more than fastschema handles)."""
    from .fastschema import compile_fast
    from .resources import load_json
    from .schema import LazyFormatChecker, inline_local_refs

    check = compile_fast(inline_local_refs(load_json("schemas", "config.schema.json")), LazyFormatChecker())
    if check is None:
        return lambda data: False

    def valid(data: Any) -> bool:
        try:
            return bool(check(data))
        except Exception:  # noqa: BLE001 - jsonschema is the authority
            return False

    return valid


# -- which rules run, with which options ------------------------------------------------------


def matches(selector: str, rule: Rule) -> bool:
    """Does a selector (ID, name, ID prefix, glob, or ALL) pick this rule?"""
    sel = selector.strip().lower()
    rid, name = rule.id.lower(), rule.name.lower()
    if sel == "all":
        return True
    if sel in (rid, name) or rid.startswith(sel):
        return True
    return any(ch in sel for ch in "*?[") and (fnmatch.fnmatchcase(rid, sel) or fnmatch.fnmatchcase(name, sel))


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule], where: str) -> None:
    """Refuse a selector that picks no rule: a typo must not silently disable a check."""
    for sel in selectors:
        if not any(matches(sel, r) for r in rules):
            known = [r.name for r in rules] + [r.id for r in rules]
            hint = _close_matches(sel, known, n=1)
            raise ConfigError(f"{where}: unknown rule `{sel}`" + (f"; did you mean `{hint[0]}`?" if hint else ""))


def enabled_rules(config: Config, rules: Sequence[Rule]) -> list[Rule]:
    """The rules that run: select (or the defaults) + extend-select − ignore, and `enabled` options."""
    where = str(config.path) if config.path else "command line"
    for group in (config.select or (), config.ignore, config.extend_select):
        check_selectors(group, rules, where)
    def picks(sel: str, rule: Rule) -> bool:  # a network rule needs its own ID or name, not ALL or a prefix
        return matches(sel, rule) and (not rule.network or sel.strip().lower() in (rule.id.lower(), rule.name.lower()))

    chosen = [r for r in rules if (any(picks(s, r) for s in config.select) if config.select is not None else r.enabled)]
    chosen += [r for r in rules if r not in chosen and any(picks(s, r) for s in config.extend_select)]
    chosen = [r for r in chosen if not any(matches(s, r) for s in config.ignore)]
    options = {key: table for key, table in config.rules.items()}
    result = []
    for rule in chosen:
        table = options.get(rule.name) or options.get(rule.id) or {}
        if table.get("enabled") is False:
            continue
        result.append(rule)
    # a rule that is off by default but has `enabled = true` in its table runs too
    for rule in rules:
        table = options.get(rule.name) or options.get(rule.id) or {}
        if table.get("enabled") is True and rule not in result and not any(matches(s, rule) for s in config.ignore):
            result.append(rule)
    return sorted(result, key=lambda r: r.id)


def rule_options(config: Config, rules: Sequence[Rule]) -> dict[str, dict[str, Any]]:
    """Options per rule ID: the rule's DEFAULTS overlaid with its [rules.X] table, type-checked."""
    where = str(config.path) if config.path else "configuration"
    by_key = {r.name: r for r in rules} | {r.id: r for r in rules}
    for key in config.rules:
        if key not in by_key:
            hint = _close_matches(key, list(by_key), n=1)
            raise ConfigError(f"{where}: [rules.{key}]: unknown rule" + (f"; did you mean `{hint[0]}`?" if hint else ""))
    result: dict[str, dict[str, Any]] = {}
    for rule in rules:
        table = dict(config.rules.get(rule.name) or config.rules.get(rule.id) or {})
        table.pop("enabled", None)
        severity = table.pop("severity", rule.severity)
        opts = dict(rule.defaults)
        for key, value in table.items():
            if key not in rule.defaults:
                hint = _close_matches(key, list(rule.defaults), n=1)
                known = ", ".join(sorted(rule.defaults)) or "none"
                raise ConfigError(
                    f"{where}: [rules.{rule.name}]: unknown option `{key}`"
                    + (f"; did you mean `{hint[0]}`?" if hint else f" (options: {known})"))
            if not _same_type(rule.defaults[key], value):
                raise ConfigError(
                    f"{where}: [rules.{rule.name}] {key}: expected {_type_name(rule.defaults[key])}, "
                    f"got {_type_name(value)}")
            opts[key] = value
        for key, allowed in rule.choices.items():
            if opts.get(key) not in allowed:
                raise ConfigError(f"{where}: [rules.{rule.name}] {key}: expected one of "
                                  f"{', '.join(map(repr, allowed))}; got {opts.get(key)!r}")
        if rule.validate is not None:
            try:
                rule.validate(opts)
            except ValueError as exc:
                raise ConfigError(f"{where}: [rules.{rule.name}]: {exc}") from None
        opts["severity"] = severity
        opts.setdefault("language", config.language)
        opts["_root"] = str(config.root)  # the site root, for the few rules that look at files (site.py)
        opts["_schemas"] = config.schemas  # front-matter schemas by glob (validation.py); None = builtin:article
        result[rule.id] = opts
    return result


def _same_type(default: Any, value: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)) and isinstance(value, (int, float)):
        return isinstance(default, float) or isinstance(value, int)
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def severity_ok(value: str) -> bool:
    """Is this a severity name?"""
    return value in SEVERITIES
