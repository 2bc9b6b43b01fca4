"""User-supplied patterns run with a time bound: hostile input never hangs a run."""

from __future__ import annotations

import pickle
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import saferegex
from newslint.saferegex import PatternError, PatternTimeout

EVIL = [r"(a+)+$", r"(a|aa)+$", r"(a|a)*$", r"(\w|\w\w)+$", r"^(a+)+b"]


@pytest.mark.parametrize("source", EVIL)
def test_catastrophic_backtracking_is_bounded(source: str) -> None:
    # On "aaaa…b" a plain backtracking engine needs ~2^n steps; these would not finish with re.
    pattern = saferegex.compile(source, timeout=0.2)
    text = "intro " + "a" * 64 + "!"  # short enough to matter for backtracking, long enough to hang re
    started = time.monotonic()
    for call in (lambda: list(pattern.finditer(text)), lambda: pattern.search(text),
                 lambda: pattern.sub("x", text)):
        try:
            call()  # the regex engine may also prove it cannot match and return at once
        except PatternTimeout as exc:
            assert exc.pattern == source and "took longer than 0.2 s" in str(exc)
    assert time.monotonic() - started < 10, "a pattern timeout must bound every call"


def test_a_known_evil_pattern_times_out_with_a_clear_message() -> None:
    pattern = saferegex.compile(r"(a|aa)+$", timeout=0.1)
    with pytest.raises(PatternTimeout, match=r"/\(a\|aa\)\+\$/ took longer than 0.1 s.*simplify it"):
        pattern.search("a" * 80 + "b")


def test_the_time_bound_covers_a_whole_iteration() -> None:
    pattern = saferegex.compile(r"(a|aa)+b$", saferegex.MULTILINE, timeout=0.2)
    text = ("a" * 24 + "c\n") * 200  # each line alone is slow but finishes; all of them is too slow
    started = time.monotonic()
    with pytest.raises(PatternTimeout):
        list(pattern.finditer(text))
    assert time.monotonic() - started < 10


def test_ordinary_patterns_behave_like_re() -> None:
    p = saferegex.compile(r"\b(util)iz(e[ds]?)\b", saferegex.IGNORECASE)
    text = "We Utilized it; they utilize it."
    assert [m.group(0) for m in p.finditer(text)] == ["Utilized", "utilize"]
    assert [m.span() for m in p.finditer(text, 10)] == [(21, 28)]
    assert p.search(text).group(1) == "Util"
    assert p.match(text) is None and p.fullmatch("utilizes")
    assert p.sub(r"\1", text) == "We Util it; they util it."
    assert p.groups == 2


@pytest.mark.parametrize("source,reason", [
    ("(ab", "missing ) at position 3"),
    ("a{2,1}", "min repeat greater than max repeat"),
    ("[z-a]", "bad character range"),
    ("x" * (saferegex.MAX_PATTERN_LENGTH + 1), "characters long"),
])
def test_invalid_patterns_are_config_errors(source: str, reason: str) -> None:
    with pytest.raises(PatternError, match=reason.replace(")", r"\)")):
        saferegex.compile(source)


def test_patterns_pickle_and_recompile() -> None:
    p = saferegex.compile(r"(?i)colou?r", timeout=0.3)
    q = pickle.loads(pickle.dumps(p))
    assert q == p and hash(q) == hash(p) and q.timeout == 0.3
    assert q.search("The COLOR red").group() == "COLOR"


def test_terms_are_literals_unless_slashed() -> None:
    assert saferegex.term_pattern("a.b") == (r"a\.b", False)
    assert saferegex.term_pattern("/a.b/") == ("a.b", True)
    assert saferegex.term_pattern("/") == ("/", False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
       | st.text(alphabet="()[]{}?*+|^$\\.-#&~ \t\n\u00a0\u2028aZ0_/'’", max_size=40))
def test_escape_is_that_of_the_regex_module(text: str) -> None:
    import regex

    assert saferegex.escape(text) == regex.escape(text)


@pytest.mark.parametrize("source,prefixes", [
    (r"in\ order\ to", ["in order to"]),
    (r"accomodat(e|ion)s?", ["accomodate", "accomodates", "accomodation", "accomodations"]),
    (r"(should|could)(n't)? of", ["could of", "couldn't of", "should of", "shouldn't of"]),
    (r"(?<!\bnot )(?:very|quite) unique", ["quite unique", "very unique"]),
    (r"wendesday|wensday", ["wendesday", "wensday"]),
    (r"(?i)\bKiev", ["Kiev"]),
    (r"colou?r", ["color", "colour"]),
    (r"utili[sz]e", ["utilise", "utilize"]),
    (r"free gift(s)?", ["free gift", "free gifts"]),
    (r"first[- ]come,? first", ["first come first", "first come, first", "first-come first", "first-come, first"]),
    (r"ab??c", ["abc", "ac"]), (r"ab?+c", ["abc", "ac"]), (r"(ab)??cd", ["abcd", "cd"]), (r"(ab)+c", ["ab"]),
    (r"ab+c", ["ab"]), (r"x[a-c]yz", None), (r"xy[^a]z", ["xy"]), (r"x(a|b.)?yz", None), (r"xy(a|b.)?z", ["xy"]),
    (r"a+b", None), (r"[\w-]+", None), (r"x.y", None), (r"\d+ noon", None), (r"(abc", None), (r"(a|b)", None), (r"(a|b)c", ["ac", "bc"]),
])
def test_literal_prefixes(source: str, prefixes: list[str] | None) -> None:
    assert saferegex.literal_prefixes(source) == prefixes
    if prefixes:  # every match starts with one of them
        p = saferegex.compile(source)
        for text in ("in order to", "accomodations", "couldn't of", "very unique", "wensday", "Kiev", "colour",
                     "utilise", "free gifts", "first come first", "first-come, first", "ac", "abc", "cd", "abcd",
                     "abbc", "xyz", "xybz"):
            m = p.search(text)
            assert m is None or m.group().startswith(tuple(prefixes))


def test_deferred_patterns_compile_on_first_use_and_survive_a_pickle() -> None:
    with saferegex.deferred():
        lazy = saferegex.compile(r"(?<!\w)colou?r(?!\w)", saferegex.IGNORECASE)
        broken = saferegex.compile(r"(unclosed")  # a shipped pack's patterns are checked by the tests
    assert lazy._compiled is None
    assert [m.group() for m in lazy.finditer("Color, COLOUR and colors")] == ["Color", "COLOUR"]
    assert lazy._compiled is not None
    with pytest.raises(saferegex.PatternError):
        broken.search("x")
    eager = saferegex.compile(r"\bred\b")  # outside deferred(): compiled (and checked) at once
    assert eager._compiled is not None
    copy = pickle.loads(pickle.dumps(eager))  # a worker compiles its copy when it needs it
    assert copy._compiled is None and copy.search("a red car").span() == (2, 5)


def test_the_shipped_pack_compiles_nothing_until_a_rule_needs_it() -> None:
    from newslint import packs

    packs._shipped.cache_clear()
    rules = packs._shipped("news-style.yaml")
    impls = [r.check.__self__ for r in rules]
    assert impls and all(i.pattern._compiled is None for i in impls if hasattr(i, "pattern"))
