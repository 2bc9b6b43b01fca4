"""What the checks of missing-space-after-punctuation read around a mark: the text glued to each
side of it, the word after it, the character classes and word tests that the stop, comma and
colon checks share, and the finding they report.

The tokens are cut here with look-alike Greek and Cyrillic letters read as Latin, so that words in
those scripts are judged as Latin ones are (``долларов.Рост``, ``заметным,хотя``): no check has a
script of its own.
"""

from __future__ import annotations

from ..model import Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..typography import as_latin, data


# What ends the text glued to a mark: a space of any width, or what is not prose (masked)
BREAK = " \t\n\u00a0\u202f" + MASK

# Quotation marks, brackets and emphasis around a word, which belong to no word
OPENERS = "([{“‘\"'*_«„"
CLOSERS = ")]}”’\"'*_»"

# A character that makes a token code, a path or an address rather than a word
CODE_LIKE = lazy(r"[.@/\\:=#&<>{}|~^%$+`_]")
CAMEL = lazy(r"[a-z][A-Z]")
WORD = lazy(r"[^\W\d_]+")
LAST_WORD = lazy(r"[^\W_]+$")
PLAIN_END = lazy(r"[,.;!?)”’]?")
ENDING = r"['’](?:t|s|re|ve|ll|d|m)"  # a contraction's or a possessive's ending (isn’t, we’re, agency’s)
GLUED_ITEM = lazy(r"[,;][^\W_]")  # a,b,c: another item glued on after the next word

# Month and weekday names: no name written with a dot starts with one ("May" is a name and a verb)
CALENDAR = frozenset("January February March April June July August September October November December "
                     "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def finding(pt: str, i: int) -> Finding:
    """The finding for the mark at ``i``, with the safe fix that inserts the space after it."""
    mark = pt[i]
    return Finding(i, i + 1, f"no space after '{mark}'; add one",
                   Fix.insert(i + 1, " ", f"Insert a space after '{mark}'"))


def tokens(pt: str, i: int) -> tuple[str, str]:
    """The non-space text glued to each side of the mark at ``i``, look-alike letters read as Latin."""
    left = pt[max(0, i - 80): i]
    left = left[max(left.rfind(ch) for ch in BREAK) + 1:]
    right = pt[i + 1: i + 81]
    cut = min((k for k in (right.find(ch) for ch in BREAK) if k >= 0), default=len(right))
    return as_latin(left), as_latin(right[:cut])


def right_word(right: str, domains: bool = False) -> str:
    """The word after the mark, or "" when what follows is a domain, address, path or code (or
    a domain word, unless ``domains``)."""
    m = WORD().match(right)
    if m is None:
        return ""
    word, rest = m.group(), right[m.end():]
    if rest and (rest[0] in "@/\\_=(" or rest[0].isdigit() or (rest[0] in ".:" and len(rest) > 1 and (rest[1].isalnum() or rest[1] in ":/"))):
        return ""
    if CAMEL().search(word) or (not domains and word.lower() in data()["domain-words"] and not rest[:1] == "-"):
        return ""  # (co-authored is a word, not the domain .co)
    return word


def space_then_lower(pt: str, at: int) -> bool:
    """A space at ``at``, then a lower-case letter: the clause goes on (on the next line too:
    a paragraph's line break is a space, `as implemented,assumeUTXO⏎will only accept`)."""
    return pt[at: at + 1] in (" ", "\n") and pt[at + 1: at + 2].islower()


def has_code(text: str) -> bool:
    """Does the article show code anywhere (a code span, a fence, an HTML code element)?"""
    return "`" in text or "<code" in text or "~~~" in text
