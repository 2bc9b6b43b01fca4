"""mdblock's shortcuts against stock markdown-it, on Markdown built to hit their edges.

tests/test_speedups.py compares whole documents made of common lines; here the lines are the
near misses of each precheck (horizontal rules and list items among them), and indentation with and without tabs (the block state's getLines): setext underlines and lines that only start like one (a tight
list's "- item", "=== x", "> ---"), table delimiter rows and lines that only start like one
("- item" again, "| x", ":--|x"), in lists and quotes, with and without the "|" a header row
needs.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import block_parsers
from conftest import block_tokens as tokens

STOCK, FAST = block_parsers()

EDGES = [
    "Prose.", "More prose here.", "", "", "---", "--- ", "---\t", "===", "= =", "=== x", "-", "=", "- - -", "***", "* * *",
    "- item", "- item two", "* item", "+ item", "1. one", "2) two", "  - nested", "    - deep", "> ---", "> - item",
    "> ===", ">", "> quoted | text", "- a | b", "| a | b |", "a | b", "|---|---|", "| --- | --- |", "--- | ---",
    ":-- | --:", "-|-", "|-", "| x", ":--|x", "- --", "-- | --", "|", "  |---|", "\t|---|", "*emphasis*", "+plus",
    "    indented", "# Heading", "Title line", "  continued", "[ref]: /x", "```", "<div>",
    # link reference definitions and lines that only start like one
    "[a]: /x", "[a]:", "[a] : /x", "[a]b", "[a][b]: /x", "[a\\]]: /x", "[[a]]: /x", "[a](/x) text", "[multi",
    "line]: /x", "   [b]: /y 'T'", "[^1]: note", "[^note] text", "[^]: empty", "[^a b]: x", "[^1]:", "[^", "[^x]:y",
    # indentation with and without tabs: getLines cuts tab-free lines by slicing
    # lines that start like a horizontal rule or a list item, and are or are not one
    "1.", "1)", "7.", "123456789. nine digits", "1234567890. ten", "1.x", "3)\tx", "2015 was a year.", "__init__",
    "_ _ _", "- - x", "-- --", "**bold** start", "+", "+ +", "*", "- * -", "0. zero",
    "-\titem", " \t- x", "1.\tfoo", "\tcode", "  \t  mixed", "   three", "     five", "-    spaced marker", "-",
    # horizontal rules and lines with three of a marker that are none
    "**Bold** start", "***bold***", "* * x", "*\t*\t*", "_ _ _ x", "---x", "- - -  ", "__init__ and __main__",
    "-- - --", "* ** *", "- **a** b", "> ***", "  ___",
]

edgy = st.lists(st.sampled_from(EDGES), min_size=1, max_size=30).map("\n".join)


@settings(max_examples=1500, deadline=None)
@given(edgy)
def test_block_tokens_at_the_edges_of_the_prechecks(text: str) -> None:
    assert tokens(FAST, text) == tokens(STOCK, text)


def test_a_long_tight_list_before_an_underline_is_read_as_stock_reads_it() -> None:
    # (each item asks whether an underline lies ahead: it must neither be missed nor cost
    # a read of the rest of the list per item)
    text = "\n".join(f"- item {i}" for i in range(300)) + "\nText\n---\n\nPara\n===\n"
    assert tokens(FAST, text) == tokens(STOCK, text)


# -- the prose view, built from the blocks' coarse view spans ----------------------------------

from newslint import prose  # noqa: E402
from newslint.document import Document  # noqa: E402

BODY_LINES = EDGES + ["A [link](https://example.com) and `code`.", "{{< ref x >}} and {% raw %}", "&amp; entity",
                      "{% highlight python %}", "{% endhighlight %}", "text `tick", "tick` more", "<!-- a", "b -->",
                      "| cell `c` | d |", "  - item with [x](y)", "> quote with <b>tag</b>"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(BODY_LINES), min_size=1, max_size=25).map("\n".join),
       st.sampled_from(["x", "A `code` title", "Title &amp; more", "https://t.co/x title"]))
def test_prose_view_is_the_text_with_everything_outside_the_prose_spans_masked(body: str, title: str) -> None:
    _check_view(body, title)


def _check_view(body: str, title: str) -> None:
    doc = Document(f"---\ntitle: {title}\ndescription: plain words\n---\n{body}\n")
    inside = [False] * len(doc.text)
    for s, e in doc.prose_spans:
        inside[s:e] = [True] * (e - s)
    expected = "".join(ch if ch == "\n" or inside[i] else prose.MASK for i, ch in enumerate(doc.text))
    assert doc.prose_text == expected


def test_prose_view_of_paragraphs_inside_paired_code_tags() -> None:
    # (such paragraphs are cut out of the prose after the blocks are made: the coarse view
    # must not keep them)
    for body in ("{% highlight python %}\n\nPlain prose inside.\n\n{% endhighlight %}\n\nAfter.\n",
                 "Before.\n\n{{< highlight go >}}\nx := 1\n\nPlain line.\n{{< /highlight >}}\n",
                 "A `code span\nover two lines` and prose.\n\nNext paragraph.\n"):
        _check_view(body, "x")


def test_the_masked_line_table_keeps_ordinary_lengths_only() -> None:
    # (a file of many long lines of different lengths must not leave one cached string per length)
    from newslint import document

    doc = Document("---\ntitle: x\n---\n```\n" + "\n".join("y" * n for n in range(1, 3000)) + "\n```\n")
    assert doc.prose_text.count(prose.MASK) > 4_000_000
    assert max(document._MASKED_LINES) <= 400


# -- lists: mdblock.list_items gives an item that starts with a paragraph directly -------------

ITEM_MARKERS = ["-", "*", "+", "1.", "2.", "1)", "7)", "10.", "0.", "123456789.", "-", "-", "1."]
ITEM_GAPS = [" ", " ", "  ", "   ", "    ", "     ", "\t", " \t", ""]
ITEM_TEXTS = ["item", "Item with [a link](https://x.y) and text", "**Bold** start", "[label]: /def", "[a](b) c",
              "# heading", "> quote", "```", "- nested", "1. nested", "---", "***", "* * *", "<div>", "`code`",
              "| a | b |", "text | more", "", "    code", "2015 was", "_under_"]
FOLLOWERS = ["", "", "  continued", "    continued deep", "lazy line", "===", "---", "  ---", "  ===", "- next",
             "  - nested", "    - deeper", "|---|---|", "  |---|", "> quote", "# Heading", "Paragraph text",
             "```", "<div>", "1. ordered", "2. two", "     - five", "\t- tabbed", "  \tx"]


@st.composite
def list_markdown(draw: st.DrawFn) -> str:
    """Lists of every shape: items of one or more lines, tight and loose, nested, lazy
    continuations, interruptions; some in a block quote."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(FOLLOWERS)))
            continue
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 6]))
        lines.append(indent + draw(st.sampled_from(ITEM_MARKERS)) + draw(st.sampled_from(ITEM_GAPS))
                     + draw(st.sampled_from(ITEM_TEXTS)))
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(st.sampled_from(FOLLOWERS)))
    if draw(st.integers(0, 3)) == 0:
        lines = [draw(st.sampled_from(["> ", ">", "> > ", ""])) + line for line in lines]
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n", "\n> x\n"]))


@settings(max_examples=3000, deadline=None)
@given(list_markdown())
def test_list_tokens_are_those_of_stock_markdown_it(text: str) -> None:
    assert tokens(FAST, text) == tokens(STOCK, text)


LISTS = [
    "- one\n- two\n- three\n",  # tight, one line each
    "- one\n- two\n\nAfter.\n",  # ends at a blank line, then a paragraph
    "- one\n- two\n# Heading\n",  # interrupted by a heading
    "- one\n- two\nlazy continuation\n- three\n",  # a lazy line
    "- one\n  continued\n- two\n",  # an indented continuation
    "- one\n\n- two\n\n- three\n",  # loose
    "- one\n- two\n\n- three\n",  # loose from the blank line on
    "- one\n  - nested\n  - nested two\n- two\n",  # nested
    "- one\n\n  second paragraph\n- two\n",  # an item of two paragraphs
    "- one\n\n      code in item\n- two\n",
    "3. three\n4. four\n",  # ordered, starting at 3
    "Text\n2. not a list\n",  # an ordered list interrupts a paragraph only at 1
    "Text\n1. a list\n- and a bullet\n",
    "- one\n+ other bullet\n* third\n",  # a new list at each bullet change
    "1. one\n1) other delimiter\n",
    "> - quoted\n> - list\n> lazy\n\nout\n",
    "> - quoted\n>\n> - loose\n",
    "-\ttab\n-\t\tcode\n- x\n",
    "- one\n---\n",  # a rule ends the list
    "- one\n- - -\n",
    "- one\n  ---\n- two\n",  # a setext heading inside an item
    "- one\n===\n",
    "-\n  foo\n",  # an empty first line
    "-\n\n  foo\n",
    "- \n- two\n",
    "  - one\n - two\n- three\n   - four\n",  # siblings at different indentation
    "- a\n     - this is lazy\n",
    "1.  one\n\n    para\n2.  two\n",
    "- [ ] task\n- [x] done\n",
    "- a | b\n- |---|\n",  # table-like items
    "- a | b\n  |---|---|\n",
    "- [ref]: /url\n- [ref]\n",
    "- **Bold** item\n- **Bold** two\n",
    "- <div>\n- text\n",
    "- one\n    - code-like nested\n",
    "10. ten\n11. eleven\n",
    "1. one\n\n\n2. two\n",
    "- a\n\n\n",
    "> - a\n>\n>\n\nnext",
]


def test_list_shapes_read_as_stock_reads_them() -> None:
    for text in LISTS:
        assert tokens(FAST, text) == tokens(STOCK, text), text
        quoted = "".join("> " + line for line in text.splitlines(True))
        assert tokens(FAST, quoted) == tokens(STOCK, quoted), quoted
        nested = "- outer\n" + "".join("  " + line for line in text.splitlines(True))
        assert tokens(FAST, nested) == tokens(STOCK, nested), nested


def test_deep_lists_meet_the_depth_limit_where_they_did() -> None:
    # (list_items gives items their paragraph directly only above the depth limit's level: the
    # reference is stock markdown-it with the same limit)
    from conftest import _block_parser
    from newslint.mdblock import install, limit_depth

    limited = limit_depth(_block_parser(), 6)
    fast = limit_depth(install(_block_parser()), 6)
    for text in ("".join("  " * i + "- item\n" for i in range(12)) + "after\n",
                 "".join("  " * i + "1. item\n" + "  " * i + "   more\n" for i in range(12)),
                 "- a\n" * 3 + "".join("  " * i + "- b\n" for i in range(10)) + "- c\n"):
        assert tokens(fast, text) == tokens(limited, text), text
