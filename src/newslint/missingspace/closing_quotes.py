"""A quotation's closing mark glued to the next word (``done.”This``, ``finish,”said``, ``“took
over”our``), where the quote pairing (quotes.py) reads the mark as closing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter
from typing import Iterator

from ..document import Document
from ..model import Finding, Fix
from ..quotes import Mark, analyse, entity, word_parts
from ..resources import english_words
from ..patterns import lazy
from ..typography import near_invisible, wide


# A closing ” or " after the quotation's last mark, glued to the next word: done.”This, yes,”and
# or to emphasis that opens the next sentence (procurement.”_This post…_: a * or _ run between a
# mark and a letter can only open emphasis in CommonMark, so the space goes after the mark; so can
# nested emphasis, an author's note glued on: provide.”_**Hannah Rubin** is…_).
# (One pattern per mark, each led by its literal: re finds a literal prefix with a fast search,
# but tests a leading character class, or a look-behind, at every position: 0.19 s -> 0.02 s
# over the corpus)
# A quoted word glued to the next (the WWB “took over”our chat room) is the same slip: a closing
# ” after a letter (not a digit: 12”display is inches), a curly one only (a straight " between
# two letters is as often an opening mark that lost its space before).
_GLUED_CLOSE = tuple((mark, re.compile(mark + (r"(?:(?<=[.,!?;:…].)|(?<=[^\W\d_].))" if mark == "”" else r"(?<=[.,!?;:…].)")
                                       + r"(?=[^\W\d_]|[*_]{1,3}[A-Z])"))
                     for mark in ("”", '"'))
_START = attrgetter("start")  # (the quote marks are in text order: a mark is found by bisection)


# The same with the closing mark written as an entity (done.&#8221;This, finish,&rdquo;said):
# found in the file's text, where the prose view masks the entity. Led by its literal "&".
_GLUED_ENTITY_CLOSE = lazy(r"&(?:#8221|rdquo|#[xX]201[dD]|quot|#34);(?=[^\W\d_]|[*_]{1,3}[A-Z])")


def after_closing_quote(doc: Document, pt: str) -> Iterator[Finding]:
    """A quotation's closing mark glued to the word after it; only where the quote pairing
    reads the mark as a closing one (not ”back” for “back”: reversed-quote turns that round)."""
    # (each pattern asked only of a prose that holds its mark: a scan spared where one is missing)
    spots = sorted(m.start() for mark, pattern in _GLUED_CLOSE if mark in pt for m in pattern.finditer(pt))
    text = doc.text
    if "&" in text:
        entities = [m.start() for m in _GLUED_ENTITY_CLOSE().finditer(text, doc.body_start)
                    if m.start() and (pt[m.start() - 1] in ".,!?;:…" or pt[m.start() - 1].isalpha())]
        if entities:
            spots = sorted(spots + entities)
    if not spots:
        return
    q = analyse(doc)
    if q is None:
        return
    marks = q.marks  # in text order: each spot's mark is found by bisection, not by a pass over all
    for i in spots:
        k = bisect_left(marks, i, key=_START)
        if k == len(marks) or marks[k].start != i:
            continue
        mk = marks[k]
        # (a straight " only where it or its opener is sure: it could open the next sentence's quotation;
        # a mark written as an entity is the mark it prints, an escape is not prose)
        if mk.role != "close" or mk.flag or (mk.masked and not entity(text, mk)) or not (
                mk.ch == "”" or mk.sure or (mk.partner is not None and mk.partner.sure)):
            continue
        if pt[i - 1].isalpha() and not _quoted_word_glued(doc, pt, mk):
            continue
        if wide(pt[mk.end: mk.end + 1]):
            continue  # 他说：“This is great.”然后: Chinese and Japanese put no space after a closing mark
        if not near_invisible(doc, i - 20, mk.end + 20):
            yield Finding(i, mk.end, f"no space after the closing {mk.ch}; add one",
                          Fix.insert(mk.end, " ", f"Insert a space after {mk.ch}"))


def _quoted_word_glued(doc: Document, pt: str, mk: Mark) -> bool:
    """Is the closing ” ``mk``, between two letters, a quoted word's closing mark glued to the next
    word (“took over”our)? In English, where the words on both sides are words and the two
    together are none. (A mark typed into one word, societ”y, is the quote analysis's: it pairs
    with nothing and never reaches here as a closing mark.)"""
    if not doc.language_tag.lower().startswith("en"):
        return False
    left, right = (part.lower() for part in word_parts(pt, mk))
    words = english_words()
    return left in words and right in words and left + right not in words and left not in _PREFIXES


# A quoted prefix glued to its word is play on words, not a lost space (the “re”branding)
_PREFIXES = frozenset("re pre non un co anti de dis mis ex sub semi multi post pro counter cyber e i".split())


def closes_quotation(doc: Document, pt: str, j: int) -> bool:
    """Does the quote analysis read the mark at ``j`` as a quotation's closing mark? (A stop then
    “ most often opens the next sentence's quotation, but in „a good start.“Then the “ closes the
    low mark's quotation: the space goes after it, not before it.)"""
    q = analyse(doc)
    if q is None:
        return False
    k = bisect_left(q.marks, j, key=_START)
    return k < len(q.marks) and q.marks[k].start == j and q.marks[k].role == "close"

