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
marks in code, URLs, HTML and shortcodes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Callable, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..links.targets import link_titles
from ..quotes import STRAIGHT, analyse, has_foreign_script

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
    titled = _titles(doc, levels)
    if not foreign and not titled:
        return
    heads = [(b.start, b.end) for b in doc.prose_index.blocks if b.kind == "heading"]
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


# Another language's double marks around a quotation (a pair this article's language does not use)
_FOREIGN_PAIRS = frozenset({("«", "»"), ("»", "«"), ("„", "“"), ("„", "”")})


def _titles(doc: Document, levels: set[tuple[str, str]]) -> list[tuple[int, int]]:
    """A link's title is not prose (the masker hides it), but it shows as a tooltip and to screen
    readers: the offsets of the two marks of a quotation in it with another language's pair
    ([text](url "Mobile a »Second Screen« for TV")). Only a title whose double marks are just
    that pair, the first before a word and the second after one: the fix is safe."""
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
        if pair in _FOREIGN_PAIRS and pair not in levels and title[a + 1: a + 2].isalnum() \
                and (title[b - 1: b].isalnum() or title[b - 1: b] in ".!?") and not title[b + 1: b + 2].isalnum():
            out.append((ts + a, ts + b))
    return out


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
