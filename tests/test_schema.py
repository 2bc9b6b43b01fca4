"""Front-matter schemas: association, loading, $refs, caching, messages, positions, safety."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, schema
from newslint.document import Document

DATA = Path(__file__).parent / "data"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*newslint_command(), *args], cwd=cwd, capture_output=True, text=True)


def lint(text: str, table: dict | None = None, root: Path | None = None, path: str = "a.md", select=None):
    data = dict(table or {})
    if select:
        data["select"] = select
    cfg = config.from_mapping(data, root=root or Path.cwd())
    st = engine.settings(cfg)
    return engine.run_rules(Document(text, str((root or Path.cwd()) / path), **st.document_options), st)


def messages(findings, rule="NL010"):
    return [(f.line, f.message) for f in findings if f.rule == rule]


# -- the seed and the builtin article ------------------------------------------------------------


def test_seed_validates_except_the_empty_tags() -> None:
    text = (DATA / "pentagon-negotiations.md").read_text(encoding="utf-8")
    found = lint(text)  # the default rules: NL014 (missing files) is off by default
    found = [f for f in found if f.rule.startswith("NL0")]  # the seed has prose findings too (NL1xx)
    assert [(f.line, f.rule) for f in found if f.rule.startswith("NL0")] == [(13, "NL009")]
    assert found[0].message == "`tags` is empty (null); expected a list — write `tags: []` or remove the key"
    fix = found[0].fix
    assert fix is not None and fix.safe
    fixed = text[: fix.edits[0].start] + fix.edits[0].text + text[fix.edits[0].end:]
    assert fixed.splitlines()[12] == "tags: []"
    assert fixed.replace("tags: []", "tags:") == text  # every other byte kept
    assert [f for f in lint(fixed) if f.rule.startswith("NL0")] == []


def test_issue_messages() -> None:
    found = lint("---\ndate: 31.05.2022\ntags:\n---\nBody.\n", select=["NL0"])
    assert (1, "missing required key `title`") in messages(found)
    assert (2, "`date` is not an ISO 8601 date-time: 31.05.2022") in messages(found)
    assert (3, "`tags` is empty (null); expected a list — write `tags: []` or remove the key") in messages(found, "NL009")


def test_unknown_key_in_a_closed_schema(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps({"type": "object", "additionalProperties": False,
                                                 "properties": {"title": {}, "lastmod": {}}}))
    found = lint("---\ntitle: T\nlastmodified: 2022-05-31\n---\n", {"schemas": {"*.md": "s.json"}}, tmp_path)
    assert messages(found) == [(3, "unknown key `lastmodified`; did you mean `lastmod`?")]
    assert found[0].column == 1 and found[0].end_column == len("lastmodified") + 1  # the key, not the block


def test_unevaluated_properties_name_only_the_unknown_keys(tmp_path: Path) -> None:
    # keys declared in an allOf branch are evaluated: they are not unknown, and they are suggested
    (tmp_path / "s.json").write_text(json.dumps({
        "type": "object", "unevaluatedProperties": False,
        "allOf": [{"properties": {"title": {"type": "string"}}},
                  {"if": {"required": ["title"]}, "then": {"properties": {"lastmod": {"type": "string"}}}}]}))
    found = lint("---\ntitle: T\nlastmod: '2022'\nlastmodified: 2022-05-31\n---\n", {"schemas": {"*.md": "s.json"}},
                 tmp_path)
    assert messages(found) == [(4, "unknown key `lastmodified`; did you mean `lastmod`?")]


def test_no_python_reprs_in_messages(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps({
        "type": "object",
        "properties": {"a": {"const": {"x": [1, None]}}, "b": {"enum": [None, True, "x"]},
                       "c": {"type": "string"}, "d": {"not": {"type": "array"}}, "e": {"maxLength": 2}},
    }))
    found = lint("---\na: {k: 1}\nb: 7\nc: [1, 2]\nd: [1]\ne: long\n---\n", {"schemas": {"*.md": "s.json"}},
                 tmp_path)
    text = " ".join(f.message for f in found)
    assert len(found) == 5
    for repr_marker in ("None", "True", "{'", "['", "is not valid under"):
        assert repr_marker not in text, text
    assert '`a` must be {"x": [1, null]}; got {"k": 1}' in text and "must be one of null, true, x; got 7" in text


def test_positions_in_toml_and_json() -> None:
    toml = '+++\ntitle = "T"\ndate = "31.05.2022"\ntags = ["a", 1]\n+++\n'
    found = lint(toml, select=["NL010"])
    assert [(f.line, f.column) for f in found] == [(3, 8), (4, 8)]
    js = '{\n  "title": "T",\n  "date": "31.05.2022"\n}\n'
    found = lint(js, select=["NL010"])
    assert [(f.line, f.column, f.end_column) for f in found] == [(3, 11, 23)]


# -- association -----------------------------------------------------------------------------------


def test_first_matching_glob_wins_and_unmatched_is_not_validated(tmp_path: Path) -> None:
    table = {"schemas": {"news/**": "builtin:hugo", "**/*.md": "builtin:article", "drafts/**": "none"}}
    text = "---\nweight: heavy\n---\n"
    assert [f.message for f in lint(text, table, tmp_path, "news/a.md", ["NL010"])] == \
        ["`weight` is a string (heavy); expected a whole number"]
    assert messages(lint(text, table, tmp_path, "drafts/a.md", ["NL010"])) == [(1, "missing required key `title`")]
    table = {"schemas": {"news/**": "builtin:hugo"}}
    assert lint(text, table, tmp_path, "other/a.md", ["NL010"]) == []


def test_config_table_is_validated(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError, match="schemas"):
        config.from_mapping({"schemas": {"*.md": 3}}, root=tmp_path)
    with pytest.raises(config.ConfigError, match="unknown built-in schema `builtin:nope`"):
        config.from_mapping({"schemas": {"*.md": "builtin:nope"}}, root=tmp_path)


# -- broken schemas are config errors ----------------------------------------------------------------


@pytest.mark.parametrize("contents, expected", [
    ("{not json", "not valid JSON"),
    ('{"type": "strng"}', "not a valid JSON Schema"),
    ('{"properties": {"a": {"$ref": "missing.json"}}}', "cannot resolve $ref `missing.json`"),
    ('{"properties": {"a": {"$ref": "#/$defs/nope"}}}', "cannot resolve $ref `#/$defs/nope`"),
    ('{"properties": {"a": {"$ref": "https://example.org/s.json"}}}', "remote references are never fetched"),
])
def test_broken_schema_is_exit_2_naming_the_file(tmp_path: Path, contents: str, expected: str) -> None:
    (tmp_path / "news.schema.json").write_text(contents)
    (tmp_path / "newslint.toml").write_text('[schemas]\n"*.md" = "news.schema.json"\n')
    (tmp_path / "a.md").write_text("---\ntitle: T\n---\nBody.\n")
    r = run("check", "a.md", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "news.schema.json" in r.stderr and expected in r.stderr, r.stderr


def test_missing_schema_file_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('[schemas]\n"*.md" = "nope.json"\n')
    (tmp_path / "a.md").write_text("---\ntitle: T\n---\nBody.\n")
    r = run("check", "a.md", cwd=tmp_path)
    assert r.returncode == 2 and "nope.json: cannot read the schema file" in r.stderr


def test_local_refs_resolve_relative_to_the_schema_file(tmp_path: Path) -> None:
    (tmp_path / "schemas" / "parts").mkdir(parents=True)
    (tmp_path / "schemas" / "news.json").write_text(json.dumps(
        {"$id": "https://example.org/schemas/news.json",
         "properties": {"byline": {"$ref": "parts/byline.json"}, "desk": {"$ref": "parts/byline.json#/$defs/desk"}}}))
    (tmp_path / "schemas" / "parts" / "byline.json").write_text(json.dumps(
        {"type": "string", "minLength": 3, "$defs": {"desk": {"enum": ["news", "sport"]}}}))
    table = {"schemas": {"**": "schemas/news.json"}}
    found = lint("---\nbyline: AB\ndesk: weather\n---\n", table, tmp_path)
    assert messages(found) == [(2, "`byline` is shorter than 3 characters"),
                               (3, "`desk` must be one of news, sport; got weather")]


def test_yaml_schema_files(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("type: object\nrequired: [slug]\n")
    assert messages(lint("---\ntitle: T\n---\n", {"schemas": {"**": "s.yaml"}}, tmp_path)) == \
        [(1, "missing required key `slug`")]


def test_one_validator_per_schema_and_content(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"required": ["a"]}')
    first = schema.load_source("s.json", tmp_path)
    again = schema.load_source("s.json", tmp_path)
    assert schema.compiled(first) is schema.compiled(again)
    path.write_text('{"required": ["b"]}')
    changed = schema.load_source("s.json", tmp_path)
    assert schema.compiled(changed) is not schema.compiled(first)


# -- formats -----------------------------------------------------------------------------------------


def test_formats_are_really_checked(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps({"properties": {
        "d": {"format": "date"}, "u": {"format": "uri"}, "e": {"format": "email"}, "t": {"format": "date-time"},
        "i": {"format": "iri"}}}))
    found = lint("---\nd: 2022-02-30\nu: example.org\ne: nobody\nt: today\ni: not an iri\n---\n",
                 {"schemas": {"**": "s.json"}}, tmp_path)
    assert [line for line, _ in messages(found)] == [2, 3, 4, 5, 6]


def test_unchecked_format_is_reported_once_per_run(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps({"properties": {"slug": {"format": "slug"}}}))
    (tmp_path / "newslint.toml").write_text('[schemas]\n"*.md" = "s.json"\n')
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("---\ntitle: T\nslug: x\n---\nBody.\n")
    r = run("check", "--format", "json", ".", cwd=tmp_path)
    found = [f for f in json.loads(r.stdout) if f["rule"] == "NL010"]
    assert len(found) == 1 and found[0]["severity"] == "warning" and found[0]["path"] == "a.md"
    assert "format `slug`" in found[0]["message"] and found[0]["line"] == 1


# -- safety ------------------------------------------------------------------------------------------

BOMB = ("---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n")


@pytest.mark.parametrize("allow", [False, True])
def test_alias_bomb_is_cheap(allow: bool) -> None:
    assert len(BOMB.encode()) < 330
    start = time.perf_counter()
    found = lint(BOMB, {"allow-yaml-aliases": allow, "select": ["ALL"]})
    assert time.perf_counter() - start < 1.0  # generous: it takes milliseconds
    rules = {f.rule for f in found}
    assert "NL004" in rules and "NL010" not in rules


def test_deep_nesting_is_bounded() -> None:
    text = "---\ntitle: T\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    start = time.perf_counter()
    found = lint(text, select=["ALL"])
    assert time.perf_counter() - start < 2.0
    assert all(f.rule != "NL999" for f in found)


# -- key suggestions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key, known, loose, expected", [
    ("tilte", ["title"], False, "title"),
    ("catgories", ["categories"], False, "categories"),
    ("image", ["images"], False, None),  # plural pairs are different keys
    ("name", ["date"], False, None),
    ("lastmodified", ["lastmod"], False, None),
    ("lastmodified", ["lastmod"], True, "lastmod"),
    ("Title", ["title"], False, "title"),
])
def test_suggest_key(key: str, known: list[str], loose: bool, expected: str | None) -> None:
    assert schema.suggest_key(key, known, loose=loose) == expected


# -- the fast validity check agrees with jsonschema --------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_DATES = st.sampled_from(["2022-05-31T05:32:23+03:00", "2022-05-31 05:32:23", "2022-02-30", "31.05.2022",
                          "2014-01-10 12:06:21 +1100", "2022-05-31", "15 Oct 2023", "2022-13-01", "now"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-2, 2, allow_nan=False),
                     st.text(max_size=4), _DATES, st.sampled_from(["auto", "draft", "published", "always"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                          st.dictionaries(st.sampled_from(["src", "name", "list"]),
                                                                          inner, max_size=2)), max_leaves=6)
_KEYS = st.sampled_from(["title", "description", "date", "lastmod", "images", "authors", "tags", "draft",
                         "weight", "build", "categories", "resources", "status", "byline", "contact", "published",
                         "expiryDate", "other"])


def _schemas() -> list:
    closed = schema.SchemaSource("closed", "", "x", json.loads(
        (Path(__file__).parent / "fixtures" / "schema-violation" / "closed.schema.json").read_text()))
    closed = schema.SchemaSource("closed", "", "closed", {**closed.contents, "properties": {
        k: v for k, v in closed.contents["properties"].items() if k != "byline"}})  # its $ref is external
    return [schema.compiled(schema.builtin(n)) for n in ("article", "hugo", "jekyll")] + [schema.compiled(closed)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_KEYS, _VALUES), min_size=1, max_size=2))
def test_fast_check_agrees_with_jsonschema(pairs: list) -> None:
    # a valid base, so that the drawn keys decide: most drawn values are then valid or not on their own
    data = {"title": "T", "date": "2022-05-31T05:32:23+03:00", **dict(pairs)}
    for compiled in _schemas():
        assert compiled.fast is not None
        assert compiled.fast(data) == (next(compiled.validator.iter_errors(data), None) is None), compiled.source.label
