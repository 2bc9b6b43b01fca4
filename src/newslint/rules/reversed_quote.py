"""Reversed quote: an opening quotation mark used to close a quotation, or a closing one to open it.

Smart-quote software decides a mark's direction from the character before it, so a mark typed
after a dash, a bracket or a deleted space often comes out turned the wrong way: “Hello,“ he
said or ”Hello,” he said, or both marks of a pair (”Hello,“ he said); after a digit it may even become an inch mark (a score of “5″).
Pairing (see NL110) shows which end of a quotation the mark is at; the fix turns it round and is
safe when the pair is unambiguous.

Two single marks typed for a double one (Word turns a typed '' into ‘’) are a reversed pair
too: ‘’blameless postmortem’’ opens with ‘’ and closes with ’’ in one paragraph, and
the safe fix writes “blameless postmortem”.

Bad:  “Freezing the talks is entirely the initiative of Ukraine,“ he concluded.
Good: “Freezing the talks is entirely the initiative of Ukraine,” he concluded.
Bad:  We call it a ‘’blameless postmortem’’ because no one is at fault.
Good: We call it a “blameless postmortem” because no one is at fault.

An opening mark at the very end of a paragraph, glued to the text before it, opens nothing: it is
a closing mark drawn the wrong way (improvement.“), reported with an unsafe fix to ”. So is one
typed after a sentence's end and a stray space while a quotation is open (family, too. “): it
closes that quotation (space-inside-quotes reports the space).

In German, Czech and Slovak (and Russian quotations inside «…») the language's closing “ typed
at both ends (“Matz“) opens the quotation with the wrong mark: the fix writes „ (safe when the
pair is sure).

A link's title (`[x](url "What Is a “Terms of Service“")`), hidden from prose but shown as a
tooltip, is read too: a title with exactly two double marks the same way round, the reversed one
plain from its neighbours, gets the safe fix (not in a language whose quotation closes with “).

Not findings: a closing mark typed into a word or before one that nothing closes (`the hos”pital`):
it opens no quotation, and NL110 `unclosed-quote` reports it; German and Russian closing “ („…“, «…
„…“ …» with `lang: de`/`ru`); apostrophes (see NL117 `wrong-apostrophe`); marks of another language
(NL115 `foreign-quotes`); a closing ’’ with no ‘’ before it in the paragraph (‘the girls’’ coats’: a
plural possessive before a closing single mark); the last letter of a dash read in the wrong
encoding (`resourcesâ€”both`: mojibake reports it).

A mark written as an entity (`&#8221;pilot&#8221;`, `2014&#8243;`) is the mark it prints: reported
as a typed one, the fix writing the right mark as an entity too.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.targets import link_titles
from ..model import Finding, Fix
from ..patterns import lazy
from ..quotes import MIRROR, analyse, attributed_after, entity, spelled_like

ID = "NL118"
NAME = "reversed-quote"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

# Two single marks for a double: ‘’ before a word, ’’ after a word or its punctuation.
_TWIN = lazy(r"(?<![\w‘’])‘’(?=[\w*_\ue000])|(?<=[\w.,!?;:*_…)\ue000])’’(?![\w‘’])")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each mark drawn the wrong way round for its place in the quotation."""
    yield from _in_titles(doc)
    q = analyse(doc)
    if q is None:
        return
    prof = q.profile
    own = prof.marks
    lone = q.lone
    text = doc.text
    for mk in q.flagged():
        if mk.flag not in ("reversed", "prime") or mk.role not in ("open", "close") \
                or (mk.masked and not entity(text, mk)):
            continue  # (a mark written as an entity is the mark it prints: &#8221;pilot&#8221;)
        if id(mk) in lone:
            continue  # a ” that opens nothing and is never closed: unclosed-quote reports it
        want = MIRROR.get(mk.ch, "")
        if want not in own or not want:
            continue
        where = "closes" if mk.role == "close" else "opens"
        if mk.flag == "prime":
            where = "(a double prime, the inch mark) closes"
        safe = mk.sure and mk.partner is not None and mk.partner.sure
        # (change,“ said Roth with nothing open: its opening mark is elsewhere, but nothing else
        # stands between a quotation's comma and who said it)
        safe = safe or (mk.partner is None and mk.role == "close" and attributed_after(doc.prose_text, mk))
        yield Finding(mk.start, mk.end, f"{mk.ch} {where} a quotation here; use {want}",
                      Fix.replace(mk.start, mk.end, spelled_like(text[mk.start:mk.end], want), f"Use {want}", safe))
    yield from _closer_opens(q, lone)
    if "’" in q.present:  # (‘’…’’ needs ’ in the text, which the analysis knows: no search of the prose)
        yield from _twins(doc.prose_text)


def _closer_opens(q: Any, lone: frozenset[int]) -> Iterator[Finding]:
    """German, Czech, Slovak (and a Russian quotation inside «…»): “Matz“, a quotation opened with
    its own closing mark, the high 66 typed for the low „ at both ends. The pair is the language's
    closer twice; no other language's pair is “…“, so foreign-quotes has nothing to say of it."""
    prof = q.profile
    opener_of = {c: o for o, c in prof.levels + prof.also if c not in prof.openers}
    if not opener_of:
        return
    for mk, partner in q.pairs():
        want = opener_of.get(mk.ch)
        if want is None or partner.ch != mk.ch or mk.masked or mk.flag or id(mk) in lone:
            continue
        yield Finding(mk.start, mk.end, f"{mk.ch} opens a quotation here; use {want}",
                      Fix.replace(mk.start, mk.end, want, f"Use {want}", mk.sure and partner.sure))


def _twins(pt: str) -> Iterator[Finding]:
    """‘’…’’ in one paragraph: two single marks typed for each double one."""
    if "’’" not in pt:
        return
    opener = -1
    for m in _TWIN().finditer(pt):
        if pt[m.start()] == "‘":
            opener = m.start()
        elif opener >= 0 and "\n\n" not in pt[opener:m.start()]:
            yield Finding(opener, opener + 2, "two single quotation marks open this quotation; use “",
                          Fix.replace(opener, opener + 2, "“", "Use “"))
            yield Finding(m.start(), m.end(), "two single quotation marks close this quotation; use ”",
                          Fix.replace(m.start(), m.end(), "”", "Use ”"))
            opener = -1


# Languages whose own pair closes with “ („…“, «…„…“…»): a title's “…“ is not reversed there
_LOW_OPENERS = ("de", "cs", "sk", "ru", "uk", "bg", "lt", "is", "et", "lv", "sl", "hr", "sr")


def _in_titles(doc: Document) -> Iterator[Finding]:
    """A link's title is not prose (the masker hides it), but its words show as a tooltip and to
    screen readers: a quotation inside it with both marks the same way round (“Terms of
    Service“, ”Terms of Service”) has one reversed. Only a title with exactly those two double
    marks, the reversed one unmistakable by its neighbours (“ after a word and before a space
    or the title's end; ” after a space or the title's start and before a word): the fix is
    safe. Not in a language whose own quotation closes with “ („Matz“)."""
    text = doc.text
    if "“" not in text and "”" not in text:
        return
    if doc.language.split("-")[0] in _LOW_OPENERS:
        return
    for ts, te in link_titles(doc):
        title = text[ts:te]
        marks = [i for i, ch in enumerate(title) if ch in "“”"]
        if len(marks) != 2 or "„" in title or "«" in title or title[marks[0]] != title[marks[1]]:
            continue
        a, b = marks
        if title[a] == "“" and title[b - 1: b].strip() and not title[b + 1: b + 2].isalnum():
            at, want = b, "”"  # “Terms of Service“ and …: the second closes
        elif title[a] == "”" and not title[a - 1: a].strip() and title[a + 1: a + 2].isalnum():
            at, want = a, "“"  # ”Terms of Service” and …: the first opens
        else:
            continue
        i = ts + at
        where = "closes" if want == "”" else "opens"
        yield Finding(i, i + 1, f"{text[i]} {where} a quotation in this link's title; use {want}",
                      Fix.replace(i, i + 1, want, f"Use {want}", reshapes=True))  # (a title is part of the link: the guard would refuse)
