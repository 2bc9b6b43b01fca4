"""The structure guard: a fix that would change the Markdown structure or the front-matter data is
dropped (and reported as NL998), the other fixes of the pass are kept, and text changes are free."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, guard
from newslint.document import Document
from newslint.model import Finding, Fix, Rule


def rule(pattern: str, replacement: str, title: str, *, flags: int = 0, reshapes: bool = False,
         safe: bool = True, body_only: bool = True):
    """A careless rule: replaces every match of ``pattern`` anywhere (code, links, front matter)."""
    rx = re.compile(pattern, flags)

    def check(doc, opts):
        for m in rx.finditer(doc.text, doc.body_start if body_only else 0):
            yield Finding(m.start(), m.end(), f"found {m.group(0)!r}",
                          Fix.replace(m.start(), m.end(), m.expand(replacement), title, safe, reshapes))
    return check


def fix(text: str, *rules: Rule, unsafe: bool = False) -> tuple[str, list[Finding], int]:
    st = engine.settings(config.from_mapping({"select": ["NL998"]}, root=Path.cwd()))
    st.rules.extend(rules)
    doc, findings, applied = engine.fix_document(Document(text), st, unsafe=unsafe)
    return doc.source, findings, applied


def refusals(findings: list[Finding]) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in findings if f.rule == "NL998"]


CURLY = Rule("X001", "straight-quotes", rule(r'"([^"\n]*)"', "“\\1”", "Curl the quotes"))


@pytest.mark.parametrize("body", [
    'He said "yes" in *"Kyiv"* today.',
    '# A "quoted" heading',
    '- a "list" item\n- another "one"',
    '> a "quoted" quote',
    '| a | "b" |\n|---|---|\n| "c" | d |',
    'See ["the report"](https://example.com/a) and ![an "image"](i.png).',
    'A line that ends "here"\nand "goes on".',
    '**"bold"** and _"em"_ and ~~"gone"~~',
])
def test_text_changes_are_not_structure(body: str) -> None:
    out, findings, applied = fix(f"---\ntitle: x\n---\n\n{body}\n", CURLY)
    assert not refusals(findings) and applied >= 1 and '"' not in out.split("---\n", 2)[2]


@pytest.mark.parametrize("careless, body, reason", [
    (rule(r"(?<=word) (?=\*)", "", "Delete the space"), "Some *word * here.", "add emphasis"),
    (rule(r"Kiev", "Kyiv", "Spell Kyiv"), "See [Kiev][] now.\n\n[Kiev]: https://example.com", "remove a link"),
    (rule(r" ,", ",", "Delete the space"), "Run `a , b` now.", "change the text of a code span"),
    (rule(r" ,", ",", "Delete the space"), "```\na , b\n```", "change the text of a fenced code block"),
    (rule(r"(?m)^# ", "#", "Delete the space"), "# Title\n\nText.", "turn a level-1 heading into a paragraph"),
    (rule(r"example\.com", "example.org", "Move the domain"), "A [link](https://example.com/x).",
     "change the destination of a link"),
    (rule(r'"', "“", "Curl it"), 'Some <b class="x">bold</b> tag.', "remove inline HTML"),
    (rule(r'"', "“", "Curl it"), '<div class="x">\nA block.\n</div>', "change the text of an HTML block"),
    (rule(r"&amp", "&amp;", "Close the entity"), "Fish &amp chips.", "add an escape or entity"),
    (rule(r"(?m)^(\d+)\) ", r"\1. ", "Use a full stop"), "1) one\n2) two", "change the markup of a numbered list"),
    (rule(r"(?<=one)\n(?=- two)", "\n\n", "Add a blank line"), "- one\n- two", "change"),
    (rule(r"x\n\n(?=y)", "x ", "Join the paragraphs"), "x\n\ny", "remove a paragraph"),
    (rule(r"\.\.\.", "…", "Use an ellipsis"), "[...]: https://example.com\n\nSee [...].",
     "change a link reference definition"),
])
def test_structure_changes_are_refused_and_named(careless, body: str, reason: str) -> None:
    text = f"---\ntitle: x\n---\n\n{body}\n"
    out, findings, applied = fix(text, Rule("X002", "careless", careless))
    assert out == text and applied == 0
    found = refusals(findings)
    assert found and any(reason in message for _, message in found), found
    assert all("X002 (careless) fix to" in message and "fix it by hand" in message for _, message in found)
    # the finding whose fix was refused stays, without the fix (it is not fixable after all)
    assert all(f.fix is None for f in findings if f.rule == "X002")


def test_bad_fixes_are_dropped_and_the_rest_kept() -> None:
    """Bisection: among 30 fixes of one pass, the 3 that make emphasis are found and dropped."""
    lines = [f"Line {i} has a word *{'here *' if i % 10 == 3 else 'here*'} and a  double space." for i in range(30)]
    text = "---\ntitle: x\n---\n\n" + "\n\n".join(lines) + "\n"
    careless = Rule("X003", "space-before-star", rule(r" (?=\*)", "", "Delete the space"))
    spaces = Rule("X004", "double-space", rule(r"  ", " ", "Use one space"))
    out, findings, applied = fix(text, careless, spaces)
    assert applied == 30 + 30  # every double space and every space before `*here*`, none before a lone `*`
    assert out.count("  ") == 0 and out.count("here *") == 3
    assert sorted(line for line, _ in refusals(findings)) == [5 + 2 * i for i in (3, 13, 23)]
    again, findings2, applied2 = fix(out, careless, spaces)
    assert again == out and applied2 == 0 and len(refusals(findings2)) == 3  # idempotent


def test_front_matter_data_is_guarded() -> None:
    text = "---\ntitle: Talks\ntags: [a, b]\nauthors:\n  - x\nmeta:\n  a: 1\n  b: 2\n---\n\nBody.\n"
    # a safe fix that breaks the YAML
    out, findings, _ = fix(text, Rule("X005", "c", rule(r"\[a, b\]", "[a, b", "Trim", body_only=False)))
    assert out == text and "make the front matter unreadable" in refusals(findings)[0][1]
    # one that moves a key out of its mapping (the indentation is not the value it touched)
    out, findings, _ = fix(text, Rule("X006", "c", rule(r"\n  b", "\nb", "Dedent", body_only=False)))
    assert out == text and "add a front-matter key" in refusals(findings)[0][1]
    # while a list written flush with its key is the same list
    out, findings, applied = fix(text, Rule("X006", "c", rule(r"\n  - x", "\n- x", "Dedent", body_only=False)))
    assert applied == 1 and not refusals(findings)
    # text changes inside a value, a renamed key, a deleted entry, a null made a list: all meant
    for careless, expected in [
        (rule(r"(?m)Talks$", "Talks resume", "Say more", body_only=False), "title: Talks resume\n"),
        (rule(r"tags:", "categories:", "Rename the key", body_only=False), "categories: [a, b]\n"),
        (rule(r"authors:\n  - x\n", "", "Delete the key", body_only=False), "tags: [a, b]\nmeta:"),
    ]:
        out, findings, applied = fix(text, Rule("X007", "c", careless))
        assert applied == 1 and expected in out and not refusals(findings), (expected, out)
    nulls = "---\ntitle: x\ntags:\n---\n\nBody.\n"
    out, findings, applied = fix(nulls, Rule("X008", "c", rule(r"tags:", "tags: []", "List", body_only=False)))
    assert out == "---\ntitle: x\ntags: []\n---\n\nBody.\n" and applied == 1


def test_a_fix_meant_to_reshape_is_held_to_its_own_blocks() -> None:
    text = "---\ntitle: x\n---\n\nSee [the report] (https://example.com).\n\nAnd *word * here.\n"
    repair = Rule("X009", "link-repair", rule(r"\] \(", "](", "Join the link", reshapes=True))
    out, findings, applied = fix(text, repair)
    assert "[the report](https://example.com)" in out and applied == 1 and not refusals(findings)
    # the same edit without the flag is a structure change
    plain = Rule("X010", "link-repair", rule(r"\] \(", "](", "Join the link"))
    assert fix(text, plain)[0] == text
    # and a reshaping fix still may not change the blocks it does not touch
    fence = Rule("X011", "fence", rule(r"See \[the report\] \(", "```\nSee [the report](", "Fence it", reshapes=True))
    out, findings, _ = fix(text, fence)
    assert out == text and "would remove a paragraph" in refusals(findings)[0][1]


def test_invisible_paragraph_may_go() -> None:
    text = "---\ntitle: x\n---\n\nOne.\n\n\u200b\n\nTwo.\n"
    out, findings, applied = fix(text, Rule("X012", "zwsp", rule("\u200b", "", "Delete it")))
    assert out == "---\ntitle: x\n---\n\nOne.\n\n\n\nTwo.\n" and applied == 1 and not refusals(findings)
    # but not when it kept two lists apart
    text = "---\ntitle: x\n---\n\n- a\n\n\u200b\n\n- b\n"
    out, findings, applied = fix(text, Rule("X012", "zwsp", rule("\u200b", "", "Delete it")))
    assert out == text and refusals(findings)


def test_describe_names_the_first_difference() -> None:
    a = [("paragraph_open", "p", 1, "", "", (), False, None), ("inline",), ("paragraph_close", "p", -1, "", "", (), False, None)]
    b = [("heading_open", "h2", 1, "##", "", (), False, None), ("inline",), ("heading_close", "h2", -1, "##", "", (), False, None)]
    assert guard.describe(a, b) == "turn a paragraph into a level-2 heading"
    assert guard.describe(a, a + b) == "add a level-2 heading"
    assert guard.describe(a + b, a) == "remove a level-2 heading"


def test_the_cli_leaves_the_file_and_says_why(tmp_path: Path) -> None:
    """A built-in rule meets a text it did not foresee: NL150 would rename a link's label
    but not its definition. --fix keeps the file byte for byte and reports NL998."""
    path = tmp_path / "a.md"
    text = "---\ntitle: Talks\n---\n\nThe talks in [Kiev][] resumed.\n\n[Kiev]: https://example.com/kyiv\n"
    path.write_text(text, encoding="utf-8")
    r = subprocess.run([*newslint_command(), "check", "--no-cache", "--fix", "-q", str(path)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stderr == ""
    assert path.read_text(encoding="utf-8") == text
    assert "NL998 [fix-changes-structure] not applied: the NL150 (name-spelling) fix to replace with “Kyiv” " \
           "would remove a link; fix it by hand" in r.stdout
    # the same name outside the link is fixed: refusing one fix does not give up the file
    path.write_text(text.replace("resumed.", "resumed in Kiev."), encoding="utf-8")
    subprocess.run([*newslint_command(), "check", "--no-cache", "--fix", "-q", str(path)], capture_output=True,
                   timeout=60)
    assert path.read_text(encoding="utf-8") == text.replace("resumed.", "resumed in Kyiv.")


def test_text_inside_an_html_block_may_change_but_not_its_markup() -> None:
    text = '---\ntitle: x\n---\n<div class="note">\n  <p>Word one , word two.</p>\n</div>\n'
    fixed, findings, applied = fix(text, Rule("X002", "space", rule(r" ,", ",", "Drop the space")))
    assert fixed == text.replace(" ,", ",") and applied == 1 and not refusals(findings)
    fixed, findings, applied = fix(text, Rule("X003", "klass", rule(r'class="note"', 'class="tip"', "Rename the class")))
    assert fixed == text and refusals(findings)


def test_a_front_matter_fix_meant_to_reshape_may_add_only_the_key_it_touches() -> None:
    text = "---\ntitle: >\n  Talks resume\n  date: 2024-08-20\ntags: [a, b]\n---\n\nBody.\n"
    unindent = Rule("X012", "unindent", rule(r"(?m)^  (?=date:)", "", "Unindent", reshapes=True, body_only=False))
    out, findings, applied = fix(text, unindent)
    assert out == "---\ntitle: >\n  Talks resume\ndate: 2024-08-20\ntags: [a, b]\n---\n\nBody.\n"
    assert applied == 1 and not refusals(findings)
    # without the flag it adds a key: refused
    plain = Rule("X013", "unindent", rule(r"(?m)^  (?=date:)", "", "Unindent", body_only=False))
    assert fix(text, plain)[0] == text
    # and with it, no key may go: indenting one under the text before it is refused
    careless = Rule("X014", "indent", rule(r"(?m)^(?=tags:)", "  ", "Indent", reshapes=True, body_only=False))
    out, findings, _ = fix(text, careless)
    assert out == text and "remove a front-matter key" in refusals(findings)[0][1]
