"""Names styled with a "!" (``PrepareAthon!``, ``Yahoo!``): where the article writes one
elsewhere with nothing glued to its mark, a capitalised word glued to it is a missing space
(``National PrepareAthon!Day``); the famous ones glue a word on purpose (``Yahoo!News``).
"""

from __future__ import annotations

from ..patterns import lazy
from .wordhabits import per_text
from .glued import PLAIN_END, right_word


# Names styled with a "!" whose first part is also an English word (and Joomla, whose events are
# Joomla!Day: a name that glues a word to its "!" on purpose)
BANG_NAMES = frozenset(("Yahoo", "Jeopardy", "Wham", "Panic", "Oklahoma", "Hey", "Oh", "Joomla"))


def bang_ends_name(pt: str, word: str, right: str) -> bool:
    """PrepareAthon!Day: a capitalised plain word glued to a "!" after a word that the article
    writes elsewhere with its "!" and no letter or digit glued on (America's PrepareAthon! Plan,
    the nation's PrepareAthon!): the mark ends the name there, so here a space went missing
    (not a name written with a glued "!" more than once, or never otherwise)."""
    nxt = right_word(right)
    if not (len(nxt) > 1 and nxt.istitle() and nxt.isalpha() and PLAIN_END().fullmatch(right, len(nxt))):
        return False
    glued, free = _bang_words(pt).get(word, (0, 0))
    return glued == 1 and free > 0


@per_text
def _bang_words(pt: str) -> dict[str, tuple[int, int]]:
    """For each word of ``pt`` written with a "!" after it: how often a letter or digit is glued
    to the mark, and how often not. Found once per text, not by a search for each glued mark."""
    out: dict[str, tuple[int, int]] = {}
    for m in _BANG_WORD().finditer(pt):
        glued, free = out.get(m.group(1), (0, 0))
        out[m.group(1)] = (glued + 1, free) if m.group(2) else (glued, free + 1)
    return out


_BANG_WORD = lazy(r"(?<![^\W_])([^\W_]+)!([^\W_])?")
