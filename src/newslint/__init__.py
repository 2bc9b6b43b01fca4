"""newslint: a linter and fixer for news articles kept as Markdown with front matter.

The public API, on which the command line itself is built (for CMS plugins, editors and
language servers)::

    from newslint import lint_text, fix_text, lint_paths
    findings = lint_text(text, path="content/a.md")
    fixed, remaining = fix_text(text)

Findings are ``newslint.model.Finding`` values with rule, severity, message, 1-based
line/column and an optional fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .config import Config
    from .engine import FileResult
    from .model import Finding

__all__ = ["__version__", "lint_text", "fix_text", "lint_paths"]


def lint_text(text: str, path: str | None = None, config: "Config | None" = None) -> list["Finding"]:
    """Lint an article given as text; ``path`` only names it (per-file-ignores, messages)."""
    from . import engine
    from .document import Document

    st = engine.settings(config)
    return engine.run_rules(Document(text, path, **st.document_options), st)


def fix_text(text: str, path: str | None = None, config: "Config | None" = None,
             unsafe: bool = False) -> tuple[str, list["Finding"]]:
    """Fix an article given as text; return the fixed text and the findings that remain."""
    from . import engine
    from .document import Document

    st = engine.settings(config)
    doc, remaining, _ = engine.fix_document(Document(text, path, **st.document_options), st, unsafe)
    return doc.source, remaining


def lint_paths(paths: Iterable[str | Path], config: "Config | None" = None) -> list["FileResult"]:
    """Lint files and folders as ``newslint check`` does (without fixing); one result per file."""
    from . import engine, files
    from .config import load

    paths = list(paths)
    config = config or load(None, start=Path(paths[0]) if paths else Path("."))
    st = engine.settings(config)
    return list(engine.lint_paths(files.discover(paths, config), st))
