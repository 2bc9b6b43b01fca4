"""Doubled punctuation: the same mark typed twice (`,,` `;;` `..` `::` `!!` `??`).

A doubled comma, semicolon, colon or full stop is a slip of the keyboard (or of an edit that
joined two sentences); a doubled `!` or `?` is shouting that news copy does not do. The fix
keeps one mark. Two full stops before a lower-case word may be a clipped ellipsis (`Well..
maybe`), so that fix is unsafe; before a capital, the end of the line or a closing mark it is
safe.

Not findings: an ellipsis (`...`, `....`) and dot leaders (`.....`), runs of three or more
commas or semicolons (empty fields, code), `..` in paths and ranges (`../docs`, `1..10`),
`::` inside a word (`std::vector`, IPv6 `::1`), an abbreviation before a comma (`D.C.,`),
mixed marks (`?!`, `!?`, `.,`), and `???` standing alone as a placeholder.

Bad:  Talks resumed,, officials said.. They gave no date!!
Good: Talks resumed, officials said. They gave no date!
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..prose import MASK
from ..typography import scan

ID = "NL101"
NAME = "doubled-punctuation"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"marks": ",;:.!?"}

_AFTER_WORD = ")]\"'”’*_"  # what may sit between a word and its punctuation
_END = "\n \t\u00a0" + MASK + ")]\"'”’»*_"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report a mark typed twice; the fix deletes the second one."""
    marks = opts["marks"]
    pt = doc.prose_text
    n = len(pt)
    for s, e in scan(doc).runs:
        mark = pt[s]
        if pt[s:e] != mark * (e - s):
            continue  # mixed marks (?!, .,) or an ellipsis with company: not doubling
        length = e - s
        if mark not in marks or length < 2:
            continue
        before = pt[s - 1] if s else ""
        after = pt[e] if e < n else "\n"
        if not (before.isalnum() or before in _AFTER_WORD) or before in "\n" + MASK or not before:
            continue
        if mark in ",;" and length == 2:
            yield _finding(s, e, mark, True)
        elif mark == ":" and length == 2 and after in _END:
            yield _finding(s, e, mark, True)
        elif mark == "." and length == 2 and after in _END:
            nxt = pt[e:e + 3].lstrip(" \t\u00a0")[:1]
            safe = after != " " or not nxt or nxt.isupper() or nxt in "\n" + MASK
            yield _finding(s, e, mark, safe)
        elif mark in "!?" and after in _END and before.isalnum():
            yield _finding(s, e, mark, True)


def _finding(s: int, e: int, mark: str, safe: bool) -> Finding:
    return Finding(s, e, f"'{mark}' typed {e - s} times; use one",
                   Fix.delete(s + 1, e, f"Keep one '{mark}'", safe=safe))
