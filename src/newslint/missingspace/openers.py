"""A comma glued to what opens after it: a quotation mark the quote pairing reads as opening
(``he said,“We will``), a link's text (``notes,[the agency](url)``) or words in brackets (``a
word,(see below)``); not code or a footnote (``f(a,(b))``, ``marker,[1]``).
"""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter
from typing import Any, Iterator

from ..document import Document
from ..model import Finding
from ..patterns import lazy
from ..prose import MASK
from ..quotes import analyse
from ..typography import near_invisible
from .asides import PROSE_ASIDE, closed_before, link_opens
from .domains import is_domain
from .glued import BREAK, OPENERS, finding, tokens


def before_opener(doc: Document, pt: str, table: dict[str, Any]) -> Iterator[Finding]:
    """A comma glued to an opening quotation mark, a link's text or words in brackets: he
    said,“We will; as the report notes,[the agency](url) said; a word,(see below). After a plain
    word, an aside or a link; the quotation mark one the quote pairing reads as opening, the
    link's text starting with a letter or a digit (described,[18F Consulting])."""
    q = None
    for m in _COMMA_OPENER().finditer(pt):
        i = m.start()
        if pt[i + 1] == "“":
            q = q or analyse(doc)
            if q is None:
                return
            marks = q.marks
            k = bisect_left(marks, i + 1, key=_START)
            if k == len(marks) or marks[k].start != i + 1 or marks[k].role != "open":
                continue
        elif not link_opens(doc, pt, i + 1) and not _words_in_brackets(pt, i + 1):
            continue
        if pt[i - 1] in ")" + MASK:
            if not closed_before(doc, pt, i):
                continue
        else:
            left = tokens(pt, i)[0].lstrip(OPENERS)
            if not ((len(left) > 1 and _PLAIN_WORD().fullmatch(left)) or left.rstrip(".") in table["dotted-abbreviations"]
                    or is_domain(left, table)):
                continue  # (e.g.,“To schedule: the abbreviation ends with its dot; September 25th,[that
                # patent expired]; LEP.gov,[Translation and Interpretation])
        if not near_invisible(doc, i - 20, i + 20):
            yield finding(pt, i)


# A word ending in a letter (D’Souza,“Analytics, 25th,[that; not a1,“b in code)
_PLAIN_WORD = lazy(r"[0-9]{0,4}[^\W\d_]+(?:['’-][^\W\d_]+)*")

# (one pattern led by its literal comma: faster than asking the text whether it holds ",“" or ",[")
# (Not a semicolon, resources;[past events](url): a pattern of its own costs 0.018 s over the
# corpus, one led by the class [,;] 0.08 s, and the injected slips put a word after it)
_COMMA_OPENER = lazy(r",(?=[“\[(][^\W_])")


def _words_in_brackets(pt: str, at: int) -> bool:
    """Does the bracket at ``at`` open words in brackets, two or more, letters and single spaces
    only, its closing bracket then a space, a line's end or a mark (a word,(see below) aside, or
    an editor's [sic them] in a quotation)? Not a call or a tuple (f(a,(b)), (1,(2,3))), nor a
    link, a footnote or a task box."""
    close = pt.find(")" if pt[at] == "(" else "]", at, at + 200)
    if close < 0 or PROSE_ASIDE().fullmatch(pt, at + 1, close) is None:
        return False
    nxt = pt[close + 1: close + 2]
    return nxt == "" or nxt in BREAK and nxt != MASK or (nxt in ",.;:!?" and not pt[close + 2: close + 3].isalnum())


_START = attrgetter("start")  # (the quote marks are in text order: a mark is found by bisection)
