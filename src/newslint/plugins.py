"""Third-party rules: Python plugins from installed packages, and the rule packs of the config.

A plugin is an installed distribution that declares entry points in the group
``newslint.rules``; each entry point names a rule module (the same protocol as the built-ins:
``ID``, ``NAME``, ``check(doc, opts)``, a docstring with Bad/Good, optional ``SEVERITY``,
``FIXABLE``, ``DEFAULTS``, ``ENABLED``), a ``Rule``, or a list of either::

    [project.entry-points."newslint.rules"]
    no-shouting = "newslint_acme.no_shouting"

Plugins load only from installed packages: distributions are looked up on ``sys.path`` without
the working directory, and the import runs with the working directory off ``sys.path`` too, so
an article repository cannot plant code that newslint would run (``python -m newslint`` puts
the working directory first on ``sys.path``). The config cannot name code at all: it names
packs, which are data.
"""

from __future__ import annotations

import os
import re
import sys
from types import ModuleType
from typing import Any, Iterable, Sequence

from .config import Config, ConfigError
from .model import SEVERITIES, Rule
from .patterns import lazy

GROUP = "newslint.rules"
_ID = lazy(r"[A-Za-z][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)?")
_NAME = lazy(r"[a-z0-9]+(-[a-z0-9]+)*")
_RESERVED = lazy(r"NL\d", re.I)  # built-in IDs: a plugin must not take one, now or later

_loaded: list[Rule] | None = None


def extension_rules(config: Config, builtin: Sequence[Rule]) -> list[Rule]:
    """Plugin rules and pack rules, checked not to clash with each other or the built-ins."""
    from .packs import pack_rules

    extra = plugin_rules() + pack_rules(config)
    seen = {r.id.lower(): r.origin for r in builtin}
    for rule in extra:
        key = rule.id.lower()
        if key in seen:
            raise ConfigError(f"rule ID `{rule.id}` from {rule.origin} is already taken by {seen[key]}")
        seen[key] = rule.origin
    return extra


def plugin_rules() -> list[Rule]:
    """Rules from the installed plugins (discovered once per process)."""
    global _loaded
    if _loaded is None:
        _loaded = list(_discover())
    return list(_loaded)


def clear_cache() -> None:
    """Forget the discovered plugins (for tests that install or remove one)."""
    global _loaded
    _loaded = None


def installed_paths() -> list[str]:
    """``sys.path`` without the working directory: where installed packages live."""
    cwd = os.path.realpath(os.getcwd())
    out = []
    for entry in sys.path:
        if entry in ("", "."):
            continue
        try:
            if os.path.realpath(entry) == cwd:
                continue
        except (OSError, ValueError):
            continue
        out.append(entry)
    return out


def _discover() -> Iterable[Rule]:
    paths = installed_paths()
    if not _may_have_plugins(paths):
        return
    from importlib.metadata import distributions

    seen: set[str] = set()
    for dist in distributions(path=paths):
        key = _key(dist)
        if key in seen:  # an earlier sys.path entry shadows this copy, as for imports
            continue
        seen.add(key)
        points = dist.entry_points.select(group=GROUP)  # reads entry_points.txt only
        if not points:
            continue
        name = (dist.metadata["Name"] or "?") if dist.metadata else "?"
        for ep in sorted(points, key=lambda e: e.name):
            origin = f"plugin {name} {dist.version} ({ep.name} = {ep.value})"
            yield from _rules_from(_load(ep, origin, paths), origin)


def _may_have_plugins(paths: list[str]) -> bool:
    """Could an installed distribution declare newslint rules? A look at each ``entry_points.txt``
    of the plain folders on the path: most environments have no plugin, and importing
    importlib.metadata to walk every distribution cost 20-40 ms of every run (a third of a
    pre-commit run on one file beyond the interpreter's start). Anything it cannot see into (a
    zip, an egg, a finder of distributions other than the standard one) answers yes, and the
    full discovery decides."""
    from importlib.machinery import PathFinder

    if any(finder is not PathFinder and hasattr(finder, "find_distributions") for finder in sys.meta_path):
        return True
    needle = GROUP.encode()
    for entry in paths:
        if entry.endswith(".egg"):
            return True
        try:
            names = os.listdir(entry)
        except NotADirectoryError:
            return True  # a zip on the path
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(entry, name, "entry_points.txt"), "rb") as f:
                        if needle in f.read():
                            return True
                except OSError:
                    continue
    return False


def _key(dist: Any) -> str:
    """A distribution's normalised name, from its folder name when it has one: parsing every
    installed package's METADATA to find the few with newslint rules cost 15-40 ms a run."""
    normalized = getattr(dist, "_normalized_name", None)  # CPython's PathDistribution (3.10+)
    if isinstance(normalized, str) and normalized:
        return re.sub(r"[-_.]+", "-", normalized).lower()
    name = (dist.metadata["Name"] or "?") if dist.metadata else "?"
    return re.sub(r"[-_.]+", "-", name).lower()


def _load(ep: Any, origin: str, paths: list[str]) -> Any:
    saved = sys.path[:]
    sys.path[:] = paths
    try:
        return ep.load()
    except Exception as exc:
        raise ConfigError(f"{origin} failed to load: {type(exc).__name__}: {exc}; "
                          "fix or uninstall the package") from None
    finally:
        sys.path[:] = saved


def _rules_from(obj: Any, origin: str) -> list[Rule]:
    items = obj if isinstance(obj, (list, tuple)) else [obj]
    rules = []
    for item in items:
        if isinstance(item, Rule):
            rule = Rule(**{**_fields(item), "origin": origin})
        elif isinstance(item, ModuleType) or all(hasattr(item, a) for a in ("ID", "NAME", "check")):
            missing = [a for a in ("ID", "NAME", "check") if not hasattr(item, a)]
            if missing:
                raise ConfigError(f"{origin}: the rule module lacks {', '.join(missing)}")
            rule = Rule.from_module(item, origin=origin)
        else:
            raise ConfigError(f"{origin}: expected a rule module, a Rule or a list of them, got {type(item).__name__}")
        _validate(rule, origin)
        rules.append(rule)
    return rules


def _fields(rule: Rule) -> dict[str, Any]:
    return {f: getattr(rule, f) for f in rule.__dataclass_fields__}


def _validate(rule: Rule, origin: str) -> None:
    problems = []
    if not isinstance(rule.id, str) or not _ID().fullmatch(rule.id):
        problems.append(f"ID {rule.id!r} is not letters, digits, '-', '_', '.' (and one '/')")
    elif _RESERVED().match(rule.id):
        problems.append(f"ID `{rule.id}` is reserved for newslint's own rules (NL…); use your own prefix")
    if not isinstance(rule.name, str) or not _NAME().fullmatch(rule.name):
        problems.append(f"NAME {rule.name!r} is not kebab-case")
    if rule.severity not in SEVERITIES:
        problems.append(f"SEVERITY {rule.severity!r} is not one of {', '.join(SEVERITIES)}")
    if not callable(rule.check):
        problems.append("check is not callable")
    if not isinstance(rule.defaults, dict):
        problems.append("DEFAULTS is not a dict")
    if problems:
        raise ConfigError(f"{origin}: " + "; ".join(problems))
