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
    "line]: /x", "   [b]: /y 'T'", "[^1]: note",
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
