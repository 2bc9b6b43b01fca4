"""The real console script in a subprocess: exit codes, formats, --fix, --diff, config errors."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import newslint_command

DATA = Path(__file__).parent / "data"
BAD = "---\ntitle: x\n---\n\nMedinsky , said it  twice.\n"


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([*newslint_command(), *args], cwd=cwd, capture_output=True, text=True, env=full_env,
                          timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "content" / "good.md").write_text("---\ntitle: x\n---\n\nFine.\n", encoding="utf-8")
    (tmp_path / "content" / "notes.txt").write_text("Not , markdown\n", encoding="utf-8")
    return tmp_path


def test_text_output_and_exit_code(tree: Path) -> None:
    r = run("check", "content", cwd=tree)
    assert r.returncode == 1, r.stderr
    assert "content/bad.md:5:9: NL102 [space-before-punctuation] space before ','" in r.stdout
    assert "^" in r.stdout and "fix: Delete the space" in r.stdout
    assert "2 warnings in 1 of 2 files (2 fixable with --fix)." in r.stdout
    assert "notes.txt" not in r.stdout


def test_json_output_fields(tree: Path) -> None:
    r = run("check", "--format", "json", "content", cwd=tree)
    records = json.loads(r.stdout)
    assert [rec["rule"] for rec in records] == ["NL102", "NL103"]
    assert set(records[0]) == {"path", "rule", "name", "severity", "message", "line", "column", "end_line",
                               "end_column", "fix"}
    assert records[0]["fix"]["applicability"] == "safe"


def test_fail_on_error_passes_warnings(tree: Path) -> None:
    assert run("check", "--fail-on", "error", "content", cwd=tree).returncode == 0
    assert run("check", "--exit-zero", "content", cwd=tree).returncode == 0


def test_diff_writes_nothing_and_exits_1(tree: Path) -> None:
    r = run("check", "--diff", "content", cwd=tree)
    assert r.returncode == 1
    assert "-Medinsky , said it  twice." in r.stdout and "+Medinsky, said it twice." in r.stdout
    assert (tree / "content" / "bad.md").read_text(encoding="utf-8") == BAD


def test_diff_of_a_file_without_final_newline_is_a_valid_patch(tmp_path: Path) -> None:
    article = tmp_path / "bad.md"
    article.write_text("---\ntitle: x\n---\n\nMedinsky , said.\nIt  ends here", encoding="utf-8")
    r = run("check", "--diff", "bad.md", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.endswith("-It  ends here\n\\ No newline at end of file\n"
                             "+Medinsky, said.\n+It ends here\n\\ No newline at end of file\n"), r.stdout
    git = subprocess.run(["git", "apply", "--check", "-"], input=r.stdout, cwd=tmp_path, capture_output=True,
                         text=True)
    assert git.returncode == 0, git.stderr


def test_fix_writes_and_exits_1_then_0(tree: Path) -> None:
    bad = tree / "content" / "bad.md"
    os.chmod(bad, 0o640)
    r = run("check", "--fix", "content", cwd=tree)
    assert r.returncode == 1 and "Fixed 2 findings in 1 file." in r.stdout
    assert bad.read_text(encoding="utf-8") == "---\ntitle: x\n---\n\nMedinsky, said it twice.\n"
    assert oct(bad.stat().st_mode & 0o777) == oct(0o640), "permissions kept"
    assert run("check", "--fix", "content", cwd=tree).returncode == 0


def test_select_and_ignore_flags(tree: Path) -> None:
    r = run("check", "--select", "NL103", "--format", "json", "content", cwd=tree)
    assert [rec["rule"] for rec in json.loads(r.stdout)] == ["NL103"]
    r = run("check", "--ignore", "NL102,NL103", "content", cwd=tree)
    assert r.returncode == 0 and "No findings in 2 files." in r.stdout


def test_config_file_is_found_upward_and_validated(tree: Path) -> None:
    (tree / "newslint.toml").write_text('ignore = ["repeated-space"]\n', encoding="utf-8")
    r = run("check", "--format", "json", "bad.md", cwd=tree / "content")
    assert [rec["rule"] for rec in json.loads(r.stdout)] == ["NL102"]
    (tree / "newslint.toml").write_text('ingore = ["repeated-space"]\n', encoding="utf-8")
    r = run("check", "content", cwd=tree)
    assert r.returncode == 2 and "newslint.toml" in r.stderr and "ingore" in r.stderr


def test_dot_config_file_and_config_flag(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (tree / ".newslint.toml").write_text('ignore = ["NL102"]\n', encoding="utf-8")
    r = run("check", "--format", "json", "content", cwd=tree)
    assert [rec["rule"] for rec in json.loads(r.stdout)] == ["NL103"]
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "strict.toml"
    elsewhere.write_text('select = ["space-before-punctuation"]\n', encoding="utf-8")
    r = run("check", "--config", str(elsewhere), "--format", "json", "content", cwd=tree)
    assert [rec["rule"] for rec in json.loads(r.stdout)] == ["NL102"], "--config replaces the config found"
    elsewhere.write_text('selectt = ["NL102"]\n', encoding="utf-8")
    r = run("check", "--config", str(elsewhere), "content", cwd=tree)
    assert r.returncode == 2 and "strict.toml" in r.stderr and "selectt" in r.stderr


def test_pyproject_tool_table(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.newslint]\nselect = ["NL102"]\n', encoding="utf-8")
    r = run("check", "--format", "json", "content", cwd=tree)
    assert [rec["rule"] for rec in json.loads(r.stdout)] == ["NL102"]


def test_gitignore_and_exclude_are_respected(tree: Path) -> None:
    (tree / ".gitignore").write_text("content/bad.md\n", encoding="utf-8")
    assert run("check", ".", cwd=tree).returncode == 0
    # a file named on the command line is linted anyway, unless --force-exclude
    assert run("check", "content/bad.md", cwd=tree).returncode == 1
    assert run("check", "--force-exclude", "content/bad.md", cwd=tree).returncode == 0


def test_missing_path_is_a_usage_error(tree: Path) -> None:
    r = run("check", "nope.md", cwd=tree)
    assert r.returncode == 2 and "nope.md: no such file or folder" in r.stderr


def test_rules_and_rule_commands() -> None:
    r = run("rules")
    assert r.returncode == 0 and "NL102  space-before-punctuation" in r.stdout
    r = run("rule", "NL102")
    assert "Bad:" in r.stdout and "Good:" in r.stdout and "marks" in r.stdout
    assert run("rule", "NL7777").returncode == 2


def test_python_dash_m() -> None:
    import sys

    r = subprocess.run([sys.executable, "-m", "newslint", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and "newslint" in r.stdout


def test_seed_article_core_findings(tmp_path: Path) -> None:
    seed = tmp_path / "pentagon.md"
    seed.write_bytes((DATA / "pentagon-negotiations.md").read_bytes())
    r = run("check", "--select", "NL102,NL103", "--format", "json", str(seed))
    found = {(rec["line"], rec["rule"]) for rec in json.loads(r.stdout)}
    assert found == {(24, "NL103"), (26, "NL102")}
    run("check", "--select", "NL102,NL103", "--fix", str(seed))
    before = (DATA / "pentagon-negotiations.md").read_text(encoding="utf-8").splitlines()
    after = seed.read_text(encoding="utf-8").splitlines()
    changed = [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [24, 26] and len(before) == len(after)
    assert "took place on May 13" in after[23] and "Vladimir Medinsky, said later" in after[25]
