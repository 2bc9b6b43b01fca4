"""Hyphen as dash: a spaced hyphen (` - `) or a double hyphen (`--`) standing in for a dash.

A hyphen joins words; a dash separates them. ` - ` between words and `--` are typewriter
stand-ins for a dash, and a hyphen never renders as one. The fix writes the house dash: with
``style = "auto"`` (the default) the form the article's real dashes use most (in an article that
mixes forms, none with two in three of its dashes, the most used one spaced as the hyphen is;
no dash at all gives, in English, the closed em dash `—` most articles write, whatever the
hyphen's spacing, as the spacing a typist gives a hyphen tells nothing of the dash they mean (but
` — ` after a quotation, where the dash brings in its attribution: `“…site.” - **Noah Manger**`); the
spaced en dash ` – ` in German, French and the languages that space it; else ` — `); or set ``style`` to ``"spaced-em"``
(` — `), ``"closed-em"`` (`—`) or ``"spaced-en"`` (` – `), and the same ``style`` for
dash-spacing (NL108), which otherwise turns the new dashes into the article's majority form.
In ``auto`` style a spaced hyphen that sets off an aside with a real dash at its other end, the
two alone in their sentence (`a plan - and occasionally—more maps`), takes that dash's form (and
votes for it: fixing it leaves the article's majority as it was). A spaced hyphen that parts a
heading or a linked title before a capitalised word (`### Insights - Summary`) takes the form of
the article's other title separators when they agree (`### Claims – Other Measures`), not the
prose's; and in a language other than English, an article with no dash in its prose takes the
form its titles give (`[UNICEF – Fondazione Onlus](…)`).
The fix is unsafe where the hyphen may be a minus or a range (a digit right beside it, a
number, month, weekday or am/pm on both sides, or one of them before a range's open end:
`2019 - present`, `March - now`; a word beside it and no number makes it a dash: `a full 65
percent - is now`, `**10 am** - Welcome`; for a double hyphen, which is no minus, range ends on
both sides: `join 18F -- to start` is a dash), and before an opening parenthesis (`Gov.uk - (design manual)`): a dash and a
bracket both set off what follows, so the hyphen may be a stray one to delete rather than a dash.
Between two range ends (`August - November`, `9 am - 1 pm`, `50 thousand - 500 thousand`: a
number may carry its hundred, thousand, million, billion or percent) the unsafe fix writes a
closed en dash, and so between two range ends written with a double hyphen (`1990 -- 2000`).
A numbered label before a date or weekday (`Day 1 - Dec/02/2019`, `#61 - March`) is
no range (its two sides are different things): that hyphen is a dash too; so is one between a
day and a clock time (`Nov 4th - 5:06 PM`: a timeline's date and hour).

An article that writes its dashes as `--` or `---` more often than as real dashes follows the
SmartyPants convention (Jekyll, Hugo and Pandoc render `--` and `---` as dashes): in ``auto``
style its double hyphens are left alone, but for one that sets off an aside with a real dash at
its other end (`the challenges—and solutions--facing`: a writer of the convention would have typed
both halves `--`), which takes that dash's form. Where real dashes are as common, `--` is a slip,
and so is the one `--` of an article with no real dash when it is closed up between two lower-case
words (`learn--when`, which renders as an en dash glued to both: no sentence's dash); with no real
dash to follow, a closed double hyphen becomes a closed em dash. (Real dashes are those that
separate words as a dash does, also one that opens a line after a word ending the line above,
`wages⏎— wages less than`, which renders spaced, and one written as an HTML entity, `time&mdash;it`
or `&#8211;`, which counts as the dash it prints; a closed en dash joining a compound or a range, commit–reveal or
2010–2012, is none; a double hyphen paired with a real dash counts as one.)

A spaced hyphen inside a compound (`root - based method`, `data - driven approach`: the second
half is a word such as based, driven, related, friendly or first, and a noun follows, not a
preposition, a determiner or a pronoun; `a “remote - first” way of working`)
is a hyphen with stray spaces, not a dash: the unsafe fix closes it up (`root-based`); so is one
between two grades of a scale before the scale's noun (`nel medio - lungo termine`, `a corto - medio
plazo`, `the medium - long term`: `medio-lungo`) or between a grade and term, run, haul or range
before the word they qualify (`short - term savings`, `long - range routes`). Three or
more capitalised words joined by spaced hyphens (`the Model - Pair - Coach cycle`, `Plan - Do -
Check - Act`) are the steps of a sequence or a hierarchy, which a pair of dashes would turn into an
aside (`Model — Pair — Coach`): the unsafe fix writes a closed en dash (`Model–Pair–Coach`). So
does it between an institution's name and its campus or part (`University of Nebraska - Lincoln`,
`Texas A&M University - Commerce`, `Wang Center - Lecture Hall 2`: one name, no aside; the part is
names alone before a lower-case word, and no second hyphen closes an aside after it), and between a
name and a short code in capitals that ends its line, brackets or bold (`Local: Joinville - SC`, a
city and its state; `[UDESC - CEAVI]`, an institution and its campus; not `Open Source Systems - GSA`,
an English word before it: a title and its attribution).

Not findings: hyphenated words (`well-known`), list markers, ranges and arithmetic (`2010-2012`,
`5 - 3`, `$200 - $499`, `9 am - 1 pm`, `n - k`, `MAX - 1`), command-line options (`--help`), a hyphen at a line
start or end, a subtitle set between two hyphens
(`[Starting MOGOK - やさしい MOGOK の始めかた -](url)`), a spaced hyphen right after an article (`put a - before the word`, `from a + to a -`:
the character itself, since no dash follows an article), and code.

Bad:  Talks resumed - both sides said so -- but no date was set.
Good: Talks resumed — both sides said so — but no date was set.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..quotes import analyse
from ..resources import english_word
from ..typography import (DASH_FORMS, dash_votes, dashes, data, house_dash, near_invisible, paired_form, range_side,
                          raya_edge, real_dashes, spell_dashes, title_form,
                          title_separator)

DASH_ORDER = ("spaced-em", "closed-em", "spaced-en")  # house_dash's order on a tie

ID = "NL107"
NAME = "hyphen-as-dash"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", *DASH_FORMS)}

_NUMERIC = "0123456789)]$€£¥%"
_CLOSING_QUOTES = "”’\"'»"
_BEFORE = ")]*_%”’\"'"  # besides a letter or digit: the end of a quotation (an attribution follows)
_AFTER = "([<*_“‘\"'$"  # "<" opens an elision marker (<…>) that NL106 turns into […]


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report hyphens used as dashes, with a fix to the house dash."""
    style = opts["style"]
    if style not in ("auto", *DASH_FORMS):
        return
    all_dashes = dashes(doc)
    # (a Spanish aside's closing raya retyped may stand before a comma or a stop: algunas--, y)
    candidates = [d for d in all_dashes if d.mark[0] == "-" and (_between(d) or raya_edge(doc, d))
                  and not near_invisible(doc, d.start, d.end)]
    if not candidates:
        return
    doubles = [d for d in candidates if d.mark != "-" and d.form[:3] != "one"]
    real = real_dashes(doc)  # sentence dashes: not the en dash of commit–reveal or 2010–2012
    # A double hyphen that pairs with a real dash around an aside (the challenges—and solutions--
    # facing) is a slip whatever the article's habit: it counts with the real dashes, as it will be
    # one once fixed, so that fixing it cannot tip the article into or out of SmartyPants's habit.
    paired = sum(1 for d in doubles if paired_form(doc, d)) if style == "auto" else 0
    pt = doc.prose_text
    keep_doubles = style == "auto" and len(doubles) - paired > real + paired \
        and not (not real and (_lone_closed(pt, doubles) or _lone_among_curly(doc, doubles)))
    house = house_dash(doc, style)
    mixed = _mixed_forms(doc) if style == "auto" else []
    chained: set[int] | None = None  # the hyphens of Epic - Feature - Story, found when first asked
    for d in candidates:
        edge = raya_edge(doc, d)
        if edge is not None:
            # Spanish: one raya of an aside retyped (el cine --antes había mucho cine— y), written
            # as the RAE sets it, against the aside's words: the opener with its space before it,
            # the closer with its space after (a comma or a stop after it takes none)
            raya = " —" if edge[0] == "open" else ("— " if d.next.isalnum() or d.next in _AFTER else "—")
            yield Finding(d.start, d.end, f"'{d.mark.strip()}' used as a raya; Spanish sets an aside's rayas against "
                                          f"its words: use '{raya}'",
                          Fix.replace(d.start, d.end, spell_dashes(doc, d.start, raya), f"Replace with '{raya.strip()}'"))
            continue
        partner = paired_form(doc, d) if style == "auto" else None
        dash = DASH_FORMS[partner or _form_for(d, house, mixed)]
        if style == "auto" and partner is None and d.form.startswith("spaced") and title_separator(doc, d) \
                and (form := title_form(doc)):
            dash = DASH_FORMS[form]  # ### Insights - Summary beside ### Claims – Other Measures: a title's separator
        elif style == "auto" and not real and d.form == "closed-hyphen":
            dash = DASH_FORMS["closed-em"]  # no real dash to follow: the writer closed it up (learn--when)
        elif style == "auto" and not real and dash == DASH_FORMS["closed-em"] and _attribution(pt, d):
            dash = DASH_FORMS["spaced-em"]  # “…site.” - **Noah Manger**: an attribution's dash, set apart
        if d.mark == "-":
            if (d.prev in _NUMERIC and d.next in _NUMERIC) or _variables(pt, d):
                continue  # 5 - 3, $200 - $499, n - k: arithmetic or a range
            if d.form.startswith("spaced") and _WRAPPED().match(pt, d.end):
                continue  # [Starting MOGOK - やさしい MOGOK の始めかた -]: a subtitle between two hyphens
            if _ARTICLE_BEFORE().search(pt, max(0, d.start - 8), d.start):
                continue  # put a - before the word, from a + to a -: the character named, not a dash
            if d.form.startswith("spaced") and _COMPOUND().match(pt, d.end) and pt[d.start - 1:d.start].islower():
                left = re.search(r"[A-Za-z]+$", pt[max(0, d.start - 30):d.start])
                word = f"{left.group() if left else ''}-{pt[d.end:_COMPOUND().match(pt, d.end).end(1)]}"
                yield Finding(d.start, d.end, f"spaces around the hyphen of a compound; write '{word}'",
                              Fix.replace(d.start, d.end, "-", "Close up the hyphen", safe=False))
                continue  # root - based installation: a compound, not a dash
            scale = _scale_compound(pt, d) if d.form.startswith("spaced") else None
            if scale:
                yield Finding(d.start, d.end, f"spaces around the hyphen of a compound; write '{scale}'",
                              Fix.replace(d.start, d.end, "-", "Close up the hyphen", safe=False))
                continue  # nel medio - lungo termine, short - term gains: a compound, not a dash
            if range_side(pt, d.start, -1) and range_side(pt, d.end, 1) and not _label_then_date(pt, d) \
                    and not _day_then_clock(pt, d):
                yield Finding(d.start, d.end, "a spaced hyphen in a range; use an en dash '–'",
                              Fix.replace(d.start, d.end, spell_dashes(doc, d.start, "–"), "Replace with '–'", safe=False))
                continue  # August - November, 9 am - 1 pm
            if d.form.startswith("spaced") and d.prev.isalnum() and d.next.isupper():
                if chained is None:
                    chained = {m.start() for c in _CHAIN().finditer(pt)
                               for m in _CHAIN_LINK().finditer(pt, c.start(), c.end())}
                if d.start in chained:
                    yield Finding(d.start, d.end, "a spaced hyphen between the terms of a sequence; use a closed en dash '–'",
                                  Fix.replace(d.start, d.end, spell_dashes(doc, d.start, "–"), "Replace with '–'", safe=False))
                    continue  # the Model - Pair - Coach cycle: no aside, no dash to break the sentence
            if d.form.startswith("spaced") and d.prev.isalpha() and d.next.isupper() and _campus(pt, d):
                yield Finding(d.start, d.end, "a spaced hyphen between an institution's name and its campus or part; "
                              "use a closed en dash '–' if they make one name",
                              Fix.replace(d.start, d.end, spell_dashes(doc, d.start, "–"), "Replace with '–'", safe=False))
                continue  # University of Nebraska - Lincoln: one name, no aside for a dash to set off
            if d.form.startswith("spaced") and d.prev.isalpha() and d.next.isupper() and _code_part(pt, d):
                yield Finding(d.start, d.end, "a spaced hyphen between a name and a code in capitals (a state, a campus); "
                              "use a closed en dash '–' if they make one name",
                              Fix.replace(d.start, d.end, spell_dashes(doc, d.start, "–"), "Replace with '–'", safe=False))
                continue  # Joinville - SC, [UDESC - CEAVI]: one name, not an aside
            what = "a spaced hyphen"
        else:
            if (keep_doubles and partner is None) or d.form.startswith("one-sided"):
                continue  # the article's convention, or a command-line option (--help)
            if range_side(pt, d.start, -1) and range_side(pt, d.end, 1) and not _label_then_date(pt, d) \
                    and not _day_then_clock(pt, d):
                yield Finding(d.start, d.end, f"'{d.mark}' in a range; use an en dash '–'",
                              Fix.replace(d.start, d.end, spell_dashes(doc, d.start, "–"), "Replace with '–'", safe=False))
                continue  # 1990 -- 2000: SmartyPants's en dash, the range's mark
            what = f"'{d.mark}'"
        before, after = range_side(pt, d.start, -1), range_side(pt, d.end, 1)
        # a hyphen beside a number may be a minus or half a range; a double hyphen is no minus,
        # and is a range's dash only between two range ends (1990 -- 2000; join 18F -- to start)
        if d.mark != "-":
            safe = not (before and after)
        else:  # 65 percent - is now, in March - the month: a word beside, no number, no range
            safe = not (before or after) or (not (before and after) and d.prev not in _NUMERIC
                                              and d.next not in _NUMERIC and not _OPEN_END().match(pt, d.end))
        safe = safe and d.next != "("
        yield Finding(d.start, d.end, f"{what} used as a dash; use '{dash.strip()}'"
                      + (" with spaces" if dash != dash.strip() else ""),
                      Fix.replace(d.start, d.end, spell_dashes(doc, d.start, dash), f"Replace with '{dash.strip()}'", safe=safe))


# An institution's name (University of Nebraska, Texas A&M University, the Wang Center) right
# before the hyphen, and one to three capitalised words or numbers after it: a campus or a part
# of the institution (University of Nebraska - Lincoln, Wang Center - Lecture Hall 2), written
# with a closed en dash as one name (University of Nebraska–Lincoln), not an aside
_INSTITUTIONS = ("University|College|Institute|Institution|School|Academy|Polytechnic|Center|Centre|Hospital"
                 "|Campus|Library|Museum|Laboratory|Observatory")
_NAME_WORD = r"[A-Z](?:[\w&’'-]|\.(?=\w))*"
_INSTITUTION_BEFORE = lazy(r"(?<![\w’'-])(?:(?:" + _INSTITUTIONS + r")[ \t]+(?:of|at|for|in)[ \t]+(?:the[ \t]+)?"
                           r"(?:" + _NAME_WORD + r"[ \t]+){0,3}" + _NAME_WORD
                           + r"|(?:" + _NAME_WORD + r"[ \t]+){0,3}(?:" + _INSTITUTIONS + r"))[ \t]*$")
_PART_AFTER = lazy(r"[ \t]*((?:" + _NAME_WORD + r"|[0-9]+)(?:[ \t]+(?:" + _NAME_WORD + r"|[0-9]+)){0,2})(?![\w&’'-])")


def _campus(pt: str, d: Any) -> bool:
    """Does the spaced hyphen join an institution's name and its campus or part (University of
    Nebraska - Lincoln, Texas A&M University - Commerce, Wang Center - Lecture Hall 2)? The part
    ends the phrase (punctuation, a line's or a link text's end follows), or, before a lower-case
    word, is made of names alone (Nebraska - Lincoln before joining; not College - Officials said,
    a dash before a sentence of ordinary words); it does not open with a word that starts
    sentences (College - It was, University - However) and no second spaced hyphen closes an aside
    after it."""
    if _INSTITUTION_BEFORE().search(pt, max(0, d.start - 100), d.start) is None:
        return False
    m = _PART_AFTER().match(pt, d.end)
    if m is None:
        return False
    words = m.group(1).split()
    if words[0].rstrip(".") in data()["sentence-starters"]:
        return False
    rest = pt[m.end(): m.end() + 4]
    if re.match(r"[ \t]+-[ \t]", rest):
        return False  # the College - Boston's oldest - said: an aside between two hyphens
    if re.match(r"[ \t]+[a-z]", rest):
        return all(not english_word(w.lower()) for w in words if not w.isdigit())
    return not re.match(r"[ \t]*[A-Za-z0-9]", rest)


# A name before the hyphen (not an English word, or a code itself) and a short code in capitals
# after it that ends the line, the brackets or the bold: a city and its state (Joinville - SC, as
# Brazil writes it), an institution and its campus (UDESC - CEAVI); not a title and the agency
# that gives it (Open Source Systems - GSA: an English word before the hyphen, an attribution)
_NAME_BEFORE = lazy(r"(?<![\w’'-])([A-Z][^\W\d_]*)[ \t]*$")
_CODE_AFTER = lazy(r"[ \t]*[A-Z]{2,6}(?:\*\*|__|\*|_)?(?:[\])]|[ \t\ue000]*(?:\n(?![ \t]*[a-z])|$))")


def _code_part(pt: str, d: Any) -> bool:
    """Does the spaced hyphen join a name and a short code in capitals that ends its line, link
    text or bold (Local: Joinville - SC, Time: [UDESC - CEAVI], **ESO - CEAVI**)? Only a reader
    knows whether the code is a state's or a campus's, one name with the word before (an en dash,
    or the writer's hyphen, is the convention), or an aside: so the fix is unsafe."""
    m = _NAME_BEFORE().search(pt, max(0, d.start - 40), d.start)
    if m is None or _CODE_AFTER().match(pt, d.end) is None:
        return False
    word = m.group(1)
    return word.isupper() or not english_word(word.lower())


# A subtitle set between two hyphens, the closing one against the link text's, quotation's or
# bracket's end (Japanese titles wrap a subtitle so: 〜やさしい始めかた〜, - やさしい始めかた -)
_WRAPPED = lazy(r"[^\n\-]{1,80}?[ \t]-(?=[\])\"”」』])")


# The open end of a range (2019 - present, March - now): with a range word before it, a range
_OPEN_END = lazy(r"[ \t]*(?:present|now|today|date|current|ongoing)\b", re.I)


def _mixed_forms(doc: Document) -> list[str]:
    """The dash forms of an article that mixes them (none has two in three of its dashes, so
    dash-spacing leaves them be), most used first; [] when one form rules."""
    votes = dash_votes(doc)
    total = sum(votes.values())
    if not total or 3 * max(votes.values()) >= 2 * total:
        return []
    return sorted((f for f in DASH_ORDER if votes[f]), key=lambda f: -votes[f])


def _attribution(pt: str, d: Any) -> bool:
    """Does the hyphen bring in a quotation's attribution: a closing quotation mark after a
    sentence's end before it, a name (a capital, or emphasis or a link around it) after it
    (`“…the new site.” - **Noah Manger**`)? Not a quoted word's (`or ‘customer’ - as easy`)."""
    return d.prev in _CLOSING_QUOTES and pt[d.start - 2: d.start - 1] in tuple(".!?…,") \
        and (d.next.isupper() or d.next in "*_[")


def _lone_among_curly(doc: Document, doubles: list[Any]) -> bool:
    """The one ``--`` of an article without a real dash that types its own curly quotes and
    apostrophes (straight-quotes' test: curly marks at least as many as straight ones)? A writer
    who leans on SmartyPants leaves quotes plain too, and keeps to ``--`` (two or more, or the
    ``---`` of its em dash, are a habit even among curly quotes); one who types ’ and “…” has the
    typography at hand, and their one ``--`` is a dash typed on a typewriter (the article's only
    dash retyped: ``measure the impacts -- percent of market growth`` beside “royalty free”). Not
    one between two range ends (``19:00--20:30``), which SmartyPants renders as the en dash a
    range wants."""
    if len(doubles) != 1 or doubles[0].mark != "--":
        return False
    d, pt = doubles[0], doc.prose_text
    if range_side(pt, d.start, -1) and range_side(pt, d.end, 1):
        return False  # 19:00--20:30: SmartyPants's en dash, right for a range
    q = analyse(doc)
    return q is not None and q.style("auto") == "curly"


def _lone_closed(pt: str, doubles: list[Any]) -> bool:
    """The one double hyphen of an article without a real dash, `--` closed up between two
    lower-case words (learn--when): SmartyPants renders it as an en dash glued to both words,
    no sentence's dash, so it is a dash typed on a typewriter, not the convention (`---`, a
    spaced ` -- `, or `--` between names or numbers, Diffie--Hellman, 6--9, are)."""
    if len(doubles) != 1:
        return False
    d = doubles[0]
    return d.mark == "--" and d.form == "closed-hyphen" and pt[d.start - 2: d.start].isalpha() \
        and pt[d.start - 2: d.start].islower() and pt[d.end: d.end + 2].isalpha() and pt[d.end: d.end + 2].islower()


def _form_for(d: Any, house: str, mixed: list[str]) -> str:
    """The house dash; in an article that mixes dash forms, the most used one spaced as the
    hyphen is (` -- ` among spaced en and closed em dashes becomes ` – `: the writer spaced it)."""
    spaced = d.form.startswith("spaced")
    fits = [f for f in mixed if f.startswith("spaced") == spaced]
    return fits[0] if fits else house


def _between(d: Any) -> bool:
    """Words (or a quotation's end and a name) on both sides: not `word - .`, not a line edge."""
    return bool(d.prev and d.next) and (d.prev.isalnum() or d.prev in _BEFORE) \
        and (d.next.isalnum() or d.next in _AFTER)


def _label_then_date(pt: str, d: Any) -> bool:
    """A numbered label before the hyphen and a date or weekday after it (Day 1 - Dec/02/2019,
    #61 - March, Episode 3 - Monday): two different things, not a range's two ends, which share a
    kind (5 - 10, March 5 - May 14, 9 am - 1 pm)."""
    m = _LABELLED().search(pt, max(0, d.start - 40), d.start)
    if m is None or pt[d.end: d.end + 1].isdigit():
        return False
    word = m.group(1)
    return word is None or (word.lower() not in _CALENDAR_WORDS and word not in _NOT_LABELS)


def _day_then_clock(pt: str, d: Any) -> bool:
    """A day of the month before the hyphen and a clock time after it (Nov 4th - 5:06 PM,
    March 4 - 9:30 am): a date and its hour, not a range's two ends (Nov 4th - 7th, 9 - 5:30 pm)."""
    return _CLOCK_AFTER().match(pt, d.end) is not None \
        and _DAY_BEFORE().search(pt, max(0, d.start - 24), d.start) is not None


def _variables(pt: str, d: Any) -> bool:
    """Single letters on both sides (n - k + 1), or a constant's name before a number or a
    letter (MAX - 1, MAX - x): arithmetic, not a dash."""
    left, right = pt[max(0, d.start - 2): d.start], pt[d.end: d.end + 2]
    if _OPERAND_AFTER().match(pt, d.end) and _CONSTANT_BEFORE().search(pt, max(0, d.start - 40), d.start):
        return True  # (not "the UK - 3 million people": words go on after the number)
    return len(left) == 2 and len(right) == 2 and left[1].isalpha() and not left[0].isalnum() \
        and right[0].isalpha() and not right[1].isalnum() and left[1] not in "aAI" and right[0] not in "aAI"


# Three or more capitalised words joined by spaced hyphens (Epic - Feature - Story, Plan - Do -
# Check - Act): the steps of a sequence or a hierarchy, where a dash would read as an aside
_CHAIN = lazy(r"(?<![\w’'-])[A-Z][\w’']*(?:[ \t]+-[ \t]+[A-Z][\w’']*){2,}(?![\w’'-])")
_CHAIN_LINK = lazy(r"[ \t]+-[ \t]+")

# A compound's second half (root - based method, data - driven approach) then the word it
# qualifies; not before a preposition ("the plan - based on polling - failed" is a dash).
# "first" too (a "remote - first" way of working), but not before a determiner or a pronoun
# ("rebuilt it - first the parser, then the renderer" is a dash); the half may close a quotation, even
# with a stray space on either side or a turned mark (“remote - first ” way, “remote - first ”way,
# “remote - first“ way, «remote - first» way: still the compound).
_COMPOUND = lazy(r"(based|driven|related|oriented|focused|friendly|specific|centric|centred|centered|sized|first)"
                       r"(?=(?:[ \t][\"“”‘’'«»„][ \t]*|[\"“”‘’'«»„][ \t]+|[ \t]+)(?!(?:on|upon|in|by|to|of|at|with|from|for|and|or|around|toward|towards"
                       r"|the|a|an|this|that|these|those|its|his|her|their|our|my|your|we|i|you|he|she|it|they|then)\b)"
                       r"[A-Za-z])")
# Two grades of one scale, or a grade and the scale's noun, joined by a spaced hyphen (nel medio -
# lungo termine, a corto - medio plazo, à court - moyen terme, short - medium term, long - term
# gains): the compound of the grades with stray spaces (medio-lungo, long-term), not a dash; the
# noun after the grades keeps "a plan for the long - and the short - term" (no noun) a dash.
_GRADES = ("short|medium|mid|long|near|breve|medio|lungo|corto|mediano|largo|court|moyen|curto|m[ée]dio|longo"
           "|korte|middellange|lange")
_SCALE_NOUNS = "terms?|run|haul|range|termine|periodo|plazo|terme|prazo|termijn|p[ée]riode"
_GRADE_BEFORE = lazy(r"(?<![\w’'-])(?:" + _GRADES + r")$")
_GRADE_AFTER = lazy(r"(?:(?:" + _GRADES + r")(?=[ \t]+(?:" + _SCALE_NOUNS + r")\b)"
                    r"|(?:terms?|run|haul|range)(?=[ \t]+[a-z]))(?![\w’'-])")


def _scale_compound(pt: str, d: Any) -> str | None:
    """The closed-up compound when a spaced hyphen joins two grades of a scale before its noun
    (medio - lungo termine -> medio-lungo) or a grade and an English scale noun before the word it
    qualifies (long - term gains -> long-term); None otherwise."""
    left = _GRADE_BEFORE().search(pt, max(0, d.start - 14), d.start)
    right = _GRADE_AFTER().match(pt, d.end)
    if left is None or right is None:
        return None
    word = right.group()
    if word == left.group():
        return None  # medio - medio: a repetition, not a compound
    return f"{left.group()}-{word}"


_ARTICLE_BEFORE = lazy(r"(?<![\w'’-])(?:a|an|the)$", re.IGNORECASE)  # no dash follows an article
_CONSTANT_BEFORE = lazy(r"(?<![\w-])[A-Z][A-Z_]+$")  # MAX, UINT_MAX
_OPERAND_AFTER = lazy(r"(?:[0-9]+|[A-Za-z])[ \t]*(?:$|[|)\]=+*/<>,;\ue000\n]|\.(?![0-9]))")  # then the end of the expression
# A number of one to three digits (not a year) after "#" or after a capitalised word: Day 1, #61
_LABELLED = lazy(r"(?:#|(?<![\w.])([A-Z][a-z]+)\.?[ \t]+)[0-9]{1,3}[ \t]*$")
_CALENDAR_WORDS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
                            "july august september october november december mon tue wed thu fri sat sun monday "
                            "tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
           "|september|october|november|december")
# An ordinal day (4th, 22nd) or a month's name and a day (March 4, Nov. 10), then the hyphen
_DAY_BEFORE = lazy(r"(?:(?<![\w.])[0-9]{1,2}(?:st|nd|rd|th)|(?<![\w])(?:" + _MONTHS + r")\.?[ \t]+[0-9]{1,2})[ \t]*$",
                         re.IGNORECASE)
_CLOCK_AFTER = lazy(r"[ \t]*[0-9]{1,2}:[0-9]{2}(?![0-9])")  # 5:06, 11:51 (not 2:300)
_NOT_LABELS = frozenset("In On From Since By Until Till Through To Between Before After About Around For Of At "
                        "Over Under Ages Aged".split())  # From 9 - Monday … : a range's first end
