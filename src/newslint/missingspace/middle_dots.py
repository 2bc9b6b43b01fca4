"""A middle dot typed for the space between two English words (``the plan·the budget``); not a
word split into syllables (``pa·per``) or a chain of separators (``Home·About·Contact``).
"""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..resources import english_words
from ..typography import near_invisible


def middle_dots(doc: Document, pt: str) -> Iterator[Finding]:
    """A middle dot typed for the space between two English words (the plan·the budget): one dot
    between two words of two letters or more that the dictionary lists, the two together none.
    Not a word split into syllables (pa·per, in·for·ma·tion), a chain of separators
    (Home·About·Contact), Catalan's l·l or a product of symbols (a·b)."""
    words = english_words()
    for m in _MIDDLE_DOT().finditer(pt):
        left, right = m.group(1), m.group(2)
        if left.lower() in words and right.lower() in words and (left + right).lower() not in words \
                and not near_invisible(doc, m.start(), m.end()):
            i = m.end(1)
            yield Finding(i, i + 1, "a middle dot between two words; use a space",
                          Fix.replace(i, i + 1, " ", "Replace the middle dot with a space"))


_MIDDLE_DOT = lazy(r"(?<![\w·'’-])([^\W\d_]{2,})·([^\W\d_]{2,})(?![\w·'’-])")
