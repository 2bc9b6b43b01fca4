"""Doubled punctuation: the same mark typed twice (`,,` `;;` `..` `::` `!!` `??` `——`).

A doubled comma, semicolon, colon or full stop is a slip of the keyboard (or of an edit that
joined two sentences), and so is an em dash typed twice between words (`list——the`: not in
Chinese, whose dash is two em dashes), and a full stop left before a comma after a plain lower-case word
(`the free., six-course training`, `design-centric., agile`, `easy to use., but`: a word of three
letters only when it is no abbreviation, not `etc.,` or `vol.,`; and after a capitalised word that is no
abbreviation, first in its sentence or six letters long: `Again., by planning`, or shorter and
written elsewhere without its stop or the plural of a word: `the Town Hall., like`, `the Sites., and`, or after a capitalised word
that is no English word, six letters long or written elsewhere without its stop: `Magna Carta.,`,
`Washington.,`; the fix deletes the stop), and a
comma or semicolon an edit left before a sentence's stop (`after you edit it,.`: the fix deletes
it, safe), and a stop that ends a link's text with another right after the link (`[on
GitHub.](https://…).`: readers see two; the fix, unsafe, deletes the one after), and a
full stop after a lower-case word's `?` or `!` (`did the talks end?.`: the fix deletes the stop; not
after a name's own mark, `Yahoo!.`); a doubled `!`
or `?` is shouting that news copy does not do. The fix
keeps one mark. A stop typed again after a space before the next sentence (`działającym. . Problem`)
and two stops or commas right after a link (`[dołącz do speakerów][2].., którzy`) are reported
too. Two full stops before a lower-case word may be a clipped ellipsis (`Well..
maybe`), so that fix is unsafe, unless they follow an abbreviation (`U.S.. agencies`, `etc..
and`: its own stop and a stray one); before a capital, the end of the line or a closing mark it is
safe, and so is the fix of two stops glued to a capitalised word or to an acronym the article
writes alone (`in Slack..This made`, `communications..CSPs should`: NL100 then adds the space).

Not findings: an ellipsis (`...`, `....`) and dot leaders (`.....`), runs of three or more
commas or semicolons (empty fields, code), `..` in paths and ranges (`../docs`, `1..10`),
`::` inside a word (`std::vector`, IPv6 `::1`), an abbreviation before a comma (`D.C.,`),
`!!!` after an opening `¡¡¡` (Spanish emphasis: ¡¡¡Hola a todos!!!), mixed marks (`?!`, `!?`, and `.,` after an abbreviation: `etc.,`, `Calif.,`, `Mass.,`), emoji codes (`:clap: :clap:`), and `???` standing alone as a
placeholder.

Bad:  Talks resumed,, officials said.. They gave no date!! And then , , nothing.
Good: Talks resumed, officials said. They gave no date! And then, nothing.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..resources import english_words
from ..typography import HSPACE, link_ending_at, near_invisible, opens_sentence, opens_with_acronym, scan

ID = "NL101"
NAME = "doubled-punctuation"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"marks": ",;:.!?—"}

_GROUPS = lazy(r"([.!?,;:])\1*")
_AFTER_WORD = ")]\"'”’*_"  # what may sit between a word and its punctuation
# An em dash typed twice between words (led by the literal pair: a C-speed scan); not a longer
# run, a 2-em dash for a name left out (Mr. ⸺, or ——— alone), nor Chinese's own ——.
_DOUBLE_DASH = re.compile(r"——(?:(?<=[^\W\d_]——)|(?<=[^\W\d_] ——))(?!—)(?= ?[^\W\d_])")
# A lower-case word of four letters or more, standing alone or ending a compound of lower-case
# words (design-centric), not a.m., e.g., example.com, --verbose, etc.
_PLAIN_WORD = lazy(r"(?<![\w.@/'’-])(?:[a-z]+-)*[a-z]{4,}\Z")
_SENTENCE_GAP = frozenset(("", " ", "\t", "\n", MASK, ")", "]", "*", "_", "”", "’", '"', "'"))  # what may follow a stop
_LOWER_WORD_END = lazy(r"(?<![\w’'-])[a-z]+\Z")  # a lower-case word right before
_ABBREVIATIONS = frozenset("approx misc govt dept incl excl cont assn natl intl mgmt corp bros".split())


# A capitalised English word before ".,": a sentence's first word (Again., by planning) or a long
# one (the Senate's Appropriations., and) is no abbreviation; Calif., Corp., Mass. and the like
# are words of the list too, so they are named.
_CAPITAL_WORD = lazy(r"(?<![\w.@/'’-])[A-Z][a-z]{3,}\Z")
_CAPITAL_ABBREVIATIONS = frozenset("""admin approx assn assoc blvd bros brig calif comm corp dept figs govt inst intl
    mass mgmt miss natl prof secy treas univ vols wash""".split())


# Abbreviations of four or five letters that are English words too, or plurals of one, which a
# capitalised word before ".," may be (Sept., Univ., Refs.): only longer words count there
_SHORT_CAPITAL_ABBREVIATIONS = frozenset("""sept tues thur thurs febr sect chap dist stat supp jour phil rept
    gram pres repr supt hosp bull publ hist refs mins secs pts pgs cols eds mths qtrs nums vars reps sens
    govs atty attys mgrs depts""".split())


def _capital_word(pt: str, at: int, alone: Callable[[], frozenset[str]]) -> re.Match[str] | None:
    """The capitalised English word right before ``at`` when it is no abbreviation: six letters or
    more, or the first word of a sentence. ``alone`` gives the capitalised words the text writes
    without a stop after them."""
    m = _CAPITAL_WORD().search(pt, max(0, at - 40), at)
    if m is None:
        return None
    lower = m.group().lower()
    if lower in _CAPITAL_ABBREVIATIONS:
        return None
    if lower not in english_words():
        # a name or a word of another language (Magna Carta., Washington.,): no abbreviation when
        # it is six letters long or the article writes it without a stop elsewhere (Calif. and
        # Assoc. always carry theirs)
        return m if len(lower) >= 6 or m.group() in alone() else None
    before = pt[max(0, m.start() - 2):m.start()]
    if len(lower) >= 6 or not before.strip() or before[-1:] == " " and before[:1] in ".?!":
        return m
    if lower in _SHORT_CAPITAL_ABBREVIATIONS:
        return None
    # a shorter one that the article writes elsewhere without a stop (the Town Hall., with
    # "Town Hall" elsewhere), or a plural of an English word (the Sites., the Votes.): no
    # abbreviation ends in the plural "s" of a word, bar the ones named
    if m.group() in alone() or (lower.endswith("s") and len(lower) >= 5 and lower[:-1] in english_words()):
        return m
    return None


# A capitalised word with no stop or word character after it (and none before)
_CAPITALISED_ALONE = lazy(r"(?<![\w.])[A-Z][a-z]{3,}(?![\w.])")


def _capitalised_alone(doc: Document) -> frozenset[str]:
    """The capitalised words the prose writes without a stop after them, found once per document:
    a search of the whole text for each ".," took time in the square of their number."""
    return doc.memo("doubled-punctuation.alone",
                    lambda: frozenset(_CAPITALISED_ALONE().findall(doc.prose_text)))


# A three-letter lower-case word before ".," (easy to use., but): an English word that is no
# abbreviation (etc., est., vol., viz. are words of the list too, so they are named)
_SHORT_WORD = lazy(r"(?<![\w.@/'’-])[a-z]{3}\Z")
_SHORT_ABBREVIATIONS = frozenset("""apt ave avg cal cit col def dep dept est esp etc fig inc ltd max min mon nos
    oct pct rev sec sep sgt tel var viz vol yds yrs""".split())


def _short_word(pt: str, at: int) -> re.Match[str] | None:
    """The three-letter English word right before ``at`` when it is no abbreviation."""
    m = _SHORT_WORD().search(pt, max(0, at - 8), at)
    if m is None or m.group() in _SHORT_ABBREVIATIONS or m.group() not in english_words():
        return None
    return m


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report a mark typed twice; the fix deletes the second one."""
    marks = opts["marks"]
    pt = doc.prose_text
    sc = scan(doc)
    for run_start, run_end in sc.runs:
        if run_end - run_start == 2 and pt[run_start:run_end] == ".," and "." in marks:
            word = _PLAIN_WORD().search(pt, max(0, run_start - 40), run_start)
            if word is None:
                word = _capital_word(pt, run_start, lambda: _capitalised_alone(doc)) or _short_word(pt, run_start)
            if word is not None and word.group().rsplit("-", 1)[-1] not in _ABBREVIATIONS and not near_invisible(doc, run_start, run_end):
                yield Finding(run_start, run_end, "a full stop before a comma; delete the stop",
                              Fix.delete(run_start, run_start + 1, "Delete the full stop"))
            continue
        if run_end - run_start == 2 and pt[run_start] in ",;" and pt[run_start + 1] == "." and "." in marks \
                and run_start and (pt[run_start - 1].isalnum() or pt[run_start - 1] in _AFTER_WORD) \
                and pt[run_end: run_end + 1] in _SENTENCE_GAP and not near_invisible(doc, run_start, run_end):
            mark = pt[run_start]  # "after you make modifications,.": the comma an edit left behind
            yield Finding(run_start, run_end, f"'{mark}' before a full stop; delete the '{mark}'",
                          Fix.delete(run_start, run_start + 1, f"Delete the '{mark}'"))
            continue
        if run_end - run_start == 2 and pt[run_start] in "?!" and pt[run_start + 1] == "." and "." in marks \
                and _LOWER_WORD_END().search(pt, max(0, run_start - 40), run_start) \
                and pt[run_end: run_end + 1] in _SENTENCE_GAP and not near_invisible(doc, run_start, run_end):
            # "Why did the talks end?." : the question or exclamation ends the sentence (not after a
            # name with its own mark, Yahoo! or Focus on UX!, where style guides differ)
            mark = pt[run_start]
            yield Finding(run_start, run_end, f"a full stop after '{mark}'; delete the stop",
                          Fix.delete(run_start + 1, run_end, "Delete the full stop"))
            continue
        for group in _GROUPS().finditer(pt, run_start, run_end):  # ",,." is ",," then "."
            yield from _check_group(doc, pt, group.start(), group.end(), marks)
    if "." in marks and ".]" in pt:
        yield from _stop_around_link(doc, pt)
    # (asked first whether an em dash occurs at all, found at C speed: two articles in three have
    # none, and the pattern's two-character lead is sought three times slower)
    if "—" in marks and "—" in pt and doc.language.split("-")[0] != "zh":
        for m in _DOUBLE_DASH.finditer(pt):
            if not near_invisible(doc, m.start(), m.end()):
                yield Finding(m.start(), m.end(), "'—' typed twice; use one",
                              Fix.delete(m.start() + 1, m.end(), "Keep one '—'"))
    for i in sc.spaced:  # ", ,": the same mark again after a space (NL102 leaves this one to us)
        mark = pt[i]
        s = i
        while s > 0 and pt[s - 1] in HSPACE:
            s -= 1
        if mark in ",;" and mark in marks and s > 1 and pt[s - 1] == mark and pt[s - 2: s - 1] != mark \
                and (pt[s - 2].isalnum() or pt[s - 2] in _AFTER_WORD) and not near_invisible(doc, s - 1, i + 1):
            yield Finding(s - 1, i + 1, f"'{mark}' typed twice; use one",
                          Fix.delete(s, i + 1, f"Keep one '{mark}'"))
        elif mark == "." and mark in marks and s > 1 and pt[s - 1] == "." and pt[s - 2].isalpha() \
                and _SPACED_STOP_AFTER().match(pt, i + 1) and not near_invisible(doc, s - 1, i + 1):
            # "w nim działającym. . Problem": a stop typed again after a space, before the next
            # sentence (not a spaced ellipsis, ". . .", nor its two dots before a lower-case word)
            yield Finding(s - 1, i + 1, "'.' typed twice; use one", Fix.delete(s, i + 1, "Keep one '.'"))


# After ". .": a space and a capital that opens the next sentence, or the paragraph's end
_SPACED_STOP_AFTER = lazy(r"[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ]|[ \t]*(?:\n\n|$)")


def _check_group(doc: Document, pt: str, s: int, e: int, marks: str) -> Iterator[Finding]:
    """One mark repeated from ``s`` to ``e``: mixed marks (?!, .,) are never doubling."""
    n = len(pt)
    mark = pt[s]
    length = e - s
    if mark not in marks or length < 2 or near_invisible(doc, s, e):
        return
    before = pt[s - 1] if s else ""
    after = pt[e] if e < n else "\n"
    if not (before.isalnum() or before in _AFTER_WORD) or before in "\n" + MASK or not before:
        if not (before == MASK and mark in ".,;" and length == 2 and link_ending_at(doc, s) >= 0):
            return
        if mark == "." and after in ",;":  # [dołącz do speakerów][2].., którzy: no stop belongs there
            yield Finding(s, e, "two full stops before a comma; delete them",
                          Fix.delete(s, e, "Delete the full stops", safe=False))
            return  # (after a link, as after its text's last word)
    if mark in ",;" and length == 2:
        yield _finding(s, e, mark, True)
    elif mark == ":" and length == 2 and not (after.isalnum() or after in "/\\_"):
        yield _finding(s, e, mark, True)
    elif mark == "." and length == 2 and before.islower() and after.isupper() \
            and (opens_sentence(pt, e) or opens_with_acronym(pt, e)):
        yield _finding(s, e, mark, True)  # "in Slack..This made": a stop typed twice, the space left out
    elif mark == "." and length == 2 and not (after.isalnum() or after in "/\\_"):
        k = e
        while k < n and pt[k] in HSPACE:
            k += 1
        nxt = pt[k] if k < n else "\n"
        safe = nxt.isupper() or nxt in "\n" + MASK + ")]\"'”’»*_" or _ABBREVIATION().search(pt, max(0, s - 12), s) is not None
        yield _finding(s, e, mark, safe)
    elif mark in "!?" and before.isalnum() and not (after.isalnum() or after in "/\\_") \
            and not _inverted_run(pt, s, "¡" if mark == "!" else "¿"):
        yield _finding(s, e, mark, True)


def _inverted_run(pt: str, at: int, inverted: str) -> bool:
    """Does the Spanish exclamation or question closing at ``at`` open with its inverted mark
    doubled too (¡¡¡Hola a todos!!!)? Then the run is emphasis on purpose, and one mark kept
    would leave the openers unmatched."""
    start = max(0, at - 400)
    start = max(start, pt.rfind("\n\n", start, at) + 1)  # (a bounded search: not back to the text's start)
    k = pt.rfind(inverted, start, at)
    return k > 0 and pt[k - 1] == inverted


# A stop doubled after an abbreviation (U.S.. agencies, a.m.. on, etc.. and) is its own stop and
# a stray one whichever word follows, never a clipped ellipsis: keeping one is safe.
_ABBREVIATION = lazy(r"(?<![\w.])(?:(?:[A-Za-z]\.){1,3}[A-Za-z]|etc|Inc|Corp|Ltd|Co|Bros|vs|Jr|Sr|Dept|Govt|approx)\Z")


_STOP_IN_LINK = lazy(r"\.\](?<=[^\W\d_]\.\])")


def _stop_around_link(doc: Document, pt: str) -> Iterator[Finding]:
    """[ability to learn.](https://…). : a stop ends the link's text and another follows the
    link, so readers see two. Which one an edit added is a guess: the fix (unsafe) deletes the
    one after the link."""
    n = len(pt)
    for m in _STOP_IN_LINK().finditer(pt):
        j = m.end()
        while j < n and pt[j] == MASK and j - m.end() < 2000:
            j += 1
        if j == m.end() or link_ending_at(doc, j) != m.end() or pt[j:j + 1] != "." \
                or pt[j + 1:j + 2] == "." or pt[j + 1:j + 2] not in _SENTENCE_GAP:
            continue
        yield Finding(j, j + 1, "a full stop ends the link's text and another follows the link; delete one",
                      Fix.delete(j, j + 1, "Delete the stop after the link", safe=False))


def _finding(s: int, e: int, mark: str, safe: bool) -> Finding:
    return Finding(s, e, f"'{mark}' typed {e - s} times; use one",
                   Fix.delete(s + 1, e, f"Keep one '{mark}'", safe=safe))
