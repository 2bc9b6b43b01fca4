"""Name mentions in one article: who is named, how, and where.

One regex pass over the prose view finds runs of capitalised words ("General Mark Milley",
"Milley’s", "Defense Lloyd Austin"). Leading titles and sentence words are dropped; what is
left is a *full* mention when a known given name stands before the last word (the surname), a
*bare* mention when one word is left. Runs of several words without a given name (product,
place and organisation names: "Bitcoin Core", "Dolmabahce Palace") are not people and are
skipped, which is most of what keeps the name rules quiet on technical prose.

Two levels, for speed: ``survey`` counts the distinct runs (one C-level ``findall``; a run's
parse is cached across documents), which is all most articles ever need; ``extract`` gives
every mention with its offsets and zone, and runs only when a rule has something to look at.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from . import data
from ..patterns import lazy

if TYPE_CHECKING:
    from ..document import Document

_UP, _LOW = data.UPPER, data.LOWER
# Possessive repeats where taking characters back can never give a match.
_HOLD = "+"


def _token(hold: str = "") -> str:
    """A capitalised word; ``hold`` = "+" makes its repeats possessive."""
    # Mc/Mac/De/Di names and O’Brien keep their inner capital: McDonald, DeSantis, O’Neill.
    return rf"[{_UP}](?:[’'][{_UP}])?{hold}[{_LOW}]+{hold}(?:[{_UP}][{_LOW}]+{hold})?{hold}(?:-[{_UP}][{_LOW}]+{hold})*{hold}"


def _gap(hold: str = "") -> str:
    """A space, or a line break (and a list item's masked indent)."""
    return rf"(?:[ \u00a0]|\n[ \t\ue000]*{hold})"


_TOKEN, _GAP = _token(), _gap()
# The run: tokens joined by gaps, with particles and initials between them. Its repeats hold
# (possessive): what follows a token, a gap or a loop of them always matches (it is optional,
# or a token, whose capital no gap, particle or initial can start), so giving characters back
# never finds another match, and without the backtracking records every article's scan is
# ~20 % faster. (Not so in _ABBREVIATED below, whose token is followed by a lookahead.)
_SEQ = re.compile(rf"{_token(_HOLD)}(?:{_gap(_HOLD)}(?:(?:{data.particle_pattern()}|[{_UP}]\.){_gap(_HOLD)})*{_HOLD}"
                  rf"{_token(_HOLD)})*{_HOLD}(?:[’']s(?![{_LOW}]))?{_HOLD}")
# "Dr. Phil", "Gen. Milley": the full stop ends the run, so abbreviated titles are looked for
# apart, and only in articles that have one (a second pattern over every article costs too much).
_ABBREVIATIONS = frozenset("Dr Mr Mrs Ms Mx Prof Gen Sen Rep Gov Lt Col Capt Maj Sgt Cpl Pvt Adm Cmdr Brig Rev Fr".split())
# (no \b in front: it makes the scan ten times slower; "XDr. Smith" is not worth it)
_ABBREVIATED = lazy(rf"(?:{'|'.join(sorted(_ABBREVIATIONS))})\.{_GAP}({_TOKEN})(?![{_LOW}]|{_GAP}[{_UP}])")
_ABBREVIATION_BEFORE = lazy(rf"\b(?:{'|'.join(sorted(_ABBREVIATIONS))})\.{_GAP}$")
_WORD = lazy(r"[^\s\ue000]+")
_GLUE = lazy(r"[\w’'\-]")  # a character that glues a match to the word around it
_PATRONYMIC = lazy(r"(?:ovich|evich|ovych|evych|ovna|evna|ivna|yivna)$")
_INITIAL = lazy(rf"[{_UP}]\.$")


def _initial(word: str) -> bool:
    """Is the word an initial ("J.")? (The full stop asked first: most words have none.)"""
    return "." in word and _INITIAL().match(word) is not None


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one run of capitalised words names; offsets are relative to the run."""

    surname: str
    start: int
    end: int
    given: str = ""
    given_start: int = -1
    given_end: int = -1
    titled: bool = False


@lru_cache(maxsize=131072)
def parse(run: str) -> Parsed | None:
    """The person a run of capitalised words names, or None (no name, or not a person)."""
    spans = [(w.start(), w.end()) for w in _WORD().finditer(run)]
    words = [run[s:e] for s, e in spans]
    last = words[-1]
    if last.endswith(("’s", "'s")) and len(last) > 3:
        words[-1] = last[:-2]
        spans[-1] = (spans[-1][0], spans[-1][1] - 2)
    picked = _pick(words)
    if picked is None:
        return None
    surname, given, titled = picked
    (ss, se), name = spans[surname], words[surname]
    if given < 0:
        return Parsed(name, ss, se, titled=titled)
    gs, ge = spans[given]
    return Parsed(name, ss, se, words[given], gs, ge, titled)


def read(run: str) -> tuple[str, str, bool] | None:
    """``parse`` without the offsets: (surname, given name or "", titled), or None."""
    return _read_run(run)[0]


@lru_cache(maxsize=131072)
def _read_run(run: str) -> tuple[tuple[str, str, bool] | None, tuple[str, str, bool] | None]:
    """(``read(run)``, ``unknown_pair(run)`` when ``read`` finds no person, else None): what the
    survey asks of every run of several words of every article, in one cached call that splits
    the run once.

    Most runs are cut short: a run whose first and last words are name words (no title,
    sentence word, particle or initial) has at least two names, and without a given name among
    its words it names no person ("Bitcoin Core", "United States") -- which ``_pick`` would say
    after a longer walk. ``_pair``'s names then start at its first word, untitled, and none is a
    given name or anything but a name word: it is a pair when it is two plain words.
    """
    words = _run_words(run)
    if len(words) > 1 and data.given_names().isdisjoint(words) and _name_word(words[0]) and _name_word(words[-1]):
        if len(words) == 2 and _PLAIN.fullmatch(words[0]) and _PLAIN.fullmatch(words[1]):
            return None, (words[0], words[1], False)
        return None, None
    picked = _pick(words)
    if picked is None:
        return None, _pair(words)
    surname, given, titled = picked
    return (words[surname], (words[given] if given >= 0 else ""), titled), None


def _parse_pair(run: str) -> Parsed:
    """``parse`` for a run that the article's evidence reads as a person (see ``unknown_pair``)."""
    given, surname, titled = unknown_pair(run)  # type: ignore[misc]
    spans = [(w.start(), w.end()) for w in _WORD().finditer(run)]
    (gs, ge), (ss, _) = spans[-2], spans[-1]
    return Parsed(surname, ss, ss + len(surname), given, gs, ge, titled)


def _name_word(word: str) -> bool:
    """Would ``_pick`` keep this word as a name, wherever it stands?"""
    titles, stopwords, particles = data.words()
    bare = word.rstrip(".")
    return (bare not in titles and bare not in stopwords and word not in particles
            and not _initial(word))


def _lead(words: list[str]) -> tuple[int, bool]:
    """Where a run's names start after its leading titles, sentence words, particles and
    initials, and whether a title stood right before them."""
    titles, stopwords, particles = data.words()
    titled = False
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        bare = word.rstrip(".")
        if bare in titles:
            titled = True
        elif bare in stopwords or word in particles or _initial(word):
            titled = False
        else:
            break
        i += 1
    return i, titled


def _pick(words: list[str]) -> tuple[int, int, bool] | None:
    """Which of a run's words name a person: (surname index, given-name index or -1, titled).

    ``words`` are the run's words, the last without its possessive. Leading titles, sentence
    words, particles and initials are dropped (a title marks the name as titled); of the rest,
    particles and initials are no names. One name is a bare mention; several are a person only
    when a known given name stands right before the surname (or one further, a middle name).
    """
    _, _, particles = data.words()
    i, titled = _lead(words)
    n = len(words)
    names = [j for j in range(i, n) if words[j] not in particles and not _initial(words[j])]
    if not names:
        return None
    if len(names) == 1:
        return names[0], -1, titled
    given_names = data.given_names()
    # (a given name two words before the surname is the given name, the word between a middle
    # name or the first of two surnames: José Martín Martínez is José, as Gabriel García Márquez
    # is Gabriel; not Martín, which a lone "Martín" later would be taken to call him by)
    for j in names[-3:-1]:
        given = words[j]
        if given in given_names and not _PATRONYMIC().search(given):
            return names[-1], j, titled
    return None


@dataclass
class Survey:
    """Counts of what an article names, without positions: enough to decide whether to look closer."""

    full: dict[str, dict[str, int]] = field(default_factory=dict)  # surname → given name → count
    bare: Counter[str] = field(default_factory=Counter)  # lone word → count
    titled: set[str] = field(default_factory=set)  # lone words written after a title
    words: frozenset[str] = frozenset()  # every capitalised word, in a name or not
    inferred: set[str] = field(default_factory=set)  # runs read as a person by the article's evidence

    @property
    def surnames(self) -> set[str]:
        """Words used as a person's surname: after a given name or a title."""
        return set(self.full) | self.titled


def survey(doc: "Document") -> Survey:
    """Count the article's name runs (memoised per document)."""
    return doc.memo("names.survey", lambda: _survey(names_text(doc)))


# In the front matter, a line break with masked characters after it (the next key) before a capital.
# (Its repeats hold: a blank or a masked character given back is followed by a blank or a masked
# character, never the masked character or the capital that has to follow; without the
# backtracking, the many masked lines of a front matter are passed twice as fast.)
_MASKED_BREAK = re.compile(rf"\n[ \t]*+\ue000[ \t\ue000]*+(?=[{_UP}])")


def names_text(doc: "Document") -> str:
    """The prose view with a mask for each line break that no name runs across (memoised).

    A run may continue on the next line of its paragraph, but not into the next front-matter
    field ("title: Talks" / "description: Abas says…" are no name "Talks Abas") nor the next
    list item ("- Joe Biden" / "- Kamala Harris"): there the masked characters after the break
    are a key or a marker, not the indentation (blanks) of a paragraph's next line.
    """
    def build() -> str:
        text = doc.prose_text
        source, body = doc.text, doc.body_start
        barriers = [m.start() for m in _MASKED_BREAK.finditer(text, 0, body)
                    if not source[m.start() + 1:m.end()].isspace()]
        barriers.extend(doc.prose_index.items)  # (the parse knows where list items start)
        if not barriers:
            return text
        barriers.sort()
        parts, at = [], 0
        for b in barriers:
            if b < at:
                continue  # one line break for two list items ("- - item" opens two on one line)
            parts += (text[at:b], "\ue000")
            at = b + 1
        parts.append(text[at:])
        return "".join(parts)

    return doc.memo("names.text", build)


def _survey(text: str) -> Survey:
    out = Survey()
    runs = Counter(_SEQ.findall(text))
    joined = " ".join(runs)
    words = set(joined.split())
    possessives = [w for w in words if w.endswith(("’s", "'s"))] if "’s" in joined or "'s" in joined else []
    out.words = frozenset(words.union([w[:-2] for w in possessives]))
    if not _ABBREVIATIONS.isdisjoint(runs):
        out.titled.update(_ABBREVIATED().findall(text))
    titles, stopwords, particles = data.words()
    keys = runs.keys() - stopwords - titles  # a set difference in C drops most sentence starts
    # The runs of one word (most runs) are the keys that are words of the split: a run of
    # several words has a gap (a space, a no-break space or a line break) in it, and a run of
    # one word has no white space at all (its characters are letters, ’ ' - and a full stop).
    # Each is a bare mention, its possessive dropped, unless a title, a sentence word or a
    # particle -- parse's answer, in set operations instead of a call per run (a word has no
    # full stop, so it is never an initial).
    singles = keys & words
    owned = singles.intersection(possessives)  # (a possessive is more than three characters: "Ab’s")
    bare: dict[str, int] = {w: runs[w] for w in singles - owned - particles}  # (a plain dict: Counter's += costs a call)
    get = bare.get
    for run in owned:
        word = run[:-2]
        if word not in titles and word not in stopwords and word not in particles:
            bare[word] = get(word, 0) + runs[run]
    unknown: list[tuple[str, tuple[str, str, bool]]] = []  # runs of two names, no known given name
    full, titled = out.full, out.titled
    for run in keys - singles:
        person, pair = _read_run(run)
        if person is None:
            if pair is not None:
                unknown.append((run, pair))
            continue
        surname, given, is_titled = person
        if given:
            givens = full.setdefault(surname, {})
            givens[given] = givens.get(given, 0) + runs[run]
        else:
            bare[surname] = get(surname, 0) + runs[run]
            if is_titled:
                titled.add(surname)
    if unknown:
        _infer(out, unknown, runs, bare)
    out.bare = Counter(bare)
    return out


_PLAIN = re.compile(rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?")  # Starmer, Abu-Bakr; not GitHub, McDonald


@lru_cache(maxsize=65536)
def unknown_pair(run: str) -> tuple[str, str, bool] | None:
    """(given, surname, titled) when a run's names are two plain capitalised words and the first
    is no known given name (Keir Starmer, Prime Minister Rustem Umerov); else None."""
    return _pair(_run_words(run))


def _run_words(run: str) -> list[str]:
    """A run's words (``_WORD``'s), the last without its possessive."""
    words = (run.replace("\ue000", " ") if "\ue000" in run else run).split()
    if words[-1].endswith(("’s", "'s")) and len(words[-1]) > 3:
        words[-1] = words[-1][:-2]
    return words


def _pair(words: list[str]) -> tuple[str, str, bool] | None:
    """``unknown_pair`` of a run's words (``_run_words``)."""
    i, titled = _lead(words)
    if len(words) - i != 2:
        return None
    given, surname = words[i], words[i + 1]
    if given in data.given_names() or not all(_PLAIN.fullmatch(w) and _name_word(w) for w in (given, surname)):
        return None
    return given, surname, titled


def _infer(out: Survey, unknown: list[tuple[str, tuple[str, str, bool]]], runs: Counter[str],
           bare: dict[str, int]) -> None:
    """Two capitalised words are a person when the article goes on to use the second alone and
    never the first (Keir Starmer … Starmer said): the news pattern of a first and a later
    reference, for given names no list holds. When the second word is never used alone but a
    near miss of it is, the full-name mention may be the slip (Keir Starmar … Starmer said … Starmer)
    and it counts too. No word of these may be an English word (White House … the House; Bitcoin
    Core … Core)."""
    from ..resources import english_words

    english = english_words()
    by_letter: dict[str, list[str]] | None = None
    for run, (given, surname, titled) in unknown:
        if given in bare or len(surname) < 4 or given.casefold() in english or surname.casefold() in english:
            continue
        if surname not in bare:
            if len(surname) < 5:
                continue
            from .variants import _close  # (variants builds on this module)

            if by_letter is None:
                by_letter = {}
                for w in bare:
                    by_letter.setdefault(w[:1], []).append(w)
            n = len(surname)
            near = [w for w in by_letter.get(surname[:1], ()) if -2 <= len(w) - n <= 2 and _close(surname, w)]
            if not near or any(w.casefold() in english for w in near):
                continue
        givens = out.full.setdefault(surname, {})
        givens[given] = givens.get(given, 0) + runs[run]
        out.inferred.add(run)


@dataclass(frozen=True, slots=True)
class Mention:
    """One naming of a person (or a candidate surname) in the article.

    ``start``/``end`` span the surname (or the lone word), possessive excluded; ``given`` and
    ``given_start``/``given_end`` the given name of a full mention; ``zone`` is "body" or the
    front-matter field ("description"); ``titled`` says a title stood right before it.
    """

    start: int
    end: int
    form: str
    zone: str
    given: str = ""
    given_start: int = -1
    given_end: int = -1
    titled: bool = False

    @property
    def full(self) -> bool:
        return bool(self.given)


def extract(doc: "Document") -> list[Mention]:
    """Every full and bare name mention of the document, in order (memoised per document)."""
    return doc.memo("names.mentions", lambda: _extract(doc))


def _extract(doc: "Document") -> list[Mention]:
    text = names_text(doc)
    zones = doc.field_spans()
    out: list[Mention] = []
    n = len(text)
    sv = survey(doc)
    abbreviated = not _ABBREVIATIONS.isdisjoint(sv.words)
    inferred = sv.inferred
    for m in _SEQ.finditer(text):
        s, e = m.start(), m.end()
        p = parse(m.group(0))
        if p is None:
            if m.group(0) not in inferred:
                continue
            p = _parse_pair(m.group(0))
        if (s and _GLUE().match(text, s - 1) and text[s - 2:s] != "--") or \
                (e < n and _GLUE().match(text, e) and text[e] not in "’'-"):
            continue  # part of a longer word: iPhone, 3Com, anti-Trump (not after a dash typed as ---: protocol---Matt)
        zone = "body"
        if s < doc.body_start:
            zone = next((key for zs, ze, key in zones if zs <= s < ze), "body")
        titled = p.titled or (abbreviated and _ABBREVIATION_BEFORE().search(text, max(0, s - 8), s) is not None)
        if p.given:
            out.append(Mention(s + p.start, s + p.end, p.surname, zone, p.given, s + p.given_start,
                               s + p.given_end, titled))
        else:
            out.append(Mention(s + p.start, s + p.end, p.surname, zone, titled=titled))
    return out
