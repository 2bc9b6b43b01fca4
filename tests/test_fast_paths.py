"""The fast paths of the shared analyses find exactly what their plain forms find.

Each speed-up that replaced a plain scan (a regex tried at every character, a pattern over the
whole text) keeps the plain form here as an oracle, and hypothesis feeds both hostile text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import bodydates
from newslint.frontmatter import block

# texts built from the pieces that matter to each scan, so that hits are frequent
_FENCE_TEXT = st.lists(st.sampled_from(["---", "...", "+++", "-- -", " ", "\t", "\n", "\r", "a", ".", "-"]),
                       max_size=30).map("".join)


@given(_FENCE_TEXT, st.sampled_from(["---", "+++"]), st.integers(0, 5))
@settings(max_examples=500)
def test_closing_fence_is_the_first_fence_line(text: str, fence: str, cut: int) -> None:
    start = text.find("\n", min(cut, len(text)))
    start = 0 if start < 0 else start + 1  # the scan starts at a line start
    plain = re.compile(r"^(?:%s|\.\.\.)[ \t]*$" % re.escape(fence) if fence == "---" else r"^\+\+\+[ \t]*$", re.M)
    m = plain.search(text, start)
    assert block._closing_fence(text, fence, start) == (None if m is None else m.span())


_MONTH_NAMES = sorted({n for lang in ("en", "de", "fr") for names in bodydates._names()[lang]["months"] for n in names})
_MONTH_TEXT = st.lists(st.sampled_from(_MONTH_NAMES + ["Ma", "J", "ember", "mai", " ", "\n", "1", ".", "y"]),
                       max_size=20).map("".join)


@given(_MONTH_TEXT, st.sampled_from(["en", "de", "fr"]), st.integers(0, 6))
@settings(max_examples=500)
def test_month_names_are_found_as_the_alternation_finds_them(text: str, language: str, start: int) -> None:
    lang = bodydates.language(language)
    assert lang is not None
    found = [m.span() for m in bodydates._months(lang, text, start)]
    assert found == [m.span() for m in lang.month.finditer(text, start)]


# -- language.declared_sections and Sections: the one-pass forms against a search per element --

def _declared_sections_plain(text: str) -> list[tuple[int, int, str]]:
    """Each declared element, its closing tag searched from its opening one (same-name depth)."""
    from newslint.language import _DECLARED

    out = []
    for m in _DECLARED().finditer(text):
        tag = re.escape(m.group(1))
        depth, end = 1, len(text)
        for t in re.finditer(rf"<(/?){tag}\b[^<>]*?(/?)>", text[m.end():], re.I):
            if t.group(2):
                continue
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = m.end() + t.start()
                break
        out.append((m.end(), end, m.group(2).lower()))
    return out


def _innermost_plain(sections: list[tuple[int, int, str]], offset: int) -> str | None:
    found = None
    for s, e, lang in sections:
        if s <= offset < e:
            found = lang
    return found


_TAGGED = st.lists(st.sampled_from(['<div lang="fr">', "<div>", "</div>", '<span lang=en>', "</span>",
                                    "<SPAN xml:lang='de'>", "</SPAN>", "<br/>", "<div/>", "text ", "? ", "<p>"]),
                   max_size=40).map("".join)


@given(_TAGGED)
def test_declared_sections_match_a_search_per_element(text: str) -> None:
    from newslint import language

    sections = language.declared_sections(text)
    assert sections == _declared_sections_plain(text)
    at = language.Sections(sections).at
    for offset in range(len(text) + 1):
        assert at(offset) == _innermost_plain(sections, offset)
