"""Foreign quotes: quotation marks of another language (« » or „ “ in English copy).

Copy translated from Russian, Ukrainian, German or French often keeps the source language's
quotation marks. The article's language (front matter `lang`/`language`/`locale`, else the
config's `language`) names the marks that belong (rules/quotes.yaml): English “…” with ‘…’
inside, Russian and Ukrainian «…» with „…“ inside, German „…“ with ‚…‘ inside (or its other
house style »…« with ›…‹), Swiss German (``de-CH``) «…» with ‹…›, French «…», Swedish and
Finnish ”…” with ’…’ inside.
The fix puts the language's marks for the quotation's nesting level (or, inside a quotation,
the marks the article's other quotations at that level use: its own nesting, right or wrong, is
quote-nesting's to report; for a quotation outside any other, the pair the article itself quotes
with when that is another of its language's pairs and it never writes the first level's: “…” in
a French article that writes “…” throughout); it is safe when the two
marks pair unambiguously and, in a Latin-script language, the quotation is not itself in
Cyrillic or Greek (a verbatim quotation may keep its marks on purpose).

Bad:  Peskov called the talks «hardly possible».
Good: Peskov called the talks “hardly possible”.

A link's title, which shows as a tooltip, is checked too when its double marks are one pair of
another language's (`[text](url "Mobile a »Second Screen« for TV")`), with a safe fix.

Not findings: the language's own marks at any level; straight marks (NL114 `straight-quotes`);
marks in code, URLs, HTML and shortcodes; marks in a paragraph written in Cyrillic or Greek in an
article of a Latin-script language (an English post that gives a Ukrainian version of itself
below: its «…» are Ukrainian marks in Ukrainian text, not an English quotation's), told by the
paragraph's letters outside the quotation (those of the quotation itself when it is all the
paragraph has); in an article whose language nothing tells (front matter, prose or path: too
little text, as in a Japanese notice with one German line), a pair in a paragraph whose function
words are those of a language it belongs to and none English (``Im „Oststadt-Stammlokal.“``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from typing import Any, Callable, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..links.targets import link_titles
from ..patterns import lazy
from ..language import passage_counts
from ..quotes import STRAIGHT, analyse, has_foreign_script, profile

ID = "NL115"
NAME = "foreign-quotes"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_LANGUAGES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "de": "German",
              "fr": "French", "es": "Spanish", "it": "Italian", "pl": "Polish", "nl": "Dutch", "cs": "Czech",
              "sk": "Slovak", "pt": "Portuguese", "sv": "Swedish", "fi": "Finnish",
              "da": "Danish", "nb": "Norwegian", "no": "Norwegian", "nn": "Norwegian"}
_CYRILLIC_LANGUAGES = frozenset(("ru", "uk", "be"))


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report quotation marks that are not the article language's, with a fix to its own."""
    q = analyse(doc)
    if q is None:
        return
    prof = q.profile
    levels = set(prof.levels) | set(prof.also)
    own = prof.primary | STRAIGHT | {"’"}
    language = _LANGUAGES.get(prof.language, f"'{prof.language}'")
    foreign = q.foreign()
    titled = _titles(doc, levels, prof.language not in _CYRILLIC_LANGUAGES)
    if not foreign and not titled:
        return
    heads = [(b.start, b.end) for b in doc.prose_index.blocks if b.kind == "heading"]
    guessed = not doc.language_known  # (the configured language only: too little text to tell)
    counted: dict[int, Counter[str]] = {}  # each paragraph's function words, counted once (quote soup: thousands of pairs)
    native = _ForeignScriptBlocks(doc) if prof.language not in _CYRILLIC_LANGUAGES else None
    habits = _Habits(q.marks, levels, lambda m: m.start < doc.body_start or any(a <= m.start < b for a, b in heads))
    outer = habits.outer(prof)
    for a, b in titled:  # (a link's title: see _titles)
        want = outer or prof.level(0)
        pair = f"{doc.text[a]}…{doc.text[b]}"
        yield Finding(a, b + 1, f"{pair} are not {language} quotation marks; use {want[0]}…{want[1]}",
                      Fix((Edit(a, a + 1, want[0]), Edit(b, b + 1, want[1])), f"Use {want[0]}…{want[1]}",
                          reshapes=True))  # (a title is part of the link: the guard would refuse)
    for mk in sorted({id(m): m for m in foreign + [m.partner for m in foreign if m.partner]}.values(),
                     key=lambda m: m.start):
        if mk.masked or mk.role not in ("open", "close"):
            continue
        other = mk.partner
        if native is not None and native.covers(mk.start, other.end if other is not None else mk.end):
            continue  # Cyrillic or Greek text, with its own language's marks
        if other is not None and guessed and _own_paragraph_marks(doc, mk, other, counted):
            continue  # Im „Oststadt-Stammlokal.“: German marks in German words, the article's language unsaid
        if other is not None:
            if mk.role == "close" or other.masked or other.ch in STRAIGHT or mk.ch in STRAIGHT or other.flag == "prime":
                continue
            if (mk.ch, other.ch) in levels or (mk.ch in own and other.ch in own):
                continue  # the language's own pair, or its own marks turned round (NL118)
            want = habits.nested(mk) or \
                (outer if outer and mk.depth == 0 else prof.level(mk.depth))
            safe = mk.sure and other.sure and (
                prof.language in _CYRILLIC_LANGUAGES or not has_foreign_script(doc.text[mk.end:other.start]))
            yield Finding(mk.start, other.end,
                          f"{mk.ch}…{other.ch} are not {language} quotation marks; use {want[0]}…{want[1]}",
                          Fix((Edit(mk.start, mk.end, want[0]), Edit(other.start, other.end, want[1])),
                              f"Use {want[0]}…{want[1]}", safe))
        elif mk.ch not in own and mk.ch not in prof.marks:
            want = (outer if outer and mk.depth == 0 else prof.level(mk.depth))[0 if mk.role == "open" else 1]
            yield Finding(mk.start, mk.end, f"{mk.ch} is not a {language} quotation mark; use {want}",
                          Fix.replace(mk.start, mk.end, want, f"Use {want}", safe=False))


def _own_paragraph_marks(doc: Document, opener: Any, closer: Any, counted: dict[int, Counter[str]]) -> bool:
    """In an article whose language nothing tells (a Japanese notice with a German line, too
    short to count), is the quotation's paragraph written in a language whose marks these are:
    its function words that language's (``im``, ``der``), none of them English?"""
    pt = doc.prose_text
    a = pt.rfind("\n\n", 0, opener.start) + 1
    counts = counted.get(a)
    if counts is None:
        b = pt.find("\n\n", closer.end)
        counts = counted[a] = passage_counts(pt[a:b if b >= 0 else len(pt)])
    if not counts or counts["en"]:
        return False
    pair = (opener.ch, closer.ch)
    for lang in counts:
        prof = profile(lang)
        if prof is not None and pair in prof.levels + prof.also:
            return True
    return False


# Another language's double marks around a quotation (a pair this article's language does not use)
_FOREIGN_PAIRS = frozenset({("«", "»"), ("»", "«"), ("„", "“"), ("„", "”")})


def _titles(doc: Document, levels: set[tuple[str, str]], latin: bool) -> list[tuple[int, int]]:
    """A link's title is not prose (the masker hides it), but it shows as a tooltip and to screen
    readers: the offsets of the two marks of a quotation in it with another language's pair
    ([text](url "Mobile a »Second Screen« for TV")). Only a title whose double marks are just
    that pair, the first before a word and the second after one: the fix is safe. Not a title
    in Cyrillic or Greek in a Latin-script article (``latin``): its «…» are its text's own."""
    text = doc.text
    if not any(ch in text for ch in "«»„"):
        return []
    out = []
    for ts, te in link_titles(doc):
        title = text[ts:te]
        marks = [i for i, ch in enumerate(title) if ch in "«»„“”"]
        if len(marks) != 2:
            continue
        a, b = marks
        pair = (title[a], title[b])
        if latin and has_foreign_script(title):
            continue
        if pair in _FOREIGN_PAIRS and pair not in levels and title[a + 1: a + 2].isalnum() \
                and (title[b - 1: b].isalnum() or title[b - 1: b] in ".!?") and not title[b + 1: b + 2].isalnum():
            out.append((ts + a, ts + b))
    return out


_LATIN = lazy(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC_GREEK = lazy(r"[\u0370-\u03ff\u0400-\u052f]")


class _ForeignScriptBlocks:
    """The prose blocks of a Latin-script article that are written in Cyrillic or Greek: a
    translation of the post given below it, a line of slogans in the original. «…» there are the
    text's own marks. A block counts when most of its letters outside the quotation are Cyrillic
    or Greek, or, when the quotation is all it has (a slogan on a line of its own), most of the
    quotation's. An English sentence quoting Russian (He said «Да».) stays English."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.blocks = [(b.start, b.end) for b in doc.prose_index.blocks]
        self.starts = [a for a, _ in self.blocks]
        # the letters' offsets, counted in a span by bisection: one pass over the text, however
        # many quotation marks it has (a quote soup of thousands in one paragraph stays linear)
        self.foreign = [m.start() for m in _CYRILLIC_GREEK().finditer(self.text)]
        self.latin: list[int] | None = None

    def _count(self, positions: list[int], start: int, end: int) -> int:
        return bisect_left(positions, end) - bisect_left(positions, start)

    def covers(self, start: int, end: int) -> bool:
        if not self.foreign:
            return False  # (no Cyrillic or Greek letter anywhere: the common case costs nothing)
        i = bisect_right(self.starts, start) - 1
        if i < 0 or self.blocks[i][1] < start:
            return False
        if self.latin is None:
            self.latin = [m.start() for m in _LATIN().finditer(self.text)]
        a, b = self.blocks[i]
        inside = (self._count(self.foreign, start, end), self._count(self.latin, start, end))
        outside = (self._count(self.foreign, a, b) - inside[0], self._count(self.latin, a, b) - inside[1])
        for foreign, latin in (outside, inside):
            if foreign or latin:
                return foreign > latin
        return False


class _Habits:
    """The pairs of its language's own marks the article quotes with, found in one pass: each
    quotation's nested pairs and the pairs at each depth, with their counts. Not those of a
    headline (``headline``: a front-matter field or a heading), which news style quotes apart:
    AP's headlines take single marks (‘Pop’ in a title, “representative” in the text)."""

    def __init__(self, marks: Any, levels: set[tuple[str, str]], headline: Callable[[Any], bool]) -> None:
        self.by_parent: dict[int, set[tuple[str, str]]] = defaultdict(set)
        self.by_depth: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
        for m in marks:
            if m.role == "open" and m.partner is not None and not m.masked and (m.ch, m.partner.ch) in levels \
                    and not headline(m):
                if m.parent is not None:
                    self.by_parent[id(m.parent)].add((m.ch, m.partner.ch))
                self.by_depth[m.depth][(m.ch, m.partner.ch)] += 1

    def nested(self, mk: Any) -> tuple[str, str] | None:
        """The marks of the other quotations nested in the same quotation as ``mk``, when they all
        use one pair, else those of the article's other quotations at that depth: the writer's
        nesting (“… called “brand colors.” … call our colors « brand colors, » …”: the foreign pair
        takes “…” as its sibling has; whether doubles nest in doubles is quote-nesting's to say,
        for all of them at once). (``mk``, a foreign pair, is in neither: not the language's marks.)"""
        if mk.parent is None:
            return None
        for pairs in (self.by_parent.get(id(mk.parent)), self.by_depth.get(mk.depth)):
            if pairs:  # (the same quotation's first; else the article's other quotations at that depth)
                return next(iter(pairs)) if len(pairs) == 1 else None
        return None

    def outer(self, prof: Any) -> tuple[str, str] | None:
        """The pair the article quotes with, when it is another of its language's pairs than the
        first level's and the article never uses that one: a French article that writes “…”
        throughout, as much French web copy does, gets “…” for a „…“ too, not a « » of its own it
        never wrote."""
        counts = self.by_depth.get(0, Counter())
        if prof.level(0) in counts or len(counts) != 1:
            return None
        (pair, n), = counts.items()
        return pair if n >= 2 else None
