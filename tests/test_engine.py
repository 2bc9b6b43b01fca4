"""The engine: selection, suppression, fix loop, overlap handling, isolation of failing rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import config, engine
from newslint.document import Document
from newslint.model import Edit, Finding, Fix, Rule

ARTICLE = "---\ntitle: x\n---\n\nMedinsky , said it  twice.\n"


def _settings(**table):
    return engine.settings(config.from_mapping({k.replace("_", "-"): v for k, v in table.items()}, root=Path.cwd()))


def test_select_ignore_by_id_name_and_prefix(lint) -> None:
    assert {f.rule for f in lint(ARTICLE)} == {"NL102", "NL103"}
    assert {f.rule for f in lint(ARTICLE, select=["NL102"])} == {"NL102"}
    assert {f.rule for f in lint(ARTICLE, ignore=["repeated-space"])} == {"NL102"}
    assert {f.rule for f in lint(ARTICLE, select=["NL1"], ignore=["NL102"])} == {"NL103"}


def test_unknown_selector_or_option_is_a_config_error() -> None:
    with pytest.raises(config.ConfigError, match="did you mean `repeated-space`"):
        _settings(ignore=["repeated-spaces"])
    with pytest.raises(config.ConfigError, match="unknown option `mark`"):
        _settings(rules={"space-before-punctuation": {"mark": ","}})
    with pytest.raises(config.ConfigError, match="expected a string"):
        _settings(rules={"space-before-punctuation": {"marks": 3}})
    with pytest.raises(config.ConfigError, match="unknown key|Additional properties|unknown"):
        config.from_mapping({"selct": ["NL1"]})


def test_severity_override_and_fail_on(lint) -> None:
    found = lint(ARTICLE, rules={"NL102": {"severity": "error"}})
    assert {(f.rule, f.severity) for f in found} == {("NL102", "error"), ("NL103", "warning")}
    assert engine.fails(found, "error") and not engine.fails([f for f in found if f.rule == "NL103"], "error")


@pytest.mark.parametrize("comment,hidden", [
    ("<!-- newslint-disable-next-line NL102 -->\n\n", {"NL102"}),
    ("<!-- newslint-disable-next-line -->\n", {"NL102", "NL103"}),
    ("<!-- newslint-disable-file repeated-space -->\n", {"NL103"}),
    ("<!-- newslint-disable NL102 -->\n", {"NL102"}),
])
def test_suppression_comments(lint, comment: str, hidden: set[str]) -> None:
    text = ARTICLE.replace("\n\n", "\n\n" + comment, 1)
    assert {f.rule for f in lint(text)} == {"NL102", "NL103"} - hidden


def test_suppression_range_ends_at_enable(lint) -> None:
    text = ("---\ntitle: x\n---\n<!-- newslint-disable NL102 -->\na , b\n<!-- newslint-enable NL102 -->\n\nc , d\n")
    assert [f.line for f in lint(text)] == [8]


def test_suppression_inside_code_does_nothing(lint) -> None:
    text = "---\ntitle: x\n---\n```\n<!-- newslint-disable-file -->\n```\n\na , b\n"
    assert [f.rule for f in lint(text)] == ["NL102"]


def test_per_file_ignores(lint) -> None:
    st = _settings(per_file_ignores={"legacy/**": ["NL102"]})
    doc = Document(ARTICLE, str(Path.cwd() / "legacy" / "a.md"))
    assert {f.rule for f in engine.run_rules(doc, st)} == {"NL103"}


def test_overlapping_fixes_are_skipped_then_applied_next_pass() -> None:
    a = Finding(0, 3, "a", Fix.replace(0, 3, "X", "a"))
    b = Finding(2, 5, "b", Fix.replace(2, 5, "Y", "b"))
    c = Finding(5, 5, "c", Fix.insert(5, "!", "c"))
    d = Finding(5, 5, "d", Fix.insert(5, "?", "d"))
    chosen = engine.choose_fixes([b, a, c, d], unsafe=False)
    assert [fx.title for fx in chosen] == ["a", "c"]


def test_unsafe_fixes_need_the_flag() -> None:
    f = Finding(0, 1, "x", Fix.replace(0, 1, "y", "t", safe=False))
    assert engine.choose_fixes([f], unsafe=False) == [] and engine.choose_fixes([f], unsafe=True)


def test_fix_keeps_crlf_and_bom() -> None:
    st = _settings()
    data = "\ufeff---\r\ntitle: x\r\n---\r\n\r\nMedinsky , said  so.\r\n".encode("utf-8")
    doc = Document.from_bytes(data, None, **st.document_options)
    fixed, remaining, applied = engine.fix_document(doc, st)
    assert applied == 2 and remaining == []
    assert engine.encode(fixed) == "\ufeff---\r\ntitle: x\r\n---\r\n\r\nMedinsky, said so.\r\n".encode("utf-8")


def test_fix_that_breaks_front_matter_is_not_applied() -> None:
    def check(doc, opts):  # a careless rule: replaces the colon of a key
        i = doc.text.index("title:") + 5
        yield Finding(i, i + 1, "bad", Fix.replace(i, i + 1, " -", "break it"))

    st = _settings(select=["NL102"])
    st.rules.append(Rule("X001", "careless", check))
    doc = Document("---\ntitle: x\n---\nBody\n")
    fixed, _, applied = engine.fix_document(doc, st)
    assert fixed.source == doc.source and applied == 0


def test_a_failing_rule_becomes_an_internal_error_finding() -> None:
    def check(doc, opts):
        raise KeyError("title")

    st = _settings()
    st.rules.append(Rule("X002", "crashy", check))
    errors: list[str] = []
    found = engine.run_rules(Document(ARTICLE), st, errors)
    assert {f.rule for f in found} == {"NL102", "NL103", "NL999"}
    assert "KeyError" in errors[0]


def test_unreadable_files_are_findings_and_others_still_run(tmp_path: Path) -> None:
    (tmp_path / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    (tmp_path / "ok.md").write_text(ARTICLE, encoding="utf-8")
    st = _settings()
    results = list(engine.lint_paths(sorted(tmp_path.iterdir()), st))
    assert [f.rule for f in results[0].findings] == ["NL000"]
    assert "UTF-8" in results[0].findings[0].message
    assert {f.rule for f in results[1].findings} == {"NL102", "NL103"}


def test_edit_positions_in_json_records() -> None:
    from newslint.report import finding_record

    st = _settings()
    result = engine.lint_file(_write(ARTICLE), st)
    rec = finding_record(result, result.findings[0])
    assert rec["fix"]["edits"][0] == {"line": 5, "column": 9, "end_line": 5, "end_column": 10, "replacement": ""}


def _write(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "a.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_public_api() -> None:
    from newslint import fix_text, lint_text

    assert {f.rule for f in lint_text(ARTICLE)} == {"NL102", "NL103"}
    fixed, remaining = fix_text(ARTICLE)
    assert fixed == "---\ntitle: x\n---\n\nMedinsky, said it twice.\n" and remaining == []
    assert Edit(0, 1).text == ""


@pytest.mark.parametrize("table,message", [
    ({"straight-quotes": {"style": "curvy"}}, r"\[rules.straight-quotes\] style: expected one of 'auto', 'curly', 'straight'; got 'curvy'"),
    ({"repeated-space": {"sentence-spacing": "two"}}, r"sentence-spacing: expected one of"),
    ({"future-date": {"today": "31.05.2022"}}, r"\[rules.future-date\]: today: expected YYYY-MM-DD"),
    ({"date-without-timezone": {"timezone": "Mars/Olympus"}}, r"timezone: unknown time zone 'Mars/Olympus'"),
])
def test_option_values_are_checked_when_the_config_loads(table, message) -> None:
    """A bad option value is a config error naming the rule, not an internal error per file."""
    with pytest.raises(config.ConfigError, match=message):
        _settings(rules=table)


def test_character_repairs_are_fixed_before_the_rest() -> None:
    """A mojibake dash (â€”) is no dash to dash-spacing's vote: fixed in the same pass, the vote
    without it (two spaced, one closed) turned the article's closed dashes into spaced ones. The
    mojibake fix goes first (FIX_FIRST), and the damaged article fixes to the original's text."""
    import newslint

    original = ("---\ntitle: x\n---\n\nSmall screens get an enhanced layout—and occasionally—more content.\n\n"
                "* Responsive images — part one\n* Responsive images — part two\n")
    damaged = original.replace("layout—and", "layoutâ€”and")
    fixed, _ = newslint.fix_text(original)
    assert newslint.fix_text(damaged)[0] == fixed
    assert "layout—and occasionally—more" in fixed
