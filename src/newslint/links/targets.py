"""Every URL an article points at, with its exact span (``text[start:end] == url``).

``targets(doc)`` lists inline link and image destinations, autolinks, reference definitions,
bare URLs (also those whose mistyped scheme the masker did not take for a URL), the ``href``
and ``src`` of HTML tags and URL-valued front-matter fields, each read once. Every rule that
judges a URL or a path (malformed-url, disallowed-url-scheme, missing-link-target, dead-link,
and the invisible and look-alike character checks in URLs) walks this one list.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import Any, Iterator, NamedTuple

from ..document import Document
from ..patterns import lazy
from .markdown import definitions

# (runs taken whole and possessively: the same matches, one step per run instead of per character)
_DEST_INSIDE = re.compile(r"\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.|\([^\s()]*\))*\))*))")
URLISH = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]{1,15}://|(?:https?|ftp)[:;,]?/{1,3}(?=\w)|www\.|mailto:)\S*$")
_URL_KEY = re.compile(r"(?:^|[_\-.])(?:url|uri|link|href|canonical|website|homepage)s?$|^canonical", re.I)
# What a URL or a path starts with: a scheme, "/", "./", "../", "#" or "www."
URL_START = lazy(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:|/|\.\.?/|#|www\.)")


class Target(NamedTuple):
    """One URL the article points at: ``text[start:end] == url`` (angle brackets left out)."""

    start: int
    end: int
    url: str
    source: str  # link | image | definition | autolink | bare | front-matter | html (a tag's href or src)
    key: str = ""  # front-matter key, or the normalised label of a definition
    angle: bool = False  # written in angle brackets, where spaces are allowed: [x](<my file.pdf>)


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
        if not (URLISH.match(value) or (_URL_KEY.search(key) and URL_START().match(value.strip()))):
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


def ref_paths(doc: Document) -> list[tuple[int, int]]:
    """The spans of the path arguments of Hugo ``ref`` and ``relref`` shortcodes outside code
    (``{{< ref "posts/a.md" >}}``, also as a link's destination): not URLs, but each names a page
    file, and a character pasted into it (a zero-width space, a fullwidth comma) breaks the build
    or the link. Only non-ASCII ones are asked for: the rules look for pasted characters."""
    return doc.memo("links.ref-paths", lambda: _ref_paths(doc))


def _ref_paths(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    if "ref" not in text or text.isascii():
        return []
    spans = sorted((s, e) for s, e, kind in doc.prose_index.masks if kind in ("shortcode", "dest", "html"))
    starts = [s for s, _ in spans]
    out = []
    for m in _REF_PATH().finditer(text, doc.body_start):
        k = bisect_left(starts, m.start() + 1) - 1  # the mask that holds the shortcode's start, if any
        if k >= 0 and spans[k][1] > m.start() and not m.group(1).isascii():
            out.append(m.span(1))
    return out


# A ref or relref shortcode and its quoted path ({{< relref "x.md" >}}, {{% ref "/about" %}})
_REF_PATH = lazy(r'\{\{[<%]\s*(?:rel)?ref\s+"([^"\n]{1,300})"')


def link_titles(doc: Document) -> list[tuple[int, int]]:
    """The spans of the titles of inline links and images, quotes or brackets left out
    (``[text](url "Title")``: ``Title``). The masker hides them from prose, but they show as a
    tooltip and to screen readers."""
    return doc.memo("links.titles", lambda: list(_link_titles(doc)))


def _link_titles(doc: Document) -> Iterator[tuple[int, int]]:
    text = doc.text
    for s, e, kind in doc.prose_index.masks:
        if kind in ("dest", "image") and text[e - 1: e] == ")":
            m = _TITLE().search(text, s, e)
            if m is not None and m.end() == e:
                yield m.start(1) + 1, m.end(1) - 1


# A link's title at the end of its destination: [text](url "Title"), 'Title' or (Title)
_TITLE = lazy(r"""\s("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))\s*\)$""")
