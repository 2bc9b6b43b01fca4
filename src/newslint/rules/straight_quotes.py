"""Straight quotes: straight quotation marks in an article that otherwise uses curly ones.

With `style = "auto"` (the default) the article's own marks decide: when curly quotation marks
and apostrophes are at least as many as straight ones, straight quotation marks are reported;
an article that uses straight marks throughout (or mostly) is left alone. `style = "curly"`
always asks for curly marks, `style = "straight"` for straight ones. The replacement follows the
language's marks (English “…” and ‘…’, Russian «…» with „…“ inside, ...). The fix is safe when
both marks of the pair are placed beyond doubt by their context (a space or line start before
an opening mark, punctuation or space after a closing one); otherwise it is unsafe.

Bad:  contact is maintained in order to "not allow this to grow into something more terrible."
Good: contact is maintained in order to “not allow this to grow into something more terrible.”

Not findings: apostrophes (see NL117 `wrong-apostrophe`); inch and foot marks (6'2", a 27"
screen); marks in code, URLs, HTML attributes and shortcodes, or written as entities.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..quotes import STRAIGHT, Mark, analyse

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
    curly = set("“”‘’") | prof.marks
    wrong = STRAIGHT if style == "curly" else curly
    for mk in q.quotation_marks(style == "curly"):
        if mk.masked or mk.ch not in wrong:
            continue
        other = mk.partner
        if mk.role == "close" and other is not None and other.ch in wrong and not other.masked:
            continue  # reported with its opening mark
        pair = other is not None and other.ch in wrong and not other.masked
        marks = [mk, other] if pair else [mk]
        safe = mk.sure and (other is None or other.sure)
        edits = tuple(Edit(m.start, m.end, _replacement(m, prof, style)) for m in marks)
        shown = "".join(e.text for e in edits)
        if style == "curly":
            message = f"straight quotes in an article that uses curly quotes; use {_shape(shown, marks)}"
            title = "Use curly quotes"
        else:
            message = f"curly quotes in an article that uses straight quotes; use {_shape(shown, marks)}"
            title = "Use straight quotes"
        end = marks[-1].end if pair else mk.end
        yield Finding(mk.start, end, message, Fix(edits, title, safe))


def _replacement(mk: Mark, prof: Any, style: str) -> str:
    if style == "straight":
        return '"' if mk.ch in "“”„«»" else "'"
    opening, closing = prof.for_glyph(mk.ch, mk.depth)
    return opening if mk.role == "open" else closing


def _shape(marks_text: str, marks: list[Any]) -> str:
    if len(marks_text) == 2:
        return f"{marks_text[0]}…{marks_text[1]}"
    return marks_text
