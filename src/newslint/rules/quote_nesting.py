"""Quote nesting: a quotation inside a quotation that uses the same marks as the one around it.

A quotation inside a quotation takes the language's next level of marks: English “… ‘…’ …”
(or ‘… “…” …’ in British style), Russian and Ukrainian «… „…“ …», German „… ‚…‘ …“. The same
marks twice (“… “…” …”, «… «…» …») make the reader lose track of where each quotation ends.
The fix swaps the inner pair to the next level's marks; it is unsafe, because the same text
can also be two quotations with a closing mark missing.

Bad:  “They call it “a special operation,” but it is a war,” she said.
Good: “They call it ‘a special operation,’ but it is a war,” she said.

Not findings: correctly nested quotations in either order (“…‘…’…” and ‘…“…”…’); a quotation
whose outer pair is never closed (NL110 reports that instead).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..quotes import STRAIGHT, analyse

ID = "NL116"
NAME = "quote-nesting"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each inner quotation that repeats its enclosing quotation's marks."""
    q = analyse(doc)
    if q is None:
        return
    levels, also = list(q.profile.levels), list(q.profile.also)
    for op, cl in q.pairs():
        parent = op.parent
        if (parent is None or parent.partner is None or op.masked or cl.masked or op.ch in STRAIGHT
                or op.ch != parent.ch or cl.ch != parent.partner.ch):
            continue
        own = (parent.ch, parent.partner.ch)
        style = levels if own in levels else also if own in also else None  # the house style of the outer pair
        want = style[(style.index(own) + 1) % len(style)] if style else q.profile.level(op.depth)
        if want == own:
            continue
        yield Finding(op.start, cl.end,
                      f"quotation inside a quotation uses the same marks {own[0]}…{own[1]}; "
                      f"use {want[0]}…{want[1]} inside",
                      Fix((Edit(op.start, op.end, want[0]), Edit(cl.start, cl.end, want[1])),
                          f"Use {want[0]}…{want[1]} for the inner quotation", safe=False))
