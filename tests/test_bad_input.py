"""Bad input: every kind of file a content repository can hold is a finding, never a crash.

Each case is a file in one tree together with an ordinary article. For each, the file gets the
expected finding (naming the file and, where it applies, the line), no internal error, and the
other files are still checked — in this process, in worker processes, and through the real
command line in a subprocess (exit code, JSON output, nothing on stderr that looks like a
traceback).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, files

DEFECT = "Medinsky , said it."  # NL102 at column 9 of its line
ARTICLE = f"---\ntitle: Talks\n---\n\n{DEFECT}\n"


@dataclass
class Case:
    """A file to write and what linting it must report: (rule, line or None, text in the message)."""

    name: str
    data: bytes | None  # None: made by ``make`` (symlinks, pipes, folders)
    expect: list[tuple[str, int | None, str]] = field(default_factory=list)
    make: str = ""


def _utf16(text: str, big: bool = False) -> bytes:
    return (b"\xfe\xff" + text.encode("utf-16-be")) if big else (b"\xff\xfe" + text.encode("utf-16-le"))


def _deep_list(depth: int) -> str:
    return "".join("  " * i + "- item\n" for i in range(depth))


CASES = [
    Case("latin1.md", "---\ntitle: Café\n---\n\nCafé talks.\n".encode("latin-1"),
         [("NL000", 1, "not valid UTF-8 (byte 0xe9 at byte 14)")]),
    Case("windows-1252.md", "---\ntitle: x\n---\n\n\u201cQuoted\u201d\n".encode("cp1252"), [("NL000", 1, "not valid UTF-8")]),
    Case("utf16-le-bom.md", _utf16(ARTICLE), [("NL102", 5, "space before ','")]),
    Case("utf16-be-bom.md", _utf16(ARTICLE, big=True), [("NL102", 5, "space before ','")]),
    Case("utf16-no-bom.md", ARTICLE.encode("utf-16-le"), [("NL000", 1, "UTF-16 without a byte order mark")]),
    Case("utf8-bom.md", b"\xef\xbb\xbf" + ARTICLE.encode(), [("NL102", 5, "space before ','")]),
    Case("binary.md", bytes(range(256)) * 8, [("NL000", 1, "binary file")]),
    Case("png-named.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), [("NL000", 1, "binary file")]),
    Case("empty.md", b"", [("NL002", 1, "no front matter")]),
    # the header's opening --- lost: said as such, not as "no front matter" (PyCon UK's news files)
    Case("no-opening-delimiter.md", b"title: Tickets on sale\ndate: 2017-05-24\n---\nTickets go on sale.\n",
         [("NL002", 1, "front matter with no opening `---`")]),
    Case("only-newline.md", b"\n", [("NL002", 1, "no front matter")]),
    Case("only-crlf.md", b"\r\n", [("NL002", 1, "no front matter")]),
    Case("unclosed.md", b"---\ntitle: x\n\nBody text , here.\n", [("NL001", 3, "never closed")]),
    Case("blank-lines-before.md", ("\n\n" + ARTICLE).encode(), [("NL003", 1, "2 blank lines"), ("NL102", 7, "")]),
    Case("crlf.md", ARTICLE.replace("\n", "\r\n").encode(), [("NL102", 5, "space before ','")]),
    Case("cr-only.md", ARTICLE.replace("\n", "\r").encode(), [("NL102", 5, "space before ','")]),
    Case("mixed-endings.md", b"---\r\ntitle: x\n---\r\n\nFine.\r\n\n" + DEFECT.encode() + b"\r\n",
         [("NL102", 7, "space before ','")]),
    Case("tab-in-yaml.md", b"---\ntitle: x\ntags:\n\t- a\n---\n\nBody.\n", [("NL001", 4, "tab character")]),
    Case("paragraph-key.md",
         b"---\ntitle: x\nexcerpt: <p>One sentence.</p>\n\n<p>Then a second paragraph: it has a colon.</p>\n---\n\nBody.\n",
         [("NL001", 5, "is read as a key"), ("NL001", 5, "value of `excerpt`")]),
    Case("lone-brace.md", b"{", [("NL001", 1, "JSON front matter")]),  # an error at the very end (found by fuzzing)
    Case("list-front-matter.md", b"---\n- a\n- b\n---\n\nBody.\n", [("NL001", 2, "not a list")]),
    Case("scalar-front-matter.md", b"---\njust a sentence\n---\n\nBody.\n", [("NL001", 2, "not a single string")]),
    Case("big.md", ("---\ntitle: Big\n---\n\n" + ("The talks resumed in Istanbul, officials said. " * 20 + "\n\n")
                    * 10_500 + DEFECT + "\n").encode(), [("NL102", 21_005, "")]),
    Case("long-line.md", ("---\ntitle: x\n---\n\n" + "word " * 20_000 + DEFECT + "\n").encode(),
         [("NL102", 5, "")]),
    Case("deep-list.md", ("---\ntitle: x\n---\n\n" + _deep_list(1500) + "\n" + DEFECT + "\n").encode(),
         [("NL000", 34, "lines 34–1504 not checked"), ("NL102", 1506, "")]),
    Case("deep-quote.md", ("---\ntitle: x\n---\n\n" + ">" * 10_000 + " deep\n\n" + DEFECT + "\n").encode(),
         [("NL000", 5, "line 5 not checked"), ("NL102", 7, "")]),
    Case("deep-quote-lines.md", ("---\ntitle: x\n---\n\n" + "".join("> " * i + "deep\n" for i in range(1, 400))
                                 + "\n" + DEFECT + "\n").encode(), [("NL000", 64, "lines 64–403 not checked"), ("NL102", 405, "")]),
    Case("deep-inline.md", ("---\ntitle: x\n---\n\n" + "[" * 20_000 + "x" + "]" * 20_000 + "\n\n" + "*a " * 5000
                            + "\n\n" + DEFECT + "\n").encode(), [("NL102", 9, "")]),
    Case("deep-quote-list.md", ("---\ntitle: x\n---\n\n" + "".join("> " * i + "- " * i + "x\n" for i in range(150))
                                + "\n" + DEFECT + "\n").encode(), [("NL000", None, "nested too deep"), ("NL102", 156, "")]),
    Case('a name with spaces, "quotes" and café’.md', ARTICLE.encode(), [("NL102", 5, "")]),
    Case("日本語の記事.md", ARTICLE.encode(), [("NL102", 5, "")]),
    Case("loop-a.md", None, [("NL000", 1, "symbolic links")], make="loop"),
    Case("loop-b.md", None, [("NL000", 1, "symbolic links")], make="loop"),
    Case("dangling.md", None, [("NL000", 1, "No such file")], make="dangling"),
    Case("linked.md", None, [("NL102", 5, "")], make="link"),
    Case("pipe.md", None, [("NL000", 1, "a named pipe")], make="fifo"),
    Case("device.md", None, [("NL000", 1, "a device")], make="device"),
]
BY_NAME = {c.name: c for c in CASES}
OTHER = "zz-ordinary.md"  # sorts last: checked after every bad file


def build(root: Path) -> Path:
    """The tree: every case, a folder symlink loop, a folder named like an article, an ordinary file."""
    root.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        path = root / case.name
        if case.data is not None:
            path.write_bytes(case.data)
    (root / "target.md").write_text(ARTICLE, encoding="utf-8")
    os.symlink("loop-b.md", root / "loop-a.md")
    os.symlink("loop-a.md", root / "loop-b.md")
    os.symlink("nowhere.md", root / "dangling.md")
    os.symlink("target.md", root / "linked.md")
    os.mkfifo(root / "pipe.md")
    os.symlink("/dev/zero", root / "device.md")
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "up")  # a folder loop: the walk must not follow it
    (root / "folder.md").mkdir()
    (root / "folder.md" / "inside.md").write_text(ARTICLE, encoding="utf-8")
    (root / OTHER).write_text(ARTICLE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("bad") / "content")


def _check(name: str, findings: list[tuple[str, int, str]]) -> None:
    """Every expected (rule, line, message part) is among ``findings``; never an internal error."""
    assert not [f for f in findings if f[0] == "NL999"], (name, findings)
    for rule, line, part in BY_NAME[name].expect:
        assert any(r == rule and (line is None or ln == line) and part in msg for r, ln, msg in findings), \
            (name, (rule, line, part), findings)


def _lint(root: Path, jobs: int) -> dict[str, list[tuple[str, int, str]]]:
    st = engine.settings(config.Config(root=root))
    paths = files.discover([root], st.config)
    return {Path(r.path).name if Path(r.path).parent.name != "folder.md" else "folder.md/inside.md":
            [(f.rule, f.line, f.message) for f in r.findings]
            for r in engine.lint_paths(paths, st, jobs=jobs)}


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "workers"])
def test_every_bad_file_is_a_finding_and_the_others_are_checked(tree: Path, jobs: int,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    monkeypatch.setattr(engine, "POOL_MIN", 1)
    got = _lint(tree, jobs)
    for case in CASES:
        assert case.name in got, f"{case.name} was not linted"
        _check(case.name, got[case.name])
    assert got[OTHER] == [("NL102", 5, "space before ','")]
    assert got["folder.md/inside.md"] == got[OTHER]  # a folder named .md is walked, not read
    assert not any(name.startswith("up") for name in got)


def test_the_cli_reports_the_whole_tree_without_a_traceback(tree: Path) -> None:
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "--format", "json", "."], cwd=tree,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and r.stderr == "", r.stderr
    records = json.loads(r.stdout)
    by_file: dict[str, list[tuple[str, int, str]]] = {}
    for rec in records:
        by_file.setdefault(Path(rec["path"]).name, []).append((rec["rule"], rec["line"], rec["message"]))
    for case in CASES:
        _check(case.name, by_file.get(case.name, []))
    assert ("NL102", 5, "space before ','") in by_file[OTHER]
    assert any(rec["path"] == 'a name with spaces, "quotes" and café’.md' for rec in records)


@pytest.mark.parametrize("name", [c.name for c in CASES if c.make not in ("loop",)])
def test_each_file_alone_through_the_cli(tree: Path, name: str) -> None:
    """Named on the command line, each file gives its findings and the exit code they call for."""
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "-j", "1", "--format", "json", name],
                       cwd=tree, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in r.stderr and r.stderr == "", r.stderr
    records = json.loads(r.stdout)
    _check(name, [(rec["rule"], rec["line"], rec["message"]) for rec in records])
    assert {rec["path"] for rec in records} <= {name}
    assert r.returncode == (1 if records else 0)


def test_fix_leaves_unreadable_and_broken_files_alone(tmp_path: Path) -> None:
    root = build(tmp_path / "content")
    regular = {p: p.read_bytes() for p in root.iterdir() if p.is_file() and not p.is_symlink()
               and p.name not in ("target.md", OTHER)}
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "--fix", "-q", "."], cwd=root,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    fixed_by_design = {"utf16-le-bom.md", "utf16-be-bom.md", "utf8-bom.md", "crlf.md", "cr-only.md",
                       "mixed-endings.md", "blank-lines-before.md", "big.md", "long-line.md", "deep-list.md",
                       "deep-quote.md", "deep-quote-lines.md", "deep-inline.md", "deep-quote-list.md",
                       'a name with spaces, "quotes" and café’.md', "日本語の記事.md",
                       "unclosed.md"}  # (its closing fence put back before the body, then the body fixed)
    for path, before in regular.items():
        after = path.read_bytes()
        if path.name in fixed_by_design:
            assert after != before and b" ," not in after.replace(b"\x00", b""), path.name
        else:
            assert after == before, f"{path.name} was changed"
    assert (root / "target.md").read_text(encoding="utf-8") == ARTICLE.replace(" ,", ",")  # through linked.md
    assert os.path.islink(root / "linked.md")
    assert not list(root.glob(".*newslint-tmp"))


def test_utf16_is_written_back_as_utf16_with_its_bom(tmp_path: Path) -> None:
    for big in (False, True):
        path = tmp_path / f"a{int(big)}.md"
        path.write_bytes(_utf16(ARTICLE.replace("\n", "\r\n"), big))
        r = subprocess.run([*newslint_command(), "check", "--no-cache", "--fix", "-q", str(path)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 1, r.stderr
        assert path.read_bytes() == _utf16(ARTICLE.replace(" ,", ",").replace("\n", "\r\n"), big)


def _drop_read_override() -> list[str] | None:
    """A command prefix that runs a program as root without the right to read any file (setpriv)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True)
    return prefix if probe.returncode == 0 else None


def test_a_file_without_read_permission(tmp_path: Path) -> None:
    """chmod 000. Root reads such files anyway: as root, the real CLI runs without the
    capabilities that let root ignore permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    (tmp_path / "locked.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "open.md").write_text(ARTICLE, encoding="utf-8")
    os.chmod(tmp_path / "locked.md", 0)
    prefix: list[str] = []
    if os.geteuid() == 0:
        found = _drop_read_override()
        if found is None:
            pytest.skip("running as root and setpriv cannot drop CAP_DAC_OVERRIDE here: root reads chmod 000 files")
        prefix = found
    try:
        r = subprocess.run([*prefix, *newslint_command(), "check", "--no-cache", "--format", "json", "."],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        os.chmod(tmp_path / "locked.md", 0o644)
    assert r.returncode == 1 and r.stderr == "", r.stderr
    got = {(rec["path"], rec["rule"], rec["line"], rec["message"]) for rec in json.loads(r.stdout)}
    assert ("locked.md", "NL000", 1, "cannot read the file: Permission denied") in got
    assert ("open.md", "NL102", 5, "space before ','") in got
