"""Annotated fixtures: each article states the findings it must produce, and nothing else.

A fixture is linted with every default rule (plus its same-name .toml config), and the multiset
of (line, rule) must equal what its ``expect`` comments say. ``X.fixed.md`` beside it is the
exact output of ``--fix`` (``X.unsafe-fixed.md`` of ``--fix --unsafe-fixes``); the fixed text
must lint clean of fixable findings and fixing it again must change nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, expectations, fixture_settings
from newslint import engine
from newslint.document import Document

FIXED_SUFFIXES = (".fixed.md", ".unsafe-fixed.md")
CASES = sorted(p for p in [*FIXTURES.rglob("*.md"), *FIXTURES.rglob("*.mdx")] if not p.name.endswith(FIXED_SUFFIXES))


def _id(p: Path) -> str:
    return p.relative_to(FIXTURES).as_posix()


def _lint(path: Path):
    st = fixture_settings(path)
    doc = Document.from_bytes(path.read_bytes(), str(path), **st.document_options)
    return st, doc, engine.run_rules(doc, st)


@pytest.mark.parametrize("fixture", CASES, ids=_id)
def test_findings_match_annotations(fixture: Path) -> None:
    _, doc, findings = _lint(fixture)
    got = Counter((f.line, f.rule) for f in findings)
    want = expectations(doc.text)
    assert got == want, "\n".join(f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings)


FIXED = sorted(p for p in FIXTURES.rglob("*.md") if p.name.endswith(FIXED_SUFFIXES))


@pytest.mark.parametrize("fixed", FIXED, ids=_id)
def test_fix_output(fixed: Path) -> None:
    unsafe = fixed.name.endswith(".unsafe-fixed.md")
    source = fixed.with_name(fixed.name.replace(".unsafe-fixed.md", ".md").replace(".fixed.md", ".md"))
    st, doc, _ = _lint(source)
    out, remaining, applied = engine.fix_document(doc, st, unsafe=unsafe)
    assert applied > 0, "a .fixed.md needs a fixture that something fixes"
    assert engine.encode(out) == fixed.read_bytes()
    assert not [f for f in remaining if f.fix is not None and (f.fix.safe or unsafe)], remaining
    again, _, _ = engine.fix_document(out, st, unsafe=unsafe)
    assert again.source == out.source, "fixing twice must equal fixing once"


def test_every_rule_has_fixtures() -> None:
    """Each built-in rule: a bad*.md that expects it, a good*.md, and a .fixed.md if it fixes."""
    from newslint.rules import BUILTIN

    engine_reported = {"NL000", "NL998", "NL999"}  # tested in test_engine and test_guard: no article can carry them
    engine_reported.add("NL153")  # across files: no single article can carry it; test_names.py uses a tree
    networked = {"NL137"}  # dead-link needs a live server: tested in test_dead_link
    missing = []
    for rule in BUILTIN:
        if rule.id in engine_reported | networked:
            continue
        folder = FIXTURES / rule.name
        bad = [p for p in folder.glob("bad*.md") if not p.name.endswith(FIXED_SUFFIXES)]
        if not any(rule.id in {r for _, r in expectations(p.read_text(encoding="utf-8", errors="replace"))}
                   for p in bad):
            missing.append(f"{rule.name}: no bad*.md expecting {rule.id}")
        if not list(folder.glob("good*.md")):
            missing.append(f"{rule.name}: no good*.md")
        if rule.fixable and not [p for p in folder.glob("*.md") if p.name.endswith(FIXED_SUFFIXES)]:
            missing.append(f"{rule.name}: fixable but no .fixed.md")
    assert not missing, "\n".join(missing)
