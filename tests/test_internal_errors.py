"""Internal errors: a rule that fails on one file is an NL999 finding there (rule and reason; the
traceback under --verbose) and exit code 2, while every other rule and file still runs — in one
process, in worker processes, with the cache, and when a worker process itself dies.

The failing rules come from a real plugin (tests/plugins/newslint-crash-plugin), put on
PYTHONPATH with a dist-info as an installed package is: each fails one way (ValueError,
RecursionError, a real MemoryError, sys.exit, a failing collect, SIGSEGV) on the one article
that carries its marker.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, files, plugins

import tomllib

PLUGIN = Path(__file__).parent / "plugins" / "newslint-crash-plugin"
BODY = "Medinsky , said it."  # NL102 in every file: the other rules still ran
MARKERS = {
    "raise.md": ("RAISE-HERE", "rule CRASH101 (raises) failed on this file: ValueError: the article has a marker"),
    "recurse.md": ("RECURSE-HERE", "rule CRASH102 (recurses) failed on this file: RecursionError: maximum recursion"),
    "memory.md": ("MEMORY-HERE", "rule CRASH103 (exhausts-memory) failed on this file: MemoryError"),
    "exit.md": ("EXIT-HERE", "rule CRASH104 (exits) failed on this file: SystemExit: 3"),
    "collect.md": ("COLLECT-HERE", "rule CRASH106 (fails-to-collect) failed reading this file for the cross-file "
                                   "check: RuntimeError: collect failed"),
}
SEGV = ("segv.md", "SEGFAULT-HERE",
        "newslint failed on this file: the worker process linting this file died (killed by signal 11 (SIGSEGV)); "
        "nothing was written to it")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The crash plugin as an installed distribution: its package and a dist-info in one folder."""
    root = tmp_path_factory.mktemp("crash-site")
    meta = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    shutil.copytree(PLUGIN / "newslint_crash_plugin", root / "newslint_crash_plugin")
    info = root / f"newslint_crash_plugin-{meta['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {meta['name']}\nVersion: {meta['version']}\n",
                                   encoding="utf-8")
    eps = meta["entry-points"]["newslint.rules"]
    (info / "entry_points.txt").write_text("[newslint.rules]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()),
                                           encoding="utf-8")
    return root


def tree(root: Path, *, segv: bool) -> Path:
    """Twenty ordinary articles and one per failure; enough for two workers to share."""
    content = root / "content"
    content.mkdir(parents=True)
    for i in range(20):
        (content / f"ok{i:02}.md").write_text(f"---\ntitle: t{i}\n---\n\n{BODY}\n", encoding="utf-8")
    marked = dict(MARKERS)
    if segv:
        marked[SEGV[0]] = (SEGV[1], SEGV[2])
    for name, (marker, _) in marked.items():
        (content / name).write_text(f"---\ntitle: {name}\n---\n\n{BODY} {marker}\n", encoding="utf-8")
    return content


def run(cwd: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONFAULTHANDLER")}
    env["PYTHONPATH"] = str(site)
    return subprocess.run([*newslint_command(), "check", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


def by_file(stdout: str) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for rec in json.loads(stdout):
        out.setdefault(Path(rec["path"]).name, []).append((rec["rule"], rec["message"]))
    return out


def check_results(found: dict[str, list[tuple[str, str]]], *, segv: bool) -> None:
    for name, (_, message) in MARKERS.items():
        errors = [m for r, m in found[name] if r == "NL999"]
        assert len(errors) == 1 and errors[0].startswith(message), (name, found[name])
        assert ("NL102", "space before ','") in found[name], f"the other rules did not run on {name}"
    for i in range(20):
        assert found[f"ok{i:02}.md"] == [("NL102", "space before ','")]
    if segv:
        assert found[SEGV[0]] == [("NL999", SEGV[2])]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_failure_is_one_finding_and_the_run_goes_on(site: Path, tmp_path: Path, jobs: str) -> None:
    content = tree(tmp_path, segv=jobs != "1")  # a segfault in this very process cannot be survived
    r = run(tmp_path, site, "--no-cache", "-j", jobs, "--format", "json", "content")
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    check_results(by_file(r.stdout), segv=jobs != "1")
    verbose = run(tmp_path, site, "--no-cache", "-j", jobs, "--verbose", "-q", "content")
    assert verbose.returncode == 2
    for needle in ("Traceback", "ValueError: the article has a marker", "RecursionError", "MemoryError",
                   "SystemExit: 3", "RuntimeError: collect failed", "CRASH101 (raises) on"):
        assert needle in verbose.stderr, needle
    assert content.exists()


def test_the_cache_never_stores_a_failure(site: Path, tmp_path: Path) -> None:
    content = tree(tmp_path, segv=True)
    first = run(tmp_path, site, "-j", "2", "--format", "json", "content")
    for i in range(0, 20, 2):  # ten changed files: the second run lints sixteen, in workers again
        path = content / f"ok{i:02}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    second = run(tmp_path, site, "-j", "2", "--format", "json", "content")
    assert first.returncode == second.returncode == 2, second.stderr
    assert by_file(first.stdout) == by_file(second.stdout)
    check_results(by_file(second.stdout), segv=True)
    from newslint.cache import Cache

    cfg = config.Config(root=tmp_path)
    plugins.clear_cache()
    sys.path.insert(0, str(site))
    try:
        st = engine.settings(cfg)
        entries = Cache.open(st).entries
    finally:
        sys.path.remove(str(site))
        plugins.clear_cache()
        for name in [m for m in sys.modules if m.startswith("newslint_crash_plugin")]:
            del sys.modules[name]
    stored = {Path(name).name for name in entries}
    assert {f"ok{i:02}.md" for i in range(20)} <= stored
    assert not stored & (set(MARKERS) | {SEGV[0]}), "a failed file was cached"


def test_fix_goes_on_around_a_failing_rule_and_a_dying_worker(site: Path, tmp_path: Path) -> None:
    content = tree(tmp_path, segv=True)
    r = run(tmp_path, site, "--no-cache", "-j", "2", "--fix", "-q", "content")
    assert r.returncode == 2, r.stderr
    for i in range(20):
        assert (content / f"ok{i:02}.md").read_text(encoding="utf-8").endswith("Medinsky, said it.\n")
    for name, (marker, _) in MARKERS.items():  # the failing rule had nothing to fix: the others did
        assert (content / name).read_text(encoding="utf-8").endswith(f"Medinsky, said it. {marker}\n"), name
    assert (content / SEGV[0]).read_text(encoding="utf-8").endswith(f"{BODY} {SEGV[1]}\n"), "written by a dead worker"


if sys.platform.startswith("linux"):
    def test_a_worker_that_dies_costs_one_file_in_process(site: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
        """The library path: lint_paths with workers survives SIGSEGV in one of them."""
        content = tree(tmp_path, segv=True)
        monkeypatch.syspath_prepend(str(site))
        monkeypatch.setattr(engine, "CHUNK", 3)
        plugins.clear_cache()
        try:
            st = engine.settings(config.Config(root=tmp_path))
            results = list(engine.lint_paths(files.discover([content], st.config), st, jobs=2))
        finally:
            plugins.clear_cache()
            for name in [m for m in sys.modules if m.startswith("newslint_crash_plugin")]:
                del sys.modules[name]
        assert [Path(r.path).name for r in results] == sorted(p.name for p in content.iterdir())
        check_results({Path(r.path).name: [(f.rule, f.message) for f in r.findings] for r in results}, segv=True)
        segv = next(r for r in results if r.path.endswith(SEGV[0]))
        assert segv.errors and not segv.new_data


def test_a_failure_outside_any_rule_is_contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in newslint itself on one file (here: the document model) is NL999 on that file."""
    from newslint import document

    (tmp_path / "a.md").write_text(f"---\ntitle: a\n---\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\ntitle: b\n---\n\n{BODY} BOOM\n", encoding="utf-8")
    real = document.Document.__init__

    def broken(self, source, *args, **kwargs):
        if "BOOM" in source:
            raise KeyError("title")
        real(self, source, *args, **kwargs)

    monkeypatch.setattr(document.Document, "__init__", broken)
    st = engine.settings(config.Config(root=tmp_path))
    a, b = engine.lint_paths(sorted(tmp_path.iterdir()), st, jobs=1)
    assert [f.rule for f in a.findings] == ["NL102"]
    assert [(f.rule, f.line, f.message) for f in b.findings] == [
        ("NL999", 1, "newslint failed on this file: KeyError: 'title'")]
    assert "Traceback" in b.errors[0]


def _unpicklable_summary(doc: object, opts: object) -> dict[str, object]:
    """A collect() that leaves, for one file, a summary no pickle can carry (a lambda)."""
    return {"bad": lambda: None} if "NOPICKLE" in doc.text else {}  # type: ignore[attr-defined]


@pytest.mark.parametrize("jobs, why", [(2, "could not be sent back from the worker process"),
                                       (1, "could not be kept for the report")])
def test_a_result_that_cannot_be_pickled_is_an_internal_error_on_its_file(tmp_path: Path, jobs: int,
                                                                           why: str) -> None:
    """Results travel and wait pickled (from a worker, in the spill): one that does not pickle
    costs its file, not the run, with workers or without."""
    import dataclasses

    for i in range(10):
        marker = " NOPICKLE" if i == 3 else ""
        (tmp_path / f"a{i}.md").write_text(f"---\ntitle: a\n---\n\n{BODY}{marker}\n", encoding="utf-8")
    st = engine.settings(config.Config(root=tmp_path))
    st.rules = [dataclasses.replace(r, collect=_unpicklable_summary) if r.id == "NL103" else r for r in st.rules]
    results = list(engine.lint_paths(sorted(tmp_path.iterdir()), st, jobs=jobs))
    assert [Path(r.path).name for r in results] == [f"a{i}.md" for i in range(10)]
    for i, r in enumerate(results):
        if i == 3:
            assert [f.rule for f in r.findings] == ["NL999"]
            assert why in r.findings[0].message
        else:
            assert [f.rule for f in r.findings] == ["NL102"], r.path
