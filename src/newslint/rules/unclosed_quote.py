"""Unclosed quotation: an opening quotation mark that nothing closes in its paragraph.

Quotation marks are paired per paragraph (heading, table cell, front-matter field) with a
stack, under the article's language (front matter `lang`/`language`/`locale`, else the
config's `language`): English “…” and ‘…’, Russian and Ukrainian «…» with „…“ inside, German
„…“ and ‚…‘, French «…» (see rules/quotes.yaml). A quotation that runs over several paragraphs
is not an error: by convention its opening mark is repeated at the start of each paragraph and
it closes only at the end, so an open quotation is accepted when the next paragraph starts
with an opening mark, unless it opened right after a word inside a clause (ideas tested in a
“test small, fail small environment): such a quotation starts a paragraph or follows a colon,
a comma, a dash or a word of saying, and a quoted phrase that lost its closing mark does not;
nor does it open with a lower-case word after a colon, a comma or a dash (the effort must be
widespread: “all the time, everywhere): such a fragment is woven into the writer's sentence,
while a quotation over paragraphs quotes whole sentences of speech.
Nor when a quotation of the same marks follows it in its paragraph (“We want to be partners. The
service … and “partners” is the word.): a quotation inside a quotation takes the other marks, so
the first one's closing mark was lost before that one.

An unclosed quotation followed by an attribution (“We need a prize purse, Ortega said.; the
name may be a link or emphasised: said [Ryan Panchadsaram](…); a title's author: “Why Go, by
Rob Pike; a name with who they are between commas: “… innovation, Stephen Goldsmith, director of
the program, wrote) lost its closing mark before it:
the finding runs from the opening mark to the comma, with an unsafe fix that inserts the mark
after the comma; so did a testimonial whose signature follows a sentence's end and a spaced
dash (“I loved working on the team. — **Noah Manger**): the mark goes after the full stop. So did
a quotation whose paragraph ends with a comma (“We will go, ⏎⏎ “Then we stop,” she said.): a
quotation that runs over paragraphs leaves each one at a sentence's end, so the finding runs to
that comma, and the unsafe fix closes the quotation after it. So did a quotation after which
the writer's sentence goes on in lower case past a ! or ? (Robert stated, “I’m not an engineer
by trade! yet found his way): the unsafe fix closes it after that mark. Such a quotation is
reported even when the next paragraph opens with a mark, and so is one opened after an aside
in brackets (ready to (digitally) “put pen to paper), inside a clause.

A quotation that runs on into the next paragraphs without reopening them (closing in a later
paragraph) is reported once, at the first paragraph that should open with the mark; the fix
inserts the mark at the start of each such paragraph and is unsafe. An opening mark typed twice
(``““Hello”``) leaves one open: the safe fix deletes it (where neither is closed, ``““Interact
booth``, the second is reported: one deletion, not two). A quotation closed with two
apostrophes (“in the weeds'' on, a typewriter's or LaTeX's closing mark) is reported there, with
a safe fix to the closing mark. A quotation written as entities pairs its own entities, so a
mark typed inside it (``&#8220;we take the “agile path&#8221;``) is the one left open.

A quotation opened with one kind of mark and closed with the other, nothing between (‘We went to
the port city,” she said) is one finding, from one mark to the other: either may be the slip.

A lone mark is reported here and by no other quote rule, whatever its glyph: a straight " in a
curly article (straight-quotes) or a ” before a word (reversed-quote) that nothing closes. One
with its space on the wrong side as well (`he said“ the plan would work.`) is reported once, by
NL112 `misplaced-quote-space`, whose fix moves the space; this rule reports it after that.

Not findings: apostrophes (’90s, ’em, rock ’n’ roll, the Smiths’ house) and a straight ' that
nothing closes (it is read as an apostrophe); inch and foot marks after digits (6'2"); marks
in code, URLs, HTML attributes and shortcodes; marks written as escapes (\\"); a quotation
that introduces a list and closes at its end; one that may have opened in an HTML block; the
last letter of a dash read in the wrong encoding (`9â€“5`: mojibake reports it).

A mark written as an HTML entity (`&#8220;`, `&ldquo;`) is the mark it prints: one left open is
reported as a typed one, and a fix that inserts a mark writes it as the opening one is written
(`&#8220;…,&#8221; Koch said`).

Bad:  “Only with him. Without any intermediaries, he pointed out.
Good: “Only with him. Without any intermediaries,” he pointed out.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..patterns import lazy
from ..quotes import (DOUBLE, Profile, analyse, attribution, comma_end, entity, misplaced_space, narration,
                      next_of_family, spelled_like)

ID = "NL110"
NAME = "unclosed-quote"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each opening mark left open at the end of its paragraph."""
    q = analyse(doc)
    if q is None:
        return
    text = doc.text
    opened = {mk.start for mk in q.unclosed}
    for mk in q.unclosed:
        if (mk.masked and not entity(text, mk)) or (misplaced_space(text, mk) and id(mk) not in q.mismatched):
            continue  # (said“ the plan: one finding, misplaced-quote-space's, whose fix comes first)
        raw = text[mk.start:mk.end]  # (the mark as written: “, or &#8220;)
        if text.startswith(raw, mk.end) and mk.end in opened:
            continue  # ““Interact, neither closed: one finding, the second mark's (one deletion, not two)
        if text.startswith(raw, mk.end) or text.endswith(raw, 0, mk.start):
            yield Finding(mk.start, mk.end, f"opening {mk.ch} typed twice; delete one",
                          Fix.delete(mk.start, mk.end, f"Delete the second {mk.ch}"))
            continue  # ““Hello”: the doubled mark is the one left open
        typed = _two_apostrophes(doc, mk)
        if typed is not None:
            close = _closer(q.profile, mk.ch)
            yield Finding(typed, typed + 2, f"the quotation opened with {mk.ch} is closed with two apostrophes ''; "
                                            f"use {close}", Fix.replace(typed, typed + 2, close, f"Use {close}"))
            continue
        closer = q.mismatched.get(id(mk))
        if closer is not None:
            yield Finding(mk.start, closer.end, f"the quotation opened with {mk.ch} is closed with {closer.ch}, a mark "
                                                f"of the other kind; use {mk.ch}…{_closer(q.profile, mk.ch)} or "
                                                f"{_opener(q.profile, closer.ch)}…{closer.ch}")
            continue
        # Where it should close: before an attribution, or at the comma that ends its paragraph.
        # (The finding runs from the opening mark, where the quotation starts, to that mark:
        # either may be the slip.)
        at = attribution(doc, mk)
        why = f"an attribution follows the '{text[at - 1]}'" if at is not None else ""
        if at is None:
            at = comma_end(doc, mk)
            why = "its paragraph ends with the comma"
        if at is None:
            at = narration(doc, mk)
            why = f"the sentence goes on in lower case after the '{text[at - 1]}'" if at is not None else ""
        if at is not None:
            # (the mark inserted is written as the opening one is: &#8220; closes with &#8221;)
            close = _closer(q.profile, mk.ch)
            yield Finding(mk.start, at, f"the quotation opened with {mk.ch} is never closed, and {why} that ends "
                                        f"this span; close it there with {close}",
                          Fix.insert(at, spelled_like(raw, close), f"Close the quotation with {close}", safe=False))
            continue
        yield Finding(mk.start, mk.end, f"opening {mk.ch} is never closed in this paragraph; "
                                        "add the closing mark or delete this one")
    for opener, closer, starts in q.continued:
        if opener.masked and not entity(text, opener):
            continue
        mark = opener.ch
        edits = tuple(Edit(at, at, spelled_like(text[opener.start:opener.end], mark)) for at in starts)
        yield Finding(starts[0], starts[0] + 1,
                      f"the quotation opened above with {mark} continues in this paragraph; a quotation over "
                      f"several paragraphs opens each one again: start it with {mark}",
                      Fix(edits, f"Start each continued paragraph with {mark}", safe=False))


# Two straight apostrophes after a word or a sentence's mark, ending it: a typewriter's (or
# LaTeX's) closing double quotation mark. Not after a digit: 12'' is inches.
_TWO_APOSTROPHES = lazy(r"(?<=[^\W\d_]|[.,!?;:…])''(?![\w'])")


def _two_apostrophes(doc: Document, mk: Any) -> int | None:
    """Where two apostrophes close the open double quotation ``mk`` in its paragraph (before any
    other double mark), or None."""
    if mk.ch not in DOUBLE or mk.unit < 0:
        return None
    P = doc.prose_text
    end = doc.blocks[mk.unit].end
    nxt = next_of_family(doc, mk, end)  # (the search stops there: linear over a paragraph)
    m = _TWO_APOSTROPHES().search(P, mk.end, nxt if nxt is not None else end)
    return None if m is None else m.start()


def _opener(prof: Profile, closer: str) -> str:
    """The opening mark of ``closer`` in the language's profile."""
    return next((o for o, c in prof.levels + prof.also if c == closer), "“" if closer in DOUBLE else "‘")


def _closer(prof: Profile, opener: str) -> str:
    """The closing mark of ``opener`` in the language's profile (a straight mark closes itself)."""
    if opener in "\"'":
        return opener
    return next((c for o, c in prof.levels + prof.also if o == opener), "”" if opener in DOUBLE else "’")
