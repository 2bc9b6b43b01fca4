"""The result cache: hits, every kind of miss, corruption, concurrent runs, fixing, corpus rules."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, files, site
from newslint.cache import FORMAT, Cache, settings_key
from newslint.model import Finding, Rule

BAD = "---\ntitle: x\n---\n\nMedinsky , said it  twice.\n"
GOOD = "---\ntitle: x\n---\n\nFine.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "content" / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def lint(root: Path, st: engine.Settings | None = None, *, jobs: int = 1, fix: bool = False) -> tuple[list, Cache]:
    st = st or engine.settings(config.Config(root=root))
    cache = Cache.open(st)
    results = list(engine.lint_paths(files.discover([root / "content"], st.config), st, jobs=jobs, cache=cache,
                                     fix=fix))
    return results, cache


def shape(results: list) -> list:
    return [(r.path, [(f.rule, f.line, f.column, f.message) for f in r.findings]) for r in results]


def test_second_run_is_served_from_the_cache(tree: Path) -> None:
    first, cache1 = lint(tree)
    assert (cache1.hits, cache1.misses) == (0, 0) and not any(r.cached for r in first)
    assert (tree / ".newslint_cache" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    second, cache2 = lint(tree)
    assert cache2.hits == 2 and all(r.cached for r in second)
    assert shape(second) == shape(first)
    fixable = [f for r in second for f in r.findings if f.fix]
    assert fixable and second[0].places  # fix edits can still be placed in JSON output


def test_changed_content_misses_even_with_the_same_mtime(tree: Path) -> None:
    lint(tree)
    path = tree / "content" / "good.md"
    stat = path.stat()
    path.write_text(GOOD.replace("Fine.", "Fine , now."), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    results, cache = lint(tree)
    assert cache.hits == 1 and cache.misses == 1
    assert [f.rule for f in results[1].findings] == ["NL102"]


def test_touching_a_file_without_changing_it_still_hits(tree: Path) -> None:
    lint(tree)
    os.utime(tree / "content" / "bad.md", (1, 1))
    _, cache = lint(tree)
    assert cache.hits == 2


def test_config_change_misses(tree: Path) -> None:
    lint(tree)
    st = engine.settings(config.from_mapping({"rules": {"repeated-space": {"sentence-spacing": "one"}}}, root=tree))
    _, cache = lint(tree, st)
    assert cache.hits == 0
    st = engine.settings(config.from_mapping({"ignore": ["NL103"]}, root=tree))
    results, cache = lint(tree, st)
    assert cache.hits == 0 and {f.rule for r in results for f in r.findings} == {"NL102"}
    st = engine.settings(config.from_mapping({"fail-on": "error", "exclude": ["drafts/**"]}, root=tree))
    _, cache = lint(tree, st)
    assert cache.hits == 2  # choosing files or the exit code does not change a file's findings


def test_files_named_in_the_config_are_part_of_the_key(tree: Path) -> None:
    schemas = tree / "schemas"
    schemas.mkdir()
    (schemas / "article.json").write_text('{"$ref": "parts.json"}', encoding="utf-8")
    (schemas / "parts.json").write_text('{"type": "object"}', encoding="utf-8")

    def key() -> str:
        cfg = config.Config(root=tree, raw={"schema": "schemas/article.json"})
        return settings_key(engine.settings(cfg))

    before = key()
    assert key() == before
    (schemas / "parts.json").write_text('{"type": "object", "required": ["title"]}', encoding="utf-8")
    after_ref = key()
    assert after_ref != before  # a schema's local $ref counts too
    (schemas / "article.json").write_text('{"$ref": "parts.json", "title": "x"}', encoding="utf-8")
    assert key() != after_ref


def test_a_broken_index_counts_as_empty_and_is_rewritten(tree: Path) -> None:
    _, cache = lint(tree)
    cache.file.write_bytes(b"\x80\x05 this is not a pickle")
    results, cache = lint(tree)
    assert cache.hits == 0 and shape(results)[0][1]
    _, cache = lint(tree)
    assert cache.hits == 2


def test_the_index_is_data_not_code(tree: Path) -> None:
    _, cache = lint(tree)
    marker = tree / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache.file.write_bytes(pickle.dumps({"format": FORMAT, "entries": {"content/bad.md": Evil()}}))
    _, cache = lint(tree)
    assert not marker.exists() and cache.hits == 0


def test_an_entry_is_data_not_code_either(tree: Path) -> None:
    """Each entry is a pickle of its own inside the index: it goes through the same restricted
    unpickler, and an entry refused is a miss (the file is linted again), never a crash."""
    results, cache = lint(tree)
    marker = tree / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    index = pickle.loads(cache.file.read_bytes())
    name = sorted(index["entries"])[0]
    digest_, probes, _, stamp = index["entries"][name]
    index["entries"][name] = (digest_, probes, pickle.dumps(Evil()), None)
    cache.file.write_bytes(pickle.dumps(index))
    again, cache = lint(tree)
    assert not marker.exists()
    assert (cache.hits, cache.misses) == (1, 1)
    assert shape(again) == shape(results)


def test_a_run_that_changed_one_file_rewrites_the_index_from_what_it_read(tree: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """No other run wrote the index meanwhile (same fingerprint): save merges into the copy read
    at the start instead of reading the file again; when another run did, it reads it again."""
    lint(tree)
    first = sorted((tree / "content").glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    reads = []
    real = Cache._load

    def counting(self: Cache):
        reads.append(self.file)
        return real(self)

    monkeypatch.setattr(Cache, "_load", counting)
    _, cache = lint(tree)
    assert len(reads) == 1 and cache.misses == 1
    st = engine.settings(config.Config(root=tree))
    paths = sorted((tree / "content").glob("*.md"))
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
    results = list(engine.lint_paths(paths, st))  # (no cache)
    ours, other = Cache.open(st), Cache.open(st)
    ours.entries  # read at the start of a run
    other.put(paths[0], results[0])  # another run writes the index meanwhile
    other.save()
    ours.put(paths[1], results[1])
    reads.clear()
    ours.save()
    assert len(reads) == 1  # read again, to keep what the other run wrote
    _, cache = lint(tree)
    assert cache.hits == 2


def test_a_read_only_cache_folder_does_not_stop_the_run(tree: Path) -> None:
    st = engine.settings(config.Config(root=tree))
    blocked = tree / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = Cache.open(st, blocked)
    results = list(engine.lint_paths(files.discover([tree / "content"], st.config), st, cache=cache))
    assert len(results) == 2


def test_concurrent_runs_never_corrupt_the_cache(tree: Path) -> None:
    for i in range(30):
        (tree / "content" / f"a{i:02}.md").write_text(BAD.replace("twice", f"twice {i}"), encoding="utf-8")
    command = [*newslint_command(), "check", "--format", "json", "-j", "2", "content"]
    env = {**os.environ, "NO_COLOR": "1"}
    runs = [subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 1 for run in runs), [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1
    again = subprocess.run(command, cwd=tree, capture_output=True, env=env, timeout=120)
    assert again.stdout == outputs[0][0]
    st = engine.settings(config.Config(root=tree))
    cache = Cache.open(st)
    assert len(cache.entries) == 32
    assert not [p for p in (tree / ".newslint_cache").iterdir() if p.name.endswith(".tmp")]


def test_cli_flags_and_config_key(tree: Path) -> None:
    command = [*newslint_command(), "check", "content"]
    subprocess.run([*command, "--no-cache"], cwd=tree, capture_output=True, timeout=120)
    assert not (tree / ".newslint_cache").exists()
    subprocess.run([*command, "--cache-dir", "elsewhere"], cwd=tree, capture_output=True, timeout=120)
    assert list((tree / "elsewhere").glob("*.idx"))
    (tree / "newslint.toml").write_text('cache-dir = "build/nlcache"\n', encoding="utf-8")
    subprocess.run(command, cwd=tree, capture_output=True, timeout=120)
    assert list((tree / "build" / "nlcache").glob("*.idx"))
    (tree / "newslint.toml").write_text("cache = false\n", encoding="utf-8")
    subprocess.run(command, cwd=tree, capture_output=True, timeout=120)
    assert not (tree / ".newslint_cache").exists()


def test_fix_uses_the_cache_only_when_there_is_nothing_to_fix(tree: Path) -> None:
    lint(tree)
    results, cache = lint(tree, fix=True)
    bad, good = results
    assert good.cached and not bad.cached and bad.new_data is not None
    (tree / "content" / "bad.md").write_bytes(bad.new_data)
    results, cache = lint(tree)
    assert cache.hits == 2 and all(not r.findings for r in results)  # the fixed file's result was stored


def test_diff_does_not_store_results(tree: Path) -> None:
    st = engine.settings(config.Config(root=tree))
    cache = Cache.open(st)
    list(engine.lint_paths(files.discover([tree / "content"], st.config), st, diff=True, cache=cache))
    assert not cache.file.exists()


# -- results that depend on other files or on the whole corpus --------------------------------


def _probe_rule() -> Rule:
    def check(doc, opts):
        if site.exists(doc.path, "image.png", opts["_root"]) is False:
            yield Finding(0, 1, "image.png is missing")

    return Rule("NL901", "probe", check)


def test_an_answer_about_another_file_is_checked_again(tree: Path) -> None:
    st = engine.settings(config.Config(root=tree))
    st.rules = [_probe_rule()]
    st.options["NL901"] = {"_root": str(tree)}
    first, _ = lint(tree, st)
    assert all(r.findings for r in first)
    _, cache = lint(tree, st)
    assert cache.hits == 2
    site._exists.cache_clear()
    (tree / "content" / "image.png").write_bytes(b"png")
    results, cache = lint(tree, st)
    assert cache.hits == 0 and not any(r.findings for r in results)


def _corpus_rule() -> Rule:
    def collect(doc, opts):
        return {"first": doc.text.split("\n\n", 1)[-1].split()[0]}

    def check_corpus(summaries, opts):
        words = {s["first"] for s in summaries.values()}
        if len(words) > 1:
            for path in sorted(summaries):
                yield path, Finding(0, 1, f"{len(words)} different first words")

    return Rule("NL902", "corpus", lambda doc, opts: iter(()), collect=collect, check_corpus=check_corpus)


def test_corpus_rules_run_from_cached_summaries(tree: Path) -> None:
    st = engine.settings(config.Config(root=tree))
    st.rules = [_corpus_rule()]
    first, _ = lint(tree, st)
    second, cache = lint(tree, st)
    assert cache.hits == 2
    assert shape(second) == shape(first)
    assert [f.message for r in second for f in r.findings] == ["2 different first words"] * 2
    assert all(r.summaries.get("NL902") for r in second)


def test_corpus_findings_are_not_stored_as_the_files_own(tree: Path) -> None:
    st = engine.settings(config.Config(root=tree))
    st.rules = [_corpus_rule()]
    lint(tree, st)
    (tree / "content" / "good.md").write_text(BAD, encoding="utf-8")  # now both start with "Medinsky"
    results, cache = lint(tree, st)
    assert cache.hits == 1
    assert not any(r.findings for r in results)


if sys.platform.startswith("linux"):
    def test_workers_send_summaries_back(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # fork copies this process, so the patched rule list reaches the workers' initializer
        rule = _corpus_rule()
        monkeypatch.setattr(engine, "available_rules", lambda cfg: [rule])
        monkeypatch.setattr(engine, "POOL_MIN", 1)
        cfg = config.from_mapping({"select": ["NL902"]}, root=tree)
        st = engine.settings(cfg)
        results = list(engine.lint_paths(files.discover([tree / "content"], cfg), st, jobs=2))
        assert [f.message for r in results for f in r.findings] == ["2 different first words"] * 2


def test_stat_fingerprints_spare_rereading_but_never_hide_a_write(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.cache as cache_mod

    monkeypatch.setattr(cache_mod, "_settled", lambda stat: True)  # as if the files were written long ago
    lint(tree)
    _, cache = lint(tree)  # hashes every file, finds it unchanged, remembers its fingerprint
    assert cache.hits == 2
    assert all(entry[3] for entry in Cache.open(engine.settings(config.Config(root=tree))).entries.values())
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    _, cache = lint(tree)
    assert cache.hits == 2 and not [p for p in read if "content" in p.parts]  # on the fingerprint alone
    path = tree / "content" / "good.md"
    stat = path.stat()
    path.write_text(GOOD.replace("Fine.", "Fine!"), encoding="utf-8")  # same size, same mtime after utime
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    results, cache = lint(tree)
    assert cache.misses == 1 and results[1].digest != ""


def test_a_corpus_pass_over_the_same_files_is_remembered(tree: Path) -> None:
    calls = []
    rule = _corpus_rule()
    counted = dataclasses.replace(rule, check_corpus=lambda s, o: calls.append(sorted(s)) or rule.check_corpus(s, o))
    st = engine.settings(config.Config(root=tree))
    st.rules = [counted]
    first, _ = lint(tree, st)
    assert len(calls) == 1
    second, cache = lint(tree, st)
    assert len(calls) == 1 and cache.hits == 2  # same files, same bytes: the stored findings serve
    assert shape(second) == shape(first)
    assert all(r.summaries.get("NL902") for r in second)  # still there when something asks
    (tree / "content" / "good.md").write_text(BAD, encoding="utf-8")
    third, _ = lint(tree, st)
    assert len(calls) == 2 and not any(r.findings for r in third)
    (tree / "content" / "good.md").write_text(GOOD, encoding="utf-8")
    fourth, _ = lint(tree, st)
    assert len(calls) == 2 and shape(fourth) == shape(first)  # an earlier file set is remembered too


def test_name_summaries_come_back_from_the_cache() -> None:
    # the names survey keeps its places as machine integers (an array): the cache's restricted
    # unpickler must let them through, or a warm run would silently lose the cross-file names
    import pickle

    from newslint.cache import _Summaries
    from newslint.names.corpus import Usage

    use = Usage(count=2, givens={"jane": "Jane"})
    use.flat.extend((1, 5, 1, 2, 1, 6, 10, 14, 2, 1, 2, 5))
    blob = pickle.dumps({"NL300": {"Smith": use}}, protocol=pickle.HIGHEST_PROTOCOL)
    back = _Summaries(blob)["NL300"]["Smith"]
    assert back.count == 2 and back.givens == {"jane": "Jane"}
    assert back.places == [(1, 5, 1, 2, 1, 6), (10, 14, 2, 1, 2, 5)]
