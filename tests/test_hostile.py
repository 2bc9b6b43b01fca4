"""Hostile input: YAML bombs and deep nesting cost bounded time and memory, user patterns cannot
hang a run, schemas never reach the network, front-matter paths never leave the site, and neither
an article nor a config can make newslint run code.

Time bounds are generous (each case takes milliseconds to a second here); they only tell a
bounded run from a runaway one. On a slow or busy machine they grow with the time an ordinary
article of 400 KB takes there (``bound()``): a fixed 2 s failed on a machine half as fast as
the one it was set on, with no runaway anywhere.
"""

from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, files
from newslint.document import Document

BOUND = 2.0  # seconds of CPU time, for one article however hostile, on a machine as fast as ours
_ORDINARY = "The minister said on Tuesday, after [talks](https://a.gov/talks) in Kyiv, that the “deal” would hold.\n\n"


@functools.cache
def bound() -> float:
    """BOUND, or eight times what an ordinary article of 400 KB costs on this machine if more
    (0.3-0.6 s where BOUND was set; a runaway case costs minutes, not a multiple of that)."""
    lint("---\ntitle: warm\n---\nup\n")
    started = time.process_time()
    lint("---\ntitle: T\n---\n\n" + _ORDINARY * (400_000 // len(_ORDINARY)))
    return max(BOUND, 8 * (time.process_time() - started))


def lint(text: str, **table):
    cfg = config.from_mapping({"select": ["ALL"], **{k.replace("_", "-"): v for k, v in table.items()}},
                              root=Path.cwd())
    st = engine.settings(cfg)
    return engine.run_rules(Document(text, None, **st.document_options), st)


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a: &a [" + ",".join(["x"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * width) + "]")
    return "---\ntitle: T\n" + "\n".join(lines) + "\n---\nBody.\n"


HOSTILE = {
    "billion-laughs": _bomb(),
    "merge-key-bomb": "---\ntitle: T\na: &a {" + ", ".join(f"k{i}: v" for i in range(3000)) + "}\n"
                      + "".join(f"m{i}:\n  <<: *a\n" for i in range(3000)) + "---\nBody.\n",
    "chained-merges": "---\ntitle: T\n" + "l0: &l0 {a: 1, b: 2}\n" + "".join(
        f"l{i}: &l{i}\n  <<: [*l{i - 1}, *l{i - 1}]\n  k{i}: {i}\n" for i in range(1, 60)) + "---\nBody.\n",
    "huge-anchor": "---\ntitle: T\na: &a \"" + "x" * 200_000 + "\"\nb: [" + ", ".join(["*a"] * 10_000)
                   + "]\n---\nBody.\n",
    "huge-anchored-map": "---\ntitle: T\na: &a {" + ", ".join(f"k{i}: v" for i in range(5000)) + "}\nb: ["
                         + ", ".join(["*a"] * 5000) + "]\n---\nBody.\n",
    "recursive-alias": "---\ntitle: T\na: &a [1, *a]\nb: &b {self: *b}\n---\nBody.\n",
    "flow-seq-10000-deep": "---\ntitle: T\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody.\n",
    "flow-map-10000-deep": "---\ntitle: T\nx: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n---\nBody.\n",
    "unclosed-10000-deep": "---\ntitle: T\nx: " + "[" * 10_000 + "\n---\nBody.\n",
    "block-map-400-deep": "---\ntitle: T\n" + "".join(" " * i + f"k{i}:\n" for i in range(400)) + " " * 400
                          + "v: 1\n---\nBody.\n",
    "block-seq-deep": "---\ntitle: T\nx:\n" + "".join(" " * i + "-\n" for i in range(300)) + "---\nBody.\n",
    "many-keys": "---\ntitle: T\n" + "".join(f"k{i}: v\n" for i in range(25_000)) + "---\nBody.\n",
    "many-anchors": "---\ntitle: T\n" + "".join(f"k{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" if i else "k0: &a0 [x]\n"
                                                  for i in range(2000)) + "---\nBody.\n",
    "json-10000-deep": "{\"title\": \"T\", \"x\": " + "[" * 10_000 + "]" * 10_000 + "}\nBody.\n",
    "toml-deep": "+++\ntitle = \"T\"\nx = " + "[" * 5000 + "]" * 5000 + "\n+++\nBody.\n",
    "markdown-brackets": "---\ntitle: T\n---\n\n" + "[" * 50_000 + "x" + "]" * 50_000 + "\n",
    "markdown-emphasis": "---\ntitle: T\n---\n\n" + "*a " * 20_000 + "_b " * 20_000 + "\n",
    "markdown-backticks": "---\ntitle: T\n---\n\n" + "`" * 20_000 + " x " + "``" * 10_000 + "\n",
    "markdown-quotes": "---\ntitle: T\n---\n\n" + ">" * 50_000 + " x\n",
    "markdown-html": "---\ntitle: T\n---\n\n" + "<a " * 30_000 + "\n",
    "markdown-links": "---\ntitle: T\n---\n\n" + "[a](" * 20_000 + "\n",
    "quote-soup": "---\ntitle: T\n---\n\n" + "“‘\"'«»„" * 5_000 + "\n",
    "unclosed-templates": "---\ntitle: T\n---\n\nText " + "{{ x {% y <!-- z <? w " * 5_000 + "\n",
    "html-block-unclosed": "---\ntitle: T\n---\n\n<div>\n" + "<code>a {{ b <!-- c " * 5_000 + "\n</div>\n",
    "long-unique-list": "---\ntitle: T\ntags: [" + ",".join(f'"t{i}"' for i in range(8000)) + ', "t0"]\n---\nBody.\n',
    "toml-array-repeats": "+++\ntitle = \"T\"\ntags = [\n" + ",".join(f'"{i % 5000}"' for i in range(20_000))
                          + "\n]\n+++\nBody.\n",
    "reference-links": "---\ntitle: T\n---\n\n" + " ".join(f"[a{i}][r{i}]" for i in range(20_000)) + "\n",
    "stops-and-opening-marks": "---\ntitle: T\n---\n\n" + ".“ " * 20_000 + "\n",
    "unclosed-block-blank-lines": "---\n" + "a: b\n\n" * 160_000 + "Body text.\n",
    "glued-list-dashes": "---\nk:\n" + "- a\n-b\n" * 30_000 + "---\n\nBody.\n",
    "html-block-code": "---\ntitle: T\n---\n\n<div>\n" + "<code>x</code> <b>y</b> " * 10_000 + "\n</div>\n",
    "unclosed-link-titles": "---\ntitle: T\n---\n\n" + '[a](https://a.gov "t\n' * 20_000,
    # elements that declare a language (space-before-punctuation reads French passages by them)
    "language-elements": "---\ntitle: T\n---\n\n" + '<span lang="fr">Bonjour ?</span> et\n' * 20_000,
    # glued stops between distinct capitalised words (missing-space-after-punctuation asks, for
    # each, whether both words stand alone elsewhere)
    "glued-stops": "---\ntitle: T\n---\n\n" + "\n\n".join(
        f"Talks went on in Ab{w}.Cd{w} said more." for w in ("".join(chr(97 + int(d)) for d in f"{i:05d}")
                                                            for i in range(10_000))),
    # thousands of names of five letters before ".," (each asked whether the article writes it
    # without its stop elsewhere)
    "stop-comma-names": "---\ntitle: T\n---\n\n" + "\n\n".join(
        f"Talks went on in Q{w}., then more." for w in ("".join(chr(97 + int(d)) for d in f"{i:04d}")
                                                      for i in range(10_000))),
    # one glued pair written thousands of times (each asked how often the article glues it)
    "glued-stops-repeated": "---\ntitle: T\n---\n\n" + "\n\n".join(["Talks went on in Tower.Gen said more."] * 10_000),
    # dollar signs that open TeX math and never close it (the math pass pairs them line by line)
    "unclosed-math": "---\ntitle: T\n---\n\n" + "$$ a $x " * 20_000 + "\n" + "$$ b\n" * 20_000,
    "shortcode-closing-lines": "---\ntitle: T\n---\n\n{{< a >}}\n" + "\n>}}" * 30_000 + "\n{{< b\n" * 30_000 + ">}}\n",
    "template-comments": "---\ntitle: T\n---\n\n" + "{# a {::comment} b " * 20_000 + "\n" + "{# c #} {::comment}d{:/} " * 20_000,
    "definition-markers": "---\ntitle: T\n---\n\n" + "Term\n:   Its meaning\n" * 20_000,
    # a Spanish text of asides with one raya each retyped (dash-spacing asks, for each one-sided
    # raya, whether a hyphen stands for its partner)
    "spanish-retyped-rayas": "---\ntitle: T\nlang: es\n---\n\n" + "el cine —antes había mucho cine en la tele y los --tebeos " * 3000 + "\n",
    "unclosed-language-elements": "---\ntitle: T\n---\n\n" + '<span lang="fr">Bonjour ?\n' * 20_000,
}


@pytest.mark.parametrize("allow", [False, True], ids=["aliases-refused", "aliases-allowed"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_bounded_in_time(name: str, allow: bool) -> None:
    text = HOSTILE[name]
    lint("---\ntitle: warm\n---\nup\n", allow_yaml_aliases=allow)  # imports and compiled patterns
    started = time.process_time()  # CPU time: other processes on the machine do not count
    found = lint(text, allow_yaml_aliases=allow)
    elapsed = time.process_time() - started
    assert elapsed < bound(), f"{name}: {elapsed:.2f} s"
    assert not [f for f in found if f.rule == "NL999"], [f.message for f in found if f.rule == "NL999"]


HOSTILE_MDX = {
    "unclosed-braces": "---\ntitle: T\n---\n\n" + "{a " * 20_000 + "\n",
    "braces-and-quotes": "---\ntitle: T\n---\n\n" + "{{{'\"`" * 8_000 + "\n",
    "unclosed-jsx": "---\ntitle: T\n---\n\n" + "<A b={c " * 8_000 + "\n",
    "esm-lines": "---\ntitle: T\n---\n" + "import x from 'y'\n" * 20_000,
    "unclosed-fences": "---\ntitle: T\n---\n\n<A>\n" + "".join("  " + "`" * (3 + (-i) % 50) + "~" * (i % 2) + "\n" for i in range(20_000)),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_MDX))
def test_hostile_mdx_is_bounded_in_time(name: str) -> None:
    """An .mdx body's expressions and JSX are found by one scan, however they fail to close."""
    cfg = config.from_mapping({"select": ["ALL"]}, root=Path.cwd())
    st = engine.settings(cfg)
    engine.run_rules(Document("---\ntitle: warm\n---\n{up}\n", "w.mdx", **st.document_options), st)
    started = time.process_time()
    found = engine.run_rules(Document(HOSTILE_MDX[name], "x.mdx", **st.document_options), st)
    assert time.process_time() - started < bound(), name
    assert not [f for f in found if f.rule == "NL999"], [f.message for f in found if f.rule == "NL999"]


@pytest.mark.parametrize("name", ["billion-laughs", "merge-key-bomb", "chained-merges", "huge-anchor",
                                  "huge-anchored-map", "flow-seq-10000-deep", "many-keys"])
def test_hostile_yaml_is_bounded_in_memory(name: str) -> None:
    tracemalloc.start()
    try:
        lint(HOSTILE[name], allow_yaml_aliases=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 96 * 2**20, f"{name}: {peak / 2**20:.0f} MiB"


def test_what_the_bombs_are_reported_as() -> None:
    def rules(name: str, allow: bool) -> dict[str, str]:
        return {f.rule: f.message for f in lint(HOSTILE[name], allow_yaml_aliases=allow)}

    assert "aliases are not read" in rules("billion-laughs", False)["NL004"]
    assert "expands to more than" in rules("billion-laughs", True)["NL004"]
    assert "expands to more than 100,000 values through aliases; not read" in rules("merge-key-bomb", True)["NL004"]
    assert "expands to more than" in rules("chained-merges", True)["NL004"]
    assert "exceeded maximum nesting depth" in rules("flow-seq-10000-deep", False)["NL001"]
    assert "more than 20000 YAML nodes" in rules("many-keys", False)["NL001"]
    assert "nested too deep" in rules("markdown-quotes", False)["NL000"]


def test_the_cli_survives_every_hostile_file_at_once(tmp_path: Path) -> None:
    for name, text in HOSTILE.items():
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    (tmp_path / "ordinary.md").write_text("---\ntitle: T\n---\n\nMedinsky , said it.\n", encoding="utf-8")
    started = time.perf_counter()
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "--format", "json", "."], cwd=tmp_path,
                       capture_output=True, text=True, timeout=600)
    assert time.perf_counter() - started < 60 + bound() * len(HOSTILE)
    assert r.returncode == 1 and r.stderr == "", r.stderr
    records = json.loads(r.stdout)
    assert not [rec for rec in records if rec["rule"] == "NL999"]
    assert {(rec["path"], rec["rule"], rec["line"]) for rec in records} >= {("ordinary.md", "NL102", 5)}


# -- user patterns: packs and name dictionaries ---------------------------------------------------

EVIL = "(a|aa)+$"  # exponential backtracking on "aaa…ab"
EVIL_TEXT = "a" * 64 + "b"


def _evil_tree(root: Path) -> None:
    (root / "style").mkdir(parents=True)
    (root / "style" / "house.yaml").write_text(
        "rules:\n  - id: evil\n    kind: existence\n    message: evil\n    nonword: true\n"
        f"    tokens: [\"/{EVIL}/\"]\n", encoding="utf-8")
    (root / "style" / "names.yaml").write_text(
        f"names:\n  - canonical: Aaa\n    variants: [\"/{EVIL}/\"]\n", encoding="utf-8")
    (root / "newslint.toml").write_text('packs = ["style/house.yaml"]\n[names]\ndictionaries = ["style/names.yaml"]\n',
                                        encoding="utf-8")
    (root / "content").mkdir()
    for i in range(10):
        (root / "content" / f"ok{i}.md").write_text("---\ntitle: T\n---\n\nMedinsky , said it.\n", encoding="utf-8")
    (root / "content" / "evil.md").write_text(f"---\ntitle: T\n---\n\n{EVIL_TEXT}\n", encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_evil_pattern_in_a_pack_or_dictionary_cannot_hang_the_cli(tmp_path: Path, jobs: str) -> None:
    _evil_tree(tmp_path)
    started = time.perf_counter()
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "-j", jobs, "--format", "json", "content"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert time.perf_counter() - started < 60, "a time-bounded pattern took too long"
    assert r.returncode == 1 and r.stderr == "", r.stderr
    records = json.loads(r.stdout)
    evil = {rec["rule"]: rec["message"] for rec in records if rec["path"].endswith("evil.md")}
    assert "took longer than" in evil["house/evil"] and "took longer than" in evil["NL150"], evil
    assert sum(1 for rec in records if rec["rule"] == "NL102") == 10  # every other file was checked


def test_an_evil_pattern_cannot_hang_fix(tmp_path: Path) -> None:
    _evil_tree(tmp_path)
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "--fix", "-q", "content"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and r.stderr == ""
    assert (tmp_path / "content" / "evil.md").read_text(encoding="utf-8").endswith(EVIL_TEXT + "\n")
    assert (tmp_path / "content" / "ok0.md").read_text(encoding="utf-8").endswith("Medinsky, said it.\n")


# -- schemas never reach the network ------------------------------------------------------------


@pytest.mark.parametrize("how", ["ref", "id-and-relative-ref", "nested-ref"])
def test_a_remote_ref_is_never_fetched(tmp_path: Path, how: str) -> None:
    """A server of our own listens on a loopback port; the schema points at it. Nobody calls."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    try:
        schema = {
            "ref": {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": f"{url}/article.json"},
            "id-and-relative-ref": {"$schema": "https://json-schema.org/draft/2020-12/schema",
                                    "$id": f"{url}/schemas/main.json", "$ref": "other.json"},
            "nested-ref": {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                           "properties": {"title": {"$ref": f"{url}/title.json#/$defs/t"}}},
        }[how]
        (tmp_path / "remote.json").write_text(json.dumps(schema), encoding="utf-8")
        (tmp_path / "newslint.toml").write_text('[schemas]\n"**" = "remote.json"\n', encoding="utf-8")
        (tmp_path / "a.md").write_text("---\ntitle: T\n---\n\nBody.\n", encoding="utf-8")
        r = subprocess.run([*newslint_command(), "check", "--no-cache", "a.md"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=120)
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            conn = None
        assert conn is None, "newslint connected to the URL in a $ref"
    finally:
        server.close()
    if how == "id-and-relative-ref":  # a relative ref under a web $id means the schema's own folder
        assert r.returncode == 2 and "remote.json" in r.stderr and "other.json" in r.stderr, r.stderr
    else:
        assert r.returncode == 2 and "remote.json" in r.stderr and "127.0.0.1" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


# -- front-matter paths stay inside the site -------------------------------------------------------


def test_front_matter_and_link_paths_never_leave_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_root = tmp_path / "site"
    outside = tmp_path / "outside"
    (site_root / "content").mkdir(parents=True)
    (site_root / "static").mkdir()
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"secret")
    os.symlink(outside, site_root / "static" / "escape")
    os.symlink(outside / "secret.jpg", site_root / "static" / "link.jpg")
    (site_root / "newslint.toml").write_text('[rules.missing-file]\nenabled = true\nstatic-folders = ["static"]\n',
                                             encoding="utf-8")
    escapes = ["../../outside/secret.jpg", "/../outside/secret.jpg", "../../outside/nope.jpg",
               "escape/secret.jpg", "/escape/nope.jpg", "link.jpg", "%2e%2e/%2e%2e/outside/secret.jpg",
               str(outside / "secret.jpg"), f"file://{outside / 'secret.jpg'}"]
    images = "".join(f"  - {json.dumps(e)}\n" for e in escapes)
    links = "".join(f"[l{i}]({e}) " for i, e in enumerate(escapes))
    article = f"---\ntitle: T\nimages:\n{images}---\n\n{links}\n"
    (site_root / "content" / "a.md").write_text(article, encoding="utf-8")
    # its twin names files that exist nowhere: if the findings differ, the outside leaked in
    (site_root / "content" / "b.md").write_text(article.replace("secret.jpg", "nope.jpg"), encoding="utf-8")

    touched: list[str] = []
    for name in ("stat", "lstat", "readlink"):
        real = getattr(os, name)

        def spy(path, *args, _real=real, **kwargs):
            touched.append(os.fspath(path) if not isinstance(path, int) else "")
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, spy)
    opened: list[str] = []

    def audit(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            opened.append(os.fsdecode(args[0]))

    sys.addaudithook(audit)  # audit hooks cannot be removed: this one only appends to a list
    monkeypatch.chdir(site_root)
    st = engine.settings(config.load(site_root / "newslint.toml"))
    results = list(engine.lint_paths(files.discover([site_root / "content"], st.config), st, jobs=1))
    monkeypatch.undo()
    asked = [p for p in touched if os.path.abspath(p).startswith(str(outside))]
    assert not asked, f"asked the file system about paths outside the site: {asked}"
    assert not [p for p in opened if str(outside) in p], "opened a file outside the site"
    a, b = results
    for result in results:
        assert all(p.startswith(str(site_root)) for p in result.probes), result.probes
    assert [(f.rule, f.line, f.message.replace("secret", "nope")) for f in a.findings] == \
        [(f.rule, f.line, f.message) for f in b.findings], "whether an outside file exists showed in a finding"
    assert {f.rule for f in a.findings} >= {"NL014"}


# -- no code from articles or configs --------------------------------------------------------------


def test_yaml_tags_in_front_matter_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (f"---\ntitle: T\nx: !!python/object/apply:os.system [\"touch {marker}\"]\n"
            f"y: !!python/object/new:subprocess.Popen [[\"touch\", \"{marker}\"]]\n---\n\nBody.\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "--fix", "--unsafe-fixes", "--format", "json",
                        "a.md"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert not marker.exists(), "a YAML tag in an article ran code"
    assert r.returncode == 1 and r.stderr == ""
    found = [(rec["rule"], rec["line"]) for rec in json.loads(r.stdout)]
    assert ("NL001", 3) in found


@pytest.mark.parametrize("where", ["pack", "dictionary", "schema", "config"])
def test_config_files_never_run_code(tmp_path: Path, where: str) -> None:
    marker = tmp_path / "ran"
    tag = f"!!python/object/apply:os.system [\"touch {marker}\"]"
    (tmp_path / "a.md").write_text("---\ntitle: T\n---\n\nBody.\n", encoding="utf-8")
    if where == "pack":
        (tmp_path / "house.yaml").write_text(f"rules:\n  - id: x\n    kind: existence\n    message: {tag}\n"
                                             "    tokens: [a]\n", encoding="utf-8")
        config_text = 'packs = ["house.yaml"]\n'
    elif where == "dictionary":
        (tmp_path / "names.yaml").write_text(f"names:\n  - canonical: {tag}\n", encoding="utf-8")
        config_text = '[names]\ndictionaries = ["names.yaml"]\n'
    elif where == "schema":
        (tmp_path / "schema.yaml").write_text(f"type: object\ntitle: {tag}\n", encoding="utf-8")
        config_text = '[schemas]\n"**" = "schema.yaml"\n'
    else:  # the config names a module or a command: unknown keys are errors, nothing is imported
        config_text = 'plugins = ["os"]\nimport = "os"\ncommand = "touch ran"\n'
    (tmp_path / "newslint.toml").write_text(config_text, encoding="utf-8")
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "a.md"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60)
    assert not marker.exists(), f"a {where} ran code"
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert ("newslint.toml" if where == "config" else {"pack": "house.yaml", "dictionary": "names.yaml",
                                                       "schema": "schema.yaml"}[where]) in r.stderr


def test_symlinks_are_followed_inside_the_site_only(tmp_path: Path) -> None:
    from newslint import site

    root = tmp_path / "site"
    (root / "static").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "out", root / "static" / "escape")
    os.symlink("../static", root / "static" / "up")
    os.symlink("img.jpg", root / "static" / "alias.jpg")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    cases = {"static/escape/x.jpg": False, "static/up/up/up/img.jpg": True, "static/alias.jpg": True,
             "../out/x.jpg": False, "static/../../out/x.jpg": False, "loop-a/x.jpg": False, "static/new.jpg": True,
             "static/escape/../site/static/img.jpg": False, "static/up/../img.jpg": True}
    for rel, expected in cases.items():
        assert site.inside(root / rel, str(root)) is expected, rel
