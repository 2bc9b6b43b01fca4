"""Space inside brackets: a space just inside parentheses or square brackets (`( text )`).

Text hugs its brackets: `(text)`, `[text]`. A space inside a link's text (`[ text ](url)`)
becomes part of the link, underlined; so it does when the link's text is its address
(`[ www.nasa.gov](http://www.nasa.gov/)`). An HTML entity next to the space is the character it
prints (`[&#8216;How&#8217;s My Waterway?&#8217; ](url)`, `( &#8220;Quoted&#8221;)`), unless it
prints a space, an invisible character or punctuation. When the space was meant to separate the
bracket from the word outside (`the[ product ](url)leader`), the fix moves it outside; otherwise
it deletes it (also after an elided word of the article's language, glued to the next word:
Italian `dell’[ Agenzia](url)` is `dell’[Agenzia](url)`; between the brackets of a citation
glued to its word: `III(A )(2)` is `III(A)(2)`; and in one word's brackets glued to it:
`image( s)` is `image(s)`).

Emphasis spaced wrong is reported too: a space just inside a `**` marker (`named**
National Month**`, `**Note: **the`), which CommonMark then prints as two asterisks (the fix
moves the space outside, or deletes it at a line's end, making the bold), and a marker moved
one letter into its word (`P**ro**`, `**Security as an afterthough**t`: the fix moves it to the
word's edge); a single
`*` or `_` (or `__`) only where the space can be read one way, after a space or a line's start
(`_ Bitcoin Core #23319_`) or before a space, a line's end or punctuation (`_BIPs #1421 _`). The
markers are paired in order in each paragraph: one with an odd number of them, a pair spaced
on both sides, one that runs over a line, a `_` inside a word (snake_case), and letters
emboldened one by one (`**l**i**s**t`) or a plural's s (`**API**s`) are left alone.

Not findings: empty brackets and task-list boxes (`( )`, `[ ]`, `[ x]`), a bracket at the start
or end of a line, a bracket with no partner nearby, emoticons (`:( `, and the space between a smiley and a closing
bracket: `(un scaffold :-) )`), a face drawn in parentheses with symbols and no word or number
(a kaomoji, `( • ᴗ • )`, `( ^_^ )`), a space before
punctuation (NL102) or next to an elision marker (`[ <…>`, NL106), and code, URLs and link
destinations (not prose).

Bad:  The delegation ( led by Vladimir Medinsky ) left. See [ the statement ](https://example.org).
Good: The delegation (led by Vladimir Medinsky) left. See [the statement](https://example.org).
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..quotes import profile
from ..typography import PUNCT, ellipses, entity_at, near_invisible, printed, scan

ID = "NL104"
NAME = "space-inside-brackets"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_PAIR = {"(": ")", "[": "]", ")": "(", "]": "["}
# A smiley that ends where the spaces before a closing bracket start, after a space or a line's start.
_EMOTICON = lazy(r"(?:^|(?<=\s))[:;=][-^']?[()DPp]$")
_SPACE = " \t"
_GLUE_BEFORE = ",.…;:!?)]>”’"  # after these (or a word) a bracket wants a space before it
_GLUE_AFTER = "([<“‘"  # before these (or a word) a bracket wants a space after it
_REACH = 1000  # how far to look for the partner bracket (an aside may run over several sentences)


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report spaces just inside brackets; the fix deletes them or moves them outside."""
    pt = doc.prose_text
    n = len(pt)
    sc = scan(doc)
    markers = {e.outer for e in ellipses(doc) if e.bracket}  # <…> (…) […]: NL106 rewrites them
    starts, ends = {a for a, _ in markers}, {b for _, b in markers}
    for i in sc.opening:
        j = i + 1
        while j < n and pt[j] in _SPACE:
            j += 1
        if j > i + 1 and pt[j:j + 1] == MASK and pt[i] == "[" and _url_at(doc, j, 0):
            pass  # [ www.nasa.gov](http://www.nasa.gov/): a link whose text is its URL, shown to readers
        elif j > i + 1 and pt[j:j + 1] == MASK and printed(entity_at(doc, j, 0), ")]" + PUNCT):
            pass  # ( &#8220;Quoted&#8221;): an entity is the character it stands for
        elif j == i + 1 or j >= n or pt[j] in "\n" + MASK + ")]" + PUNCT or (pt[i] == "[" and pt[j] in "xX✓✔" and pt[j + 1: j + 2] == "]"):
            continue  # empty, line end, a task-list box, or a space before punctuation (NL102's)
        if (i and pt[i - 1] in ":;=") or near_invisible(doc, i, j) or j in starts:
            continue  # an emoticon, or NL120 has a character to delete here first
        limit = _paragraph_end(pt, j)
        close = pt.find(_PAIR[pt[i]], j, limit)
        if close < 0 or (pt[i] == "(" and _kaomoji(pt, j, close)):
            continue
        before = pt[i - 1] if i else ""
        glued = before.isalnum() and pt[i] == "(" and " " not in pt[j:close].rstrip(_SPACE)  # image( s), f( x)
        if (before.isalnum() or (before and before in _GLUE_BEFORE)) and not (before in ")]" and _chained(pt, i - 1)) \
                and not glued and not _elided(doc, pt, i - 1):
            fix = Fix.replace(i, j, " " + pt[i], "Move the space outside the bracket")
        else:
            fix = Fix.delete(i + 1, j, "Delete the space")
        yield Finding(i, j, f"space after '{pt[i]}'", fix)
    for i in sc.closing:
        s = i
        while s > 0 and pt[s - 1] in _SPACE:
            s -= 1
        if pt[s - 1:s] == MASK and pt[i] == "]" and s != i and _url_at(doc, s, 1):
            pass  # [www.nasa.gov ](http://www.nasa.gov/)
        elif pt[s - 1:s] == MASK and printed(entity_at(doc, s, 1), "(["):
            pass  # [&#8216;How&#8217;s My Waterway?&#8217; ](url): the entity is a ’ before the space
        elif s == 0 or pt[s - 1] in "\n" + MASK + "([" or (pt[s - 1] in ":;=" and pt[i] == ")"):
            continue  # (an emoticon is :) or ; ), never with a square bracket: [Key: ](url) is a slip)
        elif s != i and pt[i] == ")" and _EMOTICON().search(pt[max(0, s - 6): s]):
            continue  # (a scaffold :-) ): the space keeps a smiley from its closing bracket; :-)) reads as one
        opened = pt.rfind(_PAIR[pt[i]], _paragraph_start(pt, s), s)
        if opened < 0 or near_invisible(doc, s, i + 1) or s in ends or (pt[i] == ")" and _kaomoji(pt, opened + 1, s)):
            continue
        k = i + 1
        while k < n and pt[k] == MASK and pt[i] == "]":
            k += 1  # past the link destination
        after = pt[k] if k < n else ""
        edits = [Edit(s, i, "")]
        title = "Delete the space"
        if (after.isalnum() or (after and after in _GLUE_AFTER)) and not (after in "([" and _chained(pt, i)):
            edits.append(Edit(k, k, " "))
            title = "Move the space outside the bracket"
        yield Finding(s, i + 1, f"space before '{pt[i]}'", Fix(tuple(edits), title))
    if "*" in pt or "_" in pt:
        yield from _emphasis(pt)


# Two letters or digits in a row: a word or a number. A parenthesis without one holds a face
# drawn with symbols (a kaomoji: `( • ᴗ • )`, `( ^_^ )`, `( ˘ω˘ )`), spaced on purpose.
_WORDLIKE = lazy(r"[^\W_]{2}")


def _kaomoji(pt: str, a: int, b: int) -> bool:
    """Is the text between parentheses (``a`` to ``b``) a face drawn with symbols: a symbol in
    it, and no word nor number (nor code or a link: a masked span)?"""
    inner = pt[a:b]
    # (a drawing has a symbol in it: `(A )` and `( 3)` are a citation's letter and number, slipped)
    return MASK not in inner and _WORDLIKE().search(inner) is None \
        and any(not ch.isalnum() and not ch.isspace() for ch in inner)


def _emphasis(pt: str) -> Iterator[Finding]:
    """Emphasis whose markers are spaced wrong, paired in order in each paragraph (one with an
    odd number of them is left alone): a space inside the opening or the closing marker (``the**
    Pro** plan``, ``**Note: **the``, ``*Pro *plan``), which CommonMark prints as the marks; and a
    ``**`` moved one letter into the word (``P**ro**``, ``**Pr**o``), which nobody types. A ``_``
    between two letters or digits (snake_case) is no marker."""
    for mark, pattern in _MARKERS:
        if mark not in pt or (mark != "**" and not _spaced(pt, mark)):
            continue  # (a single mark is judged only spaced: substring tests at C speed spare the pairing)
        width = len(mark)
        runs = [m.start() for m in pattern().finditer(pt) if m.end() - m.start() == width
                and not (mark[0] == "_" and pt[m.start() - 1: m.start()].isalnum() and pt[m.end(): m.end() + 1].isalnum())]
        para: list[int] = []
        find = pt.find
        for k, at in enumerate(runs):
            para.append(at)
            if k + 1 == len(runs) or find("\n\n", at, runs[k + 1]) >= 0:
                if len(para) % 2 == 0:
                    for o, c in zip(para[::2], para[1::2]):
                        # (most pairs hug their words with a space or a mark outside: no call for them)
                        if pt[o + width] == " " or pt[c - 1] == " " or pt[o - 1: o].isalpha() or pt[c + width: c + width + 1].isalpha():
                            yield from _emphasis_pair(pt, o, c, mark)
                para = []


def _spaced(pt: str, mark: str) -> bool:
    """Does ``mark`` stand anywhere with a space on the side where its text should be: after a
    space, a bracket or a line's start and before a space, or after a space and before a line's
    end or a punctuation mark? (The shapes a single mark's findings need: one search led by the
    mark itself, at C speed, spares the pairing in nearly every article.)"""
    return _SPACED[mark]().search(pt) is not None


def _spaced_pattern(mark: str) -> str:
    esc = re.escape(mark)
    return esc + r"(?:(?<![^ \n(\[]" + esc + r") |(?<= " + esc + r")(?=$|[\n.,;:!?)\]]))"


_SPACED = {mark: lazy(_spaced_pattern(mark)) for mark in ("*", "__", "_")}


_MARKERS = (("**", lazy(r"\*\*+")), ("*", lazy(r"\*+")), ("__", lazy(r"__+")), ("_", lazy(r"_+")))


def _emphasis_pair(pt: str, o: int, c: int, mark: str) -> Iterator[Finding]:
    """The findings of one pair of ``mark`` markers, ``o`` opening and ``c`` closing."""
    w = len(mark)
    inner = pt[o + w: c]
    if not inner.strip(" ") or len(inner) > 300 or "\n" in inner or MASK in inner[:1] + inner[-1:]:
        return
    lead, trail = len(inner) - len(inner.lstrip(" ")), len(inner) - len(inner.rstrip(" "))
    before, after = pt[o - 1: o], pt[c + w: c + w + 1]
    if mark != "**" and not ((lead and before in ("", " ", "\n", "(", "[")) or (trail and (not after or after in " \n.,;:!?)]"))):
        return  # a single * or _ only where it can be read one way: the pairing may have slipped
    if lead and not trail and pt[o + w + lead] not in MASK + "\n":
        if before.isalnum() or (before and before in _GLUE_BEFORE + MASK) or (before in ("_", "*") and pt[o - 2: o - 1].strip()):
            fix = Fix.replace(o, o + w + lead, " " + mark, "Move the space outside the emphasis", reshapes=True)
        else:
            fix = Fix.delete(o + w, o + w + lead, "Delete the space", reshapes=True)
        yield Finding(o, o + w + lead, f"space after the opening '{mark}' of emphasis", fix)
    elif trail and not lead and pt[c - trail - 1] not in MASK + "\n":
        edits = [Edit(c - trail, c, "")]
        if after.isalnum() or (after and after in _GLUE_AFTER + MASK) or (after and after in "-–—" and pt[c + w + 1: c + w + 2] == " "):
            # (a link or an entity after it is a word; a spaced dash wants its space: **Search **- Users)
            edits.append(Edit(c + w, c + w, " "))
        yield Finding(c - trail, c + w, f"space before the closing '{mark}' of emphasis",
                      Fix(tuple(edits), "Move the space outside the emphasis" if len(edits) > 1 else "Delete the space",
                          reshapes=True))  # (the marks print until the space goes: the fix makes the emphasis)
    elif mark == "**" and not lead and not trail and len(inner) >= 2:
        # (not letters emboldened one by one, "**l**i**s**t": no marker right outside the letter)
        if before.isalpha() and not pt[o - 2: o - 1].isalnum() and pt[o - 2: o - 1] not in ("*", "_") \
                and inner[0].islower() and not after.isalnum():
            yield Finding(o - 1, o + 2, f"emphasis opens inside the word “{(before + inner).split()[0]}”; move '**' before it",
                          Fix.replace(o - 1, o + 2, "**" + before, "Move the '**' before the word"))
        elif after.isalpha() and after != "s" and not pt[c + 3: c + 4].isalnum() and pt[c + 3: c + 4] not in ("*", "_") \
                and inner[-1].islower() and not pt[o - 1: o].isalnum():
            yield Finding(c, c + 3, f"emphasis closes inside the word “{(inner + after).split()[-1]}”; move '**' after it",
                          Fix.replace(c, c + 3, after + "**", "Move the '**' after the word"))


def _elided(doc: Document, pt: str, at: int) -> bool:
    """Is the mark at ``at`` the apostrophe of an elided word of the article's language (Italian
    dell’[Agenzia], French l’[État])? That word is glued to the next: no space goes after it."""
    if pt[at:at + 1] not in ("’", "'"):
        return False
    prof = profile(doc.language_tag)
    if prof is None or not prof.elision:
        return False
    s = at
    while s > 0 and pt[s - 1].isalpha():
        s -= 1
    return s < at and (s == 0 or not pt[s - 1].isalnum()) and pt[s:at].lower() in prof.elision


def _url_at(doc: Document, at: int, side: int) -> bool:
    """Does a bare URL start (side 0) or end (side 1) at ``at``?"""
    return any(kind == "url" and (s if side == 0 else e) == at for s, e, kind in doc.prose_index.masks
               if s - 300 <= at <= e + 300)


def _chained(pt: str, close: int) -> bool:
    """Does the bracket pair closed at ``close`` open glued to a word (``III(A)``, ``501(c)``)? Then
    a bracket right after it continues a citation (``III(A)(2)``, ``501(c)(3)``), glued too."""
    o = pt.rfind(_PAIR[pt[close]], _paragraph_start(pt, close), close)
    return o > 0 and pt[o - 1].isalnum()


def _paragraph_end(pt: str, i: int) -> int:
    end = pt.find("\n\n", i, i + _REACH)
    return end if end >= 0 else min(len(pt), i + _REACH)


def _paragraph_start(pt: str, i: int) -> int:
    start = pt.rfind("\n\n", max(0, i - _REACH), i)
    return start if start >= 0 else max(0, i - _REACH)
