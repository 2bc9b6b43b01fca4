"""An abbreviation written with dots inside (U.S., D.C., Ph.D.: the table's
dotted-abbreviations) glued to a word after its final dot (``the U.S.Digital Service``, ``in
D.C.offices``); not ``U.S.A.``, ``Ph.D.s`` or ``U.S.Census.docx``.
"""

from __future__ import annotations

from typing import Any

from ..patterns import lazy
from .glued import OPENERS, right_word, tokens


def after_abbreviation(pt: str, i: int, table: dict[str, Any]) -> bool:
    """Does the stop at ``i`` end an abbreviation written with dots inside (U.S., D.C., Ph.D.,
    standing on its own), a word of two letters or more glued to it (the U.S.Digital Service)?
    Not U.S.A. (one letter after the stop in U.S), U.S.Census.docx (a file) or Ph.D.s (a plural)."""
    left, right = tokens(pt, i)
    left = left[max(left.rfind("—"), left.rfind("–")) + 1:]  # (metadata)—U.S.Geological: a dash joins no word
    if left.lstrip(OPENERS) not in table["dotted-abbreviations"]:
        return False
    nxt = right_word(right)
    return len(nxt) > 1 and nxt.isalpha() and _ABBREVIATION_NEXT_END().fullmatch(right, len(nxt)) is not None


# After the word glued to an abbreviation: a contraction or possessive, then closing marks
# (e.g.escrows), U.S.Hispanics:, p.m.EST._ (not U.S.Census.docx: a file, letters again)
_ABBREVIATION_NEXT_END = lazy(r"(?:['’][a-z]{1,2})?[,.;:!?)\]”’\"'*_]{0,3}")

# An abbreviation's last letter between dots, a lower-case letter glued on (U.S.armed, Ph.D.in): led
# by its literal dot, which re finds with a fast search (str.find for each abbreviation took 0.2 s
# over the corpus, this 0.02 s)
DOT_LETTER_DOT = lazy(r"\.[A-Za-z]\.(?=[a-z])")
