"""Wrong apostrophe: a straight or wrongly turned apostrophe in an article with curly ones.

The apostrophe is ’ (U+2019), the same mark as a closing single quote. In an article that uses
curly apostrophes a straight ' is reported. With `style = "auto"` (the default) the article's
own apostrophes decide when it has three or more and two in three of them agree: curly when two
in three are curly, none enforced when two in three are straight (a straight habit; under curly
quotation marks it takes three straight ones: one curly and two straight are a curly article with
two slips; an apostrophe typed as another character, it´s, don”t, or a ‘ where the article
writes no ’ but straight ones, votes straight: no smart-quote software writes it); an article
with fewer, or with no such majority, is judged by its quotation marks (curly when they are, but not
when they are guillemets only and the article writes no curly apostrophe at all: «…» are typed
apart from the apostrophe, Ukrainian зв'язку beside them is its habit), so
one more straight apostrophe never turns a curly article into an unchecked one. An apostrophe set
off from its word by a stray space (`it 's`, `don ’t`), which space-before-punctuation (NL102)
joins to it with a safe fix, counts as the apostrophe inside a word it will be, and so does one
typed twice (`it''s`, which this rule makes one): the slip does not change the vote. `"curly"` or
`"straight"` force a style. Smart-quote software turns a leading apostrophe the wrong way (‘90s,
‘em, rock ‘n’ roll), some keyboards give an acute accent (it´s), symbol pickers a prime
(driver′s), hurried typists a backtick that opens no code span (don`t) and OCR a double
quotation mark (don”t, doctor“s, in French and Italian after an elided word, l”homme, dell”anno:
not a quotation mark to pair; not he”re or ca”t, no contraction): those are reported in any
style, and so is an apostrophe typed twice (don’’t; after a plural's s, visitors’’s, the fix
to one is unsafe: visitors’ is likelier). The fix writes ’, or ' in a straight article and in
one whose style is undecided but whose in-word apostrophes are mostly straight (it´s beside
we're and don't gives it's), and is safe.

Bad:  the last meeting was held in Istanbul's Dolmabahce Palace; music of the ‘90s
Good: the last meeting was held in Istanbul’s Dolmabahce Palace; music of the ’90s

A ‘ written as an entity (`FEMA&#8216;s`, `[FEMA](url)&#8216;s`) is the mark it prints: reported,
and replaced whole by the apostrophe written as an entity too (`&#8217;`).

Not findings: ’ in it’s, ’90s, rock ’n’ roll, the Smiths’ house; foot and inch marks after
digits (6'2"); a ” before s that may close an open quotation (too many “yes”s; but not where
the quotation's own ” comes later in the paragraph: “I think it”s right,” she said); two straight marks typed for a double quotation mark (“in the weeds''); the
ʻokina of Hawaiian words, often typed as ‘ or ' (Hawai‘i, O'ahu, Pu‘u), which no apostrophe may
replace; the straight apostrophes of an article where two in three are straight, or of an
article without curly quotation marks and no two-in-three curly majority (style auto); code,
URLs, HTML.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..quotes import analyse, double_as_apostrophe, entity, spelled_like, turned_vote
from .space_before_punctuation import spaced_apostrophes

ID = "NL117"
NAME = "wrong-apostrophe"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", "curly", "straight")}

# Between two letters, or between a digit and a plural s (1990's); not between digits (6'2).
# One literal-led pattern per mark: the scan then runs at memchr speed.
_INSIDE = {ch: re.compile(re.escape(ch) + r"(?:(?<=[^\W\d_].)(?=[^\W_])|(?<=\d.)(?=s\b))") for ch in "'‘´′’"}

# Two apostrophes between a letter and a contraction's or possessive's ending (Don’’t, country’’s).
_DOUBLED = tuple((pair, re.compile(pair + r"(?<=[^\W\d_]..)(?=(?:s|t|re|ve|ll|d|m)(?![\w'’]))")) for pair in ("’’", "''"))
# quotes.DOUBLE_AS_APOSTROPHE, one pattern per mark
_DOUBLE_AS = {ch: re.compile(ch + r"(?<=[^\W\d_].)(?=(?:s|t|re|ve|ll|d|m)(?![\w'’\"“”]))") for ch in '"“”'}
# A backtick between a letter and a contraction's or possessive's ending (don`t, agency`s, we`re);
# one that pairs with another is a code span, masked, and never seen here.
_BACKTICK = lazy(r"(?<=[^\W\d_])`(?=(?:s|t|re|ve|ll|d|m)(?![\w`]))")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report apostrophes that are not the article's apostrophe, with a fix."""
    q = analyse(doc)
    if q is None or not q.profile.apostrophe:
        return
    prose = doc.prose_text
    inside: dict[str, list[int]] = {}

    def starts(ch: str) -> list[int]:
        """Where ``ch`` stands inside a word: each mark's pattern scans the prose once, though
        the style's vote, the habit and the findings may all ask for it."""
        if ch not in inside:
            inside[ch] = [m.start() for m in _INSIDE[ch].finditer(prose)]
        return inside[ch]

    # (each pattern led by one literal mark, asked only when the text holds the pair: a pattern
    # led by an alternation or a class is tried at every character of every article)
    # (and the pair is sought only where the analysis saw its mark in the text)
    doubled = sorted(m.start() for pair, pattern in _DOUBLED if pair[0] in q.present and pair in prose
                     for m in pattern.finditer(prose))
    spaced: list[int] | None = None

    def votes(ch: str) -> list[int]:
        """``starts``, and the ``ch`` the safe fixes will put inside a word: one set off from it by
        a stray space (it 's, don ’t), which space-before-punctuation's fix joins to it, and one
        typed twice (it''s, don’’t), which this rule's makes one. The style is what it will be
        after those fixes: the slip does not change it."""
        nonlocal spaced
        if spaced is None:
            spaced = spaced_apostrophes(doc) if " '" in prose or " ’" in prose else []
        extra = [i for i in spaced if prose[i] == ch] + [i for i in doubled if prose[i] == ch]
        return starts(ch) + extra if extra else starts(ch)

    style = q.style(opts["style"])
    text = doc.text  # the analysis knows which marks occur; ´ and ′ are asked of the text
    odd = [(start, ch) for ch in "´′" if ch in text for start in starts(ch)]
    for ch in q.present & {'"', "“", "”"}:  # don”t: quote pairing leaves these out
        odd += [(m.start(), ch) for m in _DOUBLE_AS[ch].finditer(prose) if double_as_apostrophe(prose, m.start())]
    odd += [(i, prose[i]) for i in q.elided]  # l”homme: so does it an elision's (French, Italian)
    if "`" in prose:  # a backtick that opens no code span is literal text: here an apostrophe
        odd += [(m.start(), "`") for m in _BACKTICK().finditer(prose)]
    if opts["style"] == "auto":
        style = _by_apostrophes(votes, q.present, style, len(odd))
        if style == "curly" and "’" not in prose and "‘" not in prose and _guillemets_only(q):
            style = ""  # «…» say nothing of the apostrophe: зв'язку, l'État typed beside them
    want = "'" if style == "straight" or (not style and _straight_habit(votes, q)) else q.profile.apostrophe
    wrong = {"‘"} | ({"'"} if style == "curly" else set()) | ({"’"} if style == "straight" else set())
    found = [(start, ch) for ch in sorted(wrong) if ch in q.present for start in starts(ch)] + odd
    found += [(mk.start, mk.ch) for mk in q.apostrophes() if not mk.masked and mk.ch in wrong
              and not _unplaced_opener(prose, mk)]
    # a ‘ written as an entity (FEMA&#8216;s) is the mark it prints: reported, and replaced whole
    # by the apostrophe written as it is written (&#8217;)
    written = {mk.start: mk.end for mk in q.apostrophes() if mk.ch == "‘" and entity(text, mk)
               and not _unplaced_opener(prose, mk)}
    found += [(start, "‘") for start in written]
    found.sort()
    for start in doubled:  # don’’t: one apostrophe typed twice
        plural = prose[start - 1] == "s" and prose[start + 2] == "s"  # visitors’’s: visitors’ more likely
        one = want if style in ("curly", "straight") else prose[start]  # undecided: keep the mark typed
        yield Finding(start, start + 2, f"apostrophe typed twice; use one {one}",
                      Fix.replace(start, start + 2, one, f"Use one {one}", safe=not plural))
    for start, ch in found:
        if _okina(prose, start) or (ch == "'" and "'" in (prose[start - 1: start], prose[start + 1: start + 2])):
            continue  # the ʻokina; '' typed for a closing double quote (“in the weeds''), no apostrophe
        if ch == "‘":
            message = f"apostrophe turned the wrong way (‘); use {want}"
        elif ch == "´":
            message = f"acute accent used as an apostrophe; use {want}"
        elif ch == "`":
            message = f"backtick used as an apostrophe; use {want}"
        elif ch in "\"“”":
            message = f"double quotation mark ({ch}) used as an apostrophe; use {want}"
        elif ch == "′":
            message = f"prime (′) used as an apostrophe; use {want}"
        elif ch == "'":
            message = f"straight apostrophe in an article that uses curly ones; use {want}"
        else:
            message = "curly apostrophe in an article that uses straight quotes; use '"
        end = written.get(start, start + 1)
        yield Finding(start, end, message, Fix.replace(start, end, spelled_like(text[start:end], want), f"Use {want}"))


def _guillemets_only(q: Any) -> bool:
    """Are the article's curly quotation marks all guillemets («…», ‹…›)? Smart-quote software
    that curls “…” curls the apostrophe too; guillemets are typed or set apart from it, and an
    article that writes no curly apostrophe (Ukrainian зв'язку, with «…» throughout) has no
    curly habit for its few straight ones to break."""
    marks = q.quotation_marks(False)
    return bool(marks) and all(m.ch in "«»‹›" for m in marks)


def _unplaced_opener(prose: str, mk: Any) -> bool:
    """A straight ' before a capital that the quotation pairing could not place ('Will anyone
    use this?”): an opening quotation mark gone wrong more likely than an elision; ’ is no fix."""
    return mk.ch == "'" and not mk.flag and mk.lsp and prose[mk.end: mk.end + 1].isupper()


# A Hawaiian word: each syllable a vowel after at most one of h k l m n p w or the ʻokina, which
# writers type as ‘ or ' (Hawai‘i, O'ahu, Kaua‘i). No English contraction fits: the apostrophe
# of it's, we're, I'll, ma'am is followed by a consonant or ends the word on one.
_HAWAIIAN = lazy(r"(?:[hklmnpw'‘’ʻ]?[aeiouāēīōū])+", re.I)
_IN_WORD = frozenset("'‘’ʻ")


def _okina(prose: str, at: int) -> bool:
    """Is the mark at ``at`` the ʻokina of a Hawaiian word (Hawai‘i, Pu'u), not an apostrophe?"""
    after = prose[at + 1: at + 2]
    if not after or after.lower() not in "aeiouāēīōū":
        return False
    s, e = at, at + 1
    while s > 0 and at - s < 24 and (prose[s - 1].isalpha() or prose[s - 1] in _IN_WORD):
        s -= 1
    while e < len(prose) and e - at < 24 and (prose[e].isalpha() or prose[e] in _IN_WORD):
        e += 1
    word = prose[s:e]
    if word[-2:-1] in _IN_WORD and word[-1:] in "sS":
        word = word[:-2]  # Hawai‘i’s: a possessive after the word
    return _HAWAIIAN().fullmatch(word) is not None


def _straight_habit(starts: Callable[[str], list[int]], q: Any) -> bool:
    """In an article whose style is undecided, is ' its apostrophe? More straight in-word
    apostrophes than curly ones; with none of either, straight quotation marks and no curly ones.
    An acute accent or a prime then becomes ' (they're, not they’re, beside we're and it's)."""
    curly = len(starts("’")) if "’" in q.present else 0
    straight = len(starts("'")) if "'" in q.present else 0
    if curly or straight:
        return straight > curly
    return bool(q.quotation_marks(True)) and not q.quotation_marks(False)


EVIDENCE = 3  # apostrophes an article needs before they decide its style themselves


def _by_apostrophes(starts: Callable[[str], list[int]], present: set[str], quote_style: str, typed: int = 0) -> str:
    """The apostrophe style under ``auto``: the article's own in-word apostrophes decide when there
    are enough of them and two in three agree (curly; or straight, when none is enforced); else
    its quotes do. A threshold on the apostrophes alone would let one straightened apostrophe
    switch a curly article off (7 curly and 4 straight are not two in three). ``typed``: the
    apostrophes typed as another character (it´s, don”t, don`t), straight votes: no smart-quote
    software writes them, and one mistyped apostrophe must not take a straight article below the
    evidence it needs (let's, für'n, seh'n beside „…“: one of them typed let”s)."""
    curly = len(starts("’")) if "’" in present else 0
    straight = (len(starts("'")) if "'" in present else 0) + typed
    if "‘" in present:  # agency‘s, or let‘s beside für'n and seh'n: as quotes.py's style reads it
        curly, straight = turned_vote(curly, straight, len(starts("‘")))
    if curly + straight < EVIDENCE:
        return quote_style
    if curly >= 2 * straight:
        return "curly"
    if straight >= 2 * curly and (quote_style != "curly" or straight >= EVIDENCE):
        return ""
    # (under curly quotation marks, two straight apostrophes beside one curly are no habit: a
    # curly article with one apostrophe straightened is not turned off by it)
    return quote_style
