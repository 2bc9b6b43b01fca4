"""Parallel runs: the same results in the same (path) order as one process, whatever the scheduling."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, files

BODIES = ["Medinsky , said it  twice.", "Fine.", "A  b , c ; d .", "Nothing to see here.", "x ,y"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    rng = random.Random(8)
    for i in range(60):
        folder = tmp_path / "content" / f"s{i % 4}" / ("deep" if i % 3 else "")
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(rng.choice(BODIES) for _ in range(rng.randint(1, 40)))
        (folder / f"{rng.randint(0, 10**6):07}-{i}.md").write_text(f"---\ntitle: t{i}\n---\n\n{body}\n", encoding="utf-8")
    return tmp_path


def results(root: Path, jobs: int) -> list:
    st = engine.settings(config.Config(root=root))
    paths = files.discover([root / "content"], st.config)
    return [(r.path, [(f.rule, f.line, f.column, f.end_line, f.end_column, f.message, f.fix) for f in r.findings])
            for r in engine.lint_paths(paths, st, jobs=jobs)]


def test_parallel_results_equal_one_process_in_path_order(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(engine, "CHUNK", 3)  # many small chunks: out-of-order completion is likely
    one = results(corpus, 1)
    assert [p for p, _ in one] == sorted((p for p, _ in one), key=lambda p: Path(p).parts)
    assert sum(len(f) for _, f in one) > 50
    for jobs in (2, 3):
        assert results(corpus, jobs) == one


def test_cli_output_is_identical_with_any_number_of_jobs(corpus: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    outputs = set()
    for jobs in ("1", "2", "4"):
        for fmt in ("text", "json"):
            r = subprocess.run([*newslint_command(), "check", "--no-cache", "-j", jobs, "--format", fmt, "content"],
                               cwd=corpus, capture_output=True, text=True, env=env, timeout=120)
            assert r.returncode == 1, r.stderr
            outputs.add((fmt, r.stdout))
    assert len(outputs) == 2


def test_fix_in_parallel_writes_the_same_files(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    import shutil

    other = tmp_path_factory.mktemp("copy")
    shutil.copytree(corpus / "content", other / "content")
    env = {**os.environ, "NO_COLOR": "1"}
    for root, jobs in ((corpus, "1"), (other, "2")):
        subprocess.run([*newslint_command(), "check", "--fix", "-j", jobs, "content"], cwd=root,
                       capture_output=True, env=env, timeout=120)
    before = sorted(p.relative_to(corpus).as_posix() for p in (corpus / "content").rglob("*.md"))
    assert before == sorted(p.relative_to(other).as_posix() for p in (other / "content").rglob("*.md"))
    for rel in before:
        assert (corpus / rel).read_bytes() == (other / rel).read_bytes()
