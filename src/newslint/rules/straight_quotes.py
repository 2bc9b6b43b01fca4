"""Straight quotes: straight quotation marks in an article that otherwise uses curly ones.

With `style = "auto"` (the default) the article's own marks decide: when curly quotation marks
and apostrophes are at least as many as straight ones, straight quotation marks are reported;
an article that uses straight marks throughout (or mostly) is left alone. `style = "curly"`
always asks for curly marks, `style = "straight"` for straight ones. The replacement follows the
language's marks (English “…” and ‘…’, Russian «…» with „…“ inside, ...), and of those the ones
the article itself uses at that depth (an Italian article quoting with “…” gets “…”, not «…»;
so does one whose only “…” has its opening mark drawn the wrong way round, ”…”).
The fix is safe when both marks of the pair are placed beyond doubt by their context (a space
or line start before an opening mark, punctuation or space after a closing one, or a sentence's
last mark before one and emphasis glued after it while a quotation is open: `provide."_**Rubin**`);
otherwise it is unsafe. In a language that sets a space inside its marks (French « … »), the fix sets one too, of the kind the article's
own guillemets have (ordinary, no-break or narrow no-break; a no-break one if they have none).

Bad:  contact is maintained in order to "not allow this to grow into something more terrible."
Good: contact is maintained in order to “not allow this to grow into something more terrible.”

A straight quotation inside a quotation takes the next level's marks, so that one fix gives the
nesting quote-nesting (NL116) asks for: “… ‘…’ …” in English, „… ‚…‘ …“ in German, unless the
article's other quotations at that depth mostly nest with the outer marks (then it takes those, and
quote-nesting reports them all alike). Its fix is safe when the quotation around it pairs beyond
doubt too.

Bad:  “The board said "not this year" to the roof,” she said.
Good: “The board said ‘not this year’ to the roof,” she said.

Bad:  le "coût d'un chômeur" pour la collectivité   (in an article that writes « taux »)
Good: le « coût d'un chômeur » pour la collectivité

Not findings: apostrophes (see NL117 `wrong-apostrophe`); inch and foot marks (6'2", a 27"
screen); marks in code, URLs, HTML attributes and shortcodes, or written as entities; a mark
that pairs with nothing in its paragraph (`revisit the "zoning plan.`): its defect is that it
pairs with nothing, and NL110 `unclosed-quote` or NL111 `stray-closing-quote` reports it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..patterns import lazy
from ..quotes import DOUBLE, MIRROR, STRAIGHT, Mark, analyse

ID = "NL114"
NAME = "straight-quotes"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", "curly", "straight")}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report quotation marks of the style the article does not use, with a fix to its style."""
    q = analyse(doc)
    if q is None:
        return
    style = q.style(opts["style"])
    if not style:
        return
    prof = q.profile
    inner = _inner_space(doc, prof) if style == "curly" else ""
    curly = set("“”‘’") | prof.marks
    wrong = STRAIGHT if style == "curly" else curly
    own = _own_pairs(q.quotation_marks(False), prof) if style == "curly" else {}
    lone = q.lone
    chosen: dict[int, tuple[str, str]] = {}  # id(opening mark) → the marks its pair is given
    for mk in q.quotation_marks(style == "curly"):
        if mk.masked or mk.ch not in wrong or id(mk) in lone:
            continue  # (a mark that pairs with nothing is unclosed-quote's or stray-closing-quote's)
        other = mk.partner
        if mk.role == "close" and other is not None and other.ch in wrong and not other.masked:
            continue  # reported with its opening mark
        pair = other is not None and other.ch in wrong and not other.masked
        marks = [mk, other] if pair else [mk]
        safe = mk.sure and (other is None or other.sure)
        if pair and style == "curly" and other is not None:
            # the marks the pair takes, the next level's when its own glyph's would repeat the
            # enclosing quotation's (“He said "no"” → ‘no’, not “no”, which quote-nesting reports)
            glyphs = _replacement(mk, prof, style, own), _replacement(other, prof, style, own)
            outer = _enclosing(mk, chosen)
            # (unless the article's other quotations at this depth nest with those very marks:
            # its habit, right or wrong, is quote-nesting's to report, for all of them at once)
            if outer is not None and glyphs == outer and own.get((mk.depth, mk.ch in DOUBLE)) != glyphs:
                glyphs = _next_level(outer, prof)
                safe = safe and _sure_pair(mk.parent)
            chosen[id(mk)] = glyphs
            edits = (Edit(mk.start, mk.end, _spaced(doc, mk, glyphs[0], prof, inner)),
                     Edit(other.start, other.end, _spaced(doc, other, glyphs[1], prof, inner)))
        else:
            edits = tuple(Edit(m.start, m.end, _spaced(doc, m, _replacement(m, prof, style, own), prof, inner))
                          for m in marks)
        shown = _shape([e.text for e in edits])
        if style == "curly":
            message = f"straight quotes in an article that uses curly quotes; use {shown}"
            title = "Use curly quotes"
        else:
            message = f"curly quotes in an article that uses straight quotes; use {shown}"
            title = "Use straight quotes"
        end = marks[-1].end if pair else mk.end
        yield Finding(mk.start, end, message, Fix(edits, title, safe))


def _enclosing(mk: Mark, chosen: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    """The marks of the quotation around ``mk``'s once fixed (its own when it is not reported),
    or None when there is none or it is not closed."""
    parent = mk.parent
    if parent is None or parent.partner is None:
        return None
    return chosen.get(id(parent)) or (parent.ch, parent.partner.ch)


def _next_level(outer: tuple[str, str], prof: Any) -> tuple[str, str]:
    """The pair after ``outer`` in its house style's levels (as quote-nesting asks for)."""
    return prof.next_level(outer)


def _sure_pair(opener: Mark | None) -> bool:
    """Do ``opener`` and its partner both follow from their context?"""
    return opener is not None and opener.partner is not None and opener.sure and opener.partner.sure


def _own_pairs(marks: list[Mark], prof: Any) -> dict[tuple[int, bool], tuple[str, str]]:
    """(depth, double?) → the pair of the language's marks the article itself uses most there
    (an Italian article quoting with “…” where the table puts «…» first: both are Italian). A mark
    drawn the wrong way round counts as the mark reversed-quote writes for it (”…” is “…”)."""
    counts: Counter[tuple[int, bool, str, str]] = Counter()
    pairs = set(prof.levels + prof.also)
    for mk in marks:
        other = mk.partner
        if mk.role != "open" or other is None or mk.masked:
            continue
        o = MIRROR.get(mk.ch, mk.ch) if mk.flag == "reversed" else mk.ch
        c = MIRROR.get(other.ch, other.ch) if other.flag == "reversed" else other.ch
        if (o, c) in pairs:
            counts[(mk.depth, o in DOUBLE, o, c)] += 1
    own: dict[tuple[int, bool], tuple[str, str]] = {}
    for (depth, double, o, c), _ in counts.most_common():
        own.setdefault((depth, double), (o, c))
    return own


def _replacement(mk: Mark, prof: Any, style: str, own: dict[tuple[int, bool], tuple[str, str]]) -> str:
    if style == "straight":
        return '"' if mk.ch in "“”„«»" else "'"
    # the article's own marks at this depth and of this glyph's family, else the table's
    opening, closing = own.get((mk.depth, mk.ch in DOUBLE)) or prof.for_glyph(mk.ch, mk.depth)
    return opening if mk.role == "open" else closing


_GUILLEMET_SPACE = lazy(r"«([ \u00a0\u202f]?)|([ \u00a0\u202f]?)»")


def _inner_space(doc: Document, prof: Any) -> str:
    """The space the article sets inside its spaced marks (« x »): the kind it uses most, else the
    language's (a no-break space)."""
    if not prof.spaced:
        return ""
    kinds: Counter[str] = Counter()
    for m in _GUILLEMET_SPACE().finditer(doc.prose_text, doc.body_start):
        kinds[m.group(1) if m.group(1) is not None else m.group(2)] += 1
    if not any(kinds[k] for k in kinds if k):
        return prof.space  # (space-inside-quotes asks for it too)
    return max((k for k in kinds if k), key=lambda k: kinds[k])


def _spaced(doc: Document, mk: Mark, glyph: str, prof: Any, inner: str) -> str:
    """The replacement with the article's inner space where the mark has none on its inner side."""
    if not inner or glyph not in prof.spaced:
        return glyph
    if mk.role == "open" and doc.text[mk.end:mk.end + 1] not in (" ", "\u00a0", "\u202f", "\n", ""):
        return glyph + inner
    if mk.role == "close" and doc.text[mk.start - 1:mk.start] not in (" ", "\u00a0", "\u202f", "\n", ""):
        return inner + glyph
    return glyph


def _shape(texts: list[str]) -> str:
    """How the message shows the replacement: “…” for a pair (« … » when spaced), else the mark."""
    return f"{texts[0]}…{texts[1]}" if len(texts) == 2 else "".join(texts)
