"""Quote nesting: a quotation inside a quotation that uses the same marks as the one around it.

A quotation inside a quotation takes the language's next level of marks: English “… ‘…’ …”
(or ‘… “…” …’ in British style), Russian and Ukrainian «… „…“ …», German „… ‚…‘ …“, Italian and
Spanish «… “… ‘…’ …” …» (an article that quotes with “…” takes ‘…’ inside, never «…»). The same
marks twice (“… “…” …”, «… «…» …») make the reader lose track of where each quotation ends.
The fix swaps the inner pair to the next level's marks; it is unsafe, because the same text
can also be two quotations with a closing mark missing.

Bad:  “They call it “a special operation,” but it is a war,” she said.
Good: “They call it ‘a special operation,’ but it is a war,” she said.

In an article that writes straight marks (its style is not curly: straight-quotes leaves its marks
alone), a straight "…" inside a straight "…" takes '…' inside, the straight form of the next
level. In a curly article straight-quotes curls both pairs first, and this rule reports what that
makes. Not in a link's title (`[a](url "The "A" tag")`: broken-link-syntax reports that title).

Bad:  "They call it "a special operation," but it is a war," she said.
Good: "They call it 'a special operation,' but it is a war," she said.

Not findings: correctly nested quotations in either order (“…‘…’…” and ‘…“…”…’); a quotation
whose outer pair is never closed (NL110 reports that instead).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..prose import MASK
from ..quotes import SINGLE, STRAIGHT, analyse

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
    straight = None  # (is the article's style other than curly? asked at the first straight pair)
    for op, cl in q.pairs():
        parent = op.parent
        if (parent is None or parent.partner is None or op.masked or cl.masked
                or op.ch != parent.ch or cl.ch != parent.partner.ch):
            continue
        if op.ch in STRAIGHT:
            if straight is None:
                straight = q.style("auto") != "curly"
            # (only where the next level is a single mark: English ‘…’, German ‚…‘; not Russian „…“)
            if op.ch == '"' and straight and q.profile.level(1)[0] in SINGLE \
                    and not (parent.masked or parent.partner.masked or _link_title(doc.prose_text, parent)):
                yield _straight_nested(op, cl)
            continue
        own = (parent.ch, parent.partner.ch)
        # the next level of the outer pair's house style (Italian «…“…”…», “…‘…’…”: never «…» inside “…”)
        want = q.profile.next_level(own) if own in levels or own in also else q.profile.level(op.depth)
        if want == own:
            continue
        yield Finding(op.start, cl.end,
                      f"quotation inside a quotation uses the same marks {own[0]}…{own[1]}; "
                      f"use {want[0]}…{want[1]} inside",
                      Fix((Edit(op.start, op.end, want[0]), Edit(cl.start, cl.end, want[1])),
                          f"Use {want[0]}…{want[1]} for the inner quotation", safe=False))


def _link_title(P: str, opener: Any) -> bool:
    """Does ``opener`` start a link's title, right after its destination ([a](url "The "A" tag"):
    a title with unescaped marks, which broken-link-syntax reports)?"""
    k = opener.start
    while k > 0 and P[k - 1] in " \t":
        k -= 1
    return k < opener.start and P[k - 1: k] == MASK


def _straight_nested(op: Any, cl: Any) -> Finding:
    """A straight "…" inside a straight "…" in an article that does not curl its marks: the inner
    quotation takes '…', the straight form of the next level's marks."""
    return Finding(op.start, cl.end, """quotation inside a quotation uses the same marks "…"; use '…' inside""",
                   Fix((Edit(op.start, op.end, "'"), Edit(cl.start, cl.end, "'")),
                       "Use '…' for the inner quotation", safe=False))
