"""Render results: human text (default) and JSON.

Text groups findings per file, each as ``path:line:col: ID [name] message`` (the form editors
and terminals turn into links), then the source line with the span underlined and the fix
title, then one summary line. JSON is an array with one object per finding; its fields are
documented in the README and never renamed.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from typing import IO, Any, Sequence

from .engine import FileResult
from .model import Finding

SNIPPET_WIDTH = 100


def use_color(stream: IO[str]) -> bool:
    """Colour on a terminal only; NO_COLOR turns it off and FORCE_COLOR on (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


# -- JSON ---------------------------------------------------------------------------------------


def finding_record(result: FileResult, f: Finding) -> dict[str, Any]:
    """One finding as the JSON object documented in the README."""
    fix = None
    if f.fix is not None:
        edits = []
        for e in f.fix.edits:
            line, column = result.position(e.start)
            end_line, end_column = result.position(e.end)
            edits.append({"line": line, "column": column, "end_line": end_line, "end_column": end_column,
                          "replacement": e.text})
        fix = {"title": f.fix.title, "applicability": "safe" if f.fix.safe else "unsafe", "edits": edits}
    return {"path": result.path, "rule": f.rule, "name": f.name, "severity": f.severity, "message": f.message,
            "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column, "fix": fix}


def write_json(results: Sequence[FileResult], out: IO[str]) -> None:
    """A JSON array of every finding, in path then position order."""
    records = [finding_record(r, f) for r in results for f in r.findings]
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


# -- text ---------------------------------------------------------------------------------------

_STYLES = {"error": "red", "warning": "yellow", "info": "blue"}


def write_text(results: Sequence[FileResult], out: IO[str], *, color: bool = False, fixing: bool = False,
               unsafe: bool = False, quiet: bool = False, files_checked: int | None = None) -> None:
    """Findings grouped per file with snippets, then a summary line."""
    import click

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    first = True
    for r in results:
        if not r.findings:
            continue
        if not first:
            out.write("\n")
        first = False
        for f in r.findings:
            sev = style(f.severity, fg=_STYLES.get(f.severity), bold=True)
            where = style(f"{r.path}:{f.line}:{f.column}:", bold=True)
            out.write(f"{where} {style(f.rule, fg=_STYLES.get(f.severity))} [{f.name}] {f.message}"
                      f" ({sev})\n")
            if quiet:
                continue
            source = r.lines.get(f.line)
            if source is not None:
                out.write(_snippet(source, f, style))
            if f.fix is not None:
                note = "fix" if f.fix.safe else "unsafe fix"
                out.write(f"{'':>6}{style('=', fg='cyan')} {note}: {f.fix.title}\n")
    if not quiet or any(r.findings for r in results):
        if not first:
            out.write("\n")
        out.write(summary(results, fixing=fixing, unsafe=unsafe, files_checked=files_checked) + "\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _snippet(source: str, f: Finding, style: Any) -> str:
    """The source line (cut around the span when long) with carets under the span."""
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(source)
    end = max(end, start + 1)
    lo, prefix = 0, ""
    if len(source) > SNIPPET_WIDTH:
        lo = max(0, min(start - 30, len(source) - SNIPPET_WIDTH))
        prefix = "…" if lo else ""
    hi = min(len(source), max(lo + SNIPPET_WIDTH, end))
    suffix = "…" if hi < len(source) else ""
    shown = prefix + source[lo:hi].replace("\t", " ") + suffix
    pad = _width(prefix + source[lo:start].replace("\t", " "))
    carets = "^" * max(1, _width(source[start:min(end, hi)]))
    gutter = f"{f.line:>5} | "
    return (f"{style(gutter, fg='cyan')}{shown}\n"
            f"{style(' ' * 6 + '| ', fg='cyan')}{' ' * pad}{style(carets, fg=_STYLES.get(f.severity), bold=True)}\n")


def summary(results: Sequence[FileResult], *, fixing: bool = False, unsafe: bool = False,
            files_checked: int | None = None) -> str:
    """One line: findings by severity, files, and what --fix / --unsafe-fixes would do."""
    findings = [f for r in results for f in r.findings]
    files = files_checked if files_checked is not None else len(results)
    with_findings = sum(1 for r in results if r.findings)
    fixed = sum(r.fixed for r in results)
    fixed_files = sum(1 for r in results if r.fixed)
    parts = []
    if fixing:
        parts.append(f"Fixed {fixed} finding{_s(fixed)} in {fixed_files} file{_s(fixed_files)}.")
    if not findings:
        parts.append(f"No findings in {files} file{_s(files)}." if not fixing
                     else f"Nothing left to report in {files} file{_s(files)}.")
        return " ".join(parts)
    counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")}
    by_sev = ", ".join(f"{n} {sev}{_s(n)}" for sev, n in counts.items() if n)
    parts.append(f"{len(findings)} finding{_s(len(findings))} ({by_sev}) in {with_findings} of {files} "
                 f"file{_s(files)}.")
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    risky = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    if not fixing:
        if safe:
            parts.append(f"{safe} fixable with --fix" + (f", {risky} more with --unsafe-fixes." if risky else "."))
        elif risky:
            parts.append(f"{risky} fixable with --unsafe-fixes.")
    elif risky and not unsafe:
        parts.append(f"{risky} more fixable with --unsafe-fixes.")
    return " ".join(parts)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def stream(name: str) -> IO[str]:
    """sys.stdout or sys.stderr, looked up late so that test runners can swap them."""
    return getattr(sys, name)
