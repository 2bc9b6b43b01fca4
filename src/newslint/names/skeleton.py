"""The transliteration skeleton of a name: one key for the spellings of one Cyrillic name.

``Zelensky``, ``Zelenskyy``, ``Zelenskiy``, ``Zelenskyi`` and ``Zelenskij`` are five
romanisations of Зеленський/Зеленский; ``Podolyak`` and ``Podoliak`` two of Подоляк; ``Milley``
and ``Milli`` a translator's round trip through Милли. The skeleton folds exactly the choices
on which romanisation systems (BGN/PCGN, KMU 2010, ISO 9, ICAO, press styles) disagree, so those
spellings share a key, while letters no system varies stay apart:

1. ASCII (anyascii: ``Schröder`` → schroder), case folded; apostrophes and soft-sign marks
   (’ ' ʼ ʹ) and hyphens dropped;
2. ``shch``/``sch`` → S, ``zh`` → Z, ``kh`` → h (х as kh or h), ``tsch``/``tch``/``ch`` → C
   (ч in the German, French and English manner: Klitschko/Klichko),
   ``sh`` → X, ``ts``/``tz`` → T (and ``tts``: Watts/Wats, a doubled t typed once), ``ph`` → f,
   ``ck`` → k, ``w`` → v, ``x`` → ks;
3. the iotated vowels after a letter: ``ya``/``ia``/``ja`` → A, ``yu``/``iu``/``ju`` → U,
   ``yo``/``io``/``jo`` → O, ``ye``/``je`` → e (word-initially and after a vowel too:
   Yevgeny/Evgeny, Iuliia/Yulia), with ``iya``/``iia`` read as ``ia`` (Mariya/Mariia/Maria);
4. word-final ``-y``/``-i``/``-iy``/``-yy``/``-yi``/``-ii``/``-ij``/``-yj``/``-ey``/``-ei``/``-eiy``/``-ie``
   → I (й/ий/ый/ій endings, and ей: Sergei/Sergey), then any other ``y`` → i;
5. word-final ``-off``/``-eff`` → ``-ov``/``-ev`` (-ов/-ев in the French and German manner:
   Rachmaninoff/Rachmaninov, Smirnoff), and ``-ov`` → ``-ev`` after ``ch``/``sh``/``shch``/``zh``
   (ё spelt o or e there: Gorbachov/Gorbachev, Khrushchov/Khrushchev);
6. doubled letters collapsed (``Gerassimov``, ``Zaporizhzhia``).

Deliberately not folded: g/h (Олег: Oleh/Oleg; Ukrainian and Russian *forms* of a given name
are a table, not a spelling rule) and e/ie, which would merge unrelated English names.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKS = {ord(c): None for c in "’'ʼʹ`´-‐‑."}
# Ordered: a longer cluster before the letters it contains. Replacements are capitals, which no
# later (lower-case) cluster matches.
_CLUSTERS = (("shtsch", "S"), ("shch", "S"), ("tsch", "C"), ("sch", "S"), ("tch", "C"), ("zh", "Z"), ("kh", "h"),
             ("tts", "T"), ("ch", "C"), ("sh", "X"), ("ts", "T"), ("tz", "T"), ("ph", "f"), ("ck", "k"), ("w", "v"),
             ("x", "ks"))
_IY = re.compile(r"[iy][iyj](?=[aeuo])")  # Mariya, Mariia → maria: ия spelt iya/iia/ia
_IOTATED = re.compile(r"(?<=[a-zA-Z])[yij]([auoe])|^[yi]([auo])|^y(e)|(?<=[aeiouAUOE])[yj](e)")
_IOTA_MAP = {"a": "A", "u": "U", "o": "O", "e": "e"}
_ENDING = re.compile(r"(?:eiy|iy|yy|yi|ii|ij|yj|ey|ei|ie|y|i)$")
_DOUBLE = re.compile(r"(.)\1+")
# (two letters and a consonant other than h before it: German -hoff and Bischoff are no -ов)
_OFF = re.compile(r"(?<=[a-zA-Z]{2}[bcdfgj-np-tvz])([oe])ff$")
_HUSHED_O = re.compile(r"(?<=[CSZX])ov$")  # after the hushing consonants' keys (ч щ ж ш)


@lru_cache(maxsize=131072)
def skeleton(word: str) -> str:
    """The transliteration key of one word (a surname or a given name)."""
    if word.isascii():
        s = word.casefold()
    else:
        from anyascii import anyascii

        s = anyascii(word).casefold()
    s = s.translate(_MARKS)
    for cluster, key in _CLUSTERS:
        if cluster in s:
            s = s.replace(cluster, key)
    if "y" in s or "i" in s or "j" in s:
        s = _IOTATED.sub(_iota, _IY.sub("i", s))
        s = _ENDING.sub("I", s)
        s = s.replace("y", "i").replace("j", "i")
    if s.endswith(("ff", "ov")):
        s = _HUSHED_O.sub("ev", _OFF.sub(r"\1v", s))
    return _DOUBLE.sub(r"\1", s)


def first_sound(word: str) -> str:
    """The class of a word's first letter that its skeleton can start with (a cheap pre-filter)."""
    return _first_sound(word[:2])  # (asked for every capitalised word: the answer is cached)


@lru_cache(maxsize=None)
def _first_sound(word: str) -> str:
    """``first_sound`` of the word's first two characters, all it depends on."""
    c = word[:1].casefold()
    if not c.isascii():
        return "?"
    if c in "aeiouyj":
        return "V"
    nxt = word[1:2].casefold()
    if nxt == "h" and c in "kp":
        return "h" if c == "k" else "f"
    return {"w": "v", "x": "k", "f": "f"}.get(c, c)


def _iota(m: re.Match[str]) -> str:
    vowel = m.group(1) or m.group(2) or m.group(3)
    return _IOTA_MAP[vowel]
