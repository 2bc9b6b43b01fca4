"""The compiled-code cache (codecache.py): same patterns and classes as without it, and it holds across runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newslint import codecache

ARTICLE = ("---\ntitle: Talks resume\ndate: 2022-05-31T05:32:23+03:00\ntags: [war]\n---\n\n"
           "Talks resumed , officials said.  Keir Starmer met Starmer’s aides -- and \"the unions.\n\n"
           "See [the plan](https://example.org/plan) and <https://example.org>.\n")


def _env(cache_home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home), NO_COLOR="1", **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the cache is written as bytecode is
    return env


def _run(cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "a.md"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The cache installed in this process, on a file of its own that every save writes; re's own
    cache emptied so that every pattern goes through it."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(codecache, "_WRITE_AFTER", 1)
    path = tmp_path / "code.bin"
    codecache.uninstall()
    re.purge()
    codecache.install(path)
    yield path
    codecache.uninstall()
    re.purge()


def test_the_command_writes_the_cache_once_and_reads_it_after(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "cache-home"
    without = _run(tmp_path, _env(home, NEWSLINT_CODE_CACHE="0"))
    assert not (home / "newslint").exists()
    first = _run(tmp_path, _env(home))
    [written] = (home / "newslint").glob("code-*.bin")
    stamp = written.stat().st_mtime_ns
    second = _run(tmp_path, _env(home))
    assert "NL102" in without.stdout and without.stderr == ""
    assert first.stdout == second.stdout == without.stdout
    assert (first.returncode, second.returncode) == (without.returncode,) * 2
    # a second run meets (next to) nothing new, so it leaves the file alone: the patterns newslint
    # builds have one text in every process (not the order of a set)
    assert written.stat().st_mtime_ns == stamp


def test_a_corrupt_or_foreign_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "cache-home"
    clean = _run(tmp_path, _env(home, NEWSLINT_CODE_CACHE="0")).stdout
    _run(tmp_path, _env(home))
    [written] = (home / "newslint").glob("code-*.bin")
    blob = bytearray(written.read_bytes())
    for at in (len(blob) // 2, len(blob) - 40):  # a flipped byte: the CRC no longer holds
        damaged = bytearray(blob)
        damaged[at] ^= 0x5A
        written.write_bytes(bytes(damaged))
        out = _run(tmp_path, _env(home))
        assert (out.stdout, out.stderr) == (clean, "")
    for junk in (b"", b"not marshal", blob[:100]):
        written.write_bytes(bytes(junk))
        out = _run(tmp_path, _env(home))
        assert (out.stdout, out.stderr) == (clean, "")


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")  # the cache folder would have to be inside a file
    out = _run(tmp_path, _env(blocked))
    assert "NL102" in out.stdout and out.stderr == ""


def test_every_pattern_a_run_keeps_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    """The file a real run wrote, read back: each pattern built from it equals re's own compile
    (Pattern.__eq__ compares the code), and each method's code is what compile() gives."""
    from re import _compiler

    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "cache-home"
    _run(tmp_path, _env(home))
    [written] = (home / "newslint").glob("code-*.bin")
    codecache.uninstall()
    try:
        codecache._load(written)
        regex, source = dict(codecache._regex), dict(codecache._source)
    finally:
        codecache._regex.clear()
        codecache._source.clear()
    assert len(regex) > 150 and len(source) > 100  # newslint's, click's, PyYAML's, markdown-it's
    for (pattern, flags), entry in regex.items():
        assert codecache._sre.compile(pattern, *entry) == _compiler.compile(pattern, flags), pattern
    for text, code in source.items():
        assert code == compile(text, "<string>", "exec", dont_inherit=True)


def test_a_bad_pattern_raises_as_re_does(installed: Path) -> None:
    with pytest.raises(re.error, match="missing \\), unterminated subpattern"):
        re.compile("(unclosed")


def test_dataclasses_made_with_the_cache_behave_as_without_it(installed: Path) -> None:
    def make() -> type:
        @dataclass(frozen=True, order=True)
        class Point:
            x: int
            y: int = 0
            tags: list[str] = field(default_factory=list, compare=False)

        return Point

    first = make()
    codecache.save()
    codecache._source.clear()
    codecache._load(installed)
    assert codecache._source, "the methods were kept"
    second = make()  # its methods come from the file
    for cls in (first, second):
        p = cls(1)
        assert (p.x, p.y, p.tags) == (1, 0, [])
        assert p == cls(1, 0, ["a"]) and p < cls(2) and hash(p) == hash(cls(1))
        assert repr(p).endswith("Point(x=1, y=0, tags=[])")
        with pytest.raises(AttributeError):
            p.x = 2  # type: ignore[misc]


def test_nothing_is_installed_by_importing_newslint() -> None:
    code = ("import re._compiler, dataclasses, newslint.engine, newslint.rules\n"
            "print(re._compiler.compile.__module__, 'exec' in vars(dataclasses))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["re._compiler", "False"], out.stderr
