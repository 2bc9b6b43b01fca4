"""A hypothesis strategy for realistic articles: front matter with several kinds of value, then
paragraphs with quotes, punctuation slips, spaces, lists, quotes, code, links, headings, HTML
and shortcodes; stored with LF, CRLF or mixed newlines, with or without a BOM, in UTF-8 or
UTF-16. Shared by the --fix property tests and the fuzz targets."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = ["talks", "resumed", "Medinsky", "said", "Istanbul", "the", "delegation", "Kyiv", "Kiev", "Zelensky",
         "ceasefire", "officials", "on", "Monday", "it's", "Podolyak", "e.g.", "U.S.", "1990s", "5'11\"",
         "rock", "n", "roll", "café", "naïve", "Ж", "ölçü", "2022-05-31"]
PUNCT = [",", ".", ";", ":", "!", "?", " ,", " .", ",,", "..", "...", "…", " - ", " -- ", "—", " – ", "(", ")",
         "( ", " )", "\u200b", "\u00ad", "\u00a0", "  ", "\t", "'", "’", "\"", "“", "”", "«", "»", "„", "‘"]
INLINE = ["`code , here`", "**bold**", "*em*", "_em_", "[a link](https://example.com/a_b)", "<https://x.org>",
          "![alt \"x\"](img.png)", "https://example.org/path?q=1", "<b>html</b>", "{{< ref \"x.md\" >}}",
          "{% raw %}x{% endraw %}", "&amp;", "\\*", "[ref][r]", "[Kiev][]", "<!-- note -->", "~~gone~~"]

word = st.sampled_from(WORDS)
token = st.one_of(word, word, word, st.sampled_from(PUNCT), st.sampled_from(INLINE))
sentence = st.lists(token, min_size=1, max_size=14).map(lambda ts: " ".join(ts).replace(" \u200b ", "\u200b"))
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["p", "p", "p", "h", "list", "olist", "quote", "code", "fence", "table", "html",
                                 "refdef", "hr", "nested"]))
    p = draw(paragraph)
    if kind == "h":
        return "#" * draw(st.integers(1, 3)) + " " + p
    if kind == "list":
        return "\n".join("- " + draw(paragraph) for _ in range(draw(st.integers(1, 3))))
    if kind == "olist":
        return "\n".join(f"{i + 1}. " + draw(paragraph) for i in range(draw(st.integers(1, 3))))
    if kind == "quote":
        return "> " + p
    if kind == "code":
        return "    " + p
    if kind == "fence":
        return "```\n" + p + "\n```"
    if kind == "table":
        return f"| a | b |\n|---|---|\n| {draw(sentence)} | {draw(sentence)} |"
    if kind == "html":
        return f"<div class=\"x\">\n{p}\n</div>"
    if kind == "refdef":
        return "[r]: https://example.com/ref \"Title\"\n[Kiev]: https://example.com/kyiv"
    if kind == "hr":
        return "---" if draw(st.booleans()) else "***"
    return "- " + p + "\n  - " + draw(paragraph) + "\n\n  > " + draw(sentence)


scalar = st.one_of(
    sentence.map(lambda s: s.replace("\n", " ").replace("\t", " ")).map(lambda s: '"' + s.replace("\\", "\\\\")
                                                                          .replace('"', '\\"') + '"'),
    word,
    st.sampled_from(["2022-05-31T05:32:23+03:00", "2022-05-31 05:32:23", "yes", "017", "1.10", "true", "null", "",
                     "[]", "[a, b]", "'quoted: value'", "|\n  Block text , here.\n  Second  line."]),
)
KEYS = ["description", "summary", "tags", "date", "lastmod", "draft", "authors", "images", "categories", "slug",
        "catgories", "deck", "weight"]


@st.composite
def front_matter(draw) -> str:
    title = draw(sentence).replace("\n", " ").replace('"', "'").replace("\\", "/")
    lines = [f'title: "{title}"']
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=6, unique=True)):
        if key in ("tags", "authors", "images", "categories") and draw(st.booleans()):
            items = draw(st.lists(word, min_size=0, max_size=3))
            lines.append(f"{key}:" + "".join(f"\n  - {w}" for w in items))
        else:
            lines.append(f"{key}: {draw(scalar)}")
    return "---\n" + "\n".join(lines) + "\n---\n"


@st.composite
def article(draw) -> str:
    """An article as text with LF newlines (see ``stored`` for the bytes on disk)."""
    head = draw(front_matter()) if draw(st.integers(0, 9)) else ""
    lead = "\n" * draw(st.sampled_from([0, 0, 0, 1, 2]))
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    end = draw(st.sampled_from(["\n", "\n", "", "\n\n"]))
    return lead + head + "\n" + "\n\n".join(blocks) + end


@st.composite
def stored(draw) -> bytes:
    """An article as the bytes of a file: newline style, BOM and encoding drawn."""
    text = draw(article())
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "mixed"]))
    if newline == "mixed":
        lines = text.split("\n")
        flags = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        text = "".join(line + ("\r\n" if crlf else "\n") for line, crlf in zip(lines[:-1], flags)) + lines[-1]
    else:
        text = text.replace("\n", newline)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16"]))
    return text.encode(encoding)
