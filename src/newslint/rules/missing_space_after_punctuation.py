"""Missing space after punctuation: a sentence that runs into the next (`end.Next`, `one,two`).

A full stop, question mark or exclamation mark before a capitalised word, and a comma or
semicolon before any word, need a space after them (a comma before an opening quotation mark or a
link's text too: `he said,“We will`, `as the report notes,[the agency](url) said`); so does a colon between a lower-case word
and a capitalised one (`Note:The`), between two plain lower-case words (`wrong:agencies`), or between
an ordinary capitalised word and an ordinary lower-case one (`Discovery:making`; not
`og:title`, which a path, a second colon or a character other than a space or a stop follows,
nor search syntax such as `from:alice subject:budget`, nor a name the article writes so more
than once, such as `micro:bit`; a colon that splits a word, `quest:ions`, is a slip however often).
Words in Greek and Cyrillic letters count as Latin ones do (`долларов.Рост`, `заметным,хотя`).
The fix inserts the space.

An aside in brackets ends a clause or a sentence like a word: a comma then any word, or a stop
then a capitalised one (an acronym or CamelCase name the article writes alone too), after a ")"
that closes words opened after a space: `the Census Agency (CAF),which runs`, `(CAF).CAF runs`,
`(CAF)!Nobody knew`, or words alone glued to the word before (`ATO’s(Authority to Operate),compliance`);
not a call or a label (`$(document).ready`, `f(x).Name`, `(a).B`, `unused(KEY),so`), a file
(`report (final).PDF`) or a name written with a dot (`(Q3).NET`). So does a link's end before a
comma: `[chat](url),[tweets](url)`; and a comma glued to words in brackets after a word needs its
space (`a word,(see below)`, `however,[federal agency staff]`; not `f(a,(b))`, `(1,(2,3))` or
`marker,[1]`, `bracket,[sic]`). An abbreviation written with dots inside that the table lists
(U.S., D.C., Ph.D., e.g., a.m.) glued to a word of two letters or more lost the space after its
final dot: `the U.S.Digital Service`, `in D.C.offices`, `a Ph.D.in economics`, `e.g.Sweden`; not
`U.S.A.` (one letter after the stop), `Ph.D.s` (a plural), `U.S.-Mexico` or `U.S.Census.docx`.

Not findings: initials (`J.Smith`, `J.R.R.Tolkien`), numbers and
versions (`3.5`, `1,000`, `v2.Next`), times and ratios (`10:30`), domains, e-mail addresses and
file names (`example.com`, `Data.Gov`, `Libera.Chat`, `report.PDF`, `Fox.Jean@bls.gov`),
names written with a dot (`Fork.Observer`: after a capitalised or CamelCase word and a dot
only a sentence-starting word such as "The" or "Check" counts (YouTube.You can; in an article in
French, German, Spanish, Italian, Dutch or Portuguese its own too: `Rails.Une pléthore`), or a first
word that also stands alone elsewhere in the article followed by a second that does too or
that the article writes in lower case (Department.Officials), or a title such as `Ms.`, or a
person's name (Johanna Koljonen.Teams), or a month or weekday (April.Search), or when the
second is an adverb or a participle (Department.Included; in an article that shows no code, a
past participle then a lower-case word after any capitalised word: `Cuba.Created by the
Board`; in an article in English, an ordinary word then a lower-case one after a name the
dictionary lists or after the last word of a name of several words: `rural America.Available as
a download`, `the World Trade Center.Cell phone systems`, unless the article capitalises that
word inside a sentence too), or a second word that opens a phrase the article writes on its own
twice more (`like Uber and Airbnb.Gen Z doesn’t`, with "Gen Z" elsewhere), or a word the
article opens another sentence with and never capitalises inside one (Europa.Necesitamos); a capitalised domain word after a
lower-case one and before a lower-case word is a sentence: `devices.App users`; so is a
sentence-starting word after words joined by slashes or a domain: `and/or.The`, `RIM/Blackberry.Here`, `Data.gov.An`,
`census.gov?The`, and any capitalised word then a comma or a lower-case word after a domain:
`cloud.gov.Specifically, out of`;
so is an acronym the article also writes alone, between a lower-case word and a lower-case one:
`an API key.API keys are free`, `the system.FDA, led by`),
CamelCase and code-like names
(`HealthData.Gov`, `prevScript.IsValid`, `f(a,b)`, `a,b,c`, the `chanbackup.Single` structure:
a dotted name followed by "struct", "type", "field", "method", "function" and such, unless an
English word stands before the stop in an article that shows no code: `a confusing
experience.User interface`; but lower-case
words glued by commas with "and", "or" or "etc." among them, or all of three letters or more and
one of six or more, are a sentence's list: `laws,regulations,and others`,
`anytime,anywhere,any device`; and two formats or domains listed, `json,xml and csv` (not a file or
host name whose dot became a comma: `report,pdf`); and a top-level domain named with its dot before a lower-case
word: `.gov, .mil,etc.`; and the last of three identifiers listed with spaces before a word:
`splice_init, splice_update, splice_signed,things like that`), coordinates (`x,y`), URI schemes
(`mailto:Name`), `tl;dr`, HTML entities (`&mdash;`), ellipses, and a mark before garbled text
(`important,â€� Vuong`: mojibake restores the closing mark first).

A quotation's closing ” (or ") glued to the next word after its last mark is a missing space
too (`done.”This`, `finish,”said`, or emphasis that opens the next sentence: `procurement.”_This
post…_`), and so is a closing ” glued to the next word after a quoted word (`“took over”our`),
where the quote pairing reads the mark as closing.

A quotation, link or emphasis that opens the next sentence counts as its first word (`spring.“We`,
`strategy.[HUD’s report`, `the text.[PlainLanguage.gov](url)`, `Monday.*Nobody* expected`, and
nested emphasis: an author's note glued to the last sentence, `thoughts._**Scott Horvath** is`);
`and/or` after a comma is a word (`brands,and/or companies`), and a unit or word pair before one
or a semicolon ends a clause (`1 sat/vbyte,then a higher`, `incentives/disincentives;some did`),
and so does a name
written with a dot between capitalised words before a lower-case word
(`Hack.Developers,ecco come è andata`; `HealthData.Gov` and code stay quiet elsewhere).

A name written with a lower-case letter before its capital (iOS, eBay, iPhone) after an English
word and a stop opens a sentence too (`on Friday.iOS users`; not `chart.xAxis` in an article that
shows code, unless the article writes the name alone, nor a pair written so twice); so does a
domain whose first label is capitalised, after a lower-case English word (`the new
site.Regulations.gov has`; not a host name: `beta.Notify.gov`, or one written so twice); and after
the last word of a name of several words, an ordinary word that opens a title and a name before
the clause goes on (`TTS' Public Experience Portfolio.Acting Director Leilani Martinez notes`);
and in an article in English that shows no code, an ordinary word glued to a capitalised word
and followed by a determiner or a subject pronoun (`the benefit of Medium.Notice there are`),
as the second half of a name written with a dot is not (`Event.Created that`, `gave
Fork.Observer its name`, `Lightning.Pub launching`).

In an article in English, a middle dot typed for the space between two words is reported
too (`the plan·the budget`), and the fix writes the space: one dot between two words the
dictionary lists that together make none (not `pa·per`, `in·for·ma·tion`, `Home·About·Contact`,
`col·legi`).

A sentence that ends in a contraction or a possessive (`it isn’t.We sell`), an ordinal or a
decade (`December 9th.The study`, `the 1990s.After that`; not `v2.Next`, `10s.Timeout`), a
top-level domain named with its dot (`.gov and .mil.Increasingly, citizens`), a domain before
a starter with its contraction or a title (`Node.js.We’re also`, `analytics.usa.gov.Mr. Mill`), a
file type or a top-level domain named with its dot, or a domain with its path, before a starter
(`devices use .epub.You should`, `coming to .gov.Here’s`, `USA.gov/espanol.This gives`) runs on too, and so does one whose next
opens with an acronym that is also a domain's word (`the public’s life.AI also poses`, with
"AI" written alone elsewhere; not `Character.AI is`).

A comma glued to a name written in camel case after an English word, the clause going on after
it, is one too in an article that shows no code (`In July,comScore released`, `the
program,smokefreeTXT will`, `this webinar,MobileGov developers`; not `width,minHeight` beside
code), and so is one glued to a domain after an English word (`Last fall,vote.gov and the`), to
a domain's word that is an English word too (`privacy concerns,app purging`; not `report,pdf`),
to a dotted abbreviation of the table after a word (`Lisa Wilcox,U.S. Department`), or after a
hashtag (`#lostapps,the campaign`), or to a link whose text opens with a digit
(`described,[18F Consulting](url)`).

A heading's marker needs its space too: a line that starts with two to six `#` glued to a
capitalised word, bare or emphasised (`##News`, `###What to Do`, `##**Bold heading**`), or to a
number that numbers a heading (`##1. The inventory`) or to an anchor tag before its title
(`##<a name="reading"></a>Reading`), is a paragraph in CommonMark, not a heading; the
fix inserts the space (a lone `#` glued to a word is as often a hashtag: `#WeRemember`, unless it
opens a title of three words or more alone on its line, no stop at its end, in an article whose
other headings have their space: `#No Longer Just an Aggregator` beside `# The Big Get`).

A "!" glued to a capitalised word after a name that the article writes elsewhere with its "!"
and nothing glued on is one too (`America’s PrepareAthon! Plan` … `National PrepareAthon!Day`).

Bad:  The talks ended in spring.Russia sent documents,but got no answer.
Good: The talks ended in spring. Russia sent documents, but got no answer.
Bad:  It covers rural America.Available as an app, it returns json,xml and csv.
Good: It covers rural America. Available as an app, it returns json, xml and csv.
Bad:  The Census Agency (CAF),which runs the U.S.Digital survey, said,“We will.” (CAF).CAF agreed.
Good: The Census Agency (CAF), which runs the U.S. Digital survey, said, “We will.” (CAF). CAF agreed.
Bad:  It shipped on Friday.iOS users can read the site.Regulations.gov has a guide,(see below) too.
Good: It shipped on Friday. iOS users can read the site. Regulations.gov has a guide, (see below) too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..names.data import given_names
from ..patterns import lazy
from ..resources import english_words
from ..prose import MASK
from ..quotes import Mark, analyse, word_parts
from ..typography import as_latin, data, link_ending_at, near_invisible, scan
from ..wordhabits import (INFLECTED, both_stand_alone, glued_count, opens_sentences, per_text, phrase_elsewhere,
                          stands_alone, word_places)


ID = "NL100"
NAME = "missing-space-after-punctuation"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_BREAK = " \t\n\u00a0\u202f" + MASK
_OPENERS = "([{“‘\"'*_«„"
_CLOSERS = ")]}”’\"'*_»"
_CODE_LIKE = lazy(r"[.@/\\:=#&<>{}|~^%$+`_]")
_CAMEL = lazy(r"[a-z][A-Z]")
_HANDLE = lazy(r"[@#][A-Za-z][A-Za-z0-9_]*")  # a social-media handle or a hashtag
_WORD = lazy(r"[^\W\d_]+")
_LAST_WORD = lazy(r"[^\W_]+$")
_ENTITY = lazy(r"&#?[A-Za-z0-9]+$")
_PLAIN_END = lazy(r"[,.;!?)”’]?")
_ENDING = r"['’](?:t|s|re|ve|ll|d|m)"  # a contraction's or a possessive's ending (isn’t, we’re, agency’s)
_CONTRACTION_END = lazy(_ENDING + r"[,.;!?)”’]?")  # bytes:there's, files:don't
_GLUED_COLON = lazy(r"[^\W\d_]:[^\W\d_]")  # more than one nearby: query syntax (user:x from:y)
# ##News at a line's start (up to three spaces in): a heading whose space went missing
# (or a numbered one: ##1. The inventory, ###2) Who gets it)
_GLUED_HEADING = lazy(r"^ {0,3}(#{2,6})(?=(?:\*{1,3}|_{1,3})?(?:[A-Z][^\W\d_]*(?:[\s,:;.!?’'*_-]|$)"
                            r"|[0-9]{1,2}[.):]?[ \t]+[A-Z]|\ue000+[A-Z]))", re.M)  # (or an anchor: ##<a name="x"></a>Title)
# #No Longer Just an Aggregator: a lone '#' glued to a title of three words or more, no stop at its end
# (a hashtag at a line's start goes on as a sentence: #AskFAFSA questions are accepted.)
# Its words in title case (every word of four letters or more capitalised): a hashtag is one word
# of its own (#AskFAFSA, #WeRemember), and what follows it in a sentence is in lower case.
_GLUED_TITLE = lazy(r"^#[A-Z][a-z’']+(?:[ ](?:[A-Z0-9&][^\s#\ue000]*|[^\s#\ue000]{1,3})){2,}(?<![.,;:!?])"
                    r"[ \t\ue000]*$", re.M)  # (what is masked after it: a comment, an attribute)
# A name written with a dot between capitalised words (Hack.Developers, Code.Sprint), not code
_DOTTED_NAME = lazy(r"[A-Z][a-z]+(?:\.[A-Z][A-Za-z]+)+")
_GLUED_ITEM = lazy(r"[,;][^\W_]")  # a,b,c: another item glued on after the next word
_SNAKE = lazy(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")  # an identifier in snake case: splice_signed
_WORD_END = lazy(r"[,.;!?”’]?")  # (not a bracket: f(a_b, c_d, e_f,ghi) is code)
_SPACED_ITEMS = lazy(r"(?<![\w,])[a-z][a-z0-9]*_\w+, [a-z][a-z0-9]*_\w+, \Z")  # two such items before it


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report punctuation glued to the next word, with a safe fix that inserts a space."""
    pt = doc.prose_text
    sc = scan(doc)
    table = data()
    own = table["sentence-starters-by-language"].get(doc.language.split("-")[0])
    if own is not None:  # (an article in French starts its sentences with Une and La, too)
        table = {**table, "sentence-starters": own}
    # (the English word list tells an ordinary word that opens a sentence only in an article in English)
    table = {**table, "english": doc.language == "en", "text": doc.text}

    def latin() -> str:  # the prose with look-alikes read as Latin, for the rare name check
        # (the prose itself when it has none: the per-text caches below then find it by identity,
        # not by comparing two long equal strings at every lookup)
        return doc.memo("typography.latin-prose", lambda: pt if (text := as_latin(pt)) == pt else text)

    for i in sc.stops:
        if pt.startswith(_GARBLED, i + 1):
            continue  # important,â€� Vuong: NL122 restores the mark first (”, then no space is missing)
        if pt[i - 1] == ")" and _aside_before(pt, i) and _word_after(doc, pt, i, table, capital=True) \
                and not near_invisible(doc, i - 20, i + 20):
            yield _finding(pt, i)  # the Census Agency (CAF).CAF runs: an aside ends the sentence
        elif pt[i] == "." and pt[i - 2: i - 1] == "." and _after_abbreviation(pt, i, table) \
                and not near_invisible(doc, i - 20, i + 20):
            yield _finding(pt, i)  # the U.S.Digital Service: the space goes after the final dot
        elif pt[i - 1] == MASK:  # a link ends the sentence: [GitHub](url)._The catalog, (url).This
            if link_ending_at(doc, i) >= 0 and _opens_after_link(pt, i, table) and not near_invisible(doc, i - 20, i + 20):
                yield _finding(pt, i)
        elif _sentence_runs_on(pt, i, table, latin, doc.text) and not near_invisible(doc, i - 20, i + 20):
            yield _finding(pt, i)
    for i in sc.commas:
        if pt.startswith(_GARBLED, i + 1):
            continue
        if pt[i] == "," and pt[i - 1] in ")" + MASK:
            # the Census Agency (CAF),which runs; [the agency](url),which: an aside or a link ends the clause
            if _closed_before(doc, pt, i) and _word_after(doc, pt, i, table, capital=False) \
                    and not near_invisible(doc, i - 20, i + 20):
                yield _finding(pt, i)
            continue
        if _clause_runs_on(pt, i, table) and not near_invisible(doc, i - 20, i + 20) \
                and not (pt[i] == ";" and _ESCAPED_ENTITY_END().search(doc.text, max(0, i - 40), i + 1)):
            yield _finding(pt, i)
    yield from _before_opener(doc, pt, table)
    for i in sc.lowered:  # on Friday.iOS users: a lower-case letter, then a capital, after the stop
        if _DOT_BRAND().match(pt, i) and _brand_opens(pt, i, latin, doc.text) and not near_invisible(doc, i - 20, i + 20):
            yield _finding(pt, i)
    for m in _DOT_LETTER_DOT().finditer(pt):  # in D.C.offices: a capitalised word is a stop the scan finds
        i = m.end() - 1
        if _after_abbreviation(pt, i, table) and not near_invisible(doc, i - 20, i + 20):
            yield _finding(pt, i)
    if "”" in pt or '"' in pt:
        yield from _after_closing_quote(doc, pt)
    if "·" in pt and table["english"]:
        yield from _middle_dots(doc, pt)
    if "#" in pt and "##" in pt:  # (the one character is found at C speed, the pair three times slower)
        for m in _GLUED_HEADING().finditer(pt):
            marks = m.group(1)
            yield Finding(m.start(1), m.end(1), f"no space after the heading marker '{marks}'; add one",
                          Fix.insert(m.end(1), " ", f"Insert a space after '{marks}'", reshapes=True))
    if "#" in pt and "\n# " in doc.text:  # a lone '#' glued to a title, where the article's other headings have their space
        for m in _GLUED_TITLE().finditer(pt):
            if _alone_on_its_lines(pt, m.start(), m.end()):
                yield Finding(m.start(), m.start() + 1, "no space after the heading marker '#'; add one",
                              Fix.insert(m.start() + 1, " ", "Insert a space after '#'", reshapes=True))


def _alone_on_its_lines(pt: str, start: int, end: int) -> bool:
    """Is ``start:end`` a paragraph of one line (a blank line, or the text's edge, on each side)?"""
    before, after = pt[max(0, start - 2):start], pt[end:end + 2]
    return before.lstrip("\n") == "" and after.rstrip("\n") == "" and (start < 2 or before == "\n\n") \
        and (end + 2 > len(pt) or after == "\n\n")


def _middle_dots(doc: Document, pt: str) -> Iterator[Finding]:
    """A middle dot typed for the space between two English words (the plan·the budget): one dot
    between two words of two letters or more that the dictionary lists, the two together none.
    Not a word split into syllables (pa·per, in·for·ma·tion), a chain of separators
    (Home·About·Contact), Catalan's l·l or a product of symbols (a·b)."""
    words = english_words()
    for m in _MIDDLE_DOT().finditer(pt):
        left, right = m.group(1), m.group(2)
        if left.lower() in words and right.lower() in words and (left + right).lower() not in words \
                and not near_invisible(doc, m.start(), m.end()):
            i = m.end(1)
            yield Finding(i, i + 1, "a middle dot between two words; use a space",
                          Fix.replace(i, i + 1, " ", "Replace the middle dot with a space"))


_MIDDLE_DOT = lazy(r"(?<![\w·'’-])([^\W\d_]{2,})·([^\W\d_]{2,})(?![\w·'’-])")


def _aside_before(pt: str, i: int) -> bool:
    """Does the ")" before ``i`` close an aside opened after a space, of two characters or more
    with a letter among them (the Census Agency (CAF), the relay (1p1c)), or a plural's "(s)" (your
    project(s),as well)? Not a call or a label glued to a word ($(document), f(x), unused(KEY)),
    nor a one-letter label ((a).B)."""
    if pt.endswith("(s)", 0, i) and pt[i - 4: i - 3].isalpha():
        return True
    j = pt.rfind("(", max(0, i - 200), i - 1)
    if j < 0 or ")" in pt[j + 1: i - 1] or "\n\n" in pt[j: i]:
        return False
    if j and pt[j - 1] not in " \n" + MASK:  # (glued to the word before: an aside only of words)
        return _PROSE_ASIDE().fullmatch(pt, j + 1, i - 1) is not None  # ATO’s(Authority to Operate),compliance
    return i - 1 - j > 2 and _LETTER().search(pt, j + 1, i - 1) is not None


# Two words or more, letters only, one space between each: words in brackets, not a call's
# arguments (f(x), $(document), unused(KEY), call(a, b))
_PROSE_ASIDE = lazy(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?: [^\W\d_]+(?:['’-][^\W\d_]+)*)+")


_LETTER = lazy(r"[^\W\d_]")


def _closed_before(doc: Document, pt: str, i: int) -> bool:
    """Does an aside in brackets or a link end right before the mark at ``i``?"""
    return _aside_before(pt, i) if pt[i - 1] == ")" else pt[i - 1] == MASK and link_ending_at(doc, i) >= 0


def _word_after(doc: Document, pt: str, i: int, table: dict[str, Any], capital: bool) -> bool:
    """After the mark at ``i``, a word that goes on as prose: two letters or more (or "A", "I"
    before a space), then a space or a mark that no word character follows (not a file, domain,
    path or call: (final).PDF, (CAF).gov); capitalised after a stop (an acronym too: (CAF).CAF
    runs), behind a quotation mark, a link's bracket or emphasis; any word after a comma."""
    at = i + 1
    if capital:
        opener = _EMPHASIS_OR_QUOTE().match(pt, at)
        if opener is not None:
            at = opener.end()
        elif pt.startswith("[", at) and _link_opens(doc, pt, at):
            at += 1
    if capital and any(pt.startswith(abbr + ".", at) for abbr in table["dotted-abbreviations"]):
        return pt[at].isupper()  # ($324.8 million).U.S. exports
    m = _ASIDE_NEXT().match(pt, at)  # (PoW),let's say; (BPA),we’ve found; you can),easy-to-use; ).Bech32m
    if m is None or (capital and not m.group()[0].isupper()):
        return False
    word, end = m.group(1), m.end()
    nxt = pt[end: end + 1]
    if len(word) < 2 and not (word in ("A", "I") and nxt == " "):
        return False
    if nxt and not (nxt in _BREAK or (nxt in ",.;:!?)”’\"'" and not pt[end + 1: end + 2].isalnum())):
        return False
    if pt[i] == "," and _GLUED_ITEM().match(pt, end):
        return False
    if capital and not word.istitle() and not stands_alone(pt, word):
        return False  # (Q3).NET sales: an acronym or CamelCase name only when the article writes it alone
    return word.lower() not in table["domain-words"]


_ASIDE_NEXT = lazy(r"([^\W\d_][^\W_]*)(?:['’-][^\W\d_]+)*")
_EMPHASIS_OR_QUOTE = lazy(r"\*{1,3}|_{1,3}|[“‘«]")


def _after_abbreviation(pt: str, i: int, table: dict[str, Any]) -> bool:
    """Does the stop at ``i`` end an abbreviation written with dots inside (U.S., D.C., Ph.D.,
    standing on its own), a word of two letters or more glued to it (the U.S.Digital Service)?
    Not U.S.A. (one letter after the stop in U.S), U.S.Census.docx (a file) or Ph.D.s (a plural)."""
    left, right = _tokens(pt, i)
    left = left[max(left.rfind("—"), left.rfind("–")) + 1:]  # (metadata)—U.S.Geological: a dash joins no word
    if left.lstrip(_OPENERS) not in table["dotted-abbreviations"]:
        return False
    nxt = _right_word(right)
    return len(nxt) > 1 and nxt.isalpha() and _ABBREVIATION_NEXT_END().fullmatch(right, len(nxt)) is not None


# After the word glued to an abbreviation: a contraction or possessive, then closing marks
# (e.g.escrows), U.S.Hispanics:, p.m.EST._ (not U.S.Census.docx: a file, letters again)
_ABBREVIATION_NEXT_END = lazy(r"(?:['’][a-z]{1,2})?[,.;:!?)\]”’\"'*_]{0,3}")


# An abbreviation's last letter between dots, a lower-case letter glued on (U.S.armed, Ph.D.in): led
# by its literal dot, which re finds with a fast search (str.find for each abbreviation took 0.2 s
# over the corpus, this 0.02 s)
_DOT_LETTER_DOT = lazy(r"\.[A-Za-z]\.(?=[a-z])")


def _before_opener(doc: Document, pt: str, table: dict[str, Any]) -> Iterator[Finding]:
    """A comma glued to an opening quotation mark, a link's text or words in brackets: he
    said,“We will; as the report notes,[the agency](url) said; a word,(see below). After a plain
    word, an aside or a link; the quotation mark one the quote pairing reads as opening, the
    link's text starting with a letter or a digit (described,[18F Consulting])."""
    q = None
    for m in _COMMA_OPENER().finditer(pt):
        i = m.start()
        if pt[i + 1] == "“":
            q = q or analyse(doc)
            if q is None:
                return
            marks = q.marks
            k = bisect_left(marks, i + 1, key=_START)
            if k == len(marks) or marks[k].start != i + 1 or marks[k].role != "open":
                continue
        elif not _link_opens(doc, pt, i + 1) and not _words_in_brackets(pt, i + 1):
            continue
        if pt[i - 1] in ")" + MASK:
            if not _closed_before(doc, pt, i):
                continue
        else:
            left = _tokens(pt, i)[0].lstrip(_OPENERS)
            if not ((len(left) > 1 and _PLAIN_WORD().fullmatch(left)) or left.rstrip(".") in table["dotted-abbreviations"]
                    or _is_domain(left, table)):
                continue  # (e.g.,“To schedule: the abbreviation ends with its dot; September 25th,[that
                # patent expired]; LEP.gov,[Translation and Interpretation])
        if not near_invisible(doc, i - 20, i + 20):
            yield _finding(pt, i)


def _link_opens(doc: Document, pt: str, at: int) -> bool:
    """Does a link's text open at the "[" at ``at``: its "]" then a destination or reference, or
    (a reference link, ``[text][label]``) the masked label right after the text?"""
    if _link_text_at(pt, at):
        return True
    labels = None
    close = pt.find(MASK, at, at + 300)
    while close > 0 and "]" not in pt[at:close] and "\n\n" not in pt[at:close]:
        labels = labels or doc.memo("missing-space.link-label-starts",
                                    lambda: {s for s, e, kind in doc.prose_index.masks if kind in ("dest", "ref")})
        if close in labels:
            return True
        close = pt.find(MASK, close + 1, at + 300)  # (past a line's indent, masked: [and\n  a reduction])
    return False


# A word ending in a letter (D’Souza,“Analytics, 25th,[that; not a1,“b in code)
_PLAIN_WORD = lazy(r"[0-9]{0,4}[^\W\d_]+(?:['’-][^\W\d_]+)*")
# (one pattern led by its literal comma: faster than asking the text whether it holds ",“" or ",[")
# (Not a semicolon, resources;[past events](url): a pattern of its own costs 0.018 s over the
# corpus, one led by the class [,;] 0.08 s, and the injected slips put a word after it)
_COMMA_OPENER = lazy(r",(?=[“\[(][^\W_])")


def _words_in_brackets(pt: str, at: int) -> bool:
    """Does the bracket at ``at`` open words in brackets, two or more, letters and single spaces
    only, its closing bracket then a space, a line's end or a mark (a word,(see below) aside, or
    an editor's [sic them] in a quotation)? Not a call or a tuple (f(a,(b)), (1,(2,3))), nor a
    link, a footnote or a task box."""
    close = pt.find(")" if pt[at] == "(" else "]", at, at + 200)
    if close < 0 or _PROSE_ASIDE().fullmatch(pt, at + 1, close) is None:
        return False
    nxt = pt[close + 1: close + 2]
    return nxt == "" or nxt in _BREAK and nxt != MASK or (nxt in ",.;:!?" and not pt[close + 2: close + 3].isalnum())


# The first two characters of a general punctuation mark (’ “ ” — …) read as Windows-1252: what
# follows the mark is not a word but a garbled mark, which mojibake (NL122) restores
_GARBLED = "\u00e2\u20ac"

# The ; that ends an entity escaped twice (this case&amp;mdash;the employee): mojibake restores
# the entity; a space here would stay behind it.
_ESCAPED_ENTITY_END = lazy(r"&amp;(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,30});\Z")


# A closing ” or " after the quotation's last mark, glued to the next word: done.”This, yes,”and
# or to emphasis that opens the next sentence (procurement.”_This post…_: a * or _ run between a
# mark and a letter can only open emphasis in CommonMark, so the space goes after the mark).
# (One pattern per mark, each led by its literal: re finds a literal prefix with a fast search,
# but tests a leading character class, or a look-behind, at every position: 0.19 s -> 0.02 s
# over the corpus)
# A quoted word glued to the next (the WWB “took over”our chat room) is the same slip: a closing
# ” after a letter (not a digit: 12”display is inches), a curly one only (a straight " between
# two letters is as often an opening mark that lost its space before).
_GLUED_CLOSE = tuple((mark, re.compile(mark + (r"(?:(?<=[.,!?;:…].)|(?<=[^\W\d_].))" if mark == "”" else r"(?<=[.,!?;:…].)")
                                       + r"(?=[^\W\d_]|(?:\*{1,3}|_{1,3})[A-Z])"))
                     for mark in ("”", '"'))
_START = attrgetter("start")


def _after_closing_quote(doc: Document, pt: str) -> Iterator[Finding]:
    """A quotation's closing mark glued to the word after it; only where the quote pairing
    reads the mark as a closing one (not ”back” for “back”: reversed-quote turns that round)."""
    # (each pattern asked only of a prose that holds its mark: a scan spared where one is missing)
    spots = sorted(m.start() for mark, pattern in _GLUED_CLOSE if mark in pt for m in pattern.finditer(pt))
    if not spots:
        return
    q = analyse(doc)
    if q is None:
        return
    marks = q.marks  # in text order: each spot's mark is found by bisection, not by a pass over all
    for i in spots:
        k = bisect_left(marks, i, key=_START)
        if k == len(marks) or marks[k].start != i:
            continue
        mk = marks[k]
        # (a straight " only where it or its opener is sure: it could open the next sentence's quotation)
        if mk.role != "close" or mk.flag or mk.masked or not (
                mk.ch == "”" or mk.sure or (mk.partner is not None and mk.partner.sure)):
            continue
        if pt[i - 1].isalpha() and not _quoted_word_glued(doc, pt, mk):
            continue
        if not near_invisible(doc, i - 20, i + 20):
            yield Finding(i, i + 1, f"no space after the closing {pt[i]}; add one",
                          Fix.insert(i + 1, " ", f"Insert a space after {pt[i]}"))


def _quoted_word_glued(doc: Document, pt: str, mk: Mark) -> bool:
    """Is the closing ” ``mk``, between two letters, a quoted word's closing mark glued to the next
    word (“took over”our)? In English, where the words on both sides are words and the two
    together are none. (A mark typed into one word, societ”y, is the quote analysis's: it pairs
    with nothing and never reaches here as a closing mark.)"""
    if not doc.language_tag.lower().startswith("en"):
        return False
    left, right = (part.lower() for part in word_parts(pt, mk))
    words = english_words()
    return left in words and right in words and left + right not in words and left not in _PREFIXES


# A quoted prefix glued to its word is play on words, not a lost space (the “re”branding)
_PREFIXES = frozenset("re pre non un co anti de dis mis ex sub semi multi post pro counter cyber e i".split())


def _link_text_at(pt: str, at: int) -> bool:
    """Does a link's text open at the "[" at ``at`` (its destination, masked, or a reference
    follows its closing bracket)?"""
    close = pt.find("]", at, at + 300)
    return close > 0 and "\n\n" not in pt[at:close] and pt[close + 1: close + 2] in (MASK, "[", "(")


def _opens_after_link(pt: str, i: int, table: dict[str, Any]) -> bool:
    """After a link and a stop, a word that opens sentences (The, This, Each), bare or behind
    emphasis or a quotation mark: the next sentence, glued on (not a link to example.com.The)."""
    m = _STARTER().match(pt, i + 1)
    return m is not None and m.group(1) in table["sentence-starters"]


_STARTER = lazy(r"(?:\*{1,3}|_{1,3}|“)?([A-Z][a-z]+)\b(?![.@/])")


def _finding(pt: str, i: int) -> Finding:
    mark = pt[i]
    return Finding(i, i + 1, f"no space after '{mark}'; add one",
                   Fix.insert(i + 1, " ", f"Insert a space after '{mark}'"))


def _tokens(pt: str, i: int) -> tuple[str, str]:
    """The non-space text glued to each side of the mark at ``i``, look-alike letters read as Latin."""
    left = pt[max(0, i - 80): i]
    left = left[max(left.rfind(ch) for ch in _BREAK) + 1:]
    right = pt[i + 1: i + 81]
    cut = min((k for k in (right.find(ch) for ch in _BREAK) if k >= 0), default=len(right))
    return as_latin(left), as_latin(right[:cut])


def _right_word(right: str, domains: bool = False) -> str:
    """The word after the mark, or "" when what follows is a domain, address, path or code (or
    a domain word, unless ``domains``)."""
    m = _WORD().match(right)
    if m is None:
        return ""
    word, rest = m.group(), right[m.end():]
    if rest and (rest[0] in "@/\\_=(" or rest[0].isdigit() or (rest[0] in ".:" and len(rest) > 1 and (rest[1].isalnum() or rest[1] in ":/"))):
        return ""
    if _CAMEL().search(word) or (not domains and word.lower() in data()["domain-words"] and not rest[:1] == "-"):
        return ""  # (co-authored is a word, not the domain .co)
    return word


def _sentence_runs_on(pt: str, i: int, table: dict[str, Any], latin: Any, text: str = "") -> bool:
    left, right = _tokens(pt, i)
    after = i + 1 + len(right)
    opened = right[:1] in ("“", "[", "(")
    linked = right[:1] == "[" and _link_text_at(pt, i + 1)
    if right[:1] == "(" and ")" in right:
        return False  # fig.(A), obj.(Method): a label or a call, not an aside of words
    if opened:
        right = right[1:]  # end.“Next, end.[Link text, end.(Often: a quotation, link or aside opens the next sentence
    elif right[:1] in "*_":
        emphasis = _EMPHASIS_OPENS().match(right)  # end.*Nobody* or end.**Next step:** opens one too
        if emphasis is None:
            return False
        opened, right = True, emphasis.group(2) + right[emphasis.end():].lstrip("*_")
    token = left.lstrip(_OPENERS).rstrip(_CLOSERS)
    m = _LAST_WORD().search(token)
    if m is None:
        return False
    if _CODE_LIKE().search(token):
        return _code_like_ends(pt, i, token, right, after, table)
    word = m.group()
    if pt[i] == "." and token == left and _NUMBERED().fullmatch(token):
        nxt = _right_word(right)  # on Wednesday, December 9th.The study; in the 1990s.After that
        return nxt in table["sentence-starters"] or (right == nxt and nxt.istitle() and len(nxt) > 2
                                                      and nxt.lower() in english_words() and _space_then_lower(pt, after))
    if token == left and _CONTRACTION().fullmatch(token):
        nxt = _right_word(right)  # we learned that it isn’t.We sell: a contraction or a possessive
        # ends no name, file, host or initial
        return (len(nxt) > 1 or (nxt in ("A", "I") and pt[i + 2: i + 3] == " ")) and nxt[:1].isupper()
    if linked and pt[i] == "." and word.islower() and word.isalpha() and len(word) > 1 and left == word \
            and right[:1].isupper():
        return True  # the text.[PlainLanguage.gov](url) has: a link whose text is capitalised opens
        # a sentence, whatever its first word (a name, a domain), after a plain lower-case word
    if pt[i] == "." and _CODE_NOUN().match(pt, after) and _WORD().fullmatch(right) and right not in table["sentence-starters"] \
            and not (word.islower() and word in english_words() and not _has_code(text or pt)):
        return False  # the chanbackup.Single structure, the http.Client type: a code name in prose
        # (not fonts.These types of fonts: a sentence-starting word opens a sentence; not an
        # English word in an article with no code at all: a confusing experience.User interface)
    if word.islower() and word.isalpha() and len(word) > 1 and left == word and pt[i] == "." and _PASCAL().fullmatch(right) \
            and _space_then_lower(pt, after) and glued_count(pt, word, right) == 1 and stands_alone(latin(), right):
        return True  # their apps.CitySDK also: a name the article writes alone opens the next sentence
        # (not prevScript.IsValid: a lower-case CamelCase word before the stop; not a name written only so)
    if _CAMEL().search(word) and pt[i] == "." and word.isalpha() and _WORD().fullmatch(right) and right in table["sentence-starters"]:
        return True  # YouTube.You can, WordPress.We were: a name, then a sentence
    if pt[i] == "!" and word == token and word.isalpha() and len(word) > 1 and word not in _BANG_NAMES \
            and _bang_ends_name(pt, word, right):
        return True  # America's PrepareAthon! Plan ... National PrepareAthon!Day, September 30: a name
        # styled with a "!" that the article writes elsewhere with nothing glued to its mark
    if len(word) < 2 or _CAMEL().search(word) or (not word.isalpha() and not word.isdigit()):
        return False  # an initial (J.Smith, non-U.S.), a version (v2), an identifier
    if word.islower() and pt[i] == "." and _WORD().fullmatch(right) and right.istitle() and _space_then_lower(pt, i + 1 + len(right)):
        return True  # devices.App users: a domain is not capitalised after a lower-case name
    nxt = _right_word(right)
    acronym = _right_word(right, domains=True)  # (AI, IO: a domain's word, an acronym in capitals)
    if acronym.isupper() and len(acronym) > 1 and word.islower() and pt[i] == "." and left == word \
            and (right in (acronym, acronym + ",", acronym + ";") or _POSSESSIVE().fullmatch(right, len(acronym))) \
            and _clause_then_lower(pt, _past_possessive(text or pt, i + 1 + len(acronym), after)) \
            and stands_alone(latin(), acronym) and glued_count(pt, word, acronym) == 1:
        return True  # an API key.API keys are free, the system.FDA, led by, a success.FTC’s
        # managers, the public’s life.AI also poses: an acronym the article writes alone opens a
        # sentence (not a name in a link's text or brackets: the [open.NASA blog])
    if pt[i] == "." and right == nxt and nxt.istitle() and len(nxt) > 1 and word.isalpha() and phrase_elsewhere(pt, nxt, after) \
            and glued_count(pt, word, nxt) == 1:
        return True  # like Uber and Airbnb.Gen Z doesn't: the glued word opens a phrase the article
        # writes on its own twice more (Gen Z), not the second half of a name written with a dot
    if not nxt and pt[i] == "." and not opened and word.islower() and left == word and len(word) >= 3 \
            and word in english_words() and _domain_opens(pt, word, right, after, table):
        return True  # more on the new site.Regulations.gov has: a domain written capitalised opens
        # the next sentence (a host name's labels are not capitalised in the middle)
    if not nxt or (nxt.isupper() and len(nxt) > 1 and not (opened and word.islower())):
        return False  # open.NASA, Gov.HK: a name, not a sentence start (strategy.[HUD's report: a link opens one)
    if word[0].isupper():
        return _capitalised_ends(pt, i, word, right, nxt, after, table, latin, text)
    return True


def _code_like_ends(pt: str, i: int, token: str, right: str, after: int, table: dict[str, Any]) -> bool:
    """Does a token with a code-like character (a domain, words joined by slashes, a handle, a file
    type) end a sentence at the stop at ``i``?"""
    if pt[i] == "." and (_is_domain(token, table) or _is_tld(token, table)) \
            and _titled_clause(pt, right, after) and right.rstrip(",").lower() not in table["domain-words"]:
        return True  # using cloud.gov.Specifically, out of: a capitalised word then a comma or a
        # lower-case word is no label of the host (a host name does not go on with a comma), unless
        # it is a domain's own word (api.data.gov.Au for now); a top-level domain named with its
        # dot too (names like .gov and .mil.Increasingly, citizens)
    # incentives/disincentives.Let, Regulations.gov.An: words joined by slashes, or a domain,
    # end a sentence when a sentence-starting word follows the stop (not a path or a host)
    # (census.gov?The new site: a question ends there as well)
    # (mention @usdatagov.The team, tag #opendata.We: a handle or hashtag has no full stop of its own)
    # (Node.js.We’re also: the starter with its contraction; analytics.usa.gov.Mr. Mill: a title)
    # (changes coming to .gov.Here’s, most devices use .epub.You, USA.gov/espanol.This gives: a
    # top-level domain or a file type named with its dot, a domain with its path)
    opener = _WORD_CONTRACTED().fullmatch(right)
    return pt[i] in ".?!" and (_SLASHED_WORDS().fullmatch(token) is not None or _is_domain(token, table)
                               or _HANDLE().fullmatch(token) is not None or _FILE_TYPE().fullmatch(token) is not None
                               or _is_domain(token.split("/", 1)[0], table) and _URL_PATH().fullmatch(token, token.find("/"))) \
        and ((opener is not None and opener.group(1) in table["sentence-starters"])
             or (right[-1:] == "." and right[:-1] in table["title-abbreviations"] and pt[after: after + 1] == " "))


def _capitalised_ends(pt: str, i: int, word: str, right: str, nxt: str, after: int, table: dict[str, Any],
                      latin: Any, text: str) -> bool:
    """A capitalised word, then the stop and the next word: a name that ends a sentence (a person,
    a month, a place the dictionary lists, the last word of a long name) or one written with a dot
    (Fork.Observer)?"""
    if pt[i] == "." and word in table["title-abbreviations"]:
        return True
    if pt[i] == "?":
        return nxt[0].isupper()  # Questions?Tweet us: names take a dot or a "!" (Yahoo!News), not a "?"
    if pt[i] == "!" and nxt.istitle() and right == nxt and _space_then_lower(pt, i + 1 + len(nxt)) \
            and word not in _BANG_NAMES and word.lower() in english_words() \
            and nxt.lower() in english_words() and pt.count(word + "!") == 1:
        return True  # Day of Civic Hacking!Note the form: two plain words, a sentence going on
        # after the second (not a name styled with a "!", which an article writes more than
        # once or is a famous one: Yahoo!News, Jeopardy!)
    if pt[i] == "." and nxt.istitle() and _after_given_name(pt, i - len(word)):
        return True  # Johanna Koljonen.Teams: a person's name ends a sentence
    if pt[i] == "." and nxt.istitle() and word in _CALENDAR and glued_count(pt, word, nxt) == 1:
        return True  # in early April.Search volume: a date ends a sentence
    if pt[i] == "." and table["english"] and right == nxt and nxt.istitle() and word.istitle() \
            and nxt.lower() in english_words() and (
                (_space_then_lower(pt, after) and word in english_words())
                or (_titled_then_lower(pt, after) and _ends_long_name(pt, i - len(word)))) \
            and glued_count(pt, word, nxt) == 1 and word_places(pt).get(nxt) is not False:
        return True  # rural America.Available as a download, the World Trade Center.Cell phone
        # systems: a name the dictionary lists (a place, a people, a person) or the last word of a
        # name of several words inside a sentence, then an ordinary word that opens a clause and that
        # the article never capitalises inside a sentence (as it would a dotted name's: Fork.Observer);
        # after such a name, the ordinary word may open a title and a name before the clause goes on
        # (TTS' Public Experience Portfolio.Acting Director Leilani Martinez notes)
    if pt[i] == "." and right == nxt and nxt.endswith("ed") and INFLECTED().fullmatch(nxt) \
            and nxt.lower() in english_words() and _space_then_lower(pt, i + 1 + len(nxt)) \
            and glued_count(pt, word, nxt) == 1 and not _has_code(text or pt):
        return True  # news focused on Cuba.Created by the Board: a past participle, then a lower-case
        # word, opens a sentence (in an article with no code: not Event.Created; not a name
        # the article writes so twice; Ruby.Weekly and Friday.Rounding may be names)
    if pt[i] == "." and table["english"] and right == nxt and nxt.istitle() and len(nxt) > 2 \
            and nxt.lower() in english_words() and _DETERMINER_NEXT().match(pt, after) \
            and glued_count(pt, word, nxt) == 1 and not _has_code(text or pt):
        return True  # the key benefit of Medium.Notice there are: an ordinary word then a
        # determiner or a subject pronoun opens a sentence (an imperative, an adverb), where the
        # second half of a name written with a dot is followed by a verb or a noun (Lightning.Pub
        # launching); in an article with no code (the Event.Created value)
    return nxt in table["sentence-starters"] or (pt[i] == "." and (
        both_stand_alone(latin(), word, nxt) or opens_sentences(pt, word, nxt)))


# After the glued word, a determiner or a pronoun that opens a noun phrase or a clause
# (not "that", a relative after a name too: Event.Created that the handler reads; not "it", "its",
# "his", "her": an object or its possessive, gave Lightning.Pub its name)
_DETERMINER_NEXT = lazy(r" (?:the|these|those|this|there|your|our|their|my|we|you|they)\b(?![\w'’.-])")


# Emphasis markers, then a capital: the emphasised first word of the next sentence (nested
# too: the _**Name** of an italic author's note with the name in bold)
_EMPHASIS_OPENS = lazy(r"([*_]{1,3})([A-Z][^\W\d_]*)")

# What a code name written in prose is called (package.Type struct, module.Name function): a
# sentence hardly ever opens with a capitalised word and then one of these
_CODE_NOUN = lazy(r" (?:struct|structure|type|field|method|function|class|interface|enum|module|package|"
                        r"namespace|constructor|attribute|property|variable|parameter|constant|macro|trait)s?\b")

# Names styled with a "!" whose first part is also an English word (and Joomla, whose events are
# Joomla!Day: a name that glues a word to its "!" on purpose)
_BANG_NAMES = frozenset(("Yahoo", "Jeopardy", "Wham", "Panic", "Oklahoma", "Hey", "Oh", "Joomla"))


def _bang_ends_name(pt: str, word: str, right: str) -> bool:
    """PrepareAthon!Day: a capitalised plain word glued to a "!" after a word that the article
    writes elsewhere with its "!" and no letter or digit glued on (America's PrepareAthon! Plan,
    the nation's PrepareAthon!): the mark ends the name there, so here a space went missing
    (not a name written with a glued "!" more than once, or never otherwise)."""
    nxt = _right_word(right)
    if not (len(nxt) > 1 and nxt.istitle() and nxt.isalpha() and _PLAIN_END().fullmatch(right, len(nxt))):
        return False
    glued, free = _bang_words(pt).get(word, (0, 0))
    return glued == 1 and free > 0


@per_text
def _bang_words(pt: str) -> dict[str, tuple[int, int]]:
    """For each word of ``pt`` written with a "!" after it: how often a letter or digit is glued
    to the mark, and how often not. Found once per text, not by a search for each glued mark."""
    out: dict[str, tuple[int, int]] = {}
    for m in _BANG_WORD().finditer(pt):
        glued, free = out.get(m.group(1), (0, 0))
        out[m.group(1)] = (glued + 1, free) if m.group(2) else (glued, free + 1)
    return out


_BANG_WORD = lazy(r"(?<![^\W_])([^\W_]+)!([^\W_])?")

# A name in CamelCase with a capital first (CitySDK, GitHub, WordPress)
_PASCAL = lazy(r"[A-Z][a-z]+[A-Z][A-Za-z]*")

# Month and weekday names: no name written with a dot starts with one ("May" is a name and a verb)
_CALENDAR = frozenset("January February March April June July August September October November December "
                      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())

# Lower-case words joined by slashes (and/or), and domain names (Regulations.gov): the tokens
# with a code-like character that can end a sentence or a clause.
_SLASHED = lazy(r"[a-z0-9]*[a-z][a-z0-9]*(?:/[a-z0-9]+)+")  # and/or, 12th/13th
# ... and before a stop and a sentence-starting word, names joined by a slash too (RIM/Blackberry.Here)
_SLASHED_WORDS = lazy(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:/[A-Za-z0-9]+)+")
_DOMAIN = lazy(r"(?:[A-Za-z]|[0-9]+[A-Za-z])[A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,}")  # (18f.gsa.gov too)


def _titled_clause(pt: str, right: str, after: int) -> bool:
    """The glued word is a capitalised plain word, then a comma or a space and a lower-case word."""
    word = right[:-1] if right.endswith(",") else right
    return len(word) > 1 and word.isalpha() and word.istitle() and \
        (right.endswith(",") or _space_then_lower(pt, after))


def _ends_long_name(pt: str, start: int) -> bool:
    """Does the capitalised word at ``start`` end a name of two or more capitalised words that
    stands inside a sentence, after a lower-case word or a comma (the Technology Transformation
    Service, an Authorization Package; not Visit Fork, a sentence's first word and the name)?"""
    m = _NAME_BEFORE().search(pt, max(0, start - 120), start)
    return m is not None


# (a capitalised word or two, then the one at the end: after a lower-case word, a comma or a
# possessive and a space: TTS' Public Experience Portfolio, the agency’s Data Center)
_NAME_BEFORE = lazy(r"(?:[a-z],?|,|[A-Za-z]['’]s?)[ \n](?:[A-Z][\w’'&-]*[ \n]){1,4}\Z")


def _titled_then_lower(pt: str, at: int) -> bool:
    """A lower-case word next, after a space, or after one to four capitalised plain words, each
    after a space (Acting| Director Leilani Martinez notes)."""
    return _space_then_lower(pt, at) or _TITLED_RUN().match(pt, at) is not None


_TITLED_RUN = lazy(r"(?: [A-Z][a-z]+){1,4} [a-z]")


def _domain_opens(pt: str, word: str, right: str, after: int, table: dict[str, Any]) -> bool:
    """After a lower-case word and a stop, a domain whose first label is a capitalised word
    (Regulations.gov, Data.gov), then a lower-case word or the clause's end: the next sentence
    opens with the site's name. Not an acronym (transition.FEC.gov, a host written so in the
    corpus), nor a host name written so more than once in the article."""
    m = _DOMAIN_THEN().fullmatch(right)
    if m is None or word in _HOST_LABELS or not _is_domain(m.group(1), table) or pt.count(f"{word}.{m.group(1)}") > 1:
        return False
    label = m.group(1).split(".", 1)[0]
    return len(label) > 1 and label.isalpha() and label.istitle() and (m.group(2) is not None or _space_then_lower(pt, after))


# Host names' first labels that are English words too, and hardly ever a sentence's last word
# (beta.Notify.gov, mirror.Example.gov)
_HOST_LABELS = frozenset("api beta demo dev docs mirror my staging wiki www".split())
_DOMAIN_THEN = lazy(r"([A-Za-z0-9.-]+?)(['’]s|[,;:!?)”’]|\.(?=$))?")


# A stop, then a name written with a lower-case letter before its capital (iOS, eBay, iPhone), then
# the clause goes on
_DOT_BRAND = lazy(r"\.(?=[a-z][A-Z][A-Za-z]*(?:['’]s)?[,;:!?)”’]?(?:[ \n]|\Z))")
_BRAND = lazy(r"[a-z][A-Z][A-Za-z]*")


def _brand_opens(pt: str, i: int, latin: Any, text: str) -> bool:
    """on Friday.iOS users, the new app.eBay sellers: after a plain English word (not an initial,
    an identifier or a name in CamelCase) and a stop, a name such as iOS or eBay opens the next
    sentence. Not a code name (chart.xAxis, the http.rCookie field): in an article that shows code
    only a name the article also writes alone, and never one the article writes so twice."""
    left, right = _tokens(pt, i)
    word = left.lstrip(_OPENERS)
    brand = _BRAND().match(right)
    if brand is None or not (len(word) > 1 and word.isalpha()) or _CAMEL().search(word) \
            or not (word in english_words() or word.lower() in english_words()):
        return False
    name = brand.group()
    if _CODE_NOUN().match(pt, i + 1 + len(right)) or pt.count(f"{word}.{name}") > 1:
        return False
    return not _has_code(text) or stands_alone(latin(), name)


def _has_code(text: str) -> bool:
    """Does the article show code anywhere (a code span, a fence, an HTML code element)?"""
    return "`" in text or "<code" in text or "~~~" in text


def _is_domain(token: str, table: dict[str, Any]) -> bool:
    return _DOMAIN().fullmatch(token) is not None and token.rsplit(".", 1)[-1].lower() in table["domain-words"]


def _is_tld(token: str, table: dict[str, Any]) -> bool:
    """A top-level domain named with its dot (.gov, .mil): a word of a sentence's list."""
    return token[:1] == "." and token[1:].isalpha() and token[1:].islower() and token[1:] in table["domain-words"]


def _after_given_name(pt: str, start: int) -> bool:
    """Is the word that ends at ``start`` (then one space) a known given name?"""
    if pt[start - 1: start] != " ":
        return False
    m = _LAST_WORD().search(pt, max(0, start - 40), start - 1)
    return m is not None and m.group() in given_names()


_POSSESSIVE = lazy(r"['’]s")
_FILE_TYPE = lazy(r"\.[a-z][a-z0-9]{1,4}")  # .gov, .epub, .mp4: a type or a domain named with its dot
_URL_PATH = lazy(r"(?:/[A-Za-z0-9_-]+)+")  # (/espanol, /data/sets; not a file's dot)
_WORD_CONTRACTED = lazy(r"([^\W\d_]+)(?:%s)?" % _ENDING)
# An ordinal or a decade (9th, 21st, 1990s): a number with letters that ends a sentence, not a
# version (v2), an identifier or a span of seconds (10s.Timeout)
_NUMBERED = lazy(r"[0-9]{0,3}(?:1[0-9]th|1st|2nd|3rd|[04-9]th)|(?:1[5-9]|20)[0-9]0s")
_CONTRACTION = lazy(r"[A-Za-z]+" + _ENDING)  # isn’t, agency’s, we’re, they’ve, I’m
_POSSESSIVE_TEXT = lazy(r"(?:['’]|&#8217;|&rsquo;|&#39;|&apos;)s\b")


def _past_possessive(text: str, at: int, after: int) -> int:
    """Where the word at ``at`` ends: past its possessive ’s, also one written with an entity
    (FTC&#8217;s, masked in the prose text), or ``after`` when it has none."""
    m = _POSSESSIVE_TEXT().match(text, at)
    return m.end() if m else after


def _space_then_lower(pt: str, at: int) -> bool:
    return pt[at: at + 1] == " " and pt[at + 1: at + 2].islower()


def _clause_then_lower(pt: str, at: int) -> bool:
    """A lower-case word next, after a space or a comma and a space (API keys are, FDA, led by)."""
    return _space_then_lower(pt, at) or (pt[at: at + 1] in ",;" and _space_then_lower(pt, at + 1))


# Two words joined by a slash that prose uses as one word (not a path: usr/bin, src/lib)
_WORD_PAIR = lazy(r"(?:and/or|or/and|he/she|she/he|his/her|her/his|him/her)(?![\w/])")

# Plain words of four letters or more joined by slashes, then the clause goes on (passed/failed,)
_SLASHED_PLAIN = lazy(r"[a-z]{4,}(?:/[a-z]{4,})+[,.;:!?)]?")

_CAMEL_NAME = lazy(r"(?:[a-z]+|[A-Z][a-z]+)[A-Z][A-Za-z0-9]*")  # comScore, smokefreeTXT, MobileGov


def _name_after_comma(pt: str, i: int, word: str, right: str, table: dict[str, Any]) -> bool:
    """After a plain word and a comma, a name that the word check leaves out, then the clause:
    a dotted abbreviation of the table (Lisa Wilcox,U.S. Department), or after an English word a
    domain (Last fall,vote.gov and the; In future phases,StudentAid.gov will) or, in an article
    that shows no code, a name in camel case (In July,comScore released; this webinar,MobileGov
    developers; not a list of properties, width,minHeight)."""
    after = i + 1 + len(right)
    abbr = right.rstrip(",;:")
    if abbr.endswith(".") and abbr[:-1] in table["dotted-abbreviations"]:
        return True
    if len(word) < 3 or not (word in _CALENDAR or word in english_words() or word.lower() in english_words()) \
            or not _space_then_lower(pt, after):
        return False
    if _is_domain(right, table):
        return True
    return _CAMEL_NAME().fullmatch(right) is not None and not _has_code(table["text"])

_LIST_WORDS = frozenset(("and", "or", "nor", "etc"))
# A wiki's namespaces and such prefixes (Category:books, Project:home, User:name): not a sentence
_NAMESPACES = frozenset("Category Draft File Help Image Media Module Portal Project Special Talk Template User".split())


def _prose_list(word: str, right: str) -> bool:
    """Three or more lower-case words glued by commas, with "and", "or" or "etc." among them, or
    of three letters or more with one of six or more: a sentence's list whose spaces went missing
    (smartphones,tablets,etc.; anytime,anywhere,any device), never a code or data list (a,b,c;
    short tokens such as field names or colours: name,email,phone; red,green,blue)."""
    items = [*word.split(","), *right.rstrip(_CLOSERS + ".").split(",")]
    return len(items) >= 3 and all(w.isalpha() and w.islower() for w in items) and \
        (any(w in _LIST_WORDS for w in items[1:]) or (min(map(len, items)) >= 3 and max(map(len, items)) >= 6))


def _clause_runs_on(pt: str, i: int, table: dict[str, Any]) -> bool:
    mark = pt[i]
    if not pt[i - 1: i].isalpha():
        return False
    left, right = _tokens(pt, i)
    if mark == ";" and (_ENTITY().search(left) or left.lower().endswith("tl")):
        return False
    word = left.lstrip(_OPENERS)
    if mark == "," and (_is_domain(word, table) or _is_tld(word, table)):
        nxt = _right_word(right)  # plainlanguage.gov,all of the coding: a domain ends the clause
        # (and so does a top-level domain named with its dot: .gov, .mil,etc.)
        return nxt.isalpha() and nxt.islower() and (len(nxt) > 1 or (nxt == "a" and right == "a")) \
            and not _GLUED_ITEM().match(right[len(nxt):])  # (cloud.gov,a Platform-as-a-Service)
    if mark == "," and _HANDLE().fullmatch(word):
        nxt = _right_word(right)  # for those new to the hunt for #lostapps,the campaign: a hashtag
        # or a handle ends the clause
        return nxt.isalpha() and nxt.islower() and len(nxt) > 1 and not _GLUED_ITEM().match(right[len(nxt):])
    if mark == "," and _DOTTED_NAME().fullmatch(word):
        nxt = _right_word(right)  # Hack.Developers,ecco come: a name with a dot ends the clause
        return nxt.isalpha() and nxt.islower() and len(nxt) > 1 and not _GLUED_ITEM().match(right[len(nxt):])
    if mark in ",;" and _SLASHED().fullmatch(word):
        nxt = _right_word(right)  # at least 1 sat/vbyte,then a higher: a unit or and/or ends the clause
        # (incentives/disincentives;some didn't: a semicolon too)
        return nxt.isalpha() and nxt.islower() and len(nxt) > 1 and not _GLUED_ITEM().match(right[len(nxt):])
    if mark == "," and _SNAKE().fullmatch(word) and _SPACED_ITEMS().search(pt, max(0, i - len(word) - 120), i - len(word)):
        nxt = _right_word(right)  # splice_update, splice_signed,things like that: the list's last
        # identifier, glued to the words after it (its items are spaced; code's a,b,c are not)
        return nxt.isalpha() and nxt.islower() and len(nxt) >= 3 and _WORD_END().fullmatch(right, len(nxt)) is not None
    if not word or _CODE_LIKE().search(word) or "(" in word or "[" in word:
        return False
    nxt = _right_word(right)
    if not nxt and mark == "," and word.isalpha() and len(word) >= 3 and word.lower() in table["domain-words"]:
        nxt = _right_word(right, domains=True)  # json,xml and csv; com,org: formats or domains listed,
        nxt = nxt if len(nxt) >= 3 else ""  # not a file or host name whose dot became a comma (report,pdf)
    if not nxt and mark == "," and word.isalpha() and word.islower() and len(word) >= 3 and word in english_words():
        nxt = _right_word(right, domains=True)  # privacy concerns,app purging: a domain's word that
        # is an English word, then the clause (not report,pdf or example,com: no word, or no clause)
        if not (right == nxt and len(nxt) >= 3 and nxt.islower() and nxt in english_words()
                and _space_then_lower(pt, i + 1 + len(nxt))):
            nxt = ""
    if not nxt and mark == "," and word.isalpha() and len(word) > 1 and (
            _WORD_PAIR().match(right) or (word.islower() and len(word) >= 4 and _SLASHED_PLAIN().fullmatch(right))):
        return True  # brands,and/or companies, executed,passed/failed: words, not a path
    if not nxt and mark == "," and word.isalpha() and len(word) >= 2 and _name_after_comma(pt, i, word, right, table):
        return True
    if not nxt:
        return False
    if mark == ":":
        return _colon_runs_on(pt, i, word, right, nxt, table)
    rest = right[len(nxt):]
    if _prose_list(word, right):
        return True  # laws,regulations,policies,and other: a list in words, not a,b,c
    if _GLUED_ITEM().match(rest) or _GLUED_ITEM().search(word) or "(" in right or "=" in right or ("(" in left and ")" in right):
        return False  # a,b,c, f(a,b) and (IP,port): lists, code and tuples, not prose
    return not (len(word) == 1 and len(nxt) == 1)  # x,y coordinates


def _colon_runs_on(pt: str, i: int, word: str, right: str, nxt: str, table: dict[str, Any]) -> bool:
    """Is the colon at ``i``, between ``word`` and the word ``nxt`` glued after it, a missing space?"""
    if word.istitle() and word.isalpha() and len(word) >= 4 and ":" not in right:
        # Discovery:making, Group:push: an ordinary capitalised word, then an ordinary lower-case
        # one (not a namespace, File:name.png or Category:Books, nor a name written so again)
        return nxt.isalpha() and nxt.islower() and len(nxt) >= 3 and _PLAIN_END().fullmatch(right, len(nxt)) is not None \
            and word.lower() not in table["uri-schemes"] and word not in _NAMESPACES \
            and word.lower() in english_words() and nxt in english_words() \
            and len(_GLUED_COLON().findall(pt, max(0, i - 120), i + 120)) == 1 and pt.count(f"{word}:{nxt}") == 1
    if not (word.isalpha() and word.islower() and len(word) >= 2 and word not in table["uri-schemes"]) \
            or ":" in right:
        return False
    # Note:The; or two plain lower-case words (wrong:agencies), the second ending in a space or
    # a stop, not a name:space identifier (og:title) or a path, nor a name the article writes
    # so again (micro:bit) unless the colon splits a word (quest:ions, twice in a pasted paragraph)
    return nxt[0].isupper() or (len(word) >= 3 and nxt.isalpha() and nxt.islower() and len(nxt) >= 3
                                and (_PLAIN_END().fullmatch(right, len(nxt)) is not None
                                     or _CONTRACTION_END().fullmatch(right, len(nxt)) is not None)
                                and len(_GLUED_COLON().findall(pt, max(0, i - 120), i + 120)) == 1
                                and (pt.count(f"{word}:{nxt}") == 1 or word + nxt in english_words()))
