"""A colon glued to the next word (``Note:The``, ``wrong:agencies``, ``Discovery:making``): a missing
space, or a namespace, a URI scheme, search syntax or a name written so (``og:title``,
``mailto:Name``, ``from:alice subject:budget``, ``micro:bit``)?
"""

from __future__ import annotations

import re
from typing import Any

from ..patterns import lazy
from ..prose import MASK
from ..resources import english_words
from .glued import ENDING, PLAIN_END


def colon_runs_on(pt: str, i: int, word: str, right: str, nxt: str, table: dict[str, Any]) -> bool:
    """Is the colon at ``i``, between ``word`` and the word ``nxt`` glued after it, a missing space?"""
    if word.istitle() and word.isalpha() and len(word) >= 4 and ":" not in right:
        # Discovery:making, Group:push: an ordinary capitalised word, then an ordinary lower-case
        # one (not a namespace, File:name.png or Category:Books, nor a name written so again)
        return nxt.isalpha() and nxt.islower() and len(nxt) >= 3 and PLAIN_END().fullmatch(right, len(nxt)) is not None \
            and word.lower() not in table["uri-schemes"] and word not in _NAMESPACES \
            and word.lower() in english_words() and nxt in english_words() \
            and len(_GLUED_COLON().findall(pt, max(0, i - 120), i + 120)) == 1 and pt.count(f"{word}:{nxt}") == 1
    if not (word.isalpha() and word.islower() and len(word) >= 2 and word not in table["uri-schemes"]) \
            or ":" in right:
        return False
    # Note:The; or two plain lower-case words (wrong:agencies), the second ending in a space or
    # a stop, not a name:space identifier (og:title) or a path, nor a name the article writes
    # so again (micro:bit) unless the colon splits a word (quest:ions, twice in a pasted paragraph)
    return nxt[0].isupper() or (len(word) >= 3 and nxt.isalpha() and nxt.islower() and len(nxt) >= 3
                                and (PLAIN_END().fullmatch(right, len(nxt)) is not None
                                     or _CONTRACTION_END().fullmatch(right, len(nxt)) is not None)
                                and len(_GLUED_COLON().findall(pt, max(0, i - 120), i + 120)) == 1
                                and (pt.count(f"{word}:{nxt}") == 1 or word + nxt in english_words()))


# A wiki's namespaces and such prefixes (Category:books, Project:home, User:name): not a sentence
_NAMESPACES = frozenset("Category Draft File Help Image Media Module Portal Project Special Talk Template User".split())
_GLUED_COLON = lazy(r"[^\W\d_]:[^\W\d_]")  # more than one nearby: query syntax (user:x from:y)
_CONTRACTION_END = lazy(ENDING + r"[,.;!?)”’]?")  # bytes:there's, files:don't


def number_colon_runs_on(pt: str, i: int) -> bool:
    """Is the colon at ``i`` after a number alone (a year, a step, a finding: ``2016:Steering
    Committee``, ``Finding 1:You want``) and before a capitalised word a missing space? Not a
    time or a ratio (digits follow: ``10:30``), a verse or an address (``3:16``, ``[::1]:8080``),
    nor a number glued into a token (``v2:Beta``, ``x86:Linux``, ``1:1:Name``)."""
    m = _NUMBER_BEFORE().search(pt, max(0, i - 6), i)
    if m is None:
        return False
    return _CAPITALISED_WORD().match(pt, i + 1) is not None


# (searched up to the colon; a list's or a heading's marker is masked in the prose: 1. 1999:Doug)
_NUMBER_BEFORE = lazy(r"(?:^|(?<=[\s(“\"" + MASK + r"]))[0-9]{1,4}\Z", re.M)
# A capitalised word of letters, then a space, a mark or the end (not a name:space or a path)
_CAPITALISED_WORD = lazy(r"[A-Z][a-z]{2,}(?=[\s,.;!?)”’\"]|\Z)")
