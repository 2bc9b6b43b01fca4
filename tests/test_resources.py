"""The shipped data: the JSON twin of the YAML tables is what the YAML files say."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import resources

RULES = Path(__file__).resolve().parents[1] / "rules"


def test_the_parsed_tables_are_those_of_the_yaml_files() -> None:
    parsed = resources.load_json("rules", resources.PARSED_TABLES)
    yaml_files = sorted(p.name for p in RULES.glob("*.yaml"))
    stale = "rules/parsed-tables.json is stale: run PYTHONPATH=src python -c 'from newslint.resources import write_parsed_tables; " \
            "write_parsed_tables()'"
    assert sorted(parsed) == yaml_files, stale
    for name in yaml_files:
        text = (RULES / name).read_text(encoding="utf-8")
        assert parsed[name]["sha256"] == resources._sha256(text), f"{name}: {stale}"
        # as JSON text: the same types (true is not 1), keys and order
        assert json.dumps(parsed[name]["data"]) == json.dumps(resources.parse_yaml(RULES / name)), f"{name}: {stale}"


def test_load_yaml_reads_the_twin_only_while_it_is_current(monkeypatch) -> None:
    names = (RULES / "names.yaml").read_text(encoding="utf-8")
    twins = {"names.yaml": {"sha256": resources._sha256(names), "data": {"names": []}},
             "quotes.yaml": {"sha256": resources._sha256("an older text"), "data": {"stale": True}}}
    resources.load_yaml.cache_clear()
    monkeypatch.setattr(resources, "_parsed_tables", lambda: twins)
    try:
        assert resources.load_yaml("rules", "names.yaml") == {"names": []}  # current: the twin
        assert resources.load_yaml("rules", "quotes.yaml") == resources.parse_yaml(RULES / "quotes.yaml")  # stale
        assert resources.load_yaml("rules", "dates.yaml") == resources.parse_yaml(RULES / "dates.yaml")  # none
    finally:
        resources.load_yaml.cache_clear()


def test_the_shipped_word_lists_read_as_a_filter_per_line_would() -> None:
    """word_list splits the text once; these are the readings it replaced, line by line."""
    for name in ("english-words.txt", "given-names.txt", "given-names-world.txt"):
        text = (RULES / name).read_text(encoding="utf-8")
        words = resources.word_list(name)
        assert set(words) == {line for line in text.split("\n") if line and not line.startswith("#")}
        assert set(words) == {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
        assert all(w and not w.startswith("#") for w in words)


def test_word_list_skips_the_header(tmp_path, monkeypatch) -> None:
    for text, expected in [("# a\n# b\nX\nY\n", ["X", "Y"]), ("X\nY", ["X", "Y"]), ("# only\n", []), ("", []),
                           ("#", []), ("# a\n\nX\n", ["", "X"])]:
        (tmp_path / "list.txt").write_text(text, encoding="utf-8")
        monkeypatch.setattr(resources, "data_path", lambda kind, name: tmp_path / name)
        assert resources.word_list("list.txt") == expected, text


def test_the_english_words_are_sorted_and_answer_as_their_set() -> None:
    words = resources.word_list("english-words.txt")
    assert words == sorted(words), "rules/english-words.txt must stay sorted (SortedWords reads it by first letter)"
    english = resources.SortedWords("\n".join(words))
    assert all(w in english for w in words)
    known = set(words)
    for probe in ("", "#", "\n", "a\nb", "Zürich", "zzzz", "GOVERNMENT", "governments", "Aachen ", " aachen"):
        assert (probe in english) == (probe in known), probe


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abAB\u00e9#-", min_size=1, max_size=4).filter(lambda w: not w.startswith("#")),
                max_size=30),
       st.lists(st.text(alphabet="abAB\u00e9#-\n", max_size=4), max_size=20))
def test_sorted_words_answer_as_the_set_of_the_lines(lines: list[str], probes: list[str]) -> None:
    lines = sorted(set(lines))
    words = resources.SortedWords("\n".join(lines))
    for probe in probes + lines:
        assert (probe in words) == (probe in set(lines)), (lines, probe)
