"""Misplaced quote space: a quotation mark with its space on the wrong side.

A closing mark goes right after the quoted words and the space after it; an opening mark goes
after the space and right before the quoted words. Translated and hurried copy often gets this
backwards, which also turns the mark the wrong way when software curls it. The pairing (see
NL110) decides that the mark closes (or opens) a quotation; the fix moves the space across the
mark and is safe when the pairing is unambiguous. A ” stuck to an attribution after a clause
(`making that change, ”said Roth.`) closes a quotation even when its opening mark was lost,
and a “ stuck to the word before it inside a quotation opens a nested one when more closing
marks follow than the open quotations can take (`the word“ damage” to assess … earthquake.”`).

A mark out of place that also pairs with nothing (`he said“ the plan would work.`, `leave, ”said
the minister.`: its partner was lost too) is one finding here, not a second one by NL110
`unclosed-quote` or NL111 `stray-closing-quote` on the same mark: the message says that nothing
closes (or opens) it, and the fix that moves the space comes first; the next lint reports the lost
mark. That fix is safe when the mark pairs, or when an opening mark stands right after a letter
(`said“ the`): one drawn as an opening mark after a comma (`home,“ he said`) with nothing to
close may be a closing mark turned round.

An opening mark glued to the word before it and to the quoted words, paired with a closing mark
after them (`he said“The plan works,” and`, `how to use them to“grid” your website`), lost the
space before it: the safe fix inserts it. Only a mark that opens and never closes in the
article's language, or a straight " whose partner is a straight " shaped as a closing mark
(`dijo"hola" a`), after a letter that has a case (Chinese sets “ without spaces).

Bad:  “And not on the terms of ultimatums, ”he pointed out.
Good: “And not on the terms of ultimatums,” he pointed out.

Bad:  He said“ Only with him.”
Good: He said “Only with him.”

Bad:  He called it a“special operation” on Tuesday.
Good: He called it a “special operation” on Tuesday.

A mark written as an HTML entity is the mark it prints (`even&#8220; eats`, `ultimatums,
&#8221;he`, `said&#8220;The`): reported as a typed one, the fix moving the space across the
entity whole.

Not findings: a mark that opens a nested quotation (`“He told me, ‘Stop.’”`); apostrophes
before a word (’90s, ’em).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..quotes import MISPLACED_SPACES, Mark, Profile, analyse, entity

ID = "NL112"
NAME = "misplaced-quote-space"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_SPACES = MISPLACED_SPACES


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each mark whose space sits on the wrong side, with a fix that moves it, and each
    opening mark glued to the word before it, with a fix that inserts the space."""
    q = analyse(doc)
    if q is None:
        return
    text = doc.text
    lone = q.lone
    for mk in q.flagged():
        if mk.flag != "misplaced" or (mk.masked and not entity(text, mk)):
            continue  # (a mark written as an entity is the mark it prints; the fix moves the space across it whole)
        alone = id(mk) in lone
        raw = text[mk.start:mk.end]  # (the mark as written: ”, or &#8221;)
        if mk.role == "close":
            s = mk.start
            while s > 0 and text[s - 1] in _SPACES:
                s -= 1
            if s == mk.start:
                continue
            gap = text[s:mk.start]
            also = "; no opening mark comes before it in this paragraph" if alone else ""
            yield Finding(s, mk.end, f"closing {mk.ch} is separated from the quotation and stuck to the next "
                                     f"word; write '{mk.ch}{gap}'{also}",
                          Fix.replace(s, mk.end, raw + gap, "Move the space after the closing mark", mk.sure))
        elif mk.role == "open":
            e = mk.end
            while e < len(text) and text[e] in _SPACES:
                e += 1
            if e == mk.end:
                continue
            gap = text[mk.end:e]
            # (unpaired, or its quotation running on to the next paragraph: safe after a letter,
            # said“ the plan; after a comma it may be a closing mark turned round, home,“ he said)
            safe = mk.partner is not None or text[mk.start - 1: mk.start].isalpha()
            also = "; nothing closes it in this paragraph" if alone else ""
            yield Finding(mk.start, e, f"opening {mk.ch} is stuck to the word before it and separated from the "
                                       f"quotation; write '{gap}{mk.ch}'{also}",
                          Fix.replace(mk.start, e, gap + raw, "Move the space before the opening mark", safe))
    for op, cl in q.pairs():
        if _glued_opening(doc.prose_text, op, cl, q.profile, text):
            yield Finding(op.start, op.end, f"opening {op.ch} is glued to the word before it; write ' {op.ch}'",
                          Fix.insert(op.start, " ", "Insert a space before the opening mark"))


def _glued_opening(P: str, op: Mark, cl: Mark, prof: Profile, text: str) -> bool:
    """Is ``op`` an opening mark glued to a word on both sides (said“The), its closing mark
    ``cl`` shaped as one (glued to the quoted words, a space or punctuation after)? (Either may
    be written as an entity, said&#8220;The: the space goes before it.)"""
    if (op.masked and not entity(text, op)) or (cl.masked and not entity(text, cl)) or op.flag or op.lsp or op.rsp or not cl.rsp or cl.lsp:
        return False
    if op.ch == '"':
        if cl.ch != '"':
            return False  # (a straight mark opens and closes: only its pair's shape tells, dijo"hola")
    elif op.ch not in prof.openers or op.ch in prof.closers:
        return False
    before, after = P[op.start - 1: op.start], P[op.end: op.end + 1]
    return before.isalpha() and before.lower() != before.upper() and after.isalnum()
