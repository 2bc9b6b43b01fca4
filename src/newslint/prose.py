"""Which characters of the body are prose: the parse that every body rule shares.

markdown-it-py gives the block structure (paragraphs, headings, table cells, code, HTML) with
line maps; footnote definitions (mdit-py-plugins) hold blocks of prose like the body, and a
paragraph made only of ``| a | b |`` rows is a table without its delimiter row: cells. The text
between the tags of an HTML block is prose too, a block per ``<p>``, ``<li>``, ``<td>``…; its
tags, comments and code are not (``_html_block``), nor is an embedded social-media post (the
fallback text of a ``<blockquote class="twitter-tweet">``: someone else's post, verbatim). Its
inline parser is switched off: it gives no columns, costs more than half the parse time, and decodes escapes and entities so its text no longer matches the source. Instead
the raw inline content of each block is mapped back to its source lines, and inline syntax
that is not prose (code spans, HTML, autolinks, link destinations, bare URLs, Hugo shortcodes,
Liquid tags, kramdown attribute lists such as ``{:target="_blank"}``, entities, escapes) is
masked with one scanner. Before it, passes over the whole body mask what a block-by-block reading
cannot see: paired tags whose content is code, TeX math (``$f'(x)$``, ``$$ … $$``), a definition
list's ``:   `` marker, and a Hugo shortcode whose ``>}}`` opens a line of its own. An image's alt text is prose (a
reader hears it, or sees it in place of the picture); its syntax and destination are not.

The result is a prose view of the document: a string as long as the text in which every
character that is not prose is replaced by ``MASK`` (newlines are kept). A rule runs its regex
once over that view and gets offsets valid in the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, Iterator

from .patterns import lazy

MASK = "\ue000"  # a private-use character: no rule pattern matches it, \w and \s do not either

# A Hugo shortcode or Liquid tag: it may sit inside an HTML attribute or a link destination,
# with quotes and spaces of its own (`<a href="{{< ref "x" >}}">`, `[t]({{ "/p/" | url }})`).
_TEMPLATE = r"\{\{.*?\}\}|\{%.*?%\}"
# A link destination with optional title, after "](": balanced parentheses one level deep.
# (Runs of plain characters are taken whole, possessively: one step instead of one alternation per
# character. Nothing that follows a run can start with a character of it, so no match changes.)
_DEST = r"""\(\s*(?:<[^<>\n]*>|(?:""" + _TEMPLATE + r"""|[^\s()\\{]++|\{|\\.|\((?:[^\s()\\]++|\\.|\([^\s()]*\))*\))*)
             (?:\s+(?:"(?:[^"\\]++|\\.)*"|'(?:[^'\\]++|\\.)*'|\((?:[^()\\]++|\\.)*\)))?\s*\)"""
_LABEL = r"\[(?:[^\[\]\\]|\\.){0,999}\]"

# Inline syntax that is not prose, in the order CommonMark gives it precedence at one position.
_INLINE = re.compile(
    r"""
    (?P<code>`+)
  | (?P<comment><!--.*?-->)
  | (?P<autolink><[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>)
  | (?P<email><[\w.!#$%&'*+/=?^`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,253}[A-Za-z0-9])?>)
  | (?P<html></?[A-Za-z][A-Za-z0-9\-]*(?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:""" + _TEMPLATE + r"""|[^\s"'=<>`]+
             |'(?:""" + _TEMPLATE + r"""|[^'])*?'|"(?:""" + _TEMPLATE + r"""|[^"])*?"))?)*\s*/?>
             |<\?.*?\?>|<![A-Z]+[^>]*>|<!\[CDATA\[.*?\]\]>)
  | (?P<shortcode>\{\{[<%].*?[%>]\}\})
  | (?P<liquid>\{%.*?%\}|\{\{.*?\}\})
  | (?P<ial>\{:[^{}\n]*\})
  | (?P<image>!\[(?:[^\[\]\\]++|\\.|\[(?:[^\[\]\\]++|\\.)*\])*\](?:""" + _DEST + "|" + _LABEL + r""")?)
  | (?P<dest>\]""" + _DEST + r""")
  | (?P<ref>\]""" + _LABEL + r""")
  | (?P<footnote>\[\^[^\]\s]+\])
  | (?P<url>(?:https?|ftp)://(?:(?!\][(\[])[^\s<>`])+|www\.[A-Za-z0-9\-]+\.(?:(?!\][(\[])[^\s<>`])+)
  | (?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});)
  | (?P<escape>\\[!-/:-@\[-`{-~])
    """,
    re.X | re.S,
)
# The alternatives of _INLINE that can match at a character, by that character (in _INLINE's order):
# at "[" only the footnote is tried, not all fourteen. An alternative not listed is in every pattern.
# Each is compiled the first time its character comes up (start-up time counts for one article).
_STARTS = {"code": "`", "comment": "<", "autolink": "<", "email": "<", "html": "<", "shortcode": "{", "liquid": "{", "ial": "{",
           "image": "!", "dest": "]", "ref": "]", "footnote": "[", "url": "hfw", "entity": "&", "escape": "\\"}
_INLINE_AT: dict[str, re.Pattern[str]] = {}


def _inline_for(ch: str) -> re.Pattern[str]:
    """_INLINE with only the alternatives that can start with ``ch`` (compiled once)."""
    pieces = re.split(r"\n  \| (?=\(\?P<)", _INLINE.pattern)  # one top-level alternative a line
    alternatives = [(m.group(1), alt) for alt in pieces if (m := re.match(r"\s*\(\?P<(\w+)>", alt)) is not None]
    whole = len(alternatives) == len(pieces) and \
        [name for name, _ in alternatives] == re.findall(r"\(\?P<(\w+)>", _INLINE.pattern)
    pattern = (re.compile("|".join(alt for name, alt in alternatives if ch in _STARTS.get(name, ch)), re.X | re.S)
               if whole and ch in "".join(_STARTS.values()) else _INLINE)  # (else: the whole pattern)
    _INLINE_AT[ch] = pattern
    return pattern


# A link reference definition on a line of its own. CommonMark does not let one interrupt a
# paragraph, so after a `{% include %}` line (bitcoinops) the definitions become paragraph text;
# they are still not prose. Its destination may hold a Liquid tag or shortcode with spaces of its
# own (`[1]: {{ site.url }}/fr/news/`): Jekyll renders the tag before Markdown sees the line.
# Only an ASCII blank ends its destination (CommonMark's rule: a no-break space is inside it).
_REFDEF = lazy(r"""[ ]{0,3}\[(?:[^\[\]\\]|\\.)+\]:[ \t]*(?:<[^>\n]*>|(?:""" + _TEMPLATE + r"""|[^ \t\n\r\f\v{]|\{)+)
                         (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*""", re.X)
# The Markdown comment idiom's label on a line of its own, ``[//]: # (a note)`` or ``[comment]: <>``,
# with what follows not a destination and title CommonMark takes (``[//]: **Note**: the video is
# private.``): kramdown (Jekyll) reads the rest of the line as the destination and renders nothing,
# and whoever wrote the label meant a note to the editors, not prose.
_COMMENT_DEF = lazy(r"[ ]{0,3}\[(?://|[Cc]omment)\]:[ \t]*\S")
_SPECIAL = re.compile(r"[`<{!\[\]&\\]")  # where every _INLINE alternative but the bare URL starts


def _plain(s: str) -> bool:
    """Is there nothing inline to mask in ``s``: no character where _SPECIAL finds one, no URL?
    (Ten `in` tests, each a scan at C speed, cost a fraction of one search with the character
    set, which tests every character in turn.)"""
    return not ("]" in s or "[" in s or "&" in s or "<" in s or "{" in s or "`" in s or "!" in s or "\\" in s
                or "://" in s or "www." in s)
_URL_TRAIL = ".,:;!?'\"*_~"
# A closing quotation mark written as an entity at a bare URL's end (“https://x.gov/a&#8221;,): the
# quotation's mark, not the address's (a URL writes a quote as %22, and its & before a parameter)
_URL_QUOTE_ENTITY = lazy(r"&(?:#822[01]|#821[6-9]|#187|#8243|[rl]dquo|rsquo|raquo|#[xX]201[dDcC9]);\Z")
_MINUS_ONE = (-1).__add__

# Paired tags whose content is code or not published: everything between them is masked.
_CODE_PAIRS = re.compile(
    r"""\{%-?\s*(highlight|raw|comment|capture)\b.*?%\}.*?\{%-?\s*end\1\s*-?%\}
      | \{\{[<%]\s*(highlight|code|raw|comment)\b.*?[%>]\}\}.*?\{\{[<%]\s*/\s*\2\s*[%>]\}\}""",
    re.X | re.S | re.M,
)
# TeX math, as MathJax and KaTeX (and kramdown, Pandoc, MkDocs' arithmatex) read it: ``$$...$$``,
# on one line or across the lines of one block (no empty line), and ``$...$`` on one line, opened by a
# "$" that a letter or digit does not precede and a non-space non-digit follows (so "$5 - $10" and
# "US$5" stay prose: money), closed by a "$" that a non-space precedes and no letter or digit
# follows. Its primes (f'(x)), spacing and commas are not typography.
_MATH = lazy(r"""\$(?:\$(?:[^$\n]|\n(?![ \t]*\n))+?\$\$
                    | (?<![\\$\w]\$)(?=[^\s$\d])[^$\n`]{0,200}?[^\s\\$]\$(?![\w$]))""", re.X)
# A definition list's marker (kramdown, PHP Markdown Extra, Pandoc, MkDocs' def_list): a colon
# that opens a line, then the spaces that align the definition (``:   Its meaning``), is syntax.
# A Hugo shortcode whose arguments run over several lines and whose ">}}" opens a line of its own:
# that line reads as a block quote to Markdown, which ends the paragraph the shortcode opened in,
# so neither block holds the whole construct. Found from the closing line, paired with the
# nearest "{{<" before it (and after the previous pair: each part of the body is searched once).
# Both are found in one pass over the body's line starts (group 1: a definition's marker).
_LINE_SYNTAX = lazy(r"\n(?:([ ]{0,3}:[ \t]+)(?=\S)|[ \t]*>\}\})")
# Comments of the template languages that are not Liquid: Nunjucks/Jinja ``{# … #}`` (Eleventy; the
# "{#" takes a space or "-" after it, so kramdown's ``{#id}`` heading attributes stay what they are)
# and kramdown's ``{::comment} … {:/comment}``. Nothing between them is published.
_TEMPLATE_COMMENT = lazy(r"\{#[-\s]|\{::comment\}")
# Hugo's highlight shortcode names the language of its code ({{< highlight go >}}): one without
# arguments, opened and closed on one line of a paragraph, is a site's own shortcode that marks
# text ({{< highlight >}}Their next deadline is January 30.{{< /highlight >}}), and that is prose.
_TEXT_HIGHLIGHT = lazy(r"\{\{<\s*highlight\s*>\}\}")
# Inline HTML whose content is code, keys or program output, not prose (<code>git clone</code>,
# <tt>; '@' means "the zone apex"</tt>, <kbd>Ctrl</kbd>): masked with its tags, within a paragraph.
_HTML_CODE = lazy(r"<(code|tt|kbd|samp|var)\b[^<>]*>(?:(?!\n[ \t]*\n)[^<]|<(?!/\1\s*>))*</\1\s*>", re.I)
# (its closing tag, searched first: one literal-led scan, where the pattern above would be tried
# at every "<" of an HTML-heavy article)
_HTML_CODE_CLOSE = re.compile(r"</(?:code|tt|kbd|samp|var)\s*>", re.I)


# Block tokens the index has nothing to do with (closing tags, list items, table rows, rules):
# skipped with one look-up instead of every comparison below.
_PASSED = frozenset(("paragraph_close", "heading_close", "list_item_close", "hr", "thead_open",
                     "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_close", "td_close",
                     "table_open", "table_close"))


@dataclass
class Block:
    """A prose block: a paragraph, heading or table cell, with its prose spans.

    ``start``/``end`` are document offsets (start of the first line, end of the last);
    ``quote_depth`` is the blockquote nesting, ``list_depth`` the list nesting.
    """

    kind: str  # "paragraph" | "heading" | "cell" (in an HTML block too: <p>, <h2>, <td>)
    start: int
    end: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    quote_depth: int = 0
    list_depth: int = 0
    level: int = 0  # heading level
    html: bool = False  # text of an HTML block (between its tags)


@dataclass
class ProseIndex:
    """The body's prose blocks, its masked (non-prose) regions and link references."""

    blocks: list[Block]
    masks: list[tuple[int, int, str]]  # (start, end, kind) with kind from _INLINE or code/html/fence/deep
    references: dict[str, Any]
    tokens: list[Any] = field(default_factory=list)  # markdown-it's block tokens (the fix guard reuses them)
    # The blocks' prose as fewer spans, for building the prose view: a paragraph whose lines are
    # all prose is one span with its newlines (a newline reads the same in the view and the text).
    # None: use the blocks' spans.
    view: list[tuple[int, int]] | None = None
    # The offset of the line break before each list item's first line (the names' runs stop there)
    items: list[int] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Footnote definitions (kramdown, goldmark, Pandoc): their indented paragraphs are prose, not
    # the indented code CommonMark alone reads them as. Without the inline parser the plugin adds
    # only its block rule; its core rule would move the definitions to the end of the tokens.
    md.use(footnote_plugin)
    md.disable("footnote_tail")
    md.disable("inline")  # see the module docstring
    md.disable("text_join")  # it only rewrites inline children, and there are none: a walk over every token
    from .mdblock import install, limit_depth

    return limit_depth(install(md))


# MDX (Astro, Next.js, Docusaurus content): its ESM lines (import/export, at the start of a line,
# up to a blank line), JavaScript expressions in braces ({props.rate}, {/* a comment */}) and
# JSX elements (<Chart data={[1, 2]} />) are code and markup, not prose. Braces nest three deep;
# strings in them are taken whole (a } in a string does not close). Atomic groups: a "{" that
# never closes costs one pass, never a backtracking storm.
_BRACES = r"""\{(?>"[^"\n]*"|'[^'\n]*'|`[^`]*`|[^{}]|\{(?>"[^"\n]*"|'[^'\n]*'|[^{}]|\{[^{}]*\})*\})*+\}"""
_MDX = lazy(
    r"""(?P<esm>^(?:import|export)\b[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*)
      | (?P<expr>""" + _BRACES + r""")
      | (?P<jsx></?[A-Za-z][\w.:-]*(?:\s+(?:""" + _BRACES + r"""|[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|"""
    + _BRACES + r"""))?))*\s*/?>|<>|</>)""",
    re.X | re.M,
)


def mdx_masks(text: str, start: int) -> list[tuple[int, int, str]]:
    """The code (ESM lines, expressions, fenced code) and markup (JSX elements) of an MDX body
    from ``start``."""
    if "{" not in text[start:] and "import" not in text[start:] and "export" not in text[start:] \
            and "<" not in text[start:]:
        return []
    fences = _mdx_fences(text, start)
    out = [(s, e, "code") for s, e in fences]
    k = 0
    for m in _MDX().finditer(text, start):
        s = m.start()
        while k < len(fences) and fences[k][1] <= s:
            k += 1
        if k < len(fences) and fences[k][0] <= s:
            continue  # (inside a fenced code block: its text is code, whatever it looks like)
        if m.lastgroup == "esm" and s > start and text[text.rfind("\n", 0, s - 1) + 1:s].strip():
            continue  # (ESM starts a block: "import" on a paragraph's next line is a word)
        out.append((s, m.end(), "html" if m.lastgroup == "jsx" else "code"))
    return out


# A fence opens a code block at any indentation in MDX: a JSX element's children are Markdown,
# and indenting them (<div>\n    ```js) makes no indented code block there, as it does in
# CommonMark; markdown-it, which knows no JSX, reads the fence inside an HTML block as its text.
_FENCE_OPEN = lazy(r"^[ \t]*(`{3,}|~{3,})([^\n]*)$", re.M)
_FENCE_CLOSE = lazy(r"^[ \t]*(`{3,}|~{3,})[ \t]*$", re.M)


def _mdx_fences(text: str, start: int) -> list[tuple[int, int]]:
    """The fenced code blocks of an MDX body, at any indentation, in order (an unclosed fence
    runs to the end, as in CommonMark)."""
    if "```" not in text[start:] and "~~~" not in text[start:]:
        return []
    out = []
    pos = start
    while True:
        m = _FENCE_OPEN().search(text, pos)
        if m is None:
            return out
        fence = m.group(1)
        if fence[0] == "`" and "`" in m.group(2):
            pos = m.end()  # (```js` is inline code, not a fence: a backtick fence's info has none)
            continue
        end = len(text)
        for c in _FENCE_CLOSE().finditer(text, m.end()):  # the same character, at least as many
            if c.group(1)[0] == fence[0] and len(c.group(1)) >= len(fence):
                end = c.end()
                break
        out.append((m.start(), end))
        pos = end


def index(text: str, body_start: int, line_starts: list[int], mdx: bool = False) -> ProseIndex:
    """Parse the body (``text[body_start:]``) and locate prose and non-prose regions (``mdx``:
    the body is MDX, and its ESM lines, expressions and JSX elements are not prose)."""
    body = text[body_start:]
    first_line = _line_of(line_starts, body_start)
    env: dict[str, Any] = {}
    tokens = _parser().parse(body, env)
    blocks: list[Block] = []
    masks: list[tuple[int, int, str]] = []
    n_lines = len(line_starts)

    def line_start(body_line: int) -> int:
        i = first_line + body_line
        return line_starts[i] if i < n_lines else len(text)

    def line_end(body_line: int) -> int:  # offset of the newline ending the line (or EOF)
        i = first_line + body_line + 1
        return line_starts[i] - 1 if i < n_lines else len(text)

    if "{%" in body or "{{" in body:  # (what every pair starts with: most articles have neither)
        for m in _CODE_PAIRS.finditer(body):
            if m.group(2) == "highlight" and _TEXT_HIGHLIGHT().match(m.group()) and "\n" not in m.group():
                continue  # a sentence marked within its paragraph: a text highlighter, not code
            masks.append((body_start + m.start(), body_start + m.end(), "code"))
    masks.extend(_template_comments(body, body_start))
    if "$" in body:
        for m in _MATH().finditer(body):
            masks.append((body_start + m.start(), body_start + m.end(), "code"))
    if _HTML_CODE_CLOSE.search(body):
        for m in _HTML_CODE().finditer(body):
            masks.append((body_start + m.start(), body_start + m.end(), "code"))
    mdx_cuts = mdx_masks(text, body_start) if mdx else []
    masks.extend(mdx_cuts)
    closers = []
    for m in _LINE_SYNTAX().finditer(body):
        if m.group(1):
            masks.append((body_start + m.start(1), body_start + m.end(1), "code"))
        else:
            closers.append(m)
    if closers:
        mdx_cuts.extend(_split_shortcodes(body, body_start, masks, closers))
    quote_depth = list_depth = 0
    pending: tuple[str, int] | None = None
    cursor_line, cursor_col = -1, 0  # several table cells share one line: search left to right
    view: list[tuple[int, int]] = []
    items: list[int] = []
    n_text = len(text)
    find = text.find
    startswith = text.startswith
    for tok in tokens:
        t = tok.type
        if t == "inline":  # (the commonest token first; then the opening tags that precede it)
            if pending is None or not tok.map:
                continue
            kind, level = pending
            pending = None
            content = tok.content
            base = first_line + tok.map[0]  # the document line of the block's first line
            start = line_starts[base] if base < n_lines else n_text
            if "\n" not in content:  # (most blocks are one line: no split)
                lines = [content]
                i = base + 1
            else:
                lines = content.split("\n")
                i = base + len(lines)
            block = Block(kind, start, line_starts[i] - 1 if i < n_lines else n_text, [], quote_depth, list_depth,
                          level)
            spans = block.spans
            if kind == "paragraph" and len(lines) > 1 and content[:1] == "|" and _PIPE_ROWS().fullmatch(content):
                # | 0 | MAX |: a table without a delimiter row (kramdown reads one): its cells are
                # prose, its pipes and the padding that aligns them are not
                cells, cursor_line, cursor_col = _pipe_cells(text, block, lines, base, line_starts, n_text, masks)
                blocks.extend(cells)
                view.extend(span for cell in cells for span in cell.spans)  # (the view is the blocks' prose)
                continue
            if kind != "cell" and _plain(content) and startswith(content, start):
                # The common case: a paragraph written as it is parsed (no container indentation),
                # with nothing inline to mask. Its lines are prose where they stand.
                if len(lines) == 1:
                    at = start + len(content) + 1
                    if content:
                        spans.append((start, at - 1))
                elif "\n\n" not in content:  # (no empty line: each line is a span)
                    # the document's lines from the first to the last but one, whole (from each
                    # line's start to the next one's less its newline), then the last as far as
                    # the content goes
                    last = i - 1
                    spans.extend(zip(line_starts[base:last], map(_MINUS_ONE, line_starts[base + 1:last + 1])))
                    at = start + len(content) + 1
                    spans.append((line_starts[last], at - 1))
                else:
                    at = start
                    for content_line in lines:
                        if content_line:
                            spans.append((at, at + len(content_line)))
                        at += len(content_line) + 1
                cursor_line = i - 1
                cursor_col = at - 1 - line_starts[cursor_line] if cursor_line < n_lines else at - 1 - n_text
                if content:
                    view.append((start, at - 1))
                blocks.append(block)
                continue
            # code spans may run over a line break: pair backticks over the whole block first
            code = _code_spans(text, block.start, block.end) if "`" in content and len(lines) > 1 else []
            if code:
                masks.extend((cs, ce, "code") for cs, ce in code)
            # Content that stands where it was parsed from, on a line no block before has read
            # from: each of its lines starts its line, where the search below would find it.
            in_place = base != cursor_line and startswith(content, start)
            at = base
            for content_line in lines:
                s = line_starts[at] if at < n_lines else n_text
                e = line_starts[at + 1] - 1 if at + 1 < n_lines else n_text
                if content_line:
                    start = s if in_place else find(content_line, s + cursor_col if at == cursor_line else s, e)
                    if start < 0:
                        at += 1
                        continue  # the content was rewritten (tabs in a container): not prose we can map
                    end = start + len(content_line)
                else:
                    start = end = s
                cursor_line, cursor_col = at, end - s
                at += 1
                if kind == "paragraph" and content_line[:1] in "[ " and "]:" in content_line \
                        and _COMMENT_DEF().match(content_line):
                    masks.append((start, end, "comment"))
                    continue
                if kind == "paragraph" and content_line[:1] in "[ " and "]:" in content_line \
                        and _REFDEF().fullmatch(content_line):
                    masks.append((start, end, "refdef"))
                    # (its template tags stay templates: the link scanner reads the definition past them)
                    masks.extend((ts, te, kind) for ts, te, kind, _ in _markup(text, start, end)
                                 if kind in ("shortcode", "liquid"))
                    continue
                if code:
                    for ps, pe in _cut([(start, end)], code):
                        if ps < pe:
                            _scan_line(text, ps, pe, spans, masks)
                elif start < end:
                    if _plain(content_line):  # (the text from start to end)
                        spans.append((start, end))  # nothing inline to mask: the common case
                    else:
                        _scan_line(text, start, end, spans, masks)
            if _multiline_constructs(content):
                _rescan_block(text, block, masks)
            view.extend(block.spans)
            blocks.append(block)
        elif t == "paragraph_open":
            pending = ("paragraph", 0)
        elif t in _PASSED:
            continue
        elif t == "heading_open":
            pending = ("heading", int(tok.tag[1:]))
        elif t == "list_item_open":
            if tok.map and tok.map[0] + first_line > 0:
                items.append(line_start(tok.map[0]) - 1)
        elif t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth -= 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif t == "too_deep" and tok.map:  # nested past mdblock.MAX_DEPTH: not read as prose
            masks.append((line_start(tok.map[0]), line_end(tok.map[1] - 1), "deep"))
        elif t == "html_block" and tok.map:
            _html_block(text, line_start(tok.map[0]), line_end(tok.map[1] - 1), quote_depth, list_depth,
                        blocks, masks, view)
        elif t in ("fence", "code_block") and tok.map:
            masks.append((line_start(tok.map[0]), line_end(tok.map[1] - 1), "code"))
        elif t in ("th_open", "td_open"):
            pending = ("cell", 0)
    hard = [(s, e) for s, e, kind in masks if kind == "code" and e - s > 0] + [(s, e) for s, e, _ in mdx_cuts]
    if hard:  # paragraphs inside {% highlight %} ... {% endhighlight %} are code, not prose
        # (each block is cut by the code regions it overlaps, found by bisection: an article
        # with hundreds of code spans and paragraphs is not blocks × spans)
        import bisect

        hard.sort()
        hard_starts = [s for s, _ in hard]
        reach = list(accumulate((e for _, e in hard), max))  # the furthest end among the first i
        for block in blocks:
            j = bisect.bisect_left(hard_starts, block.end) - 1
            cuts = []
            while j >= 0 and reach[j] > block.start:
                if hard[j][1] > block.start:
                    cuts.append(hard[j])
                j -= 1
            if cuts:
                block.spans = _cut(block.spans, cuts)
                view = None  # (the blocks' spans, as cut, are the view)
        blocks = [b for b in blocks if b.spans]
    if mdx_cuts:  # (a JSX element in an HTML block is masked twice, by the MDX pass and the tag scan:
        # once is enough, or every consumer of the masks sees its tag, its href, twice)
        masks = list(set(masks))
    masks.sort()
    return ProseIndex(blocks, masks, env.get("references", {}), tokens, view, items)


# An HTML block with no prose in it: CommonMark's kinds 1 to 5 (a raw-text element, a comment,
# a processing instruction, a declaration, CDATA).
_RAW_HTML_BLOCK = lazy(r"[ \t]*(?:<(?:script|pre|style|textarea)(?:[\s>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[)", re.I)
# What is not text inside an HTML block, found by a scanner (lazy ".*?" patterns would search
# to the block's end from every unclosed "<!--" or "{{": quadratic on hostile input):
# where markup may start; a tag (its attributes over line breaks, templates in them); elements
# whose content is code or not shown, masked with it.
_MARKUP_START = lazy(r"<(?:!--|[A-Za-z/?!])|\{[{%]")
_TAG = lazy(r"""</?([A-Za-z][A-Za-z0-9\-]*)(?:\s(?:[^<>"'{]|"[^"]*"|'[^']*'|\{\{[^{}]*\}\}|\{%[^{}]*%\}|\{)*)?/?>""")
_RAW = frozenset("script style pre textarea code tt kbd samp var svg math object template".split())
# The embed codes of social networks: a block quote holding a post as it was published, for the
# network's script to replace with the live post. Its text is someone else's, quoted verbatim,
# not the article's to restyle: not prose, as a code element's is not.
_EMBED = lazy(r"""\sclass\s*=\s*["']?[^"'>]*\b(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|"""
                    r"""bluesky-embed|mastodon-embed|text-post-media|reddit-embed-bq|imgur-embed-pub)\b""", re.I)


def _markup(text: str, start: int, end: int) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, tag name) of each piece of markup in ``text[start:end]``, in order:
    kind "html" (a tag), "code" (a code or script element with its content), "comment",
    "shortcode" or "liquid". An unclosed comment or code element runs to the end, as in HTML;
    an unclosed template is text. Each closer is searched once per position it can serve."""
    nearest: dict[str, tuple[int, int]] = {}  # closer → (start, end) of its first place at or
    # after the last search for it; (-1, -1): none there

    def after(closer: str, at: int) -> int:
        """Where the first ``closer`` at or after ``at`` ends, or -1."""
        s, e = nearest.get(closer, (0, -2))
        if e == -2 or 0 <= s < at:  # not searched yet, or found before ``at``: search on
            if closer[0] == "<":  # an element's closing tag, in any case
                m = re.compile(re.escape(closer) + r"\s*>", re.I).search(text, at, end)
                s, e = (-1, -1) if m is None else m.span()
            else:
                s = text.find(closer, at, end)
                e = -1 if s < 0 else s + len(closer)
            nearest[closer] = (s, e)
        return e

    pos = start
    while True:
        m = _MARKUP_START().search(text, pos, end)
        if m is None:
            return
        s = m.start()
        if text.startswith("<!--", s):
            e = after("-->", s + 4)
            pos = end if e < 0 else e
            yield s, pos, "comment", ""
        elif text[s] == "{":
            e = after("}}" if text[s + 1] == "{" else "%}", s + 2)
            if e < 0:
                pos = s + 2
                continue
            pos = e
            yield s, pos, "shortcode" if text[s + 1:s + 3] in ("{<", "{%") else "liquid", ""
        elif text.startswith("<?", s) or text.startswith("<!", s):
            e = after("?>" if text[s + 1] == "?" else "]]>" if text.startswith("<![CDATA[", s) else ">", s + 2)
            pos = end if e < 0 else e
            yield s, pos, "html", ""
        else:
            t = _TAG().match(text, s, end)
            if t is None:
                pos = s + 1
                continue
            name = t.group(1).lower()
            if (name in _RAW or name == "blockquote" and _EMBED().search(t.group())) and text[s + 1] != "/":
                e = after(f"</{name}", t.end())
                pos = end if e < 0 else e
                yield s, pos, "code", name
            else:
                pos = t.end()
                yield s, pos, "html", name


# Tags that end one block of text and start another (a paragraph, a list item, a cell; not <br>,
# a line break inside a paragraph). Blanks beside them are layout, not spaces between words.
_BLOCK_TAGS = frozenset("""address article aside blockquote body caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p section
    summary table tbody td tfoot th thead tr ul""".split())


def html_markup(content: str) -> tuple[str, ...]:
    """The markup of an HTML block (tags, comments, code, templates), its text left out: what a
    fix must not change there (the structure guard's signature of the block)."""
    return tuple(content[s:e] for s, e, _, _ in _markup(content, 0, len(content)))


def _html_block(text: str, start: int, end: int, quote_depth: int, list_depth: int, blocks: list[Block],
                masks: list[tuple[int, int, str]], view: list[tuple[int, int]]) -> None:
    """The text of an HTML block between its tags, as blocks of prose (a paragraph per ``<p>``,
    ``<li>``, ``<div>``…, a heading per ``<h2>``, a cell per ``<td>``); its markup masked.

    Newsroom CMS exports and older posts wrap whole paragraphs in ``<p>``, pull quotes in
    ``<blockquote>`` and captions in ``<figcaption>``: prose that a reader reads. Each line's
    indentation is not prose (it only lays out the HTML source).
    """
    raw = _RAW_HTML_BLOCK().match(text, start)
    if raw is not None:  # (not "html": no tag of it is a link's or a word's)
        masks.append((start, end, "comment" if raw.group(0).endswith("<!--") else "code"))
        return
    kind, level = "paragraph", 0
    spans: list[tuple[int, int]] = []

    def flush() -> None:
        if spans:
            first, last = spans[0][0], spans[-1][1]
            line_end = text.find("\n", last)
            block = Block(kind, text.rfind("\n", 0, first) + 1, line_end if line_end >= 0 else len(text),
                          spans[:], quote_depth, list_depth, level, html=True)
            blocks.append(block)
            view.extend(block.spans)
            spans.clear()

    pos, after_block = start, True
    for s, e, what, tag in _markup(text, start, end):
        block_tag = tag in _BLOCK_TAGS
        _html_text(text, pos, s, spans, masks, after_block, block_tag, quote_depth > 0)
        masks.append((s, e, what))
        if block_tag:
            flush()
            closing = text.startswith("</", s)
            if tag in ("td", "th") and not closing:
                kind, level = "cell", 0
            elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" and not closing:
                kind, level = "heading", int(tag[1])
            else:
                kind, level = "paragraph", 0
        pos, after_block = e, block_tag
    _html_text(text, pos, end, spans, masks, after_block, True, quote_depth > 0)
    flush()


def _html_text(text: str, start: int, end: int, spans: list[tuple[int, int]], masks: list[tuple[int, int, str]],
               after_block: bool, before_block: bool, quoted: bool) -> None:
    """The prose of a stretch of text between two pieces of markup of an HTML block, line by
    line. Each line's indentation (and, in a block quote, its ``>`` markers) and trailing blanks
    are left out, and so are the blanks right after or before a block tag (``<p>   Text``,
    ``text </p>``): they only lay out the source."""
    while start < end:
        nl = text.find("\n", start, end)
        stop = end if nl < 0 else nl
        s, e = start, stop
        if s == 0 or text[s - 1] == "\n":  # a line's start: its indentation, its quote markers
            m = (_QUOTE_PREFIX() if quoted else _INDENT()).match(text, s, e)
            s = m.end()
        elif after_block:
            while s < e and text[s] in " \t":
                s += 1
        if nl >= 0 or before_block:
            while e > s and text[e - 1] in " \t\r":
                e -= 1
        if s < e:
            _scan_line(text, s, e, spans, masks)
        start, after_block = stop + 1, True


_INDENT = lazy(r"[ \t]*")
_QUOTE_PREFIX = lazy(r"[ \t]*(?:>[ \t]*)*")


_BACKTICKS = lazy(r"`+")
_PIPE_ROWS = lazy(r"(?:\|[^\n]*\|[ \t]*\n)+\|[^\n]*\|[ \t]*")  # every line a row: | a | b |
_CELL = lazy(r"(?:[^|\\]|\\.)+")  # the text between two pipes (an escaped pipe stays inside)


def _pipe_cells(text: str, block: Block, lines: list[str], base: int, line_starts: list[int], n_text: int,
                masks: list[tuple[int, int, str]]) -> tuple[list[Block], int, int]:
    """One cell block per non-blank cell of a paragraph made of pipe rows, and the cursor (line,
    column) after the last row."""
    cells: list[Block] = []
    at, col = base, 0
    for content_line in lines:
        s = line_starts[at] if at < len(line_starts) else n_text
        e = line_starts[at + 1] - 1 if at + 1 < len(line_starts) else n_text
        start = text.find(content_line, s, e)
        if start >= 0:
            for m in _CELL().finditer(text, start, start + len(content_line)):
                cs, ce = m.span()
                while cs < ce and text[cs] in " \t":
                    cs += 1
                while ce > cs and text[ce - 1] in " \t":
                    ce -= 1
                if cs < ce:
                    cell = Block("cell", s, e, [], block.quote_depth, block.list_depth)
                    _scan_line(text, cs, ce, cell.spans, masks)
                    cells.append(cell)
            col = start + len(content_line) - s
        at += 1
    return cells, at - 1, col


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans of one block, paired as CommonMark pairs them: a backtick run is closed by the
    next run of the same length, line breaks included; a run that is never closed is text."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS().finditer(text, start, end)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        s, e = runs[i]
        if s > start and text[s - 1] == "\\":  # an escaped backtick opens nothing
            i += 1
            continue
        close = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == e - s), None)
        if close is None:
            i += 1
            continue
        spans.append((s, runs[close][1]))
        i = close + 1
    return spans


def _line_of(line_starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset) - 1


def inline_prose(text: str, start: int, end: int,
                 masks: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int]]:
    """The prose parts of one line of inline Markdown (used for front-matter text fields,
    which generators often render as Markdown: entities, URLs, code and HTML are not prose);
    the constructs between them are appended to ``masks`` when it is given."""
    spans: list[tuple[int, int]] = []
    _scan_line(text, start, end, spans, [] if masks is None else masks)
    return spans


def _scan_line(text: str, start: int, end: int, spans: list[tuple[int, int]], masks: list[tuple[int, int, str]]) -> None:
    """Split one mapped content line into prose spans, recording the masks between them.

    ``_INLINE`` is tried only where one of its alternatives can begin: at a character that
    starts inline syntax (``_SPECIAL``, found at C speed) or where a bare URL starts. Trying it
    at every position, as ``search`` does, costs ten times more on long paragraphs.
    """
    if start >= end:
        return
    line = text[start:end]
    special = _SPECIAL.search
    m = special(line)
    has_url = "://" in line or "www." in line
    if m is None and not has_url:
        spans.append((start, end))
        return
    url_at = _next_url(line, 0) if has_url else -1
    pos = 0
    prose_from = 0
    inline_at = _INLINE_AT.get
    inline_for = _inline_for
    closers: dict[str, int] | None = None  # the last place of each closer on the line (made when needed)
    while True:
        if m is not None and m.start() < pos:
            m = special(line, pos)
        if 0 <= url_at < pos:
            url_at = _next_url(line, pos)
        if m is None:
            if url_at < 0:
                break
            at = url_at
        else:
            at = m.start() if url_at < 0 or m.start() < url_at else url_at
        ch = line[at]
        if ch == "{" or (ch == "<" and line.startswith(("<!--", "<?"), at)):
            # a template, comment or processing instruction that nothing on the line closes is
            # text: skip the pattern, whose lazy search would run to the line's end from each one
            if closers is None:
                closers = {c: line.rfind(c) for c in ("}}", "%}", "-->", "?>", "}")}
            closer = ("-->" if line[at + 1] == "!" else "?>") if ch == "<" else \
                ("%}" if line[at + 1:at + 2] == "%" else "}" if line[at + 1:at + 2] == ":" else "}}")
            if closers[closer] < at + 2:
                pos = at + 1
                continue
        found = (inline_at(ch) or inline_for(ch)).match(line, at)
        if found is None:
            pos = at + 1
            continue
        kind = found.lastgroup or ""
        s, e = at, found.end()
        if kind == "code":
            close = _closing_backticks(e - s).search(line, e)
            if close is None:
                pos = e  # an unmatched backtick run is literal text
                continue
            e = close.end()
        elif kind == "url":
            e = _trim_url(line, s, e)
        elif kind == "dest":
            s += 1  # keep the "]" that closes the link text: it is link syntax, but harmless
        elif kind == "image":
            alt = _PLAIN_ALT().match(line, at)
            if alt is not None and alt.end(1) > alt.start(1):
                # the alt text is prose a reader hears or sees in place of the picture: only the
                # syntax round it is masked (an alt text holding other inline syntax stays masked)
                if s > prose_from:
                    spans.append((start + prose_from, start + s))
                masks.append((start + s, start + alt.start(1), kind))
                spans.append((start + alt.start(1), start + alt.end(1)))
                prose_from = s = alt.end(1)
        if s > prose_from:
            spans.append((start + prose_from, start + s))
        masks.append((start + s, start + e, kind))
        prose_from = pos = e
    if prose_from < len(line):
        spans.append((start + prose_from, end))


# An image's alt text with no inline syntax in it (![A photo of the hall](…)): prose.
_PLAIN_ALT = lazy(r"!\[([^\[\]\\`<>{}&*_]*)\]")


def _next_url(line: str, pos: int) -> int:
    """Where the first bare URL candidate at or after ``pos`` starts, or -1."""
    best = -1
    i = line.find("://", pos)
    while i >= 0:
        for scheme in ("https", "http", "ftp"):  # the leftmost possible start first
            s = i - len(scheme)
            if s >= pos and line.startswith(scheme, s):
                best = s
                break
        if best >= 0:
            break
        i = line.find("://", i + 1)
    w = line.find("www.", pos)
    if w >= 0 and (best < 0 or w < best):
        best = w
    return best


@lru_cache(maxsize=None)
def _closing_backticks(run: int) -> re.Pattern[str]:
    return re.compile(r"(?<!`)`{%d}(?!`)" % run)


def _trim_url(line: str, s: int, e: int) -> int:
    """Leave trailing punctuation and an unbalanced ")" or "]" out of a bare URL (as GFM autolinks do)."""
    while e > s:
        ch = line[e - 1]
        if ch == ";" and (q := _URL_QUOTE_ENTITY().search(line, s, e)) is not None:
            e = q.start()  # (see https://x.gov&#8221;: the closing mark written as an entity, as ” below)
        elif ch in _URL_TRAIL:
            e -= 1
        elif ch == ")" and line.count("(", s, e) < line.count(")", s, e):
            e -= 1
        elif ch == "]" and line.count("[", s, e) < line.count("]", s, e):
            e -= 1  # [**www.cbp.gov**]: the link text's bracket closes, not the URL
        elif ch in "”’»" and "“‘«"["”’»".index(ch)] not in line[s:e]:  # (see https://x.gov.”)
            e -= 1
        else:
            break
    return e


_MULTILINE = lazy(r"\{\{[<%](?:(?![%>]\}\}).)*\n|\{%(?:(?!%\}).)*\n|<!--(?:(?!-->).)*\n"
                  r"|<[A-Za-z][A-Za-z0-9\-]*\s(?:" + _TEMPLATE + r"|[^<>\n])*\n", re.S)


def _template_comments(body: str, body_start: int) -> list[tuple[int, int, str]]:
    """Nunjucks and kramdown comments (see _TEMPLATE_COMMENT), each from its opening to the first
    closing after it; an unclosed one ends the search (no later one closes either)."""
    out: list[tuple[int, int, str]] = []
    done = 0
    for m in _TEMPLATE_COMMENT().finditer(body):
        if m.start() < done:
            continue
        close, size = (body.find("#}", m.end()), 2) if m.group(0)[1] == "#" else (body.find("{:/", m.end()), 3)
        if close < 0:
            break
        if size == 3:  # {:/comment} or {:/}
            end = body.find("}", close)
            close, size = (close, end - close + 1) if end >= 0 else (close, 3)
        done = close + size
        out.append((body_start + m.start(), body_start + done, "code"))
    return out


def _split_shortcodes(body: str, body_start: int, masks: list[tuple[int, int, str]],
                      closers: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    """Shortcodes closed by a ``>}}`` line (``closers``, see _LINE_SYNTAX), masked whole; returned
    so that the blocks they run through are cut by them."""
    out: list[tuple[int, int, str]] = []
    done = 0
    for m in closers:
        opened = body.rfind("{{<", done, m.start())
        done = m.end()  # (no later closer pairs with an opener before this one: it would hold this)
        if opened < 0 or ">}}" in body[opened:m.start()] or "\n\n" in body[opened:m.start()]:
            continue  # (closed before, or an empty line between: no arguments of one shortcode)
        cut = (body_start + opened, body_start + done, "shortcode")
        masks.append(cut)
        out.append(cut)
    return out


def _multiline_constructs(content: str) -> bool:
    """Does a construct (shortcode, Liquid tag, comment, HTML tag, a link's title) span a line break?"""
    if "\n" not in content:
        return False
    if ("{" in content or "<" in content) and _MULTILINE().search(content) is not None:
        return True
    return "](" in content and ('"' in content or "'" in content) and _TITLE_ACROSS().search(content) is not None


# A link destination, then a title whose quote is not closed on its line (a hard wrap inside
# the title: `[x](https://a.gov "The Office of` / `the Coordinator")`, valid CommonMark)
_TITLE_ACROSS = lazy(r"""\]\([ \t]*(?:<[^<>\n]*>|[^\s()<>]+)[ \t]+(?:"[^"\n]*|'[^'\n]*)\n""")
# Constructs a line break can sit inside (code spans are paired over the block in _code_spans).
# An HTML tag, as _INLINE's "html" reads one on a line, whose attributes run over line breaks
# (`<img src="{{ "/a.jpg" | relative_url }}"` / `style="float: center; margin: 0"/>`: CommonMark
# lets raw HTML span lines); a quoted value may not hold a tag's brackets, so a stray "<" in
# prose does not swallow the paragraph up to the next quote.
_HTML_ACROSS = (r"""<[A-Za-z][A-Za-z0-9\-]*(?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:""" + _TEMPLATE + r"""|[^\s"'=<>`]+"""
                r"""|'(?:""" + _TEMPLATE + r"""|[^'<>])*?'|"(?:""" + _TEMPLATE + r"""|[^"<>])*?"))?)*\s*/?>""")
_CROSSING = lazy(r"""\{\{[<%].*?[%>]\}\}|\{%.*?%\}|<!--.*?-->"""
                 r"""|\]\([ \t]*(?:<[^<>\n]*>|[^\s()<>]+)\s+(?:"[^"]*"|'[^']*')[ \t]*\)|""" + _HTML_ACROSS, re.S)
_CROSSING_KIND = {"<": "comment", "]": "dest"}


def _rescan_block(text: str, block: Block, masks: list[tuple[int, int, str]]) -> None:
    """Mask constructs that cross lines inside one block, which the per-line scan cannot see."""
    spans = block.spans
    if not spans:
        return
    lo, hi = spans[0][0], spans[-1][1]
    region = text[lo:hi]
    cut: list[tuple[int, int]] = []
    for m in _CROSSING().finditer(region):
        if "\n" in m.group(0):
            kind = "html" if m.group(0)[:1] == "<" and m.group(0)[1:2] != "!" else \
                _CROSSING_KIND.get(m.group(0)[0], "shortcode")
            start = lo + m.start() + (kind == "dest")  # (the "]" that closes a link's text stays, as on one line)
            cut.append((start, lo + m.end()))
            masks.append((start, lo + m.end(), kind))
    if cut:
        block.spans = _cut(spans, cut)


def _cut(spans: list[tuple[int, int]], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``spans`` outside every interval of ``cuts``.

    The cuts are merged and sorted once, and each span meets only the cuts that overlap it
    (found by bisection): a block of thousands of spans among thousands of code elements is
    not spans × cuts."""
    import bisect

    merged: list[tuple[int, int]] = []
    for cs, ce in sorted(cuts):
        if merged and cs <= merged[-1][1]:
            if ce > merged[-1][1]:
                merged[-1] = (merged[-1][0], ce)
        else:
            merged.append((cs, ce))
    starts = [cs for cs, _ in merged]
    out: list[tuple[int, int]] = []
    for s, e in spans:
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        pos = s
        while i < len(merged) and merged[i][0] < e:
            cs, ce = merged[i]
            if ce > pos:
                if cs > pos:
                    out.append((pos, cs))
                pos = ce
            i += 1
        if pos < e:
            out.append((pos, e))
    return out
