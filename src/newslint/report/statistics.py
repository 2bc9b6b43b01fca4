"""``--statistics``: one row per rule with how many findings it made and how many --fix repairs.

Text::

    rule   name                      severity  findings  files  fixable  unsafe
    NL102  space-before-punctuation  warning          3      3        3       0
    NL103  repeated-space            warning          2      2        2       0
           total                                      5      3        5       0

Rows are sorted by count (then rule ID). ``fixable`` counts safe fixes (``--fix``), ``unsafe``
the fixes that need ``--unsafe-fixes``. With ``--format json`` the same rows are a JSON array.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Run


def statistics(run: "Run") -> list[dict[str, Any]]:
    """Per-rule counts, most frequent first."""
    rows: dict[str, dict[str, Any]] = {}
    for r in run.results:
        for f in r.findings:
            row = rows.setdefault(f.rule, {"rule": f.rule, "name": f.name, "severity": f.severity, "count": 0,
                                           "fixable": 0, "unsafe_fixable": 0, "files": set()})
            row["count"] += 1
            row["files"].add(r.path)
            if f.fix is not None:
                row["fixable" if f.fix.safe else "unsafe_fixable"] += 1
    out = []
    for row in sorted(rows.values(), key=lambda x: (-x["count"], x["rule"])):
        row["files"] = len(row["files"])
        out.append(row)
    return out


def write_statistics(run: "Run", out: IO[str], fmt: str = "text") -> None:
    """The table (text) or the rows (json)."""
    rows = statistics(run)
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if not rows:
        from .text import summary

        out.write(summary(run.results, fixing=run.fixing, files_checked=run.files_checked,
                          baseline_hidden=run.baseline_hidden) + "\n")
        return
    head = ("rule", "name", "severity", "findings", "files", "fixable", "unsafe")
    total = {"rule": "", "name": "total", "severity": "", "count": sum(r["count"] for r in rows),
             "files": sum(1 for r in run.results if r.findings), "fixable": sum(r["fixable"] for r in rows),
             "unsafe_fixable": sum(r["unsafe_fixable"] for r in rows)}
    table = [head] + [(r["rule"], r["name"], r["severity"], f"{r['count']:,}", f"{r['files']:,}", f"{r['fixable']:,}",
                       f"{r['unsafe_fixable']:,}") for r in [*rows, total]]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    numeric = {3, 4, 5, 6}
    for row in table:
        cells = [cell.rjust(w) if i in numeric else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        out.write("  ".join(cells).rstrip() + "\n")
