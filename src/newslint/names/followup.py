"""A person named by first name where the article's style wants the surname (rule NL152).

News style names a person in full once, then by surname: "Lloyd Austin … Austin said". A
bare "Lloyd" after "Lloyd Austin" is then a slip (often a translation's: "between Shoigu and
Lloyd"). It is reported only where the article itself follows the surname style: it names
people again by surname at least twice, and at least twice as often as by first name (or
calls people by first name alone just once, and by surname alone at least once), and it
calls this person or two other people by surname alone, so features and blogs that call
people by first name throughout stay quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Collection

from ..patterns import lazy
from ..typography import INVISIBLE_CLASS, near_invisible, scan
from .mentions import extract, survey

if TYPE_CHECKING:
    from ..document import Document
    from .mentions import Survey


@dataclass(frozen=True)
class FirstName:
    start: int
    end: int
    given: str
    surname: str
    line: int  # of the full-name mention


def _owners(sv: "Survey") -> dict[str, set[str]]:
    """Given name → the surnames it is written with in the article's full names."""
    owners: dict[str, set[str]] = {}
    for surname, givens in sv.full.items():
        for g in givens:
            owners.setdefault(g, set()).add(surname)
    return owners


def first_names(doc: "Document", allow: frozenset[str]) -> list[FirstName]:
    """Bare first names after a full-name mention, in an article written in surname style."""
    sv = survey(doc)
    owners = _owners(sv)
    persons = sv.surnames
    # (not when two people share the surname: Quentin … son of President Theodore Roosevelt,
    # Quentin died: the first name tells them apart)
    candidates = {g for g, s in owners.items() if g in sv.bare and len(s) == 1 and g not in persons
                  and g not in allow and len(g) >= 3 and len(sv.full[next(iter(s))]) == 1}
    if not candidates:
        return []
    followed = [s for s in sv.full if s in sv.bare]  # people named again by surname
    by_surname = sum(sv.bare[s] for s in followed)
    by_given = sum(sv.bare[g] for g in owners if g in sv.bare)
    if not _surname_style(by_surname, by_given):
        # A "full name" whose surname is also a word in lower case is a company or a product, not
        # a person: "Meta Platforms" (Meta is a Census given name) beside seventeen bare "Meta"
        # weighs as seventeen first-name references. Counted again without such names, of those
        # written alone more often than a slip would be (MAX_BARE), and only while that can still
        # give the surname style (a word search for every name cost more than the rest of the rule).
        by_given = sum(sv.bare[g] for g in owners if g in sv.bare and sv.bare[g] <= MAX_BARE)
        for g in sorted((g for g in owners if sv.bare.get(g, 0) > MAX_BARE), key=lambda g: -sv.bare[g]):
            if not _surname_style(by_surname, by_given) and 2 * by_given > by_surname:
                return []  # (too many first names already: the style is not the surname's)
            if any(not _lowercase_word(doc.prose_text, x) for x in owners[g]):
                by_given += sv.bare[g]
        if not _surname_style(by_surname, by_given):
            return []
    # (one lone first name against one surname follow-up is a slip too: "Klein said … said Jessica";
    # and with no follow-up at all, a quotation attributed to a first name: "Eric Martinez … ,” Eric said")
    attributed_only = by_given == 1 and by_surname == 0
    # the person is also called by surname alone, or the article does so with two people or more
    # (else, with one other person named again by surname, the lone first name must attribute what
    # is said, as below: "Zhao … Zhao …; Anthony Towns posted … Anthony suggests that his …")
    spoken: set[str] = set()
    if not attributed_only:
        spoken = {g for g in candidates if len(followed) == 1 and next(iter(owners[g])) not in sv.bare
                  and sv.bare[g] == 1}
        candidates = {g for g in candidates if len(followed) >= 2 or next(iter(owners[g])) in sv.bare} | spoken
    candidates = {g for g in candidates if sv.bare[g] <= MAX_BARE}
    if not candidates or _transcript(doc.text, doc.body_start):
        return []
    if _BROKEN_WORD().search(doc.prose_text):
        return []  # Jef<SHY>frey Levy: a name that invisible-character's fix gives back changes the
        # evidence (one more full name, one more first name); the pass after that fix decides
    if scan(doc).lookalikes:
        return []  # Aaron Ｆoss: the same with a look-alike letter that mixed-script's fix gives back
    text = doc.prose_text
    out = []
    first_full, particles = _full_mentions(doc, text, candidates)
    for m in extract(doc):
        if (not m.full and m.form in candidates and not m.titled and m.form in first_full
              and m.start > first_full[m.form] and not _quoted(doc, m.start)
              and not _addressed(text, m.start, m.end)
              and not _NOT_ALONE_AFTER().match(text, m.end)
              and not _spaced_full_name(text, m.end, next(iter(owners[m.form])))
              and not _ADDRESS_BEFORE().search(text, max(0, m.start - 2), m.start)
              and not _ADDRESS_AFTER().match(text, m.end)
              and not _CONTACT_AFTER().match(text, m.end)
              and not (text.startswith(",", m.end) and _SENTENCE_START().search(text, max(0, m.start - 4), m.start)
                       and _spoken_to(text, m.end))
              and not near_invisible(doc, m.start, m.end, margin=1)
              and not _lowercase_word(text, m.form)
              and not _lowercase_word(text, next(iter(owners[m.form])))):  # Jade Plus: a product
            if (attributed_only or m.form in spoken) and not _attribution(text, m.start, m.end, m.form in spoken):
                continue
            surname = particles.get(m.form, "") + next(iter(owners[m.form]))
            # (Van Velden: Dutch capitalises a particle without the given name, as a sentence's start does)
            if surname[:1].islower() and (doc.language == "nl"
                                          or _SENTENCE_START().search(text, max(0, m.start - 4), m.start)):
                surname = surname[:1].upper() + surname[1:]
            out.append(FirstName(m.start, m.end, m.form, surname, doc.position(first_full[m.form])[0]))
    return out


def _full_mentions(doc: "Document", text: str, givens: Collection[str]) -> tuple[dict[str, int], dict[str, str]]:
    """For each of ``givens``: where its first full-name mention starts, and the particles written
    between it and the surname there."""
    first_full: dict[str, int] = {}
    particles: dict[str, str] = {}
    for m in extract(doc):
        if m.full and m.given in givens and m.given not in first_full:
            first_full[m.given] = m.given_start
            particles[m.given] = _particles(text, m.given_end, m.start)
    return first_full, particles


def _particles(text: str, given_end: int, surname_start: int) -> str:
    """The particles written between a given name and its surname, with the space after them
    ("van " in Werner van Velden, "von der " in Ursula von der Leyen), as the surname alone keeps
    them: "Velden" for "van Velden" drops part of the name. Not a middle name or an initial."""
    from .data import words

    between = text[given_end:surname_start].split()
    particle_words = words()[2]
    if between and all(w in particle_words for w in between):
        return " ".join(between) + " "
    return ""


# A courtesy or office title before a given name ("Mr. Jacob", "Vice President Joe") where the
# article names that person in full (Jacob Parcell): news style puts the surname after the title.
# Not a religious, royal, academic or family title (Sister Helen, King Charles, Dr. Ruth, Uncle
# Sam), where the given name is the custom; nor a given name that is nobody's given name in the
# name lists (Thai, Malay, Ethiopian names take a title before the given name: Mr. Prayut, Mr.
# Anwar, Mr. Abiy), nor an Icelandic patronymic's bearer (Katrín Jakobsdóttir).
_SLIP_TITLES = frozenset("""Mr Mrs Ms Mx Miss President Senator Sen Rep Representative Congressman
    Congresswoman Governor Gov Secretary Admiral Adm General Gen Colonel Col Mayor Minister Chancellor
    Ambassador Commissioner Administrator Director""".split())
_TITLE_BEFORE = lazy(r"([A-Z][a-z]+)\.?[ \t]+$")
_PATRONYMIC_SURNAME = lazy(r"(?:d[oó]ttir|sson)$")


def _titled_given(text: str, sv: "Survey", owners: dict[str, set[str]]) -> frozenset[str]:
    """Given names written after a title only as a slip: each such given name belongs to one
    person named in full, is nobody's surname, and every title before it is a courtesy or office
    title."""
    from .data import given_names, words

    all_titles = words()[0]
    out = set()
    for g in sv.titled:
        if g not in owners or len(owners[g]) != 1 or g in sv.full or g not in given_names():
            continue
        if _PATRONYMIC_SURNAME().search(next(iter(owners[g]))):
            continue
        before = [_TITLE_BEFORE().search(text, max(0, m.start() - 20), m.start())
                  for m in re.finditer(r"(?<![\w’'-])%s(?![\w’'-])" % re.escape(g), text)]
        used = {t.group(1) for t in before if t is not None and t.group(1) in all_titles}
        if used and used <= _SLIP_TITLES:
            out.add(g)
    return frozenset(out)


# A quotation attributed to the name: ,” Eric said / ,” said Eric (news attributes by surname)
_SAID = (r"(?:said|says|added|adds|explained|explains|noted|notes|told|tells|wrote|writes|asked|asks|recalled|recalls"
         r"|concluded|concludes|continued|continues|stated|states|replied|replies|responded|responds|remarked"
         r"|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|commented|comments|acknowledged|admitted|insisted)")
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t\ue000]*)"  # a space, or a line break inside the paragraph (a list item's indentation masked)
_QUOTE_THEN = lazy(r"[,!?]?[”\"][ \t]+$")
_SAID_AFTER = lazy(_GAP + _SAID + r"\b")
# Eric also said that …, Anthony suggests that …: reported speech, news style's place for the surname too
_REPORTED = lazy(_GAP + r"(?:(?:also|has|had|have|later|previously|recently|then|[a-z]+ly)" + _GAP + r"){0,2}(?:"
                 r"(?:" + _SAID + r"|suggest(?:s|ed)|argue[sd]|propose[sd]|warn(?:s|ed)|claim(?:s|ed)|point(?:s|ed)?"
                 r"[ \t]+out)" + _GAP + r"that\b"  # (not "believed that": a thought)
                 # ... told an audience that: the person spoken to between the verb and "that"
                 r"|(?:told|tells)(?:" + _GAP + r"[\w’']+){1,3}" + _GAP + r"that\b"
                 # ... argues, proposes or posts something: the person's own claim or work, whatever follows
                 r"|(?:argue[sd]|propose[sd]|posted|conclude[sd]|surmise[sd]|(?:wrote|writes)(?=" + _GAP + r"(?:a|an|the|about|in|on|to)\b))\b)"
                 # ... or what the person wrote or made, as the news cites it: Riard's post, Zipkin's results
                 r"|(?:['’]|\ue000+)s" + _GAP + r"(?:(?:new|latest|recent|original|draft|blog|sample|detailed|earlier)"
                 + _GAP + r")?(?:post|paper|proposal|draft|article|results|summary|analysis|research|implementation"
                 r"|presentation|report|findings|example|study|talk|slides|email|e-mail|model|book|theory|framework|work|idea)\b")
# ... and, where the article names another person again by surname (so its style is the
# surname's), a first name that describes, presents or publishes something, or holds a view:
# "Greg publicly described the attack", "Anthony also included a chart", "Matt believes there is".
# In an article that names nobody again by surname these are a round-up's first-name terms
# ("Arianne describes different maturity models").
_REPORTED_WORK = lazy(_GAP + r"(?:(?:also|has|had|have|later|previously|recently|then|[a-z]+ly)" + _GAP + r"){0,2}"
                      r"(?:described|describes|presented|presents|published|publishes|announced|announces|reported"
                      r"|reports|outlined|outlines|detailed|details|included|includes|shared|shares"
                      # ... and a view the article reports as that person's: "Matt believes there's a way"
                      r"|believes|believed|thinks|thought|hopes|hoped|expects|expected|is[ \t]+seeking|was[ \t]+seeking)\b")
_ATTRIBUTED_BEFORE = lazy(r"[,!?]?[”\"][ \t]+" + _SAID + r"[ \t]+$"
                          # ... a quotation signed with a dash (“…”  —Gregory) or work credited to the name
                          r"|[”\"][ \t]*(?:—|―|-{2,3})[ \t]*$"
                          r"|\b(?:(?:proposed|suggested|relayed|described|written|posted|reported|presented|authored|raised"
                          r"|discovered|noted|argued)" + _GAP + r"by|[Aa]ccording" + _GAP + r"to)" + _GAP + r"$")


def _surname_style(by_surname: int, by_given: int) -> bool:
    """Does the article name people again by surname, not by first name (twice as often, at least
    twice; or one lone first name against a surname follow-up, or with no follow-up at all)?"""
    return by_surname >= 2 and 2 * by_given <= by_surname or by_given == 1


def _attribution(text: str, start: int, end: int, surname_style: bool = False) -> bool:
    """Is the name at ``start:end`` the speaker of the quotation just before it, or of reported
    speech after it (Eric also said that …), or the author of a work the article cites (Matthew's
    results)? With ``surname_style`` (another person is named again by surname) also one who
    describes, presents or publishes something (Greg publicly described …). News style names a
    person there by surname."""
    before = text[max(0, start - 24):start]
    return (_QUOTE_THEN().search(before) is not None and _SAID_AFTER().match(text, end) is not None) or \
        _ATTRIBUTED_BEFORE().search(before) is not None or _REPORTED().match(text, end) is not None or \
        (surname_style and _REPORTED_WORK().match(text, end) is not None)


def _lowercase_word(text: str, word: str) -> bool:
    """Is the word also written in lower case in the article ("mark", "plus")? Then it is a word."""
    from .variants import _is_word

    return _is_word(text, word)


# A word with an invisible character inside it (a soft hyphen, a zero-width space)
_BROKEN_WORD = lazy(f"[^\\W\\d_][{INVISIBLE_CLASS}]+[^\\W\\d_]")
MAX_BARE = 2  # a person called by first name three times or more: the article's own choice
# A transcript ("**Mike Schmidt**: Thanks, Steven."): speakers call each other by first name.
_SPEAKER = lazy(r"^(?:\*\*|__)?([A-Z][\w.’' -]{1,40}?)(?:\*\*|__)?:(?:\*\*|__)? ", re.M)


def _transcript(text: str, start: int) -> bool:
    """Do lines open with a speaker's name and a colon, some speaker twice (**Mike Schmidt**: …
    then **Mike Schmidt**: … again)? Two different labels are headings or list items
    ("Reporting earthquakes: A human…", "Step two: …"), not speakers."""
    seen: set[str] = set()
    for m in _SPEAKER().finditer(text, start):
        label = m.group(1)
        if label in seen:
            return True
        seen.add(label)
    return False


# Addressed, not named: "Thanks, Mike", "Hey, Steven", "and you, Alison,". After a plain comma
# the name is addressed only when the clause ends with it ("and you, Alison,"); "goals, Sam
# emphasized" and "Second, Erin asked" name a person.
_GREETING_BEFORE = lazy(r"\b(?:[Hh]ey|[Hh]i|[Hh]ello|[Tt]hanks|[Tt]hank you|[Dd]ear),?\s*$")
_COMMA_BEFORE = lazy(r",\s*$")
_CLAUSE_ENDS = lazy(r"\s*(?:[,.!?;:)\]—–…]|$)", re.M)


def _addressed(text: str, start: int, end: int) -> bool:
    """Is the name at [start, end) someone spoken to rather than spoken of?"""
    before = max(0, start - 12)
    if _GREETING_BEFORE().search(text, before, start):
        return True
    return _COMMA_BEFORE().search(text, before, start) is not None and _CLAUSE_ENDS().match(text, end) is not None
# ... or a sentence that starts with the name and a comma ("Steven, we're going to ..."), when
# the sentence speaks to the person (you, I, we, please, a question): "Simon, amongst many
# others, worries these costs ..." names him, with an aside between commas.
_SENTENCE_START = lazy(r"(?:^|[.!?:*]\s*|\n\s*)$")
_SENTENCE_END = lazy(r"[.!?](?=\s|$)|\n\s*\n")
_SPOKEN_TO = lazy(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself|I|[Ww]e|[Ll]et[’']s|[Pp]lease|[Tt]hanks?)\b|[?!]")


def _spoken_to(text: str, end: int) -> bool:
    """Does the sentence after a name and its comma speak to that person ("Steven, we're going
    to ...", "Mike, can you ...?")? Else the name is its subject ("Simon, amongst others, worries")."""
    stop = min(len(text), end + 300)
    m = _SENTENCE_END().search(text, end, stop)
    return _SPOKEN_TO().search(text, end, m.end() if m else stop) is not None


# Part of an e-mail address or a dotted identifier: "Fox.Jean@bls.gov", "Abraham.Marinez@ed.gov".
_ADDRESS_BEFORE = lazy(r"\w\.$")
_ADDRESS_AFTER = lazy(r"@|\.\w")
# A contact line: the name as the press contacts list gives it, then the address to write to
# ("United States: Giovanni gtamacas@protonmail.com", "Canada: Sarah (sarah@…)"). The list names its
# contacts the way they sign; it is no reference to the person in the story's prose.
_CONTACT_AFTER = lazy(r"[ \t]+[(<\[]?(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Not a lone first name: a nickname or aside follows ("Mark “Murch” Erhardt", "Sara (Crocoll)
# Smith"), an acronym ("Denver GSA"), or the end of a link text ("[Noah][noah]": a product).
# (masked markup, not an apostrophe written as an entity: Brian&#8217;s article)
_NOT_ALONE_AFTER = lazy(r"\s*[“\"(]|\s+[A-Z]{2,}\b|\]|\ue000(?!\ue000*s\b)")


_BLANKS = lazy(r"\s+")


def _spaced_full_name(text: str, end: int, surname: str) -> bool:
    """Is the first name followed by its surname after a run of blanks ("Steve␣␣Jobs")? That is
    the full name with its space doubled (repeated-space repairs it), not a lone first name:
    replacing "Steve" would make "Jobs␣␣Jobs"."""
    m = _BLANKS().match(text, end)
    if m is None or not text.startswith(surname, m.end()):
        return False
    after = m.end() + len(surname)
    return not text[after:after + 1].isalnum()


def _quoted(doc: "Document", offset: int) -> bool:
    """Is the offset inside a quotation (in its paragraph)? People are called by first name there."""
    import bisect

    blocks = doc.blocks
    i = bisect.bisect_right([b.start for b in blocks], offset) - 1
    if i < 0 or offset > blocks[i].end:
        return False
    before = doc.text[blocks[i].start:offset]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("«") > before.count("»")


def titled_given(doc: "Document", allow: frozenset[str]) -> list[FirstName]:
    """A given name after a courtesy or office title (``Mr. Jacob``, ``Vice President Joe``)
    where the article names that person in full earlier (Jacob Parcell): the title goes with the
    surname. Reported whatever the article's style: no style writes "Mr. Jacob" for Jacob
    Parcell. Not inside a quotation (a class calls its teacher "Mr. Jacob")."""
    sv = survey(doc)
    if not sv.titled:
        return []
    owners = _owners(sv)
    text = doc.prose_text
    slipped = _titled_given(text, sv, owners) - allow
    if not slipped or scan(doc).lookalikes or _BROKEN_WORD().search(text):
        return []
    out = []
    first_full, particles = _full_mentions(doc, text, slipped)
    for m in extract(doc):
        if (not m.full and m.titled and m.form in slipped and m.form in first_full and m.start > first_full[m.form]
              and not _quoted(doc, m.start) and not near_invisible(doc, m.start, m.end, margin=1)
              and not _NOT_ALONE_AFTER().match(text, m.end) and not _lowercase_word(text, m.form)):
            surname = particles.get(m.form, "") + next(iter(owners[m.form]))  # (Mr. van Velden)
            out.append(FirstName(m.start, m.end, m.form, surname, doc.position(first_full[m.form])[0]))
    return out


_MAX_DOUBLED = 4


def doubled_given(doc: "Document", allow: frozenset[str]) -> list[FirstName]:
    """A given name written twice in a row (``I'm Mike⏎Mike, contributor``) where the article
    names that person in full with one surname elsewhere (Mike Schmidt): the surname was typed
    over with the given name. Reported whatever the article's style (a transcript, first-name
    terms): no style writes "Mike Mike" for Mike Schmidt. Not where the doubled name is a
    person's whole name (Sirhan Sirhan: the given name is nobody else's surname here)."""
    sv = survey(doc)
    doubled = [g for g, givens in sv.full.items() if g in givens and g not in allow and len(g) >= 3]
    if not doubled or scan(doc).lookalikes:
        return []
    out = []
    text = doc.prose_text
    for g in sorted(doubled)[:_MAX_DOUBLED]:  # (two searches each: a bounded few, not one per name of a list)
        surnames = [s for s, givens in sv.full.items() if g in givens and s != g]
        if len(surnames) != 1:
            continue
        first = re.search(r"(?<![^\W_])%s[ \t]+%s(?![^\W_])" % (re.escape(g), re.escape(surnames[0])), text)
        if first is None:
            continue
        # (a list item's next line is indented, its indentation masked: Peter⏎    Peter argued)
        for m in re.finditer(r"(?<![^\W_])%s[ \t]*\n?[ \t\ue000]*(%s)(?![^\W_'’])" % ((re.escape(g),) * 2), text):
            if not near_invisible(doc, m.start(), m.end(), margin=1):
                out.append(FirstName(m.start(1), m.end(1), g, surnames[0], doc.position(first.start())[0]))
    return out
