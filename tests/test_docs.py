"""The docs a user reads stay true: every rule is in the README table and documents itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newslint.rules import BUILTIN

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_rule_is_documented(rule) -> None:
    assert re.search(rf"^\| {rule.id} \| {re.escape(rule.name)} \|", README, re.M), f"{rule.id} missing from README"
    assert "Bad:" in rule.doc and "Good:" in rule.doc, f"{rule.id} docstring needs Bad/Good examples"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.severity in ("error", "warning", "info")


def test_ids_and_names_are_unique() -> None:
    assert len({r.id for r in BUILTIN}) == len(BUILTIN) == len({r.name for r in BUILTIN})


def test_readme_starts_with_the_two_commands() -> None:
    head = README.split("\n## ")[0]
    assert "pip install . && .venv/bin/newslint check examples/content" in head
    assert "pip install '.[test]' && .venv/bin/pytest" in head
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest" in ci


def test_every_module_is_on_the_readme_map() -> None:
    # "How it works" is where a newcomer learns the architecture: a module missing there is hidden
    tree = README.split("## How it works", 1)[1].split("```")[1]
    package = Path(__file__).parents[1] / "src" / "newslint"
    for path in package.iterdir():
        if path.name.startswith(("_", ".")) or path.name == "__pycache__":
            continue
        name = path.name + ("/" if path.is_dir() else "")
        assert re.search(rf"^\s+{re.escape(name)}\s", tree, re.M), f"{name} is not on the README map"
