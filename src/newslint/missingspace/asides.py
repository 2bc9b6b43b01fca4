"""An aside in brackets or a link that ends before a mark, then a word (``(CAF).CAF runs``,
``(CAF),which``, ``[chat](url),[tweets](url)``, ``[GitHub](url).The``), and what tells a link's
text from other brackets. Not a call or a label (``f(x).Name``, ``$(document).ready``).
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..patterns import lazy
from ..prose import MASK
from ..typography import link_ending_at
from .wordhabits import stands_alone
from .glued import BREAK, GLUED_ITEM


def aside_before(pt: str, i: int) -> bool:
    """Does the ")" before ``i`` close an aside opened after a space, of two characters or more
    with a letter among them (the Census Agency (CAF), the relay (1p1c)), or a plural's "(s)" (your
    project(s),as well)? Not a call or a label glued to a word ($(document), f(x), unused(KEY)),
    nor a one-letter label ((a).B)."""
    if pt.endswith("(s)", 0, i) and pt[i - 4: i - 3].isalpha():
        return True
    j = pt.rfind("(", max(0, i - 200), i - 1)
    if j < 0 or ")" in pt[j + 1: i - 1] or "\n\n" in pt[j: i]:
        return False
    if j and pt[j - 1] not in " \n" + MASK:  # (glued to the word before: an aside only of words)
        return PROSE_ASIDE().fullmatch(pt, j + 1, i - 1) is not None  # ATO’s(Authority to Operate),compliance
    return i - 1 - j > 2 and _LETTER().search(pt, j + 1, i - 1) is not None


# Two words or more, letters only, one space between each: words in brackets, not a call's
# arguments (f(x), $(document), unused(KEY), call(a, b))
PROSE_ASIDE = lazy(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?: [^\W\d_]+(?:['’-][^\W\d_]+)*)+")
_LETTER = lazy(r"[^\W\d_]")


def closed_before(doc: Document, pt: str, i: int) -> bool:
    """Does an aside in brackets or a link end right before the mark at ``i``?"""
    return aside_before(pt, i) if pt[i - 1] == ")" else pt[i - 1] == MASK and link_ending_at(doc, i) >= 0


def word_after(doc: Document, pt: str, i: int, table: dict[str, Any], capital: bool) -> bool:
    """After the mark at ``i``, a word that goes on as prose: two letters or more (or "A", "I"
    before a space), then a space or a mark that no word character follows (not a file, domain,
    path or call: (final).PDF, (CAF).gov); capitalised after a stop (an acronym too: (CAF).CAF
    runs), behind a quotation mark, a link's bracket or emphasis; any word after a comma."""
    at = i + 1
    if capital:
        opener = _EMPHASIS_OR_QUOTE().match(pt, at)
        if opener is not None:
            at = opener.end()
        elif pt.startswith("[", at) and link_opens(doc, pt, at):
            at += 1
    if capital and any(pt.startswith(abbr + ".", at) for abbr in table["dotted-abbreviations"]):
        return pt[at].isupper()  # ($324.8 million).U.S. exports
    m = _ASIDE_NEXT().match(pt, at)  # (PoW),let's say; (BPA),we’ve found; you can),easy-to-use; ).Bech32m
    if m is None or (capital and not m.group()[0].isupper()):
        return False
    word, end = m.group(1), m.end()
    nxt = pt[end: end + 1]
    if len(word) < 2 and not (word in ("A", "I") and nxt == " "):
        return False
    if nxt and not (nxt in BREAK or (nxt in ",.;:!?)”’\"'" and not pt[end + 1: end + 2].isalnum())):
        return False
    if pt[i] == "," and GLUED_ITEM().match(pt, end):
        return False
    if capital and not word.istitle() and not stands_alone(pt, word):
        return False  # (Q3).NET sales: an acronym or CamelCase name only when the article writes it alone
    return word.lower() not in table["domain-words"]


_ASIDE_NEXT = lazy(r"([^\W\d_][^\W_]*)(?:['’-][^\W\d_]+)*")
_EMPHASIS_OR_QUOTE = lazy(r"\*{1,3}|_{1,3}|[“‘«]")


def opens_after_link(pt: str, i: int, table: dict[str, Any]) -> bool:
    """After a link and a stop, a word that opens sentences (The, This, Each), bare or behind
    emphasis or a quotation mark: the next sentence, glued on (not a link to example.com.The)."""
    m = _STARTER().match(pt, i + 1)
    return m is not None and m.group(1) in table["sentence-starters"]


_STARTER = lazy(r"(?:\*{1,3}|_{1,3}|“)?([A-Z][a-z]+)\b(?![.@/])")


def link_opens(doc: Document, pt: str, at: int) -> bool:
    """Does a link's text open at the "[" at ``at``: its "]" then a destination or reference, or
    (a reference link, ``[text][label]``) the masked label right after the text?"""
    if link_text_at(pt, at):
        return True
    labels = None
    close = pt.find(MASK, at, at + 300)
    while close > 0 and "]" not in pt[at:close] and "\n\n" not in pt[at:close]:
        labels = labels or doc.memo("missing-space.link-label-starts",
                                    lambda: {s for s, e, kind in doc.prose_index.masks if kind in ("dest", "ref")})
        if close in labels:
            return True
        close = pt.find(MASK, close + 1, at + 300)  # (past a line's indent, masked: [and\n  a reduction])
    return False


def link_text_at(pt: str, at: int) -> bool:
    """Does a link's text open at the "[" at ``at`` (its destination, masked, or a reference
    follows its closing bracket)?"""
    close = pt.find("]", at, at + 300)
    return close > 0 and "\n\n" not in pt[at:close] and pt[close + 1: close + 2] in (MASK, "[", "(")
