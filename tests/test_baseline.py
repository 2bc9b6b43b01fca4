"""Baselines: today's findings are recorded; later runs report only new ones."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import newslint_command

OLD = "---\ntitle: x\n---\n\nMedinsky , said it  twice.\n\nPeskov , too.\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([*newslint_command(), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "content" / "clean.md").write_text("---\ntitle: x\n---\n\nFine.\n", encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('select = ["NL102", "NL103"]\n', encoding="utf-8")
    r = run("baseline", "write", "newslint-baseline.json", "content", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Wrote 3 findings in 1 of 2 files to newslint-baseline.json." in r.stdout
    return tmp_path


def test_baseline_file_is_stable_readable_json(archive: Path) -> None:
    data = json.loads((archive / "newslint-baseline.json").read_text(encoding="utf-8"))
    assert data["newslint-baseline"] == 1
    entries = data["findings"]
    assert sorted((e["path"], e["rule"], e["count"]) for e in entries) == [
        ("content/old.md", "NL102", 1), ("content/old.md", "NL102", 1), ("content/old.md", "NL103", 1)]
    assert len(entries) == 3 and all(len(e["hash"]) == 16 and e["message"] for e in entries)
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["hash"]))
    before = (archive / "newslint-baseline.json").read_bytes()
    run("baseline", "write", "newslint-baseline.json", "content", cwd=archive)
    assert (archive / "newslint-baseline.json").read_bytes() == before, "rewriting the same findings is a no-op"


def test_known_findings_are_hidden_and_the_run_passes(archive: Path) -> None:
    r = run("check", "--baseline", "newslint-baseline.json", "content", cwd=archive)
    assert r.returncode == 0, r.stdout
    assert "No findings in 2 files. 3 known findings hidden by the baseline." in r.stdout


def test_edits_elsewhere_keep_old_findings_known_and_new_ones_show(archive: Path) -> None:
    old = archive / "content" / "old.md"
    edited = OLD.replace("---\n\n", "---\n\nA new lead paragraph , added today.\n\n", 1) + "\nMore text.\n"
    old.write_text(edited, encoding="utf-8")
    r = run("check", "--baseline", "newslint-baseline.json", "--format", "json", "content", cwd=archive)
    assert r.returncode == 1
    new = json.loads(r.stdout)
    assert [(f["line"], f["rule"]) for f in new] == [(5, "NL102")], "only the new paragraph's finding"


def test_a_second_identical_finding_is_new(archive: Path) -> None:
    old = archive / "content" / "old.md"
    old.write_text(OLD + "\nPeskov , too.\n", encoding="utf-8")
    r = run("check", "--baseline", "newslint-baseline.json", "--format", "json", "content", cwd=archive)
    assert [(f["line"], f["rule"]) for f in json.loads(r.stdout)] == [(9, "NL102")]


def test_fixed_findings_are_reported_as_stale(archive: Path) -> None:
    old = archive / "content" / "old.md"
    old.write_text(OLD.replace("Peskov , too.", "Peskov, too."), encoding="utf-8")
    r = run("check", "--baseline", "newslint-baseline.json", "content", cwd=archive)
    assert r.returncode == 0
    assert "2 known findings hidden by the baseline. 1 baseline entry is fixed now" in r.stdout


def test_baseline_paths_are_relative_to_the_baseline_file(archive: Path) -> None:
    r = run("check", "--baseline", "../newslint-baseline.json", "old.md", cwd=archive / "content")
    assert r.returncode == 0, r.stdout


def test_fix_with_a_baseline_fixes_and_reports_only_new(archive: Path) -> None:
    old = archive / "content" / "old.md"
    r = run("check", "--fix", "--baseline", "newslint-baseline.json", "content", cwd=archive)
    assert r.returncode == 1 and "Fixed 3 findings in 1 file." in r.stdout
    assert "Medinsky, said it twice." in old.read_text(encoding="utf-8")


def test_statistics_respect_the_baseline(archive: Path) -> None:
    (archive / "content" / "new.md").write_text("---\ntitle: x\n---\n\nNew , one.\n", encoding="utf-8")
    r = run("check", "--statistics", "--format", "json", "--baseline", "newslint-baseline.json", "content",
            cwd=archive)
    assert [(row["rule"], row["count"]) for row in json.loads(r.stdout)] == [("NL102", 1)]


@pytest.mark.parametrize("content, error", [
    (None, "cannot read the baseline"),
    ("{not json", "not JSON"),
    ('{"findings": []}', "not a newslint baseline"),
    ('{"newslint-baseline": 1, "findings": [{"path": "a.md"}]}', "findings[0] needs path, rule, hash"),
])
def test_a_bad_baseline_is_a_usage_error(archive: Path, content: str | None, error: str) -> None:
    target = archive / "other-baseline.json"
    if content is not None:
        target.write_text(content, encoding="utf-8")
    r = run("check", "--baseline", "other-baseline.json", "content", cwd=archive)
    assert r.returncode == 2 and error in r.stderr


def test_fingerprint_ignores_line_numbers_and_messages() -> None:
    from newslint import engine
    from newslint.baseline import fingerprint
    from newslint.document import Document
    from newslint.engine import FileResult
    from newslint.model import Finding

    def fp(text: str, message: str = "m") -> str:
        doc = Document(text)
        at = text.index(" ,")
        f = engine.stamp(doc, Finding(at, at + 1, message, rule="NL102"))
        result = FileResult("a.md", [f])
        engine._finish(result, doc, [f])
        return fingerprint(result, f)

    line = "Medinsky , said later."
    assert fp(line) == fp("Intro.\n\n" + line) == fp(line, "another message")
    assert fp(line) == fp("Medinsky ,   said later."), "whitespace runs in the context are folded"
    assert fp(line) != fp("Peskov , said later.")
    far = " Then a long sentence follows on the same line."
    assert fp(line + far) == fp(line + far.replace("follows", "comes")), "context is a few words, not the line"
