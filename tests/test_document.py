"""The document model: decoding, front-matter splitting with exact offsets, prose masking."""

from __future__ import annotations

import codecs

import pytest

from newslint import lint_text
from newslint.document import DecodeError, Document, decode
from newslint.prose import MASK


def test_decode_remembers_bom_and_newlines() -> None:
    text, enc = decode(codecs.BOM_UTF8 + b"---\r\ntitle: x\r\n---\r\nBody\r\n")
    assert enc.bom == codecs.BOM_UTF8 and enc.newline == "\r\n" and text.startswith("---")
    text16, enc16 = decode(codecs.BOM_UTF16_LE + "---\ntitle: é\n---\n".encode("utf-16-le"))
    assert enc16.name == "utf-16-le" and "é" in text16


@pytest.mark.parametrize("data", [b"caf\xe9\n", b"\x00\x01\x02binary"])
def test_decode_refuses_latin1_and_binary(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)


def test_crlf_offsets_map_back_to_source() -> None:
    doc = Document("---\r\ntitle: x\r\n---\r\nab  cd\r\n")
    off = doc.text.index("  ")
    assert doc.position(off) == (4, 3)
    assert doc.source[doc.source_offset(off): doc.source_offset(off) + 2] == "  "


def test_yaml_positions_of_keys_and_values() -> None:
    text = "---\ntitle: Talks\ntags:\n  - a\n  - b\ndate: 2022-05-31T05:32:23+03:00\n---\nBody\n"
    doc = Document(text)
    fm = doc.front_matter
    assert fm is not None and fm.kind == "yaml"
    assert doc.meta["date"] == "2022-05-31T05:32:23+03:00", "timestamps stay strings"
    s, e = fm.locate(["tags", 1])
    assert text[s:e] == "b"
    s, e = fm.locate(["date"], "key")
    assert text[s:e] == "date" and doc.position(s) == (6, 1)
    assert doc.body_start == text.index("Body")


def test_yaml_booleans_are_only_true_and_false() -> None:
    doc = Document("---\ndraft: yes\npublished: true\n---\n")
    assert doc.meta == {"draft": "yes", "published": True}


def test_yaml_duplicates_and_aliases_are_seen() -> None:
    doc = Document("---\ntitle: a\ntitle: b\n---\n")
    assert [d[0] for d in doc.front_matter.duplicates] == [("title",)]
    bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n"
    fm = Document(bomb).front_matter
    assert fm.aliases and fm.data is None, "aliases refused: the data is not built"
    assert Document(bomb, allow_aliases=True).front_matter.data is not None


@pytest.mark.parametrize("text,kind", [
    ("+++\ntitle = 'x'\n+++\nBody\n", "toml"),
    ('{\n"title": "x"\n}\nBody\n', "json"),
    ("\n\n---\ntitle: x\n---\nBody\n", "yaml"),
])
def test_other_front_matter_forms(text: str, kind: str) -> None:
    doc = Document(text)
    assert doc.front_matter.kind == kind and doc.meta == {"title": "x"}
    assert doc.text[doc.body_start:] == "Body\n"


def test_body_starting_with_a_shortcode_is_not_json() -> None:
    assert Document('{{< note >}}\nHi\n{{< /note >}}\n').front_matter is None


def test_unclosed_front_matter_is_an_error_and_not_prose() -> None:
    # (keys below the text: no sure place where the block ends, so nothing is read as prose)
    doc = Document("---\ntitle: x\n\nNo closing fence ,\n\ndate: 2024-01-05\nlayout: post\n")
    assert doc.front_matter.errors and doc.prose_spans == []


def test_unclosed_front_matter_with_a_sure_end_keeps_its_body_checked() -> None:
    # the block ends where front-matter-syntax's fix would close it: its keys are read (in
    # part: the fence is still missing) and the text after it is the body
    text = "---\ntitle: x\ndate: 2024-01-05\n\nNo closing fence ,\n"
    doc = Document(text)
    assert doc.front_matter.errors and doc.front_matter.partial
    assert doc.front_matter.data == {"title": "x", "date": "2024-01-05"}
    assert doc.body_start == text.index("\nNo") and text[slice(*doc.prose_spans[-1])].startswith("No closing")


def test_prose_view_masks_code_urls_html_and_shortcodes() -> None:
    text = ("---\ntitle: Hello  world\n---\n"
            "Prose `code` [link](http://x.y/a) https://a.b/c <b>bold</b> {{< sc >}} {% tag %} &amp; end.\n\n"
            "```\nfenced\n```\n")
    doc = Document(text)
    view = doc.prose_text
    assert len(view) == len(text)
    kept = "".join(ch if ch != MASK else "" for ch in view).replace("\n", "")
    assert "Hello  world" in kept, "title is a prose field"
    for gone in ("code", "http", "<b>", "sc", "tag", "&amp;", "fenced"):
        assert gone not in kept
    assert "Prose" in kept and "link" in kept and "bold" in kept


def test_table_cells_and_blockquotes_are_mapped_to_their_columns() -> None:
    text = "---\ntitle: x\n---\n| a | b |\n|---|---|\n| cell one | cell two |\n\n> quoted line\n> second\n"
    doc = Document(text)
    spans = [text[s:e] for s, e in doc.prose_spans]
    assert "cell one" in spans and "cell two" in spans
    assert "quoted line" in spans and "second" in spans


def _kept(doc: Document) -> str:
    return "".join(ch if ch != MASK else "_" for ch in doc.prose_text)


def test_code_spans_over_a_line_break_are_paired_over_the_block() -> None:
    doc = Document("---\ntitle: x\n---\nText with `code\nover` a line and `x` here , too.\n")
    kept = _kept(doc)
    assert "code" not in kept and "over" not in kept and "`x`" not in kept
    assert "a line and" in kept and "here , too." in kept


def test_reference_definitions_inside_a_paragraph_are_not_prose() -> None:
    # a definition cannot interrupt a paragraph, so after a Liquid include line it is paragraph text
    doc = Document("---\ntitle: x\n---\n{% include references.md %}\n[label one]: https://example.com/a\n"
                   "[two]: /b \"Title\"\n")
    assert "label" not in _kept(doc) and "Title" not in _kept(doc)


def test_template_tags_inside_html_attributes_and_link_destinations() -> None:
    doc = Document('---\ntitle: x\n---\n<a href="{{< ref "x" >}}">link</a> and [t]({{ "/p/" | url }} "Title").\n')
    kept = _kept(doc)
    assert "link" in kept and "[t]" in kept
    assert "ref" not in kept and "url" not in kept and "Title" not in kept


def test_inline_markdown_in_front_matter_fields_is_not_prose() -> None:
    doc = Document("---\ndescription: Budgets &mdash; see https://x.gov/a , and `code`.\n---\nBody.\n")
    kept = _kept(doc)
    assert "Budgets" in kept and "mdash" not in kept and "x.gov" not in kept and "code" not in kept


@pytest.mark.parametrize("source", [b"{", b'{"title": ', b'{"title": "x"', b"+++\ntitle = ", b"---\ntitle: [", b"---\ntitle: \"x"])
def test_front_matter_errors_at_the_end_of_the_file_stay_inside_it(source: bytes) -> None:
    doc = Document.from_bytes(source, "a.md")
    assert doc.front_matter is not None and doc.front_matter.errors
    assert all(0 <= e.start <= e.end <= len(doc.text) for e in doc.front_matter.errors), doc.front_matter.errors


def test_text_of_html_blocks_is_prose_and_its_markup_is_not() -> None:
    text = ("---\ntitle: x\n---\n"
            '<div class="note">\n  <h2>A heading</h2>\n  <p>First <em>words</em>,<br>\n  same paragraph.</p>\n'
            '  <img src="/a.jpg"\n       alt="an attribute">\n  <table><tr><td>A cell</td></tr></table>\n</div>\n\n'
            "> <p>\n>   Quoted text.\n> </p>\n\n"
            "<script>\nvar words = 'not prose';\n</script>\n\n<!--\na comment\n-->\n")
    doc = Document(text)
    view = doc.prose_text
    assert len(view) == len(text)
    kept = "".join(ch if ch != MASK else "" for ch in view)
    for gone in ("<div", "class", "<h2>", "src", "attribute", "<em>", "not prose", "a comment", ">   Quoted"):
        assert gone not in kept
    html = [b for b in doc.blocks if b.html]
    got = [(b.kind, b.level, "|".join(text[s:e] for s, e in b.spans)) for b in html]
    assert got == [("heading", 2, "A heading"), ("paragraph", 0, "First |words|,|same paragraph."),
                   ("cell", 0, "A cell"), ("paragraph", 0, "Quoted text.")]
    # the blanks that lay out the source are not prose: no doubled space at "<p>\n  same"
    assert "  same" not in view and "\n\ue000\ue000same" in view


MDX_ARTICLE = """---
title: Chart
---
import Chart from '../components/Chart.astro';
export const meta = { author: "Jane" };

Spending rose {props.rate}% this year, said {meta.author}.
Officials would
export more grain.

<Chart data={{ a: "x}", b: [1, {c: 2}] }} {...rest} title="Budget 'draft'" />

{/* a comment, don't read it */}
"""


def test_mdx_code_expressions_and_jsx_are_not_prose() -> None:
    """In an .mdx file ESM lines, {expressions} (strings in them taken whole) and JSX elements are
    masked; the sentence around an expression is prose, and so is "export" on a paragraph's
    second line. The same text as .md reads them all as prose."""
    view = Document(MDX_ARTICLE, "post.mdx").prose_text
    visible = " ".join(part for part in view.replace("\n", MASK).split(MASK) if part.strip())
    assert visible == "Chart Spending rose  % this year, said  . Officials would export more grain."  # (the title first)
    md_view = Document(MDX_ARTICLE, "post.md").prose_text
    assert "import Chart" in md_view and "don't read it" in md_view


def test_a_prose_field_with_a_misspelt_key_is_prose() -> None:
    """`exerpt:` is the excerpt: its text is read as prose (so misspelled-key's rename changes no
    other check's verdict: its em dash still votes for the article's dash style), unless the
    real key is there too; a list or a short key is not."""
    from newslint import fix_text

    text = ("---\ntitle: T\nexerpt: Talks resume — both sides agree\ntitels: [a, b]\n---\n\n"
            "The talks resume - both sides said so.\n")
    doc = Document(text, "t.md")
    assert [key for _, _, key in doc.field_spans()] == ["title", "exerpt"]
    french = ("---\ntitle: Le titre\nlang: fr\nexerpt: Les discussions reprennent — les deux parties sont d’accord\n"
              "---\n\nLes discussions reprennent - les deux parties l’ont dit.\n")  # (French would default to –)
    assert fix_text(french)[0] == fix_text(french.replace("exerpt:", "excerpt:"))[0]
    from newslint import lint_text

    slips = lint_text(text.replace("both sides agree", "both sides agr\u200bee"), "t.md")
    assert [f.rule for f in slips if f.rule == "NL120"] == ["NL120"], "read once, as prose, not as a value too"
    both = Document(text.replace("titels: [a, b]", "excerpt: Both"), "t.md")
    assert [key for _, _, key in both.field_spans()] == ["title", "excerpt"]


MDX_FENCE_IN_JSX = """---
title: MDX 2
---
In version 2, it's written like this:

<div className="big-columns">
  <div>
    ```mdx path="expressions.mdx"
    export const published = new Date('2022-02-01')

    Published on: 'soon'.
    ```
  </div>
</div>

After the 'columns', prose again.
"""


def test_mdx_fence_inside_jsx_is_code() -> None:
    """A JSX element's children are Markdown, and indenting them makes no indented code block in
    MDX: a fence there opens a code block whatever its indentation (mdx-js's v2 post). The text
    between the tags is prose, the fenced code is not; after the fence, prose again."""
    view = Document(MDX_FENCE_IN_JSX, "post.mdx").prose_text
    visible = " ".join(part for part in view.replace("\n", MASK).split(MASK) if part.strip())
    assert visible == "MDX 2 In version 2, it's written like this: After the 'columns', prose again."
    found = lint_text(MDX_FENCE_IN_JSX, "post.mdx")
    assert not [f for f in found if f.start > MDX_FENCE_IN_JSX.index("```")
                and f.start < MDX_FENCE_IN_JSX.rindex("```")], [(f.rule, f.message) for f in found]
