"""``--format text``: findings for people at a terminal.

Findings are grouped per file under a header line (the path, what was found and what --fix
can do). Each finding is one ``path:line:col: ID [name] message (severity)`` line (the form
editors and terminals turn into links), the source line with the span underlined, and the fix
title. One summary line closes the report: "5 warnings in 3 of 40 files (5 fixable with --fix)".
``-q`` keeps only the finding lines.
"""

from __future__ import annotations

import re
import unicodedata
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Sequence

from ..patterns import lazy

if TYPE_CHECKING:
    from ..engine import FileResult
    from ..model import Finding

SNIPPET_WIDTH = 100  # columns of source shown when the output is not a terminal
_STYLES = {"error": "red", "warning": "yellow", "info": "blue"}
_SEVERITY_ORDER = ("error", "warning", "info")


def write_text(results: Sequence["FileResult"], out: IO[str], *, color: bool = False, fixing: bool = False,
               unsafe: bool = False, quiet: bool = False, files_checked: int | None = None,
               baseline_hidden: int = 0, baseline_stale: int = 0) -> None:
    """Findings grouped per file with snippets, then a summary line."""
    import click

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    width = SNIPPET_WIDTH
    if hasattr(out, "isatty") and out.isatty():
        import shutil  # (here: shutil costs ~2 ms to import, and a pipe or file has no width)

        width = max(40, shutil.get_terminal_size((SNIPPET_WIDTH + 8, 24)).columns - 9)
    blocks = 0
    tally = Tally()
    for r in results:  # one walk: the results may be read back from disk (spill.py)
        tally.add(r)
        if not r.findings and not (fixing and r.fixed and not quiet):
            continue
        if quiet:
            for f in r.findings:
                out.write(_headline(r.path, f, style) + "\n")
            continue
        if blocks:
            out.write("\n")
        blocks += 1
        out.write(_file_header(r, style, fixing) + "\n")
        for i, f in enumerate(r.findings):
            if i:
                out.write("\n")
            out.write(_headline(r.path, f, style) + "\n")
            source = r.lines.get(f.line)
            if source is not None:
                out.write(_snippet(source, f, style, width))
            if f.fix is not None:
                note = "fix" if f.fix.safe else "unsafe fix"
                out.write(f"{'':>6}{style('=', fg='cyan')} {note}: {f.fix.title}\n")
    if not quiet or tally.severities:
        if blocks:
            out.write("\n")
        out.write(style(summary(tally, fixing=fixing, unsafe=unsafe, files_checked=files_checked,
                                baseline_hidden=baseline_hidden, baseline_stale=baseline_stale), bold=True) + "\n")


def _headline(path: str, f: "Finding", style: Callable[..., str]) -> str:
    where = style(f"{path}:{f.line}:{f.column}:", bold=True)
    sev = style(f.severity, fg=_STYLES.get(f.severity), bold=True)
    return f"{where} {style(f.rule, fg=_STYLES.get(f.severity))} [{f.name}] {f.message} ({sev})"


def _file_header(r: "FileResult", style: Callable[..., str], fixing: bool) -> str:
    """``── path ── 2 warnings, 1 fixable`` (and what --fix changed)."""
    parts = []
    if fixing and r.fixed:
        parts.append(f"fixed {r.fixed:,}")
    if r.findings:
        parts.append(_count_by_severity([f.severity for f in r.findings]) + (" left" if fixing else ""))
        safe = sum(1 for f in r.findings if f.fix is not None and f.fix.safe)
        if safe and not fixing:
            parts.append(f"{safe:,} fixable")
    else:
        parts.append("nothing left")
    rule = style("──", fg="cyan")
    return f"{rule} {style(r.path, bold=True, underline=True)} {rule} {', '.join(parts)}"


# Below U+0300 (Latin, IPA, spacing modifiers) and in U+2000-U+20CF (general punctuation: curly
# quotes, dashes, ellipsis; currency signs) every character is one column wide and none combines:
# most snippets are made of these alone, and are measured without a lookup per character.
_NARROW = lazy("[\u0000-\u02ff\u2000-\u20cf]*")


def _width(text: str) -> int:
    """Columns the text takes in a terminal (wide CJK characters 2, combining marks 0)."""
    if _NARROW().fullmatch(text):
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _snippet(source: str, f: "Finding", style: Callable[..., str], width: int = SNIPPET_WIDTH) -> str:
    """The source line (cut around the span when long) with carets under the span."""
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(source)
    end = max(end, start + 1)
    lo, prefix = 0, ""
    if len(source) > width:
        lo = max(0, min(start - 30, len(source) - width))
        prefix = "…" if lo else ""
    hi = min(len(source), max(lo + width, end))
    suffix = "…" if hi < len(source) else ""
    shown = prefix + source[lo:hi].replace("\t", " ") + suffix
    pad = _width(prefix + source[lo:start].replace("\t", " "))
    carets = "^" * max(1, _width(source[start:min(end, hi)]))
    gutter = f"{f.line:>5} | "
    return (f"{style(gutter, fg='cyan')}{shown.rstrip()}\n"
            f"{style(' ' * 6 + '| ', fg='cyan')}{' ' * pad}{style(carets, fg=_STYLES.get(f.severity), bold=True)}\n")


def _count_by_severity(severities: Sequence[str]) -> str:
    """"3 warnings" when all findings share a severity, else "5 findings (1 error, 4 warnings)"."""
    counts = {sev: severities.count(sev) for sev in _SEVERITY_ORDER if sev in severities}
    n = len(severities)
    if len(counts) == 1 and "info" not in counts:
        (sev,) = counts
        return f"{n:,} {sev}{_s(n)}"
    by_sev = ", ".join(f"{k:,} {sev}{_s(k) if sev != 'info' else ''}" for sev, k in counts.items())
    return f"{n:,} finding{_s(n)} ({by_sev})"


class Tally:
    """What the summary line counts, added up result by result."""

    def __init__(self) -> None:
        self.severities: list[str] = []
        self.results = self.with_findings = self.fixed = self.fixed_files = self.safe = self.risky = 0

    def add(self, r: "FileResult") -> None:
        self.results += 1
        self.with_findings += bool(r.findings)
        self.fixed += r.fixed
        self.fixed_files += bool(r.fixed)
        for f in r.findings:
            self.severities.append(f.severity)
            if f.fix is not None:
                self.safe += f.fix.safe
                self.risky += not f.fix.safe


def summary(results: "Iterable[FileResult] | Tally", *, fixing: bool = False, unsafe: bool = False,
            files_checked: int | None = None, baseline_hidden: int = 0, baseline_stale: int = 0) -> str:
    """One line: what was found where, and what --fix / --unsafe-fixes would do.

    "5 warnings in 3 of 40 files (5 fixable with --fix, 2 more with --unsafe-fixes)."
    """
    if isinstance(results, Tally):
        tally = results
    else:
        tally = Tally()
        for r in results:
            tally.add(r)
    severities, with_findings, fixed, fixed_files = tally.severities, tally.with_findings, tally.fixed, tally.fixed_files
    safe, risky = tally.safe, tally.risky
    files = files_checked if files_checked is not None else tally.results
    parts = []
    if fixing:
        parts.append(f"Fixed {fixed:,} finding{_s(fixed)} in {fixed_files:,} file{_s(fixed_files)}.")
    if not files:
        parts.append("No files to check.")
    elif not severities:
        parts.append(f"No findings{' left' if fixing else ''} in {files:,} file{_s(files)}.")
    else:
        where = (f"in {files:,} file{_s(files)}" if with_findings == files
                 else f"in {with_findings:,} of {files:,} files")
        hints = []
        if not fixing and safe:
            hints.append(f"{safe:,} fixable with --fix")
            if risky:
                hints.append(f"{risky:,} more with --unsafe-fixes")
        elif risky and not (fixing and unsafe):
            hints.append(f"{risky:,} fixable with --unsafe-fixes")
        tail = f" ({', '.join(hints)})" if hints else ""
        left = " left" if fixing else ""
        parts.append(f"{_count_by_severity(severities)}{left} {where}{tail}.")
    if baseline_hidden:
        parts.append(f"{baseline_hidden:,} known finding{_s(baseline_hidden)} hidden by the baseline.")
    if baseline_stale:
        parts.append(f"{baseline_stale:,} baseline entr{'y is' if baseline_stale == 1 else 'ies are'} fixed now "
                     "(`newslint baseline write` drops them).")
    return " ".join(parts)


def _s(n: int) -> str:
    return "" if n == 1 else "s"
