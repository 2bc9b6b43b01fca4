"""Baselines: record today's findings, then report only new ones.

The way to adopt newslint on an archive of thousands of old articles without fixing them all
first: ``newslint baseline write newslint-baseline.json`` once, then
``newslint check --baseline newslint-baseline.json`` reports only what is new.

A finding is known by its file, its rule and a fingerprint: a hash of the offending text with
a little of the same line on either side (whitespace runs folded), never of its line number or
message, so that edits elsewhere in the file (a new paragraph above, a reworded message in a
newer newslint) do not turn old findings into new ones. Entries are counted: if the baseline
knows one ``space before ','`` in a sentence and the file now has two identical ones, one is new.
Paths are stored relative to the baseline file's folder, so the file works from any working
folder and in CI.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from .patterns import lazy

if TYPE_CHECKING:
    from .engine import FileResult
    from .model import Finding

FORMAT = 1
CONTEXT = 24  # characters of the line kept on either side of the offending text
_SPACES = lazy(r"\s+")


class BaselineError(Exception):
    """The baseline file cannot be read or is not a newslint baseline (a usage error: exit 2)."""


def fingerprint(result: "FileResult", f: "Finding") -> str:
    """A short stable hash of a finding: rule, offending text and a little context on its line."""
    line = result.lines.get(f.line, "")
    start = max(f.column - 1, 0)
    before = line[max(0, start - CONTEXT):start]
    after = line[f.end_column - 1:f.end_column - 1 + CONTEXT] if f.end_line == f.line else ""
    key = "\x00".join((f.rule, _SPACES().sub(" ", before), f.fragment, _SPACES().sub(" ", after)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _key_path(path: Path, folder: Path) -> str:
    """A file's path as the baseline stores it: relative to the baseline's folder, POSIX."""
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()


def _folder(baseline_file: Path) -> Path:
    return Path(os.path.abspath(baseline_file)).parent


def build(results: Sequence["FileResult"], paths: Sequence[Path], baseline_file: Path) -> dict[str, Any]:
    """The baseline document for these results (``paths[i]`` is the file of ``results[i]``)."""
    folder = _folder(baseline_file)
    entries: list[dict[str, Any]] = []
    for result, path in zip(results, paths):
        counted: Counter[tuple[str, str]] = Counter()
        messages: dict[tuple[str, str], str] = {}
        for f in result.findings:
            key = (f.rule, fingerprint(result, f))
            counted[key] += 1
            messages.setdefault(key, f.message)
        rel = _key_path(path, folder)
        for (rule, digest), count in counted.items():
            entries.append({"path": rel, "rule": rule, "hash": digest, "count": count,
                            "message": messages[(rule, digest)]})
    entries.sort(key=lambda e: (e["path"], e["rule"], e["hash"]))
    return {"newslint-baseline": FORMAT,
            "about": "Findings known when this file was written; `newslint check --baseline FILE` reports only "
                     "new ones. `message` is for readers and is not matched.",
            "findings": entries}


def render(doc: dict[str, Any]) -> str:
    """The baseline as JSON with one finding per line, so that a change to it reviews as a short diff."""
    lines = [json.dumps(e, ensure_ascii=False) for e in doc["findings"]]
    head = {k: v for k, v in doc.items() if k != "findings"}
    inner = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items())
    body = ",\n".join(f"    {line}" for line in lines)
    return "{\n" + inner + ',\n  "findings": [' + (f"\n{body}\n  " if lines else "") + "]\n}\n"


def write(results: Sequence["FileResult"], paths: Sequence[Path], baseline_file: Path) -> int:
    """Write the baseline file (sorted, stable JSON for reviewable diffs); return the finding count."""
    from .files import write_atomic

    doc = build(results, paths, baseline_file)
    data = render(doc).encode("utf-8")
    if baseline_file.exists():
        write_atomic(baseline_file, data)
    else:
        baseline_file.parent.mkdir(parents=True, exist_ok=True)
        baseline_file.write_bytes(data)
    return sum(e["count"] for e in doc["findings"])


@dataclass
class Baseline:
    """Known findings per path (relative to ``folder``): (rule, hash) → count."""

    folder: Path
    known: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, baseline_file: Path) -> "Baseline":
        """Read a baseline file; raise BaselineError when it is missing or malformed."""
        try:
            data = json.loads(baseline_file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{baseline_file}: cannot read the baseline: {exc.strerror}") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise BaselineError(f"{baseline_file}: not a newslint baseline (not JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("newslint-baseline") != FORMAT \
                or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{baseline_file}: not a newslint baseline (format {FORMAT}); "
                                "write one with `newslint baseline write FILE`")
        known: dict[str, Counter[tuple[str, str]]] = {}
        for i, e in enumerate(data["findings"]):
            try:
                known.setdefault(str(e["path"]), Counter())[(str(e["rule"]), str(e["hash"]))] += int(e.get("count", 1))
            except (TypeError, KeyError, ValueError):
                raise BaselineError(f"{baseline_file}: findings[{i}] needs path, rule, hash and count") from None
        return cls(_folder(baseline_file), known)

    def apply(self, results: Iterable["FileResult"], paths: Iterable[Path]) -> tuple[int, int]:
        """Drop known findings from the results in place; return (hidden, stale).

        ``stale`` counts baseline entries of the linted files that no longer occur: they were
        fixed, and writing the baseline again would drop them.
        """
        hidden = stale = 0
        for result, path in zip(results, paths):
            budget = Counter(self.known.get(_key_path(path, self.folder), ()))
            if not budget:
                continue
            kept = []
            for f in result.findings:
                key = (f.rule, fingerprint(result, f))
                if budget[key] > 0:
                    budget[key] -= 1
                    hidden += 1
                else:
                    kept.append(f)
            result.findings = kept
            stale += sum(n for n in budget.values() if n > 0)
        return hidden, stale
