"""Dash spacing: a dash spaced differently from the article's other dashes, or on one side only.

An article spaces its dashes one way: closed (`word—word`, Chicago), spaced (`word — word`,
AP), or with spaced en dashes (`word – word`, British). A dash with a space on one side only
(`word —word`, also after a closing quotation mark or a link before a lower-case word: `“again”
–and`, `[the report](url)– and`) is always wrong; a closed dash in a spaced article (or the reverse) is
inconsistent. With ``style = "auto"`` (the default) the house form is the one the article's
dashes use most (a tie gives ` — `; a dash written as an HTML entity, `&mdash;` or
`&#8211;`, votes as the dash it prints, but is never respaced: no fix lands inside an entity;
a dash that opens or ends a line of a paragraph, `wages⏎— wages` or `we do —⏎until now`, votes
as the spaced dash the line break renders; a heading's or a linked title's separator before a
capitalised word, `## GSA – Focused on…` or `[Research Psychologist – Army](…)`, set as a title
is, does not vote), and the others are reported only when it is
clear: two in three dashes or more take it (an article that spaces a third of its dashes the
other way mixes two styles by habit; no single one is a slip); set ``style`` to ``"spaced-em"``,
``"closed-em"`` or ``"spaced-en"`` to impose one (and the same in hyphen-as-dash, NL107, whose
fixes write the house dash). A closed en dash before a function word, a form of "be", an auxiliary
(`organizations–has worked`, after a pronoun too: `along with it–to make sure`) or an adverb
that opens an aside (`service–such as`, `first–then`, `challenge–were able`, `workforce–the team`,
`obligation–almost`, `Internet–all of which`: a quantifier before "of" and a pronoun), a word
that opens a clause and ends no compound (`novel–most vendors`, `complex–nobody`, `users–no
matter how`), a particle after a pronoun or "be" or before a set phrase (`join us–in person`,
`dynamic–in effect`; not `built–in`), or words around it that make no compound (a plural noun
before it, `tasks–all just`; a word that takes a determiner or pronoun after it, `tooling–allowing
anyone`; a plural noun and a verb, `impermanence–websites can`; an adverb in -ly, `each–currently`;
not `work–life`, `hands–on`, `open–ended your`), or a list of words after it that ends the sentence
(`an important topic–money, health, voting, travel, and more.`: the dash brings in the list) breaks a sentence, where only an em dash (or the house's spaced en dash)
belongs; so does another closed en dash in that sentence, the pair's other half (`created–in 29
minutes–a prototype`), with an unsafe fix when no phrase opens after it, as it may be a compound
(`cost–benefit study–the first`). A closed en dash before a word that may open an aside (`rates–both
numbers and percentages—help`, `meal–can also`) with an em dash in the same sentence is that aside's
other edge, with an unsafe fix (`built–in tools—which` is a compound), safe after a conjunction (`test, and–ultimately—improve`);
so is any closed en dash between lower-case words in a sentence whose one em dash has no partner
(`Center–today called USAGov—embarked`; not after a prefix, `non–profit group met—twice`), with a
safe fix where that em dash comes before it, opening the aside it closes, and the words around it
read as no compound (`websites—particularly NASA websites–peaked around`; not after a determiner,
`plan—a cost–benefit study`, nor before a compound's usual second half, `–based`, nor a pair the
article writes with a hyphen elsewhere), and where the em dash after it comes before the
sentence's verb, closing an aside inside its subject (`content–press releases, media advisories,
and speeches—are`). The fix writes the form of an em dash in the same sentence if there
is one (the other half of the pair), else the house dash (a closed em dash in an article with no
other dash or no form that two in three of them take: the writer closes dashes up); compounds (`cost–benefit`,
`read–only`, `easy–to–see`, `built–in`) are otherwise left alone. The fix respaces the dash;
it is safe, but for such a partner.

Not findings: in Spanish (``lang: es`` or Spanish prose), the rayas of an aside, each set against
its words (`el cine —antes había mucho cine— y`), as the RAE prescribes, and the raya that brings in
the narrator on a line of dialogue (`—Sí, claro —respondió.`), which the line's end closes; en dashes in ranges (`2010–2012`, `9 – 5`, `March 17 – April 4`,
`50 thousand – 500 thousand`), an attribution after a quotation
(`…,” —Name` or `— Name` at a line start), a dash at a line start or end or next to code, a
heading's or a linked title's separator (`[Research Psychologist – Army](…)`), and
hyphens standing in for dashes (NL107 hyphen-as-dash).

Bad:  Talks resumed —both sides said so— but no date was set. Russia — and Ukraine — agreed.
Good: Talks resumed — both sides said so — but no date was set. Russia — and Ukraine — agreed.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy
from ..prose import MASK
from ..typography import (DASH_FORMS, dash_votes, dashes, house_dash, is_range, link_ending_at, near_invisible,
                          raya_edge, spell_dashes, title_separator)

ID = "NL108"
NAME = "dash-spacing"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", *DASH_FORMS)}

_NAMES = {"closed-em": "closed em dashes (—)", "spaced-em": "spaced em dashes ( — )",
          "spaced-en": "spaced en dashes ( – )"}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report dashes whose spacing differs from the house form, with a fix to it."""
    style = opts["style"]
    if style not in ("auto", *DASH_FORMS):
        return
    pt = doc.prose_text
    # (not a linked title's dash, set by its source: [Research Psychologist – Army](…))
    found = [d for d in dashes(doc) if d.mark in "—–" and (d.between_words or _after_quote_or_link(doc, pt, d))
             and not title_separator(doc, d)]
    if not found:
        return
    house = house_dash(doc, style)
    votes = dash_votes(doc) if style == "auto" else {}
    clear = style != "auto" or 3 * votes[house] >= 2 * sum(votes.values())
    dash = DASH_FORMS[house]
    spanish = doc.language == "es"
    why = "the house style is" if style != "auto" else "this article uses"
    breaking, partners = _sentence_en_dashes(pt, [d for d in found if d.form == "closed-en" and not is_range(pt, d)])
    for d in found:
        form = d.form
        if spanish and form == "closed-em" and _glued_opener(pt, d):
            yield Finding(d.start, d.end, "the raya that opens this aside takes a space before it; write ' —'",
                          Fix.insert(d.start, " ", "Insert a space before the raya", safe=False))
            continue
        if form == house or near_invisible(doc, d.start, d.end):
            continue
        if form == "closed-en":
            if d in breaking or d in partners:
                # A partner before a word that opens a phrase is the aside's other half
                # ("created–in 29 minutes–a prototype"); before another word it may be a compound
                # ("cost–benefit study–the first"): only a reader can tell, so its fix is unsafe.
                want = _partner_dash(pt, d, found) or dash
                if style == "auto" and (not clear or not any(votes.values())) and want != DASH_FORMS["closed-em"] \
                        and not _partner_dash(pt, d, found):
                    # no real dash to follow, or no form two in three of them take: the writer
                    # closed this one up (a blog is–you hopefully), so a closed em dash, as
                    # hyphen-as-dash writes for learn--when; it then votes as the em dash it
                    # stood for, and the article's majority is what it was before the slip
                    want = DASH_FORMS["closed-em"]
                safe = d in breaking or _next_word(pt, d) in _PHRASE_WORDS
                yield Finding(d.start, d.end, f"en dash where a dash breaks the sentence; use '{want}'",
                              Fix.replace(d.start, d.end, spell_dashes(doc, d.start, want), f"Replace with '{want}'", safe=safe))
            elif (_next_word(pt, d) in _ASIDE_WORDS or _lone_partner(pt, d, found)) and not _in_chain(pt, d) \
                    and not is_range(pt, d):
                # "click rates–both numbers and percentages—help": an em dash closes (or opens)
                # the aside in the same sentence, so this is its other edge typed as an en dash;
                # the unsafe fix, as "built–in tools—which" is a compound
                want = _partner_dash(pt, d, found)
                if want:
                    # (after a conjunction it is no compound's middle: "test, and–ultimately—improve")
                    safe = _word_before(pt, d) in _CONJUNCTIONS or _closes_em_aside(pt, d, found)
                    yield Finding(d.start, d.end, f"en dash paired with an em dash in this sentence; use '{want}'",
                                  Fix.replace(d.start, d.end, spell_dashes(doc, d.start, want), f"Replace with '{want}'", safe=safe))
            continue
        if d.mark == "–" and is_range(pt, d):
            continue  # a range
        if form == "spaced-en" and not clear and house != "spaced-en" and (want := _aside_partner(pt, d, found)):
            # "these steps – or have ways to make this more efficient — please": an aside opened
            # with one mark and closed with the other; in an article that mixes its forms (none
            # has two in three) the pair still takes one, its em dash's
            yield Finding(d.start, d.end, f"en dash paired with an em dash in this sentence; use '{want}'",
                          Fix.replace(d.start, d.end, spell_dashes(doc, d.start, want), f"Replace with '{want}'"))
            continue
        if form.startswith("one-sided"):
            if spanish and d.mark == "—" and (_inciso(pt, d) or _dialogue(pt, d) or _retyped_partner(doc, d)):
                continue  # Spanish sets an aside's rayas against it: «el cine —antes— y»
            message = f"dash with a space on one side only; use '{dash}'"
        elif form in _NAMES and clear:
            message = f"{form.replace('-', ' ')} dash, but {why} {_NAMES[house]}"
        else:
            continue
        # (a new mark is written as the article writes its dashes, &mdash; too; a respaced one stays as typed)
        new = dash if d.mark in dash else spell_dashes(doc, d.start, dash)
        yield Finding(d.start, d.end, message, Fix.replace(d.start, d.end, new, f"Respace the dash as '{dash}'"))


def _lone_partner(pt: str, d: Any, found: list[Any]) -> bool:
    """Is the closed en dash ``d``, between two lower-case words, in a sentence with one em dash
    between words, which then has lost its partner (``the Center–today called USAGov—embarked``):
    an aside has two dashes. Not where the sentence's em dashes pair among themselves
    (``the cost–benefit analysis—which took a year—was published``), before a particle (built–in)
    or after a prefix (pre–)."""
    if not (pt[d.start - 1: d.start].islower() and pt[d.end: d.end + 1].islower()):
        return False
    if _next_word(pt, d) in _PARTICLES or _word_before(pt, d) in _PREFIXES:  # (compounds)
        return False
    ems = _sentence_ems(pt, d, found)
    if len(ems) != 1:
        return False
    # (an em dash after the en dash that opens a closing phrase, not a clause's next words, is a
    # dash of its own: "device–agnostic content delivery—as called for in the strategy")
    return ems[0].start < d.start or _next_word(pt, ems[0]) not in _TRAILING_OPENERS


def _aside_partner(pt: str, d: Any, found: list[Any]) -> str:
    """The form of the one other dash in the sentence of the spaced en dash ``d`` when it is an
    em dash between words (``steps – or have ways … efficient — please``: the two edges of an
    aside), else ""."""
    before = [m.end() for m in _SENTENCE_END().finditer(pt, max(0, d.start - 400), d.start)]
    lo = before[-1] if before else max(0, d.start - 400)
    after = _SENTENCE_END().search(pt, d.end, d.end + 400)
    hi = after.start() if after else d.end + 400
    others = [o for o in found if o is not d and lo <= o.start < hi]
    if len(others) != 1 or others[0].mark != "—" or others[0].form not in DASH_FORMS:
        return ""
    return DASH_FORMS[others[0].form]


def _sentence_ems(pt: str, d: Any, found: list[Any]) -> list[Any]:
    """The em dashes between words in the sentence of ``d``."""
    before = [m.end() for m in _SENTENCE_END().finditer(pt, max(0, d.start - 400), d.start)]
    lo = before[-1] if before else max(0, d.start - 400)
    after = _SENTENCE_END().search(pt, d.end, d.end + 400)
    hi = after.start() if after else d.end + 400
    return [o for o in found if o.mark == "—" and o.form in DASH_FORMS and lo <= o.start < hi]


def _closes_em_aside(pt: str, d: Any, found: list[Any]) -> bool:
    """Is the closed en dash ``d`` surely the closing edge of an aside that the sentence's one em
    dash, before it, opened (``websites—particularly NASA websites–peaked around``), or the opening
    edge of one that an em dash before the sentence's verb closes (``content–press releases, media
    advisories, and speeches—are``)? So unless
    the words around it read as a compound: after a determiner (``plan—a cost–benefit study``),
    before a compound's usual second half (``–based``, ``–only``, ``–level``), or written with a
    hyphen elsewhere in the article (``cost-benefit``)."""
    if not _lone_partner(pt, d, found):
        return False
    em = _sentence_ems(pt, d, found)[0]
    if em.start > d.start and _next_word(pt, em) not in _VERBS_AFTER_SUBJECT:
        return False  # (the em dash after it: "the cost–benefit analysis—which took a year."); but
        # one before the sentence's verb ends an aside inside its subject: "The press room
        # content–press releases, media advisories, and speeches—are more easily readable"
    left = _PREV_WORD().search(pt, max(0, d.start - 40), d.start)
    right = _next_word(pt, d)
    if left is None or right in _COMPOUND_TAILS:
        return False
    head = _PREV_WORD().search(pt, max(0, left.start() - 40), left.start() - 1) \
        if pt[left.start() - 1: left.start()] == " " else None
    if head is None or (head.group().lower() in _DETERMINERS
                        and not (right in _PHRASE_WORDS and right not in _PARTICLES
                                 and left.group().lower() not in _PHRASE_WORDS)):
        return False  # (plan—a cost–benefit study; but our audience–at every stage: no compound
        # ends in a preposition that is no particle, save after a function word, a how–to guide)
    compound = re.compile(r"(?<![^\W\d_])%s-%s(?![^\W\d_])" % (re.escape(left.group()), re.escape(right)), re.I)
    return compound.search(pt) is None


_VERBS_AFTER_SUBJECT = frozenset("is are was were has have had will would can could should may might must does do did".split())
# Second halves of compounds joined by an en dash (web–based, read–only, high–level, work–life)
_COMPOUND_TAILS = frozenset(("based only level wide time friendly free like related driven oriented specific "
                             "sized focused licensed savvy rich ended upon house life side term scale").split())
_DETERMINERS = frozenset("a an the this that these those its our their his her my your some any each every no".split())
_PARTICLES = frozenset("in on out up off down over back away by about around".split())
_PREFIXES = frozenset("pre post non anti pro self co re un sub semi multi inter intra ex".split())


def _after_quote_or_link(doc: Document, pt: str, d: Any) -> bool:
    """A dash spaced on one side only after a closing quotation mark or a link, before a lower-case
    word (`“again” –and then`, `[the mayor](url)– and`): between words, as a dash after a word
    is. Not before a capitalised word: an attribution (`…,” —Name`) sets its dash so."""
    if not d.form.startswith("one-sided") or not pt[d.end: d.end + 1].islower():
        return False
    before = d.start - 1
    if pt[before: before + 1] in ("”", "’"):
        return pt[before - 1: before].isalnum() or pt[before - 1: before] in ".,!?"
    return pt[before: before + 1] == MASK and link_ending_at(doc, before + 1) >= 0


# Adverbs that open an aside and never end a compound (obligation–almost)
_ADVERBS = frozenset(("almost already apparently arguably basically certainly clearly crucially especially "
                      "essentially eventually finally fortunately frankly generally hence honestly ideally "
                      "importantly indeed instead largely mainly maybe mostly namely nearly notably "
                      "obviously particularly perhaps possibly primarily probably rather simply sometimes "
                      "specifically surprisingly therefore thus typically ultimately unfortunately "
                      "usually").split())
# Words that open a clause or a phrase and never end the first half of a compound: after a
# closed en dash (dynamic–such as, blockers–to stakeholders), the dash is a sentence's. Not
# particles (built–in, log–on) and not "or"/"no" (either–or, yes–no); easy–to–see, a chain, is
# never read as a sentence's dash.
_CLAUSE_WORDS = frozenset(("the a an and but so such which that who whose where when while with without from to "
                          "for of it its we they he she you this these those not even especially including like "
                          "if there what how our their his her my your or nor yet because although though unless "
                          "then whatever whichever whoever whenever wherever however whether since "
                          "is are was were has have had will would can could should might must ").split()) | _ADVERBS
# ... and the words that open a closing phrase after a dash ("delivery—as called for"): an em dash
# before them ends the sentence's last phrase, not an aside that an en dash before it opened
# (not a verb or pronoun, which go on with the clause an aside interrupted: "This work–across
# 24 agencies—is to design")
_TRAILING_OPENERS = frozenset("as including like such especially particularly notably namely mostly mainly often "
                              "usually finally even not".split())
# ... and the words after which a partner dash is an aside's edge (a particle too: "created–in
# 29 minutes–a"), not a compound's middle ("cost–benefit")
_PHRASE_WORDS = _CLAUSE_WORDS | frozenset("in on at by to out up off over under after before until into onto upon "
                                          "about around through during also just or nor yet was were is are be "
                                          "been has have had will would can could should may might must".split())
# ... and the words that may open an aside (quantifiers and adverbs too: "rates–both numbers")
_ASIDE_WORDS = _PHRASE_WORDS | frozenset("both each all some many most every any either neither only often "
                                         "usually sometimes perhaps maybe not never".split())
_NEXT_WORD = lazy(r"([a-z]+)(?![\w–-])")
_QUANTIFIERS = frozenset("all any both each either few many most much neither none several some".split())
_OF = lazy(r"[ \t]+of[ \t]+(?:which|whom|them|us|you|these|those|it)\b")  # not a cure–all of sorts


def _next_word(pt: str, d: Any) -> str:
    m = _NEXT_WORD().match(pt, d.end)
    return m.group(1) if m else ""


_CONJUNCTIONS = frozenset("and but or nor yet".split())


def _word_before(pt: str, d: Any) -> str:
    """The word right before the dash, lower-cased, or "" (a digit or a mark there)."""
    m = _PREV_WORD().search(pt, max(0, d.start - 40), d.start)
    return m.group().lower() if m else ""
_PREV_WORD = lazy(r"[^\W\d_]{2,}$")


def _sentence_en_dashes(pt: str, closed: list[Any]) -> tuple[set[Any], set[Any]]:
    """The closed en dashes that break a sentence, and the others in the same sentences (the
    other half of a pair, or a compound: only a reader can tell)."""
    out = {d for d in closed if _breaks_sentence(pt, d)}
    partners = set()
    for d in out:
        for other in closed:
            lo, hi = sorted((d.start, other.start))
            if other not in out and not _in_chain(pt, other) and _SENTENCE_END().search(pt, lo, hi) is None:
                partners.add(other)
    return out, partners


def _partner_dash(pt: str, d: Any, found: list[Any]) -> str:
    """The form of an em dash in the same sentence (the other half of the pair), or ""."""
    for other in sorted(found, key=lambda o: abs(o.start - d.start)):
        if other.mark == "—" and other.form in DASH_FORMS and abs(other.start - d.start) < 400:
            lo, hi = sorted((d.start, other.start))
            if _SENTENCE_END().search(pt, lo, hi) is None:
                return DASH_FORMS[other.form]
    return ""


_SENTENCE_END = lazy(r"[.!?]\s|\n\s*\n")


def _glued_opener(pt: str, d: Any) -> bool:
    """Spanish: a raya glued to both words (leer—muchas) whose aside the next raya closes as
    Spanish does (unidos— y): the opener lacks its space."""
    hi = pt.find("\n\n", d.end)
    close = pt.find("—", d.end, len(pt) if hi < 0 else hi)
    return close > 0 and pt[close - 1].isalnum() and (close + 1 == len(pt) or pt[close + 1] in " \t\n,.;:)")


def _inciso(pt: str, d: Any) -> bool:
    """Spanish: is this raya one of an aside's pair, each set against the words inside (``el
    cine —antes había mucho— y``)? An opening one has its space before it and a closing one
    after it in the same paragraph (before a word, a comma or a stop); a closing one the reverse
    (its opener glued to the word before too, leer—muchas … unidos— y: the slip is the opener's,
    and respacing the closer English-style would only add one)."""
    at = d.start + len(d.space_before)
    lo = pt.rfind("\n\n", 0, at)
    hi = pt.find("\n\n", at)
    hi = len(pt) if hi < 0 else hi
    if d.space_before and not d.space_after:  # opening: the next raya closes it
        close = pt.find("—", at + 1, hi)
        return close > 0 and not pt[close - 1].isspace() and (close + 1 == len(pt) or not pt[close + 1].isalnum())
    if d.space_after and not d.space_before:  # closing: the raya before opens it
        opening = pt.rfind("—", max(lo, 0), at)
        return opening >= 0 and opening + 1 < at and not pt[opening + 1].isspace()
    return False


def _retyped_partner(doc: Document, d: Any) -> bool:
    """Spanish: is this raya the other edge of an aside whose first or last raya was typed as a
    hyphen (``el cine --antes había mucho cine— y``)? hyphen-as-dash writes that one as the RAE
    wants, against the aside's words; this one is already so, and respacing it English-style
    (``cine—y``) would undo the pair."""
    # (the partners worked out once per article: asked for each one-sided raya, a walk over all
    # the dashes each time was quadratic in a long Spanish text)
    partners = doc.memo("dash-spacing.retyped-partners", lambda: {
        edge[1].start for o in dashes(doc) if o.mark[0] == "-" and (edge := raya_edge(doc, o)) is not None})
    return d.start in partners


def _dialogue(pt: str, d: Any) -> bool:
    """Spanish: a raya that brings in the narrator on a line of dialogue, which opens with a raya
    (``—Sí, claro —respondió.``, ``—¿Vienes? —preguntó Ana—. Te esperamos.``): the narrator's words
    that end the line end the aside too, and take no closing raya."""
    if not d.space_before or d.space_after:
        return False
    line = pt.rfind("\n", 0, d.start) + 1
    head = pt[line: d.start].lstrip(" \t>\ue000")
    return head.startswith("—") and len(head) > 1 and not head[1].isspace()


def _in_chain(pt: str, d: Any) -> bool:
    """easy–to–see, state–of–the–art: one of several dashes joining a compound."""
    return pt[max(0, d.start - 12): d.start].rsplit(" ", 1)[-1].count("–") + pt[d.end: d.end + 12].split(" ", 1)[0].count("–") > 0 \
        or not pt[d.start - 1: d.start].isalpha() or not pt[d.end: d.end + 1].isalpha()


def _breaks_sentence(pt: str, d: Any) -> bool:
    """A closed en dash between a word and a lower-case function word (not in a chain of dashes)."""
    word = _next_word(pt, d)
    before = _PREV_WORD().search(pt, max(0, d.start - 40), d.start)
    if _LIST_AFTER().match(pt, d.end) and not _in_chain(pt, d):
        return True  # an important topic–money, health, voting, travel, and more: a dash brings in the list
    if word in ("in", "on") and before is not None and before.group() in _NO_COMPOUND_HEADS:
        return True  # join us–in person, where she is–on the web: no compound (built–in, add–on) starts so
    if word == "in" and _IN_PHRASE().match(pt, d.end):
        return True  # more dynamic–in effect, together–in particular: a phrase that opens an aside
    if before is not None and before.group().lower() in _REFLEXIVES and word \
            and pt[before.start() - 1: before.start()] not in ("–", "-"):
        return True  # thought to yourself–sounds good: a reflexive pronoun ends a clause, heads no compound
    if before is not None and _short_head(pt, d, before, word):
        return True
    if before is not None and _no_compound(pt, d, before, word):
        return True
    if word not in _CLAUSE_WORDS and word not in _CLAUSE_OPENERS \
            and not (word in _QUANTIFIERS and _OF().match(pt, d.end + len(word))):
        return False  # (so does a quantifier then "of" and a pronoun: Internet–all of which; catch–all is a compound)
    if before is not None and word == "no" and before.group().lower() == "yes":
        return False  # yes–no: a compound
    if before is not None and word in ("or", "nor") and before.group().lower() in ("either", "neither", "whether"):
        return False  # either–or, neither–nor: a compound
    if before is not None and len(before.group()) == 2 and before.group() not in _SHORT_ENDS:
        return False  # as–is: a short word is a compound's half; a particle or pronoun ends a clause
    # A function word before the dash may be a compound's half (how–to, if–then, from–to), but not
    # before "and"/"but" (could–and should—be, how–and how much—they), nor an adverb (importantly–will)
    head = before.group().lower() if before is not None else ""
    return before is not None and (head not in _CLAUSE_WORDS or head in _ADVERBS or before.group() in _SHORT_ENDS
                                   or head in _OBJECT_PRONOUNS or word in ("and", "but")) \
        and (pt[before.start() - 1: before.start()] not in ("–", "-")
             or (word in ("and", "but") and pt[before.start() - 1] == "-"))  # a catch-all–and I look


def _no_compound(pt: str, d: Any, before: re.Match[str], word: str) -> bool:
    """Do the words around a closed en dash read as no compound, so that it breaks the sentence?
    A compound joined by an en dash (cost–benefit, work–life, employment–population) pairs two
    words of a kind, the first in the singular, and modifies the noun after it. Not so: a plural
    noun before the dash (tasks–all just, fingertips–grab it: no such compound in the corpus,
    where every plural there is a sentence's dash: minutes–a, customers–their), a word after it
    that takes an object (tooling–allowing anyone, randomly–base your: a determiner or a pronoun
    follows), a plural noun and a verb after it (impermanence–websites can: a clause's subject), or
    an adverb in -ly after it (each–currently). Not before a compound's usual second half
    (open–ended your, tech–savvy the) or a particle (follow–up your, hands–on; but a plural, a
    particle and a determiner: needs–in a mobile moment), nor after a prefix or in a chain of
    dashes."""
    head = before.group()
    if head.istitle() and len(head) > 2 and pt[before.start() - 1: before.start()] in (" ", "\t"):
        return _ly_adverb(word)  # Phil Ashlock–coincidentally: no name heads a compound with an adverb
    if len(word) < 2 or word in _COMPOUND_TAILS or not head.islower() or head in _PREFIXES \
            or pt[before.start() - 1: before.start()] in ("–", "-") or pt[d.end + len(word): d.end + len(word) + 1] in "–-":
        return False
    from ..resources import english_words

    words = english_words()
    plural = _PLURAL().fullmatch(head) is not None and (head[:-1] in words or head[:-2] in words) \
        and head[:-1] not in _NOT_PLURAL
    if word in _PARTICLES:  # (hands–on, sit–ins, built–in: a compound, unless a plural then a phrase: needs–in a)
        return plural and _OBJECT_AFTER().match(pt, d.end + len(word)) is not None
    if len(word) < 3:
        return False
    if plural or _OBJECT_AFTER().match(pt, d.end + len(word)):
        return True
    if word.endswith("s") and _PLURAL().fullmatch(word) and word[:-1] in words \
            and _VERB_AFTER().match(pt, d.end + len(word)):
        return True  # impermanence–websites can: the subject of a clause, its verb after it
    return _ly_adverb(word)


def _ly_adverb(word: str) -> bool:
    """An adverb in -ly (currently, coincidentally; not early, friendly)."""
    from ..resources import english_words

    words = english_words()
    return word.endswith("ly") and word not in _LY_NOT_ADVERBS and word[:-2] in words and word in words


def _short_head(pt: str, d: Any, before: re.Match[str], word: str) -> bool:
    """Does a two-letter word before a closed en dash end a clause, so that the dash breaks the
    sentence? A form of "be", a pronoun or "of" starts no compound (what a blog is–you hopefully
    have, understand it–regardless of, the needs of–and designing; be–all is one); "do" and "go"
    after "to", a pronoun, a modal or "and" are verbs (what we needed to do–make people's lives,
    ready to go–saved time; a do–nothing, the go–to guide take a determiner); "at", "to" and "as"
    before a determiner or a pronoun (where they're at–the college, don't need to–you may; not
    to–do, as–is, at–risk). Not in a chain of dashes (point–of–contact, easy–to–see)."""
    head = before.group()
    if len(head) != 2 or len(word) < 2 or pt[before.start() - 1: before.start()] in ("–", "-") \
            or pt[d.end + len(word): d.end + len(word) + 1] in ("–", "-"):
        return False
    if head in _SHORT_NO_COMPOUND:
        return (head, word) not in _SHORT_COMPOUNDS
    if head in ("do", "go"):
        return _VERB_BEFORE().search(pt, max(0, before.start() - 20), before.start()) is not None
    return head in ("at", "to", "as") and word in _OPENS_PHRASE


# A list that ends the sentence right after a closed en dash: four single words or more, the last
# after "and" or "or" (topic–money, health, voting, travel, and more.): the dash brings in the
# list, as a colon would; a compound's second half is followed by the noun it qualifies, not by a
# list of words (nor does a list of compounds match: north–south, east–west, and diagonal)
_LIST_AFTER = lazy(r"[a-z]+(?:,[ \t]+[a-z]+){2,},?[ \t]+(?:and|or)[ \t]+[a-z]+[.!?]")


_REFLEXIVES = frozenset("myself yourself himself herself itself ourselves yourselves themselves oneself".split())
_SHORT_NO_COMPOUND = frozenset("is of us it me am we he be".split())
_SHORT_COMPOUNDS = frozenset({("be", "all"), ("it", "girl")})
_VERB_BEFORE = lazy(r"(?:^|[^\w’'])(?:to|I|we|you|they|he|she|can|could|will|would|should|must|may|might|and|or|did|does|"
                    r"let’s|let's)[ \t]+\Z")
_OPENS_PHRASE = frozenset("the a an this these those your their our my his her its it them us him you we they "
                          "and but or so which that who".split())


_PLURAL = lazy(r"[a-z]{2,}[^su'’]s")  # (not glass, campus, analysis)
_NOT_PLURAL = frozenset({"new"})  # (news–media)
_OBJECT_AFTER = lazy(r"[ \t]+(?:the|a|an|your|their|our|my|its|it|them|us|him|anyone|everyone|someone|"
                     r"everything|something|this|these|those)\b")
_VERB_AFTER = lazy(r"[ \t]+(?:can|could|will|would|should|may|might|must|are|were|have|had|do|did)\b")
_LY_NOT_ADVERBS = frozenset("early only daily weekly monthly yearly hourly costly timely friendly likely lovely "
                            "elderly orderly deadly lonely quarterly ugly holy".split())


# Words that open a clause and end no compound's first half, beyond the function words: a
# quantifier or an indefinite pronoun as a subject (novel–most services, great–some of my
# colleagues, complex–nobody may), "here", "except", "once" and "no" (users–no matter how; not
# yes–no). Not "all" (catch–all, cure–all) nor "either" (either–or).
_CLAUSE_OPENERS = frozenset(("some most many several none nobody everyone everybody someone somebody anyone "
                             "anybody nothing everything something anything here except once no "
                             # (and a verb of the clause or an adverb or preposition that ends no
                             # compound: stable–do it, users–just how, experience–across sites; to–do
                             # and can–do keep their function-word heads)
                             "do does did just across").split())
# Pronouns that end a clause before a dash though they are function words (talk with you–we’re here)
_OBJECT_PRONOUNS = frozenset("you them him her".split())
_IN_PHRASE = lazy(r"in[ \t]+(?:terms[ \t]+of|particular|effect|fact|short|turn|addition|general|contrast|essence|sum|"
                  r"practice|theory|other words)\b")
# Words that no compound with a particle starts with (built–in, log–on do): a pronoun, a form of "be"
_NO_COMPOUND_HEADS = frozenset("us them you it me him her is are was were be been".split())

# Two-letter words that end a clause before a dash (pop up–but, tell us–and, along with it–to
# make sure: a pronoun, though a function word itself; No, no–those are), not as–is
_SHORT_ENDS = frozenset("up in on it us me no".split())
