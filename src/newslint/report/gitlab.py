"""``--format gitlab``: GitLab Code Quality JSON (the subset of the Code Climate spec GitLab reads).

A JSON array; each finding is an object with ``description``, ``check_name`` (the rule ID),
``fingerprint`` (unique in the report and stable across edits elsewhere in the file: the path,
the baseline hash and the occurrence number of that hash), ``severity`` (error → ``major``,
warning → ``minor``, info → ``info``) and ``location`` (``path``, ``lines.begin``/``end``).
Save it as the ``artifacts:reports:codequality`` file of a job.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import IO, TYPE_CHECKING, Any

from ..baseline import fingerprint

if TYPE_CHECKING:
    from . import Run

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def gitlab_issues(run: "Run") -> list[dict[str, Any]]:
    """The Code Quality issues of a run."""
    issues = []
    for r in run.results:
        seen: Counter[str] = Counter()
        for f in r.findings:
            digest = fingerprint(r, f)
            seen[digest] += 1
            key = f"{r.path}\x00{digest}\x00{seen[digest]}"
            issues.append({
                "type": "issue",
                "description": f"{f.rule} [{f.name}] {f.message}",
                "check_name": f.rule,
                "categories": ["Style"],
                "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32],
                "severity": SEVERITIES.get(f.severity, "minor"),
                "location": {"path": r.path, "lines": {"begin": max(f.line, 1), "end": max(f.end_line, f.line, 1)}},
            })
    return issues


def write_gitlab(run: "Run", out: IO[str]) -> None:
    """Write the run as a GitLab Code Quality report."""
    json.dump(gitlab_issues(run), out, ensure_ascii=False, indent=2)
    out.write("\n")
