"""Rule packs: the YAML format, load-time checks, scopes, the shipped pack, and the CLI."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import newslint_command
from newslint import config, engine, packrules, packs
from newslint.config import ConfigError
from newslint.document import Document

ISSUE_PACK = """\
rules:
  - id: no-utilize            # full id: <pack name>/no-utilize; pack name = file stem unless `name:` is set
    kind: substitution
    message: "Use “use”, not “utilize”"
    severity: warning
    swap:                     # variant (string or /regex/) → preferred; case is preserved
      utilize: use
      utilized: used
    specs:
      - bad: We utilize the tool.
        good: We use the tool.
"""
HOUSE = Path(__file__).parent / "data" / "packs" / "house.yaml"
README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _project(tmp_path: Path, pack: str, name: str = "house.yaml", extra: str = "") -> Path:
    """A folder with a pack in style/ and a newslint.toml naming it."""
    (tmp_path / "style").mkdir(exist_ok=True)
    (tmp_path / "style" / name).write_text(pack, encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(f'packs = ["style/{name}"]\n{extra}', encoding="utf-8")
    return tmp_path / "newslint.toml"


def _settings(tmp_path: Path, pack: str, **kw) -> engine.Settings:
    return engine.settings(config.load(_project(tmp_path, pack, **kw)))


def _lint(st: engine.Settings, text: str, select: str | None = None):
    found = engine.run_rules(Document(text, **st.document_options), st)
    return [f for f in found if select is None or f.rule.startswith(select)]


def _house(**table) -> engine.Settings:
    table = {k.replace("_", "-"): v for k, v in table.items()}
    return engine.settings(config.from_mapping({"packs": [str(HOUSE)], **table}, root=Path.cwd()))


# -- the format -------------------------------------------------------------------------------


def test_the_format_of_the_issue_works_exactly(tmp_path: Path) -> None:
    st = _settings(tmp_path, ISSUE_PACK)
    rule = next(r for r in st.rules if r.id == "house/no-utilize")
    assert (rule.name, rule.severity, rule.fixable, rule.enabled) == ("no-utilize", "warning", True, True)
    text = "---\ntitle: Tools\n---\n\nWe utilize the tool. Utilized daily, UTILIZE it.\n"
    found = _lint(st, text, "house/")
    assert [(f.fragment, f.message) for f in found] == [
        ("utilize", "Use “use”, not “utilize”"), ("Utilized", "Use “use”, not “utilize”"),
        ("UTILIZE", "Use “use”, not “utilize”")]
    fixed, remaining, _ = engine.fix_document(Document(text, **st.document_options), st)
    assert fixed.text.endswith("We use the tool. Used daily, USE it.\n")


def test_pack_name_comes_from_name_or_the_file_stem(tmp_path: Path) -> None:
    st = _settings(tmp_path, "name: acme\n" + ISSUE_PACK)
    assert "acme/no-utilize" in {r.id for r in st.available}
    st = _settings(tmp_path / "b", ISSUE_PACK, name="newsroom-2.yaml") if (tmp_path / "b").mkdir() is None else None
    assert st is not None and "newsroom-2/no-utilize" in {r.id for r in st.available}


def test_pack_paths_are_relative_to_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _project(tmp_path, ISSUE_PACK)
    monkeypatch.chdir(tmp_path / "style")  # the working folder does not matter
    assert "house/no-utilize" in {r.id for r in engine.settings(config.load(cfg)).available}


def test_pack_rules_follow_selectors_options_and_per_file_ignores(tmp_path: Path) -> None:
    text = "---\ntitle: Tools\n---\n\nWe utilize the tool , daily.\n"
    st = _settings(tmp_path, ISSUE_PACK, extra='select = ["house/"]\n')
    assert {f.rule for f in _lint(st, text)} == {"house/no-utilize"}
    st = _settings(tmp_path, ISSUE_PACK, extra='ignore = ["house/*"]\n')
    assert {f.rule for f in _lint(st, text)} == {"NL102"}
    st = _settings(tmp_path, ISSUE_PACK, extra='[rules."house/no-utilize"]\nseverity = "error"\n')
    assert [f.severity for f in _lint(st, text, "house/")] == ["error"]
    st = _settings(tmp_path, ISSUE_PACK, extra='[rules.no-utilize]\nenabled = false\n')
    assert not _lint(st, text, "house/")
    with pytest.raises(ConfigError, match=r"\[rules.no-utilize\]: unknown option `swap`"):
        _settings(tmp_path, ISSUE_PACK, extra='[rules."house/no-utilize"]\nswap = "x"\n')
    st = _settings(tmp_path, ISSUE_PACK, extra='[per-file-ignores]\n"legacy/**" = ["house/no-utilize"]\n')
    doc = Document(text, str(tmp_path / "legacy" / "a.md"), **st.document_options)
    assert not [f for f in engine.run_rules(doc, st) if f.rule.startswith("house/")]


def test_a_rule_can_be_off_by_default(tmp_path: Path) -> None:
    pack = ISSUE_PACK.replace("    severity: warning\n", "    severity: warning\n    enabled: false\n")
    text = "---\ntitle: Tools\n---\n\nWe utilize the tool.\n"
    assert not _lint(_settings(tmp_path, pack), text, "house/")
    assert _lint(_settings(tmp_path, pack, extra='extend-select = ["house/no-utilize"]\n'), text, "house/")


# -- load-time checks -------------------------------------------------------------------------


@pytest.mark.parametrize("change,message", [
    (("good: We use the tool.", "good: We utilize the kit."),
     "rule `house/no-utilize`: spec 1 fails: `good: We utilize the kit.` is flagged: Use “use”, not “utilize”"),
    (("bad: We utilize the tool.", "bad: We employ the tool."),
     "rule `house/no-utilize`: spec 1 fails: `bad: We employ the tool.` is not flagged"),
    (("good: We use the tool.", "good: We use the tools."),
     "spec 1 fails: fixing `bad: We utilize the tool.` gives `We use the tool.`, not `good: We use the tools.`"),
    (("kind: substitution", "kind: replace"), "rule `no-utilize`: `rules[0].kind` must be one of existence"),
    (("    swap:", "    tokens: [x]\n    swap:"), "rule `no-utilize`: unknown key `tokens` (not a key of a substitution rule)"),
    # only the stray key is named, not the kind's own keys (evaluated in an if/then subschema)
    (("kind: substitution", "kind: occurrence\n    tokens: [x]\n    max: 1\n    colour: red\n    per: paragraph"),
     "rule `no-utilize`: unknown key `colour`; unknown key `swap` (not a key of an occurrence rule)"),
    (("    message: \"Use “use”, not “utilize”\"\n", ""), "rule `no-utilize`: missing required key `message`"),
    (("      utilize: use", "      /utiliz(e/: use"), "rule `house/no-utilize`: invalid regular expression /utiliz\\(e/: "
                                                      "missing \\) at position 8"),
    (("    swap:", "    scope: [heading]\n    swap:"), "unknown scope `heading`; did you mean `headings`\\?"),
    (("rules:", "rules: !!python/object/apply:os.system ['touch pwned']\nx:"), "not valid YAML"),
])
def test_a_broken_pack_is_a_config_error_naming_pack_rule_and_example(tmp_path: Path, change, message: str) -> None:
    pack = ISSUE_PACK.replace(*change)
    assert pack != ISSUE_PACK
    with pytest.raises(ConfigError, match=r"style/house\.yaml: .*" + (message if "\\" in message or ".*" in message
                                                                      else re.escape(message))):
        _settings(tmp_path, pack)
    assert not (tmp_path / "pwned").exists()


def test_an_invalid_regex_among_tokens_is_named_alone(tmp_path: Path) -> None:
    pack = "rules:\n  - id: no-very\n    kind: existence\n    message: m\n    tokens: [very, /re(ally/]\n"
    with pytest.raises(ConfigError, match=re.escape("rule `house/no-very`: invalid regular expression /re(ally/: "
                                                    "missing ) at position 7")):
        _settings(tmp_path, pack)


def test_missing_pack_file_and_duplicate_rule_ids(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('packs = ["nope.yaml"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"newslint.toml: packs: cannot read .*nope.yaml"):
        engine.settings(config.load(tmp_path / "newslint.toml"))
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "house.yaml").write_text(ISSUE_PACK, encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('packs = ["style/house.yaml", "a/house.yaml"]\n', encoding="utf-8")
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.yaml").write_text(ISSUE_PACK, encoding="utf-8")
    with pytest.raises(ConfigError, match="rule `house/no-utilize` is defined twice.*give one of the packs another `name:`"):
        engine.settings(config.load(tmp_path / "newslint.toml"))


def test_a_pattern_that_backtracks_catastrophically_becomes_a_finding(tmp_path: Path) -> None:
    pack = """\
rules:
  - id: evil
    kind: existence
    message: "evil"
    nonword: true
    tokens: ["/(a|aa)+$/"]
"""
    st = _settings(tmp_path, pack)
    text = "---\ntitle: x\n---\n\n" + "a" * 60 + "b\n"
    started = time.monotonic()
    found = _lint(st, text, "house/")
    assert time.monotonic() - started < 30
    assert [f.severity for f in found] == ["error"]
    assert "pack rule skipped this file: the regular expression /(?:(a|aa)+$)/ took longer than" in found[0].message


# -- kinds and scopes -------------------------------------------------------------------------

SCOPED = """\
---
title: Utilize the tool
description: We utilize it.
summary: Utilize this.
---

# Utilize it

We utilize it, with [a link to utilize](https://example.com/utilize) and `utilize()`.

| utilize |
| ------- |
| cell utilize |

```
utilize
```
"""


@pytest.mark.parametrize("scope,lines", [
    ("prose", [2, 3, 4, 7, 9, 9, 11, 13]),
    ("body", [7, 9, 9, 11, 13]),
    ("paragraphs", [9, 9, 11, 13]),
    ("headings", [7]),
    ("link-text", [9]),
    ("front-matter", [2, 3, 4]),
    ("title", [2]),
    ("description", [3]),
    ("front-matter.summary", [4]),
])
def test_scopes(tmp_path: Path, scope: str, lines: list[int]) -> None:
    pack = ISSUE_PACK.replace("    swap:", f"    scope: [{scope}]\n    swap:").replace("    specs:\n", "    x:\n")
    pack = pack.split("    x:\n")[0]
    st = _settings(tmp_path, pack)
    assert [f.line for f in _lint(st, SCOPED, "house/")] == lines


def test_a_single_scope_may_be_written_without_a_list(tmp_path: Path) -> None:
    pack = ISSUE_PACK.replace("    swap:", "    scope: link-text\n    swap:").split("    specs:\n")[0]
    st = _settings(tmp_path, pack)
    assert [f.line for f in _lint(st, SCOPED, "house/")] == [9]
    with pytest.raises(ConfigError, match="unknown scope `heading`; did you mean `headings`"):
        _settings(tmp_path, ISSUE_PACK.replace("    swap:", "    scope: heading\n    swap:"))


def test_direct_quotations_are_skipped_unless_asked(tmp_path: Path) -> None:
    text = ("---\ntitle: x\n---\n\n“We utilize it,” she said. \"They utilize it,\" he said.\n\n"
            "> They utilize it.\n\n“A quote that goes on, we utilize\n\n“and closes later,” he said. Utilize.\n")
    assert [f.line for f in _lint(_settings(tmp_path, ISSUE_PACK), text, "house/")] == [11]
    pack = ISSUE_PACK.replace("    swap:", "    skip-quotes: false\n    swap:")
    assert [f.line for f in _lint(_settings(tmp_path, pack), text, "house/")] == [5, 5, 7, 9, 11]


def test_nested_quotations_and_transcripts_are_speech(tmp_path: Path) -> None:
    st_ = _settings(tmp_path, ISSUE_PACK)
    nested = ("---\ntitle: x\n---\n\nShe said: “I sent (\"Hi, all.\"), and we utilize it.” Then we utilize it.\n")
    assert [f.column for f in _lint(st_, nested, "house/")] == [61]  # the second one only
    turns = "".join(f"**{name}**: We utilize it.\n\nAnd we utilize more.\n\n" for name in ("Ann Lee", "Bo", "Ann Lee"))
    transcript = f"---\ntitle: x\n---\n\nWe utilize the intro.\n\n{turns}## Notes\n\nWe utilize notes.\n"
    assert [f.line for f in _lint(st_, transcript, "house/")] == [5, 21]
    two = "".join(f"**{lead}:** We utilize it.\n\n" for lead in ("Update", "Correction"))
    assert len(_lint(st_, f"---\ntitle: x\n---\n\n{two}", "house/")) == 2, "two bold leads are not a transcript"


def test_substitution_groups_alternatives_and_case() -> None:
    st = _house()
    text = ("---\ntitle: Talks\ndescription: Talks in a city that is large enough.\n---\n\n"
            "Talks in Bombay and BOMBAY's suburbs (ignorecase: false); 12 people or less came. Bombay Stock Exchange and Bombay Sapphire stay.\n")
    found = [f for f in _lint(st, text, "house/") if f.rule != "house/acronym"]
    assert [(f.fragment, f.fix.edits[0].text if f.fix else None) for f in found] == [
        ("Bombay", "Mumbai"), ("12 people or less", None)]
    assert found[1].message == "Prefer “12 people or fewer” to “12 people or less”"


@pytest.mark.parametrize("matched,replacement,out", [
    ("utilize", "use", "use"), ("Utilize", "use", "Use"), ("UTILIZE", "use", "USE"), ("bombay", "Mumbai", "Mumbai"),
    ("Bombay", "Mumbai", "Mumbai"), ("BOMBAY", "Mumbai", "MUMBAI"), ("I", "me", "Me"), ("e-Mail", "email", "email"), ("", "x", "x"),
])
def test_match_case(matched: str, replacement: str, out: str) -> None:
    assert packrules.match_case(matched, replacement) == out


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = "Gen. Smith met Mr. Jones in the U.S. capital. They talked. “Why?” he asked. Then J. Doe left."
    got = [text[s:e] for s, e in packrules.sentences(text, 0, len(text))]
    assert got == ["Gen. Smith met Mr. Jones in the U.S. capital.", "They talked.", "“Why?” he asked.", "Then J. Doe left."]


def test_link_text_spans_cover_inline_and_reference_links_not_images() -> None:
    doc = Document("---\ntitle: x\n---\n\nSee [the [nested] report](https://a.b), [ref text][r], "
                   "![an image](i.png) and [![img](i.png)](https://c.d).\n\n[r]: https://e.f\n")
    assert [doc.text[s:e] for s, e in packrules.link_text_spans(doc)] == ["the [nested] report", "ref text",
                                                                          "![img](i.png)"]


# -- the candidate scan is exact --------------------------------------------------------------

WORDS = ["goverment", "Goverment", "recieve", "accomodations", "in", "regards", "to", "should", "of", "course", "the",
         "12", "noon", "very", "unique", "not", "completely", "comprised", "İstanbul", "utilize", "\n", "“", "”", ",",
         "free", "gift", "PIN", "number", "sneak", "peak", "Bombay", "chicken"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_candidate_scan_finds_what_a_full_scan_finds(words: list[str]) -> None:
    text = "---\ntitle: x\n---\n\n" + " ".join(words) + "\n"
    st_ = _house()
    for rule in st_.rules:
        impl = getattr(rule.check, "__self__", None)
        if impl is None or not getattr(impl, "needles", None):
            continue
        full = copy.copy(impl)
        full.needles = None
        doc = Document(text)
        assert [(f.start, f.end, f.message) for f in impl.check(doc, {})] == \
            [(f.start, f.end, f.message) for f in full.check(Document(text), {})], rule.id



PIECES = ["alot", "a lot", "per say", "must of", "12 noon", "utilize", "goverment", "non", "-", "(", "\u00e9",
          "_", "\ue000", " ", "  ", "x", "9", "é", "’", "\t", "irregardless",
          " the the", " of of", "the", " an an"]  # (repeated-word's needles ride on the same scan)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.booleans())
def test_the_automaton_and_the_regex_scan_find_the_same_positions(pieces: list[str], loose: bool) -> None:
    pytest.importorskip("ahocorasick_rs")
    lowered = "".join(pieces).lower()
    _house()  # the shipped and house packs' prefixes (registered once: the packs are built once)
    assert {"alot", "utilize"} <= packrules._WORD_START
    saved = set(packrules._ANYWHERE)
    try:
        if loose:  # a nonword rule's prefixes count anywhere, word characters around or not
            packrules._register(["ot", "-a"], loose=True)
        automaton = packrules._automaton_scan()
        assert automaton is not None
        assert automaton(lowered) == packrules._regex_scan()(lowered)
    finally:
        packrules._ANYWHERE.clear()
        packrules._ANYWHERE.update(saved)
        packrules._SCANS.clear()


def test_pack_rules_pickle_and_run_after_a_fresh_start() -> None:
    st = _house()
    saved = (set(packrules._WORD_START), set(packrules._ANYWHERE))
    blob = pickle.dumps(st.rules)
    try:
        packrules._WORD_START.clear()
        packrules._ANYWHERE.clear()
        packrules._SCANS.clear()
        rules = pickle.loads(blob)  # as a worker process would: nothing registered yet
        text = "---\ntitle: x\ndescription: A long enough description of it.\n---\n\nThe goverment will utilize it.\n"
        doc = Document(text)
        got = sorted(f.message for r in rules if "/" in r.id for f in r.check(doc, st.options[r.id]))
        assert got == ["Use “use”, not “utilize”", "“goverment” is misspelled; use “government”"]
    finally:
        packrules._WORD_START.update(saved[0])
        packrules._ANYWHERE.update(saved[1])
        packrules._SCANS.clear()


# -- the shipped pack -------------------------------------------------------------------------


def test_the_shipped_pack_is_valid_and_its_specs_hold() -> None:
    from newslint.resources import data_path

    for name in packs.SHIPPED:
        path = data_path("rules", name)
        rules = packs.build(packs._read(path), path, f"rules/{name}", check=True)
        assert rules
        for rule in rules:
            assert "Source:" in rule.doc, f"{rule.id} names no source"
            assert "Bad:" in rule.doc, f"{rule.id} has no bad example"


def test_the_shipped_rules_are_in_the_readme() -> None:
    for rule in packs.pack_rules(config.Config()):
        on = "on" if rule.enabled else "off"
        assert re.search(rf"^\| `{re.escape(rule.id)}` \| {on} \|", README, re.M), f"{rule.id} ({on}) missing from README"


def test_opt_in_rules_of_the_shipped_pack() -> None:
    text = "---\ntitle: Talks\n---\n\nWe utilized the tool in order to save time.\n"
    st_ = engine.settings(config.from_mapping({}, root=Path.cwd()))
    assert not _lint(st_, text, "news-style/")
    st_ = engine.settings(config.from_mapping({"extend-select": ["news-style/plain-words"]}, root=Path.cwd()))
    assert [f.fragment for f in _lint(st_, text, "news-style/")] == ["utilized", "in order to"]


def test_rules_only_run_on_their_languages() -> None:
    st_ = engine.settings(config.Config())
    text = "---\ntitle: x\nlang: {}\n---\n\nThe goverment met.\n"
    assert _lint(st_, text.format("en"), "news-style/")
    assert not _lint(st_, text.format("fr"), "news-style/")


# -- the command line -------------------------------------------------------------------------


def test_cli_lists_pack_rules_and_shows_their_docs(tmp_path: Path) -> None:
    _project(tmp_path, ISSUE_PACK)
    rules = subprocess.run(newslint_command() + ["rules"], capture_output=True, text=True, cwd=tmp_path)
    assert rules.returncode == 0, rules.stderr
    assert "pack style/house.yaml" in rules.stdout and "house/no-utilize  no-utilize  yes" in rules.stdout
    assert "pack rules/news-style.yaml" in rules.stdout
    doc = subprocess.run(newslint_command() + ["rule", "house/no-utilize"], capture_output=True, text=True, cwd=tmp_path)
    assert doc.returncode == 0, doc.stderr
    assert doc.stdout.startswith("house/no-utilize [no-utilize]  severity: warning  fixable: yes")
    assert "from: pack style/house.yaml" in doc.stdout
    assert "Swaps (a safe fix; alternatives are suggested, not fixed): utilize → use; utilized → used." in doc.stdout
    assert "Bad:  We utilize the tool.\nGood: We use the tool." in doc.stdout
    (tmp_path / "a.md").write_text("---\ntitle: Tools\n---\n\nWe utilize the tool.\n", encoding="utf-8")
    fix = subprocess.run(newslint_command() + ["check", "--fix", "a.md"], capture_output=True, text=True, cwd=tmp_path)
    assert fix.returncode == 1 and (tmp_path / "a.md").read_text(encoding="utf-8").endswith("We use the tool.\n")


def test_cli_reports_a_failing_spec_with_exit_2(tmp_path: Path) -> None:
    _project(tmp_path, ISSUE_PACK.replace("good: We use the tool.", "good: We use a tool."))
    r = subprocess.run(newslint_command() + ["check", "."], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2
    assert "style/house.yaml: rule `house/no-utilize`: spec 1 fails: fixing `bad: We utilize the tool.`" in r.stderr


def test_the_indefinite_article_follows_the_first_sound() -> None:
    """A replacement that starts with another sound takes the other article (an added bonus ->
    a bonus); vowel letters read as consonants, silent h and initialisms are read as spoken."""
    from newslint.packrules import indefinite_article

    assert [indefinite_article(w) for w in ("bonus", "added bonus", "unique", "user", "one-off", "European")] \
        == ["a", "an", "a", "a", "a", "a"]
    assert [indefinite_article(w) for w in ("hour", "honest", "umbrella", "ATM", "HIV", "USB")] \
        == ["an", "an", "an", "an", "an", "a"]


def test_an_article_changes_only_with_the_first_sound() -> None:
    """The fix changes "a"/"an" only where the replacement starts with another sound: "a free
    gift" keeps its "a", "an added bonus" becomes "a bonus"."""
    from newslint import fix_text

    out, _ = fix_text("---\ntitle: T\n---\n\nIt was a free gift and an added bonus.\n")
    assert out.endswith("It was a gift and a bonus.\n")
