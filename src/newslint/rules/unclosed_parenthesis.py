"""Unclosed parenthesis: an opening `(` that nothing closes in its paragraph.

An aside in parentheses ends where its `)` is; an edit that cuts the sentence, or a link typed
inside the parentheses (`([the report](url), and`), loses it, and the reader cannot tell where
the aside stops. Parentheses are paired per paragraph, heading or table cell, in the prose
only (the parentheses of a link destination, code and URLs are not prose). There is no fix:
where the `)` belongs is a guess.

Bad:  The government is one of the biggest (if not the biggest producers of data.
Good: The government is one of the biggest (if not the biggest) producers of data.

Not findings: a `)` with nothing to open it (list numbering such as `1)` and `a)`), an
emoticon (`:(`, or `(:` the other way round), a `(` glued to the word before it (a function name: `sp(`, `f(x`) or with a
space after it (a bracket standing alone), a link destination left open (`[text](url`: NL132
broken-link-syntax), and an aside over several paragraphs when the next paragraph closes it.
A `(` that a fullwidth `）` closes (`(免费入场）`, the second mark typed with a Chinese input
method) is reported as that mismatch, not as an aside left open.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding
from ..patterns import lazy
from ..prose import MASK

ID = "NL123"
NAME = "unclosed-parenthesis"
SEVERITY = "warning"
FIXABLE = False
DEFAULTS: dict[str, Any] = {}

# A "(" whose next parenthesis in its paragraph is not a ")": a candidate (one C-speed pass,
# about 0.03 s over the corpus; the exact pairing then runs over the candidate's block only).
_CANDIDATE = lazy(r"\((?![^()\n]*(?:\n(?![ \t>]*\n)[^()\n]*)*\))")
_PAREN = lazy(r"[()]")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each `(` its paragraph never closes."""
    pt = doc.prose_text
    if "(" not in pt:
        return
    blocks = doc.blocks
    starts: list[int] | None = None
    done = -1
    for m in _CANDIDATE().finditer(pt, doc.body_start):
        if starts is None:
            starts = [b.start for b in blocks]
        k = bisect.bisect_right(starts, m.start()) - 1
        if k <= done or k < 0 or m.start() >= blocks[k].end:
            continue
        done = k
        yield from _unclosed(doc, pt, k)


def _unclosed(doc: Document, pt: str, k: int) -> Iterator[Finding]:
    block = doc.blocks[k]
    stack: list[int] = []
    for s, e in block.spans:
        for m in _PAREN().finditer(pt, s, e):
            if m.group() == "(":
                stack.append(m.start())
            elif stack:
                stack.pop()
    if not stack or _closed_below(doc, pt, k, len(stack)):
        return
    for at in stack:
        if pt[at + 1: at + 2] == MASK and _closed_in_mask(doc.text, pt, at + 1):
            continue  # (https://…)[1], (https://…)[text]: a bare URL ran on over the ")" (its mask holds it)
        before = pt[at - 1:at]
        if before.isalnum() or before in ":;=8]" or pt[at + 1:at + 2] in (" ", "\t", "\n", ""):
            continue  # sp( then; :( and ;( are faces; [text](url is a broken link (NL132); a lone ( stands apart
        if pt[at + 1: at + 2] in (":", ";", "=") and pt[at + 2: at + 3] in (" ", "\t", "\n", ""):
            continue  # (: and (; are faces too, the other way round: "весёлое аниме (: На…"
        if _fullwidth_close(pt, block, at):
            yield Finding(at, at + 1, "opening '(' is closed by a fullwidth '）'; write the pair alike, '(…)' or "
                                      "'（…）' (fullwidth in Chinese or Japanese text)")
            continue
        yield Finding(at, at + 1, "opening '(' is never closed in this paragraph; add the ')' where the aside ends")


def _fullwidth_close(pt: str, block: Any, at: int) -> bool:
    """Does a fullwidth ）, one no （ opens, follow the ``(`` at ``at`` in its block (免费入场）,
    a Chinese input method's closing mark)?"""
    depth = 0
    for s, e in block.spans:
        for i in range(max(s, at + 1), e):
            c = pt[i]
            if c == "（":
                depth += 1
            elif c == "）":
                if depth == 0:
                    return True
                depth -= 1
    return False


def _closed_in_mask(text: str, pt: str, start: int) -> bool:
    """Does the masked run from ``start`` (a bare URL, say) hold a ")" of its own in the text, one
    more than its "(" (not Mercury_(planet), a URL's balanced pair)?"""
    end = start
    while end < len(pt) and pt[end] == MASK:
        end += 1
    masked = text[start:end]
    return masked.count(")") > masked.count("(")


def _closed_below(doc: Document, pt: str, k: int, open_count: int) -> bool:
    """Does the next paragraph close the aside (a ')' with nothing of its own to close)?"""
    if k + 1 >= len(doc.blocks) or doc.blocks[k].kind != "paragraph" or doc.blocks[k + 1].kind != "paragraph":
        return False
    depth = 0
    for s, e in doc.blocks[k + 1].spans:
        for m in _PAREN().finditer(pt, s, e):
            depth += 1 if m.group() == "(" else -1
            if depth < 0:
                i = m.start()
                if not (pt[i - 1].isalnum() and not pt[i - 2:i - 1].isalnum()):
                    return True
                depth = 0  # 1) or a): numbering, not the aside's end
    return False
