"""Ellipsis style: `...` and `…` mixed in one article; use the house form.

An article writes its ellipses one way. With ``style = "auto"`` (the default) the house form is
the one the article uses most (a tie, or an article with no ellipsis, gives `…`); set
``style = "…"`` or ``style = "..."`` to impose one. Four dots (an ellipsis and a full stop)
count as an ellipsis followed by a full stop. The fix rewrites the ellipsis; it is safe.

Not findings: ellipses inside elision brackets (`[...]`, `<…>`, `(…)`: see NL106
elision-marker), dot leaders of five or more dots, spaced ellipses (`. . .`, a legal and
Chicago style), ranges between numbers (`1...10`), and code.

Bad:  Talks stalled… Officials said the terms were "hardly possible..." and left.
Good: Talks stalled… Officials said the terms were "hardly possible…" and left.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..typography import ellipses, house_ellipsis, near_invisible

ID = "NL105"
NAME = "ellipsis-style"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", "…", "...")}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each ellipsis not in the house form, with a safe fix to it."""
    style = opts["style"]
    found = [e for e in ellipses(doc) if not e.bracket]
    if not found or style not in ("auto", "…", "..."):
        return
    house = house_ellipsis(doc, style)
    why = "the house style is" if style != "auto" else "this article mostly uses"
    pt = doc.prose_text
    for e in found:
        if e.form == house or near_invisible(doc, e.start, e.end):
            continue
        if pt[e.start - 1: e.start].isdigit() and pt[e.end: e.end + 1].isdigit():
            continue  # 1...10 is a range
        fix = Fix.replace(e.start, e.end, house, f"Replace with '{house}'")
        if house == "..." and (pt[e.start - 1: e.start] in (".", "…") or pt[e.end: e.end + 1] in (".", "…")):
            fix = None  # '…' written against dots would make a leader or four dots: the writer decides
        yield Finding(e.start, e.end, f"'{e.form}' but {why} '{house}'", fix)
