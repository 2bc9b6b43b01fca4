"""A link's end or a closing emphasis marker glued to the next word: ``see [the
report](https://x.org/r)in May``, ``the **Pro**plan``. The link or the emphasis prints glued
to the word after it, and the reader sees one word.

Not when the markup splits one word (``[Photo of the Da](url)y``, ``**C**reate``,
``**Li**nguistic``: the last word inside and the word after make a word of the dictionary, or
one of them is a single letter: ``[API](url)s``), nor emphasis inside a word (``un**believ**able``:
its opening marker is glued to a word too), nor a link whose text ends with a space or a dash
(``[GitHub ](url)with`` is space-inside-brackets' finding; ``**Blog—**An``), an image, or a link
whose text is no words (a shortcode), nor a word that goes on as a name, code or an address
(``*my*RA``, ``[x](url)foo.com``).
"""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..resources import english_word

# An opening * or ** not glued to a word, one line of text ending in two letters, the same
# marker closing, then a word glued on (one * only when not part of a longer run)
_EMPHASIS = lazy(r"(?<![^\s(\[“‘\"'])(\*\*?)(?=[^\s*])([^*\n]{0,120}?[^\W\d_]{2})\1(?!\*)(?=[^\W\d_]{2})")
_WORD = lazy(r"[^\W\d_]+")
_LAST_WORD = lazy(r"[^\W\d_]+$")
# What may end the text of a link before the glued word: a letter or a digit, or the end of a
# sentence, a quotation or emphasis inside the text (not a space, a dash or a mask)
_TEXT_END = lazy(r"[^\W_][.!?]?[”’\"')]?(?:\*{1,3}|_{1,3})?\Z")


def glued_after_closers(doc: Document, pt: str) -> Iterator[Finding]:
    """Findings for a link or emphasis that closes glued to the next word."""
    if MASK in pt:
        for s, e, kind in doc.prose_index.masks:
            if kind in ("dest", "ref") and pt[e: e + 1].isalpha():
                yield from _after_link(pt, s, e, kind)
    # (matched at each '*' found by str.find: the pattern's leading look-behind keeps the regex
    # engine from skipping to a '*' itself, and trying it at every character cost eight times as much)
    at = pt.find("*")
    while at >= 0:
        m = _EMPHASIS().match(pt, at)
        if m is None:
            at = pt.find("*", at + 1)
            continue
        end = m.end()
        at = pt.find("*", end)
        if _glued_word(pt, end, m.group(2)):
            mark = m.group(1)
            yield Finding(end - len(mark), end, f"no space after the closing '{mark}' of emphasis; add one",
                          Fix.insert(end, " ", f"Insert a space after '{mark}'"))


def _after_link(pt: str, s: int, e: int, kind: str) -> Iterator[Finding]:
    """The finding for a link whose masked destination or label ends at ``e``, glued to a word."""
    close = s if kind == "ref" else s - 1  # (a reference's mask starts with the text's "]")
    if kind == "dest" and pt[close: close + 1] != "]":
        return
    opened = pt.rfind("[", max(0, close - 300), close)
    if opened < 0 or "]" in pt[opened + 1: close] or "\n\n" in pt[opened: close] or pt[opened - 1: opened] in ("!", MASK):
        return
    text = pt[opened + 1: close]
    if MASK in text or _TEXT_END().search(text) is None:
        return
    if _glued_word(pt, e, text.rstrip("*_”’\"').!?")):
        yield Finding(e - 1, e, "no space after the link; add one", Fix.insert(e, " ", "Insert a space after the link"))


def _glued_word(pt: str, at: int, before: str) -> bool:
    """Is the word at ``at`` a word of its own, not the rest of the last word of ``before``
    (the text inside the link or emphasis) and not a name, code or address going on?"""
    m = _WORD().match(pt, at)
    if m is None:
        return False
    word, nxt = m.group(), pt[m.end(): m.end() + 2]
    if len(word) < 2 or not (word.islower() or word.istitle()):
        return False  # [API](url)s, *my*RA
    if nxt[:1] and not (nxt[:1] in " \t\n\u00a0" or (nxt[:1] in ",;:!?.)”’\"'" and not nxt[1:2].isalnum())):
        return False  # [x](url)foo.com, **a**b_c, a word split again
    last = _LAST_WORD().search(before)
    if last is None or len(last.group()) < 2:
        return False  # **C**reate
    joined = last.group() + word
    return not (english_word(joined.lower()) or english_word(joined))
