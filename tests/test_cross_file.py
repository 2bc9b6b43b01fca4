"""--cross-file yes|no|only: which parts of a rule that compares articles run, with and without the cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from newslint import config, engine
from newslint.cache import Cache
from newslint.cli import _cross_file_scope
from newslint.model import Finding, Rule


def _check(doc: Any, opts: Any):
    """Per file: one finding at the start of every article."""
    yield Finding(0, 0, "per-file part")


def _collect(doc: Any, opts: Any) -> int:
    return len(doc.text)


def _check_corpus(summaries: Any, opts: Any):
    """Across files: one finding in the longest article."""
    longest = max(summaries, key=lambda p: summaries[p])
    yield longest, Finding(0, 0, f"corpus part over {len(summaries)} files", line=1, column=1, end_line=1,
                           end_column=1)


CORPUS_RULE = Rule(id="NL998", name="test-corpus-rule", check=_check, collect=_collect, check_corpus=_check_corpus,
                   doc="Test rule.\n\nBad: x\nGood: y\n")


def _settings(root: Path, mode: str) -> engine.Settings:
    st = engine.settings(config.Config(root=root, select=("NL102",)))
    st.rules = [*st.rules, CORPUS_RULE]
    st.options[CORPUS_RULE.id] = {"severity": "warning"}
    if mode != "yes":
        st.rules = _cross_file_scope(st.rules, mode)
    return st


def _messages(root: Path, mode: str, cache_dir: Path | None) -> list[tuple[str, str]]:
    st = _settings(root, mode)
    cache = Cache.open(st, cache_dir) if cache_dir is not None else None
    paths = sorted(root.glob("*.md"))
    results = engine.lint_paths(paths, st, cache=cache)
    return sorted((Path(r.path).name, f.message) for r in results for f in r.findings)


def test_cross_file_modes_with_and_without_the_cache(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.md").write_text("---\ntitle: a\n---\n\nShort , text.\n", encoding="utf-8")
    (site / "b.md").write_text("---\ntitle: b\n---\n\nA longer text here.\n", encoding="utf-8")
    expected = {
        "yes": [("a.md", "per-file part"), ("a.md", "space before ','"), ("b.md", "corpus part over 2 files"),
                ("b.md", "per-file part")],
        "no": [("a.md", "per-file part"), ("a.md", "space before ','"), ("b.md", "per-file part")],
        "only": [("b.md", "corpus part over 2 files")],
    }
    for mode, wanted in expected.items():
        assert _messages(site, mode, None) == wanted, mode
    # the same runs through one cache folder, in an order where a stale entry would show
    cache_dir = tmp_path / "cache"
    for mode in ("no", "yes", "only", "no", "only", "yes", "no"):  # every ordered pair
        assert _messages(site, mode, cache_dir) == expected[mode], f"{mode} (cached)"


def test_scope_keeps_other_rules_untouched() -> None:
    plain = [r for r in engine.settings().rules if r.check_corpus is None]
    assert _cross_file_scope(plain, "no") == plain
    assert _cross_file_scope(plain, "only") == []
    (only,) = _cross_file_scope([CORPUS_RULE], "only")
    assert only.collect is _collect and only.check_corpus is _check_corpus and only.check is not _check
    (none,) = _cross_file_scope([CORPUS_RULE], "no")
    assert none == dataclasses.replace(CORPUS_RULE, collect=None, check_corpus=None)
