"""Space inside quotes: a space just inside a quotation mark (or, in French, the wrong one).

English, German, Russian and Ukrainian set quotation marks tight against the quoted words.
French sets a no-break space inside « » (U+00A0, or the narrow U+202F): a plain space there
lets a line break strand the mark, and a missing one is a typo. The fix deletes the space (or,
in French, sets the no-break space) and is safe when the two marks pair unambiguously.

Bad:  “ Only with him. Without any intermediaries ,” he said.
Good: “Only with him. Without any intermediaries,” he said.

Bad (lang: fr):  Il a dit : « Seulement avec lui ».
Good (lang: fr): Il a dit : « Seulement avec lui ». (with no-break spaces inside)

A quotation left open (unclosed-quote reports it), or reopened in the next paragraph as a
quotation over paragraphs is, is judged too where its mark opens a sentence
and a space stands between the mark and a capital (`the event. “ This conference is`): the mark
opens whatever follows, so the space is a slip.

A mark written as an HTML entity (`&#8220; a plan&#8221;`, `&ldquo;a plan &rdquo;`) is the mark
it prints: the space inside it is reported and deleted as beside a typed mark (the edit
stays outside the entity).

Not findings: a quotation whose first or last line ends at a line break; a space after a colon
before the closing mark ("Total: " quotes a literal string); other marks that pair with
nothing (NL110/NL111 report those); the space beside a mark written as an escape (`\\"`) or
a YAML value's quote (the space inside its partner is still reported); an opening mark with its space on the wrong side
(NL112 `misplaced-quote-space`); in French, plain spaces inside « » in an article that sets no-break
ones on fewer than a third of its guillemets' inner sides (its habit: most French web writing leaves
them to the renderer; a missing space is still reported, and restored as a plain one), and a
no-break space written as an entity («&nbsp;mot&#x202F;»).
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..quotes import analyse, entity

ID = "NL113"
NAME = "space-inside-quotes"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_SPACES = " \t\u00a0\u202f\u2009"
# Where a quotation opens a sentence: after a sentence's end or a colon and a space, or at a line's start
_SENTENCE_BEFORE = lazy(r"(?:[.!?:][”’\"')\]]?[ \t]+|^[ \t>*-]*)\Z", re.M)
_NO_BREAK = ("\u00a0", "\u202f")  # exactly one of these is right inside French guillemets
_NBSP = r"&(?:nbsp|#160|#[xX]0*[aA]0|#8239|#[xX]202[fF]);"  # the same written as an entity
_NBSP_ENTITY = lazy(_NBSP)
_NBSP_ENTITY_END = lazy(_NBSP + r"\Z")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report spaces just inside each matched pair of quotation marks."""
    q = analyse(doc)
    if q is None:
        return
    text, prose = doc.text, doc.prose_text
    spaced, space = q.profile.spaced, q.profile.space
    french: list[tuple[str, tuple[Any, ...]]] = []
    no_break = 0
    for op, cl in q.pairs():
        if op.ch not in spaced and text[op.end] not in _SPACES and text[cl.start - 1] not in _SPACES:
            continue  # the common case: tight on both sides
        # (a mark written as an entity, &#8220;, is prose to a reader: the space beside it is
        # judged as beside a typed one, and its deletion never touches the entity; an escape or a
        # YAML value's quote is not, though the other mark of its pair may be spaced)
        op_off, cl_off = op.masked and not entity(text, op), cl.masked and not entity(text, cl)
        if (op_off and cl_off) or (op.flag == "misplaced" and cl.flag == "misplaced"):
            continue
        # a mark whose space is on the wrong side (”he said) is misplaced-quote-space's; the
        # other mark of the pair is still judged here (“ Only with him … ”he: the space after “)
        open_side, close_side = op.flag != "misplaced", cl.flag != "misplaced"
        safe = op.sure or cl.sure
        e = op.end
        while e < cl.start and text[e] in _SPACES:
            e += 1
        s = cl.start
        while s > e and text[s - 1] in _SPACES:
            s -= 1
        if e >= s or prose[e] == "\n" or prose[s - 1] == "\n":
            continue  # an empty quotation, or one that starts or ends at a line break
        if op.ch in spaced:
            if op.masked or cl.masked or not (open_side and close_side):
                continue
            after, before = text[op.end:e], text[s:cl.start]
            if not after and _NBSP_ENTITY().match(text, op.end):
                after = "\u00a0"  # «&nbsp;mot : the no-break space written as an entity
            if not before and _NBSP_ENTITY_END().search(text, max(0, cl.start - 10), cl.start):
                before = "\u00a0"
            for gap, side, finding in ((after, "after", (op.start, e, op.end, e, op.ch)),
                                       (before, "before", (s, cl.end, s, cl.start, cl.ch))):
                if gap in _NO_BREAK:
                    no_break += 1
                else:
                    french.append((gap, (*finding, side, safe)))
            continue
        if e > op.end and not op_off and open_side:
            yield Finding(op.end, e, f"space after opening {op.ch}; write {op.ch} next to the quoted word",
                          Fix.delete(op.end, e, "Delete the space", safe))
        if s < cl.start and text[s - 1] != ":" and not cl_off and close_side:  # "visitors per day: " quotes a literal string
            yield Finding(s, cl.start, f"space before closing {cl.ch}; write {cl.ch} next to the quoted word",
                          Fix.delete(s, cl.start, "Delete the space", safe))
    # the opening mark of a quotation that runs on, left open or reopened in the next paragraph
    # (the convention for a quotation over paragraphs), a space typed after it
    running = [m for m in q.marks if m.role == "open" and m.partner is None]
    for op in running:
        if op.ch in spaced or (op.masked and not entity(text, op)) or op.ch in q.profile.closers or op.ch not in q.profile.openers:
            continue  # (a mark that also closes, German “, may be a closing one turned round)
        e = op.end
        while e < len(text) and text[e] in " \t":
            e += 1
        if e > op.end and prose[e: e + 1].isupper() and _SENTENCE_BEFORE().search(prose, max(0, op.start - 4), op.start):
            yield Finding(op.end, e, f"space after opening {op.ch}; write {op.ch} next to the quoted word",
                          Fix.delete(op.end, e, "Delete the space"))
    habit = 3 * no_break < sum(1 for gap, _ in french if gap) + no_break  # plain spaces, mostly
    for gap, (start, end, gap_start, gap_end, mark, side, safe) in french:
        if not gap:  # a missing space is restored as the article sets them
            yield _french(start, end, gap_start, gap_end, mark, side, " " if habit else space, safe)
        elif not habit:  # a plain space is a slip only where no-break ones are the habit
            yield _french(start, end, gap_start, gap_end, mark, side, space, safe)


def _french(start: int, end: int, gap_start: int, gap_end: int, mark: str, side: str, space: str,
            safe: bool) -> Finding:
    what = "no space" if gap_start == gap_end else "a breaking space"
    kind = "space" if space == " " else "no-break space"
    return Finding(start, end, f"{what} {side} {mark}; French sets a {kind} inside « »",
                   Fix.replace(gap_start, gap_end, space, f"Set a {kind}", safe))
