"""The links of an article, found once and shared by the link and URL rules (NL13x).

``targets(doc)`` lists every URL the article links to, with its exact span: inline link and
image destinations, autolinks, reference definitions, bare URLs, the ``href`` and ``src`` of
HTML tags and URL-valued front-matter fields. ``links(doc)`` lists the Markdown links and reference uses, ``definitions(doc)`` the link
reference definitions, ``broken(doc)`` the link syntax that renders as text.

Definitions are found in the raw text, not only taken from markdown-it: Jekyll's kramdown (and
a Liquid ``{% include %}`` that expands to definitions) accepts a definition right after a
paragraph line, where CommonMark sees paragraph text, and newsletters rely on that.

``url_problems`` checks one URL. It splits it with rfc3986's RFC 3986 grammar (the library's
own matchers, not a hand-written URL regex), validates the host with rfc3986 or, when it is not
ASCII, with ``idna`` (UTS 46), and recognises the slips people make typing a scheme.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any, Iterator, NamedTuple

from .document import Document
from .patterns import lazy
from .prose import MASK

# Masks whose content is never link syntax: code, HTML, templates, URLs, entities, escapes.
_OPAQUE = frozenset({"code", "comment", "html", "shortcode", "liquid", "autolink", "email", "url", "entity",
                     "escape", "footnote"})
# Link text: runs without brackets, line breaks that do not end the paragraph, one level of
# nested brackets. Written unrolled (no alternation that can match the same text two ways), so a
# "[" that never closes costs one pass to the paragraph's end, never a backtracking storm.
_INNER = r"[^\[\]\n]*(?:\n(?![ \t>]*\n)[^\[\]\n]*)*"
_TEXT = _INNER + r"(?:\[" + _INNER + r"\]" + _INNER + r")*"
_LINK = re.compile(r"\[(" + _TEXT + r")\](?:\[([^\[\]]{0,999})\]|(?=\())?")
_DEFINITION = lazy(
    r"""^[ \t]*(?:>[ \t]?)*\[((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*(?:\n[ \t>]*)?
        (<[^<>\n]*>|[^\s<>]+)
        (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$""", re.M | re.X)
# (runs taken whole and possessively: the same matches, one step per run instead of per character)
_DEST_INSIDE = re.compile(r"\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.|\([^\s()]*\))*\))*))")
_TEMPLATE = lazy(r"\{\{|\{%|\$\{")
URLISH = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]{1,15}://|(?:https?|ftp)[:;,]?/{1,3}(?=\w)|www\.|mailto:)\S*$")
_URL_KEY = re.compile(r"(?:^|[_\-.])(?:url|uri|link|href|canonical|website|homepage)s?$|^canonical", re.I)


def normalize_label(label: str) -> str:
    """A reference label as CommonMark matches it: whitespace collapsed, case folded."""
    return " ".join(label.split()).casefold()


class Target(NamedTuple):
    """One URL the article points at: ``text[start:end] == url`` (angle brackets left out)."""

    start: int
    end: int
    url: str
    source: str  # link | image | definition | autolink | bare | front-matter | html (a tag's href or src)
    key: str = ""  # front-matter key, or the normalised label of a definition
    angle: bool = False  # written in angle brackets, where spaces are allowed: [x](<my file.pdf>)


class Link(NamedTuple):
    """A Markdown link or image as written: ``[text](url)``, ``[text][label]``, ``[text][]``, ``[text]``."""

    start: int
    end: int
    text_start: int
    text_end: int
    kind: str  # inline | full | collapsed | shortcut
    image: bool
    label: str = ""  # normalised label (reference kinds)
    label_start: int = 0
    label_end: int = 0


class Definition(NamedTuple):
    """A link reference definition ``[label]: url``."""

    start: int
    end: int
    label: str  # normalised
    url_start: int
    url_end: int


class Broken(NamedTuple):
    """Link syntax that renders as text: where, what is wrong, and a repair when one is certain."""

    start: int
    end: int
    kind: str  # space-before-paren | unclosed | space-in-destination | unbalanced | reversed
    message: str
    edit: tuple[int, int, str] | None = None
    safe: bool = False


# -- the link view ------------------------------------------------------------------------


def link_view(doc: Document) -> str:
    """The text with code, HTML, templates, URLs and escapes blanked: brackets left are syntax."""
    def build() -> str:
        text = doc.text
        parts: list[str] = []
        cursor = 0
        for s, e, kind in doc.prose_index.masks:
            if kind not in _OPAQUE or e <= cursor:
                continue
            s = max(s, cursor)
            parts.append(text[cursor:s])
            segment = text[s:e]
            parts.append("\n".join(MASK * len(x) for x in segment.split("\n")) if "\n" in segment
                         else MASK * len(segment))
            cursor = e
        parts.append(text[cursor:])
        return "".join(parts)

    return doc.memo("links.view", build)


def _only_entities(doc: Document, view: str, start: int, end: int, tags: bool = False) -> bool:
    """Is every blanked stretch of ``view[start:end]`` an entity (Today&#8217;s), or none there?
    With ``tags``, an inline formatting tag (``</span>``, ``<em>``; not a link's ``<a>``) may be one too."""
    i = view.find(MASK, start, end)
    if i < 0:
        return True
    entities = _mask_starts(doc, "entity")
    html = _mask_starts(doc, "html") if tags else {}
    while i >= 0:
        stop = entities.get(i)
        if stop is None and i in html and _FORMAT_TAG().fullmatch(doc.text, i, html[i]):
            stop = html[i]
        if stop is None:
            return False
        i = view.find(MASK, stop, end)
    return True


# An inline tag that only formats the words it wraps: kept as it is when a link's brackets are swapped back
_FORMAT_TAG = lazy(r"</?(?!a\b)[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def _mask_starts(doc: Document, kind: str) -> dict[int, int]:
    return doc.memo(f"links.starts.{kind}",
                    lambda: {s: e for s, e, k in doc.prose_index.masks if k == kind})


def definitions(doc: Document) -> list[Definition]:
    """Every link reference definition of the body (footnote definitions left out)."""
    def build() -> list[Definition]:
        if _COLON.search(doc.text, doc.body_start) is None:  # (faster than str.find for two characters)
            return []
        view = link_view(doc)
        out = []
        for m in _definition_matches(view, doc.body_start):
            label = m.group(1)
            if label.startswith("^") or MASK in view[m.start():m.end(1) + 2]:
                continue  # a footnote, or brackets in code; the URL itself may be a masked bare URL
            us, ue = m.span(2)
            if view[us] == "<":
                us, ue = us + 1, ue - 1
            out.append(Definition(m.start(), m.end(), normalize_label(label), us, ue))
        return out

    return doc.memo("links.definitions", build)


def _definition_matches(view: str, start: int) -> Iterator[re.Match[str]]:
    """Definitions, found from each "]:" back to its line start (cheaper than trying every line)."""
    last = -1
    for m in _COLON.finditer(view, start):
        line = view.rfind("\n", 0, m.start()) + 1
        if line <= last:
            continue
        d = _DEFINITION().match(view, max(line, start))
        if d is not None:
            last = line
            yield d


_COLON = re.compile(r"\]:")


def defined_labels(doc: Document) -> set[str]:
    """The normalised labels the article defines (markdown-it's and the raw-text ones)."""
    return doc.memo("links.labels", lambda: {d.label for d in definitions(doc)}
                    | {normalize_label(k) for k in doc.prose_index.references})


def links(doc: Document) -> list[Link]:
    """Markdown links and images in document order (inline ones only when their syntax is valid)."""
    def build() -> list[Link]:
        if doc.text.find("[", doc.body_start) < 0:
            return []
        view = link_view(doc)
        dests = _mask_starts(doc, "dest")
        starts = {d.start for d in definitions(doc)}
        line_start = _line_start_offsets(doc)
        out = []
        search, at = _LINK.search, doc.body_start
        while (m := search(view, at)) is not None:
            at = m.end()
            ms, me = m.span()
            ts, te = m.span(1)
            label = m.group(2)
            image = ms > 0 and view[ms - 1] == "!"
            start = ms - image
            if label is not None:
                kind = "collapsed" if not label.strip() else "full"
                lab = normalize_label(label or m.group(1))
                ls, le = m.span(2)
                out.append(Link(start, me, ts, te, kind, image, lab, ls, le))
            elif view.startswith("(", me):
                end = dests.get(me)
                if end is not None:
                    out.append(Link(start, end, ts, te, "inline", image))
            else:
                if view.startswith(":", me) and line_start.get(ms) in starts:
                    continue  # the label of a definition
                out.append(Link(start, me, ts, te, "shortcut", image, normalize_label(m.group(1)), ts, te))
                if "[" in m.group(1):
                    # Brackets round links ([on [Android](…) and [Apple][ref]]) are no link: a link
                    # holds no link (CommonMark), so the links inside are read too
                    at = ts
        return out

    return doc.memo("links.links", build)


def _line_start_offsets(doc: Document) -> dict[int, int]:
    """For the "[" of each definition: the start of its line (so a label is not a link)."""
    def build() -> dict[int, int]:
        view = link_view(doc)
        out = {}
        for d in definitions(doc):
            out[view.index("[", d.start)] = d.start
        return out

    return doc.memo("links.defstarts", build)


def has_includes(doc: Document) -> bool:
    """Does the body include other files (Liquid ``{% include %}``) that may define labels? An
    HTML template (``{% include "linked-figure.html" … %}``) does not: it is markup, not Markdown."""
    return doc.memo("links.includes", lambda: any(
        m.group(1) is None for m in _INCLUDE.finditer(doc.text, doc.body_start)))


_INCLUDE = re.compile(r"\{%-?\s*include(?:_relative)?\s+(?:[\"']?[\w./-]+\.html?[\"']?(?=[\s,%])())?")


# -- targets -------------------------------------------------------------------------------


def targets(doc: Document) -> list[Target]:
    """Every URL of the article with its span, front matter first, then in body order."""
    return doc.memo("links.targets", lambda: list(_front_matter_targets(doc)) + sorted(
        _one_reading(list(_body_targets(doc))), key=lambda t: (t.start, t.end)))


def _one_reading(body: list[Target]) -> list[Target]:
    """A URL is read once: a bare-URL reading of characters that a link, definition, tag or
    autolink also reads (a definition markdown-it refused, so the masker took its URL for a
    bare one), or that a longer bare reading holds (``htps://www.x.gov/a``: the masker's
    ``www.x.gov/a`` inside the mistyped URL), is left out, else every rule on targets reports
    one defect twice."""
    spans = sorted((t.start, t.end) for t in body if t.source != "bare")
    starts = [s for s, _ in spans]
    ends = list(accumulate((e for _, e in spans), max))  # the furthest end of the spans up to each
    out, reach = [], -1  # reach: the end of the bare readings kept so far
    for t in sorted(body, key=lambda t: (t.start, -t.end)):
        if t.source == "bare":
            i = bisect_left(starts, t.end)  # the other readings that start before t ends ...
            if t.start < reach or (i > 0 and ends[i - 1] > t.start):  # ... one of them ends after t starts
                continue
            reach = t.end
        out.append(t)
    return out


def _body_targets(doc: Document) -> Iterator[Target]:
    text = doc.text
    for s, e, kind in doc.prose_index.masks:
        if kind == "dest":
            yield from _dest_target(text, s, "link")
        elif kind == "image":
            paren = text.find("](", s, e)
            if paren >= 0 and text.endswith(")", s, e):
                yield from _dest_target(text, paren + 1, "image")
        elif kind == "autolink":
            yield Target(s + 1, e - 1, text[s + 1:e - 1], "autolink")
        elif kind == "html" and text.find("=", s, e) >= 0:  # a tag's href or src (<a href="…">, <img src="…">)
            for m in _HTML_URL.finditer(text, s, e):
                g = m.lastindex or 0
                vs, ve = m.span(g)
                if ve > vs:
                    yield Target(vs, ve, text[vs:ve], "html")
        elif kind == "url":
            e = _trim_brackets(text, s, e)
            if s > 0 and text[s - 1] == "(":
                e = _cut_at_closing(text, s, e)  # "(https://x.gov/a)b": the ")" closes the parenthesis
            if not _SCHEME_ONLY().match(text, s, e):
                yield Target(s, e, text[s:e], "bare")
    for m in _prose_urls(doc.prose_text, doc.body_start):
        e = m.start()
        while e < len(text) and not text[e].isspace() and text[e] not in "<>`":
            e += 1
        e = _trim_brackets(text, m.start(), e)
        if not _SCHEME_ONLY().match(text, m.start(), e):
            yield Target(m.start(), e, text[m.start():e], "bare")
    for d in definitions(doc):
        yield Target(d.url_start, d.url_end, text[d.url_start:d.url_end], "definition", d.label,
                     text[d.url_start - 1] == "<")


# The URL attributes of an HTML tag, quoted or not; an unquoted value in braces is a JSX or
# template expression (src={useBaseUrl('img/a.jpg')} in MDX), not a URL.
_HTML_URL = re.compile(r"""\s(?:href|src)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`{][^\s"'=<>`]*))""", re.I)

# A URL in prose that the masker did not take for one because its scheme is mistyped.
_PROSE_URL = lazy(r"(?<![\w/.@\-])(?:(?:https?|ftps?)(?::/(?!/)|//|[;,]//|:\\\\|:{2,}/{1,3})|[A-Za-z]{3,6}://)")


def _prose_urls(prose: str, start: int) -> Iterator[re.Match[str]]:
    """Mistyped URLs in prose, found from the "/" or "\\" of their separator back (str.find is
    fast; a regex scan for the letters of a scheme over every article is not)."""
    last = -1
    for ch in "/\\":
        at = prose.find(ch, start)
        while at > 0:
            if prose[at - 1] in ":;,/":
                begin = at - 1
                while begin > start and at - begin < 4 and prose[begin - 1] == ":":
                    begin -= 1  # "https:://": a doubled colon
                while begin > start and at - begin < 10 and prose[begin - 1].isascii() and prose[begin - 1].isalpha():
                    begin -= 1
                if begin < at - 1 and begin > last:
                    found = _PROSE_URL().match(prose, begin)
                    if found is not None:
                        last = found.end()
                        yield found
            at = prose.find(ch, at + 1)


_SCHEME_ONLY = lazy(r"[a-z]+://[.…]*$", re.I)  # "https://" written about, not linked


def _cut_at_closing(text: str, s: int, e: int) -> int:
    """End a URL at the first ")" that has no "(" of its own inside it."""
    depth = 0
    for i in range(s, e):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
    return e


def _trim_brackets(text: str, s: int, e: int) -> int:
    """Leave trailing punctuation and an unbalanced "]" or "}" out of a URL in prose."""
    while e > s:
        ch = text[e - 1]
        if ch in ".,:;!?'\"*_~":
            e -= 1
        elif ch in ")]}" and text.count("([{"[")]}".index(ch)], s, e) < text.count(ch, s, e):
            e -= 1
        else:
            break
    return e


def _dest_target(text: str, paren: int, source: str) -> Iterator[Target]:
    m = _DEST_INSIDE.match(text, paren)
    if m is None:
        return
    group = 1 if m.group(1) is not None else 2
    s, e = m.span(group)
    if e > s:
        yield Target(s, e, text[s:e], source, angle=group == 1)


def _front_matter_targets(doc: Document) -> Iterator[Target]:
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict):
        return
    for path, key, value in _walk(fm.data):
        if not (URLISH.match(value) or (_URL_KEY.search(key) and _URL_START().match(value.strip()))):
            continue
        span = fm.locate(path)
        if span is None:
            continue
        at = doc.text.find(value, span[0], span[1])
        if at >= 0:
            yield Target(at, at + len(value), value, "front-matter", key)


def non_ascii_values(doc: Document) -> list[tuple[int, int]]:
    """The front matter's values outside its prose fields (``Document.value_spans``) that hold a
    character beyond ASCII and are no URL (a URL's characters are the URL checks'): where an
    invisible character or a look-alike letter may hide in a tag, a category or a name."""
    fm = doc.front_matter
    text = doc.text
    if fm is None or text[fm.content_start:fm.content_end].isascii():
        return []
    urls = [(t.start, t.end) for t in targets(doc) if t.source == "front-matter"]
    return [(s0, e0) for s0, e0 in doc.value_spans()
            if not text[s0:e0].isascii() and not any(s < e0 and s0 < e for s, e in urls)]


def _walk(data: Any) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """(path, key, value) of the front matter's one-line strings that may be a URL or a path (a
    ":", a "/" or "www."; most values have none). A container reached twice (a YAML alias, when
    aliases are allowed) is walked once, so an alias bomb costs nothing.

    A value's path is built only when it is yielded or walked into: the stack holds each value's
    parent path and its step from there.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...] | None, Any, str]] = [(data, None, None, "")]
    budget = 20_000
    while stack and budget > 0:
        node, parent, step, key = stack.pop()
        budget -= 1
        if isinstance(node, dict):
            if id(node) in seen:
                continue
            seen.add(id(node))
            path = () if parent is None else parent + (step,)
            stack.extend([(v, path, k, str(k)) for k, v in reversed(node.items())])
        elif isinstance(node, list):
            if id(node) in seen:
                continue
            seen.add(id(node))
            path = () if parent is None else parent + (step,)
            stack.extend([(v, path, i, key) for i, v in reversed(list(enumerate(node)))])
        elif (isinstance(node, str) and node and ("/" in node or ":" in node or node.startswith("www."))
              and "\n" not in node and len(node) < 2048):
            yield (() if parent is None else parent + (step,)), key, node


# -- broken link syntax ----------------------------------------------------------------------

_SPACE_PAREN = re.compile(r"\]([ \t]+)\(")
# (text)[url]; the text may hold one level of parentheses: (the report (PDF, 2 MB))[https://…]
_REVERSED = lazy(r"\(((?:[^()\[\]\n]|\([^()\[\]\n]{0,100}\)){1,300})\)\[((?:https?://|www\.|/|mailto:)[^\s\[\]()]*)\]")
# (https://…)[text]: the URL in the parentheses and the text in the brackets, both swapped
_MARKUP_CHARS = lazy(r"[<>`{}|]")
_URL_FIRST = lazy(r"\(((?:https?://|www\.|mailto:)[^\s()\[\]]+)\)\[([^\[\]\n]{1,300})\]")
_DEST_AND_TITLE = lazy(r"""\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|‘[^’\n]*’))?[ \t]*""")
_CURLY_TITLE = lazy(r"""(\S+\s+)([“‘])([^“”‘’\n]*)([”’])\s*""")
_BRACKET_PAREN = re.compile(r"\]\(")
_BRACKET_MASK = re.compile(r"\]" + MASK)  # "](" whose destination the prose view masks
_URL_START = lazy(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:|/|\.\.?/|#|www\.)")


def broken(doc: Document) -> list[Broken]:
    """Link syntax that does not make a link: the reader sees the brackets and the URL."""
    return doc.memo("links.broken", lambda: sorted(_broken(doc), key=lambda b: b.start))


def _broken(doc: Document) -> Iterator[Broken]:
    text, prose = doc.text, doc.prose_text
    if text.find("]", doc.body_start) < 0:
        return
    view = link_view(doc)
    labels = defined_labels(doc)
    # (no `"] (" in text` pre-checks here: str's search for two characters is slower than the
    # regex, whose scan skips to each "]" at C speed)
    for m in _SPACE_PAREN.finditer(view, doc.body_start):
        paren = m.end() - 1
        if not _URL_START().match(text, paren + 1) or not doc.is_prose(m.start()):
            continue
        close = _closing(text, paren)
        opening = _link_start(view, m.start())
        if close is None or opening is None or "\n" in text[paren:close]:
            continue
        if _DEST_AND_TITLE().fullmatch(text, paren + 1, close - 1) is None:
            continue  # "(2019 figures)": not a destination
        safe = normalize_label(text[opening + 1:m.start()]) not in labels  # else "[text]" links already
        yield Broken(opening, close, "space-before-paren",
                     "space between ']' and '(': this renders as text, not a link; write [text](url)",
                     (m.start(1), m.end(1), ""), safe)
    # (every match holds ")[": that search runs at memchr speed, the pattern's at a tenth of it)
    swapped = text.find(")[", doc.body_start) >= 0
    for m in _REVERSED().finditer(text, doc.body_start) if swapped else ():
        if m.start() > 0 and (text[m.start() - 1] == "]" or text[m.start() - 1].isalnum()):
            continue
        if not doc.is_prose(m.start()) or not doc.is_prose(m.end(1)) or not _only_entities(doc, view, *m.span(1), tags=True):
            continue  # code, a link tag or a template in the text: not a plain swapped link
        words, url = m.group(1), text[m.start(2):m.end(2)]
        yield Broken(m.start(), m.end(), "reversed",
                     "link written as (text)[url]: this renders as text; write [text](url)",
                     (m.start(), m.end(), f"[{words}]({url})"), True)
    for m in _URL_FIRST().finditer(text, doc.body_start) if swapped else ():
        words = m.group(2)
        if m.start() > 0 and (text[m.start() - 1] == "]" or text[m.start() - 1].isalnum()
                              or text[max(0, m.start() - 3):m.start()].rstrip(" \t")[-1:] == "]") \
                or not doc.is_prose(m.start()) or not doc.is_prose(m.end() - 1) or _MARKUP_CHARS().search(words) \
                or words.strip().isdigit() or normalize_label(words) in labels:
            # a link's own ")[" (also the destination of one whose "] (" gained a space: its fix
            # deletes the space, and a swap as well would take the next link's text), code, markup,
            # a citation ((https://…)[1]) or a defined reference
            # (the text's first word is masked with the URL, which a bare URL's autolink runs into)
            continue
        yield Broken(m.start(), m.end(), "reversed",
                     "link written as (url)[text]: this renders as text; write [text](url)",
                     (m.start(), m.end(), f"[{words}]({m.group(1)})"), True)
    kinds: dict[int, str] | None = None
    for m in _BRACKET_PAREN.finditer(prose, doc.body_start):
        paren = m.start() + 1
        after = _skip_spaces(text, paren + 1)
        if kinds is None:
            kinds = {s: k for s, _, k in doc.prose_index.masks}
        if kinds.get(after) in ("shortcode", "liquid") or text.startswith(("{{", "{%"), after):
            continue  # a template makes the destination: not ours to judge
        found = _diagnose(text, paren)
        if found is not None:
            yield found
    for m in _BRACKET_MASK.finditer(prose, doc.body_start):
        paren = m.end() - 1
        if text[paren] == "(" and _link_start(text, m.start()) is None:
            found = _missing_open(text, paren)
            if found is not None:
                yield found


def _skip_spaces(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i < n and text[i] == "\n":
        i += 1
        while i < n and text[i] in " \t>":
            i += 1
    return i


_REACH = 2000  # characters a link's parts are looked for in, either way
_STEPS = 64  # brackets or parentheses stepped over at most: "[a](" 20,000 times must stay linear
_CLOSING_STOP = lazy(r"[\\()\n]")
_DEST_STOP = lazy(r"[\s()]")


def _closing(text: str, paren: int) -> int | None:
    """Offset just after the ")" that closes the "(" at ``paren`` on the same line, or None."""
    depth = 0
    i = paren
    limit = min(len(text), paren + _REACH)
    for _ in range(_STEPS):
        m = _CLOSING_STOP().search(text, i, limit)
        if m is None or m.group() == "\n":
            return None
        j = m.start()
        if m.group() == "\\":
            i = j + 2
            continue
        if m.group() == "(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return j + 1
        i = j + 1
    return None


def _diagnose(text: str, paren: int) -> Broken | None:
    """Why "](" at ``paren - 1`` did not make a link."""
    start = _link_start(text, paren - 1)
    if start is None:
        return _missing_open(text, paren)
    s = _skip_spaces(text, paren + 1)
    line_end = text.find("\n", s)
    line_end = len(text) if line_end < 0 else line_end
    e = s
    depth = 0
    for _ in range(_STEPS):  # to the first space, or the ")" that closes: a destination's end
        m = _DEST_STOP().search(text, e, line_end)
        if m is None:
            e = line_end
            break
        e = m.start()
        if m.group() == "(":
            depth += 1
        elif m.group() == ")" and depth:
            depth -= 1
        else:
            break
        e += 1
    else:
        return None  # a thicket of parentheses: not a destination to judge
    dest = text[s:e]
    if e < line_end and text[e] == ")":
        return None  # closed without a space: a construct the masker did not expect; leave it
    if depth == 0 and _closes_later(text, e):
        return None  # "[x](url" + line break + ")" (or a title): valid CommonMark
    rest_close = _closing(text, paren)
    if rest_close is not None and depth == 0:
        inside = text[s:rest_close - 1]
        if re.fullmatch(r"""\S+\s+(?:"[^"]*"|'[^']*')\s*""", inside):
            return None  # a title after the URL: valid syntax
        curly = _CURLY_TITLE().fullmatch(inside)
        if curly is not None and _URL_START().match(dest):  # a typography tool curled the title's quotes
            q0 = s + curly.start(2)
            q1 = s + curly.start(4)
            return Broken(paren, rest_close, "title-curly",
                          "the link title is in curly quotes, which Markdown does not take for a title: "
                          'the link renders as text; write straight quotes ("title")',
                          (q0, q1 + 1, f'"{curly.group(3)}"'), '"' not in curly.group(3))
        if re.fullmatch(r"""\S+\s+(?:"[^\n]*"|'[^\n]*')\s*""", inside) and _URL_START().match(dest):
            q = inside[len(dest):].strip()[0]
            return Broken(paren, rest_close, "title-quotes",
                          f"the link title holds an unescaped {q}: the link renders as text; "
                          f"write \\{q} or use the other quote mark")
        if _URL_START().match(dest) and "?" not in dest and (_PROSE_TAIL().fullmatch(text, e, rest_close - 1)
                                                          or _LINK_TAIL().fullmatch(text, e, rest_close - 1)
                                                          or _ASIDE_TAIL().match(text, e, rest_close - 1)):
            # "[x](https://a.gov/ is helpful.)": the URL is whole and words follow it; the ")" that
            # ends the line closes a parenthesis of the prose, the link lost its own
            trimmed = _url_end(text, s, e)
            return Broken(paren, e, "unclosed", "link destination not closed with ')': the link renders as text",
                          (trimmed, trimmed, ")"), False)
        if _URL_START().match(dest):
            spaces = [(s + k.start(), s + k.end()) for k in re.finditer(r"\s+", inside)]
            edit, safe = _space_edit(text, s, rest_close - 1, spaces)
            advice = "encode spaces as %20"
            if edit is not None and not edit[2]:
                gone = text[edit[0]:edit[1]]
                advice = "delete the space" if not gone.strip() else f"delete the stray `{gone.strip()}`"
            if all(text[a:b] in _NO_BREAK for a, b in spaces):
                return Broken(paren, rest_close, "space-in-destination",
                              f"no-break space inside the link destination `{inside}`: the URL is broken; {advice}",
                              edit, safe)  # (CommonMark keeps the link: only ASCII spaces end a destination)
            return Broken(paren, rest_close, "space-in-destination",
                          f"space inside the link destination `{inside}`: the link renders as text; {advice}",
                          edit, safe)
        return Broken(paren, rest_close, "space-in-destination",
                      f"the link destination `{inside}` is not a URL (it has spaces): the link renders as text")
    if not _URL_START().match(dest):
        return None
    trimmed = _url_end(text, s, e)
    if depth > 0:
        return Broken(paren, e, "unbalanced",
                      "unbalanced '(' in the link destination: the link is not closed and renders as text; "
                      "add the missing ')'", (trimmed, trimmed, ")"), False)
    return Broken(paren, e, "unclosed", "link destination not closed with ')': the link renders as text",
                  (trimmed, trimmed, ")"), False)


_WHOLE_URL = lazy(r"(?:https?://|mailto:|www\.)[^\s()\[\]]+")


def _missing_open(text: str, paren: int) -> Broken | None:
    """``text](https://…)`` with no "[" before it in its block: the opening bracket was lost, so
    the reader sees "](" and the URL. Where the link text began is a guess: no fix."""
    if paren < 2 or not text[paren - 2].isalnum() and text[paren - 2] not in ".!?'’\"”*_`)":
        return None  # "](" after a space or at a line's start: not the end of link text
        # (link text may end with an aside: "the slide deck (PDF, 5.3 MB)](https://…)")
    close = _closing(text, paren)
    if close is None or _WHOLE_URL().fullmatch(text, paren + 1, close - 1) is None:
        return None
    return Broken(paren - 1, close, "missing-open",
                  "link text has no opening '[': this renders as text; write [text](url)")


def _url_end(text: str, s: int, e: int) -> int:
    """Where the ``)`` goes in a destination ``text[s:e]`` that lost it: before the punctuation
    that ends it (``https://a.gov.`` + `` Next``), except a ``?`` or ``.`` that no sentence
    ends at, the next word being in lower case (``…/webstore/? which has``: an empty query)."""
    trimmed = e
    while trimmed > s and text[trimmed - 1] in ".,;:!?'\"":
        trimmed -= 1
    if trimmed < e and text[e - 1] in "?." and _LOWER_NEXT().match(text, e):
        return e
    return trimmed


_LOWER_NEXT = lazy(r"[ \t]+[a-z]")

# Two words or more of plain prose (no path, query or file name in them) after a URL; a dash
# may stand between them ("nimbus-sans-l/ — a close cousin").
_PROSE_TAIL = lazy(r"[ \t]+(?:(?:[A-Za-z][A-Za-z'’-]*[,;:]?|[0-9]+(?:[.,][0-9]+)*[,;:]?|[—–])[ \t]+)+"
                         r"[A-Za-z][A-Za-z'’-]*[.,;:!?]?[ \t]*")  # (a number among the words: kids 13 and under)
# ... or words and then a whole link of their own: "see [agile](https://…/Agile and [waterfall](https://…)."
_LINK_TAIL = lazy(r"[ \t]+(?:[A-Za-z][A-Za-z'’-]*[,;:]?[ \t]+)*\[[^\[\]\n]+\]\([^\s()]+\)[.,;:!?]?[ \t]*")
# ... or an aside in brackets and then more of the sentence: "[the day](https://…/ (June 27), the
# [conference](https://…) July 18-22, 2016)" (a bracketed title alone, "(url (title))", is valid)
_ASIDE_TAIL = lazy(r"[ \t]+\([^()\n]*\)[,;:]?[ \t]+\S")
_LATER = lazy(r"""[ \t]*\n[ \t>]*(?:\)|"[^"\n]*"[ \t]*\)|'[^'\n]*'[ \t]*\))""")
# A title that a hard wrap split: it opens after the destination and closes, with the ")", on one
# of the paragraph's next lines (never past a blank line; up to 20 lines, so that an unclosed
# quote costs a bounded scan)
_TITLE_ACROSS = lazy(r"""[ \t]+(?:"[^"\n]*(?:\n(?![ \t>]*\n)[^"\n]*){1,20}"|'[^'\n]*(?:\n(?![ \t>]*\n)[^'\n]*){1,20}')[ \t]*\)""")


def _closes_later(text: str, e: int) -> bool:
    """Does ")" (or a title and ")") follow on the next line, or a title that runs on to a next
    line? A destination may end a line, and a title may hold a line break."""
    return _LATER().match(text, e) is not None or _TITLE_ACROSS().match(text, e) is not None


_NO_BREAK = ("\u00a0", "\u202f")


def _space_edit(text: str, s: int, e: int, spaces: list[tuple[int, int]]) -> tuple[tuple[int, int, str] | None, bool]:
    """Repair spaces in a destination: certain for one space right after "mailto:" or right after
    a "/" of the path (delete it) and for single spaces in the query ("?subject=Our News" →
    "%20"); otherwise the edit is unsafe."""
    dest = text[s:e]
    if len(spaces) == 1 and text[s:spaces[0][0]].lower() in ("mailto:", "tel:"):
        a, b = spaces[0]
        return (a, b, ""), True
    if len(spaces) == 1 and text[spaces[0][0] - 2:spaces[0][0]] == "/>":
        a, b = spaces[0]  # ".../master/> snippets/": a blockquote marker from a hard wrap
        return (a - 1, b, ""), False
    host = re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*", dest)
    if host is not None and len(spaces) == 1 and spaces[0][0] < s + host.end():
        a, b = spaces[0]  # "https://exa mple.com": a host has no %20; the space is a slip
        return (a, b, ""), False
    query = text.find("?", s, e)
    if host is not None and len(spaces) == 1 and text[spaces[0][0]:spaces[0][1]] == " " \
            and text[spaces[0][0] - 1] == "/" and not 0 <= query < spaces[0][0] and spaces[0][1] < e:
        a, b = spaces[0]  # "https://twitter.com/ 18F/": no path segment starts with a space; a
        return (a, b, ""), True  # slip (or a wrap's leftover) after the slash, not a file name's space
    if host is not None and len(spaces) == 1 and text[spaces[0][0]:spaces[0][1]] in _NO_BREAK \
            and text[spaces[0][0] - 1].isalnum() and text[spaces[0][1]].isalnum():
        a, b = spaces[0]  # ".../reaching-millenni\u00a0als-with-mobile.html": a no-break space
        return (a, b, ""), True  # inside a word is an editor's leftover, never part of a URL
    single = all(text[a:b] == " " for a, b in spaces)
    safe = single and 0 <= query < spaces[0][0]
    return (s, e, re.sub(r"\s+", "%20", dest)), safe


def _link_start(text: str, bracket: int) -> int | None:
    """The "[" that opens the link text closed by the "]" at ``bracket`` (same block), or None."""
    depth = 0
    i = bracket
    lo = max(0, bracket - _REACH)
    blank = text.rfind("\n\n", lo, bracket)
    floor = blank + 1 if blank >= 0 else lo  # a blank line ends the block: never look past it
    for _ in range(_STEPS):
        j = max(text.rfind("[", floor, i), text.rfind("]", floor, i))
        if j < 0:
            return None
        i = j
        if text[j - 1:j] == "\\":
            continue
        if text[j] == "]":
            depth += 1
        elif depth == 0:
            return j
        else:
            depth -= 1
    return None


# -- one URL -------------------------------------------------------------------------------

_SEPARATOR = lazy(r"(?i)^(https?|ftps?|wss?)(:{2,}/*(?=[^:/\\\s])|:/(?!/)|//|:/{3,}|[;.,]/{1,3}|:\\+/*|:(?=[^/\\\s]))")
_SCHEMELIKE = lazy(r"^([A-Za-z][A-Za-z0-9+.\-]{1,15})://")
_DOUBLED = lazy(r"(?i)^(?:https?|ftp)://(?=(?:https?|ftp)(?::/{1,3}|//))")
_PCT = lazy(r"%(?![0-9A-Fa-f]{2})")
_SPACE = lazy(r"\s+")
_HIER = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})
_SLASH_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "ws", "wss", "ssh", "git", "irc", "ircs",
                            "file", "svn", "rtmp", "rtsp", "smb", "nntp", "ldap", "telnet", "gopher", "webcal",
                            "feed", "s3", "gs", "hdfs", "chrome", "about", "app", "itms", "itms-apps", "spotify",
                            "steam", "slack", "zoommtg", "msteams", "hxxp", "hxxps", "fxp", "onion"})
_BARE_DOMAIN = lazy(r"(?i)^(?:www\.[a-z0-9\-]+\.[a-z]"
                          r"|[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|org|net|gov|edu|mil)(?:[/?#]|$))")


@dataclass(frozen=True)
class Problem:
    """What is wrong with a URL, at ``[start, end)`` within it; ``replacement`` repairs that span."""

    start: int
    end: int
    message: str
    replacement: str | None = None
    safe: bool = False


# A web URL that none of the checks below can fault: http(s), a host of well-formed DNS labels
# ending in a letter (not an IP address; after a dot, a label of two characters or more) and none
# in punycode (xn--), a short port, and a path,
# query and fragment of characters that need no escaping: no space, "%", parenthesis, backslash
# or non-ASCII letter.
# Most URLs in articles look like this; they skip the URL parse (tests/test_speedups.py checks
# that the full checks find nothing in any URL this pattern matches).
_CLEAN = re.compile(r"https?://(?!(?i:https?|ftp)(?::|//))(?!(?:[A-Za-z0-9\-]*\.)*(?i:xn--))"
                    r"(?:(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9\-]{0,61}[A-Za-z0-9]"
                    r"|[A-Za-z](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)"
                    r"(?::[0-9]{1,4})?(?:[/?#][A-Za-z0-9\-._~!$&'*+,;=:@/?#]*)?")


def url_problems(url: str, source: str, ascii_hosts: bool = False, angle: bool = False) -> tuple[Problem, ...]:
    """Syntax problems of one URL as written in ``source`` (link, bare, front-matter, ...);
    ``angle``: written in angle brackets, where Markdown encodes spaces itself."""
    if _CLEAN.fullmatch(url):
        return ()
    return _url_problems(url, source, ascii_hosts, angle)


@lru_cache(maxsize=16384)  # (only URLs that need the full checks: the cache stays small)
def _url_problems(url: str, source: str, ascii_hosts: bool, angle: bool) -> tuple[Problem, ...]:
    if not url or _TEMPLATE().search(url):
        return ()
    m = _SEPARATOR().match(url)
    if m is not None:
        return (_separator_problem(url, m),)
    m = _DOUBLED().match(url)
    if m is not None:
        return (Problem(0, m.end(), f"the scheme is written twice: `{url[:m.end() + 8]}…`; keep one", "", True),)
    m = _SCHEMELIKE().match(url)
    if m is not None and m.group(1).lower() not in _SLASH_SCHEMES:
        hint = misspelled_scheme(m.group(1))
        if hint:
            return (Problem(0, m.end(1), f"unknown scheme `{m.group(1)}:`; did you mean `{hint}:`?", hint,
                            _one_slip(m.group(1).lower(), hint)),)
    if url[:7].lower() == "mailto:":
        return _mailto_problems(url)
    problems: list[Problem] = []
    space = _SPACE().search(url)
    if space is not None and not angle:
        query = url.find("?")
        safe = 0 <= query < space.start() and re.search(r"[^ \S]| {2}", url) is None
        problems.append(Problem(0, len(url), "space inside the URL; encode it as %20",
                                url.replace(" ", "%20"), safe))
    if source in ("link", "definition", "image", "html") and _BARE_DOMAIN().match(url) and not url.lower().startswith("www.md"):
        problems.append(Problem(0, len(url), f"`{url}` has no scheme, so it is a relative link on this site; "
                                             f"write https://{url}", f"https://{url}", False))
    # One stray character is one defect: a host that is invalid only for the space, '%' or
    # parenthesis in it is reported once, as that character (the space's problem has the fix)
    authority = [a for a in _authority_problems(url, ascii_hosts)
                 if space is None or angle or not a.start <= space.start() < a.end]
    problems.extend(authority)

    def in_host(at: int) -> bool:
        return any(a.start <= at < a.end for a in authority)

    pct = next((m for m in _PCT().finditer(url) if not in_host(m.start())), None)
    if pct is not None and space is None:
        problems.append(Problem(pct.start(), pct.start() + 1, "'%' that does not start a %XX escape; write %25"))
    unescaped = url.replace("\\(", "").replace("\\)", "")
    if unescaped.count("(") != unescaped.count(")"):
        which = "(" if unescaped.count("(") > unescaped.count(")") else ")"
        at = url.rfind(which)
        if not in_host(at):
            problems.append(Problem(at, at + 1, f"unbalanced '{which}' in the URL; is it cut short?"))
    return tuple(problems)


# An email address's domain: labels of letters, digits and hyphens, and a top-level name
_EMAIL = lazy(r"[^@\s]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
_NAMED_ADDRESS = lazy(r"[^<>]*<([^<>]*)>")


def _mailto_problems(url: str) -> tuple[Problem, ...]:
    """A mailto: link whose address has no valid domain (press@example,gov; press@example..gov).
    Several addresses may stand comma-separated; none (mailto:?subject=…) is allowed too."""
    from urllib.parse import unquote

    to = url[7:].split("?", 1)[0]
    if not to:
        return ()
    for address in unquote(to).split(","):
        address = address.strip()
        named = _NAMED_ADDRESS().fullmatch(address)  # "Press Office <press@x.gov>": mail programs read it
        if named is not None:
            address = named.group(1)
        if address.isascii() and not _EMAIL().fullmatch(address):
            return (Problem(7, 7 + len(to), f"`{unquote(to)}` is not a valid email address"),)
    return ()


def _separator_problem(url: str, m: re.Match[str]) -> Problem:
    scheme, sep = m.group(1), m.group(2)
    s, e = m.span(2)
    wanted = f"{scheme}://"
    if sep == "//":
        what = f"missing ':' after `{scheme}`"
    elif sep == ":/":
        what = f"one slash after `{scheme}:`"
    elif sep.startswith(":/"):
        what = f"too many slashes after `{scheme}:`"
    elif sep == ":":
        what = f"no `//` after `{scheme}:`"
    elif sep.startswith("::"):
        what = f"more than one ':' after `{scheme}`"
    elif sep.startswith(":\\"):
        return Problem(s, e, f"backslashes after `{scheme}:`; write `{wanted}`", "://", False)
    else:
        what = f"`{sep[0]}` instead of ':' after `{scheme}`"
    return Problem(s, e, f"{what}; write `{wanted}`", "://", True)


def misspelled_scheme(scheme: str) -> str | None:
    """The web scheme a slip of the keyboard made into ``scheme`` (htp, htps, ttps), or None."""
    import difflib

    low = scheme.lower()
    if low in _SLASH_SCHEMES or len(low) < 3:
        return None
    close = difflib.get_close_matches(low, ["http", "https"], n=1, cutoff=0.75)
    return close[0] if close else None


def _one_slip(scheme: str, hint: str) -> bool:
    """Is ``hint`` the only web scheme one keystroke (a letter added, dropped or changed) away
    from ``scheme`` (htps -> https, htp -> http; not htts, one from both)? Then the repair is sure."""
    from rapidfuzz.distance import Levenshtein

    other = "https" if hint == "http" else "http"
    return Levenshtein.distance(scheme, hint) == 1 and Levenshtein.distance(scheme, other) > 1


@lru_cache(maxsize=1)
def _rfc3986() -> Any:
    import rfc3986.misc
    import rfc3986.validators

    return rfc3986


def _authority_problems(url: str, ascii_hosts: bool) -> Iterator[Problem]:
    rfc3986 = _rfc3986()
    parts = rfc3986.misc.URI_MATCHER.match(url)
    if parts is None:
        return
    scheme, authority = parts.group("scheme"), parts.group("authority")
    if scheme is None or scheme.lower() not in _HIER or authority is None:
        return
    a0 = parts.start("authority")
    hostport = authority.rpartition("@")[2]
    h0 = a0 + len(authority) - len(hostport)
    if hostport.startswith("["):
        host, _, port = hostport[1:].partition("]")
        host = f"[{host}]"
        port = port[1:] if port.startswith(":") else port
    else:
        host, _, port = hostport.partition(":")
    if not host:
        yield Problem(a0, a0 + len(authority), "no host name after `//`")
        return
    if port and not port.isdigit() and host.isascii() and not host.startswith("[") and (
            not rfc3986.validators.host_is_valid(host) or _bad_labels(host) or not _dns_name(host)):
        # A stray ':' in a host name (mailing-:list.example.org) is one defect, not a bad
        # host and a bad port
        yield Problem(h0, h0 + len(hostport), f"`{hostport}` is not a valid host name")
        return
    if port and (not port.isdigit() or int(port) > 65535):
        p0 = h0 + len(host) + 1
        yield Problem(p0, p0 + len(port), f"`{port}` is not a port number")
    if host.isascii():
        if " " not in host and (not rfc3986.validators.host_is_valid(host) or _bad_labels(host)):
            yield Problem(h0, h0 + len(host), f"`{host}` is not a valid host name")
        elif not host.startswith("[") and not _dns_name(host):
            # A comma between labels is the usual slip for a dot (video,foxnews.com)
            dotted = host.replace(",", ".")
            fix = dotted if _dns_name(dotted) and not _bad_labels(dotted) else None
            yield Problem(h0, h0 + len(host), f"`{host}` is not a valid host name"
                          + (f"; use `{dotted}`" if fix else ""), fix)
        elif _ONE_LETTER_TLD().search(host):
            yield Problem(h0, h0 + len(host), f"`{host}` ends in a one-letter top-level domain; none exists")
        elif "xn--" in host.lower():
            yield from _punycode_problems(host, h0)
        return
    yield from _idn_problems(host, h0, ascii_hosts)


def path_start(url: str) -> int:
    """Where a URL's path begins (after the scheme and the host; 0 for a relative URL)."""
    parts = _rfc3986().misc.URI_MATCHER.match(url)
    return parts.end("authority") if parts is not None and parts.group("authority") is not None else 0


def _bad_labels(host: str) -> bool:
    """An empty DNS label (``a..b``, ``.a``) or one that starts or ends with a hyphen."""
    if host.startswith("["):
        return False
    if _BAD_LABEL().search(host[:-1] if host.endswith(".") else host) is not None:
        return True
    return len(host) > 63 and any(len(label) > 63 for label in host.split("."))


_BAD_LABEL = lazy(r"^[.\-]|\.\.|\.-|-\.|[.\-]$")
_ONE_LETTER_TLD = lazy(r"\.[A-Za-z]\.?\Z")  # every top-level domain has two letters or more
_NOT_DNS = lazy(r"[^A-Za-z0-9.\-_%]")  # (a %-escape is rfc3986's to judge)


def _dns_name(host: str) -> bool:
    """Does an ASCII host hold only what a DNS name does? RFC 3986 lets a host name hold
    , ; ! $ & ' * + = (its sub-delims), but a web host is letters, digits, hyphens and dots
    (and, in practice, "_"); a leading "*." is a wildcard that names every subdomain (a
    policy's https://*.gov)."""
    return _NOT_DNS().search(host.removeprefix("*.")) is None


def _idn_problems(host: str, h0: int, ascii_hosts: bool) -> Iterator[Problem]:
    import idna

    try:
        encoded = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        yield Problem(h0, h0 + len(host), f"`{host}` is not a valid internationalised host name ({exc})")
        return
    mixed = _mixed_script_label(host)
    if mixed:
        latin = _latin_host(host)
        yield Problem(h0, h0 + len(host), f"`{host}` mixes {mixed} letters in one label: a look-alike host?"
                      if latin is None else f"`{host}` mixes {mixed} letters in one label (a look-alike); "
                      f"write `{latin}`", latin, latin is not None)
    elif (latin := _lookalike_label(host)) is not None:
        yield Problem(h0, h0 + len(host), f"`{host}` writes a label of Latin-looking Cyrillic or Greek letters "
                      f"among Latin ones (a look-alike); write `{latin}`", latin, True)
    elif ascii_hosts:
        yield Problem(h0, h0 + len(host), f"host `{host}` is not in IDNA (ASCII) form; write `{encoded}`",
                      encoded, True)


def _punycode_problems(host: str, h0: int) -> Iterator[Problem]:
    """An IDNA host written in its ASCII form: ``xn--`` labels that do not decode, or that decode
    to a look-alike (``xn--pple-43d.com`` is ``аpple.com`` with a Cyrillic а)."""
    import idna

    try:
        decoded = idna.decode(host)
    except (idna.IDNAError, UnicodeError) as exc:
        yield Problem(h0, h0 + len(host), f"`{host}` is not a valid internationalised host name ({exc})")
        return
    mixed = _mixed_script_label(decoded)
    if mixed:
        yield Problem(h0, h0 + len(host), f"`{host}` is `{decoded}`, which mixes {mixed} letters in one label: "
                                          "a look-alike host?")


def _latin_host(host: str) -> str | None:
    """The host with its look-alike letters read as Latin, when that makes it all ASCII, the host
    has more Latin letters than others and no label is all in another script (gsа.gov or
    wired.cо.uk with a Cyrillic а or о is Latin; a Cyrillic name with one Latin letter in it
    is not): else None."""
    from .typography import as_latin

    latin = as_latin(host)
    if not latin.isascii():
        return None
    foreign = sum(1 for ch in host if ch.isalpha() and not ch.isascii())
    if 2 * foreign >= sum(1 for ch in host if ch.isalpha()):
        return None
    for label in host.split("."):
        if not label.isascii() and not any(ch.isascii() and ch.isalpha() for ch in label):
            return None  # a label all in another script (сайт.example.com) is a name of its own
    return latin


def _lookalike_label(host: str) -> str | None:
    """The host read as Latin when a label of it is written only in Cyrillic or Greek letters that
    all look Latin (10х.gsa.gov with a Cyrillic х, сое.example.com) and every other label is
    ASCII with a letter in it: a whole label of look-alikes in a Latin host is a slip or a spoof,
    not a name (a Cyrillic name has letters of its own: сайт.example.com, пример.рф). Else None."""
    from .typography import as_latin

    labels = host.rstrip(".").split(".")
    foreign = [label for label in labels if not label.isascii()]
    if not foreign or len(foreign) == len(labels) or not labels[-1].isascii():
        return None
    if not all(any(ch.isalpha() for ch in label) for label in labels if label.isascii()):
        return None
    latin = as_latin(host)
    return latin if latin.isascii() else None


def _mixed_script_label(host: str) -> str:
    import unicodedata

    for label in host.split("."):
        scripts = set()
        for ch in label:
            if ch.isalpha():
                name = unicodedata.name(ch, "")
                scripts.add(name.split(" ")[0] if name else "?")
        scripts &= {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN"}
        if len(scripts) > 1:
            return " and ".join(sorted(s.title() for s in scripts))
    return ""


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def scheme_of(url: str) -> str | None:
    """The URL's scheme in lower case, or None for a relative reference."""
    if _DRIVE.match(url):
        return "file-path"
    m = _SCHEME.match(url)
    return m.group(1).lower() if m else None


def is_relative_path(url: str) -> bool:
    """A link to a path on this site (``img/a.png``, ``../b.md``, ``/files/c.pdf``), not a URL."""
    return bool(url) and scheme_of(url) is None and not url.startswith(("#", "//", "?")) \
        and not _TEMPLATE().search(url)
