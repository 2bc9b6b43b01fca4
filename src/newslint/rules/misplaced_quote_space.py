"""Misplaced quote space: a quotation mark with its space on the wrong side.

A closing mark goes right after the quoted words and the space after it; an opening mark goes
after the space and right before the quoted words. Translated and hurried copy often gets this
backwards, which also turns the mark the wrong way when software curls it. The pairing (see
NL110) decides that the mark closes (or opens) a quotation; the fix moves the space across the
mark and is safe when the pairing is unambiguous. A ” stuck to an attribution after a clause
(`making that change, ”said Roth.`) closes a quotation even when its opening mark was lost,
and a “ stuck to the word before it inside a quotation opens a nested one when more closing
marks follow than the open quotations can take (`the word“ damage” to assess … earthquake.”`).

Bad:  “And not on the terms of ultimatums, ”he pointed out.
Good: “And not on the terms of ultimatums,” he pointed out.

Bad:  He said“ Only with him.”
Good: He said “Only with him.”

Not findings: a mark that opens a nested quotation (`“He told me, ‘Stop.’”`); apostrophes
before a word (’90s, ’em).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..quotes import analyse

ID = "NL112"
NAME = "misplaced-quote-space"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_SPACES = " \t\u00a0\u202f"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each mark whose space sits on the wrong side, with a fix that moves it."""
    q = analyse(doc)
    if q is None:
        return
    text = doc.text
    for mk in q.flagged():
        if mk.flag != "misplaced" or mk.masked:
            continue
        if mk.role == "close":
            s = mk.start
            while s > 0 and text[s - 1] in _SPACES:
                s -= 1
            if s == mk.start:
                continue
            gap = text[s:mk.start]
            yield Finding(s, mk.end, f"closing {mk.ch} is separated from the quotation and stuck to the next "
                                     f"word; write '{mk.ch}{gap}'",
                          Fix.replace(s, mk.end, mk.ch + gap, "Move the space after the closing mark", mk.sure))
        elif mk.role == "open":
            e = mk.end
            while e < len(text) and text[e] in _SPACES:
                e += 1
            if e == mk.end:
                continue
            gap = text[mk.end:e]
            safe = mk.partner is not None
            yield Finding(mk.start, e, f"opening {mk.ch} is stuck to the word before it and separated from the "
                                       f"quotation; write '{gap}{mk.ch}'",
                          Fix.replace(mk.start, e, gap + mk.ch, "Move the space before the opening mark", safe))
