"""The terminal: golden text output for the seed article, the summary line, the progress bar."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint.engine import FileResult
from newslint.model import Finding, Fix
from newslint.report.text import summary, write_text

DATA = Path(__file__).parent / "data"
# the rules of the golden file: a fixed set that exists, so rules landing later do not change it
GOLDEN_SELECT = "NL001,NL002,NL102,NL103"
REGENERATE = os.environ.get("NEWSLINT_REGENERATE_GOLDEN") == "1"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    full.update({"NO_COLOR": "1", "COLUMNS": "100", **(env or {})})
    return subprocess.run([*newslint_command(), *args], cwd=cwd, capture_output=True, text=True, env=full,
                          timeout=120)


def _golden(name: str, actual: str) -> None:
    path = DATA / name
    if REGENERATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs (NEWSLINT_REGENERATE_GOLDEN=1 rewrites it)"


def test_golden_text_of_the_seed_article() -> None:
    r = run("check", "--select", GOLDEN_SELECT, "pentagon-negotiations.md", cwd=DATA)
    assert r.returncode == 1 and r.stderr == ""
    _golden("pentagon-negotiations.golden.txt", r.stdout)


def test_golden_fix_output_of_the_seed_article(tmp_path: Path) -> None:
    (tmp_path / "pentagon-negotiations.md").write_bytes((DATA / "pentagon-negotiations.md").read_bytes())
    r = run("check", "--fix", "--select", GOLDEN_SELECT, "pentagon-negotiations.md", cwd=tmp_path)
    assert r.returncode == 1
    _golden("pentagon-negotiations.fix.golden.txt", r.stdout)


def test_golden_statistics_and_quiet(tmp_path: Path) -> None:
    (tmp_path / "pentagon-negotiations.md").write_bytes((DATA / "pentagon-negotiations.md").read_bytes())
    (tmp_path / "b.md").write_text("---\ntitle: x\n---\n\nOne , two  three.\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("No front matter , here.\n", encoding="utf-8")
    r = run("check", "--statistics", "--select", GOLDEN_SELECT, ".", cwd=tmp_path)
    _golden("statistics.golden.txt", r.stdout)
    r = run("check", "-q", "--select", GOLDEN_SELECT, "pentagon-negotiations.md", cwd=DATA)
    assert r.stdout.splitlines()[0].startswith("pentagon-negotiations.md:24:53: NL103 [repeated-space]")
    assert "|" not in r.stdout and "──" not in r.stdout


def test_colour_only_when_asked() -> None:
    r = run("check", "--select", GOLDEN_SELECT, "pentagon-negotiations.md", cwd=DATA)
    assert "\x1b[" not in r.stdout
    r = run("check", "--select", GOLDEN_SELECT, "pentagon-negotiations.md", cwd=DATA,
            env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in r.stdout


def _result(*findings: Finding, fixed: int = 0, path: str = "a.md") -> FileResult:
    return FileResult(path, list(findings), fixed=fixed)


def _f(severity: str = "warning", fix: Fix | None = None) -> Finding:
    return Finding(0, 1, "m", fix, rule="NL102", name="x", severity=severity, line=1, column=1, end_line=1,
                   end_column=2)


SAFE = Fix.delete(0, 1, "Delete")
UNSAFE = Fix.delete(0, 1, "Delete", safe=False)


@pytest.mark.parametrize("results, kwargs, expected", [
    ([_result(), _result()], {}, "No findings in 2 files."),
    ([], {}, "No files to check."),
    ([_result(_f(fix=SAFE), _f(fix=UNSAFE), _f()), _result()], {},
     "3 warnings in 1 of 2 files (1 fixable with --fix, 1 more with --unsafe-fixes)."),
    ([_result(_f("error"), _f(), _f("info", fix=UNSAFE))], {},
     "3 findings (1 error, 1 warning, 1 info) in 1 file (1 fixable with --unsafe-fixes)."),
    ([_result(_f(fix=UNSAFE), fixed=4), _result()], {"fixing": True},
     "Fixed 4 findings in 1 file. 1 warning left in 1 of 2 files (1 fixable with --unsafe-fixes)."),
    ([_result(fixed=1)], {"fixing": True}, "Fixed 1 finding in 1 file. No findings left in 1 file."),
    ([_result(_f())] * 1, {"files_checked": 1204, "baseline_hidden": 1, "baseline_stale": 2},
     "1 warning in 1 of 1,204 files. 1 known finding hidden by the baseline. "
     "2 baseline entries are fixed now (`newslint baseline write` drops them)."),
])
def test_summary_line(results, kwargs, expected) -> None:
    assert summary(results, **kwargs) == expected


def test_fixed_files_get_a_header_even_when_clean() -> None:
    out = io.StringIO()
    write_text([_result(fixed=2, path="fixed.md"), _result(path="clean.md")], out, fixing=True)
    assert out.getvalue() == "── fixed.md ── fixed 2, nothing left\n\nFixed 2 findings in 1 file. No findings left in 2 files.\n"


# -- progress bar -------------------------------------------------------------------------------


def _many(tmp_path: Path, n: int = 120) -> Path:
    for i in range(n):
        (tmp_path / f"a{i:03}.md").write_text("---\ntitle: x\n---\n\nFine , text.\n", encoding="utf-8")
    return tmp_path


def _run_in_pty(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run with stdout and stderr on a pseudo-terminal, as at an interactive shell; return what it showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    folder = _many(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "FORCE_COLOR")}
    env.update(NO_COLOR="1", TERM="xterm", COLUMNS="100")
    shown = _run_in_pty([*newslint_command(), "check", "--select", "NL102", "."], folder, env)
    assert "Linting" in shown and "120/120" in shown
    assert "120 warnings in 120 files" in shown
    assert "Linting" not in _run_in_pty([*newslint_command(), "check", "-q", "--select", "NL102", "."], folder, env)
    assert "Linting" not in _run_in_pty([*newslint_command(), "check", "--select", "NL102", "."], folder,
                                        {**env, "CI": "true"})
    # a pipe (CI logs, editors) never gets a bar
    r = run("check", "--select", "NL102", ".", cwd=folder, env={"CI": ""})
    assert "Linting" not in r.stderr + r.stdout


def test_json_is_unchanged_by_the_terminal_work(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: x\n---\n\nFine , text.\n", encoding="utf-8")
    r = run("check", "--select", "NL102", "--format", "json", "a.md", cwd=tmp_path)
    assert [rec["rule"] for rec in json.loads(r.stdout)] == ["NL102"]


def test_carets_measure_columns_with_and_without_the_narrow_shortcut() -> None:
    """The snippet's carets count terminal columns: every character the shortcut takes for one
    column is one by the full measure, and wide or combining characters still count as they show."""
    import unicodedata

    from newslint.report import text

    for code in [*range(0x0000, 0x0300), *range(0x2000, 0x20D0)]:
        ch = chr(code)
        if unicodedata.category(ch) == "Cn":
            continue  # unassigned (U+2065, U+2072): no text holds one, and Python calls some wide
        assert text._NARROW().fullmatch(ch) and unicodedata.east_asian_width(ch) not in "WF" \
            and not unicodedata.combining(ch), hex(code)
    assert text._width("“Quoted” — done…") == 16
    assert text._width("東京 talks") == 10  # two wide characters
    assert text._width("Zelenskyy\u0301") == 9  # a combining accent takes no column
