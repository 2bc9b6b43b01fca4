"""How an article writes its words elsewhere: the evidence missing-space-after-punctuation reads
to tell a sentence run on after a stop (``Department.Officials``) from a name written with a dot
(``Fork.Observer``, ``Bitcoin.Review``).

Each question is answered from an index of the prose made once per text (``per_text``): the
words that stand on their own, where each word opens a sentence or stands capitalised inside one,
how often two words are glued by a stop, how often a capitalised word and the next are written
apart. A search of the whole text for each glued stop took time in the square of their number.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..patterns import lazy

# The endings of an adverb or a participle (Included, Reportedly): words that start sentences,
# hardly ever the second half of a name written with a dot (most such names end in a domain
# word, or in a noun: Bitcoin.Review, Libera.Chat).
INFLECTED = lazy(r"[A-Z][a-z]{2,}(?:ly|ed|ing)")  # (Moving, Making: two letters before -ing)


def per_text(build: Any) -> Any:
    """``lru_cache(maxsize=4)`` for an index of the prose text, asked first whether the text is the
    very one of the last call: an equal text of another document (the same article linted twice)
    is otherwise compared in full at every glued mark that asks (seconds over 10,000 of them)."""
    cached = lru_cache(maxsize=4)(build)
    # (one tuple, swapped whole: threads read a pair that belongs together; the first holds no
    # text, so that an empty prose, "" being one object, is indexed too and not answered None)
    last: list[tuple[str | None, Any]] = [(None, None)]

    def get(pt: str) -> Any:
        entry = last[0]
        if entry[0] is not pt:
            entry = last[0] = (pt, cached(pt))
        return entry[1]

    get.__doc__ = build.__doc__
    return get


def stands_alone(pt: str, word: str) -> bool:
    """Does ``word`` occur in ``pt`` on its own: no word character, ".", "@" or "/" before it,
    no word character, "@", "/" or "." and a word character after it?"""
    if _WORD_RUN().fullmatch(word):  # (the words asked about: one run of word characters)
        return word in _standalone_words(pt)
    return re.search(r"(?<![\w.@/])%s(?![\w@/]|\.\w)" % re.escape(word), pt) is not None


@per_text
def _standalone_words(pt: str) -> frozenset[str]:
    """The runs of word characters of ``pt`` that stand on their own (see ``stands_alone``),
    found once per text: a search of the whole text for each word asked about took time in the
    square of the glued stops (20,000 of them were minutes). (The text's hash is kept by str.)"""
    out = set()
    for m in _WORD_RUN().finditer(pt):
        s, e = m.span()
        after = pt[e:e + 1]
        if (s and pt[s - 1] in ".@/") or after in ("@", "/") or (after == "." and _WORD_RUN().match(pt, e + 1)):
            continue
        out.add(m.group())
    return frozenset(out)


_WORD_RUN = lazy(r"\w+")


def both_stand_alone(pt: str, left: str, right: str) -> bool:
    """Peskov.Russia, Department.Officials: the first word also stands on its own, and so does
    the second, or it is an ordinary word the article writes in lower case elsewhere, or an
    adverb or a participle (Department.Included, Friday.Rounding): a sentence starts with it
    here; two sentences, not a name written with a dot."""
    if glued_count(pt, left, right) > 1:
        return False  # Bitcoin.Review, used as a name throughout
    if not stands_alone(pt, left):
        return False
    return INFLECTED().fullmatch(right) is not None or stands_alone(pt, right) or \
        (right.istitle() and stands_alone(pt, right.lower()))


def opens_sentences(pt: str, left: str, right: str) -> bool:
    """Europa.Necesitamos: the article opens another sentence with the second word (after a stop
    and a space) and never writes it with its capital inside a sentence (after a lower-case word
    or a comma), as it would a name or a German noun: a sentence's first word, whatever the
    language, not the second half of a name written with a dot (which the article writes so once)."""
    if not (right.istitle() and right.isalpha() and len(right) >= 3) or glued_count(pt, left, right) > 1:
        return False
    return word_places(pt).get(right) is True


@per_text
def word_places(pt: str) -> dict[str, bool]:
    """For each word of ``pt`` written after a space and before a character that is no letter:
    True if it opens a sentence somewhere (after a full stop, "?" or "!" and the space) and never
    stands with its capital inside one (after a lower-case letter or a comma and the space),
    False if it does stand so, absent if neither. Found once per text: a search of the whole
    text for each glued stop took time in the square of their number."""
    places: dict[str, bool] = {}
    for m in _SPACED_WORD().finditer(pt):
        word, j = m.group(1), m.start(1)
        if not word.isalpha():  # (a character the pattern reads as a letter and str does not: ²)
            word = word[:next(k for k, ch in enumerate(word) if not ch.isalpha())]
        mark = pt[j - 2: j - 1]  # ("" at the text's start, which counts as a sentence's end)
        if mark.islower() or mark == ",":
            places[word] = False
        elif mark in ".!?" and word not in places:
            places[word] = True
    return places


_SPACED_WORD = lazy(r" ([^\W\d_]+)")


def glued_count(pt: str, left: str, right: str) -> int:
    """How often the article writes ``left.right`` with no other letter or digit glued to either
    end, from an index of its glued stops made once per text: a search of the whole text for
    each glued stop took time in the square of their number. (Each count is kept for the text:
    a pair glued thousands of times was counted again at each of them, in the square too.)"""
    counts = _glued_counts(pt)
    key = (left, right)
    if key not in counts:
        m = _ALNUM_RUN().match(right)
        if m is None or _ALNUM_RUN().fullmatch(left) is None:
            counts[key] = pt.count(f"{left}.{right}")
        else:
            counts[key] = sum(pt.startswith(right, p + 1) for p in _glued_pairs(pt).get((left, m.group()), ()))
    return counts[key]


@per_text
def _glued_counts(pt: str) -> dict[tuple[str, str], int]:
    """The counts ``glued_count`` has made for ``pt`` so far (filled as it asks)."""
    return {}


@per_text
def _glued_pairs(pt: str) -> dict[tuple[str, str], list[int]]:
    """The full stops of ``pt`` with a run of letters and digits glued to each side, by the two runs."""
    out: dict[tuple[str, str], list[int]] = {}
    for m in _GLUED_PAIR().finditer(pt):
        out.setdefault((m.group(1), m.group(2)), []).append(m.end(1))
    return out


_ALNUM_RUN = lazy(r"[^\W_]+")


def phrase_elsewhere(pt: str, word: str, after: int) -> bool:
    """Does the article write ``word`` and the word after ``after`` (one space, then a word ending
    at a space or a mark) as a phrase on its own at least twice elsewhere (Gen Z)?"""
    m = _NEXT_WORD().match(pt, after)
    return m is not None and _spaced_pairs(pt).get((word, m.group(1)), 0) >= 2


@per_text
def _spaced_pairs(pt: str) -> dict[tuple[str, str], int]:
    """How often ``pt`` writes each capitalised word then one space and a word, the first after no
    letter, digit or dot: found once per text (not a search of the whole text for each glued stop)."""
    out: dict[tuple[str, str], int] = {}
    for m in _SPACED_PAIR().finditer(pt):
        key = (m.group(1), m.group(2))
        out[key] = out.get(key, 0) + 1
    return out


_NEXT_WORD = lazy(r" ([^\W\d_]+)(?![^\W_]|[.@/:][^\W_])")
_SPACED_PAIR = lazy(r"(?<![\w.@/])([A-Z][^\W\d_]*) (?=([^\W\d_]+)(?![^\W_]|[.@/:][^\W_]))")
_GLUED_PAIR = lazy(r"([^\W_]+)\.(?=([^\W_]+))")
