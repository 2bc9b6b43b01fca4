"""Stray closing quotation mark: a closing mark with no opening mark before it in its paragraph.

Pairing is per paragraph (see NL110 `unclosed-quote`). In a quotation that runs over several
paragraphs, each paragraph must open again with the opening mark; a paragraph that only closes
is reported here.

A closing mark typed twice (``“Hello””``) leaves one closing nothing: the safe fix deletes it
(where neither of the two closes anything, ``Biome"".``, the second is the one typed twice and
the first is reported as closing nothing: one deletion, not two); other stray marks have no fix (which opening mark is missing, and where, is a guess). A typed
closing mark that shuts a quotation an entity opened (`&#8220;… research” such as …&#8221;`),
leaving the entity closer after it nothing to close, is reported: the entity is the text's own.

A double quotation mark typed into a word (``the pr”ogram``, ``Fe“deral``, ``sat"oshi``) pairs
with nothing and is reported here as a mark inside the word, with a safe fix that deletes it:
in English where the word without it is in the shipped word list, or, for a curly mark, where
the two sides are not both words (``took over”our`` is a quoted phrase that lost its space:
missing-space-after-punctuation's); in any language where the article writes that word
elsewhere (in English, its singular or plural counts: outpoint beside ``out“points``); and in another language a mark that cannot open a quotation there, between two
lower-case letters with no quotation open (German ``aus”gegangen``), and one that could open or
close there but pairs with nothing: an opening mark that no spare closing mark after it closes
(Portuguese ``vota“ram``, ``mem“bro``, French ``« Nous ver“rons »``, where » closes «), a closing
mark while later ones close the open quotations (``“O pro”jeto é bom”``), and a straight " read
either way by whether a quotation is open (Spanish ``olv"ido``), unless both sides are words the article writes alone
(``disse“a proposta``: an opening mark that lost its space; unclosed-quote's). Not so before a
plural or a contraction's ending (``“yes”s``, ``don”t``, ``we”re``: wrong-apostrophe's), but an
ending that makes no contraction with the letters before it is part of the word (``he”re``,
``the“re``, ``ca”t``, ``wi”ll``: n’t follows an n, ’re and ’ve a pronoun, ’d and ’ll a pronoun or a
word they make no other word with). Between two English words that make one the word list lacks
(``bug“fix``, ``sub"domain``, ``key”path``), with nothing open and no closing mark after it (a “ that
ends the paragraph after a word is one, turned round: ``to“provide … services.“`` is a quotation whose
opening mark lost its space, NL112's, and whose closing mark is turned round, NL118's), the mark
is reported so too; the deletion is safe for a closing mark (with nothing open it closes nothing,
spaced or not) and for an opening or straight one in an article that closes its other quotations,
where the quotation does not go on past the paragraph (the next one reopening it, an HTML block or
a list after it); else it is unsafe: it may be an opening mark that lost its space and left its
quotation open, as the article's others are.
Not after a lone capital before a
name (``O”Brien``); nor after an elided word in French and Italian (``l”homme``, ``dell”anno``: an
apostrophe, wrong-apostrophe's); nor between letters without case (Chinese ``他说“我们走”``).

A ” inside a quotation whose own closing mark comes later is reported too: one drawn with
straight marks (`"He said ” no to the plan"`), or one that ends a link's text opened inside the
quotation (`“Read the [city website”][site] now,”`: a quotation does not close inside a link it
holds); no fix (the mark may have been meant elsewhere).

A stray closing mark with its space on the wrong side as well (`leave, ”said the minister.`) is
reported once, by NL112 `misplaced-quote-space`, whose fix moves the space; this rule reports it
after that.

A stray straight " in a curly article is reported here only (straight-quotes leaves a mark that
pairs with nothing alone: curling it would not mend the text).

Not findings: a closing mark that ends a quotation opened with the other kind of mark (‘We went to
the port city,” she said: NL110 `unclosed-quote` reports the pair once); ’ and ' with nothing to
close (apostrophes: the Smiths’ house, goin’); inch marks after digits (a 27" screen); marks in
code, URLs, HTML and shortcodes, or written as escapes (a mark written as an entity, `&#8221;`, is
the mark it prints: one with nothing to close is reported as a typed one); a closing mark after an HTML block whose
text has a quotation mark (the quotation may open there); the last letter of a dash read in the
wrong encoding (`resourcesâ€”both`: mojibake reports it).

Bad:  Only with him, ” he said.
Good: “Only with him,” he said.
Bad:  The pr”ogram starts in May.
Good: The program starts in May.
Bad:  The team will be he”re on Monday.
Good: The team will be here on Monday.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..quotes import DOUBLE, Mark, analyse, entity, misplaced_space, word_parts

ID = "NL111"
NAME = "stray-closing-quote"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each closing mark that closes nothing."""
    q = analyse(doc)
    if q is None:
        return
    text = doc.text
    strays = {mk.start for mk in q.stray if not mk.masked or entity(text, mk)}
    for mk in q.stray:
        if mk.masked:
            typed = _typed_closer(q.marks, mk)
            if typed is not None:  # &#8220;… research” such as …&#8221;: the typed ” is the stray one
                yield Finding(typed.start, typed.end, f"closing {typed.ch} before the {mk.ch} written as an entity "
                                                      "that closes this quotation; delete one")
                continue
            if not entity(text, mk):
                continue  # (an escape or a YAML value's quote is not the prose's own mark)
            # else a closing mark written as an entity with nothing to close: reported as a typed one
        if misplaced_space(text, mk):
            continue  # (leave, ”said the minister: one finding, misplaced-quote-space's)
        if mk.flag == "inword":
            word = "".join(word_parts(text, mk))
            yield Finding(mk.start, mk.end, f"{mk.ch} inside the word “{word}”; delete it",
                          Fix.delete(mk.start, mk.end, f"Delete the {mk.ch}", safe=mk.sure))
            continue
        if mk.flag == "inside":  # "He said ” no to the plan": the quotation closes later
            yield Finding(mk.start, mk.end, f"closing {mk.ch} inside a quotation that closes later; delete it")
            continue
        # (Biome"": where both close nothing, the second is the one typed twice)
        raw = text[mk.start:mk.end]  # (the mark as written: ”, or &#8221;)
        if text.endswith(raw, 0, mk.start) or (text.startswith(raw, mk.end) and mk.end not in strays):
            yield Finding(mk.start, mk.end, f"closing {mk.ch} typed twice; delete one",
                          Fix.delete(mk.start, mk.end, f"Delete the second {mk.ch}"))
            continue  # “Hello””: the doubled mark is the one that closes nothing
        yield Finding(mk.start, mk.end, f"closing {mk.ch} has no opening mark before it in this paragraph; "
                                        "add the opening mark or delete this one")


def _typed_closer(marks: list[Mark], stray: Mark) -> Mark | None:
    """The typed closing mark, of ``stray``'s family and in its paragraph, that closed the quotation
    an entity opened before ``stray``, an entity closer, found nothing left to close."""
    family = stray.ch in DOUBLE
    for m in reversed(marks):
        if m.start >= stray.start:
            continue
        if m.unit != stray.unit:
            return None
        if m.role == "close" and (m.ch in DOUBLE) == family:
            partner = m.partner
            return m if not m.masked and partner is not None and partner.masked else None
    return None
