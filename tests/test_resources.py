"""The shipped data: the JSON twin of the YAML tables is what the YAML files say."""

from __future__ import annotations

import json
from pathlib import Path

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
