"""Does an article read as English? Its language tag says so, and, when that is only the
configured language (a text too short for language.py to tell: a notice of two sentences, a
title and a figure), half its words or more are in the English word list.

A short Portuguese, Italian or Dutch notice in a tree configured as English was read with the
English word list and the English habits of the rules: its no-break spaces inside words passed
(`patrocin|ado`, `cat|ene`: `cat` is an English word), and its comma glued to "com" (with) was
taken for a domain's. The English articles of the corpus whose language is only the configured
one have 70 % of their words in the list or more; the non-English articles of the unseen-site
samples (bench/precision-audit.md) 47 % or less.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .patterns import lazy
from .resources import english_word

if TYPE_CHECKING:
    from .document import Document


def reads_english(doc: "Document") -> bool:
    """Is the article in English (see the module's docstring)?"""
    if not doc.language_tag.lower().startswith("en"):
        return False
    if doc.language_known:
        return True
    return doc.memo("englishness.reads-english", lambda: _mostly_english(doc.lowered_prose or doc.prose_text.lower()))


def _mostly_english(lowered: str) -> bool:
    words = [w for w in _WORD().findall(lowered) if len(w) >= 2]
    return 2 * sum(1 for w in words if english_word(w)) >= len(words)


_WORD = lazy(r"[^\W\d_]+")
