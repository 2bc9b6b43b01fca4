"""``--format json``: one JSON array with one object per finding.

The fields are documented in the README and never renamed.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from ..engine import FileResult
    from ..model import Finding


def finding_record(result: "FileResult", f: "Finding") -> dict[str, Any]:
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


def write_json(results: Sequence["FileResult"], out: IO[str]) -> None:
    """A JSON array of every finding, in path then position order.

    Written record by record (the same text ``json.dump(records, indent=2)`` gives), so that the
    findings of a large tree are never all held at once."""
    first = True
    for r in results:
        for f in r.findings:
            text = json.dumps(finding_record(r, f), ensure_ascii=False, indent=2)
            out.write(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
            first = False
    out.write("[]\n" if first else "\n]\n")
