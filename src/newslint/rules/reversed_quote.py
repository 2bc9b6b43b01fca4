"""Reversed quote: an opening quotation mark used to close a quotation, or a closing one to open it.

Smart-quote software decides a mark's direction from the character before it, so a mark typed
after a dash, a bracket or a deleted space often comes out turned the wrong way: “Hello,“ he
said or ”Hello,” he said; after a digit it may even become an inch mark (a score of “5″).
Pairing (see NL110) shows which end of a quotation the mark is at; the fix turns it round and is
safe when the pair is unambiguous.

Bad:  “Freezing the talks is entirely the initiative of Ukraine,“ he concluded.
Good: “Freezing the talks is entirely the initiative of Ukraine,” he concluded.

Not findings: German and Russian closing “ („…“, «… „…“ …» with `lang: de`/`ru`); apostrophes
(see NL117 `wrong-apostrophe`); marks of another language (NL115 `foreign-quotes`).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..quotes import analyse

ID = "NL118"
NAME = "reversed-quote"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_MIRROR = {"“": "”", "”": "“", "‘": "’", "’": "‘", "″": "”"}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each mark drawn the wrong way round for its place in the quotation."""
    q = analyse(doc)
    if q is None:
        return
    prof = q.profile
    own = prof.marks
    for mk in q.flagged():
        if mk.flag not in ("reversed", "prime") or mk.role not in ("open", "close") or mk.masked:
            continue
        want = _MIRROR.get(mk.ch, "")
        if want not in own or not want:
            continue
        where = "closes" if mk.role == "close" else "opens"
        if mk.flag == "prime":
            where = "(a double prime, the inch mark) closes"
        safe = mk.sure and mk.partner is not None and mk.partner.sure
        yield Finding(mk.start, mk.end, f"{mk.ch} {where} a quotation here; use {want}",
                      Fix.replace(mk.start, mk.end, want, f"Use {want}", safe))
