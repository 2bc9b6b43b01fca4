"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` holds every rule that ran or that a result names, each with its
summary, its documentation as help text, its default level and whether it fixes. A result has
its rule (by ID and index), level, message, one physical location (a URI relative to
``%SRCROOT%``, the working folder), a ``partialFingerprints`` entry (the baseline hash, so code
scanning follows a finding across edits elsewhere in the file), and its fix as
``fixes[].artifactChanges[].replacements``. Columns count Unicode code points, as the run's
``columnKind`` says. The output validates against the OASIS SARIF 2.1.0 schema (tested).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..baseline import fingerprint

if TYPE_CHECKING:
    from ..engine import FileResult
    from ..model import Finding, Rule
    from . import Run

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict[str, str]:
    """A file as a SARIF artifactLocation: relative URI against %SRCROOT%, else an absolute file URI."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def rule_descriptor(rule: "Rule") -> dict[str, Any]:
    """A reportingDescriptor for a rule: summary, documentation as help text, default level."""
    from . import dedent_doc

    doc = dedent_doc(rule.doc) if rule.doc.strip() else rule.name
    summary = rule.summary or rule.name
    explanation = doc.partition("\n")[2].strip() or summary
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explanation},
        "help": {"text": doc, "markdown": _help_markdown(rule, doc)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning"), "enabled": rule.enabled},
        "properties": {"tags": list(dict.fromkeys(["newslint", rule.origin])), "fixable": rule.fixable},
    }


def _help_markdown(rule: "Rule", doc: str) -> str:
    """The documentation as Markdown: the summary, then the rest verbatim in a text block."""
    first, _, rest = doc.partition("\n")
    out = f"**{rule.id} {rule.name}**: {first}"
    if rest.strip():
        out += "\n\n```text\n" + rest.strip("\n") + "\n```"
    return out


def _region(result: "FileResult", start: int, end: int) -> dict[str, int]:
    line, column = result.position(start)
    end_line, end_column = result.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(r: "FileResult", f: "Finding", index: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(r.path),
            "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1),
                       "endLine": max(f.end_line, f.line, 1), "endColumn": max(f.end_column, 1)},
        }}],
        "partialFingerprints": {"newslint/v1": fingerprint(r, f)},
    }
    if f.fix is not None and (r.places or r.line_starts):
        out["fixes"] = [{
            "description": {"text": f.fix.title + ("" if f.fix.safe else " (unsafe)")},
            "artifactChanges": [{
                "artifactLocation": artifact_location(r.path),
                "replacements": [{"deletedRegion": _region(r, e.start, e.end), "insertedContent": {"text": e.text}}
                                 for e in sorted(f.fix.edits, key=lambda e: (e.start, e.end))],
            }],
            "properties": {"applicability": "safe" if f.fix.safe else "unsafe"},
        }]
    return out


def sarif_log(run: "Run") -> dict[str, Any]:
    """The SARIF log of a run, as a JSON-ready dict."""
    known = {r.id: r for r in (*run.catalog, *run.rules)}
    wanted = [r.id for r in run.rules] + [f.rule for res in run.results for f in res.findings]
    ids = list(dict.fromkeys(wanted))  # rules that ran, then any other rule a finding names
    index = {rid: i for i, rid in enumerate(ids)}
    descriptors = [rule_descriptor(known[rid]) if rid in known else {"id": rid, "shortDescription": {"text": rid}}
                   for rid in ids]
    results = [_result(res, f, index[f.rule]) for res in run.results for f in res.findings]
    root = Path(os.path.abspath(run.root)).as_uri().rstrip("/") + "/"
    crashed = any(f.rule == "NL999" for res in run.results for f in res.findings)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not crashed}],
            "results": results,
        }],
    }


def write_sarif(run: "Run", out: IO[str]) -> None:
    """Write the run as a SARIF 2.1.0 log."""
    json.dump(sarif_log(run), out, ensure_ascii=False, indent=2)
    out.write("\n")
