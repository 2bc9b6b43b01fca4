"""Property tests: no input crashes the linter, fixing is idempotent and touches only its edits."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint import config, engine
from newslint.document import Document

SETTINGS = engine.settings(config.Config())

# Text made of the characters the rules care about, so the interesting paths are hit often.
alphabet = st.sampled_from(list("ab Z.,;:!?  \n\n-#>*`[]()<>{}%\"'“”«»…\t\r\u00a0\u200b") + ["---\n", "title: x\n"])
texts = st.lists(alphabet, max_size=200).map("".join)
articles = texts.map(lambda body: "---\ntitle: x\n---\n" + body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(texts, articles))
def test_no_input_crashes(text: str) -> None:
    errors: list[str] = []
    engine.run_rules(Document(text), SETTINGS, errors)
    assert not errors, errors[0]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_fix_is_idempotent(text: str) -> None:
    once, _, _ = engine.fix_document(Document(text), SETTINGS)
    twice, _, _ = engine.fix_document(once, SETTINGS)
    assert twice.source == once.source


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_one_pass_changes_nothing_outside_its_edits(text: str) -> None:
    doc = Document(text)
    fixes = engine.choose_fixes(engine.run_rules(doc, SETTINGS), unsafe=True)
    out = engine.apply_fixes(doc, fixes)
    # rebuild the expected text from the untouched stretches and the edits' replacements
    edits = sorted((e for fx in fixes for e in fx.edits), key=lambda e: e.start)
    pieces, cursor = [], 0
    for e in edits:
        pieces.append(doc.source[doc.source_offset(cursor):doc.source_offset(e.start)])
        pieces.append(e.text)
        cursor = e.end
    pieces.append(doc.source[doc.source_offset(cursor):])
    assert out == "".join(pieces)


@given(texts, st.data())
def test_offsets_and_positions_round_trip(text: str, data: st.DataObject) -> None:
    doc = Document(text)
    offset = data.draw(st.integers(0, len(doc.text)))
    line, column = doc.position(offset)
    assert doc.offset(line, column) == offset
