"""Render results: one module per output format.

``text`` (people at a terminal), ``json`` (the documented record per finding), ``sarif``
(SARIF 2.1.0, for GitHub code scanning and other SARIF viewers), ``github`` (GitHub Actions
workflow commands, which become annotations on the pull request), ``junit`` (JUnit XML, for CI
test reports), ``gitlab`` (GitLab Code Quality JSON), and ``statistics`` (a table per rule).
Every writer takes the same ``Run`` and a text stream.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Sequence

from .json import finding_record, write_json
from .text import summary, write_text

if TYPE_CHECKING:
    from ..engine import FileResult
    from ..model import Rule

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")

__all__ = ["FORMATS", "Run", "finding_record", "stream", "summary", "use_color", "write", "write_json",
           "write_text"]


@dataclass
class Run:
    """One run's results and what the writers need to describe them."""

    results: Sequence["FileResult"]
    rules: Sequence["Rule"] = ()  # the rules that ran (SARIF lists them with their docs)
    catalog: Sequence["Rule"] = ()  # every known rule, to describe any other rule a finding names
    files_checked: int | None = None
    fixing: bool = False
    unsafe: bool = False
    baseline_hidden: int = 0  # known findings the baseline hid
    baseline_stale: int = 0  # baseline entries of linted files that no longer occur
    root: Path = field(default_factory=Path.cwd)  # what relative paths are relative to

    @property
    def findings_total(self) -> int:
        return sum(len(r.findings) for r in self.results)


def write(fmt: str, run: Run, out: IO[str], *, color: bool = False, quiet: bool = False) -> None:
    """Write the run in one of FORMATS."""
    if fmt == "text":
        write_text(run.results, out, color=color, fixing=run.fixing, unsafe=run.unsafe, quiet=quiet,
                   files_checked=run.files_checked, baseline_hidden=run.baseline_hidden,
                   baseline_stale=run.baseline_stale)
    elif fmt == "json":
        write_json(run.results, out)
    elif fmt == "sarif":
        from .sarif import write_sarif

        write_sarif(run, out)
    elif fmt == "github":
        from .github import write_github

        write_github(run, out)
    elif fmt == "junit":
        from .junit import write_junit

        write_junit(run, out)
    elif fmt == "gitlab":
        from .gitlab import write_gitlab

        write_gitlab(run, out)
    else:  # pragma: no cover - the CLI offers FORMATS only
        raise ValueError(f"unknown format {fmt!r}")


def use_color(stream: IO[str]) -> bool:
    """Colour on a terminal only; NO_COLOR turns it off and FORCE_COLOR on (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def stream(name: str) -> IO[str]:
    """sys.stdout or sys.stderr, looked up late so that test runners can swap them."""
    return getattr(sys, name)


def dedent_doc(doc: str) -> str:
    """A rule docstring as plain text: first line kept, the rest dedented."""
    import textwrap

    first, _, rest = doc.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).rstrip()
