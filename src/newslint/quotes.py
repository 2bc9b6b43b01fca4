"""Quotation marks of one document, paired per paragraph: the analysis the NL11x rules share.

Quote checkers fail in three known ways: they pair per sentence (textlint), they take an
apostrophe for a closing quote, and they know one language's marks; LanguageTool switched its
quote pairing off for the false alarms. This module pairs per paragraph, per language, and
keeps apostrophes out.

Marks are found in ``doc.prose_text`` with literal-led scans (apostrophes inside words,
``it's``, are left out: they never pair). Each paragraph, heading, table cell and front-matter
prose field is then read left to right with a stack, under the language profile from
``rules/quotes.yaml``:

* a mark's *shape* comes from its neighbours, looking through emphasis (``*_~``), other quote
  marks and inline HTML (in a front-matter field as in the body: ``…</a>" page``): space (or a
  line start, ``(``, a dash) before and a word after is an opening shape, a word before and
  space or punctuation after a closing shape;
* curly marks keep the direction they are drawn with unless the shape clearly says otherwise
  (“ closes in German and Russian, opens in English; ” after a space and before a word is a
  closing mark with its space on the wrong side when a quotation is open, or a reversed
  opening mark when none is, unless an attribution follows it: ``change, ”said Roth``);
* straight marks take the direction their shape gives; when the shape says nothing (``word"word``,
  `` " ``) the stack decides, and the mark is flagged *unsure*, so fixes that depend on it are
  unsafe;
* ``'`` and ``’`` are apostrophes unless a single quotation is open to close (``the Smiths’
  house``, ``goin’``), or they elide (``’90s``, ``’em``, ``rock ’n’ roll``); a ``"`` or ``'``
  after a digit is a prime (``6'2"``) unless it closes an open quotation;
* a closing mark closes the nearest open mark of its glyph family (double: " “ ” „ « »; single:
  ' ‘ ’ ‚ ‹ ›); openers it skips are unclosed; a closing mark with nothing to close is stray;
* quotation marks written as entities (``&#8220;``) or escapes (``\\"``) take part in pairing;
  an entity is the mark it prints, and the rules report it as a typed one (``entity``), with
  fixes that go round it or write a new mark as it is written (``spelled_like``); escapes are
  never reported or changed (they are not prose text), nor are the quotes of a YAML value
  that an invisible character before them turned into text (``title: \\u200b"Talks resume"``:
  typed as YAML's quotes, which invisible-character's fix makes them again); quotes that are
  syntax the prose scan could not mask (attribute values, a tag or link holding a shortcode, a
  template tag over paragraphs) are left out.

Across paragraphs: an opening mark left open is accepted when the next paragraph starts with an
opening mark (the convention for a quotation over several paragraphs), unless its paragraph ends
with a comma (English: the quoted words end there, so the closing mark was lost); it is carried into a
list it introduces (and the paragraph right after); it is excused before an HTML block. When the
next paragraph with marks closes it without reopening, the pair is recorded in ``continued``.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Callable

from .patterns import lazy
from .prose import MASK
from .typography import INVISIBLE_CLASS, entity_at

if TYPE_CHECKING:
    from .document import Document

DOUBLE = frozenset('"“”„«»‟″')  # ″, a double prime, closes a quotation in WordPress output: “5″
# A mark drawn the wrong way round → the mark its place wants (reversed-quote's fix: ” opening → “).
MIRROR = {"“": "”", "”": "“", "‘": "’", "’": "‘", "″": "”"}
SINGLE = frozenset("'‘’‚‹›‛")
QUOTES = DOUBLE | SINGLE
STRAIGHT = frozenset("\"'")
_CYRILLIC_GREEK = lazy(r"[\u0370-\u03ff\u0400-\u052f]")

# Quotation marks written as entities or escapes: they pair, but are not prose text. (&#8243;, a
# double prime, closes a quotation in WordPress output as the typed ″ does: “Photos of 2014&#8243;)
# (Two literal-led patterns: a scan for one leading character runs at memchr speed.)
_ENTITY_QUOTE = re.compile(r"&(?:quot|apos|[lr][sd]quo|[lr]aquo|bdquo|sbquo|[lr]saquo"
                           r"|#(?:34|39|171|187|82(?:1[6-9]|2[0-3])|8243|8249|8250)"
                           r"|#[xX](?:22|27|[aA][bB]|[bB][bB]|201[89a-fA-F]|2033|203[9aA]));")
_ESCAPED_QUOTE = lazy(r"\\[\"']")
_SPACE_LEFT = frozenset(" \t\n\r\u00a0\u202f\u2009\u2002\u2003\u2007\u200a([{<—–-")
_SPACE_RIGHT = frozenset(" \t\n\r\u00a0\u202f\u2009\u2002\u2003\u2007\u200a.,;:!?)]}>…—–-/")
_SEE_THROUGH = frozenset("*_~") | QUOTES  # emphasis and neighbouring quote marks
_LOOK_FURTHER = _SEE_THROUGH | {MASK}
_TEXT_ENDS = frozenset(("dest", "ref", "footnote"))  # masks that start with "]" or are a note's mark
_TRANSPARENT_MASKS = frozenset(("html", "comment", "shortcode", "liquid"))
# A leading apostrophe: ’90s, ’08, ’em, ’tis, rock ’n’ roll.
_ELISION = lazy(
    r"(?:\d\ds?|\d0s|em|tis|twas|til|till|cause|cos|cuz|bout|round|n|nuff|kay|cept|sup|ya|"
    r"er|ere|neath|gainst|fraid|twere|twill|s|d|ll|re|ve|m)(?![^\W_])", re.I)
_PRIME = lazy(r"\d+(?:\.\d+)?'\s?\d+(?:\.\d+)?$")  # the 6'2 before an inch mark
_SENTENCE_END = frozenset(",.!?…;:")


@dataclass(frozen=True)
class Profile:
    """One language's quotation marks: ``levels`` outermost first as (opening, closing)."""

    language: str
    levels: tuple[tuple[str, str], ...]
    spaced: str = ""
    space: str = "\u00a0"
    apostrophe: str = "’"
    also: tuple[tuple[str, str], ...] = ()  # another house style of the language, by level (German »…›…‹…«)
    elision: frozenset[str] = frozenset()  # words that end in an apostrophe before a word (French l’homme)
    openers: frozenset[str] = field(default=frozenset(), init=False, compare=False)
    closers: frozenset[str] = field(default=frozenset(), init=False, compare=False)
    marks: frozenset[str] = field(default=frozenset(), init=False, compare=False)
    primary: frozenset[str] = field(default=frozenset(), init=False, compare=False)  # marks of ``levels``

    def __post_init__(self) -> None:
        object.__setattr__(self, "openers", frozenset(o for o, _ in self.levels + self.also))
        object.__setattr__(self, "closers", frozenset(c for _, c in self.levels + self.also))
        object.__setattr__(self, "marks", self.openers | self.closers)
        object.__setattr__(self, "primary", frozenset("".join(o + c for o, c in self.levels)))

    def level(self, depth: int) -> tuple[str, str]:
        """The marks for a nesting depth (0 = outermost), wrapping round."""
        hierarchy = self.hierarchy
        return hierarchy[depth % len(hierarchy)]

    @property
    def hierarchy(self) -> tuple[tuple[str, str], ...]:
        """The levels, then a third one where ``also`` holds it: in a language whose two levels
        are double marks (Italian and Spanish «…“…”…»), a single pair of ``also`` (‘…’) is the
        level inside “…”, not another house style (German »…›…‹…«); the order never goes back
        up from “ to «, which would put «…» inside “…”."""
        third = [pair for pair in self.also if pair[0] in SINGLE and pair not in self.levels]
        if len(self.also) == 1 and third and all(o in DOUBLE for o, _ in self.levels):
            return self.levels + (third[0],)
        return self.levels

    def next_level(self, outer: tuple[str, str]) -> tuple[str, str]:
        """The marks of a quotation inside one quoted with ``outer``: the next level of outer's
        house style, wrapping round (English ‘…’ inside “…”, “…” inside ‘…’; Italian “…” inside
        «…», ‘…’ inside “…”); ``outer`` itself when it is none of the language's."""
        for style in (self.hierarchy, self.also):
            if outer in style:
                return style[(style.index(outer) + 1) % len(style)]
        return outer

    def for_glyph(self, ch: str, depth: int) -> tuple[str, str]:
        """The profile's marks replacing a straight ``ch`` at ``depth``: same glyph family first."""
        family = DOUBLE if ch in DOUBLE else SINGLE
        same = [lv for lv in self.levels if lv[0] in family]
        if len(same) == 1:
            return same[0]
        return self.level(depth)


@lru_cache(maxsize=None)
def profile(language: str) -> Profile | None:
    """The profile for a language tag (``en``, ``ru``, ``de-ch``...): the tag's language and region
    when the table has them (Swiss German quotes «…»), else its language; None when newslint has none."""
    from .resources import load_yaml

    table = load_yaml("rules", "quotes.yaml") or {}
    parts = language.lower().split("-")
    row = next((table[k] for k in ("-".join(parts[:2]), parts[0]) if isinstance(table.get(k), dict)), None)
    if row is None:
        return None
    pairs = lambda key: tuple((str(o), str(c)) for o, c in row.get(key, ()))  # noqa: E731
    return Profile(parts[0], pairs("levels"), str(row.get("spaced", "")), str(row.get("space", "\u00a0")),
                   str(row.get("apostrophe", "")), pairs("also"), frozenset(map(str, row.get("elision", ()))))


def turned_vote(curly: int, straight: int, turned: int) -> tuple[int, int]:
    """The (curly, straight) apostrophe votes with ``turned`` ‘ counted in: a ‘ is an apostrophe
    smart-quote software turned the wrong way (agency‘s), a curly vote where the article writes ’
    too or nothing straight; beside straight ones only it is one mistyped mark among them, a
    straight vote (This week's … you‘ll is a straight article)."""
    return (curly + turned, straight) if curly or not straight else (curly, straight + turned)


class Mark:
    """One quotation mark (or apostrophe or prime) and what the pairing made of it."""

    __slots__ = ("start", "end", "ch", "role", "sure", "lsp", "rsp", "partner", "depth", "parent",
                 "unit", "masked", "flag")

    def __init__(self, start: int, end: int, ch: str, unit: int, masked: bool = False) -> None:
        self.start = start
        self.end = end
        self.ch = ch
        self.unit = unit
        self.masked = masked  # an entity or escape: pairs; only an entity is reported (see entity())
        self.role = "none"  # open | close | apostrophe | prime | none
        self.sure = True  # the role follows from the mark and its context, not from the stack
        self.lsp = self.rsp = False  # space-like before / after
        self.partner: Mark | None = None
        self.parent: Mark | None = None  # the enclosing opener, for nesting
        self.depth = 0
        self.flag = ""  # misplaced | reversed | elision

    def __repr__(self) -> str:  # for test failures
        return f"Mark({self.start}, {self.ch!r}, {self.role}, sure={self.sure}, flag={self.flag!r})"


@dataclass
class Quotes:
    """The analysis: every mark with its role and partner, and what did not pair."""

    profile: Profile
    prose: str = ""  # the document's prose view, for the style counts
    marks: list[Mark] = field(default_factory=list)
    unclosed: list[Mark] = field(default_factory=list)
    stray: list[Mark] = field(default_factory=list)
    # quotations over several paragraphs that do not reopen each: (opener, closer, paragraph starts)
    continued: list[tuple[Mark, Mark, list[int]]] = field(default_factory=list)
    # an unclosed opening mark's id → the closing mark of the other family that ends its quotation
    mismatched: dict[int, Mark] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)  # the quotation marks that occur in the text at all
    elided: list[int] = field(default_factory=list)  # double marks typed for an elision's apostrophe (l”homme)
    _style: str | None = None

    def style(self, option: str) -> str:
        """The article's quote style under a style option: "curly", "straight" or "" (undecided).

        ``auto``: curly when the article's curly quotation marks are at least as many as its
        straight ones (entities count; without quotation marks, its apostrophes decide);
        otherwise undecided, and nothing is enforced.
        """
        if option in ("curly", "straight"):
            return option
        if option != "auto":
            raise ValueError(f"style must be curly, straight or auto, not {option!r}")
        if self._style is None:
            # the quotation marks decide; an article without any is judged by its apostrophes
            straight, curly = len(self.quotation_marks(True)), len(self.quotation_marks(False))
            if not curly and not straight:
                curly, straight = turned_vote(self.prose.count("’"), self.prose.count("'"), self.prose.count("‘"))
            self._style = "curly" if curly and curly >= straight else ""
        return self._style

    @cached_property
    def lone(self) -> frozenset[int]:
        """Ids of the marks that pair with nothing: the opening marks unclosed-quote reports and the
        closing marks stray-closing-quote reports. One mark, one reading: such a mark's defect is
        that it pairs with nothing (it was typed in by mistake, or its partner was lost), so the
        rules that judge a mark's glyph or direction from its place in a pair (straight-quotes,
        reversed-quote) leave it alone; turning it round or curling it would not mend the text."""
        return frozenset(id(m) for m in (*self.unclosed, *self.stray, *self.mismatched.values()))

    def pairs(self) -> list[tuple[Mark, Mark]]:
        """Matched (opening, closing) pairs in document order of their opening marks."""
        return self._lists[0]

    def flagged(self) -> list[Mark]:
        """Marks with a flag: misplaced, reversed, prime (“5″), elision."""
        return self._lists[1]

    def apostrophes(self) -> list[Mark]:
        """Marks read as apostrophes (inside-word apostrophes are not marks at all)."""
        return self._lists[2]

    def quotation_marks(self, straight: bool) -> list[Mark]:
        """Opening and closing marks that are straight (or, with ``straight=False``, not)."""
        return self._lists[3 if straight else 4]

    def foreign(self) -> list[Mark]:
        """Opening and closing marks that are not the language's own (nor straight, nor ’); marks of
        its other house style (``also``) are listed too, for their pairs to be judged."""
        return self._lists[5]

    @cached_property
    def _lists(self) -> tuple[list[Any], ...]:
        """One pass over the marks, sorting them into the lists the rules ask for."""
        pairs: list[tuple[Mark, Mark]] = []
        flagged: list[Mark] = []
        apostrophes: list[Mark] = []
        straight: list[Mark] = []
        curly: list[Mark] = []
        foreign: list[Mark] = []
        own = self.profile.primary | STRAIGHT | {"’"}
        for m in self.marks:
            role = m.role
            if m.flag:
                flagged.append(m)
            if role == "apostrophe":
                apostrophes.append(m)
            elif role == "open" or role == "close":
                (straight if m.ch in STRAIGHT else curly).append(m)
                if m.ch not in own:
                    foreign.append(m)
                if role == "open" and m.partner is not None:
                    pairs.append((m, m.partner))
        return pairs, flagged, apostrophes, straight, curly, foreign



def analyse(doc: "Document") -> Quotes | None:
    """The shared quote analysis of a document (memoized), or None for a language without a profile."""
    return doc.memo("quotes", lambda: _analyse(doc))


def _analyse(doc: "Document") -> Quotes | None:
    prof = profile(doc.language_tag)
    if prof is None:
        return None
    P = doc.prose_text
    q = Quotes(prof, P)
    found = _scan(P, doc.text, q.present)
    if prof.elision and found:
        found = _elisions(P, found, prof.elision, q.elided)
    text = doc.text
    coded = [m for pattern, sign in ((_ENTITY_QUOTE, "&"), (_ESCAPED_QUOTE(), "\\")) if sign in text
             for m in pattern.finditer(text, doc.body_start)]
    if not found and not coded:
        return q
    units = _Units(doc)
    hidden = _hidden_spans(P, text) if _any_near_syntax(P, found) else []
    marks: list[Mark] = []
    unit_of = units.of
    if hidden:
        end = len(text)
        found = [(pos, ch) for pos, ch in found
                 if not (0 <= (k := bisect.bisect_right(hidden, (pos, end)) - 1) and pos < hidden[k][1])]
    syntax = _yaml_quotes_behind_invisible(doc) if doc.front_matter is not None else ()
    for pos, ch in found:
        u = unit_of(pos)
        if u is not None:
            marks.append(Mark(pos, pos + 1, ch, u, masked=pos in syntax))
    masks = doc.prose_index.masks
    if coded:
        index = _MaskIndex(masks)
        for m in coded:
            s = m.start()
            mask = index.at(s)
            if mask is None or mask[1] != s or mask[0] not in ("entity", "escape"):
                continue  # inside code or an HTML attribute, not in prose
            ch = _masked_quote(m.group(), mask[0])
            u = units.of(s)
            if ch and u is not None:
                marks.append(Mark(s, m.end(), ch, u, masked=True))
        marks.sort(key=lambda mk: mk.start)
    if not marks:
        return q
    q.marks = marks
    fields = doc.field_masks()  # before the body's: a title's <a …>…</a>" is seen through too
    ctx = _Context(P, text, fields + masks if fields else masks)
    i, n = 0, len(marks)
    carry: tuple[list[Mark], int, int] | None = None  # open marks carried into a list: (marks, from, depth)
    quoted: set[int] = set()
    pending: tuple[list[Mark], int] | None = None
    glued: list[Mark] = []  # marks in a word between two words, that may be an opening mark glued on
    while i < n:
        j = i + 1
        unit = marks[i].unit
        while j < n and marks[j].unit == unit:
            j += 1
        stack: list[Mark] = []
        depth = max(units.list_depth(unit) - 1, 0)  # the list this unit is in, or the one it introduces
        if carry is not None:
            if units.inside_list(carry[1], unit, carry[2], after=True):
                stack, depth = carry[0], carry[2]
            else:
                q.unclosed.extend(carry[0])
            carry = None
        strays = len(q.stray)
        left = _pair_unit(marks[i:j], ctx, prof, q, stack)
        if pending is not None:
            quoting = [m for m in marks[i:j] if m.role in ("open", "close")]
            if quoting:  # (a paragraph with apostrophes only, the state’s, goes on between)
                _resume(q, pending, quoting, strays, units)
                pending = None
        if len(q.stray) > strays and units.after_html(unit, quoted):
            del q.stray[strays:]  # the quotation may have opened inside the HTML block before
        # bug“fix, sub"domain (two words, nothing open, no closing mark after: "maybe" a mark typed
        # into the word): read as an opening mark that lost its space, the quotation it opens would
        # run unclosed to the paragraph's end, a defect of its own unless the quotation goes on
        # past it (the next paragraph reopens it, an HTML block or a list it introduces follows)
        glued.extend(mk for mk in q.stray[strays:] if mk.flag == "inword" and not mk.sure
                     and not units.continued(unit) and not units.before_html(unit)
                     and not units.inside_list(unit, unit + 1, depth))
        quoted.add(unit)
        if left and not (units.continued(unit) and attribution(doc, left[-1]) is None
                         and not _inside_clause(P, left[-1]) and not _fragment(P, left[-1])
                         and comma_end(doc, left[-1]) is None
                         and narration(doc, left[-1]) is None
                         and _runs_on(marks[i:j], left[-1])) \
                and not units.before_html(unit):
            if units.inside_list(unit, unit + 1, depth):
                carry = (left, unit, depth)  # a quotation that introduces or spans a list, closed in it
            else:
                pending = (left, unit) if _runs_on(marks[i:j], left[-1]) else None
                if pending is None:
                    q.unclosed.extend(left)
        i = j
    if carry is not None:
        q.unclosed.extend(carry[0])
    if pending is not None:
        q.unclosed.extend(pending[0])
    if q.unclosed and q.stray:
        _mismatched(q)
    if not q.unclosed:
        # ... so in an article that closes all its other quotations the mark was typed into the word
        # and its deletion is safe; one that leaves quotations open (a transcript's habit) may
        # have left this one open too
        for mk in glued:
            mk.sure = True
    return q


def _elisions(P: str, found: list[tuple[int, str]], words: frozenset[str], elided: list[int]) -> list[tuple[int, str]]:
    """``found`` without the double marks typed for the apostrophe after an elided word of the
    language (French l”homme, aujourd”hui, Italian dell”anno): those go to ``elided``, for
    wrong-apostrophe to report."""
    kept = []
    for i, ch in found:
        if ch in "\"“”" and P[i + 1: i + 2].isalpha() and P[i - 1: i].isalpha():
            s = i - 1
            while s > 0 and P[s - 1].isalpha():
                s -= 1
            if P[s:i].lower() in words:
                elided.append(i)
                continue
        kept.append((i, ch))
    return kept


def _mismatched(q: Quotes) -> None:
    """An opening mark left open and, after it in its paragraph with no quotation mark between, a
    curly closing mark of the other family that closes nothing (‘We went to this port city,” he
    said): one quotation whose two marks do not match, one defect. The closing mark leaves
    ``stray`` and is recorded in ``mismatched`` under the opening mark's id; unclosed-quote reports
    the pair once."""
    unclosed = {id(o) for o in q.unclosed}
    index = {id(m): k for k, m in enumerate(q.marks)}
    last = -1
    previous = []  # for each mark, the index of the last opening or closing mark before it
    for k, m in enumerate(q.marks):
        previous.append(last)
        if m.role in ("open", "close"):
            last = k
    keep: list[Mark] = []
    for c in q.stray:
        k = previous[index[id(c)]]
        o = q.marks[k] if k >= 0 else None  # (the quotation mark right before it)
        if (o is not None and id(o) in unclosed and o.unit == c.unit and id(o) not in q.mismatched
                and not (o.masked or c.masked) and o.ch not in STRAIGHT and c.ch not in STRAIGHT
                and (o.ch in DOUBLE) != (c.ch in DOUBLE)):
            q.mismatched[id(o)] = c
        else:
            keep.append(c)
    q.stray[:] = keep


# Words that attribute a quotation in English news copy. After an open quotation's words and a
# comma (“We need help, Ortega said.), they show where its closing mark was lost.
_SAYS = ("said|says|added|adds|told|tells|asked|asks|explained|explains|noted|notes|wrote|writes|"
         "continued|recalled|stressed|argued|argues|warned|warns|insisted|replied|remarked|observed|"
         "concluded|acknowledged|admitted|agreed|suggested|urged|emphasi[sz]ed|pointed out|"
         "shares|shared|recalls|mentioned|commented|reflected|confirmed|responded|stated|declared|"
         "announced|joked|quipped|cautioned|predicted|described|observes|concludes|continues")
# (a speaker's name may be a link or emphasised: [Ortega](url) said, said **Ryan Panchadsaram**;
# the prose keeps the brackets and marks, and masks the destination)
_SPEAKER = r"(?:he|she|they|we|I|the [a-z]+|[\[*_]*[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3}[\]*_\ue000]*)"
_NAMED = r"[\[*_]*[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){1,3}[\]*_\ue000]*"  # a name of two words or more
# (a title's author is one too: “Why and How to Use Go Generics, by Robert Griesemer)
# ... or, after a sentence's end, a spaced dash and a name: a testimonial signed at its end
# (“I loved working on the team. - **Noah Manger**, “Thanks for the work. — Steven Shepherd, who)
# ... or a name and, between commas, who the speaker is (“… innovation, Stephen Goldsmith, director of
# the Innovations in American Government Program, wrote in a column)
ATTRIBUTION = lazy(r"[,?!](?=[ \t]*\n?[ \t]*(?:%s[ \t]+(?:%s)\b|(?:%s|by)[ \t]+(?:(?:he|she|they)\b|[\[*_]*[A-Z])"
                   r"|%s,[^.!?\n“”\"]{3,160}?,[ \t]+(?:%s)\b))"
                   r"|[.?!…](?=[ \t]+[-–—][ \t]+[\[*_]*[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3}[\]*_\ue000]*(?:,|[ \t\ue000]*(?:\n|$)))"
                   % (_SPEAKER, _SAYS, _SAYS, _NAMED, _SAYS))

# An attribution right after a closing mark, in lower case (”said Roth, ”she added): no quotation
# opens with it, so a ” stuck to it after a clause closes one.
_ATTRIBUTED = lazy(r"(?:(?:%s)\b|(?:he|she|they)[ \t]+(?:%s)\b)" % (_SAYS, _SAYS))

def attributed_after(P: str, mk: "Mark") -> bool:
    """Is ``mk`` glued to a quotation's last word and its comma (or ? or !), with who said it next
    (``change,“ said Roth``)? Only a closing mark stands there."""
    return P[mk.start - 1: mk.start] in (",", "?", "!") and P[mk.end: mk.end + 1] in (" ", "\t") \
        and _ATTRIBUTED().match(P, mk.end + 1) is not None


NEXT_DOUBLE = lazy("[%s]" % "".join(sorted(DOUBLE)))
_NEXT_SINGLE = lazy(r"(?<![^\W\d_])[%s]|[%s](?![^\W\d_])" % (("".join(sorted(SINGLE)),) * 2))

_SENTENCE = lazy(r"[.?!…][\"”’)]*\s+")


def entity(text: str, mk: Mark) -> bool:
    """Is ``mk`` a quotation mark written as an HTML entity (``&#8220;``, ``&ldquo;``)? Such a mark
    is prose to a reader: the rules report a space or a partner missing beside it as beside the
    typed mark, and their edits go round it. (Not an escape, ``\\"``, nor a YAML value's quote.)"""
    return mk.masked and text.startswith("&", mk.start)


_ENTITY_NAMES = {"“": "ldquo", "”": "rdquo", "‘": "lsquo", "’": "rsquo", "«": "laquo", "»": "raquo",
                 "„": "bdquo", "‚": "sbquo", "‹": "lsaquo", "›": "rsaquo", '"': "quot", "'": "apos"}


def spelled_like(raw: str, ch: str) -> str:
    """``ch`` written as the entity ``raw`` is written (``&#8220;`` → ``&#8221;``, ``&ldquo;`` →
    ``&rdquo;``): a mark a fix inserts beside entity-written ones is written so too; ``ch`` itself
    when ``raw`` is no entity."""
    if not raw.startswith("&"):
        return ch
    if raw[1:3] in ("#x", "#X"):
        digits = "%X" % ord(ch) if any(c in "ABCDEF" for c in raw[3:]) else "%x" % ord(ch)
        return f"&{raw[1:3]}{digits};"
    if raw.startswith("&#"):
        return f"&#{ord(ch)};"
    name = _ENTITY_NAMES.get(ch)
    return f"&{name};" if name else ch


def next_of_family(doc: "Document", opener: Mark, end: int) -> int | None:
    """Where the next quotation mark of ``opener``'s family (double or single) stands after it,
    before ``end``: typed, or written as an entity (``&#8221;``, masked in the prose view, where
    the typed-mark search cannot see it); None when there is none. (An apostrophe between two
    letters is no mark: ``don&#8217;t``.)"""
    P, text = doc.prose_text, doc.text
    double = opener.ch in DOUBLE
    nxt = (NEXT_DOUBLE() if double else _NEXT_SINGLE()).search(P, opener.end, end)
    stop = nxt.start() if nxt is not None else end
    if text.find("&", opener.end, stop) >= 0:
        for m in _ENTITY_QUOTE.finditer(text, opener.end, stop):
            ch = entity_at(doc, m.start(), 0)
            if not ch or (ch in DOUBLE) != double:
                continue  # (not prose: an entity in code or an attribute is no mark)
            if not double and text[m.start() - 1: m.start()].isalpha() and text[m.end(): m.end() + 1].isalpha():
                continue
            return m.start()
    return nxt.start() if nxt is not None else None


def attribution(doc: "Document", opener: Mark) -> int | None:
    """Where the closing mark of ``opener``, open at its paragraph's end, was lost: the end of
    the comma (or ? !) before the first attribution after it in its paragraph, ahead of any
    other mark of its family (“We need help, Ortega said. / “Yes? said the minister). None
    when there is none, outside English, and in front-matter fields."""
    if opener.unit < 0 or not doc.language_tag.lower().startswith("en"):
        return None
    P = doc.prose_text
    block = doc.blocks[opener.unit]
    end = block.end
    nxt = next_of_family(doc, opener, end)
    if nxt is not None:  # the quotation's words end at the next mark of its family
        end = nxt
    m = ATTRIBUTION().search(P, opener.end, end)
    if m is None or not any(ch.isalpha() for ch in P[opener.end:m.start()]):
        return None
    last = _SENTENCE().split(P[opener.end:m.start()])
    if len(last) > 1 and not last[-1].strip().count(" "):
        return None  # “Why not? So, we said …: a sentence of one word then a comma is the writer's
    return m.end()


# A ! or ? after a word, then a lower-case word: the sentence goes on past the quoted words.
_NARRATION = lazy(r"(?<=[^\W\d_]{2})[!?](?=[ \t]+[a-z])")


def narration(doc: "Document", opener: Mark) -> int | None:
    """Where the closing mark of ``opener``, open at its paragraph's end, was lost when the
    writer's sentence goes on after the quoted one (he said, “I’m no engineer! yet found his
    way): the end of a ! or ? after a word and before a lower-case word, ahead of any other mark
    of ``opener``'s family. A quotation that runs over several paragraphs does not go on in
    lower case after its own sentence's end. None outside English and in front-matter fields."""
    if opener.unit < 0 or not doc.language_tag.lower().startswith("en"):
        return None
    P = doc.prose_text
    end = doc.blocks[opener.unit].end
    nxt = next_of_family(doc, opener, end)
    if nxt is not None:  # the quotation's words end at the next mark of its family
        end = nxt
    m = _NARRATION().search(P, opener.end, end)
    return None if m is None else m.end()


def comma_end(doc: "Document", opener: Mark) -> int | None:
    """Where the closing mark of ``opener``, open at its paragraph's end, was lost when the
    paragraph ends with a comma (“We will go, ⏎⏎ “Then we stop,” she said.): the end of that
    comma. A quotation that runs over several paragraphs leaves each one open at a sentence's
    end; a comma there ends the quoted words, whatever the next paragraph starts with. None when
    another mark of ``opener``'s family follows it in the paragraph (the comma may end another
    quotation's words), before a list the paragraph introduces (“We need three things, ⏎ - …:
    the quotation may close in the list), outside English and in front-matter fields."""
    u = opener.unit
    if u < 0 or not doc.language_tag.lower().startswith("en"):
        return None  # (other languages set the comma after the closing mark: «…», сказал он)
    blocks = doc.blocks
    block = blocks[u]
    if block.kind != "paragraph" or not block.spans:
        return None
    P = doc.prose_text
    end = block.spans[-1][1]
    while end > opener.end and P[end - 1] in " \t\r\n":
        end -= 1
    if P[end - 1: end] != "," or end <= opener.end:
        return None
    if u + 1 < len(blocks) and blocks[u + 1].list_depth > block.list_depth:
        return None
    if next_of_family(doc, opener, end) is not None:
        return None
    return end


def _inside_clause(P: str, opener: Mark) -> bool:
    """Does ``opener`` stand inside a clause, right after a word (a “test small, fail small
    environment; the movie “Happy Feet)? A quotation that runs over several paragraphs starts a
    paragraph or follows its introduction's colon, comma or dash, or a word of saying (he said
    “…): one opened after any other word is a phrase that lost its closing mark, whatever the
    next paragraph starts with."""
    k = opener.start
    while k > 0 and P[k - 1] in " \t":
        k -= 1
    if k == opener.start or k == 0 or not (P[k - 1].isalnum() or P[k - 1] == ")"):
        return False  # (after an aside in brackets too: ready to (digitally) “put pen to paper)
    word = P[max(0, k - 20): k].split()[-1:]
    return not (word and _SAID_WORD().fullmatch(word[0].strip("()").lower()))


def _fragment(P: str, opener: Mark) -> bool:
    """Does ``opener`` open a fragment woven into the writer's sentence after its colon, comma or
    dash (the effort must be widespread: “all the time, everywhere…)? Its first word is in lower
    case and no word of saying stands before it: a quotation that runs over several paragraphs
    quotes whole sentences of speech, so this one lost its closing mark, whatever the next
    paragraph starts with. (After a word of saying a lower-case start is speech: said “there is…)"""
    if not P[opener.end: opener.end + 1].islower():
        return False
    k = opener.start
    while k > 0 and P[k - 1] in " \t":
        k -= 1
    if k == 0 or P[k - 1] not in ":,;—–-":
        return False  # (at a paragraph's start, or after a word: _inside_clause's)
    word = P[max(0, k - 21): k - 1].split()[-1:]
    return not (word and _SAID_WORD().fullmatch(word[0].strip("()*_").lower()))


_SAID_WORD = lazy(r"(?:%s|say|tell|ask|write|add|reply|replied|answer|answered|answers|declared|declares|"
                  r"announced|announces|stated|states|read|reads|is|was|are|were)" % _SAYS.replace("pointed out", "pointed"))


def _runs_on(marks: list[Mark], opener: Mark) -> bool:
    """Does the open quotation ``opener`` run on to its paragraph's end: is every quotation mark
    after it an inner quotation's, paired inside it with the other family's marks or written as
    entities (“… the ‘inner city,’ he said … and on)? A pair of its own marks after it may be a
    new quotation (“I don’t like it, said X. “We want to help,” she said.): not run on."""
    return all(m.partner is not None and m.partner.start > opener.start and _inner(m, opener)
               for m in marks if m.start > opener.start and m.role in ("open", "close"))


def _inner(m: Mark, opener: Mark) -> bool:
    """Can paired mark ``m`` belong to a quotation inside ``opener``'s: the other family's mark,
    or one written as an entity?"""
    return m.masked or (m.ch in DOUBLE) != (opener.ch in DOUBLE)


def _resume(q: Quotes, pending: tuple[list[Mark], int], quoting: list[Mark], strays: int, units: "_Units") -> None:
    """Paragraph ``pending[1]`` left quotations open, the innermost running on to its end. If the
    next paragraph with quotation marks (``quoting``: its paired and stray ones) follows it with
    only plain paragraphs between, and its first mark (after inner quotations) is a stray closing
    mark of the innermost one's kind, the quotation ran over several paragraphs without reopening
    each: record that (one finding, with the opening marks to insert) instead of an unclosed and
    a stray mark."""
    left, u = pending
    opener = left[-1]
    first = next((m for m in quoting if m.partner is None or not _inner(m, opener)), quoting[0])
    same = (opener.ch in DOUBLE) == (first.ch in DOUBLE)
    if (first.role == "close" and first.partner is None and q.stray[strays:strays + 1] == [first] and same
            and units.plain_between(u, first.unit)):
        del q.stray[strays]
        first.partner, opener.partner = opener, first
        first.depth, first.parent = opener.depth, opener.parent
        if not units.crosses_html(u, first.unit):
            # (a sentence that a CMS export split between a Markdown paragraph and an HTML block
            # is one paragraph to its writer: paired, not a quotation to reopen)
            q.continued.append((opener, first, [units.first_prose(k) for k in range(u + 1, first.unit + 1)]))
        left = left[:-1]
    q.unclosed.extend(left)


def _scan(P: str, text: str, present: set[str] | None = None) -> list[tuple[int, str]]:
    """(offset, mark) of every quotation mark in the prose view, apostrophes inside words left out.

    str.find and literal-led patterns run at memchr speed (one character class over the whole
    text would be three times slower), and asking ``text`` rather than the prose view whether a
    curly mark occurs at all is free when the text is ASCII or Latin-1.
    """
    found: list[tuple[int, str]] = []
    find = P.find
    for ch in _DOUBLES_AND_GUILLEMETS:
        if ch in text:
            if present is not None:
                present.add(ch)
            i = find(ch)
            while i >= 0:
                found.append((i, ch))
                i = find(ch, i + 1)
    if found:  # don”t, agency"s: a double mark typed or read (OCR) for an apostrophe is no quotation mark
        # (nor the last letter of a dash read in the wrong encoding: â€” is an em dash, â€“ an en
        # dash, the bytes E2 80 94 and 93 read as Windows-1252; mojibake reports and mends them)
        found = [(i, ch) for i, ch in found if ch not in "\"“”"
                 or not (double_as_apostrophe(P, i) or (ch != '"' and P[i - 2:i] == "â€"))]
    for ch, pattern in _SINGLE_PATTERNS:
        if ch in text:
            if present is not None:
                present.add(ch)
            found += [(m.start(), ch) for m in pattern.finditer(P)]
    found.sort()
    return found


# A double quotation mark between a letter and a contraction's or possessive's ending (don”t,
# doctor“s, we"ll): an apostrophe mistyped or misread, reported by wrong-apostrophe.
DOUBLE_AS_APOSTROPHE = lazy(r"[\"“”](?<=[^\W\d_].)(?=(?:s|t|re|ve|ll|d|m)(?![\w'’\"“”]))")


# The words that take an ending of few hosts (we’re, you’ve, I’m); n’t follows an n (don’t, can’t);
# ’s follows any word (the agency’s), ’d and ’ll a pronoun or a wh-word, or any word they do not
# make another word with (Maria’ll; not wi”ll, goo”d, an”d: will, good, and).
_TAKES = {"re": frozenset("here how there these they those what when where who why we you".split()),
          "ve": frozenset("could i might must should there they we what where who would you".split()),
          "m": frozenset(("i",))}
_PRONOUNS = frozenset("he how i it she that there they this we what when where who why you".split())


def contraction(left: str, ending: str) -> bool:
    """Can ``left`` and ``ending`` (s, t, re, ve, ll, d, m) be a contraction or a possessive
    around an apostrophe (we're, don't, I'm, the agency's), not the two parts of one word that a
    mark was typed into (he”re, ca”t, wi”ll)?"""
    ending, left = ending.lower(), left.lower()
    if ending == "t":
        return left[-1:] == "n"
    if ending in ("d", "ll"):
        if left in _PRONOUNS:
            return True
        from .resources import english_words

        return left + ending not in english_words()
    takes = _TAKES.get(ending)
    return takes is None or left in takes


def double_as_apostrophe(P: str, i: int) -> bool:
    """Is the double mark at ``i`` an apostrophe (see above)? Not a ” before s while a “ is open
    in the paragraph (its last 300 characters): that may close the quotation (“yes”s and “no”s),
    unless the rest of the paragraph closes it (“… I think it”s interesting …,” said Maron: the
    quotation's own ” comes later, and ”s taken for it would leave that one stray)."""
    if DOUBLE_AS_APOSTROPHE().match(P, i) is None:
        return False
    s = i
    while s > 0 and P[s - 1].isalpha():
        s -= 1
    if not contraction(P[s:i], P[i + 1: i + 3] if P[i + 1] in "rvl" else P[i + 1]):
        return False  # he”re, the“re, ca”t: no contraction, a mark typed into here, there, cat
    if P[i] == "”" and P[i + 1] == "s":
        start = max(P.rfind("\n\n", 0, i) + 1, i - 300)  # bounded: a paragraph of such marks stays linear
        before = P[start:i]
        closers = sum(1 for m in re.finditer("”", before) if DOUBLE_AS_APOSTROPHE().match(before, m.start()) is None)
        still_open = before.count("“") - closers
        if still_open <= 0:
            return True
        end = P.find("\n\n", i, i + 1000)
        depth = 0  # (the quotations opened after this mark)
        for m in _CURLY_DOUBLE().finditer(P, i + 1, i + 1000 if end < 0 else end):
            if m.group() == "“":
                depth += 1
            elif DOUBLE_AS_APOSTROPHE().match(P, m.start()) is None:
                if not depth:
                    still_open -= 1
                    if not still_open:
                        return True  # every quotation open here closes later: ”s closes none
                else:
                    depth -= 1
        return False
    return True


_CURLY_DOUBLE = lazy("[“”]")
_DOUBLES_AND_GUILLEMETS = "\"“”„«»‟‹›‚‛″"
# a single mark unless it sits between two letters or digits (it's, O’Brien, 6'2)
_SINGLE_PATTERNS = tuple((ch, re.compile(re.escape(ch) + r"(?:(?<![^\W_].)|(?![^\W_]))")) for ch in "'’‘")


# Quote marks that are syntax, not prose, where the prose scan cannot see it: an HTML tag whose
# attribute holds a shortcode or Liquid tag with quotes of its own (<a href="{{< ref "p.md" >}}">,
# where only the shortcode is masked), a link whose destination is a shortcode or Liquid tag and
# which has a title ([text]({{< ref "p.md" >}} "Title"), [text]({{ "/p/" | url }} "Title")), and a template tag that runs over a blank line
# ({% include x.html q1="..." %} over several paragraphs).
_TEMPLATED_TAG = lazy(
    r"""<[A-Za-z][\w:-]*(?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"(?:\{\{.*?\}\}|\{%.*?%\}|[^"\n])*"|"""
    r"""'(?:\{\{.*?\}\}|\{%.*?%\}|[^'\n])*'|[^\s"'=<>`]+))?)*\s*/?>""")
_BROKEN_TAG = lazy(r"<[A-Za-z][\w:-]*\s+[\w:-]+\s*=[^<>\n]*>")
_SHORTCODE_LINK = lazy(r"""\]\(\s*\{\{.*?\}\}[^()\n]*\)""")


def _any_near_syntax(P: str, found: list[tuple[int, str]]) -> bool:
    """Is a mark right after ``=`` or next to masked syntax? Only then can it be one of the
    cases below, and the (slower) search for them is worth doing. (One loop over the marks, no
    call per mark: most articles have none, and every mark is asked.)"""
    for pos, _ in found:
        if P[pos - 1: pos] in _AFTER_SYNTAX or P[pos + 1: pos + 2] == MASK or P[pos - 2: pos] == _SPACE_MASK:
            return True
    return False


_AFTER_SYNTAX = frozenset(("=", MASK))
_SPACE_MASK = MASK + " "


def _hidden_spans(P: str, text: str) -> list[tuple[int, int]]:
    """Sorted, merged spans whose quote marks are syntax (see above).

    Each case leaves a trace in the prose view, which is searched first: a template tag the
    prose scan could not mask shows its ``{%``; a shortcode inside an attribute or a link
    destination leaves ``="`` or ``](`` right before a masked run.
    """
    spans: list[tuple[int, int]] = []
    for opening, closing in (("{%", "%}"), ("{{", "}}")):
        i = P.find(opening)
        while i >= 0:
            e = text.find(closing, i)
            if e < 0:
                break
            spans.append((i, e + 2))
            i = P.find(opening, e + 2)
    i = P.find("<")
    while i >= 0:  # a tag left in prose is broken (alt="a "quoted" word"): its quotes are not prose
        m = _BROKEN_TAG().match(text, i)
        if m is not None:
            spans.append((i, m.end()))
        i = P.find("<", m.end() if m is not None else i + 1)
    for trace, pattern, back in (('="' + MASK, _TEMPLATED_TAG(), True), ("='" + MASK, _TEMPLATED_TAG(), True),
                                 ("](" + MASK, _SHORTCODE_LINK(), False)):
        i = P.find(trace)
        while i >= 0:
            at = P.rfind("<", 0, i) if back else i
            m = pattern.match(text, at) if at >= 0 else None
            if m is not None and m.end() > i:
                spans.append((at, m.end()))
                i = P.find(trace, m.end())
            else:
                i = P.find(trace, i + 1)
    if len(spans) > 1:
        spans.sort()
        merged = [spans[0]]
        for s, e in spans[1:]:  # a tag holds attribute values: merge nested and overlapping spans
            if s <= merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        return merged
    return spans


def _yaml_quotes_behind_invisible(doc: "Document") -> set[int]:
    """The offsets of the two quotes of each plain YAML prose field that starts with invisible
    characters and a quote and ends with the same quote (``title: \\u200b"Talks resume"``): typed
    as YAML quoting, read as text only because of the invisible character."""
    fm = doc.front_matter
    if fm is None or fm.kind != "yaml" or fm.root is None or not isinstance(fm.root.items, dict):
        return set()
    text = doc.text
    found: set[int] = set()
    for key in doc.prose_fields:
        pos = fm.root.items.get(key)
        if pos is None or pos.items is not None or pos.style is not None:
            continue
        start, end = pos.value
        m = _INVISIBLE_THEN_QUOTE.match(text, start, end)
        if m is None:  # (most values: no copy of them made for the test below)
            continue
        last = len(text[start:end].rstrip()) + start - 1
        if last > m.start(1) and text[last] == m.group(1):
            found.update((m.start(1), last))
    return found


_INVISIBLE_THEN_QUOTE = re.compile(f"[{INVISIBLE_CLASS}]+([\"'])")
_unescape = lru_cache(maxsize=2048)(html.unescape)  # the same few entities, over and over


def _masked_quote(raw: str, kind: str) -> str:
    if kind == "escape":
        return raw[1] if raw[1] in STRAIGHT else ""
    ch = _unescape(raw)
    return ch if len(ch) == 1 and ch in QUOTES else ""


class _Units:
    """Which pairing unit holds an offset: a paragraph, heading or table cell (its index in
    ``doc.blocks``) or a front-matter prose field (ids -1, -2, ...)."""

    def __init__(self, doc: "Document") -> None:
        self.doc = doc
        self.blocks = doc.blocks
        self.starts = [b.start for b in self.blocks]
        self._fields: list[tuple[int, int]] | None = None

    def of(self, pos: int) -> int | None:
        """The unit of an offset, or None when it is in no prose unit."""
        if pos < self.doc.body_start:
            if self._fields is None:
                spans: dict[str, list[int]] = {}
                for s, e, key in self.doc.field_spans():
                    spans.setdefault(key, []).extend((s, e))
                self._fields = [(min(v), max(v)) for v in spans.values()]
            for k, (s, e) in enumerate(self._fields):
                if s <= pos < e:
                    return -1 - k
            return None
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:
            return None
        block = self.blocks[k]
        if pos >= block.end:
            return None
        if block.kind == "cell":  # the cells of a row share its line: find the cell by its text
            blocks = self.blocks
            while k > 0 and blocks[k - 1].start == block.start and (not blocks[k].spans or pos < blocks[k].spans[0][0]):
                k -= 1
        return k

    def list_depth(self, u: int) -> int:
        """The list nesting of a unit (0 for front-matter fields)."""
        return self.blocks[u].list_depth if u >= 0 else 0

    def inside_list(self, u: int, v: int, depth: int, after: bool = False) -> bool:
        """Are the blocks after ``u`` up to ``v`` all list items nested deeper than ``depth``?
        With ``after``, ``v`` itself may be the paragraph right after the list. (A quotation that
        introduces a list may close in it or just after it.)"""
        blocks = self.blocks
        if u < 0 or v <= u or v >= len(blocks):
            return False
        if not after:
            return all(b.list_depth > depth for b in blocks[u + 1: v + 1])
        between = blocks[u + 1: v]
        in_list = bool(between) or blocks[u].list_depth > depth  # some list lies between u and v
        return in_list and all(b.list_depth > depth for b in between)

    def after_html(self, u: int, quoted: set[int]) -> bool:
        """Does an HTML block come before unit ``u``, with only paragraphs without quotation
        marks in between? (A quotation may have opened inside it.) ``quoted``: units with marks."""
        for k in range(u, max(u - 10, 0) - 1, -1):
            if k < 0 or (k < u and (k in quoted or self.blocks[k].kind != "paragraph")):
                return False
            start = self.blocks[k - 1].end if k > 0 else self.doc.body_start
            if _HTML_LINE().search(self.doc.text, start, self.blocks[k].start) is not None:
                # only a block whose text (outside its tags) holds a quotation mark can open one
                return _HTML_QUOTE().search(_TAG().sub("", self.doc.text[start:self.blocks[k].start])) is not None
        return False

    def before_html(self, u: int) -> bool:
        """Does an HTML block with a quotation mark in its text come right after unit ``u``?"""
        if u < 0:
            return False
        end = self.blocks[u + 1].start if u + 1 < len(self.blocks) else len(self.doc.text)
        if _HTML_LINE().search(self.doc.text, self.blocks[u].end, end) is None:
            return False
        # only a block whose text (outside its tags) holds a quotation mark can close one
        return _HTML_QUOTE().search(_TAG().sub("", self.doc.text[self.blocks[u].end:end])) is not None

    def plain_between(self, u: int, v: int) -> bool:
        """Are ``u`` and ``v`` paragraphs of the same container, with only paragraphs between?
        (Only paragraphs with quotation marks are visited, so those between have none.)"""
        if u < 0 or v <= u or v - u > 12:
            return False
        first = self.blocks[u]
        return all(b.kind == "paragraph" and b.spans and b.quote_depth == first.quote_depth
                   and b.list_depth == first.list_depth for b in self.blocks[u: v + 1])

    def crosses_html(self, u: int, v: int) -> bool:
        """Do units ``u`` to ``v`` mix Markdown paragraphs and the text of HTML blocks?"""
        if u < 0:
            return False
        kinds = {b.html for b in self.blocks[u: v + 1]}
        return len(kinds) > 1

    def first_prose(self, u: int) -> int:
        """The offset of a block's first prose character."""
        return self.blocks[u].spans[0][0]

    def continued(self, u: int) -> bool:
        """Does the paragraph after paragraph ``u`` start with an opening mark (a quotation
        running over several paragraphs)?"""
        blocks = self.blocks
        if u < 0 or u + 1 >= len(blocks) or blocks[u].kind != "paragraph":
            return False
        nxt = blocks[u + 1]
        if nxt.kind != "paragraph" or not nxt.spans:
            return False
        start = nxt.spans[0][0]
        return self.doc.prose_text[start: start + 4].lstrip("*_~")[:1] in _CONTINUES


_ARROWS = frozenset("«»‹›")
_HTML_LINE = lazy(r"^[ \t]*</?[A-Za-z]", re.M)
_TAG = lazy(r"<[^<>]*>|\{%.*?%\}|\{\{.*?\}\}", re.S)  # tags, and Liquid tags inside the block
_HTML_QUOTE = lazy(r"[\"“”‘„«»‚‹›]|&(?:quot|[lr][sd]quo|[lr]aquo|bdquo|#34|#822[01]|#8216|#171|#187);")
_DELIMITERS = frozenset("\"'“”")
_CONTINUES = frozenset("\"'“‘«„‚‹»")


class _MaskIndex:
    """Find the inline construct (code span, HTML tag, entity...) that masks an offset."""

    def __init__(self, masks: list[tuple[int, int, str]]) -> None:
        self.masks = masks
        self.starts = [s for s, _, _ in masks]

    def at(self, j: int) -> tuple[str, int, int] | None:
        """(kind, start, end) of the mask over offset ``j``, or None (a line's structural prefix)."""
        k = bisect.bisect_right(self.starts, j) - 1
        for s, e, kind in self.masks[max(0, k - 3): k + 1][::-1]:  # masks may nest a little
            if s <= j < e:
                return kind, s, e
        return None


_ALNUM = lazy(r"[^\W_]")  # a letter or digit


class _Context:
    """Is the text just before / after a mark space-like? Looks through emphasis, quote marks
    and inline HTML; a line's structural prefix (``> ``, list indentation) counts as space."""

    def __init__(self, P: str, text: str, masks: list[tuple[int, int, str]]) -> None:
        self.P = P
        self.text = text
        self.masks = masks
        self._index: _MaskIndex | None = None
        # Walks over see-through characters are remembered: in a run of thousands of quote
        # marks each walk would otherwise cross the whole run again (quadratic on quote soup).
        self._left: dict[int, bool] = {}
        self._right: tuple[int, int, bool] = (1, 0, True)  # the last walk: [start, stop] → answer
        self._alnum: dict[int, int] = {}  # line end → its last letter or digit (ends_paragraph)

    def ends_paragraph(self, at: int) -> bool:
        """Does nothing but blanks or masked markup follow ``at`` to the end of its line, and is
        the next line (if any) without a letter or digit: the end of a paragraph?"""
        P = self.P
        eol = P.find("\n", at)
        if eol < 0:
            eol = len(P)
        if self._last_alnum(eol) >= at:
            return False
        if eol == len(P):
            return True
        nxt = P.find("\n", eol + 1)
        return self._last_alnum(nxt if nxt >= 0 else len(P)) <= eol

    def _last_alnum(self, eol: int) -> int:
        """The offset of the last letter or digit of the line that ends at ``eol`` (-1: none),
        remembered per line: a line of thousands of marks asks again for each."""
        found = self._alnum.get(eol)
        if found is None:
            start = self.P.rfind("\n", 0, eol) + 1
            m = _ALNUM().search(self.P[start:eol][::-1])  # (the line reversed: its last one first)
            found = self._alnum[eol] = eol - 1 - m.start() if m is not None else -1
        return found

    def _mask_at(self, j: int) -> tuple[str, int, int] | None:
        if self._index is None:
            self._index = _MaskIndex(self.masks)
        return self._index.at(j)

    def left(self, i: int) -> bool:
        answer = self._left.get(i)
        if answer is None:
            answer = self._left[i] = self._walk_left(i)
        return answer

    def _walk_left(self, i: int) -> bool:
        P = self.P
        known = self._left
        j = i - 1
        while j >= 0:
            c = P[j]
            if c in _SEE_THROUGH:
                if j in known:  # a walk from j goes on from j - 1, as this one does
                    return known[j]
                j -= 1
                continue
            if c == MASK:
                found = self._mask_at(j)
                if found is None:
                    return True  # the structural prefix of a line: > or list indentation
                kind, s, e = found
                if kind in _TRANSPARENT_MASKS:
                    j = s - 1
                    continue
                return kind == "entity" and _unescape(self.text[s:e]) in _SPACE_LEFT
            return c in _SPACE_LEFT
        return True

    def right(self, i: int) -> bool:
        start, stop, answer = self._right
        if start <= i <= stop:  # on the path of the last walk: the same answer
            return answer
        answer, stop = self._walk_right(i)
        self._right = (i, stop, answer)
        return answer

    def _walk_right(self, i: int) -> tuple[bool, int]:
        """The answer for ``i`` and where the walk stopped (every position on its way agrees)."""
        P = self.P
        j, n = i, len(P)
        while j < n:
            c = P[j]
            if c in _SEE_THROUGH:
                j += 1
                continue
            if c == MASK:
                found = self._mask_at(j)
                if found is None:
                    return True, j
                kind, s, e = found
                if kind in _TRANSPARENT_MASKS:
                    j = e
                    continue
                if kind in _TEXT_ENDS:
                    return True, j  # ”][label], ”](url), ”[^1]: the link text (or the sentence) ends there
                return kind == "entity" and _unescape(self.text[s:e]) in _SPACE_RIGHT, j
            return c in _SPACE_RIGHT, j
        return True, n


def _closer_next(marks: list[Mark], idx: int) -> bool:
    """Is the next double quotation mark after ``marks[idx]`` in its paragraph a ”?"""
    for m in marks[idx + 1:]:
        if m.ch in DOUBLE:
            return m.ch == "”"
    return False


def _pair_unit(marks: list[Mark], ctx: _Context, prof: Profile, q: Quotes, stack: list[Mark]) -> list[Mark]:
    """Pair one paragraph's marks on ``stack`` (empty, or carried from the paragraph before a
    list); record stray marks; return the opening marks left open."""
    P = ctx.P
    closers = prof.closers
    n = len(P)
    for mk in marks:  # the common case inline: a plain character on each side
        i = mk.start
        c = P[i - 1] if i else "\n"
        mk.lsp = c in _SPACE_LEFT or (c in _LOOK_FURTHER and ctx.left(i))
        i = mk.end
        c = P[i] if i < n else "\n"
        mk.rsp = c in _SPACE_RIGHT or (c in _LOOK_FURTHER and ctx.right(i))
        if c in _DASHES and mk.lsp:
            mk.rsp = not _quoted_dashes(P, i, n)  # so “-” statt “--”: the dash is what is quoted
        elif mk.rsp and mk.start and P[mk.start - 1] in _DASHES:
            mk.lsp = not _quoted_dashes(P, mk.start - 1, -1)
    attribute = ""  # inside an attribute value left in prose (alt="..."): its closing delimiter
    after: list[int] = []  # _following(marks), made when first asked for (see _closes_next)
    quoting = _spaced_guillemets(marks, prof)

    def turned(o: Mark) -> bool:  # improvement.“ ending its paragraph, read below as a closing mark turned round
        return P[o.start - 1: o.start] not in ":—–" and ctx.ends_paragraph(o.end)

    for idx, mk in enumerate(marks):
        ch = mk.ch
        if attribute:
            if ch == attribute or (attribute == "”" and ch in "“″"):  # (url=”…/219833304″ params=: WordPress's ″)
                attribute = ""
            continue
        if ch in _DELIMITERS and P[mk.start - 1: mk.start] == "=":
            attribute = "”" if ch in "“”" else ch
            continue
        lsp, rsp = mk.lsp, mk.rsp
        opening, closing = lsp and not rsp, rsp and not lsp
        top = _top(stack, DOUBLE if ch in DOUBLE else SINGLE)
        before = P[mk.start - 1] if mk.start else " "
        # „took over“our: the low mark's own closing mark (German „…“, ‚…‘) glued to the next word
        # closes the quotation open on top, as ” would (missing-space-after-punctuation's slip);
        # not a mark typed into the word, though English opens with it
        low_close = top is not None and stack[-1] is top and _LOW_CLOSE.get(top.ch) == ch \
            and not lsp and not rsp
        inword = ch in _IN_WORD_MARKS and not lsp and not rsp and before.isalpha() and not low_close \
            and _inside_word(P, mk, prof, top is None, lambda: _spare_closers(marks, idx, prof, stack, turned))
        if inword:
            mk.flag = "inword"  # pr”ogram, societ”y: a mark typed into a word, which pairs with nothing
            mk.sure = inword is True  # (bug“fix, two words: or a quotation that lost both its spaces)
            q.stray.append(mk)
            continue
        if ch in _ARROWS and lsp and rsp and ch not in prof.primary and id(mk) not in quoting:
            continue  # "More »", "‹ Back": an arrow, in a language that does not quote with it
        if ch == '"':
            if before.isdigit() and (top is None or _PRIME().search(P, max(0, mk.start - 12), mk.start)):
                mk.role = "prime"  # 6'2", a 27" screen
            elif opening:
                if top is not None and stack[-1] is top and _misplaced(P, mk) and not _closes_next(marks, idx, after):
                    _close(mk, stack, top, q, "misplaced")
                else:
                    _open(mk, stack)
            elif closing:
                _close_or_stray(mk, stack, top, q)
            elif top is not None:
                # provide."_**Hannah Rubin**: after a sentence's last mark, with emphasis glued
                # on, a quotation that is open surely ends here (the next sentence lost its space)
                _close(mk, stack, top, q, sure=before in ".,!?" and P[mk.end: mk.end + 1] in ("_", "*"))
            else:
                _open(mk, stack, sure=False)
        elif ch == "'" or ch == "’":
            if ch == "'" and before.isdigit() and (top is None or _PRIME_AFTER().match(P, mk.end)):
                mk.role = "prime"  # 6' tall, 5'11"
            elif opening and _ELISION().match(P, mk.end):
                mk.role, mk.flag = "apostrophe", "elision"  # ’90s, ’em, rock ’n’ roll
            elif opening and ch == "'":
                _open(mk, stack)
            elif opening:
                if top is not None and stack[-1] is top and _misplaced(P, mk) and not _closes_next(marks, idx, after):
                    _close(mk, stack, top, q, "misplaced")
                else:
                    mk.role = "apostrophe"  # ’ before a word: an elision we do not know
            elif top is not None:
                # after an s it may be a plural possessive (‘the Smiths’ house’): not sure
                _close(mk, stack, top, q, sure=closing and before not in "sS")
            else:
                mk.role = "apostrophe"  # the Smiths’ house, goin’
        elif ch == "“" or ch == "‘":
            opens_here = ch not in closers  # “ opens in English, closes in German and Russian
            if ch == "‘" and (opening or not (lsp or rsp)) and _ELISION().match(P, mk.end):
                # ‘90s: an apostrophe drawn the wrong way; so is one glued on both sides before a
                # possessive's s (the [FEMA](url)‘s app, **Molly Schwartz**‘s post, </a>‘s page)
                mk.role, mk.flag = "apostrophe", "reversed"
            elif opening:
                _open(mk, stack)
            elif closing and top is not None and opens_here and P[mk.end: mk.end + 1].isspace() \
                    and max(_closers_after(marks, idx), _closers_left(marks, idx)) \
                    > sum(1 for o in stack if (o.ch in DOUBLE) == (ch in DOUBLE)):
                # the word“ damage” to assess … earthquake.”: more closing marks follow than the
                # quotations open can take, so this one opens a nested quotation with its space
                # on the wrong side (not the open quotation's closing mark turned round); so too
                # where they follow with pairs between (aren’t called“ brand colors.” … “brand
                # colors,” … schedules.”)
                _open(mk, stack, sure=False)
                mk.flag = "misplaced"
            elif closing and top is not None:
                # “Hello,“ in English: turned round (German „Hallo“ and Russian „…“ close with “);
                # so is ”Hello.“, a pair with both marks drawn the wrong way
                swapped = top.flag == "reversed" and top.ch in "”’"
                _close(mk, stack, top, q, "reversed" if opens_here and (top.ch in "“‘\"'" or swapped) else "")
            elif low_close and top is not None:
                _close(mk, stack, top, q)
            elif closing and ch == "‘" and prof.apostrophe:
                mk.role, mk.flag = "apostrophe", "reversed"  # goin‘: an apostrophe drawn the wrong way
            elif closing and opens_here and top is None and before not in ":—–" and ctx.ends_paragraph(mk.end):
                # improvement.“ at a paragraph's end, nothing open: with nothing after it to open,
                # it is a closing mark drawn the wrong way (its opening may be in an earlier paragraph;
                # after a colon or a dash it may open the next paragraph's quotation: said:“)
                mk.role, mk.flag = "close", "reversed"
            elif lsp and rsp and opens_here and top is not None and ctx.ends_paragraph(mk.end) \
                    and _ends_sentence_before(P, mk.start):
                # behaviors, too. “ at a paragraph's end with a quotation open: the closing mark
                # typed after a stray space, which smart-quote software turned round; it opens
                # nothing (nothing follows it) and closes the open quotation
                _close(mk, stack, top, q, "reversed")
            elif closing and opens_here and top is None and attributed_after(P, mk):
                # change,“ said Roth. with nothing open: a quotation's words, its comma, then who
                # said them; a closing mark drawn the wrong way (its opening mark is in an earlier
                # paragraph, or lost), not an opening one before "said Roth."
                mk.role, mk.flag = "close", "reversed"
            elif closing and opens_here and P[mk.end: mk.end + 1].isspace():
                _open(mk, stack, sure=False)
                mk.flag = "misplaced"  # said“ Only: an opening mark with its space on the wrong side
            elif opens_here:
                _open(mk, stack, sure=False)
            else:
                _close_or_stray(mk, stack, top, q)
        elif ch == "″":
            if closing and top is not None and before.isdigit() and not _closer_next(marks, idx):
                _close(mk, stack, top, q, "prime")  # “5″: a double prime where ” belongs
                # (not “Rumors of 20-30″ of snow are … premature.”: a ” next closes the quotation,
                # and the ″ is the inches it reads as)
            else:
                mk.role = "prime"
        elif ch in "”»›":
            if opening and ch in prof.openers and ch not in closers:
                _open(mk, stack)  # German »Hallo«: » opens there
            elif opening and top is not None and stack[-1] is top:
                # “the hidden ”costs: a mark that only closes in this language, with its quotation
                # open, is surely that quotation's closing mark unless a later mark of its kind
                # closes instead (then it may be an opening mark drawn the wrong way) -- and the later
                # ones are not all wanted by the quotations open around it ("tell them “thinner ”until
                # you like it.": the " closes the outer quotation)
                sure = _misplaced(P, mk, lower=False) or (
                    ch in closers and ch not in prof.openers and (
                        not _closer_follows(marks, idx, prof)
                        or _closers_after(marks, idx) < sum(1 for o in stack if (o.ch in DOUBLE) == (ch in DOUBLE))))
                _close(mk, stack, top, q, "misplaced", sure=sure)
            elif opening and top is None and _misplaced(P, mk, lower=False) and _ATTRIBUTED().match(P, mk.end) \
                    and not _closer_follows(marks, idx, prof):
                # change, ”said Roth.: nothing open, but a closing mark after a clause and before
                # its attribution, its space on the wrong side (the opening mark was lost earlier)
                mk.role, mk.flag = "close", "misplaced"
                q.stray.append(mk)
            elif (opening or not (lsp or rsp)) and top is None:
                _open(mk, stack, sure=opening)
                if ch not in prof.openers:  # German »Hallo« opens with », as it may
                    mk.flag = "reversed"  # ”Hello”, e.g.”back”, »Hallo« in Russian: a closing mark used to open
            elif ch == "”" and top is not None and stack[-1] is top and _stray_before_closer(ctx, marks, idx, top, stack):
                mk.role = "close"  # "He said ” no to the plan", “Read the [city website”][site] now,”:
                mk.flag = "inside"  # the quotation's own closing mark follows; this one closes nothing
                q.stray.append(mk)
            else:
                _close_or_stray(mk, stack, top, q)
        elif closing and top is not None and ch in "«‹" and top.ch in "»›":
            _close(mk, stack, top, q)  # »Hallo«: reversed guillemets, paired
        else:  # „ ‚ « ‹ ‟ ‛ open
            _open(mk, stack)
    for mk in stack:
        if mk.ch == "'":
            mk.role = "apostrophe"  # an unclosed ' is an apostrophe we could not place ('bout)
    return [mk for mk in stack if mk.ch != "'"]


MISPLACED_SPACES = " \t\u00a0\u202f"


_DASHES = frozenset("-–—")


def _quoted_dashes(P: str, i: int, stop: int) -> bool:
    """Is the run of dashes at ``i`` (walked right when ``stop`` is past it, left when it is -1)
    all a quotation holds: a quotation mark right beyond it (so “-” statt so “--”)? A dash
    counts as a space beside a mark (a quotation ends before a dash: “Yes”—he said); one
    between two marks is the quoted text, and the marks open and close it."""
    step = 1 if stop > i else -1
    j = i
    while j != stop and P[j] in _DASHES:
        j += step
    return j != stop and P[j] in QUOTES and abs(j - i) <= 3


def misplaced_space(text: str, mk: Mark) -> bool:
    """Is ``mk`` a mark out of place with a blank on its wrong side (``said“ the``, ``, ”said``):
    one that misplaced-quote-space reports, also when it pairs with nothing (then the rules for
    lone marks leave it to that one finding)?"""
    if mk.flag != "misplaced" or (mk.masked and not text.startswith("&", mk.start)):
        return False  # (a mark written as an entity is reported there too: even&#8220; eats)
    if mk.role == "close":
        return text[mk.start - 1: mk.start] in MISPLACED_SPACES and mk.start > 0
    return mk.role == "open" and text[mk.end: mk.end + 1] in MISPLACED_SPACES and mk.end < len(text)


_IN_WORD_MARKS = "“”„\""
_LOW_CLOSE = {"„": "“", "‚": "‘"}  # a low opening mark's closing mark in German and Russian (inner)
_ENDINGS = frozenset(("s", "t", "re", "ve", "ll", "d", "m"))  # (what DOUBLE_AS_APOSTROPHE reads as an ending)
_ONE_LETTER_WORDS = frozenset(("A", "I", "a"))  # (words the shipped list leaves out: a“special operation”)


def word_parts(P: str, mk: Mark) -> tuple[str, str]:
    """The letters glued to the mark on its left and on its right (``pr`` and ``ogram``)."""
    s = mk.start
    while s > 0 and P[s - 1].isalpha():
        s -= 1
    e = mk.end
    while e < len(P) and P[e].isalpha():
        e += 1
    return P[s:mk.start], P[mk.end:e]


def _inside_word(P: str, mk: Mark, prof: Profile, nothing_open: bool = False,
                 spare_closers: Callable[[], int] = lambda: 0) -> bool | str:
    """Is the double quotation mark ``mk``, between two letters, typed into one word (pr”ogram,
    Intro”ducing, sat“oshi)? The two sides make a word without it: in English the shipped word
    list says so, in any language the article writing that word elsewhere does. In English a
    curly mark between two letters is one too unless both sides are words: a quoted word glued
    to the next (“took over”our, which missing-space-after-punctuation reports) or an opening
    mark glued to the word before (to“provide); and so is a straight one between two lower-case
    letters with no quotation open for it to close (ado"pters, rou"ndtable), unless both sides are
    words. Not between letters without case (他说“我们走”:
    Chinese, Japanese and Thai set no spaces). Not after a lone capital before a name (O”Brien: an
    apostrophe mistyped; G”SA is a mark in a word); a straight mark only between Latin letters (Hebrew writes its acronyms with ").
    In another language a mark that cannot open a quotation there, between two lower-case
    letters and with no quotation open to close, is one too (German aus”gegangen), and so is one
    that pairs with nothing there (Portuguese mem“bro: no closing mark follows) unless both sides
    are words the article writes alone. An ending after the mark (he”re) counts as a contraction's
    only where one can be (we’re, don’t: see ``contraction``). In English, two lower-case words
    that make one the word list lacks (bug“fix, sub"domain), with nothing open and no closing mark
    after it, give "maybe": likelier one slip than an opening mark that lost its space and its
    partner, but not sure (``_analyse`` makes it sure where the quotation such an opening mark
    would open is left open nowhere else in the article); a closing mark there (key”path) is sure."""
    left, right = word_parts(P, mk)
    if not right or len(left) + len(right) < 3 or (len(left) == 1 and left.isupper() and right[1:2].islower()):
        return False
    if left[-1].lower() == left[-1].upper() or right[0].lower() == right[0].upper():
        return False  # letters without case (他说“我们走”: Chinese sets its marks without spaces)
    if right.lower() in _ENDINGS and contraction(left, right):
        return False  # “yes”s and “no”s, don”t: a quoted word's plural, or an apostrophe mistyped
    if mk.ch == '"' and not (left[-1].isascii() and right[0].isascii()):
        return False
    joined = left + right
    both_words = False
    if prof.language == "en":
        from .resources import english_word, english_words

        words = english_words()
        if english_word(joined.lower()) or joined in words:
            return True
        both_words = (left.lower() in words or left in _ONE_LETTER_WORDS) and right.lower() in words
        if mk.ch != '"' and not both_words:
            return True
        if mk.ch == '"' and nothing_open and not both_words and left[-1].islower() and right[0].islower() \
                and spare_closers() <= 0:
            return True  # ado"pters, rou"ndtable: a straight mark with no quotation open to close
            # (and none after it to close one it opens: dijo"hola" is a quotation glued to a word)
    # (in English its singular or plural counts: the article writes outpoint, the mark is in out“points)
    form = re.escape(joined) if prof.language != "en" else \
        re.escape(joined[:-1] if joined.endswith("s") and len(joined) >= 5 else joined) + "s?"
    if re.search(r"(?<![\w’'])%s(?![\w’'])" % form, P) is not None:
        return True
    if prof.language == "en":
        if both_words and nothing_open and left[-1].islower() and right[0].islower() and spare_closers() <= 0:
            if mk.ch in prof.closers and mk.ch not in prof.openers:
                return True  # key”path: a closing mark with nothing open closes nothing even spaced
            return "maybe"  # bug“fix, sub"domain: two words that make one the list lacks, nothing open
            # and nothing after to close a quotation: a mark typed into the word, or an opening mark
            # that lost its space and its closing mark (two slips): the deletion is unsafe
        if not nothing_open and (mk.ch in prof.closers or mk.ch == '"') and left[-1].islower() \
                and right[0].islower() and spare_closers() >= 0:
            return True  # “gee”king out”: a later mark closes the quotation open here; read as
            # closing it, the mark would leave that later one closing nothing (two slips)
        if not nothing_open and mk.ch in prof.openers and mk.ch not in prof.closers and left[-1].islower() \
                and right[0].islower() and spare_closers() <= 0:
            return "maybe"  # “gee“king out”: read as opening a quotation inside, the mark would leave
            # the one open here unclosed; as for bug“fix, ``_analyse`` decides whether that is sure
        return False
    if not (left[-1].islower() and right[0].islower()):
        return False
    # In another language (no word list), between two lower-case letters: a curly mark that cannot
    # open a quotation there, with no quotation of its kind open to close (German aus”gegangen)
    if nothing_open and mk.ch != '"' and mk.ch not in prof.openers:
        return True
    # ... or one that could open or close a quotation but pairs with nothing there: an opening mark
    # (or a straight one with nothing open) that no spare closing mark after it can close
    # (Portuguese mem“bro, vota“ram, Spanish olv"ido, French « Nous ver“rons »), a closing mark
    # (or a straight one with a quotation open) while later ones close the open quotations (“O
    # pro”jeto é bom”) -- unless both sides are words the article writes alone (disse“a proposta:
    # an opening mark that lost its space and its partner)
    closes = (mk.ch in prof.closers or mk.ch == '"') and not nothing_open  # (a closing mark with a quotation to close)
    spare = spare_closers()
    if spare < 0 if closes else spare > 0:
        return False
    return not (_written_alone(left, P, mk) and _written_alone(right, P, mk))


def _written_alone(word: str, P: str, mk: Mark) -> bool:
    """Does the prose write ``word`` as a word of its own (any case), other than the two parts
    glued to ``mk`` (nen“nen)?"""
    return any(m.end() != mk.start and m.start() != mk.end
               for m in re.finditer(r"(?<![^\W_])%s(?![^\W_])" % re.escape(word), P, re.I))


_GUILLEMET_CLOSE = {"«": "»", "‹": "›"}


def _spaced_guillemets(marks: list[Mark], prof: Profile) -> set[int]:
    """Ids of spaced guillemets that pair up, opening before closing, in a language that does not
    quote with them: French-style « quotation » pasted into English copy, not arrows ("More »")."""
    spaced = [mk for mk in marks if mk.ch in _ARROWS and mk.lsp and mk.rsp and mk.ch not in prof.primary]
    paired: set[int] = set()
    opener = None
    for mk in spaced if len(spaced) > 1 else ():
        if mk.ch in _GUILLEMET_CLOSE:
            opener = mk
        elif opener is not None and mk.ch == _GUILLEMET_CLOSE[opener.ch]:
            paired.update((id(opener), id(mk)))
            opener = None
    return paired


_PRIME_AFTER = lazy(r"(?:\s?\d+(?:\.\d+)?\"|\d|\"|$)", re.M)


_MAX_LOOK = 64  # open quotations looked through for a family's innermost: real nesting is 2 or 3


def _top(stack: list[Mark], family: frozenset[str]) -> Mark | None:
    """The innermost open mark of a glyph family (among the innermost ``_MAX_LOOK``: quote soup
    of thousands of unclosed marks must not make each look-up cross all of them)."""
    if not stack:
        return None
    if stack[-1].ch in family:  # the common case: the innermost open mark
        return stack[-1]
    for k in range(len(stack) - 2, max(-1, len(stack) - 1 - _MAX_LOOK), -1):
        if stack[k].ch in family:
            return stack[k]
    return None


def _misplaced(P: str, mk: Mark, lower: bool = True) -> bool:
    """Could this mark after a space and before a word close a quotation (`ultimatums, "he
    said`)? Only when the word before the space ends a clause (, . ! ?) and, unless the mark
    can only close (”), the word after starts in lower case: `he said, "Well` opens a quotation."""
    j = mk.start - 1
    while j > 0 and P[j] in " \t\u00a0":
        j -= 1
    return P[j] in _SENTENCE_END and (not lower or P[mk.end: mk.end + 1].islower())


def _closes_next(marks: list[Mark], idx: int, following: list[int]) -> bool:
    """Is the next mark like ``marks[idx]`` closing-shaped? Then ``marks[idx]`` opens a nested
    quotation (`"It does not, "enabling fullrbf" is"`) rather than closing one out of place.
    ``following[idx]`` is the index of that next mark (-1: none), found once per paragraph: the
    list is filled on the first call (most paragraphs never ask)."""
    if not following:
        following.extend(_following(marks))
    nxt = following[idx]
    return nxt >= 0 and marks[nxt].rsp and not marks[nxt].lsp


def _following(marks: list[Mark]) -> list[int]:
    """For each mark, the index of the next mark of the same character, or -1."""
    out = [-1] * len(marks)
    last: dict[str, int] = {}
    for k in range(len(marks) - 1, -1, -1):
        ch = marks[k].ch
        out[k] = last.get(ch, -1)
        last[ch] = k
    return out


def _closers_after(marks: list[Mark], idx: int) -> int:
    """How many closing-shaped marks of ``marks[idx]``'s family follow it before the next
    opening-shaped one (a mark glued on its left with a blank on its right, or the reverse)."""
    family = DOUBLE if marks[idx].ch in DOUBLE else SINGLE
    n = 0
    for k in range(idx + 1, len(marks)):
        mk = marks[k]
        if mk.ch in family:
            if mk.lsp and not mk.rsp:
                break
            n += mk.rsp and not mk.lsp
    return n


def _stray_before_closer(ctx: "_Context", marks: list[Mark], idx: int, top: Mark, stack: list[Mark]) -> bool:
    """Is the ” at ``marks[idx]``, which would close ``top``, a stray one inside the quotation,
    whose own closing mark comes later (as many closing-shaped marks follow as quotations are
    open)? So when ``top`` is a straight " and the next mark of the family is a closing " ("He
    said ” no to the plan": a quotation is drawn with one kind of mark), or when the ” ends a
    link's text that opened inside the quotation (“Read the [city website”][site] now,”: a
    quotation does not close inside a link it holds)."""
    P = ctx.P
    if top.ch == '"':
        nxt = next((m for m in marks[idx + 1:] if m.ch in DOUBLE), None)
        if nxt is None or nxt.ch != '"' or not (nxt.rsp or nxt.end == len(P)) or nxt.lsp:
            return False
    else:
        mk = marks[idx]
        opened = P.rfind("[", top.end, mk.start)
        if opened < 0 or "]" in P[opened: mk.start] or P[mk.end: mk.end + 1] not in ("]", MASK) \
                or ctx.text[mk.end: mk.end + 1] != "]":
            return False
    return _closers_after(marks, idx) >= sum(1 for o in stack if o.ch in DOUBLE)


def _closers_left(marks: list[Mark], idx: int) -> int:
    """How many more closing-shaped than opening-shaped marks of ``marks[idx]``'s family follow
    it: the closing marks left over once the quotations opened after it are closed."""
    family = DOUBLE if marks[idx].ch in DOUBLE else SINGLE
    n = 0
    for k in range(idx + 1, len(marks)):
        mk = marks[k]
        if mk.ch in family and mk.lsp != mk.rsp:
            n += 1 if mk.rsp else -1
    return n


def _closer_follows(marks: list[Mark], idx: int, prof: Profile) -> bool:
    """Is the next mark of ``marks[idx]``'s family a closing one, with no opening mark between?
    Then ``marks[idx]`` might open a quotation that mark closes (drawn the wrong way); a new
    opening mark first (“a ”b, “c”) settles that ``marks[idx]`` closed the first quotation."""
    family = DOUBLE if marks[idx].ch in DOUBLE else SINGLE
    for k in range(idx + 1, len(marks)):  # stops at the family's next mark: no copy, no full scan
        mk = marks[k]
        if mk.ch in family:
            if mk.ch in prof.openers and mk.ch not in prof.closers:
                return False
            return mk.rsp and not mk.lsp
    return False


def _spare_closers(marks: list[Mark], idx: int, prof: Profile, stack: list[Mark],
                   turned: Callable[[Mark], bool] = lambda mk: False) -> int:
    """How many closing marks of ``marks[idx]``'s family come later in its paragraph that no
    later opening mark takes, beyond those the quotations open here need: above 0, one is left
    for a quotation ``marks[idx]`` might open; below 0, an open quotation needs ``marks[idx]`` to
    close it. A mark that only opens or only closes in the language is read by its glyph (French
    » with its space before it closes), any other by its shape; but an opening glyph shaped as a
    closing mark at the paragraph's end (``engagement.“``), which the analysis reads as a closing
    mark turned round, closes here too: else the mark glued to a word before it (``to“provide``)
    would be read as typed into the word, and deleted, where its quotation's closing mark was only
    turned round."""
    family = DOUBLE if marks[idx].ch in DOUBLE else SINGLE
    needed = sum(1 for o in stack if o.ch in family)
    spare = 0
    depth = 0
    for k in range(idx + 1, len(marks)):
        mk = marks[k]
        if mk.ch not in family:
            continue
        opens = mk.ch in prof.openers and mk.ch not in prof.closers
        closes = mk.ch in prof.closers and mk.ch not in prof.openers
        if not (opens or closes):
            opens, closes = mk.lsp and not mk.rsp, mk.rsp and not mk.lsp
        elif opens and mk.rsp and not mk.lsp and not depth and turned(mk):
            opens, closes = False, True  # improvement.“ ending the paragraph: a closing mark turned round
        if opens:
            depth += 1
        elif closes:
            if depth:
                depth -= 1
            else:
                spare += 1
    return spare - needed


def _open(mk: Mark, stack: list[Mark], sure: bool = True) -> None:
    mk.role = "open"
    mk.sure = sure
    mk.depth = len(stack)
    mk.parent = stack[-1] if stack else None
    stack.append(mk)


def _ends_sentence_before(P: str, at: int) -> bool:
    """Do a sentence's or clause's end mark and blanks come right before ``at`` (``too. “``), or
    such a mark and the closing mark of a quotation inside (``‘Go home.’ “``)? Not a colon:
    ``said: “`` may open the next paragraph's quotation."""
    j = at - 1
    while j >= 0 and P[j] in " \t\u00a0":
        j -= 1
    if j > 0 and P[j] in "’'":
        j -= 1  # (the inner quotation's closing mark: the sentence ended inside it)
    return j >= 0 and P[j] in _SENTENCE_END and P[j] != ":"


def _close(mk: Mark, stack: list[Mark], opener: Mark, q: Quotes, flag: str = "", sure: bool = True) -> None:
    """Close ``opener`` (on the stack) with ``mk``; openers above it are unclosed."""
    if not flag and mk.ch in '"”' and opener.ch in '"“' and _SAME_GLYPH[mk.ch] != opener.ch:
        opener = _same_glyph_below(mk, stack, opener)
    elif not flag and mk.masked and not opener.masked and mk.ch in DOUBLE and opener.ch in DOUBLE:
        opener = _entity_below(stack, opener)
    while stack and stack[-1] is not opener:
        inner = stack.pop()
        if inner.ch == "'":
            inner.role = "apostrophe"
        else:
            q.unclosed.append(inner)
    stack.pop()
    mk.role = "close"
    mk.sure = sure
    mk.flag = flag or mk.flag
    mk.partner = opener
    mk.depth = opener.depth
    mk.parent = opener.parent
    opener.partner = mk


# A double quotation inside a double quotation is no nesting English writes; when a closing mark
# meets such a pair of openers, straight and curly, it closes the one drawn like itself: in
# "So far ... useful for later “payments ... left off". the “ is the stray one.
_SAME_GLYPH = {'"': '"', "”": "“"}


def _same_glyph_below(mk: Mark, stack: list[Mark], opener: Mark) -> Mark:
    """The double opener right below ``opener`` on the stack when it is drawn like ``mk`` (and
    ``opener`` is not), else ``opener``."""
    k = len(stack) - 1
    while k >= 0 and stack[k] is not opener:
        k -= 1
    for j in range(k - 1, max(-1, k - 1 - _MAX_LOOK), -1):
        if stack[j].ch in DOUBLE:
            return stack[j] if stack[j].ch == _SAME_GLYPH[mk.ch] else opener
    return opener


def _entity_below(stack: list[Mark], opener: Mark) -> Mark:
    """The double opener right below ``opener`` on the stack when it is written as an entity, as
    the closing mark is (and ``opener`` is not), else ``opener``: an export writes both marks of
    a quotation as entities, so in &#8220;we go “there&#8221; the typed “ is the lone one."""
    k = len(stack) - 1
    while k >= 0 and stack[k] is not opener:
        k -= 1
    for j in range(k - 1, max(-1, k - 1 - _MAX_LOOK), -1):
        if stack[j].ch in DOUBLE:
            return stack[j] if stack[j].masked else opener
    return opener


def _close_or_stray(mk: Mark, stack: list[Mark], top: Mark | None, q: Quotes) -> None:
    if top is not None:
        _close(mk, stack, top, q)
    else:
        mk.role = "close"
        q.stray.append(mk)



def has_foreign_script(text: str) -> bool:
    """Does the text contain Cyrillic or Greek letters (a verbatim original-language quotation)?"""
    return _CYRILLIC_GREEK().search(text) is not None
