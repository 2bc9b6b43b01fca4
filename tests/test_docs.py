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


def test_every_command_and_option_is_in_the_readme() -> None:
    # a flag the README does not name is a flag users never find
    import click

    from newslint.cli import main

    def walk(command: click.Command, path: str):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}")

    for path, command in walk(main, "newslint"):
        if path != "newslint":
            assert f"`{path}" in README or f"{path} " in README, f"`{path}` is not in the README"
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert any(f"`{o}" in README or f"{o} " in README for o in param.opts), \
                    f"{path} {'/'.join(param.opts)} is not in the README"
    formats = next(p for p in main.commands["check"].params if p.name == "fmt").type.choices
    for fmt in formats:
        assert f"--format {fmt}" in README or fmt == "text", f"--format {fmt} has no section in the README"
