"""Suppression comments: which findings the article itself asks not to report.

In the body, HTML comments (not inside code):
  ``<!-- newslint-disable RULES -->`` … ``<!-- newslint-enable RULES -->``  a range of lines
  ``<!-- newslint-disable-next-line RULES -->``  the next non-blank line (survives formatters
      that insert a blank line after the comment)
  ``<!-- newslint-disable-line RULES -->``  the line the comment is on
  ``<!-- newslint-disable-file RULES -->``  the whole file
In YAML front matter, a comment: ``# newslint-disable-line RULES`` or ``# newslint-disable-file RULES``.
RULES are IDs or names separated by spaces or commas; none means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document
from .model import Finding
from .patterns import lazy

_BODY = lazy(r"<!--\s*newslint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->", re.S)
_YAML = lazy(r"#\s*newslint-(disable-line|disable-file)\b([^\n]*)")
ALL = frozenset({"*"})


def _rules(text: str) -> frozenset[str]:
    names = frozenset(p.lower() for p in re.split(r"[\s,]+", text.strip()) if p)
    return names or ALL


@dataclass
class Suppressions:
    """Line-based suppressions of one document."""

    file: frozenset[str] = frozenset()
    lines: dict[int, set[str]] = field(default_factory=dict)
    ranges: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)  # [first, last] lines

    def hides(self, finding: Finding) -> bool:
        """Is this finding (with rule and line stamped) suppressed?"""
        keys = {finding.rule.lower(), finding.name.lower()}
        if _hit(self.file, keys):
            return True
        if _hit(frozenset(self.lines.get(finding.line, ())), keys):
            return True
        return any(first <= finding.line <= last and _hit(rules, keys) for first, last, rules in self.ranges)

    def __bool__(self) -> bool:
        return bool(self.file or self.lines or self.ranges)


def _hit(rules: frozenset[str], keys: set[str]) -> bool:
    return "*" in rules or bool(rules & keys)


def parse(doc: Document) -> Suppressions:
    """Collect the suppression comments of a document (memoised: the engine and the cross-file
    rules' collect both ask, and even a file without any costs a search of its whole text)."""
    return doc.memo("suppress", lambda: _parse(doc))


def _parse(doc: Document) -> Suppressions:
    text = doc.text
    out = Suppressions()
    if "newslint-" not in text:
        return out
    fm = doc.front_matter
    if fm is not None and fm.kind in ("yaml", "toml"):
        for m in _YAML().finditer(text, fm.content_start, fm.content_end):
            rules = _rules(m.group(2))
            if m.group(1) == "disable-file":
                out.file = out.file | rules
            else:
                out.lines.setdefault(doc.position(m.start())[0], set()).update(rules)
    code = [(s, e) for s, e, kind in doc.prose_index.masks if kind == "code"]
    open_ranges: dict[str, int] = {}
    for m in _BODY().finditer(text, doc.body_start):
        if any(s <= m.start() < e for s, e in code):
            continue
        kind, rules = m.group(1), _rules(m.group(2))
        line = doc.position(m.start())[0]
        if kind == "disable-file":
            out.file = out.file | rules
        elif kind == "disable-line":
            out.lines.setdefault(line, set()).update(rules)
        elif kind == "disable-next-line":
            target = _next_nonblank_line(doc, doc.position(m.end())[0] + 1)
            out.lines.setdefault(target, set()).update(rules)
        elif kind == "disable":
            for rule in rules:
                open_ranges.setdefault(rule, line)
        else:  # enable
            for rule in (list(open_ranges) if rules == ALL else rules):
                start = open_ranges.pop(rule, None)
                if start is not None:
                    out.ranges.append((start, line, frozenset({rule})))
    last = len(doc.line_starts)
    for rule, start in open_ranges.items():
        out.ranges.append((start, last, frozenset({rule})))
    return out


def _next_nonblank_line(doc: Document, line: int) -> int:
    total = len(doc.line_starts)
    while line <= total and not doc.line_text(line).strip():
        line += 1
    return line
