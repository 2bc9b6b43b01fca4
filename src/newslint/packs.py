"""Rule packs: house-style rules declared in YAML, checked against a schema and their own specs.

A pack is a YAML file (schemas/pack.schema.json). Users name theirs in the config
(``packs = ["style/house.yaml"]``, relative to the config file); the packs newslint ships live in
the top-level ``rules/`` folder and are always available (``SHIPPED``). Each rule becomes a
``Rule`` with the ID ``<pack name>/<rule id>`` (pack name = ``name:`` or the file stem) and its
rule id as its name, so ``--select house/``, ``--ignore house/no-utilize`` and
``[rules."house/no-utilize"]`` work as for built-ins.

Loading a user pack validates it, compiles its patterns with ``saferegex`` and runs every
``specs`` example (``bad`` must be flagged, ``good`` must not, and for a rule that fixes,
fixing ``bad`` must give exactly ``good``); any failure is a ConfigError that names the file,
the rule and the example. A pack holds data only: nothing in it is executed. Shipped packs are
checked the same way by the test suite and are loaded without the checks at run time.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from . import saferegex
from .config import Config, ConfigError
from .document import DEFAULT_PROSE_FIELDS, Document
from .model import Finding, Rule
from .packrules import _PLACEHOLDER, FIELD_SCOPES, KEYWORD_SCOPES, KINDS, PackRule

SHIPPED = ("news-style.yaml",)
MAX_FIX_PASSES = 10


def pack_rules(config: Config) -> list[Rule]:
    """The rules of the shipped packs and of the packs the config names, in that order."""
    rules: list[Rule] = []
    for name in SHIPPED:
        rules.extend(_shipped(name))
    for entry in config.packs:
        path = Path(entry).expanduser()
        path = path if path.is_absolute() else config.root / path
        rules.extend(load(path, where=str(config.path or "configuration"), shown=_shown(path)))
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise ConfigError(f"rule `{rule.id}` is defined twice: in {seen[rule.id]} and in {rule.origin}; "
                              "give one of the packs another `name:`")
        seen[rule.id] = rule.origin
    return rules


@lru_cache(maxsize=None)
def _shipped(name: str) -> tuple[Rule, ...]:
    from .resources import data_path, load_yaml

    path = data_path("rules", name)
    with saferegex.deferred():  # its patterns are compiled by the tests; here, when first used
        return tuple(build(load_yaml("rules", name), path, f"rules/{name}", check=False))


_CACHE: dict[tuple[str, int, int], tuple[Rule, ...]] = {}


def _shown(path: Path) -> str:
    """A pack's path for messages: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def load(path: Path, where: str = "configuration", check: bool = True, shown: str | None = None) -> list[Rule]:
    """A user pack's rules, validated and spec-checked (cached per file version in this process)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"{where}: packs: cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = tuple(build(_read(path), path, shown or str(path), check=check))
    return list(_CACHE[key])


def _read(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the rule pack: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # data only, never objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None


def validate(data: Any, shown: str) -> None:
    """Check a pack against schemas/pack.schema.json; raise ConfigError naming the rule."""
    from .resources import load_json
    from .schema import editor_message, validator_for

    validator = validator_for(load_json("schemas", "pack.schema.json"))
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))))
    if not errors:
        return
    error = errors[-1] if any(e.validator == "unevaluatedProperties" for e in errors) else errors[0]
    path = list(error.absolute_path)
    rule = ""
    if len(path) >= 2 and path[0] == "rules" and isinstance(data, dict):
        item = data["rules"][path[1]]
        rule = f"rule `{item.get('id', '#' + str(path[1] + 1))}`: " if isinstance(item, dict) else ""
    message = editor_message(error, data).replace("the front matter", "the pack")
    if error.validator == "unevaluatedProperties":
        kind = item.get("kind") if rule and isinstance(item, dict) else None
        article = "an" if str(kind)[:1] in ("a", "e", "i", "o", "u") else "a"
        message = f"{message} (not a key of {article} {kind} rule)" if kind else message
    raise ConfigError(f"{shown}: {rule}{message}")


def build(data: Any, path: Path, shown: str, check: bool = True) -> list[Rule]:
    """Turn a parsed pack into Rules; with ``check``, validate it and run its specs first."""
    if check:
        validate(data, shown)
    pack = data.get("name") or path.stem
    if check and not data.get("name") and not _is_slug(pack):
        raise ConfigError(f"{shown}: the file name `{path.stem}` is not a valid pack name; "
                          "set `name:` (lower case letters, digits and hyphens)")
    pack_languages = data.get("languages")
    rules: list[Rule] = []
    seen: set[str] = set()
    for item in data["rules"]:
        rule_id = f"{pack}/{item['id']}"
        if item["id"] in seen:
            raise ConfigError(f"{shown}: rule `{rule_id}` is defined twice in the pack")
        seen.add(item["id"])
        spec = dict(item)
        if pack_languages and "languages" not in spec:
            spec["languages"] = pack_languages
        if isinstance(spec.get("scope"), str):  # `scope: headings` is `scope: [headings]`
            spec["scope"] = [spec["scope"]]
        try:
            _check_scopes(spec.get("scope") or ())
            if check:  # (the shipped pack's terms are compiled one by one by the tests)
                _check_regexes(spec)
            impl = KINDS[spec["kind"]](spec)
        except (saferegex.PatternError, ValueError) as exc:
            raise ConfigError(f"{shown}: rule `{rule_id}`: {exc}") from None
        rule = Rule(id=rule_id, name=item["id"], check=impl.check, doc=_doc(item, impl),
                    severity=item.get("severity", "warning"), fixable=impl.fixable,
                    enabled=item.get("enabled", True), origin=f"pack {shown}")
        if check:
            for n, example in enumerate(item.get("specs") or (), 1):
                problem = run_spec(impl, example)
                if problem:
                    raise ConfigError(f"{shown}: rule `{rule_id}`: spec {n} fails: {problem}")
        rules.append(rule)
    return rules


def _is_slug(name: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) is not None


def _check_regexes(spec: Mapping[str, Any]) -> None:
    """Compile each /regex/ term alone, so that an error names the term, not the rule's joined pattern."""
    for key in ("tokens", "exceptions", "swap"):
        for term in spec.get(key) or ():
            if isinstance(term, str):
                source, is_regex = saferegex.term_pattern(term)
                if is_regex:
                    saferegex.compile(source)


def _check_scopes(scopes: Sequence[str]) -> None:
    known = list(KEYWORD_SCOPES) + list(FIELD_SCOPES)
    for scope in scopes:
        if scope not in known and not scope.startswith("front-matter."):
            import difflib  # (here: only an error message needs it)

            hint = difflib.get_close_matches(scope, known, n=1)
            raise ValueError(f"unknown scope `{scope}`" + (f"; did you mean `{hint[0]}`?" if hint else ""))


def _doc(item: Mapping[str, Any], impl: PackRule) -> str:
    """The rule's documentation for `newslint rule ID`, in the shape of a built-in's docstring."""
    description = (item.get("description") or "").strip()
    summary = description.splitlines()[0] if description else _PLACEHOLDER().sub("…", item["message"])
    lines = [summary, ""]
    rest = "\n".join(description.splitlines()[1:]).strip() if description else ""
    if rest:
        lines += [rest, ""]
    if description:
        lines += [f"Message: {item['message']}", ""]
    lines += impl.describe()
    if item.get("exceptions") and impl.kind != "capitalization":
        lines.append("Not a finding inside: " + ", ".join(item["exceptions"]) + ".")
    sources = item.get("source")
    if sources:
        lines.append("Source: " + "; ".join([sources] if isinstance(sources, str) else sources))
    examples = item.get("specs") or ()
    if examples:
        lines.append("")
    for example in examples:
        if "bad" in example:
            lines.append(f"Bad:  {example['bad']}")
        if "good" in example:
            lines.append(f"Good: {example['good']}")
    return "\n".join(lines)


# -- specs ------------------------------------------------------------------------------------


def spec_document(impl: PackRule, text: str) -> tuple[str, str, str]:
    """An article that puts ``text`` where the rule looks: (source, prefix, suffix around text)."""
    if text.startswith("---\n"):
        return text, "", ""
    fields = [s for s in impl.scopes if s in FIELD_SCOPES or s.startswith("front-matter")]
    body_scopes = [s for s in impl.scopes if s not in fields]
    if fields and not body_scopes:
        key = fields[0].split(".", 1)[1] if fields[0].startswith("front-matter.") else \
            ("title" if fields[0] == "front-matter" else fields[0])
        prefix = f"---\n{key}: "
        return prefix + json.dumps(text, ensure_ascii=False) + "\n---\n", prefix, "\n---\n"
    if body_scopes == ["headings"] and not text.lstrip().startswith("#"):
        return f"# {text}\n", "# ", "\n"
    return text + "\n", "", "\n"


def _spec_doc(source: str, impl: PackRule) -> Document:
    extra = tuple(s.split(".", 1)[1] for s in impl.scopes if s.startswith("front-matter."))
    return Document(source, prose_fields=DEFAULT_PROSE_FIELDS + extra,
                    language=impl.languages[0] if impl.languages else "en")


def _run(impl: PackRule, doc: Document) -> list[Finding]:
    return list(impl.check(doc, {}))


def run_spec(impl: PackRule, example: Mapping[str, str]) -> str:
    """Why an example fails (empty when it holds)."""
    from .engine import apply_fixes, choose_fixes

    bad, good = example.get("bad"), example.get("good")
    if good is not None:
        source, _, _ = spec_document(impl, good)
        found = _run(impl, _spec_doc(source, impl))
        if found:
            return f"`good: {good}` is flagged: {found[0].message}"
    if bad is None:
        return ""
    source, prefix, suffix = spec_document(impl, bad)
    doc = _spec_doc(source, impl)
    found = _run(impl, doc)
    if not found:
        return f"`bad: {bad}` is not flagged"
    if good is None or not any(f.fix for f in found):
        return ""
    for _ in range(MAX_FIX_PASSES):
        fixes = choose_fixes(found, unsafe=True)
        if not fixes:
            break
        doc = _spec_doc(apply_fixes(doc, fixes), impl)
        found = _run(impl, doc)
    fixed = doc.source
    if prefix.startswith("---\n") and fixed.startswith(prefix) and fixed.endswith(suffix):
        value = doc.meta.get(prefix[4:-2])
        fixed = value if isinstance(value, str) else fixed
    elif fixed.startswith(prefix) and fixed.endswith(suffix):
        fixed = fixed[len(prefix): len(fixed) - len(suffix)]
    if fixed != good:
        return f"fixing `bad: {bad}` gives `{fixed}`, not `good: {good}`"
    return ""
