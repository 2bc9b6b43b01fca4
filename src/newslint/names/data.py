"""The tables the name rules read, loaded once per process from the shipped ``rules/`` folder."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import data_path, load_yaml, word_list

# Latin capitals and small letters, Latin-1 and Latin Extended-A included (Łukasz, Šefčovič).
_LATIN = [chr(c) for c in range(0xC0, 0x250)]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper() and c.isalpha())
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower() and c.isalpha())


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Given names (US Census lists, the world list, every form in the Ukrainian/Russian table)."""
    names = set(word_list("given-names.txt"))
    names.update(word_list("given-names-world.txt"))
    names.update(uk_ru_groups())
    return frozenset(names)


@lru_cache(maxsize=None)
def surnames() -> str:
    """Known surnames in lower case, one per line between newlines (the US Census list; read
    only to break a tie). Kept as the file's text: as a set its 88,799 strings took ≈ 9 MB in
    every worker for a lookup that a few articles need, and a search of 0.7 MB is fast enough."""
    text = data_path("rules", "surnames.txt").read_text(encoding="utf-8")
    return "\n" + "\n".join(line.strip() for line in text.splitlines() if not line.startswith("#")) + "\n"


def known_surname(form: str) -> bool:
    """Is the spelling a surname of the Census list (possessive and apostrophe forms folded)?"""
    return surname_rank(form) is not None


def surname_rank(form: str) -> int | None:
    """The spelling's rank in the Census list (1 = the most frequent surname), or None."""
    base = re.sub(r"[’']s$", "", form).replace("’", "").replace("'", "").casefold()  # the list writes OBRIEN
    if not base or "\n" in base:
        return None
    text = surnames()
    at = text.find(f"\n{base}\n")
    return None if at < 0 else text.count("\n", 0, at) + 1


@lru_cache(maxsize=None)
def uk_ru_groups() -> dict[str, int]:
    """Given name → the number of its group of Ukrainian/Russian equivalents."""
    groups: dict[str, int] = {}
    for i, row in enumerate(load_yaml("rules", "given-names-uk-ru.yaml")):
        for name in row:
            groups[str(name)] = i
    return groups


@lru_cache(maxsize=None)
def words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(titles, stopwords, particles) from rules/name-words.yaml."""
    data = load_yaml("rules", "name-words.yaml")
    return (frozenset(map(str, data["titles"])), frozenset(map(str, data["stopwords"])),
            frozenset(map(str, data["particles"])))


def particle_pattern() -> str:
    """A regex alternation of the name particles (von, der, van, ...)."""
    return "|".join(sorted((re.escape(p) for p in words()[2]), key=lambda p: (-len(p), p)))
