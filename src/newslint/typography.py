"""What the spacing, punctuation and character rules share: one scan, one reading of house forms.

Python's ``re`` is fast only when a pattern starts with a plain character set: an alternation
of shapes costs several times more per pass. So a single pattern with one leading set finds
every candidate of NL100-NL109 and NL120-NL129 in one pass over the prose view, and each rule
reads its own list from ``scan(doc)``, memoised per document. The house forms several rules
must agree on (the article's ellipsis, its dash) are decided here once, from votes that no fix
of these rules can change, so two rules never pull a text in different directions and fixing
converges to the same text whatever order the fixes land in.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from .document import Document
from .patterns import lazy
from .prose import MASK

PUNCT = ".!?,;:"
HSPACE = " \t\u00a0\u202f"
_PUNCT_SET = frozenset(PUNCT)
# (a string of characters, not a regex class: rules test membership with ``in``; a regex class
# is built from INVISIBLE_CLASS. The combining grapheme joiner, the Hangul fillers, which render
# as nothing and pass for a letter, and the tag characters, which only an emoji flag's sequence
# uses, are invisible too.)
_BMP_INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
                  "\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u3164\ufeff\uffa0")
_TAGS = "\U000e0001\U000e0020-\U000e007f"  # (as a class's ranges)
INVISIBLE = _BMP_INVISIBLE + "\U000e0001" + "".join(map(chr, range(0xE0020, 0xE0080)))
INVISIBLE_CLASS = _BMP_INVISIBLE + _TAGS  # what goes between [ and ] in a pattern
_SCRIPTS = "\u0370-\u03ff\u0400-\u052f"
# Blanks that are not a space: the typographer's widths (en, em, thin, hair, figure...), the
# ideographic and Ogham spaces, the mathematical space, and the Unicode line and paragraph
# separators (a space or a line break to some readers, nothing to others). Between two words
# they pass for a space (repeated-space reports them there); around a dash, between digits or
# before French punctuation a thin or hair space is typography. (The no-break spaces are not
# here: they have rules of their own.)
ODD_SPACES = "\u1680\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u205f\u3000"
_SELECTORS = "\ufe00-\ufe0f"  # variation selectors: an emoji's, or after a letter an invisible slip
# Look-alikes that are not Greek or Cyrillic letters (mixed-script reads them): ligatures,
# fullwidth letters and digits, mathematical letters, letter-like symbols, Roman numerals, the
# dotless i, punctuation that passes for a full stop, colon, exclamation mark, slash or hyphen, and
# a combining accent after a Latin letter that has a composed form (e + ◌́ for é: decomposed text).
_LOOKALIKES = ("\u0300-\u036f\u0131\u01c3\u0589\u2024\u2043\u2044\u210e\u2113\u2160-\u217f\u2212\u2215\ua789"
               "\ufb00-\ufb06\ufe63\uff10-\uff19\uff21-\uff3a\uff41-\uff5a")
_MATH = "\U0001d400-\U0001d7ff"  # mathematical letters and digits: look-alikes too
# (Latin, Greek and Cyrillic: Russian, Ukrainian and Greek prose run on after a stop as English does)
_UPPER = "A-ZÀ-ÖØ-Þ\u0391-\u03a9\u0400-\u042f\u0490"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ\u0391-\u03a9\u03b1-\u03c9\u0400-\u045f\u0490\u0491"

# One leading set, then zero-width tests: nothing is consumed beyond the first character, so
# no candidate hides another.
_CANDIDATE = re.compile(
    "[-.!?,;:()\\[\\]…—–" + _BMP_INVISIBLE + _SCRIPTS + ODD_SPACES + _SELECTORS + _LOOKALIKES + "]"
    # Most candidates are a word's comma or full stop before a space or line break, which no
    # branch below takes: turned away by one test instead of six (8 % of the scan)
    "(?![ \n](?<=[^" + HSPACE + "][.!?,;:][ \n]))"
    "(?:(?=[" + _UPPER + ".!?,;:“\\[(*_])(?<=[.!?])"    # end.Next, end.“Next, end.*Next*, doubled marks, "..."
    "|(?=[a-z][A-Z])(?<=\\.)"                      # end.iOS, end.eBay
    "|(?=[" + _LETTER + ".!?,;:])(?<=[,;:])"      # word,word and doubled marks
    "|(?<=[-(\\[])(?=[- ])"                      # "--", " - ", "( text", "[ text"
    "|(?<=[)\\]])(?<= .)"                        # "text )"
    "|(?<=[ \t\u00a0\u202f][.!?,;:])"              # "word ," (NL102)
    "|(?<=[…—–" + _BMP_INVISIBLE + _SCRIPTS + ODD_SPACES + _SELECTORS + _LOOKALIKES + "]))"
)
_INVISIBLE_RUN = lazy("[" + INVISIBLE_CLASS + "]+")
# Characters beyond the Basic Multilingual Plane are kept out of _CANDIDATE's leading set: with
# them in it, re no longer skips ahead to a candidate at C speed (a scan of the corpus took 25
# times as long). A string that holds one is looked at again for them alone.
_ASTRAL = lazy("[" + _TAGS + _MATH + "]")


@dataclass
class Scan:
    """Candidate offsets in the prose view, by shape; runs are (start, end)."""

    stops: list[int] = field(default_factory=list)  # . ! ? right before an uppercase letter (or “ [ * _ and one)
    lowered: list[int] = field(default_factory=list)  # . right before a lower-case letter and a capital (end.iOS)
    commas: list[int] = field(default_factory=list)  # , ; : right before a letter
    runs: list[tuple[int, int]] = field(default_factory=list)  # 2+ marks of .!?,;: in a row
    spaced: list[int] = field(default_factory=list)  # .!?,;: right after a space
    hyphens: list[int] = field(default_factory=list)  # "-" before "-" or a space
    dashes: list[int] = field(default_factory=list)  # — and –
    ellipses: list[int] = field(default_factory=list)  # …
    opening: list[int] = field(default_factory=list)  # ( or [ before a space
    closing: list[int] = field(default_factory=list)  # ) or ] after a space
    invisible: list[tuple[int, int]] = field(default_factory=list)
    script: list[int] = field(default_factory=list)  # Greek and Cyrillic letters
    blanks: list[int] = field(default_factory=list)  # ODD_SPACES
    selectors: list[int] = field(default_factory=list)  # variation selectors right after a Latin letter
    lookalikes: list[int] = field(default_factory=list)  # _LOOKALIKES


def scan(doc: Document) -> Scan:
    """Every candidate of the typography rules in this document (one pass, memoised)."""
    return doc.memo("typography.scan", lambda: _scan(doc.prose_text))


def _scan(pt: str) -> Scan:
    s = Scan()
    skip_to = -1
    n = len(pt)
    for m in _CANDIDATE.finditer(pt):
        i = m.start()
        if i < skip_to:
            continue
        c = pt[i]
        if c in PUNCT:
            if i and pt[i - 1] in HSPACE:
                s.spaced.append(i)
            nxt = pt[i + 1] if i + 1 < n else ""
            if nxt and nxt in PUNCT:
                j = i + 2
                while j < n and (pt[j] in PUNCT or (pt[j] in INVISIBLE and pt[j + 1: j + 2] in _PUNCT_SET)):
                    j += 1  # (an invisible character inside a run is NL120's to delete: see through it)
                s.runs.append((i, j))
                skip_to = j
            elif not nxt.isalpha():
                if nxt in "“[(" and c in ".!?" and pt[i + 2: i + 3].isupper():
                    s.stops.append(i)  # end.“Next, end.[Link text, end.(Often
                elif nxt in "*_" and c in ".!?" and pt[i + 1: i + 5].lstrip("*_")[:1].isupper():
                    s.stops.append(i)  # end.*Nobody* knew, end.**Next, end.***Next, end._**Name**
            elif c in ".!?":
                if nxt.isupper():
                    s.stops.append(i)
                elif c == "." and "a" <= nxt <= "z" and "A" <= pt[i + 2: i + 3] <= "Z":
                    s.lowered.append(i)
            else:
                s.commas.append(i)
        elif c == "-":
            s.hyphens.append(i)
        elif c in "([":
            s.opening.append(i)
        elif c in ")]":
            s.closing.append(i)
        elif c == "…":
            s.ellipses.append(i)
        elif c in "—–":
            s.dashes.append(i)
        elif c in INVISIBLE:
            run = _INVISIBLE_RUN().match(pt, i)
            end = run.end() if run else i + 1
            s.invisible.append((i, end))
            skip_to = end
        elif "\u0370" <= c <= "\u052f":
            s.script.append(i)
        elif c in ODD_SPACES:
            s.blanks.append(i)
        elif "\ufe00" <= c <= "\ufe0f":
            if i and pt[i - 1] < "\u0250" and pt[i - 1].isalpha():  # (after an emoji or a symbol: its presentation)
                s.selectors.append(i)
        else:
            s.lookalikes.append(i)
    if _astral(pt):
        _astral_candidates(pt, s)
    return s


def _astral(text: str) -> bool:
    """Does the text hold a character beyond the Basic Multilingual Plane? (CPython keeps such a
    string at four bytes a character, one without at one or two, plus a header of under 100
    bytes: its size answers at no cost, where ``max`` reads every character.)"""
    n = len(text)
    if n < 200 or sys.implementation.name != "cpython":
        return max(text, default="") > "\uffff"
    return sys.getsizeof(text) > 3 * n + 40


def _astral_candidates(pt: str, s: Scan) -> None:
    """Tag characters (invisible) and mathematical letters (look-alikes) into ``s``."""
    runs = s.invisible
    added = False
    for m in _ASTRAL().finditer(pt):
        i = m.start()
        if pt[i] >= "\U000e0000":
            if not (runs and runs[-1][0] <= i < runs[-1][1]):
                run = _INVISIBLE_RUN().match(pt, i)
                runs.append((i, run.end() if run else i + 1))
                added = True
        else:
            s.lookalikes.append(i)
    s.lookalikes.sort()
    if added:  # (in order, and one run where a tag's run reached one found from a character after it)
        merged: list[tuple[int, int]] = []
        for a, b in sorted(runs):
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        s.invisible = merged


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The hand-written tables in rules/typography.yaml."""
    from .resources import load_yaml

    raw = load_yaml("rules", "typography.yaml")
    latin = str.maketrans(dict(raw["confusables"]))  # (as_latin's table, which is built from this one)
    return {
        "confusables": dict(raw["confusables"]),
        "lookalike-punctuation": dict(raw["lookalike-punctuation"]),
        "domain-words": frozenset(w.lower() for w in raw["domain-words"]),
        "title-abbreviations": frozenset(raw["title-abbreviations"]),
        "dotted-abbreviations": tuple(raw["dotted-abbreviations"]),
        "sentence-starters": frozenset(raw["sentence-starters"]),
        # (with the look-alike letters of Cyrillic ones read as Latin, as the rule reads the words: Это, "Этo")
        "sentence-starters-by-language": {lang: frozenset(raw["sentence-starters"]) | frozenset(words)
                                          | frozenset(w.translate(latin) for w in words)
                                          for lang, words in raw["sentence-starters-by-language"].items()},
        "uri-schemes": frozenset(raw["uri-schemes"]),
        "units": frozenset(raw["units"]),
    }


# A capitalised word that may open a sentence (Then, We've, Zero-fee), ending at a space or a mark, so not
# part of a path or range (../Docs, v1..HEAD)
# (any script's letters: a Spanish or German sentence opens with Él, Über, Escríbenos; the
# capital and the lower case after it are asked of the match, which no class of re can say)
_SENTENCE_WORD = lazy(r"[^\W\d_]+(?:['’][^\W\d_]+|(?:-[^\W\d_]+)+)?(?=[\s,;:!?)”’\"\ue000]|$)")


_ACRONYM = lazy(r"[A-Z]{2,6}s?(?=,? [a-z])")


def opens_with_acronym(pt: str, at: int) -> bool:
    """An acronym at ``at`` (FDA, CSPs) that the article also writes alone, then a lower-case
    word: the next sentence's first word after a stop ("system .FDA, led by", "communications..CSPs
    should"), not a name written with a dot (.NET), which is never written alone."""
    m = _ACRONYM().match(pt, at)
    if m is None or pt.count("." + m.group()) > 1:
        return False
    return re.search(r"(?<![\w.@/])%s(?![\w@/]|\.\w)" % m.group(), pt) is not None


def opens_sentence(pt: str, at: int) -> bool:
    """Does a word that may open a sentence start at ``at`` ("store .Then we", "Slack..This"),
    not a domain word written after a dot (the .Gov domains, .Net)?"""
    m = _SENTENCE_WORD().match(pt, at)
    if m is None:
        return False
    word = m.group()
    rest = word[1:].replace("'", "").replace("’", "").replace("-", "")
    # (a capital alone, "held ?A", opens no word to judge: it is not asked for a second letter)
    return len(word) > 1 and word[0].isupper() and word[1].isalpha() and rest.islower() \
        and word.lower() not in data()["domain-words"]


@lru_cache(maxsize=1)
def _latin_table() -> dict[int, Any]:
    table: dict[int, Any] = str.maketrans(data()["confusables"])
    table.update(dict.fromkeys(map(ord, INVISIBLE)))
    return table


def as_latin(word: str) -> str:
    """The word as NL121 and NL120 leave it: look-alikes read as Latin, invisible characters gone.

    Rules that look words up in a list read them through this, so that whether NL121 or NL120
    has fixed a word yet never changes their decision (fixes must not depend on their order).
    """
    return word.translate(_latin_table()) if not word.isascii() else word


def near_invisible(doc: Document, start: int, end: int, margin: int = 3) -> bool:
    """Does an invisible character (NL120 deletes it) sit within ``margin`` of ``[start, end)``?

    The other rules leave such a stretch alone until NL120 has cleaned it: a decision that
    deleting the character would change (`word  \u200b` is a run between words only until the
    ZWSP goes) must not depend on which fix lands first.
    """
    spans = scan(doc).invisible
    if not spans:
        return False
    k = bisect.bisect_left(spans, (start - margin, -1))
    if k > 0 and spans[k - 1][1] > start - margin:
        return True
    return k < len(spans) and spans[k][0] < end + margin


# -- context ----------------------------------------------------------------------------------

_OPEN_QUOTES = {"en": "“‘", "de": "„‚»", "ru": "«„", "uk": "«„", "fr": "«‹", "pl": "„«", "cs": "„‚"}
_CLOSE_QUOTES = {"en": "”’", "de": "“‘«", "ru": "»“", "uk": "»“", "fr": "»›", "pl": "”»", "cs": "“‘"}


def link_ending_at(doc: Document, at: int) -> int:
    """Where the masked ``(destination)`` or ``][label]`` of a link that ends at ``at`` starts, or
    -1 (the prose view shows the link text, then masks: "[report](url) ," still has a space
    before a comma)."""
    ends = doc.memo("typography.link-ends",
                    lambda: {e: s for s, e, kind in doc.prose_index.masks if kind in ("dest", "ref")})
    return ends.get(at, -1)


def entity_at(doc: Document, at: int, side: int) -> str:
    """The character an HTML entity stands for when one starts (side 0) or ends (side 1) at
    ``at``, else "". The prose view masks an entity (``&#8221;``), yet to a reader it is the mark
    it prints: a space after ``&#8221;`` and before a comma is a space before punctuation."""
    from .links.view import mask_starts  # (the entity masks' starts, memoised for the link rules too)

    starts = mask_starts(doc, "entity")
    if side == 1:
        at = doc.memo("typography.entity-ends", lambda: {e: s for s, e in starts.items()}).get(at, -1)
    end = starts.get(at)
    if end is None:
        return ""
    import html

    return html.unescape(doc.text[at:end])


def printed(ch: str, unlike: str = "") -> bool:
    """Is ``ch`` (an ``entity_at``) one printed character, not a space nor an invisible one, and
    none of ``unlike``?"""
    return len(ch) == 1 and not ch.isspace() and ch not in INVISIBLE and ch not in unlike


def restores_reference(doc: Document, start: int, end: int, new: str) -> bool:
    """Does replacing ``start:end`` with ``new`` repair a reference link's label, so that the
    bracketed text around it (``[Nеwsletter #52][]``, ``[text][lаbel]``, ``[lаbel]``) names a
    link reference definition it did not name before? Such a fix makes a link on purpose."""
    refs = doc.prose_index.references
    if not refs:
        return False
    text = doc.text
    # (within the paragraph, a label may run over a line break: [btcpay 2.4.2\n  advisory]; a
    # label is 999 characters at most, so the search goes no further, however long the paragraph)
    lo, hi = max(0, start - 1000), min(len(text), end + 1000)
    line_start, line_end = max(text.rfind("\n\n", lo, start) + 1, lo), text.find("\n\n", end, hi)
    line_end = hi if line_end < 0 else line_end
    opened, closed = text.rfind("[", line_start, start), text.find("]", end, line_end)
    if opened < 0 or closed < 0 or "]" in text[opened + 1: start] or "[" in text[end: closed]:
        return False
    if text[closed + 1: closed + 2] == "(" or (text[closed + 1: closed + 2] == "[" and text[closed + 2: closed + 3] != "]"):
        return False  # an inline link, or the text of a full reference: the label is elsewhere
    from markdown_it.common.utils import normalizeReference

    before = normalizeReference(text[opened + 1: closed])
    after = normalizeReference(text[opened + 1: start] + new + text[end: closed])
    return after in refs and before not in refs


def segment_before(doc: Document, offset: int) -> tuple[str, int]:
    """The prose of the paragraph (or front-matter line) up to ``offset``, and its blockquote depth."""
    if doc.in_front_matter(offset):
        start = doc.text.rfind("\n", 0, offset) + 1
        return doc.prose_text[start:offset], 0
    blocks = doc.blocks
    starts = doc.memo("typography.block-starts", lambda: [b.start for b in blocks])
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0 or blocks[k].end < offset:
        start = doc.text.rfind("\n", 0, offset) + 1
        return doc.prose_text[start:offset], 0
    return doc.prose_text[blocks[k].start:offset], blocks[k].quote_depth


def in_quotation(doc: Document, offset: int) -> bool:
    """Is ``offset`` inside a quotation: a blockquote, or after an unclosed quote mark?"""
    before, depth = segment_before(doc, offset)
    if depth:
        return True
    lang = doc.language
    opens, closes = _OPEN_QUOTES.get(lang, "“‘«„"), _CLOSE_QUOTES.get(lang, "”’»")
    level = sum(before.count(q) for q in opens if q != "‘") - sum(before.count(q) for q in closes if q != "’")
    return level > 0 or before.count('"') % 2 == 1


def wide(ch: str) -> bool:
    """A Chinese, Japanese or Korean character, or a fullwidth form: text whose space, stop and
    letters are its own (the ideographic space, 。, ＡＢＣ among kana)."""
    return bool(ch) and ("\u2e80" <= ch <= "\ud7ff" or "\uf900" <= ch <= "\ufaff" or "\ufe30" <= ch <= "\ufe4f"
                         or "\uff00" <= ch <= "\uffef" or "\U00020000" <= ch)


def word_around(pt: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the whole word (letters and marks) around it."""
    while start > 0 and (pt[start - 1].isalpha() or _is_mark(pt[start - 1])):
        start -= 1
    n = len(pt)
    while end < n and (pt[end].isalpha() or _is_mark(pt[end])):
        end += 1
    return start, end


def _is_mark(ch: str) -> bool:
    return "\u0300" <= ch <= "\u036f"


# -- ellipses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ellipsis:
    """One ellipsis in prose: ``…`` or three dots; ``bracket`` is the elision bracket around it."""

    start: int
    end: int
    form: str  # "…" or "..."
    bracket: str = ""  # "<", "(", "[" when written as <…>, (…), […]; else ""

    @property
    def outer(self) -> tuple[int, int]:
        """The span including the brackets."""
        return (self.start - 1, self.end + 1) if self.bracket else (self.start, self.end)


_CLOSER = {"<": ">", "(": ")", "[": "]"}
_DOTS = lazy(r"\.{3,}")


def ellipses(doc: Document) -> list[Ellipsis]:
    """Every ellipsis of the prose, in order (runs of five dots or more are leaders, not ellipses)."""
    return doc.memo("typography.ellipses", lambda: _ellipses(doc))


def _ellipses(doc: Document) -> list[Ellipsis]:
    pt = doc.prose_text
    sc = scan(doc)
    spans = [(i, i + 1, "…") for i in sc.ellipses]
    for s, e in sc.runs:
        dots = [k for k in range(s, e) if pt[k] not in INVISIBLE]  # see through invisible characters
        run = "".join(pt[k] for k in dots)
        for m in _DOTS().finditer(run):  # each stretch of dots in a run like '...?' or '...,...'
            if m.end() - m.start() <= 4:  # four dots: an ellipsis and a full stop; five or more: a leader
                k = m.start()
                spans.append((dots[k], dots[k + 2] + 1, "..."))
    spans.sort()
    out = []
    for a, b, form in spans:
        before = pt[a - 1] if a else ""
        after = pt[b] if b < len(pt) else ""
        bracket = before if before in _CLOSER and after == _CLOSER[before] else ""
        out.append(Ellipsis(a, b, form, bracket))
    return out


def house_ellipsis(doc: Document, style: str) -> str:
    """The ellipsis the article should use: ``style`` unless "auto", else its majority (ties: …).

    Ellipses inside elision brackets do not vote: NL106 rewrites those, and a vote they could
    change would make the house form depend on the order of fixes.
    """
    if style != "auto":
        return style
    votes = [e.form for e in ellipses(doc) if not e.bracket]
    return "..." if votes.count("...") > votes.count("…") else "…"


# -- dashes -----------------------------------------------------------------------------------

_HSPACE = HSPACE
DASH_FORMS = {"closed-em": "—", "spaced-em": " — ", "spaced-en": " – "}


@dataclass(eq=False)
class Dash:
    """A dash between two words: the mark, the spaces around it, and its neighbours."""

    start: int  # first space before the mark (or the mark)
    end: int  # after the last space after it
    mark: str  # "—", "–", "-", "--" or "---"
    space_before: str
    space_after: str
    prev: str  # the prose character before the spaces ("" at a line start or next to non-prose)
    next: str

    @property
    def between_words(self) -> bool:
        """Word (or emphasis, bracket) on both sides: not an attribution, not at a line edge."""
        return bool(self.prev and self.next) and (self.prev.isalnum() or self.prev in ")]*_%") \
            and (self.next.isalnum() or self.next in "([<*_$“‘\"'")

    @cached_property
    def form(self) -> str:
        """closed-em, spaced-em, spaced-en, or another shape (one-sided, hyphens, closed en)."""
        sb = any(ch in HSPACE for ch in self.space_before)
        sa = any(ch in HSPACE for ch in self.space_after)
        kind = {"—": "em", "–": "en"}.get(self.mark, "hyphen")
        if sb and sa:
            return f"spaced-{kind}"
        if not sb and not sa:
            return f"closed-{kind}"
        return f"one-sided-{kind}"


def dashes(doc: Document) -> list[Dash]:
    """Every em dash, en dash, spaced hyphen and double hyphen of the prose, with its spacing."""
    return doc.memo("typography.dashes", lambda: _dashes(doc))


def _dashes(doc: Document) -> list[Dash]:
    pt = doc.prose_text
    sc = scan(doc)
    marks: list[tuple[int, int]] = []
    for i in sc.dashes:
        if marks and marks[-1][1] == i and pt[i] == pt[i - 1]:
            marks[-1] = (marks[-1][0], i + 1)  # —— : one dash typed twice (doubled-punctuation's), one dash here
        else:
            marks.append((i, i + 1))
    last = -1
    for i in sc.hyphens:
        if i < last:
            continue
        j = i
        while j < len(pt) and pt[j] == "-":
            j += 1
        last = j
        if i > 0 and pt[i - 1] == "-":
            continue
        if j - i in (2, 3) or (j - i == 1 and i > 0 and pt[i - 1] in _HSPACE and pt[j: j + 1] == " "):
            marks.append((i, j))
    marks.sort()
    return [_dash_at(pt, a, b, pt[a] if pt[a] in "—–" else pt[a:b]) for a, b in marks]


def _dash_at(pt: str, a: int, b: int, mark: str) -> Dash:
    """The dash whose mark spans ``a:b`` of the prose view, with the spaces around it and its
    neighbours."""
    n = len(pt)
    s = a  # the spaces around the mark (invisible characters among them are seen through)
    while s > 0 and (pt[s - 1] in _HSPACE or pt[s - 1] in INVISIBLE):
        s -= 1
    e = b
    while e < n and (pt[e] in _HSPACE or pt[e] in INVISIBLE):
        e += 1
    prev = pt[s - 1] if s > 0 and pt[s - 1] not in "\n" + MASK else ""
    if prev == ")" and s > 1 and pt[s - 2] == MASK and _masked_aside(pt, s - 1):
        prev = ""  # "(https://…) - ": as after a link, whose destination is masked with its ")"
        # (not an aside of words that ends with a link: "(or play with [Sentinel](…)) - please")
    nxt = pt[e] if e < n and pt[e] not in "\n" + MASK else ""
    if nxt and nxt in "\"'" and not (e + 1 < n and (pt[e + 1].isalnum() or pt[e + 1] in "*_([“‘")):
        nxt = ""  # `talks —"`: a straight quote that closes the quotation, not one that opens a word
    if prev and prev in "*_":  # emphasis: closing after a word, or opening (**—Name)?
        k = s - 1
        while k > 0 and pt[k - 1] in "*_":
            k -= 1
        if k == 0 or not (pt[k - 1].isalnum() or pt[k - 1] in ".…,;:!?)]>”’\"'"):
            prev = ""
    if nxt and nxt in "*_":
        k = e
        while k < n and pt[k] in "*_":
            k += 1
        if k >= n or not (pt[k].isalnum() or pt[k] in "([<“‘\"'"):
            nxt = ""
    return Dash(s, e, mark, pt[s:a], pt[b:e], prev, nxt)


def entity_dashes(doc: Document) -> list[Dash]:
    """Every em or en dash the article writes as an HTML entity (``&mdash;``, ``&#8212;``,
    ``&ndash;``, ``&#x2013;``), spaced as the prose has it. The prose view masks an entity, yet it
    prints the dash: an article that writes its dashes so has a dash style, which a hyphen typed
    for a dash should follow. They vote (``dash_votes``) and pair (``paired_form``); no rule
    respaces or rewrites them, so no fix lands inside an entity."""
    return doc.memo("typography.entity-dashes", lambda: _entity_dashes(doc))


def _entity_dashes(doc: Document) -> list[Dash]:
    if "&" not in doc.text:
        return []
    from .links.view import mask_starts

    pt, text = doc.prose_text, doc.text
    out = []
    for a, b in sorted(mask_starts(doc, "entity").items()):
        if text[a + 1: a + 2] in ("m", "n", "#") and (mark := entity_at(doc, a, 0)) in ("—", "–"):
            out.append(_dash_at(pt, a, b, mark))
    return out


def dash_spelling(doc: Document, mark: str) -> str:
    """How the article writes the dash ``mark`` ("—" or "–"): the HTML entity it uses most for
    it (``&mdash;``, ``&#8212;``) when it writes that dash, and its typography as a whole (dashes,
    curly quotes, apostrophes, ellipses), more often as entities than as characters, else the
    character. A fix that writes a new dash follows it: a reader sees the same dash either way,
    but a writer who types entities keeps to them."""
    return doc.memo(f"typography.dash-spelling.{mark}", lambda: _dash_spelling(doc, mark))


def _dash_spelling(doc: Document, mark: str) -> str:
    if "&" not in doc.text:
        return mark
    from .links.view import mask_starts

    text = doc.text
    spellings: dict[str, int] = {}
    entities = 0  # the typographic marks (dashes, curly quotes, apostrophes, ellipses) written as entities
    for a, b in mask_starts(doc, "entity").items():
        if a < doc.body_start or text[a + 1: a + 2] not in ("m", "n", "#", "r", "l", "h"):
            continue
        ch = entity_at(doc, a, 0)
        if ch in _TYPOGRAPHIC:
            entities += 1
            if ch == mark:
                spellings[text[a:b]] = spellings.get(text[a:b], 0) + 1
    if not spellings:
        return mark
    # The writer's habit is the whole typography's, not the dashes' alone: an article that types
    # its curly quotes and apostrophes as characters and has one &mdash; (pasted from elsewhere)
    # types its dashes too, and a dash retyped there was most likely the character
    pt = doc.prose_text
    typed = sum(pt.count(ch, doc.body_start) for ch in _TYPOGRAPHIC)
    if entities <= typed or sum(spellings.values()) <= pt.count(mark, doc.body_start):
        return mark  # (and an entity writer whose dashes are characters as often keeps to them)
    return max(sorted(spellings), key=lambda k: spellings[k])


_TYPOGRAPHIC = "—–“”‘’…"


def spell_dashes(doc: Document, at: int, new: str) -> str:
    """``new`` (a fix's replacement text at ``at``) with its dashes written as the article writes
    them (``dash_spelling``), in the body; in the front matter, the characters."""
    if at < doc.body_start or ("—" not in new and "–" not in new):
        return new
    return "".join(dash_spelling(doc, ch) if ch in "—–" else ch for ch in new)


def _masked_aside(pt: str, close: int) -> bool:
    """Is everything between the ")" at ``close`` and the "(" before it masked (a URL in brackets),
    or is there no such "(" on its line?"""
    k = pt.rfind("(", max(0, close - 2000), close)
    if k < 0 or "\n" in pt[k:close]:
        return True
    return all(ch == MASK for ch in pt[k + 1:close])


_RANGE_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december mon tue wed thu fri sat sun monday tuesday "
    "wednesday thursday friday saturday sunday am pm a.m p.m noon midnight".split())
_VERB_LIKE = frozenset("may march mar sat sun wed".split())  # lower case, these are other words
_NUMERIC = "0123456789)]$€£¥%"
_CURRENCY = "$€£¥%"
_WORDS = lazy(r"[^\W_]+")
_LAST_WORD = lazy(r"[^\W_]+$")
# A number written with its magnitude (50 thousand, $1.5 million, 20 percent) ends a range as a
# bare number does: the word after the number is what range_side reads on the left.
_MAGNITUDES = frozenset("hundred thousand million billion trillion percent".split())
_NUMBER_BEFORE = lazy(r"[0-9][ \t]+$")


def range_side(pt: str, at: int, direction: int) -> bool:
    """Is the word right before (-1) or after (1) ``at`` a number, month, weekday or time of day?

    Only the adjacent word counts, read as NL120 and NL121 leave it, so what other fixes do
    around it (a space inserted after a full stop, a look-alike replaced) never changes the answer.
    """
    if direction < 0:
        window = as_latin(pt[max(0, at - 16): at]).rstrip(" *_,;:)”’\"'")
        if window.lower().endswith(("a.m.", "p.m.", "a.m", "p.m")):
            return True
        m = _LAST_WORD().search(window)
    else:
        window = as_latin(pt[at: at + 16]).lstrip(" *_(“‘\"'")
        m = _WORDS().match(window)
    edge = window[-1:] if direction < 0 else window[:1]
    if m is None:
        return bool(edge) and edge in _CURRENCY
    word = m.group()
    if word in _VERB_LIKE:
        return False  # users - may take, troops - march on: a month or day only when capitalised
    if direction < 0 and word.lower() in _MAGNITUDES:
        return bool(_NUMBER_BEFORE().search(window, 0, m.start()))  # 50 thousand - 500 thousand
    return word[0].isdigit() or word.lower() in _RANGE_WORDS or (bool(edge) and edge in _CURRENCY)


def is_range(pt: str, d: "Dash") -> bool:
    """A dash or hyphen between two range ends (5 – 10, March 17 – April 4, 9 am - 1 pm)."""
    numeric = d.prev in _NUMERIC or d.next in _NUMERIC
    return numeric and range_side(pt, d.start, -1) and range_side(pt, d.end, 1)


def dash_votes(doc: Document) -> dict[str, int]:
    """How many of the article's real dashes take each form (see ``house_dash``); a spaced
    or double hyphen that pairs with a real dash around an aside votes for that dash's form, which
    hyphen-as-dash gives it (in an article that writes -- for its dashes too), so that fixing it
    does not change the vote."""
    return _votes(doc)[0]


def real_dashes(doc: Document) -> int:
    """How many real dashes the article has (the votes of ``dash_votes`` less the hyphens')."""
    return _votes(doc)[1]


def paired_form(doc: Document, d: Dash) -> str | None:
    """The form of the real dash that pairs with the hyphen ``d`` around an aside, when its
    sentence holds just the two ("an enhanced layout - and occasionally—more content"): the
    writer set the aside off with one dash, and its other end takes that dash's form, whatever
    the article's majority (an article that mixes forms mixes them by sentence, not in a pair)."""
    return _votes(doc)[2].get(d.start)


def _votes(doc: Document) -> tuple[dict[str, int], int, dict[int, str]]:
    return doc.memo("typography.dash_votes", lambda: _dash_votes(doc))


def _dash_votes(doc: Document) -> tuple[dict[str, int], int, dict[int, str]]:
    pt = doc.prose_text
    votes = {"closed-em": 0, "spaced-em": 0, "spaced-en": 0}
    hyphens = []
    doubles = 0
    all_dashes = dashes(doc)
    written = entity_dashes(doc)
    if written:  # (dashes written as entities vote as the dashes they print, and pair so)
        all_dashes = sorted(all_dashes + written, key=lambda o: o.start)
    for d in all_dashes:
        form = d.form
        if form in votes and d.between_words:
            if form == "spaced-en" and is_range(pt, d):
                continue  # 9 – 5, March 17 – April 4: a range, not a dash
            if title_separator(doc, d):
                continue  # [Comment Demo – Sprint 3 – First Wireframes!](url): a linked title's, set by its source
            votes[form] += 1
        elif d.mark in "—–" and (_opens_line_in_sentence(pt, d) or _ends_line_in_sentence(pt, d)):
            votes["spaced-em" if d.mark == "—" else "spaced-en"] += 1
        elif d.mark[0] == "-":
            doubles += d.mark != "-" and form in ("spaced-hyphen", "closed-hyphen") and d.between_words
            hyphens.append(d)
    real = sum(votes.values())
    paired: dict[int, str] = {}
    if not hyphens or not real:
        return votes, real, paired
    starts = [o.start for o in all_dashes]
    for d in hyphens:
        form = _pair(pt, d, all_dashes, starts)
        if form is None:
            continue
        paired[d.start] = form
        if d.form in ("spaced-hyphen", "closed-hyphen") and d.between_words and not is_range(pt, d):
            votes[form] += 1  # (hyphen-as-dash gives it this form, even among SmartyPants's -- )
    return votes, real, paired


def title_separator(doc: Document, d: Dash) -> bool:
    """Is the spaced dash ``d`` one that parts a heading or a linked title before a capitalised word
    (``[Research Psychologist – Army](…)``, ``[Comment Demo – Sprint 3 – First Wireframes!](…)``,
    ``[Public Benefits Studio – Digital.gov](…)``)? The title is the linked page's, set as its
    source sets it: its dash neither shows the article's dash style nor is a slip from it."""
    if not d.next.isupper() or not d.space_before or not d.space_after:
        return False
    line = doc.text.rfind("\n", 0, d.start) + 1
    if _HEADING().match(doc.text, line):
        return True  # ## GSA – Focused on the Customer Experience: a heading's, set as a title
    spans = doc.memo("typography.link-texts", lambda: _link_texts(doc))
    i = bisect.bisect_right(spans, (d.start, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= d.start and d.end < spans[i][1]


def title_form(doc: Document) -> str | None:
    """The form the article's title separators (``title_separator``) take, when they agree: a
    hyphen typed for one (``### Insights - Summary``) takes it, not the prose's form."""
    def work() -> str | None:
        forms = {d.form for d in dashes(doc) + entity_dashes(doc)
                 if d.mark in "—–" and d.form in DASH_FORMS and title_separator(doc, d)}
        return forms.pop() if len(forms) == 1 else None
    return doc.memo("typography.title-form", work)


_HEADING = lazy(r"[ \t]{0,3}#{1,6}[ \t]")


def _link_texts(doc: Document) -> list[tuple[int, int]]:
    """The text spans of the article's links (inline and reference ones, not images), in order."""
    if doc.text.find("[", doc.body_start) < 0:
        return []
    from .links.markdown import links

    return [(k.text_start, k.text_end) for k in links(doc) if k.kind != "shortcut" and not k.image]


def _opens_line_in_sentence(pt: str, d: Dash) -> bool:
    """A dash that opens a line of a paragraph, spaced after, a word ending the line above
    ("subminimum wages⏎— wages less than"): the line break renders as a space, so it is a spaced
    dash between words. It votes for the article's form, but no rule fixes it (its space before
    is the line break)."""
    return not d.prev and bool(d.next) and d.start > 1 and pt[d.start - 1] == "\n" \
        and (pt[d.start - 2].isalnum() or pt[d.start - 2] in ",;)") and d.space_after != "" \
        and (d.next.isalnum() or d.next in "“‘\"'")


def _ends_line_in_sentence(pt: str, d: Dash) -> bool:
    """A dash that ends a line of a paragraph, spaced before, a word opening the line below
    ("the way we do —⏎until now"): the line break renders as a space, so it is a spaced dash
    between words, as one that opens a line is. It votes; no rule fixes it."""
    return not d.next and bool(d.prev) and d.end < len(pt) - 1 and pt[d.end] == "\n" and d.space_before != "" \
        and (d.prev.isalnum() or d.prev in ")]*_%,;") and (pt[d.end + 1].isalnum() or pt[d.end + 1] in "“‘\"'")


# A sentence ends at a full stop, ? ! or … before a space (and any closing marks between), or at a blank line
_SENTENCE_END = lazy(r"[.!?…][\"”’»)\]*_]*[ \t\n]|\n[ \t]*\n")


def _pair(pt: str, d: Dash, all_dashes: list[Dash], starts: list[int]) -> str | None:
    """``paired_form`` worked out for one hyphen."""
    lo = max(0, d.start - 300)
    for m in _SENTENCE_END().finditer(pt, lo, d.start):
        lo = m.end()
    end = _SENTENCE_END().search(pt, d.end, min(len(pt), d.end + 300))
    hi = end.start() if end else min(len(pt), d.end + 300)
    inside = [o for o in all_dashes[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)] if o is not d]
    if len(inside) != 1:
        return None
    other = inside[0]
    if other.form not in DASH_FORMS or not other.between_words or is_range(pt, other):
        return None  # another hyphen, a one-sided dash, 2010–2012: no form to follow
    return other.form


def raya_edge(doc: Document, d: Dash) -> tuple[str, Dash] | None:
    """Spanish: ("open" or "close", the other edge) when the hyphen ``d`` (`` - ``, ``--``, ``---``)
    stands for one raya of an aside whose other edge is a raya set as the RAE sets it, against the
    words inside (``el cine --antes había mucho cine— y``: the opener retyped), or, in an article
    that sets its rayas so, another hyphen (``había --y hay-- una``). The two are the sentence's
    only dashes, and the line is no dialogue's (``—Sí —dijo.``). The fix writes the raya the RAE
    wants: an opener with its space before it (`` —antes``), a closer with it after (``tele— y``)."""
    return doc.memo("typography.raya-edges", lambda: _raya_edges(doc)).get(d.start)


def _raya_edges(doc: Document) -> dict[int, tuple[str, Dash]]:
    if doc.language != "es":
        return {}
    marks = [o for o in dashes(doc) if o.mark == "—" or o.mark[0] == "-"]
    if not any(o.mark[0] == "-" for o in marks):
        return {}
    pt = doc.prose_text
    # (two hyphens pair so only where the article sets its rayas as the RAE does: more of them
    # against one word, an aside's edge, than spaced or closed up on both sides)
    rae = sum(1 for o in marks if o.mark == "—" and o.form == "one-sided-em")
    other = sum(1 for o in marks if o.mark == "—" and o.form in DASH_FORMS)
    starts = [o.start for o in marks]
    out: dict[int, tuple[str, Dash]] = {}
    for d in marks:
        if d.mark == "—" or d.start in out or not d.prev or not d.next:
            continue
        line = pt.rfind("\n", 0, d.start) + 1
        if pt[line: d.start].lstrip(" \t>\ue000").startswith(("—", "-")):
            continue  # a line of dialogue (or a list item): its rayas bring in the narrator
        lo = max(0, d.start - 400)
        for m in _SENTENCE_END().finditer(pt, lo, d.start):
            lo = m.end()
        end = _SENTENCE_END().search(pt, d.end, min(len(pt), d.end + 400))
        hi = end.start() if end else min(len(pt), d.end + 400)
        inside = marks[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        if len(inside) % 2 or any(is_range(pt, o) for o in inside):
            continue  # (asides do not nest: a sentence's rayas pair in turn, the first with the second)
        at = inside.index(d) // 2 * 2
        first, second = inside[at: at + 2]
        if first.mark == "—":  # a raya opens the aside: set against the word after it
            if first.space_after or not first.next or (first.prev and not first.space_before):
                continue
        elif second.mark == "—":  # a raya closes it: set against the word before it
            if second.space_before or not second.prev or (second.next.isalnum() and not second.space_after):
                continue
        elif not (rae > other and first.prev and second.next):
            continue
        for edge, role, partner in ((first, "open", second), (second, "close", first)):
            if edge.mark != "—":
                out[edge.start] = (role, partner)
    return out


_SPACED_EN_LANGUAGES = frozenset(("de", "fr", "nl", "da", "sv", "nb", "no", "fi", "cs", "pl"))


def house_dash(doc: Document, style: str) -> str:
    """The article's dash form: ``style`` unless "auto", else the majority of its real dashes.

    Only em dashes and spaced en dashes between words vote (hyphens standing in for dashes do
    not, so fixing them cannot change the vote, save one paired with a real dash, which votes
    for the form its fix gives it); a tie gives "spaced-em" (AP style); no vote gives "closed-em"
    in English, "spaced-en" in German, French and other languages that space an en dash, and
    "spaced-em" in the others (Spanish, Italian and Portuguese set their dashes apart).
    """
    if style != "auto":
        return style
    votes = dash_votes(doc)
    best = max(votes.values())
    if best == 0:  # German and French set a spaced en dash ( – ), as British English may
        # English: the closed em dash, with no dash to follow the form most articles write (of
        # the corpus's 362 articles with one em dash between words, 251 close it up; 613 of 997
        # house styles are closed), so a retyped lone dash is most often restored; the hyphen's
        # own spacing tells nothing (a typist spaces " - " and " -- " whatever dash they mean)
        # (no dash in the prose: in a language whose default below no count backs, the titles'
        # separators at least show the writer's keyboard, UNICEF – Fondazione Onlus; not in English,
        # whose titles space an en dash whatever the prose's habit)
        titled = title_form(doc) if doc.language != "en" else None
        if titled:
            return titled
        if doc.language in _SPACED_EN_LANGUAGES:
            return "spaced-en"
        return "closed-em" if doc.language == "en" else "spaced-em"
    return next(f for f in ("spaced-em", "closed-em", "spaced-en") if votes[f] == best)
