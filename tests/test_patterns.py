"""patterns.lazy: a pattern compiled on first use, and every use of one a call."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from newslint import patterns

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newslint"


def test_a_lazy_pattern_compiles_once_on_first_call() -> None:
    before = len(patterns._ALL)
    get = patterns.lazy(r"colou?r", re.I)
    assert len(patterns._ALL) == before + 1 and get.cache_info().currsize == 0  # nothing compiled yet
    assert get().findall("Color and COLOUR") == ["Color", "COLOUR"]
    assert get() is get() and get().flags & re.I
    patterns.warm()
    assert all(f.cache_info().currsize == 1 for f in patterns._ALL)


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_use_of_a_lazy_pattern_calls_it() -> None:
    """`_FOO = lazy(...)` is a function: `_FOO.search(...)` on a path the tests never take would
    fail on some user's article. Each reference, in its own module or imported, is `_FOO()`."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}
    lazy = {(_module(p), node.targets[0].id) for p, tree in trees.items() for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "lazy"}
    assert len(lazy) > 100
    wrong = []
    for path, tree in trees.items():
        module = _module(path)
        names = {name for owner, name in lazy if owner == module}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                parts = module.split(".")  # (a package's own module is its __init__.py)
                base = parts[: len(parts) - node.level + (path.name == "__init__.py")]
                source = ".".join(base + ([node.module] if node.module else []))
                names.update(a.asname or a.name for a in node.names if (source, a.name) in lazy)
        called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
        wrong += [f"{path.name}:{node.lineno} {node.id}" for node in ast.walk(tree)
                  if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)
                  and id(node) not in called]
    assert not wrong, f"lazy patterns used without a call: {wrong}"
