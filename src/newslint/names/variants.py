"""Spelling variants of one person's name inside one article (rules NL151 and NL152).

Surnames are grouped when their transliteration skeletons are equal (Milli/Milley,
Podolyak/Podoliak) or, with evidence that one person is meant, when the skeletons are one edit
apart (two at nine letters or more): the same or an equivalent given name on both, a bare
surname after a full-name mention of the other, or the two spellings in different zones (the
description against the body: the translation seam). Nothing is reported for a feminine and a
masculine form (Zelenska/Zelensky, Peskova/Peskov), a patronymic, a deliberate gloss
("Kyiv (Kiev)"), two spellings with different given names (two people), spellings that differ
only in capitals, or a spelling in the ``allow`` list. The wanted form is the dictionary's, else
the most frequent when it is used more often than the first full-name mention's in the body,
else, on a tie, what ``_tie_break`` finds (links and metadata, the Census list), else the first
full-name mention's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from . import data
from ..patterns import lazy
from .dictionary import Dictionary, Match, is_gloss
from .mentions import Mention, extract, survey
from .skeleton import first_sound, skeleton

if TYPE_CHECKING:
    from ..document import Document

_MASC = lazy(r"(?:ov|ev|yov|in|yn|sky|skiy|skyy|skyi|skii|skij|ski|tsky|tskiy|ny|nyi|nyy|niy|iy|yi|oy|y)$")
_FEM = lazy(r"(?:ova|eva|yova|ina|yna|ska|skaya|skaia|skaja|tska|tskaya|na|naya|naia|aya|aia|a)$")
_PATRONYMIC = lazy(r"(?:ovich|evich|ovych|evych|ovna|evna|ivna|yivna|ich|ych)$")
MIN_LENGTH = 4  # shorter words are too often different words (Lee/Li, Kim/Kym)
NEAR_MIN_LENGTH = 5


@dataclass(frozen=True)
class Occurrence:
    """One spelling to report: where, what is written, what is wanted, and why."""

    start: int
    end: int
    found: str
    wanted: str  # "" when it is not known (a tie): no fix
    message: str
    safe: bool


def gendered(a: str, b: str) -> bool:
    """Masculine and feminine forms of one surname (Zelensky/Zelenska, Peskov/Peskova)?"""
    for m, f in ((a, b), (b, a)):
        mm, ff = _MASC().search(m), _FEM().search(f)
        if mm and ff and skeleton(m[:mm.start()] or m) == skeleton(f[:ff.start()] or f):
            return True
    return False


def patronymic_of(a: str, b: str) -> bool:
    """Is one word the other with a patronymic ending (Ivanov/Ivanovich)?"""
    for x, y in ((a, b), (b, a)):
        p = _PATRONYMIC().search(x)
        if p and skeleton(x[:p.start()]) in (skeleton(y), skeleton(y)[:-1]):
            return True
    return False


def given_key(given: str) -> str:
    """An equivalence key for given names: the Ukrainian/Russian table, else the skeleton."""
    group = data.uk_ru_groups().get(given)
    return f"#{group}" if group is not None else skeleton(given)


def _close(a: str, b: str) -> bool:
    """Skeletons one edit apart (two from nine letters; a swap of neighbours is one), same first
    letter, similar surfaces."""
    if a[0].casefold() != b[0].casefold() or min(len(a), len(b)) < NEAR_MIN_LENGTH or abs(len(a) - len(b)) > 3:
        return False
    from rapidfuzz.distance import OSA, JaroWinkler

    ka, kb = skeleton(a), skeleton(b)
    if abs(len(ka) - len(kb)) > 2:
        return False
    limit = 2 if min(len(ka), len(kb)) >= 9 else 1
    # (two neighbouring letters swapped count as one edit, the commonest typing slip: Horton/Hroton;
    # and a letter typed into a cluster the skeleton folds is one edit of the spelling, though two of
    # the skeletons: Schmidt/Stchmidt, Smidt/sCmidt)
    fa, fb = a.casefold(), b.casefold()
    return ((OSA.distance(ka, kb, score_cutoff=limit) <= limit or OSA.distance(fa, fb, score_cutoff=1) <= 1)
            and JaroWinkler.similarity(fa, fb) >= 0.9)


# (e, en, in, innen: German nouns are capitalised, and their plurals and feminines are not a
# name spelt two ways: Unterschrift/Unterschriften, Organisation/Organisationen, Analystin)
_DERIVED = lazy(r"(?:s|es|'s|’s|y|ie|ey|o|an|ean|ian|n|ese|ist|ists|ism|ite|ites|ic|ish|er|ers|ing"
                      r"|e|en|in|innen)$")


def same_form(a: str, b: str) -> bool:
    """Spellings that differ only in capitals or in the apostrophe used (O’Connor/O'Connor)."""
    return a.replace("’", "'").casefold() == b.replace("’", "'").casefold()


def derived(a: str, b: str) -> bool:
    """Is one word the other plus a suffix (Shakespeare/Shakespearean, Sanders, Schmidty)?"""
    short, long_ = sorted((a, b), key=len)
    suffix = long_[len(short):]
    if suffix == short[-1:]:
        return False  # Tress/Tres, Moss/Mos: the last letter doubled or typed once, one name
    return long_.startswith(short) and _DERIVED().fullmatch(suffix) is not None


def _marked(word: str) -> Counter[str]:
    """The letters of a word that carry a diacritic (í, ñ, ö), as typed."""
    return Counter(c for c in word if not c.isascii() and unicodedata.decomposition(c)[:1] not in ("", "<"))


def strips_marks(found: str, wanted: str) -> bool:
    """Would writing ``wanted`` for ``found`` drop a diacritic the writer typed (Díaz → Diaz)?

    A letter with a diacritic is seldom typed by mistake, while an ASCII spelling is what a
    keyboard, a CMS or a copy from another site leaves: the marked spelling is the better bet.
    """
    return not found.isascii() and bool(_marked(found) - _marked(wanted))


def keep_marks(wanted: str, forms: Iterable[str]) -> str:
    """``wanted``, or the spelling among ``forms`` that differs from it only by diacritics it
    lacks (Manzano-Diaz ×2 against Manzano-Díaz ×1: keep the accent the writer typed)."""
    richer = [f for f in forms if f != wanted and strips_marks(f, wanted) and skeleton(f) == skeleton(wanted)
              and not strips_marks(wanted, f)]
    return max(richer, key=lambda f: (sum(_marked(f).values()), f)) if richer else wanted


# Languages that decline nouns, names among them: one name's case forms differ in the ending
_DECLINING = frozenset("be bs cs hr lt lv pl ru sk sl sr uk".split())
_UMLAUTS = str.maketrans("äöüÄÖÜ", "aouAOU")


def inflected(a: str, b: str, language: str) -> bool:
    """Are two spellings forms of one word in the article's language, not a name spelt two ways?

    A language that declines nouns declines names: their case forms share the stem and differ in
    the last letters (Czech Česko, České, Českou; Pavlíková, Pavlíkovou; Polish Kowalski,
    Kowalskiego). German capitalises every noun, and a noun and one derived from it or its plural
    take an umlaut with an ending (Klage and Kläger, Stadt and Städte), which no slip in a name
    does (Müller and Muller are one name, one length)."""
    if language in _DECLINING:
        n = 0
        for x, y in zip(a.casefold(), b.casefold()):
            if x != y:
                break
            n += 1
        return n >= 3 and min(len(a), len(b)) - n <= 2 and max(len(a), len(b)) - n <= 4
    if language == "de" and len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        plain_short, plain_long = short.translate(_UMLAUTS), long_.translate(_UMLAUTS)
        return ((plain_short != short) != (plain_long != long_)) and plain_long.startswith(plain_short) \
            and len(long_) - len(short) <= 3
    return False


def _ignorable(a: str, b: str, allow: frozenset[str]) -> bool:
    return same_form(a, b) or a in allow or b in allow or gendered(a, b) or patronymic_of(a, b)


def candidate_groups(doc: "Document", allow: frozenset[str]) -> list[set[str]]:
    """Sets of surname spellings worth a closer look, from counts alone (no positions yet)."""
    sv = survey(doc)
    titles, stopwords, _ = data.words()
    persons = {p for p in sv.surnames if len(p) >= MIN_LENGTH}
    # (and a three-letter surname that is a doubled letter short of a bare word: Eric Mil … Mill
    # said, the full-name mention being the slip)
    persons |= {p for p in sv.surnames if len(p) == MIN_LENGTH - 1
                and any(u in sv.bare and u not in stopwords and u not in titles
                        for u in (p[:i + 1] + p[i:] for i in range(len(p))))}
    short = _short_pairs(sv.full, allow)
    if not persons:
        return [g for g in short if not any(_is_word(doc.prose_text, w) for w in g)]
    sounds = {first_sound(p) for p in persons}
    words = {w for w in sv.bare if len(w) >= MIN_LENGTH and w not in stopwords and w not in titles
             and (first_sound(w) in sounds or not w[0].isascii())} | persons
    # A shorter word is a variant only as a surname with its doubled letter typed once (Foss, Fos):
    # three-letter words are otherwise too often other names (Lee/Li, Kim/Kym)
    words |= {u for p in persons if len(p) == MIN_LENGTH for i in range(len(p) - 1) if p[i] == p[i + 1]
              for u in [p[:i] + p[i + 1:]] if u in sv.bare and u not in stopwords and u not in titles}
    by_key: dict[str, set[str]] = defaultdict(set)
    by_letter: dict[str, list[str]] = defaultdict(list)
    for w in words:
        by_key[skeleton(w)].add(w)
        by_letter[w[0].casefold()].append(w)
    groups: list[set[str]] = []
    seen: set[str] = set()
    language = doc.language
    for p in sorted(persons):
        group = {w for w in by_key[skeleton(p)]
                 if w == p or not (_ignorable(p, w, allow) or inflected(p, w, language))}
        if len(p) >= NEAR_MIN_LENGTH:  # (_close turns down shorter words, and lengths 4 apart)
            n = len(p)
            group |= {w for w in by_letter[p[0].casefold()]
                      if w not in group and len(w) >= NEAR_MIN_LENGTH and -3 <= len(w) - n <= 3
                      and _close(p, w) and not _ignorable(p, w, allow)
                      and not (derived(p, w) and not (language == "en" and _final_e(p, w)))
                      and not inflected(p, w, language)}
        if len(p) == NEAR_MIN_LENGTH:  # (Michael Brown … Brwn said: a letter dropped leaves four,
            # which the near test turns down; a bare word that is no real word, no given name and
            # no Census surname, after the full name: _same_person asks for the order)
            group |= {w for w in by_letter[p[0].casefold()]
                      if len(w) == MIN_LENGTH and w in sv.bare and _letter_dropped(w, p) and not _real_word(w)
                      and not _ignorable(p, w, allow)}
        if len(group) > 1 and not group <= seen:
            group = {w for w in group if not _is_word(doc.prose_text, w)}
            if len(group) > 1:
                groups.append(group)
            seen |= group
    groups += [g for g in short if not g <= seen and not any(_is_word(doc.prose_text, w) for w in g)]
    return groups


def _short_pairs(full: dict[str, dict[str, int]], allow: frozenset[str]) -> list[set[str]]:
    """Pairs of short surnames (four letters or fewer) written after one given name, alike but for
    a letter typed twice or once or two letters swapped: Sarah Lee … Sarah Le, Mark Kahn … Mark
    Khan. A short word alone is too often another name (Lee and Li, Chen and Cheng are other
    people, and a letter added or changed is not read), so both need the same given name."""
    short = [a for a in full if len(a) < NEAR_MIN_LENGTH]
    out: list[set[str]] = []
    for a in short:
        keys = {given_key(g) for g in full[a]}
        for b in full:
            if b == a or (len(b) < NEAR_MIN_LENGTH and b < a) or len(b) > NEAR_MIN_LENGTH:
                continue
            if a[0].casefold() != b[0].casefold() or _ignorable(a, b, allow) or keys.isdisjoint(
                    given_key(g) for g in full[b]):
                continue
            if skeleton(a) == skeleton(b) or swapped(a, b) or (
                    _letter_dropped(a, b) and not (data.known_surname(a) and data.known_surname(b))):
                out.append({a, b})  # (Dan Gould … Dan Guld: a letter dropped, the short form no
                # known surname; David Chen and David Cheng are two real names, two people)
    return out


def swapped(a: str, b: str) -> bool:
    """Is one word the other with two neighbouring letters swapped (Kahn/Khan)? One edit when a
    swap counts as one (OSA), two letters differing in place (not one letter changed)."""
    from rapidfuzz.distance import OSA, Hamming

    return len(a) == len(b) and Hamming.distance(a, b) == 2 and OSA.distance(a, b) == 1


def _is_word(text: str, form: str) -> bool:
    """Is the form also written in lower case in the article? (Responsive, Rose): a word, not a name.

    Link labels do not count: "[orlovsky p2c]" names a reference, not a word of prose; nor does
    a domain's or a file's ending (an address ending in ".mil" leaves Mil beside Mill a name).
    """
    lower = form.lower()
    if lower == form:
        return False
    # The occurrences of ``(?<![\w’'-])lower(?![\w’'-])`` as re.finditer finds them, by str.find:
    # a regex per form was compiled anew on every call (each form is a new pattern), and its
    # leading lookbehind made the engine try every position of the text. After a whole-word
    # occurrence the search goes on after it, after a glued one at the next character, as the
    # regex engine does. (\w is str.isalnum() or "_", the regex class for str patterns.)
    k, n = len(lower), len(text)
    s = text.find(lower)
    while s >= 0:
        e = s + k
        before, after = text[s - 1] if s else " ", text[e] if e < n else " "
        # (after a full stop with no space: a domain or a file's extension, ".mil", ".gov": no word)
        if before.isalnum() or before in "_’'-." or after.isalnum() or after in "_’'-":
            s = text.find(lower, s + 1)
            continue
        line_start = text.rfind("\n", 0, s) + 1
        opened = text.rfind("[", line_start, s)
        if opened < 0 or text.rfind("]", line_start, s) > opened:
            return True
        s = text.find(lower, e)
    return False


def _given_conflicts(sv_full: dict[str, Counter[str]], forms: Iterable[str]) -> bool:
    keys: dict[str, set[str]] = defaultdict(set)
    for f in forms:
        for g in sv_full.get(f, ()):
            keys[given_key(g)].add(g)
    return any(len({g.replace("’", "'").casefold() for g in gs}) > 1 for gs in keys.values())


def analyse(doc: "Document", names: Dictionary, allow: frozenset[str]) -> list[Occurrence]:
    """Every surname and given-name spelling that disagrees with the article's own (memoised)."""
    return doc.memo(f"names.variants:{id(names)}:{sorted(allow)}", lambda: _analyse(doc, names, allow))


def _analyse(doc: "Document", names: Dictionary, allow: frozenset[str]) -> list[Occurrence]:
    names = names.for_language(doc.language)
    sv = survey(doc)
    groups = candidate_groups(doc, allow)
    # (one given name with a surname cannot conflict with itself: most surnames have one)
    single = [{p} for p, givens in sv.full.items() if len(givens) > 1 and _given_conflicts(sv.full, (p,))]
    misses = _house_misses(sv.full, names, allow)
    if not groups and not single and not misses:
        return []
    mentions = extract(doc)
    covered = dictionary_spans(doc, names)
    out: list[Occurrence] = []
    for group in groups:
        out.extend(_surname_variants(doc, group, mentions, names, allow, covered))
    for group in groups + [s for s in single if not any(s <= g for g in groups)]:
        out.extend(_given_variants(doc, group, mentions, names, allow, covered))
    reported = {o.found for o in out}
    for form, entry in misses:
        ms = [m for m in mentions if m.form == form and not _inside(covered, m.start, m.end)]
        if form in reported or not ms:
            continue
        message = (f"“{form}” ×{len(ms)} ({_places(ms, doc)}) is close to the house spelling "
                   f"“{entry.canonical}”; use “{entry.surname}”")
        out.extend(Occurrence(m.start, m.end, form, entry.surname, message, False) for m in ms)
    out.sort(key=lambda o: o.start)
    return out


_HOUSE: dict[int, tuple[Dictionary, dict[str, list]]] = {}


def _house_people(names: Dictionary) -> dict[str, list]:
    """The dictionary's people by given-name key (cached per dictionary)."""
    hit = _HOUSE.get(id(names))
    if hit is None or hit[0] is not names:
        from .dictionary import iter_entries

        index: dict[str, list] = {}
        for e in iter_entries(names):
            if e.is_person and len(e.surname) >= NEAR_MIN_LENGTH:
                index.setdefault(given_key(e.given), []).append(e)
        hit = _HOUSE[id(names)] = (names, index)
    return hit[1]


def _house_misses(full: dict[str, dict[str, int]], names: Dictionary, allow: frozenset[str]) -> list:
    """(surname, entry) for full-name mentions that give a house person's given name with a
    surname one letter off the house one ("Valery Gerasimoff", "Dmitry Peskoff"): the same person
    misspelt, even when the article names them once."""
    index = _house_people(names) if names else {}
    if not index:
        return []
    out = []
    for surname, givens in full.items():
        if len(surname) < NEAR_MIN_LENGTH or surname in allow or names.is_variant(surname):
            continue
        for g in givens:
            for e in index.get(given_key(g), ()):
                house = e.surname
                if surname in e.forms() or same_form(surname, house) or derived(surname, house):
                    continue
                if (skeleton(surname) == skeleton(house) or _close(surname, house)) and not _ignorable(surname, house, allow):
                    out.append((surname, e))
                    break
    return out


def dictionary_spans(doc: "Document", names: Dictionary) -> list[Match]:
    """Where name-spelling reports a variant (memoised): the other name rules leave those alone."""
    return dictionary_search(doc, names)[0]


def dictionary_search(doc: "Document", names: Dictionary) -> tuple[list[Match], list[str]]:
    """The dictionary's variants in the prose, and the regex variants that ran out of time."""
    names = names.for_language(doc.language)

    def find() -> tuple[list[Match], list[str]]:
        errors: list[str] = []
        if not names or not names.might_match(survey(doc).words):
            return [], errors
        return names.find(doc.prose_text, errors=errors), errors
    return doc.memo(f"names.dictionary:{id(names)}", find)


def _inside(spans: list[Match], start: int, end: int) -> bool:
    return any(m.start <= start and end <= m.end for m in spans)


def _places(ms: list[Mention], doc: "Document") -> str:
    zones = Counter(m.zone for m in ms)
    lines = sorted({doc.position(m.start)[0] for m in ms})
    shown = ", ".join(map(str, lines[:4])) + (", …" if len(lines) > 4 else "")
    where = ", ".join(z for z in zones if z != "body")
    if "body" in zones:
        where = (where + ", " if where else "") + "body"
    return f"{where}, line{'s' if len(lines) > 1 else ''} {shown}"


def _surname_variants(doc: "Document", group: set[str], mentions: list[Mention], names: Dictionary,
                      allow: frozenset[str], covered: list[Match]) -> list[Occurrence]:
    by_form: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.form in group:
            by_form[m.form].append(m)
    forms = [f for f in by_form if any(not _inside(covered, m.start, m.end) for m in by_form[f])]
    if len(forms) < 2:
        return []
    entry = next((names.entry_for_surname(f) for f in forms if names.entry_for_surname(f)), None)
    body_full = [m for m in mentions if m.form in by_form and m.full and m.zone == "body"]
    why, shown_too = "", False
    if entry is not None and skeleton(entry.surname) in {skeleton(f) for f in forms}:
        wanted, backed = entry.surname, True
    else:
        counts = Counter({f: len(by_form[f]) for f in forms})
        first_full = body_full[0].form if body_full else None
        most = max(counts.values())
        tied_top = [f for f in forms if counts[f] == most]
        if len(tied_top) > 1:
            wanted, why, shown_too = _tie_break(doc, tied_top, first_full, lambda f: by_form[f][0].start)
        else:
            wanted = _preferred(counts, first_full, lambda f: by_form[f][0].start)
        backed = False
        marked = keep_marks(wanted, forms)
        if marked != wanted:
            wanted, why, shown_too = marked, "", False
    out = []
    tied = [f for f in forms if not backed and f != wanted and len(by_form[f]) == len(by_form.get(wanted, ()))
            and not strips_marks(wanted, f)]
    # A tie (as often one way as another) gets one message naming every spelling and why one
    # is kept; when only the order of the mentions breaks it, the kept spelling is as likely the
    # slip, so its places carry the message too (without a fix).
    tie_message = ""
    if tied:
        listed = ", ".join(f"“{f}” ×{len(by_form[f])} ({_places(by_form[f], doc)})" for f in [wanted] + tied)
        tie_message = f"{listed}: one name spelt two ways, as often each way; use “{wanted}” ({why})"
    for form in forms:
        if same_form(form, wanted) or form in allow or names.is_variant(form) or _ignorable(form, wanted, allow):
            continue
        if wanted in by_form and not _same_person(form, wanted, by_form, mentions):
            if form in tied:
                tied.remove(form)
            continue
        ms = [m for m in by_form[form] if not _inside(covered, m.start, m.end)
              and not is_gloss(doc.prose_text, m.start, m.end, tuple(group - {form}) + (wanted,))]
        if not ms:
            continue
        theirs = by_form.get(wanted, [])
        message = tie_message if form in tied else (
            f"“{form}” ×{len(by_form[form])} ({_places(by_form[form], doc)}) vs “{wanted}”"
            + (f" ×{len(theirs)} ({_places(theirs, doc)})" if theirs else " (house dictionary)")
            + f": one name spelt two ways; use “{wanted}”")
        # (a fix never drops a diacritic the writer typed, unless the house dictionary says so)
        to = "" if not backed and strips_marks(form, wanted) else wanted
        if not to:
            message = message.rsplit("; use", 1)[0] + "; check which is right"
        out.extend(Occurrence(m.start, m.end, form, to, message, backed) for m in ms)
    if tied and shown_too and out:
        out.extend(Occurrence(m.start, m.end, wanted, "", tie_message, False) for m in by_form[wanted]
                   if not _inside(covered, m.start, m.end))
    return out


def _tie_break(doc: "Document", tied: list[str], first_full: str | None, position) -> tuple[str, str, bool]:
    """(the spelling to keep, why, whether its places are to be shown too) when several
    spellings are used equally often.

    What breaks the tie, the surer first: a spelling that the article's links, handles, file
    name or metadata also use (``outside_prose``: a slip typed in prose seldom reaches a URL);
    the only one that is a known surname (the Census list: a slip seldom makes another real
    surname, Martinnez or Newhal); of known surnames, one ranked three times as common as the
    others (Powell against Powel: the common name is the likelier one meant, and a slip goes
    either way; but both are real names, Hoffmann and Hoffman, so the kept one's places are
    reported too); else the first full-name mention's, else the first one's -- a coin toss as
    likely to keep the slip, so the kept spelling's places are reported too.
    """
    seen = outside_prose(doc, tied)
    if len(seen) == 1:
        return seen[0], "as in the article's links or metadata", False
    ranked = sorted((rank, f) for f in tied for rank in [data.surname_rank(f)] if rank is not None)
    if len(ranked) == 1:
        return ranked[0][1], "a known surname", False
    if len(ranked) == len(tied) and ranked[1][0] >= 3 * ranked[0][0]:
        # (both may be real names; but one a hundred times rarer is a slip the list happens to
        # hold, Grham against Graham, and the kept spelling's places need no second look)
        return ranked[0][1], "the far more common surname", ranked[1][0] <= 100 * ranked[0][0]
    if first_full is not None and first_full in tied:
        return first_full, "as in the first full-name mention", True
    return min(tied, key=position), "as in the first mention", True


def outside_prose(doc: "Document", forms: list[str]) -> list[str]:
    """Which of ``forms`` (five letters or more) the article also writes outside its prose: in
    a URL, a handle, an e-mail address, a link target, a metadata field or its file name
    (twitter.com/NicolasDorier, jonasschnelli, authors: [jessica-milcetich]), as a whole word or
    at either end of one. A word that holds a longer spelling counts for that one only."""
    long_ = [f for f in forms if len(f) >= 5]
    if not long_:
        return []
    from ..prose import MASK

    text, view = doc.text, doc.prose_text
    hidden = "".join(c if v == MASK else " " for c, v in zip(text, view)) + " " + (doc.path or "")
    words = set(_ALNUM().findall(hidden.casefold()))
    folded = sorted(((f.casefold(), f) for f in long_), key=lambda p: -len(p[0]))
    found = set()
    for w in words:
        for low, f in folded:
            if w.startswith(low) or w.endswith(low):
                found.add(f)
                break
    return [f for f in forms if f in found]


_ALNUM = lazy(r"[^\W_]+")


def _preferred(counts: Counter[str], first_full: str | None, position) -> str:
    """The spelling to keep: the one used most, when one is used strictly more often than the
    first full-name mention's (a slip in that mention is outvoted by the article); else the
    first full-name mention's; else the most frequent, the earliest on a tie. (Surnames break a
    tie with more evidence first: ``_tie_break``.)"""
    top = max(counts, key=lambda f: (counts[f], -position(f)))
    if first_full is None or counts[top] > counts[first_full]:
        return top
    return first_full


def _same_person(form: str, wanted: str, by_form: dict[str, list[Mention]], mentions: list[Mention]) -> bool:
    """Guards and evidence that two spellings name one person."""
    near = skeleton(form) != skeleton(wanted)
    g1 = {given_key(m.given) for m in by_form[form] if m.full}
    g2 = {given_key(m.given) for m in by_form[wanted] if m.full}
    outvoted = _outvoted_final_e(form, wanted, by_form)
    if near and (not _close(form, wanted) or derived(form, wanted) and not outvoted) \
            and not ((swapped(form, wanted) or _short_dropped(form, wanted)) and g1 & g2) \
            and not (_short_dropped(form, wanted) and not _real_word(min(form, wanted, key=len))
                     and (_bare_after(by_form[form], by_form[wanted]) or _bare_after(by_form[wanted], by_form[form]))):
        return False
    if outvoted:
        return True
    if g1 and g2:
        return bool(g1 & g2)  # different given names: different people
    if skeleton(form) == skeleton(wanted):
        return True
    zones1 = {m.zone for m in by_form[form]}
    zones2 = {m.zone for m in by_form[wanted]}
    if zones1.isdisjoint(zones2):
        return True  # the description says one thing, the body another
    # One spelling only bare, every time after the other's first full-name mention: Mark Milley …
    # Milli said; or the full name is the slip and the bare mentions are right (Vladimir Puten …
    # Putin said).
    if not (_bare_after(by_form[form], by_form[wanted]) or _bare_after(by_form[wanted], by_form[form])):
        return False
    # Five letters (Putin/Puten, Scholz/Sholz) only when the odd spelling is no word of its own
    # (not a given name, a Census surname or an English word: Moore/Moose) and the kept one is no
    # given name (Robin Linus, then Linux: a surname that is also a given name is a common word of
    # its own, and its near misses are other names).
    if min(len(form), len(wanted)) >= 6:
        return True
    if _letter_dropped(form, wanted):
        # A letter left out inside the kept spelling (Paul Graham … Grham said) seldom makes a name
        # of its own, whether or not the kept one is also a given name; the Census does list
        # such spellings, but far down (Grham is 84,343rd, Graham 104th).
        return not _real_word(form, rarer=wanted)
    return not (_real_word(form) or wanted in data.given_names())


def _final_e(a: str, b: str) -> bool:
    """Is one spelling the other with an "e" at the end (Farag/Farage, Brown/Browne)?"""
    short, long_ = sorted((a, b), key=len)
    return long_ == short + "e"


def _outvoted_final_e(form: str, wanted: str, by_form: dict[str, list[Mention]]) -> bool:
    """Is one spelling the other with its final "e" dropped or added in the one full-name mention,
    the other written bare at least three times after it and never with a title or given name
    (Nigel Farag … Farage ×4)? Brown and Browne, Clark and Clarke are other people's names, so
    an "e" alone is no slip (``derived``), unless the article shows one person this plainly:
    a person new to the story would be introduced, by a given name or a title. The short
    spelling must be no English word nor given name (Gordon Brown … Browne said: two people)."""
    from ..resources import english_words

    if not _final_e(form, wanted):
        return False
    odd, usual = sorted((form, wanted), key=lambda f: len(by_form[f]))
    one, bare = by_form[odd], by_form[usual]
    short = min(form, wanted, key=len)
    return (len(one) == 1 and one[0].full and len(bare) >= 3
            and all(not m.full and not m.titled and m.start > one[0].start for m in bare)
            and short not in data.given_names() and short.casefold() not in english_words())


def _short_dropped(a: str, b: str) -> bool:
    """Is one of two spellings the other, of five letters or fewer, with a letter inside it
    dropped, and not both real surnames (Gould, Guld; not Chen, Cheng: two people)?"""
    short, long_ = sorted((a, b), key=len)
    return len(long_) <= NEAR_MIN_LENGTH and _letter_dropped(short, long_) \
        and not (data.known_surname(short) and data.known_surname(long_))


def _letter_dropped(form: str, wanted: str) -> bool:
    """Is ``form`` ``wanted`` with one letter inside it (not the first or the last) left out?"""
    return len(wanted) == len(form) + 1 and any(wanted[:i] + wanted[i + 1:] == form for i in range(1, len(wanted) - 1))


def _bare_after(bare: list[Mention], full: list[Mention]) -> bool:
    """Are the ``bare`` mentions all bare, and all after the first full-name one of ``full``?"""
    first_full = min((m.start for m in full if m.full), default=None)
    return first_full is not None and all(not m.full and m.start > first_full for m in bare)


def _far_rarer(form: str, wanted: str) -> bool:
    """Is ``form`` a surname the Census ranks more than a hundred times below ``wanted``?"""
    a, b = data.surname_rank(form), data.surname_rank(wanted)
    return a is not None and b is not None and a > 100 * b


def _real_word(form: str, rarer: str = "") -> bool:
    """Is ``form`` a given name, a Census surname or an English word? (A surname ranked more than
    a hundred times below ``rarer`` does not count.)"""
    from ..resources import english_words

    surname = data.known_surname(form) and not (rarer and _far_rarer(form, rarer))
    return form in data.given_names() or surname or form.casefold() in english_words()


def _given_variants(doc: "Document", group: set[str], mentions: list[Mention], names: Dictionary,
                    allow: frozenset[str], covered: list[Match]) -> list[Occurrence]:
    full = [m for m in mentions if m.full and m.form in group]
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in full:
        by_key[given_key(m.given)].append(m)
    out = []
    for ms in by_key.values():
        spellings = {m.given for m in ms}
        if len({g.replace("’", "'").casefold() for g in spellings}) < 2:
            continue
        entry = names.entry_for_surname(ms[0].form)
        body = [m for m in ms if m.zone == "body"]
        if entry is not None and entry.given and given_key(entry.given) == given_key(ms[0].given):
            wanted, backed = entry.given, True
        else:
            counts = Counter(m.given for m in ms)
            first = {}
            for m in ms:
                first.setdefault(m.given, m.start)
            wanted, backed = _preferred(counts, body[0].given if body else None, first.__getitem__), False
            wanted = keep_marks(wanted, spellings)
        for given in sorted(spellings - {wanted}):
            if given in allow or same_form(given, wanted):
                continue
            mine = [m for m in ms if m.given == given]
            theirs = [m for m in ms if m.given == wanted]
            message = (f"“{given} {mine[0].form}” ×{len(mine)} ({_places(mine, doc)}) vs “{wanted} {mine[0].form}”"
                       + (f" ×{len(theirs)} ({_places(theirs, doc)})" if theirs else " (house dictionary)")
                       + f": one person's given name spelt two ways; use “{wanted}”")
            to = "" if not backed and strips_marks(given, wanted) else wanted
            if not to:
                message = message.rsplit("; use", 1)[0] + "; check which is right"
            out.extend(Occurrence(m.given_start, m.given_end, given, to, message, backed)
                       for m in mine if not _inside(covered, m.given_start, m.given_end))
    return out
