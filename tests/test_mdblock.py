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

from markdown_it import MarkdownIt

from newslint.mdblock import install


def _stock() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.disable("inline")
    return md


STOCK = _stock()
FAST = install(_stock())


def tokens(md: MarkdownIt, text: str) -> tuple[list[tuple], dict]:
    env: dict = {}
    toks = md.parse(text, env)
    return [(t.type, t.tag, t.nesting, t.attrs, t.map, t.level, t.children, t.content, t.markup, t.info, t.meta,
             t.block, t.hidden) for t in toks], env

EDGES = [
    "Prose.", "More prose here.", "", "", "---", "--- ", "---\t", "===", "= =", "=== x", "-", "=", "- - -", "***", "* * *",
    "- item", "- item two", "* item", "+ item", "1. one", "2) two", "  - nested", "    - deep", "> ---", "> - item",
    "> ===", ">", "> quoted | text", "- a | b", "| a | b |", "a | b", "|---|---|", "| --- | --- |", "--- | ---",
    ":-- | --:", "-|-", "|-", "| x", ":--|x", "- --", "-- | --", "|", "  |---|", "\t|---|", "*emphasis*", "+plus",
    "    indented", "# Heading", "Title line", "  continued", "[ref]: /x", "```", "<div>",
    # indentation with and without tabs: getLines cuts tab-free lines by slicing
    # lines that start like a horizontal rule or a list item, and are or are not one
    "1.", "1)", "7.", "123456789. nine digits", "1234567890. ten", "1.x", "3)\tx", "2015 was a year.", "__init__",
    "_ _ _", "- - x", "-- --", "**bold** start", "+", "+ +", "*", "- * -", "0. zero",
    "-\titem", " \t- x", "1.\tfoo", "\tcode", "  \t  mixed", "   three", "     five", "-    spaced marker", "-",
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
