"""The Markdown links of an article and its link reference definitions.

``links(doc)`` lists the Markdown links, images and reference uses (``[text](url)``,
``[text][label]``, ``[text][]``, ``[text]``), ``definitions(doc)`` the link reference
definitions, ``defined_labels(doc)`` the labels they define. The reference rules (NL134, NL135),
empty-link-text and empty-link-target read them; the URLs themselves are ``targets``'.

Definitions are found in the raw text, not only taken from markdown-it: Jekyll's kramdown (and
a Liquid ``{% include %}`` that expands to definitions) accepts a definition right after a
paragraph line, where CommonMark sees paragraph text, and newsletters rely on that.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from ..document import Document
from ..patterns import lazy
from ..prose import MASK
from .view import link_view, mask_starts

# Link text: runs without brackets, line breaks that do not end the paragraph, one level of
# nested brackets. Written unrolled (no alternation that can match the same text two ways), so a
# "[" that never closes costs one pass to the paragraph's end, never a backtracking storm.
_INNER = r"[^\[\]\n]*(?:\n(?![ \t>]*\n)[^\[\]\n]*)*"
_TEXT = _INNER + r"(?:\[" + _INNER + r"\]" + _INNER + r")*"
_LINK = re.compile(r"\[(" + _TEXT + r")\](?:\[([^\[\]]{0,999})\]|(?=\())?")
# (A destination ends at an ASCII blank, as CommonMark's does: a no-break space is part of it, a
# broken URL that malformed-url reports, not the end of a definition that is then not read.)
_DEFINITION = lazy(
    r"""^[ \t]*(?:>[ \t]?)*\[((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*(?:\n[ \t>]*)?
        (<[^<>\n]*>|[^ \t\n\r\f\v<>]+)
        (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$""", re.M | re.X)


def normalize_label(label: str) -> str:
    """A reference label as CommonMark matches it: whitespace collapsed, case folded."""
    return " ".join(label.split()).casefold()


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
        dests = mask_starts(doc, "dest")
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
