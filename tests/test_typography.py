"""The spacing, punctuation and character rules together: the seed article, and convergence.

Fixing a damaged article must give the text fixing the original gives, whatever order the
fixes land in, and the rules must never pull one stretch of text in two directions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint import config, engine
from newslint.document import Document

DATA = Path(__file__).parent / "data"
MINE = ("NL100", "NL101", "NL102", "NL103", "NL104", "NL105", "NL106", "NL107", "NL108", "NL120", "NL121")


@lru_cache(maxsize=None)
def _settings(select=MINE):
    return engine.settings(config.from_mapping({"select": list(select)}, root=Path.cwd()))


def fix(text: str, select=MINE) -> str:
    out, _, _ = engine.fix_document(Document(text), _settings(tuple(select)))
    return out.source


def lint(text: str, select=MINE):
    return engine.run_rules(Document(text), _settings(tuple(select)))


def test_seed_article() -> None:
    seed = (DATA / "pentagon-negotiations.md").read_text(encoding="utf-8")
    assert {(f.line, f.rule) for f in lint(seed)} == {(20, "NL106"), (24, "NL103"), (26, "NL102")}
    fixed = fix(seed)
    before, after = seed.splitlines(), fixed.splitlines()
    assert len(before) == len(after)
    assert [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b] == [20, 24, 26]
    assert "chance of escalation [...]. I think" in after[19]  # (its one ellipsis, the marker's, is typed so)
    assert fix(fixed) == fixed


CLEAN = (DATA / "typography-clean.md").read_text(encoding="utf-8")

# (what the clean article says, what a hurried edit makes of it)
DAMAGE = [
    ("hours, officials said. The U.S.", "hours, officials said.The U.S."),
    ("Medinsky, said", "Medinsky , said"),
    ("Medinsky, said", "Medinsky,, said"),
    ("met in Istanbul", "met  in Istanbul"),
    ("(the first meeting since March)", "( the first meeting since March )"),
    ("escalation […].", "escalation <...>."),
    ("“hardly possible… but", "“hardly possible... but"),
    ("talks — an account", "talks - an account"),
    ("talks — an account", "talks -- an account"),
    ("office — which", "office —which"),
    ("office — which", "office—which"),
    ("Growth was", "Gro\u200bwth was"),
    ("Vladimir Medinsky", "Vladimir Medin\u00adsky"),
    ("Turkey hosted", "Turkey hоsted"),  # a Cyrillic о
    ("3.5 percent, or", "3.5 percent,or"),
]


@pytest.mark.parametrize("clean, damaged", DAMAGE, ids=[d for _, d in DAMAGE])
def test_fixing_a_damaged_article_restores_it(clean: str, damaged: str) -> None:
    assert lint(CLEAN) == []
    assert clean in CLEAN
    broken = CLEAN.replace(clean, damaged, 1)
    assert lint(broken), "the damage must be found"
    assert fix(broken) == CLEAN


def test_all_damage_at_once_is_repaired() -> None:
    broken = CLEAN
    for clean, damaged in DAMAGE:
        if clean in broken:
            broken = broken.replace(clean, damaged, 1)
    assert fix(broken) == CLEAN


def _fix_rule_by_rule(text: str, order) -> str:
    for rule in order:
        text = fix(text, [rule])
    return fix(text)


def test_fixes_do_not_depend_on_the_order_rules_fix_in() -> None:
    broken = CLEAN
    for clean, damaged in DAMAGE:
        if clean in broken:
            broken = broken.replace(clean, damaged, 1)
    assert _fix_rule_by_rule(broken, MINE) == _fix_rule_by_rule(broken, tuple(reversed(MINE))) == CLEAN


# Prose made of the pieces these rules care about, so their interactions are hit often.
PIECES = ["word", "Word", " ", "  ", ".", ",", ";", ":", "!", "?", "...", "…", " - ", " -- ", "--", " — ", "—",
          " – ", "(", ")", "[", "]", "<...>", "[…]", "“", "”", "\u200b", "\u00ad", "а", "о", "U.S.", "3.5", "\n",
          "\u00a0", ":)", "**", "_", "2010", "-", "The", "e.g.", "\t", "'", '"', "Ms", "May", "1"]
prose = st.lists(st.sampled_from(PIECES), max_size=40).map(lambda p: "---\ntitle: x\n---\n\n" + "".join(p) + "\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose)
def test_rule_order_never_changes_the_fixed_text(text: str) -> None:
    once = fix(text)
    assert fix(once) == once
    assert _fix_rule_by_rule(text, MINE) == once
    assert _fix_rule_by_rule(text, tuple(reversed(MINE))) == once


def test_hyphen_dash_and_repeated_space_agree() -> None:
    text = "---\ntitle: x\n---\n\nTalks resumed  -  both sides said so — and left.\n"
    assert fix(text) == "---\ntitle: x\n---\n\nTalks resumed — both sides said so — and left.\n"


def test_elision_and_ellipsis_and_doubled_punctuation_agree() -> None:
    text = "---\ntitle: x\n---\n\n“We will go on <...>,” he said... Then he left.. Nobody followed…\n"
    out = fix(text)
    assert "[…]" in out and "..." not in out and ".." not in out
    assert re.search(r"said… Then he left\. Nobody", out)


def test_a_hyphen_after_a_repaired_link_is_judged_as_after_the_link() -> None:
    """`[text] (url) - a`: the link repair and the dash rules must leave the text as they leave
    `[text](url) - a`, whatever was fixed first (a dash after a link is not judged)."""
    clean = "---\ntitle: x\n---\n\nThe outcome: [the design system](https://designsystem.digital.gov/) - a free tool.\n"
    damaged = clean.replace("](", "] (")
    rules = MINE + ("NL132",)
    assert fix(damaged, rules) == fix(clean, rules)


def test_ellipsis_against_dots_is_reported_but_not_rewritten_into_a_leader() -> None:
    # '…' then '...': rewriting '…' to dots would make six dots, a leader that no longer votes
    text = "---\ntitle: x\n---\n\n…... ,...\n"
    assert fix(text) == "---\ntitle: x\n---\n\n…...,...\n"
    assert _fix_rule_by_rule(text, MINE) == _fix_rule_by_rule(text, tuple(reversed(MINE))) == fix(text)


def test_every_stretch_of_dots_in_a_punctuation_run_is_an_ellipsis() -> None:
    text = "---\ntitle: x\n---\n\nWait…,... no… and… yes.\n"
    assert fix(text) == "---\ntitle: x\n---\n\nWait…,… no… and… yes.\n"


def test_word_lists_in_data_tables_hold_only_words():
    """YAML 1.1 reads a bare On, No, Yes, Off as a boolean: a word list must quote them (NL100's
    sentence starters lost "On", so "Omaha Beach.On June 6" went unreported)."""
    import yaml

    from newslint.resources import data_path

    root = data_path("rules", "typography.yaml").parent
    bad = []
    for path in sorted(root.glob("*.yaml")):
        def walk(node, where):
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, f"{where}.{k}")
            elif isinstance(node, list):
                if any(isinstance(x, str) for x in node):
                    bad.extend(f"{where}[{i}] = {x!r}" for i, x in enumerate(node) if isinstance(x, bool))
                for x in node:
                    walk(x, where)
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert not bad, bad


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é\u0100\u4e00\U0001d413\U000e0041\U0001f600"), max_size=600),
       st.integers(min_value=0, max_value=3))
def test_astral_test_agrees_with_max(body: str, repeat: int) -> None:
    """typography._astral reads a string's size instead of every character: it must say what
    ``max`` says, for every width of string CPython keeps (1, 2 and 4 bytes a character)."""
    from newslint import typography

    text = body * (repeat + 1)
    assert typography._astral(text) == (max(text, default="") > "\uffff")


def test_astral_candidates_in_a_long_article() -> None:
    """Tag characters and mathematical letters are found beyond the leading set's characters,
    in a run with an invisible character of the BMP too, and a flag's tags are left alone."""
    body = ("Plain words here. " * 40 + "Fans waved \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
            " and the re\U000e0041\u200bport and \U0001d413he end.\n")
    text = "---\ntitle: T\n---\n\n" + body
    st_ = engine.settings(config.from_mapping({}))
    doc = Document.from_bytes(text.encode(), "a.md", **st_.document_options)
    got = sorted((f.rule, doc.text[f.start:f.end]) for f in engine.run_rules(doc, st_) if f.rule in ("NL120", "NL121"))
    assert got == [("NL120", "\U000e0041\u200b"), ("NL121", "\U0001d413he")]


def test_every_odd_space_has_a_name() -> None:
    """repeated-space names each blank of typography.ODD_SPACES in its message: the two lists
    live in two modules and must hold the same characters (a blank without a name would raise)."""
    from newslint.rules import repeated_space
    from newslint.typography import ODD_SPACES

    assert set(repeated_space._BLANK_NAMES) == set(ODD_SPACES)
