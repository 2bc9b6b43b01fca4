"""Foreign quotes: quotation marks of another language (« » or „ “ in English copy).

Copy translated from Russian, Ukrainian, German or French often keeps the source language's
quotation marks. The article's language (front matter `lang`/`language`/`locale`, else the
config's `language`) names the marks that belong (rules/quotes.yaml): English “…” with ‘…’
inside, Russian and Ukrainian «…» with „…“ inside, German „…“ with ‚…‘ inside (or its other
house style »…« with ›…‹), Swiss German (``de-CH``) «…» with ‹…›, French «…».
The fix puts the language's marks for the quotation's nesting level (or, inside a quotation,
the marks the article's other quotations at that level use: its own nesting, right or wrong, is
quote-nesting's to report); it is safe when the two
marks pair unambiguously and, in a Latin-script language, the quotation is not itself in
Cyrillic or Greek (a verbatim quotation may keep its marks on purpose).

Bad:  Peskov called the talks «hardly possible».
Good: Peskov called the talks “hardly possible”.

Not findings: the language's own marks at any level; straight marks (NL114 `straight-quotes`);
marks in code, URLs, HTML and shortcodes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..quotes import STRAIGHT, analyse, has_foreign_script

ID = "NL115"
NAME = "foreign-quotes"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_LANGUAGES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "de": "German",
              "fr": "French", "es": "Spanish", "it": "Italian", "pl": "Polish", "nl": "Dutch", "cs": "Czech",
              "sk": "Slovak", "pt": "Portuguese"}
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
    if not foreign:
        return
    habits: dict[str, Any] = {}
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
            want = _sibling_marks(q, mk, levels, habits) or prof.level(mk.depth)
            safe = mk.sure and other.sure and (
                prof.language in _CYRILLIC_LANGUAGES or not has_foreign_script(doc.text[mk.end:other.start]))
            yield Finding(mk.start, other.end,
                          f"{mk.ch}…{other.ch} are not {language} quotation marks; use {want[0]}…{want[1]}",
                          Fix((Edit(mk.start, mk.end, want[0]), Edit(other.start, other.end, want[1])),
                              f"Use {want[0]}…{want[1]}", safe))
        elif mk.ch not in own and mk.ch not in prof.marks:
            want = prof.level(mk.depth)[0 if mk.role == "open" else 1]
            yield Finding(mk.start, mk.end, f"{mk.ch} is not a {language} quotation mark; use {want}",
                          Fix.replace(mk.start, mk.end, want, f"Use {want}", safe=False))


def _sibling_marks(q: Any, mk: Any, levels: set[tuple[str, str]], habits: dict[Any, Any]) -> tuple[str, str] | None:
    """The marks of the other quotations nested in the same quotation as ``mk``, when they all
    use one pair of the language's own, else those of the article's other quotations at that
    depth: the writer's nesting (“… called “brand colors.” … call our colors « brand colors, » …”:
    the foreign pair takes “…” as its sibling has; whether doubles nest in doubles is
    quote-nesting's to say, for all of them at once)."""
    parent = mk.parent
    if parent is None:
        return None
    if not habits:  # (each quotation's nested pairs and each depth's, found once per article)
        habits["parent"], habits["depth"] = defaultdict(set), defaultdict(set)
        for m in q.marks:
            if m.role == "open" and m.parent is not None and m.partner is not None \
                    and (m.ch, m.partner.ch) in levels:
                habits["parent"][id(m.parent)].add((m.ch, m.partner.ch))
                habits["depth"][m.depth].add((m.ch, m.partner.ch))
    # (mk itself, a foreign pair, is in neither: its marks are not the language's)
    for pairs in (habits["parent"].get(id(parent)), habits["depth"].get(mk.depth)):
        if pairs:  # (the same quotation's first; else the article's other quotations at that depth)
            return next(iter(pairs)) if len(pairs) == 1 else None
    return None
