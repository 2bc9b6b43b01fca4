"""Repeated word: the same short word typed twice in a row (`the the`, `of of`, `and and`), or a letter typed three times in a word (`commmunity`).

An edit that moves a phrase, or a line break between the two, leaves a function word doubled;
readers stumble on it and spell checkers that work word by word do not see it. Only words that
are never doubled in standard English are checked (articles, most prepositions and
conjunctions, a few auxiliaries and possessives), and in an Italian, Dutch, German, French,
Spanish or Portuguese article the prepositions and articles of that language that never stand
twice (`per per`, `van van`, `für für`, German `ist ist` but after a clause whose verb it is,
`Was neu ist ist …`; not the Polish, Czech or Slovak pronoun "to", which
doubles as grammar: `powiedzieć, to to, że`), in any letter case of the first (`The the`),
across a line break too (in a list item or a block quote as well, past the next line's indent or
`>`: not from one list item to the next), and after an opening quotation mark, bracket, link text or emphasis
(`“The the talks`, `[the the report](…)`), and across the edge of a link or emphasis of more
than the word (`in [in the office](…)`, `[the report of](…) of the`, `the **the report**`; not `the
word *in* in the title`, a word named). In an English article a preposition and an article
typed twice as a pair are reported too (`with a with a`, `in the in the`, across a line break too). The fix deletes the second word (across a line break, the first one, at
the end of its line, so that the line break stays) and is safe.

In an English article any lower-case word of four letters or more typed twice is reported too
(`will take place place in`, `Python packaging packaging guidelines`), but not three times
(`blah blah blah`), not a pair in quotes or emphasis (“done done”), and not a word English
doubles on purpose or speech repeats (`that that`, `very very`, `much much more`, `this this`,
`yeah yeah`); the fix deletes the second and is unsafe (contrastive doubling, “it is not random
random”, is rare but English). So is it in an Italian, Spanish, French, German, Dutch,
Portuguese, Czech, Slovak, Polish, Russian or Ukrainian article (`i servizi pubblici pubblici`,
`Wir freuen freuen uns`, `pro komunitu komunitu expertů`), less the words
that language doubles on purpose (`piano piano`, `très très`, `ganz ganz`, German's future
passive `getestet werden werden` after a participle, not after a noun or a pronoun:
`Anmeldungen werden werden verteilt`, `wir haben haben noch viel` are slips, French reflexives `nous nous efforçons`).

A letter typed three times inside a lower-case word (`commmunity`, `adddress`) is the same slip
at the keyboard: no English word has a letter three times running. The fix deletes one; it is
safe when the article writes the mended word elsewhere.

Bad:  Both agencies use the the same web crawling tools.
Good: Both agencies use the same web crawling tools.
Bad:  They answered every question from the commmunity.
Good: They answered every question from the community.
Bad:  We are grateful for for these people.
Good: We are grateful for these people.

Not findings: words that may stand twice on purpose (`that that`, `had had`, `is is` after a
subject that is a clause ("what it is is", "the thing is is that"; a wh-clause after "is" or
"was" is none: "This is why the team is is excited" is a slip), `for for` before a span of
time, or before a pronoun after a verb that takes "for" and whose object a relative or
wh-clause or an infinitive moved before it ("advocating for for years", "the feature to look for
for that", "what we are grateful for for this year"; after a noun it is a slip, "a tool for for
them", and so it is after a subject and its verb, "We are grateful for for these people", and
before "now": "but for for now"), `in in`
after a verb that takes "in" (and its object, a pronoun too), or right after a form of "be" that a relative
clause leaves the "in" to ("give in in the end", "put that logic in in this PR", "where they are in in the list";
not "is in in use", nor a verb that takes
"in" only with an object right before it: "who works in in the office" is a slip, nor a pair
before a preposition: "log in in with your name", nor the last part of a word joined by a hyphen:
"e-mail in in off hours"), `at at` in "looking
at at least"), a capitalised second word (`a A-list actor`; but `by the The National Science Foundation`, a name's
"The" after the sentence's, is reported), a capitalised word and its lower-case twin (`logic AND and logic OR`), the two words
in different sentences or table cells, code, URLs and HTML; a run of three letters at a word's
end or near it (`Ahhh`, `yesss`, `coool`), a longer run (`sooooo`, `loooove`), words with capitals
after the first letter or digits (`AAA`, `3fff`), a capitalised word the article never writes
mended (`Dribbble`, a name), anchors, handles and paths (`#feeestimates`), compounds of a
word ending in ll or ss (`shellless`, `belllike`), and a word that an HTML entity for a letter
continues (`a a&ccedil;&atilde;o` is "a ação": the second "a" is the start of a word).
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..prose import MASK
from ..packrules import literal_starts, register_literals
from ..patterns import lazy
from ..typography import INVISIBLE_CLASS

ID = "NL109"
NAME = "repeated-word"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

# Not "at", "by", "will", "was"...: "looking at at least", "the will will be read" and "what it
# was was luck" are English. "for" and "is" are checked with their own exceptions below.
_WORDS = ("the", "a", "an", "of", "to", "and", "with", "from", "or", "be", "its", "their", "our", "in", "for", "is")
# The same in the other languages newslint reads an article in (language.py): prepositions and
# articles that never stand twice, checked only in an article of that language ("per per" in an
# Italian one; "die die", "der der", "nous nous", "la la", "que que" are grammar or a song).
_FOREIGN = {
    "it": ("di", "da", "per", "con", "su", "tra", "fra", "il", "lo", "gli", "un", "una", "uno", "del", "della",
           "dei", "degli", "delle", "nel", "nella", "al", "alla", "dal", "dalla", "sul", "sulla"),
    "nl": ("de", "het", "een", "van", "op", "te", "voor", "met", "bij", "naar"),
    "de": ("von", "mit", "für", "auf", "bei", "nach", "aus", "zum", "zur", "einen", "einem", "einer", "ist"),
    "fr": ("le", "les", "des", "du", "une", "un", "pour", "avec", "dans", "sur", "par"),
    "es": ("el", "los", "las", "del", "una", "un", "para", "con", "por"),
    "pt": ("do", "da", "dos", "das", "um", "uma", "para", "com", "em"),
}
# English words of the list that are words of the article's language too, which it doubles as
# grammar: the Slavic pronoun "to" ("Jedyne co mogę powiedzieć, to to, że…", "to to je").
_NATIVE_DOUBLES = {"cs": ("to",), "pl": ("to",), "sk": ("to",)}
# ... as the pronoun before a comma or the verb or conjunction it leads (to to, że; je to to, co;
# to to je, jest, byl): "Byla to to blesková akce" is a slip, and was excused too
_NATIVE_AFTER = lazy(r"\s*(?:,|(?:je|jest|jsou|są|sú|byl|byla|bylo|był|była|było|bol|bola|bolo|co|čo|že|że)\b)")
_ENGLISH = frozenset(_WORDS)
_ALL = tuple(dict.fromkeys(_WORDS + tuple(w for ws in _FOREIGN.values() for w in ws)))
# The first word in any case, the second in lower case (or the same capitals: THE THE), one run
# of spaces or a single line break between them.
# (An invisible character inside a word glues it as a letter would: Th\u200bis is, not "is is".
# The line break may be followed by a masked indent or quote marker: a list item's or a block
# quote's next line; _candidates checks in the text that only spaces and ">" were masked.)
_GLUE = r"\w'’\-" + INVISIBLE_CLASS + "\ufe00-\ufe0f"  # (and a variation selector typed into one: th\ufe0fis)
_REPEAT = lazy(r"(?<![%s])(?i:(%s))([ \t]+|[ \t]*\n[ \t>\ue000]*)((?-i:\1)|(?i:\1)(?<=[a-z]))(?![%s])"
               % (_GLUE, "|".join(_ALL), _GLUE))


# A word around a letter typed three times: at least one letter before the run, two after it;
# not after # @ / . : (an anchor id such as {:#enhancedfeeestimates}, a handle, a path, a domain).
_TRIPLE_WORD = lazy(r"(?<![\w'’#@/.:-])[A-Za-z]*?([a-z])\1\1(?!\1)[a-z]{2,}(?![\w'’-]|\.\w)")
_TRIPLE_RUN = lazy(r"([a-z])(?=\1\1)")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report a short word typed twice in a row, with a safe fix that deletes the second, and a
    letter typed three times in a word."""
    pt = doc.prose_text
    triples: list[int] = []
    foreign = _FOREIGN.get(doc.language, ())
    for m in _candidates(doc, triples):
        first, second = m.group(1), m.group(3)
        if (pt[m.end(): m.end() + 1] == MASK and _entity_letter(doc.text, m.end())) \
                or (pt[m.start() - 1: m.start()] == MASK and _entity_letter_before(doc.text, m.start())):
            continue  # "a a&ccedil;&atilde;o": an entity for a letter goes on with the word
        if first.lower() not in _ENGLISH and first.lower() not in foreign:
            continue  # a word of another language than the article's
        if first.lower() in _NATIVE_DOUBLES.get(doc.language, ()) and \
                (first[0].isupper() or _NATIVE_AFTER().match(pt, m.end())):
            continue  # Polish, Czech, Slovak "to to": that is that (powiedzieć, to to, że …; To to je)
        if second != first and (second[0].isupper() or (first.isupper() and len(first) > 1)) \
                and not (first == "the" and second == "The" and _NAME_AFTER().match(pt, m.end())):
            continue  # a A-list actor; logic AND and logic OR (not "by the The National Science Foundation")
        word = first.lower()
        if word == "in" and _particle(pt, m.start()) and _PREPOSITION_AFTER().match(pt, m.end()) is None:
            continue  # give in in the end; put that logic in in this PR; where they are in in the list
        if word == "for" and _stranded_for(pt, m.start(), m.end()):
            continue  # advocating for for years; waited for for a long time; the feature to look for for that
        if word == "is" and _clause_subject(_sentence_before(pt, m.start())):
            continue  # what it is is a start; all it is is a list; the thing is is that
        if word == "ist" and _german_clause(_sentence_before(pt, m.start())):
            continue  # Was neu ist ist …, Ob es sauber ist ist …: a clause ends, the sentence's verb follows (its comma lost)
        if "\n" in m.group(2) and second == first and pt[m.start() - 1: m.start()] in (" ", "\t"):
            # across a line break: delete the first, at the line's end, and keep the break
            # (deleting the second joined the two lines into one)
            s = m.start() - 1
            while s > 0 and pt[s - 1] in " \t":
                s -= 1
            fix = Fix.delete(s, m.end(1), "Delete the repeated word")
        else:
            fix = Fix.delete(m.end(1), m.end(3), "Delete the repeated word")
        yield Finding(m.start(), m.end(), f"“{m.group(1)}” twice in a row; delete one", fix)
    yield from _around_markup(doc, pt, foreign)
    if triples:
        yield from _triples(doc, pt, triples)
    if doc.language == "en":
        yield from _doubled_pairs(pt, doc.text, literal_starts(doc, _PAIRS) or ())
    emphatic = _EMPHATIC if doc.language == "en" else _EMPHATIC_IN.get(doc.language)
    if emphatic is not None:  # (less the short words checked above: one finding for "with with")
        auxiliaries = _AUXILIARY_DOUBLES.get(doc.language, frozenset())
        yield from _content_words(pt, (emphatic - auxiliaries) | _ENGLISH | frozenset(foreign), auxiliaries)


# Words of four letters or more that English doubles on purpose (that that, very very, much much
# more, done done, blah blah, well well) or that speech repeats (this this, yeah yeah, right right)
_EMPHATIC = frozenset("""that this very much many really blah yada done bye knock tick chop hush well okay yeah
    sure right pretty super night long never ever wait come sing bang ding beep choo""".split())
# ... and in the other languages whose articles newslint reads (language.py): adverbs and
# adjectives doubled for emphasis or pace (piano piano, très très, ganz ganz), greetings, and
# German's future passive (getestet werden werden), French reflexives (nous nous efforçons)
_EMPHATIC_IN = {lang: frozenset(words.split()) for lang, words in {
    "it": "piano così bene quasi subito forte ciao zitto zitta lento lenta presto pronto molto poco tanto tanta "
          "tanti tante ecco adagio",
    "es": "casi poco bien ahora cerca rápido despacio nada claro mucho listo vale pronto corre",
    "fr": "très vite bien tout plus encore pareil coucou trop beaucoup fort doucement nous vous",
    "de": "ganz sehr schnell viel viele immer gerne nein doch werden haben sein langsam",
    "nl": "heel zeer snel even goed nooit echt erg",
    "pt": "muito logo devagar quase pouco depressa cedo",
    "cs": "velmi hodně dlouho pomalu rychle trochu tady ještě honem",
    "sk": "veľmi dlho rýchlo pomaly trochu ešte",
    "sv": "tack hej",
    "fi": "kiitos hei",
    "pl": "bardzo długo szybko powoli dawno tutaj teraz jeszcze trochu",
    "ru": "очень долго быстро тихо медленно чуть почти давно скорее ладно",
    "uk": "дуже довго швидко тихо повільно трохи ледве давно швидше гаразд",
}.items()}
# German doubles an auxiliary after a participle (getestet werden werden); after a noun or a
# pronoun the pair is a slip (Anmeldungen werden werden verteilt, wir haben haben noch viel)
_AUXILIARY_DOUBLES = {"de": frozenset(("werden", "haben", "sein"))}
_ENCLOSING = frozenset("“\"‘'*_«(")


def _content_words(pt: str, emphatic: frozenset[str], auxiliaries: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """A lower-case word of four letters or more typed twice (take place place, Python packaging
    packaging guidelines), not three times (portable portable portable), not quoted or
    emphasised as a pair (“done done”), not one the language doubles on purpose (``emphatic``).
    The fix deletes the second and is unsafe: contrastive doubling (“not random random”) is
    rare, not impossible."""
    # (one pattern led by the space before the first word: a back-reference pattern tried at
    # every letter cost five times as much, and splitting the prose into words twice as much)
    words = {w for w in _DOUBLED_AFTER_SPACE.findall(pt) if w not in emphatic and w.islower()}
    for w in sorted(words):
        for m in re.finditer(f"{w} {w}", pt):
            s, e = m.start(), m.end()
            if _WORDISH().match(pt, e) or (s and _WORDISH().match(pt, s - 1)):
                continue  # part of a longer word (subplace place)
            if pt.startswith(f" {w}", e) or pt[max(0, s - len(w) - 1):s].lower() == f"{w} ":
                continue  # three times or more: on purpose (blah blah blah, Help help help)
            if w == "there" and pt[max(0, s - 2):s] == "a ":
                continue  # the idiom: there is no there there, a there there
            if pt[s - 1:s] in _ENCLOSING:
                continue  # a pair quoted or emphasised as one (“done done”)
            if w in auxiliaries and _LOWER_WORD_BEFORE().search(pt, max(0, s - 40), s):
                continue  # getestet werden werden: a participle, then the auxiliary and the future's
            yield Finding(s, e, f"“{w}” twice in a row; delete one",
                          Fix.delete(s + len(w), e, "Delete the repeated word", safe=False))


def _around_markup(doc: Document, pt: str, foreign: tuple[str, ...]) -> Iterator[Finding]:
    """A checked word typed twice with a link's or emphasis's edge between the two: "in [in the
    office](url)", "[the report in](url) in the", "the **the report**", "**read the** the
    report". Not when the link or emphasis holds the one word alone (the word *in* in this title:
    a word named, not typed twice), nor the special cases of "in", "for" and "is" above."""
    words = _ENGLISH if doc.language == "en" else frozenset(foreign)
    if not words:
        return
    edges = []  # (where the first word ends, where the second starts, the gap's markup)
    if MASK in pt:
        for s, e, kind in doc.prose_index.masks:
            if kind not in ("dest", "ref"):
                continue
            close = s if kind == "ref" else s - 1
            if kind == "dest" and pt[close: close + 1] != "]":
                continue
            opened = pt.rfind("[", max(0, close - 300), close)
            if opened < 1 or "]" in pt[opened + 1: close] or pt[opened - 1] != " " or MASK in pt[opened: close]:
                continue
            inner = pt[opened + 1: close]
            if " " not in inner.strip():
                continue  # [in](url) in: the link holds the one word
            edges.append((opened - 1, opened + 1, "open"))  # in [in the office](url)
            if pt[e: e + 1] == " ":
                edges.append((close, e, "close"))  # [the report in](url) in
    for at, stop, edge in _emphasis_edges(pt):
        marks = pt[at:stop]
        if edge == "close":  # a closing marker, then the space: **read the** the
            opened = pt.rfind(marks, max(0, at - 300), at)
            if opened < 0 or " " not in pt[opened + len(marks): at].strip():
                continue
            edges.append((stop, stop, "close"))
        else:  # the space, then an opening marker: the **the report**
            closed = pt.find(marks, stop, stop + 300)
            if closed < 0 or " " not in pt[at + len(marks): closed].strip():
                continue
            edges.append((at - 1, stop, "open"))
    for end, start, edge in edges:
        # end: where the first word (and its closing markers) ends; start: the space before the
        # second word (a closing edge) or where the second word's markers end (an opening one)
        before = _WORD_BEFORE_EDGE().search(pt, max(0, end - 30), end)
        after = _WORD_AFTER_EDGE().match(pt, start + 1 if edge == "close" else start)
        if before is None or after is None:
            continue
        if (edge == "open" and before.end(1) != before.end()) or (edge == "close" and after.start(1) != after.start()):
            continue  # markers on the word outside too: the fix would cut the emphasis
        first, second = before.group(1), after.group(1)
        if first.lower() not in words or second != first.lower() and second != first:
            continue
        if first.lower() == "in" and _particle(pt, before.start(1)):
            continue  # give in [in the end](url)
        if first.lower() in ("for", "is"):
            continue
        # the fix deletes the word outside the link or emphasis, and its space
        fix = Fix.delete(before.start(1), end + 1, "Delete the repeated word") if edge == "open" \
            else Fix.delete(start, after.end(1), "Delete the repeated word")
        yield Finding(before.start(1), after.end(1), f"“{first}” twice in a row; delete one", fix)


def _emphasis_edges(pt: str) -> Iterator[tuple[int, int, str]]:
    """Emphasis markers (one or two * or _) closing after a word and before a space and a word
    ("close"), or opening after a word and a space, before a word ("open"): their span."""
    # (the markers found by str.find, their neighbours tested in Python: one pattern with the
    # neighbours as look-behinds was tried at every character and cost 1.7 s of the corpus's CPU;
    # a pattern led by the markers alone, 0.35 s, as re tests every character against its first
    # one; str.find skips to the next marker at memchr speed, 0.08 s)
    for at, stop in _marker_spans(pt):
        if at and pt[at - 1].isalnum():
            if pt[stop: stop + 1] == " " and pt[stop + 1: stop + 2].isalnum():
                yield at, stop, "close"
        elif at > 1 and pt[at - 1] == " " and pt[at - 2].isalnum() and pt[stop: stop + 1].isalnum():
            yield at, stop, "open"


def _marker_spans(pt: str) -> list[tuple[int, int]]:
    """The spans of "*", "**", "_" and "__" in ``pt``, left to right and not overlapping, as a
    pattern for one or two of a marker finds them ("***" is "**" then "*")."""
    spots = []
    for mark in "*_":
        i = pt.find(mark)
        while i >= 0:
            spots.append(i)
            i = pt.find(mark, i + 1)
    spots.sort()
    spans = []
    free = 0  # (the first offset not taken by the span before)
    for i in spots:
        if i < free:
            continue
        free = i + 2 if pt[i + 1: i + 2] == pt[i] else i + 1
        spans.append((i, free))
    return spans


_WORD_BEFORE_EDGE = lazy(r"(?<![\w'’-])([A-Za-z]+)(?:\*{1,2}|_{1,2})?\Z")
_WORD_AFTER_EDGE = lazy(r"(?:\*{1,2}|_{1,2})?([a-z]+)(?![\w'’-])")


def _doubled_pairs(pt: str, text: str, starts: Any) -> Iterator[Finding]:
    """A preposition and an article typed twice (``with a with a``, ``in the in the``), from the
    shared literal scan's starts, each at a word's start: the fix deletes the second."""
    for at in starts:
        if at and _WORDISH().match(pt, at - 1):
            continue  # inside a word (within the within the: not a preposition)
        m = _PAIR().match(pt, at)
        if m is None or m.group(1).lower() != m.group(3).lower() or m.group(3)[0].isupper():
            continue
        if "\n" not in m.group(2):
            fix = Fix.delete(at + len(m.group(1)), m.end(), "Delete the repeated words")
        elif MASK in m.group(2) and not _only_indent(text, m.start(2), m.end(2)):
            continue  # "of the\n- of the": two list items
        else:  # across a line break: delete the first, at the line's end, and keep the break
            s = at
            while s > 0 and pt[s - 1] in " \t":
                s -= 1
            fix = Fix.delete(s, m.end(1), "Delete the repeated words")
        yield Finding(at, m.end(), f"“{m.group(1)}” twice in a row; delete one", fix)


_PAIR = lazy(r"([A-Za-z]+ [A-Za-z]+)( |[ \t]*\n[ \t>\ue000]*)([A-Za-z]+ [A-Za-z]+)(?![\w'’-])")
_WORDISH = lazy(r"[\w'’-]")
# (a lower-case word ending as a participle does: gereinigt, gesehen, informiert; not a pronoun: wir)
_LOWER_WORD_BEFORE = lazy(r"(?<![\w'’-])[a-zß-ÿ][^\W\d_]{3,}(?:t|en) $")
# A lower-case word of four letters or more after a space, then the same word again
# (letters of Latin Extended-A and Cyrillic too, of either case: ``words`` keeps the lower-case ones)
_DOUBLED_AFTER_SPACE = re.compile(r" ([a-zß-öø-ÿ\u0100-\u017f\u0430-\u045f\u0491]{4,}+) \1(?![\w'’-])")


def _triples(doc: Document, pt: str, starts: list[int]) -> Iterator[Finding]:
    """A letter typed three times inside a word (commmunity), at these starts of a run."""
    lowered = doc.lowered_prose
    done = -1
    for at in starts:
        if at < done:
            continue
        m = _TRIPLE_WORD().search(pt, max(0, at - 40), at + 43)
        while m is not None and m.start(1) < at:
            m = _TRIPLE_WORD().search(pt, m.start(1) + 1, at + 43)
        if m is None or m.start(1) != at or m.start() == at or pt[at - 1] == pt[at] or not m.group()[1:].islower():
            continue
        done = m.end()
        word = m.group()
        if pt[at + 2:at + 6] in ("less", "like"):
            continue  # shellless, belllike
        mended = word[:at - m.start()] + pt[at + 1:m.end()]
        known = lowered is not None and re.search(r"(?<![\w'’-])%s(?![\w'’-])" % mended.lower(), lowered) is not None
        if not known and word[0].isupper():
            continue  # a name spelt so on purpose (Dribbble) unless the article writes it mended
        yield Finding(m.start(), m.end(), f"“{word}” has “{pt[at]}” three times in a row; "
                      + (f"use “{mended}”" if known else "delete one"),
                      Fix.delete(at, at + 1, "Delete the extra letter", known))


# A regex pass over every article costs a second over the corpus (its first characters are the
# commonest letters); the doubled words are found instead in the lower-cased prose (" the the",
# line breaks read as spaces) by the rule packs' shared Aho-Corasick pass, and each hit is
# checked by the pattern. The needle ends with the second word, not a space: the doubled word
# may end a clause or a sentence ("use the the.", "of of,"); the pattern rejects "the then"
# (about a thousand such hits over the corpus, each one regex match).
# The same group holds every letter three times running (aaa … zzz), the typed-letter slips:
# a start on a letter is one of those, a start on a space a doubled word.
register_literals(NAME, [f" {w} {w}" for w in _ALL] + [c * 3 for c in "abcdefghijklmnopqrstuvwxyz"])
# The first word may follow an opening mark instead of a space: a quotation, a bracket, a link's
# text, emphasis or a dash ("“The the end", "[the the report](…)"). Those are found from the
# doubled words alone, kept where no letter, digit or space is before them (one needle a word:
# one for each mark made the automaton a third slower).
_BARE = NAME + ":bare"
register_literals(_BARE, [f"{w} {w}" for w in _ALL])
# ... and at a line's end before a masked indent or quote marker ("grateful for\n  for these" in
# a list item, "> for" in a block quote): the line break reads as a space, the marker is masked
# (the word again after one to six masked characters: a needle for each count, sharing the
# automaton's path up to the first mask, costs less than a look at every line that ends in "the")
_INDENTED = NAME + ":indented"
register_literals(_INDENTED, [f" {w} {MASK * k}{w}" for w in _ALL for k in range(1, 7)])
# A preposition and an article typed twice ("with a with a", "in the in the"): a phrase English
# never doubles, which the single-word needles cannot see
_PREPOSITIONS = "about after at by for from in into of on to with".split()
_ARTICLES = "a an the this that".split()
_PAIRS = NAME + ":pairs"
register_literals(_PAIRS, sorted(f"{p} {a} {p} {a}" for p in _PREPOSITIONS for a in _ARTICLES))


# An HTML character reference (&ccedil; &#231; &#xE7;), which in an HTML block's text writes a
# letter inside a word as often as a symbol between words. The prose masks it (MASK), so it is
# read in the document's text, at the same offsets.
_ENTITY = lazy(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_ENTITY_BEFORE = lazy(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});\Z")


def _entity_letter(pt: str, i: int) -> bool:
    """Whether an HTML character reference for a letter or digit starts at ``i``."""
    if pt[i: i + 1] != "&":
        return False
    m = _ENTITY().match(pt, i)
    return m is not None and html.unescape(m.group()).isalnum()


def _entity_letter_before(pt: str, i: int) -> bool:
    """Whether an HTML character reference for a letter or digit ends at ``i``."""
    if pt[i - 1: i] != ";":
        return False
    m = _ENTITY_BEFORE().search(pt[max(0, i - 40): i])
    return m is not None and html.unescape(m.group()).isalnum()


def _candidates(doc: Document, triples: list[int]) -> Iterator[re.Match[str]]:
    """Matches of _REPEAT in the document's prose; the starts of letters typed three times go
    to ``triples``."""
    pt = doc.prose_text
    starts = literal_starts(doc, NAME)
    if starts is None:  # no lowered copy of the prose (see Document.lowered_prose)
        triples.extend(m.start() for m in _TRIPLE_RUN().finditer(pt))
        yield from (m for m in _REPEAT().finditer(pt) if MASK not in m.group(2) or _only_indent(doc.text, m.start(2), m.end(2)))
        return
    bare = [at for at in literal_starts(doc, _BARE) or () if at and pt[at - 1] != " " and not pt[at - 1].isalnum()]
    indented = literal_starts(doc, _INDENTED) or ()
    if bare or indented:
        # (as if a space stood before the word; a line break reads as one in the lowered prose,
        # and those starts are there already)
        starts = sorted(set(starts).union(at - 1 for at in bare).union(indented))
    for start in starts:
        if pt[start].isalpha():
            triples.append(start)
            continue
        m = _REPEAT().match(pt, start + 1)
        if m is not None and (MASK not in m.group(2) or _only_indent(doc.text, m.start(2), m.end(2))):
            yield m


def _only_indent(text: str, start: int, end: int) -> bool:
    """Does the masked gap hold only spaces, tabs and ">" (an indent or a quote marker), not a new
    list item's marker ("for\n- for": two items) or masked text?"""
    return all(ch in " \t\n>" for ch in text[start:end])


# "in in" is English after a verb that takes "in" as its particle (give in, log in, chime in, put
# that logic in) or a stranded preposition (where they are in, let him in): such a verb among the
# three words before the first "in", or a form of "be" or an object pronoun right before it,
# excuses it ("being used in in the", "be more efficient in in how" are slips).
_BE = frozenset("be am is are was were been being re s".split())
_PARTICLE_VERBS = frozenset("""give gave log sign check plug fill come came
    go went gone get got move turn hand pitch chip weigh cave tuck lock set sink step dig zoom dial pour ring phase
    factor kick send let bring brought take took build built call drop listen opt pull buy bought type key write
    wrote read hold held fit join stay sit sat stand stood break broke lean walk run ran fall fell settle draw drew
    roll rope pencil swap tie tune wire mix stir throw threw tap punch fold feed cash cut count box rein usher sleep
    slept jump chime splice put keep kept bake blend breathe close drive drove flood fly flew hem invite lay laid
    leave left let lie load lure mail march pay paid phone pile pop press push rake reel rush save shut slip slot
    sneak squeeze stick stuck sweep swept throw tuck wade wall wheel work zero""".split())
# ... of which these take "in" only with an object (work a joke in, put the logic in, factor costs
# in): right before "in in", with nothing between and in the active voice, they are the verb with
# its preposition ("who works in in the Research Service" is a slip; "the code was put in in 2022"
# is not)
_OBJECT_FIRST = frozenset("""blend box factor fold hand key mix pencil phase put rein rope stir tuck type usher
    work""".split())
_OBJECTS = frozenset("it him her them us me you this that these those".split())
_HAVE = frozenset(("have", "has", "had", "having"))
# ... but a preposition right after the pair leaves the second "in" without its object: the verb's
# particle typed twice ("log in in with your username", "sign in in to the portal")
_PREPOSITION_AFTER = lazy(r"[ \t]+(?:with|to|from|at|on|by|via|using|through|into|onto)\b", re.I)
_BEFORE = lazy(r"([A-Za-z]+)[^A-Za-z\n]*\n?[^A-Za-z\n]*\Z")
# A wh-word a few words before "be", in the same clause: the "in" after "be" is its stranded preposition
# ... or a pronoun right before it, the subject of a relative clause without its "that" ("the
# stage you're in in the cycle"; entities are masked in the prose: you&#8217;re)
_STRANDED = lazy(r"\b(?:where|wherever|what|whatever|which)\b(?:[ \t]+[\w’'-]+){0,4}[ \t]+\Z"
                 r"|\b(?:I|you|we|they|he|she)(?:[ \t]+|['’\ue000]+)\Z", re.I)


# "for for" is English when the second opens a span of time (argued for for years); "is is" when
# the first ends a subject that is itself a clause (what it is is; the thing is is that).
_TIME_WORD = lazy(r"\d|(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|"
                        r"centur(?:y|ies)|generations?|ages|while|time|ever|long|now)$", re.I)
_OBJECT_AFTER = lazy(r"\s+(?:that|this|it|them|me|us|you|him|her|those|these)\b")
_CLAUSE_SUBJECT = lazy(r"\b(?:what|whatever|all|where|how|why|who|which|thing|problem|question|point|issue|"
                             r"reason|truth|fact|idea|trick|catch|difference|answer|bottom|part|deal|concern)\b",
                             re.I)


_WH_LAST = lazy(r"\b(?:what|whatever|where|how|why|who|which)\s*$", re.I)
# A wh-word after a form of "be" opens its complement, not a subject ("This is why the team is is")
_BE_BEFORE = lazy(r"(?:\b(?:is|was|are|were)|[’']s)\s+\Z", re.I)
_WH = frozenset("what whatever where how why who which".split())


def _clause_subject(before: str) -> bool:
    """Does ``before`` end a subject that is a clause ("what it", "the thing")? A wh-word right
    before the doubled "is" opens no clause of its own: "which is is", "what is is" are slips;
    nor does one after a form of "be" ("This is why the team is is excited", "that's how it is is")."""
    found = list(_CLAUSE_SUBJECT().finditer(before))
    if not found or _WH_LAST().search(before) is not None:
        return False
    last = found[-1]
    return not (last.group().lower() in _WH and _BE_BEFORE().search(before, 0, last.start()) is not None)


# Words that open a German clause whose verb comes last: "Was neu ist ist …", "Ob es sauber ist
# ist …" (the comma between the two "ist" lost, but neither is doubled)
_GERMAN_CLAUSE = lazy(r"(?i)\b(?:was|wer|wie|wo|wann|warum|wieso|weshalb|ob|dass|daß|wenn|weil|falls|sobald"
                      r"|solange|nachdem|bevor|obwohl|da)\b")


def _german_clause(before: str) -> bool:
    """Does ``before`` end a German clause whose verb is the first "ist": an opener with a word
    or more after it ("Was neu", "Ob das Wasser sauber")? Right after a question word
    ("Wo ist ist", "Was ist ist") the first "ist" is the question's verb: a slip."""
    found = list(_GERMAN_CLAUSE().finditer(before))
    return bool(found) and len(before[found[-1].end():].split()) >= 1


def _stranded_for(pt: str, start: int, end: int) -> bool:
    """Does the first "for" close a clause, leaving the second to open a phrase? Before a span of
    time after a verb (argued for for years; "for now" only after a verb that takes "for", as
    "but for for now" is a slip; after a noun, "tools for for some time", a slip), or before a pronoun after such a verb whose object stands before it: a relative
    or wh-clause, an infinitive or a noun with its own subject (the feature to look for for that,
    what we stand up for for them, something to be grateful for for this, the cause we fight for
    for them). With its subject first the clause has no object to strand the "for": "We are
    grateful for for these people" is a slip."""
    span = _span_of_time(pt, end)
    if span and (_for_verb(pt, start) >= 0 or (span != "now" and _VERB_OR_AND().search(pt, max(0, start - 30), start))):
        return True
    if _OBJECT_AFTER().match(pt, end) is None:
        return False
    verb = _for_verb(pt, start)
    return verb >= 0 and _fronted_object(_sentence_before(pt, verb))


# A verb's -ing or -ed form, or "and"/"or" carrying an earlier verb, before the first "for" of a
# span of time (been pushing for for years, argued for for years, and for for 10 years more);
# after a noun the second "for" is the slip (tools for for some time, a tool for for a year)
_VERB_OR_AND = lazy(r"(?:\b[a-z]{2,}(?:ing|ed)|\band|\bor)\s+\Z", re.I)


# What moves a verb's object before it, so that its "for" stands at the end of the clause: a
# wh-word or relative pronoun, an infinitive's "to" (to look for, to be grateful for), or a noun
# and a subject pronoun (the cause we stand up for: a relative clause without its "that")
_FRONTED = lazy(r"\b(?:what|whatever|which|who|whom|that)\b|\bto(?: be| get| feel)?\s+\Z"
                r"|\b(?!(?:and|but|or|so|because|since|as|if|when|while|then|now|also|here|today|yet|still|"
                r"though|although|once|that|than)\b)[a-z]+ (?:i|we|you|they|he|she|people)\b", re.I)


def _fronted_object(before: str) -> bool:
    """Does ``before`` (the sentence up to the verb) move the verb's object ahead of it? Not a
    relative pronoun that is the verb's subject, right before it with its auxiliary (tools in the
    cloud that are working for for them: a slip)."""
    return _FRONTED().search(before) is not None and _SUBJECT_RELATIVE().search(before) is None


# A relative pronoun then an auxiliary, ending the text before the verb: the verb's subject
_SUBJECT_RELATIVE = lazy(r"\b(?:that|which|who)\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|"
                         r"must|should|do|does|did)(?:\s+(?:not|also|now|still|been|being))?\s*\Z", re.I)


def _span_of_time(pt: str, end: int) -> str:
    """The first of the four words after ``end`` that names a span of time (years, a while, the first
    time, 10), lower-cased, or "" when none does; "now" when "now" comes first (for now)."""
    words = re.findall(r"\w+", pt[end:end + 40])[:4]
    # a number opens a span only as the first word (for for 10 years), not as a label further on
    # (Waiting for for confirmation #2)
    # ... and only after words that measure it (for for several days, the first time, more than a
    # year), not after a describing word (pay for for regular days of rest: days, not a span)
    spans = [w for i, w in enumerate(words) if _TIME_WORD().match(w) and (i == 0 or not w[0].isdigit())
             and all(v.lower() in _MEASURES or v.isdigit() for v in words[:i])]
    return (spans[0].lower() if spans else "") if words[:1] != ["now"] else "now"


_MEASURES = frozenset("""a an the this that these those several many few some any all most more than less about
    around over under nearly almost just only at least first last next past long another other whole entire
    two three four five six seven eight nine ten twelve twenty fifty hundred couple dozen of""".split())


def _for_verb(pt: str, start: int) -> int:
    """Where a verb that takes "for" starts, when it ends right before ``start`` (the feature to
    look for | for that; what we stand up for | for them), or -1. Then the first "for" may close
    its clause and the second open a phrase. After a noun the second is the slip: a powerful tool
    for for them."""
    end = start
    for _ in range(2):
        m = _BEFORE().search(pt, max(0, end - 40), end)
        if m is None or "\n\n" in pt[m.end(1):start]:
            return -1
        word = m.group(1).lower()
        if any(stem in _FOR_VERBS for stem in _stems(word)):
            return m.start(1)
        if word not in ("up", "out", "in"):
            return -1  # (look out for, stand up for, fill in for: the verb is one word further)
        end = m.start()
    return -1


# Verbs whose "for" can close a clause, leaving the next "for" to open a phrase (look for for that)
_FOR_VERBS = frozenset("""look ask wait search pay paid account call hope care apply vote fight fought go went gone
    opt prepare stand stood aim plan allow test check compensate advocate argue push root shop head settle thank
    apologize apologise cater provide reach long yearn wish strive budget qualify work sign register substitute
    blame praise reward forgive excuse scan screen listen watch hunt fish beg pray cry feel felt fall fell fill
    fend speak spoke vouch answer arrange make made do did done pick stick cover sit sat design build built
    optimize optimise fit use used mean meant intend need want known responsible ready eligible famous grateful
    thankful""".split())


_SENTENCE_END = lazy(r"[.?!]\s|\n\n")
_NAME_AFTER = lazy(r"[ \t]+[A-Z][a-z]")  # "the The National …": a name's own "The" after the sentence's "the"


def _sentence_before(pt: str, start: int) -> str:
    """The sentence before ``start``, at most its last 60 characters."""
    before = pt[max(0, start - 60):start]
    # (a sentence ends before a line break too: the last line of a front-matter field, the next
    # field's words following its masked key: "… for all Americans.⏎summary: The Administration")
    ends = [m.end() for m in _SENTENCE_END().finditer(before)]
    return before[ends[-1]:] if ends else before


def _particle(pt: str, start: int) -> bool:
    """Is one of the three words before ``start`` a verb with the particle "in", or the word right
    before it a form of "be"? A verb further back needs its object between it
    and "in": a noun or a pronoun (let people in, let them in), or a determiner and a noun (put that logic in); not a
    participle or an adjective (settings changed in in, stay afloat in in: slips)."""
    end = start
    between: list[str] = []
    for n in range(3):
        m = _BEFORE().search(pt, max(0, end - 40), end)
        if m is None:
            return False
        word = m.group(1).lower()
        if n == 0 and word in _BE:
            # (only a preposition left stranded by a relative clause: "where they are in in the list";
            # "is in in use", "were in in the first sentence", "would be in in the channel" are slips)
            return _STRANDED().search(pt, max(0, m.start() - 50), m.start()) is not None
        # (an object pronoun is the object of a verb with the particle, further back: "let them
        # in in time", "put that in in the draft"; after another verb the pair is a slip, "you
        # will be able to see these in in the minutes")
        # (the last part of a word joined by a hyphen is a noun's or an adjective's, no verb
        # with its particle: "e-mail in in off hours", "a follow-up in in May")
        if n == 1 and word in _HAVE and between[0] in _OBJECTS:
            return True  # "we can have him in in the future": invited in (not "have a plan in in place")
        stems = set(_stems(word)) if pt[m.start(1) - 1: m.start(1)] != "-" and not _in_name(pt, m.start(1)) else set()
        if not stems.isdisjoint(_PARTICLE_VERBS):
            return _object_between(between) and (bool(between) or stems.isdisjoint(_OBJECT_FIRST)
                                                 or _passive(pt, m.start()))
        between.insert(0, word)
        end = m.start()
    return False


_CAPITALISED_BEFORE = lazy(r"[A-Z][\w’'-]*[ \t]+\Z")


def _in_name(pt: str, at: int) -> bool:
    """Is the word at ``at`` a capitalised word after another, inside a name ("the National Archives
    Building in in downtown")? Then it is a noun of the name, not a verb with its particle."""
    return pt[at:at + 1].isupper() and _CAPITALISED_BEFORE().search(pt, max(0, at - 40), at) is not None


def _passive(pt: str, verb: int) -> bool:
    """Does a form of "be" or "get" stand right before the verb at ``verb`` (was put in)?"""
    m = _BEFORE().search(pt, max(0, verb - 40), verb)
    return m is not None and (m.group(1).lower() in _BE or m.group(1).lower() in ("get", "gets", "got", "gotten"))


_DETERMINERS = frozenset("a an the this that these those his her its our their your my some any every".split())
_NOT_OBJECTS = frozenset("afloat alive alone asleep awake aware".split())


def _object_between(words: list[str]) -> bool:
    """Can ``words`` (between a verb and its particle) be the verb's object: none, a noun, or a
    determiner and a noun?"""
    if not words:
        return True
    noun = words[-1]
    if noun.endswith(("ed", "ing", "ly")) or noun in _NOT_OBJECTS:
        return False
    return len(words) == 1 or words[0] in _DETERMINERS


def _stems(word: str) -> Iterator[str]:
    """The word and the bases its inflections may come from (chimed, chiming, logged, comes)."""
    yield word
    for ending in ("ing", "ed", "es", "s", "d"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: -len(ending)]
            yield base
            yield base + "e"
            if len(base) > 2 and base[-1] == base[-2]:
                yield base[:-1]
