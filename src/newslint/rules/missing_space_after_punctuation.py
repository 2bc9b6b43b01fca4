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
French, German, Spanish, Italian, Dutch, Portuguese, Czech, Polish, Russian or Ukrainian its own too: `Rails.Une pléthore`, `Städte.Ihr Ziel`, `Madrid.El Gobierno`, `Москве.Это решение`), or a first
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
where the quote pairing reads the mark as closing; so is one written as an entity
(`card,&#8221;and`, `up,&rdquo;said`: the space goes after the entity).

So is a comma or semicolon glued to a word after the closing `**` of strong emphasis
(`**Tuesday**,and`), and a colon, comma or semicolon inside it whose closing `**` is glued to the
next word (`**Note:**The`: CommonMark cannot close the emphasis there, and the markers print):
the fix inserts the space after the comma, or after the `**`. So is an opening `**` glued to
the word before it (`the**Pro** plan`), unless its closing one is glued to a word too
(`un**believ**able`: emphasis inside a word).

A quotation, link or emphasis that opens the next sentence counts as its first word (`spring.“We`,
`strategy.[HUD’s report`, `the text.[PlainLanguage.gov](url)`, `Monday.*Nobody* expected`, an
opening mark written as an entity, judged as the mark it prints: `done.&#8220;Next`, and
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

A number with its unit glued on ends a sentence like a word (`a speed limit of 20mph.Guide signs`,
`64GB.The price`; not `10s.Timeout`); after a name in CamelCase, an ordinary word that the
article never capitalises inside a sentence, then a lower-case word, opens the next sentence
(`written in JavaScript.Flexible tooling`); and a comma glued to a name in mixed case inside a
list whose other commas have their space is one (`Debian, Fedora,phpBB, Arch`; not `name,phpBB,email`).

A comma glued to a name written in camel case after an English word, the clause going on after
it, is one too in an article that shows no code (`In July,comScore released`, `the
program,smokefreeTXT will`, `this webinar,MobileGov developers`; not `width,minHeight` beside
code), and so is one glued to a domain after an English word (`Last fall,vote.gov and the`), to
a domain's word that is an English word too (`privacy concerns,app purging`; not `report,pdf`),
to a dotted abbreviation of the table after a word (`Lisa Wilcox,U.S. Department`), or after a
hashtag (`#lostapps,the campaign`) or a time of day (`At 11:29am,we had`), or to a link whose text opens with a digit
(`described,[18F Consulting](url)`).

A heading's marker needs its space too: a line that starts with two to six `#` glued to a
capitalised word, bare or emphasised (`##News`, `###What to Do`, `##**Bold heading**`), or to a
number that numbers a heading (`##1. The inventory`, `###1st Meetup`), to an opening mark
(`#####¿Qué hago?`) or to an anchor tag before its title (`##<a name="reading"></a>Reading`), is a
paragraph in CommonMark, not a heading; the fix inserts the space. A lone `#` glued to a word is
as often a hashtag (`#WeRemember`, `#NASA`, `#AskFAFSA questions are accepted`), unless it opens
a line of its own (a blank line or a list after it), no full stop at its end, with an ordinary
capitalised word (`#Launch of strategic council`, `#Overview`, `#No Longer Just an Aggregator`).

So does a list item's number: a line that opens with a number of one or two digits and a stop
glued to a capitalised word (`1.CUTC`, `9.New Labs`, `10.Class Act`), when another line of the
article opens so too, is a paragraph in CommonMark, not the numbered item it was meant to be
(not an outline's label of one letter, `1.A`); the fix inserts the space.

A link or emphasis closed and glued to the next word runs the two together too (`see [the
report](url)in May`, `the **Pro**plan`); not when the markup splits one word (`**C**reate`,
`[Photo of the Da](url)y`, `[API](url)s`) or emphasis sits inside a word (`un**believ**able`).

A date's comma glued to its year after a month's name (`17 December,2015`, `May 9,2016`; the
scan passes a comma before a digit by, `1,000`) and a colon glued to a capitalised word after a
number alone (`January 2016:Steering Committee`, `Finding 1:You want`, `1. 1999:Doug Cutting`;
not `10:30`, `3:16`, `v2:Beta` or `127.0.0.1:8080`) are missing spaces too.

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

import dataclasses
from typing import Any, Iterator, Mapping

from ..document import Document
from ..englishness import reads_english
from ..missingspace.abbreviations import DOT_LETTER_DOT, after_abbreviation
from ..missingspace.asides import aside_before, closed_before, opens_after_link, word_after
from ..missingspace.brands import DOT_BRAND, brand_opens
from ..missingspace.clauses import clause_runs_on
from ..missingspace.closers import glued_after_closers
from ..missingspace.closing_quotes import after_closing_quote, closes_quotation
from ..missingspace.emphasis import glued_after_emphasis
from ..missingspace.glued import finding
from ..missingspace.headings import glued_headings
from ..missingspace.middle_dots import middle_dots
from ..missingspace.openers import before_opener
from ..missingspace.stops import opens_numbered_line, sentence_runs_on
from ..model import Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..typography import as_latin, data, entity_at, link_ending_at, near_invisible, scan


# The checks live in newslint/missingspace/, one module per shape of glued mark (its __init__
# lists them); check below hands each candidate to its module, in the order the findings come out.
ID = "NL100"
NAME = "missing-space-after-punctuation"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report punctuation glued to the next word, with a safe fix that inserts a space."""
    pt = doc.prose_text
    sc = scan(doc)
    table = data()
    own = table["sentence-starters-by-language"].get(doc.language.split("-")[0])
    if own is not None:  # (an article in French starts its sentences with Une and La, too)
        table = {**table, "sentence-starters": own}
    # (the English word list tells an ordinary word that opens a sentence only in an article in English)
    # (a short notice in another language in a tree configured as English reads as no language:
    # not English, its words judged as any language's, its comma before "com" a missing space)
    unknown = doc.language == "en" and not doc.language_known and not reads_english(doc)
    table = {**table, "english": doc.language == "en" and not unknown,
             "language": "" if unknown else doc.language.split("-")[0], "text": doc.text}

    def latin() -> str:  # the prose with look-alikes read as Latin, for the rare name check
        # (the prose itself when it has none: the per-text caches below then find it by identity,
        # not by comparing two long equal strings at every lookup)
        return doc.memo("typography.latin-prose", lambda: pt if (text := as_latin(pt)) == pt else text)

    for i in sc.stops:
        if pt.startswith(_GARBLED, i + 1):
            continue  # important,â€� Vuong: NL122 restores the mark first (”, then no space is missing)
        if pt[i - 1] == ")" and aside_before(pt, i) and word_after(doc, pt, i, table, capital=True) \
                and not near_invisible(doc, i - 20, i + 20):
            yield finding(pt, i)  # the Census Agency (CAF).CAF runs: an aside ends the sentence
        elif pt[i] == "." and pt[i - 2: i - 1] == "." and after_abbreviation(pt, i, table) \
                and not near_invisible(doc, i - 20, i + 20):
            yield finding(pt, i)  # the U.S.Digital Service: the space goes after the final dot
        elif pt[i - 1] == MASK:  # a link ends the sentence: [GitHub](url)._The catalog, (url).This
            if link_ending_at(doc, i) >= 0 and opens_after_link(pt, i, table) and not near_invisible(doc, i - 20, i + 20):
                yield finding(pt, i)
        elif sentence_runs_on(pt, i, table, latin, doc.text) and not near_invisible(doc, i - 20, i + 20) \
                and not (pt[i + 1: i + 2] in ("“", "‘") and closes_quotation(doc, pt, i + 1)):
            f = finding(pt, i)
            if pt[i] == "." and opens_numbered_line(pt, i) and f.fix is not None:
                # 10.Class Act: the space makes the paragraph the list item it was meant to be
                f = dataclasses.replace(f, fix=dataclasses.replace(f.fix, reshapes=True))
            yield f
    for i in _stops_before_entity_quote(doc, pt):
        # done.&#8220;Next: the opening mark written as an entity opens the next sentence as a
        # typed “ does; the stop is judged with the entity read as the mark it prints
        j = doc.text.index(";", i + 1) + 1
        view = pt[:i + 1] + entity_at(doc, i + 1, 0) + pt[j:]
        if sentence_runs_on(view, i, table, latin, doc.text) and not near_invisible(doc, i - 20, i + 20) \
                and not closes_quotation(doc, pt, i + 1):
            yield finding(pt, i)
    for i in sc.commas:
        if pt.startswith(_GARBLED, i + 1):
            continue
        if pt[i] == "," and pt[i - 1] in ")" + MASK:
            # the Census Agency (CAF),which runs; [the agency](url),which: an aside or a link ends the clause
            if closed_before(doc, pt, i) and word_after(doc, pt, i, table, capital=False) \
                    and not near_invisible(doc, i - 20, i + 20):
                yield finding(pt, i)
            continue
        if clause_runs_on(pt, i, table) and not near_invisible(doc, i - 20, i + 20) \
                and not (pt[i] == ";" and _ESCAPED_ENTITY_END().search(doc.text, max(0, i - 40), i + 1)):
            yield _plural_comma(pt, i) or finding(pt, i)
    for m in _COMMA_YEAR().finditer(pt):  # 17 December,2015: a date's comma before its year
        i = m.start()
        if _MONTH_DAY_BEFORE().search(pt, max(0, i - 16), i) and not near_invisible(doc, i - 20, i + 20):
            yield finding(pt, i)
    yield from before_opener(doc, pt, table)
    for i in sc.lowered:  # on Friday.iOS users: a lower-case letter, then a capital, after the stop
        if DOT_BRAND().match(pt, i) and brand_opens(pt, i, latin, doc.text) and not near_invisible(doc, i - 20, i + 20):
            yield finding(pt, i)
    for m in DOT_LETTER_DOT().finditer(pt):  # in D.C.offices: a capitalised word is a stop the scan finds
        i = m.end() - 1
        if after_abbreviation(pt, i, table) and not near_invisible(doc, i - 20, i + 20):
            yield finding(pt, i)
    if "”" in pt or '"' in pt or "&" in doc.text:  # (a closing mark written as an entity: done.&#8221;This)
        yield from after_closing_quote(doc, pt)
    if "**" in pt:
        yield from glued_after_emphasis(pt)
    yield from glued_after_closers(doc, pt)
    if "·" in pt and table["english"]:
        yield from middle_dots(doc, pt)
    if "#" in pt:  # (the one character is found at C speed, the pairs a heading needs three times slower)
        yield from glued_headings(doc, pt)


# An opening quotation mark written as an entity, then a capital (perhaps emphasised): what a
# stop glued before it may run into (done.&#8220;Next). Led by its literal "&".
_ENTITY_OPENER = lazy(r"&(?:#8220|#8216|ldquo|lsquo|#[xX]201[cC8]);(?=[*_]{0,3}[A-Z])")


def _stops_before_entity_quote(doc: Document, pt: str) -> list[int]:
    """The stops (. ! ?) of the prose glued to an opening quotation mark written as an entity that
    a capital follows: the candidates the scan cannot see (the entity is masked in the prose)."""
    text = doc.text
    if "&" not in text:
        return []
    out = []
    for m in _ENTITY_OPENER().finditer(text, doc.body_start):
        i = m.start() - 1
        if i > 0 and pt[i] in ".!?" and pt[i - 1] not in (MASK, ")", " ", "\n") and entity_at(doc, i + 1, 0) in ("“", "‘"):
            out.append(i)
    return out


def _plural_comma(pt: str, i: int) -> Finding | None:
    """``los pc,s``, ``cd,s``: a comma typed for an apostrophe between a short word and its
    plural's ``s`` (found in round 36, a Spanish coding club's notice). The word is glued to its
    own ending, not to the next word: the safe fix's space (``pc, s``) makes it worse. The
    finding stays, with a message that says so and the comma's deletion (``pcs``) as an unsafe
    fix, as a house may write PC, PCs or pc's instead."""
    if pt[i] != "," or pt[i + 1: i + 2] != "s" or pt[i + 2: i + 3].isalnum() or pt[i + 2: i + 3] in (",", ";", "_", "-"):
        return None
    j = i
    while j > 0 and pt[j - 1].isalpha():
        j -= 1
    if not 2 <= i - j <= 4 or (j > 0 and (pt[j - 1].isalnum() or pt[j - 1] in ",;")):
        return None  # (a word of two to four letters on its own: not a list glued by commas, a,s,d)
    return Finding(i, i + 1, "a comma between a word and its plural 's' (an apostrophe typed as a comma?); "
                             "write the plural without it",
                   Fix.delete(i, i + 1, "Delete the comma", safe=False))

# A month's name, its day perhaps, and a comma glued to a year (17 December,2015; May 9,2016): the
# scan passes a comma before a digit by (1,000), but a year after a month is a date's own part.
# The comma and year are looked for first (re skips to a comma at C speed) and the month only
# before one: a pattern that starts with the twelve names is tried at every word of the corpus
# (1.2 s of 17 on one job, where the two steps take 0.02 s).
_COMMA_YEAR = lazy(r",(?:1[5-9]|20)[0-9]{2}(?![0-9]|[.,][0-9])")
_MONTH_DAY_BEFORE = lazy(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"(?: [0-9]{1,2})?\Z")  # (searched in the 16 characters before the comma: \Z is there)

# The first two characters of a general punctuation mark (’ “ ” — …) read as Windows-1252: what
# follows the mark is not a word but a garbled mark, which mojibake (NL122) restores
_GARBLED = "\u00e2\u20ac"

# The ; that ends an entity escaped twice (this case&amp;mdash;the employee): mojibake restores
# the entity; a space here would stay behind it.
_ESCAPED_ENTITY_END = lazy(r"&amp;(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,30});\Z")
