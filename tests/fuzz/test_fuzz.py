"""Fuzz targets: the document model, every rule alone, and the fix loop with every rule.

Each target draws articles from three sources: realistic generated articles (tests/articles.py:
front matter, quotes, punctuation, lists, code, links, CRLF/BOM/UTF-16), Markdown-ish soup from
an alphabet of the characters rules care about, and raw bytes. What must hold: no exception
(DecodeError aside, for bytes that are not text), offsets and spans inside the text, fixes whose
edits stay inside the text and do not overlap, and a fix loop that raises nothing, reports no
internal error and is idempotent.

The budget is ``NEWSLINT_FUZZ_EXAMPLES`` per target (default 40, what CI runs with the suite);
``tests/fuzz/run`` runs 10,000 per target. Marker: ``fuzz``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles import stored
from newslint import config, engine
from newslint.document import DecodeError, Document
from newslint.prose import MASK
from newslint.rules import BUILTIN

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))

SOUP = st.lists(st.sampled_from(
    list("ab Z.,;:!?  \n\n\n-#>*_`[]()<>{}%|\\&\"'“”‘’«»„…–—\t\r\u00a0\u200b\u00ad\ufeffЖ0123456789")
    + ["---\n", "+++\n", "title: x\n", "tags:\n", "  - a\n", "```\n", "    code\n", "<!-- x -->", "{{< x >}}",
       "{% raw %}", "](", "[a]: http://x\n", "http://a.b/c", "&amp;", "- ", "1. ", "> ", "|---|\n", "&#8220;",
       "<div>\n", "<!-- newslint-disable-next-line -->\n", "e.g.", "U.S.", "Kiev", "Zelensky", "2022-02-30",
       "Monday, May 31, 2022", ":\t", "[^1]: ", "[^a]:\n", "[^a]", "| a | b |\n", "https://x.co/a\u0456b",
       "[**www.x.gov**] (", "MAX - 1", "April 31:", "x.gov,and"]), max_size=120).map("".join)
SOURCES = st.one_of(stored(), SOUP.map(lambda s: s.encode("utf-8")),
                    SOUP.map(lambda s: ("---\ntitle: x\n---\n" + s).encode("utf-8")), st.binary(max_size=300))

ALL = engine.settings(config.from_mapping({"select": ["ALL"]}))
RULES = {r.id: r for r in ALL.rules}


def _document(data: bytes) -> Document | None:
    try:
        return Document.from_bytes(data, "content/article.md", **ALL.document_options)
    except DecodeError:
        return None


@FUZZ
@given(SOURCES)
def test_document_model(data: bytes) -> None:
    doc = _document(data)
    if doc is None:
        return
    n = len(doc.text)
    assert len(doc.prose_text) == n and doc.prose_text.count("\n") == doc.text.count("\n")
    assert all(ch == MASK or ch == doc.text[i] for i, ch in enumerate(doc.prose_text))
    for offset in {0, n // 2, n}:
        line, column = doc.position(offset)
        assert doc.offset(line, column) == offset
    for line in range(1, len(doc.line_starts) + 1):
        assert "\n" not in doc.line_text(line)
    assert all(0 <= s <= e <= n for s, e, _ in doc.prose_index.masks)
    assert all(0 <= s <= e <= n for b in doc.blocks for s, e in b.spans)
    assert all(0 <= s <= e <= n for s, e, _ in doc.field_spans())
    assert 0 <= doc.body_start <= n
    fm = doc.front_matter
    if fm is not None:
        assert 0 <= fm.start <= fm.content_start <= fm.content_end <= fm.end <= n or fm.errors
        assert all(0 <= e.start <= e.end <= n for e in fm.errors)
    assert doc.source_offset(n) == len(doc.source)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_rule(rule_id: str) -> None:
    rule = RULES[rule_id]
    opts = ALL.options.get(rule.id, rule.defaults)

    @FUZZ
    @given(SOURCES)
    def run(data: bytes) -> None:
        doc = _document(data)
        if doc is None:
            return
        n = len(doc.text)
        for f in rule.check(doc, opts):
            assert 0 <= f.start <= f.end <= n, (f.start, f.end, n)
            if f.fix is not None:
                edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
                assert edits and all(0 <= e.start <= e.end <= n for e in edits)
                assert all(a.end <= b.start for a, b in zip(edits, edits[1:])), "a fix's edits overlap"

    run()


@FUZZ
@given(SOURCES, st.booleans())
# found by this target: dash-spacing respaced a dash before a closing straight quote that
# space-inside-quotes had just closed up, and back, pass after pass
@example(b'\n- talks\n  - " talks  -  "\n\n  > talks\n', True)
def test_fix_loop(data: bytes, unsafe: bool) -> None:
    doc = _document(data)
    if doc is None:
        return
    errors: list[str] = []
    once, remaining, _ = engine.fix_document(doc, ALL, unsafe, errors)
    assert not errors, errors[0]
    assert not [f for f in remaining if f.rule == "NL999"]
    twice, _, applied = engine.fix_document(once, ALL, unsafe)
    assert twice.source == once.source and applied == 0, "fixing is not idempotent"
    assert engine.encode(once).startswith(doc.encoding.bom)
