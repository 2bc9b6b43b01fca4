"""What ``newslint init`` writes: a commented starter config and the pre-commit hooks.

The config is generated from the rule registry, so every rule with options appears (commented
out) with its defaults, and the file always validates against the config schema (tested, with
every commented option switched on too).
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import __version__

# Where the pre-commit hooks are fetched from: the project's public repository.
REPO = "https://github.com/newslint/newslint"
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")

_HEAD = """\
# newslint configuration. Paths and globs are relative to this file's folder.
# Every key is optional; what is commented out shows the default.
# `newslint rules` lists the rules, `newslint rule ID` explains one with its options.

# Files to lint when walking folders (gitignore-style globs), and files never to lint.
include = ["**/*.md", "**/*.markdown", "**/*.mdx"]
exclude = [
  # "content/drafts/**",
]
# respect-gitignore = true            # skip what .gitignore files ignore

# Which rules run: IDs (NL102), names (space-before-punctuation), ID prefixes (NL1) or "ALL".
# Leave `select` out to run the rules that are on by default; extend-select adds rules to them.
# select = ["ALL"]
# extend-select = []
ignore = []

# The lowest severity that makes `newslint check` fail (exit code 1): error | warning | info.
fail-on = "warning"

# Article language when the front matter has no lang/language/locale.
# language = "en"
# Front-matter fields read as prose by the typography and name rules.
# prose-fields = ["title", "description", "summary"]
# allow-yaml-aliases = false

# Rules not to report in some files, e.g. an archive imported as it was published.
[per-file-ignores]
# "content/archive/**" = ["repeated-space"]

# Per-rule settings: severity = "error" | "warning" | "info", enabled = true | false, and the
# rule's own options.
"""


def _toml_value(value: Any) -> str | None:
    """A TOML literal for simple option values (JSON strings, numbers, booleans and lists are TOML too)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                                 for v in value):
        return json.dumps(list(value), ensure_ascii=False)
    return None


def _toml_key(key: str) -> str:
    """A bare TOML key when it can be one, else a quoted one."""
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def config_text() -> str:
    """The starter newslint.toml: the global keys, then one commented table per rule."""
    from .config import Config
    from .engine import available_rules

    parts = [_HEAD]
    for rule in sorted(available_rules(Config()), key=lambda r: r.id):
        if rule.id == "NL999":
            continue
        lines = [f"# {rule.id}: {rule.summary}" if rule.summary else f"# {rule.id}",
                 f"# [rules.{rule.name}]"]
        if not rule.enabled:
            lines.append("# enabled = true                      # off by default")
        lines.append(f'# severity = "{rule.severity}"')
        for key, value in rule.defaults.items():
            literal = _toml_value(value)
            if literal is not None:
                lines.append(f"# {_toml_key(key)} = {literal}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def pre_commit_snippet() -> str:
    """The `repos:` entry for newslint's hooks, to add to an existing .pre-commit-config.yaml."""
    return f"""\
  - repo: {REPO}
    rev: v{__version__}
    hooks:
      # Fixes what it safely can and reports the rest; fails when it changed a file or findings remain.
      # (Use `id: newslint` instead to report without changing files.)
      - id: newslint-fix
      # Checks that compare articles across the whole content tree (house name spellings).
      - id: newslint-names
"""


def pre_commit_config() -> str:
    """A whole .pre-commit-config.yaml with newslint's hooks."""
    return "# See https://pre-commit.com for how hooks run.\nrepos:\n" + pre_commit_snippet()
