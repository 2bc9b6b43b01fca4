"""A stop (. ! ?) glued to the next word: does a sentence run into the next (``spring.Russia``),
or is it an initial, a version, a name written with a dot or code (``J.Smith``, ``v2.Next``,
``Fork.Observer``, ``prevScript.IsValid``)?

``sentence_runs_on`` asks in order: what opens after the stop (a quotation, a link, emphasis),
then what stands before it: a token with a code-like character (domains.py), an ordinal, a
contraction, an acronym or a phrase the article writes alone elsewhere, a name styled with a "!"
(bangs.py), a capitalised word (capitalised.py). The order is the rule's: an earlier answer wins.
"""

from __future__ import annotations

from typing import Any

from ..language import function_words
from ..patterns import lazy
from ..resources import english_words
from .wordhabits import glued_count, phrase_elsewhere, stands_alone, word_places
from .asides import link_text_at
from .bangs import BANG_NAMES, bang_ends_name
from .capitalised import capitalised_ends
from .domains import code_like_ends, domain_opens
from .glued import (CAMEL, CLOSERS, CODE_LIKE, ENDING, LAST_WORD, OPENERS, WORD, has_code, right_word,
                    space_then_lower, tokens)


def sentence_runs_on(pt: str, i: int, table: dict[str, Any], latin: Any, text: str = "") -> bool:
    """Does the stop at ``i`` end a sentence that runs into the next? ``latin`` gives the prose with
    look-alike letters read as Latin (made only when a name check asks), ``text`` the whole file."""
    left, right = tokens(pt, i)
    after = i + 1 + len(right)
    opened = right[:1] in ("“", "[", "(")
    linked = right[:1] == "[" and link_text_at(pt, i + 1)
    if right[:1] == "(" and ")" in right:
        return False  # fig.(A), obj.(Method): a label or a call, not an aside of words
    if opened:
        right = right[1:]  # end.“Next, end.[Link text, end.(Often: a quotation, link or aside opens the next sentence
    elif right[:1] in "*_":
        emphasis = _EMPHASIS_OPENS().match(right)  # end.*Nobody* or end.**Next step:** opens one too
        if emphasis is None:
            return False
        opened, right = True, emphasis.group(2) + right[emphasis.end():].lstrip("*_")
    token = left.lstrip(OPENERS).rstrip(CLOSERS)
    m = LAST_WORD().search(token)
    if m is None:
        return False
    if CODE_LIKE().search(token):
        return code_like_ends(pt, i, token, right, after, table)
    word = m.group()
    if pt[i] == "." and token == left and _NUMBERED().fullmatch(token):
        nxt = right_word(right)  # on Wednesday, December 9th.The study; in the 1990s.After that
        return nxt in table["sentence-starters"] or (right == nxt and nxt.istitle() and len(nxt) > 2
                                                      and nxt.lower() in english_words() and space_then_lower(pt, after))
    if pt[i] == "." and token == left and not table["english"] and _ORDINAL_ABROAD().fullmatch(token) \
            and token.lstrip("0123456789") not in table["units"]:
        nxt = right_word(right)  # las 5tas.Conferencias de, le 3e.Festival a, o 2º.Encontro de: an
        # ordinal of another language (digits and a lower-case ending) ends a sentence like a word;
        # then a capitalised word that is not English (a version's or an identifier's second half
        # is: 2do.Next) or is one of the language's function words (5tas.La), and a lower-case word
        return right == nxt and nxt.istitle() and nxt.isalpha() and len(nxt) > 2 \
            and (nxt.lower() not in english_words() or nxt.lower() in function_words(table.get("language", ""))) \
            and space_then_lower(pt, after) and glued_count(pt, token, nxt) == 1
    if token == left and _CONTRACTION().fullmatch(token):
        nxt = right_word(right)  # we learned that it isn’t.We sell: a contraction or a possessive
        # ends no name, file, host or initial
        return (len(nxt) > 1 or (nxt in ("A", "I") and pt[i + 2: i + 3] == " ")) and nxt[:1].isupper()
    if linked and pt[i] == "." and word.islower() and word.isalpha() and len(word) > 1 and left == word \
            and right[:1].isupper():
        return True  # the text.[PlainLanguage.gov](url) has: a link whose text is capitalised opens
        # a sentence, whatever its first word (a name, a domain), after a plain lower-case word
    if pt[i] == "." and CODE_NOUN().match(pt, after) and WORD().fullmatch(right) and right not in table["sentence-starters"] \
            and not (word.islower() and word in english_words() and not has_code(text or pt)):
        return False  # the chanbackup.Single structure, the http.Client type: a code name in prose
        # (not fonts.These types of fonts: a sentence-starting word opens a sentence; not an
        # English word in an article with no code at all: a confusing experience.User interface)
    name = right.removesuffix(",")
    if word.islower() and word.isalpha() and len(word) > 1 and left == word and pt[i] == "." and _PASCAL().fullmatch(name) \
            and space_then_lower(pt, after) and (name == right or _APPOSITION().match(pt, after + 1)) and glued_count(pt, word, name) == 1 and stands_alone(latin(), name):
        return True  # their apps.CitySDK also, the portal.CyberSeek, a portal that: a name the article
        # writes alone opens the next sentence, its clause going on or an apposition after a comma
        # (a determiner or a relative pronoun: not config.MaxValue, then, where code may go on)
        # (not prevScript.IsValid: a lower-case CamelCase word before the stop; not a name written only so)
    if word.istitle() and word.isalpha() and len(word) > 2 and left == word and pt[i] == "." and name == right \
            and _PASCAL().fullmatch(name) and space_then_lower(pt, after) and glued_count(pt, word, name) == 1 \
            and stands_alone(latin(), word) and stands_alone(latin(), name) and not has_code(text or pt):
        return True  # the robotic helicopter Ingenuity.GitHub posted: a capitalised word and a name
        # in CamelCase, each of which the article writes alone elsewhere (the Ingenuity helicopter,
        # my GitHub profile), glued once, the clause going on: two sentences; in an article that
        # shows no code (a module's name written with a dot, Microsoft.PowerShell, comes with code)
    if pt[i] in "!?" and word not in BANG_NAMES and _inverted_before(pt, i) and right[:1].isalpha() and (len(nxt := right_word(right)) > 1 or nxt in ("A", "Y", "O")):
        return True  # ¡Hola!Mi casa, ¿Dónde?Nadie: Spanish opens the exclamation or question with its
        # inverted mark, so the closing one ends words, not a name styled with a "!" (Yahoo!News)
    if CAMEL().search(word) and pt[i] == "." and word.isalpha() and WORD().fullmatch(right) and right in table["sentence-starters"]:
        return True  # YouTube.You can, WordPress.We were: a name, then a sentence
    if CAMEL().search(word) and pt[i] == "." and table["english"] and word.isalpha() and word == token \
            and WORD().fullmatch(right) and right.istitle() and len(right) > 2 and right.lower() in english_words() \
            and space_then_lower(pt, after) and glued_count(pt, word, right) == 1 \
            and word_places(pt).get(right) is not False:
        return True  # written in JavaScript.Flexible tooling: after a name in CamelCase, an ordinary
        # word that the article never capitalises inside a sentence, then a lower-case word, opens
        # the next sentence (a name written with a dot keeps its second half capitalised
        # everywhere, and code names are code spans: the chanbackup.Single structure is asked above)
    if pt[i] == "." and token == left and _UNIT_NUMBER().fullmatch(token) and token.lstrip("0123456789.,") in table["units"]:
        nxt = right_word(right)  # a speed limit of 20mph.Guide signs: a number with its unit ends a
        # sentence like a word (not a version, an identifier or a span of seconds: v2.Next, 10s.Timeout)
        return nxt in table["sentence-starters"] or (right == nxt and nxt.istitle() and len(nxt) > 2
                                                      and nxt.lower() in english_words() and space_then_lower(pt, after))
    if CAMEL().search(word) and pt[i] == "?" and word.isalpha() and len(right) > 1 and WORD().fullmatch(right) and right.istitle():
        return True  # the same for WordPress?The next: a name takes a dot or a "!", never a "?"
    if pt[i] == "!" and word == token and word.isalpha() and len(word) > 1 and word not in BANG_NAMES \
            and bang_ends_name(pt, word, right):
        return True  # America's PrepareAthon! Plan ... National PrepareAthon!Day, September 30: a name
        # styled with a "!" that the article writes elsewhere with nothing glued to its mark
    if pt[i] == "." and word == token == left and len(word) == 1 and word in "123456789" and right_word(right) in _MONTHS:
        return True  # zum 3.April 2023: a day's ordinal stop glued to its month (3. April), no initial
    if pt[i] == "." and word == token == left and word.isdigit() and len(word) <= 2 and right[1:2].isalpha() \
            and right[:1].isupper() and _glued_numbered_lines(pt, i - len(word)):
        return True  # 1.CUTC … 9.New Labs, 10.Class Act: items numbered at the start of their lines,
        # their space lost (not a list then: a paragraph); a one-digit number is no initial there
        # (nor an outline's label: 1.A, 2.B)
    if len(word) < 2 or CAMEL().search(word) or (not word.isalpha() and not word.isdigit()):
        return False  # an initial (J.Smith, non-U.S.), a version (v2), an identifier
    if word.islower() and pt[i] == "." and WORD().fullmatch(right) and right.istitle() and space_then_lower(pt, i + 1 + len(right)):
        return True  # devices.App users: a domain is not capitalised after a lower-case name
    nxt = right_word(right)
    acronym = right_word(right, domains=True)  # (AI, IO: a domain's word, an acronym in capitals)
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
            and word in english_words() and domain_opens(pt, word, right, after, table):
        return True  # more on the new site.Regulations.gov has: a domain written capitalised opens
        # the next sentence (a host name's labels are not capitalised in the middle)
    if not nxt and pt[i] == "." and not opened and word.istitle() and word.isalpha() and left == word and len(word) >= 3 \
            and domain_opens(pt, word, right, after, table) and stands_alone(latin(), word) \
            and stands_alone(latin(), _DOMAIN_NAME().match(right).group()):
        return True  # classifieds platform in Russia.Avito.ru is used: after a capitalised word, a domain
        # that opens the next sentence, the article writing both alone elsewhere (Avito.ru is the
        # leading; not a host whose first label is capitalised, Beta.Notify.gov, written only so)
    if not nxt or (nxt.isupper() and len(nxt) > 1 and not (opened and word.islower())):
        return False  # open.NASA, Gov.HK: a name, not a sentence start (strategy.[HUD's report: a link opens one)
    if word[0].isupper():
        return capitalised_ends(pt, i, word, right, nxt, after, table, latin, text)
    return True


_DOMAIN_NAME = lazy(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*?(?=[,;:!?)”’]|['’]s|\.?$)")

# Month names a day's ordinal stop stands before in German writing (am 3. April): English's and German's
_MONTHS = frozenset("January February March April May June July August September October November December "
                    "Januar Jänner Februar März Mai Juni Juli Oktober Dezember".split())


# Emphasis markers, then a capital: the emphasised first word of the next sentence (nested
# too: the _**Name** of an italic author's note with the name in bold)
_EMPHASIS_OPENS = lazy(r"([*_]{1,3})([A-Z][^\W\d_]*)")

# What a code name written in prose is called (package.Type struct, module.Name function): a
# sentence hardly ever opens with a capitalised word and then one of these
CODE_NOUN = lazy(r" (?:struct|structure|type|field|method|function|class|interface|enum|module|package|"
                        r"namespace|constructor|attribute|property|variable|parameter|constant|macro|trait)s?\b")

# A name in CamelCase with a capital first (CitySDK, GitHub, WordPress)
def _inverted_before(pt: str, i: int) -> bool:
    """Does an inverted ¡ (for a "!" at ``i``) or ¿ (for a "?") open the words that the mark at
    ``i`` closes: the nearest one before it in the paragraph (200 characters), with no closing
    "!" or "?" between them?"""
    opener = "¡" if pt[i] == "!" else "¿"
    j = i - 1
    while j >= 0 and i - j <= 200:
        c = pt[j]
        if c == opener:
            return i - j > 1
        if c in "!?¡¿" or (c == "\n" and pt[j - 1: j] == "\n"):
            return False
        j -= 1
    return False


def opens_numbered_line(pt: str, i: int) -> bool:
    """Is the stop at ``i`` the one after a number of one or two digits that opens its line
    (``10.Class Act``)? Its space makes the line a list item: the fix reshapes the Markdown."""
    line = pt.rfind("\n", 0, i) + 1
    return _NUMBER_OPENS_LINE().fullmatch(pt, line, i) is not None


def _glued_numbered_lines(pt: str, s: int) -> bool:
    """Does the number at ``s`` open its line (after three spaces at most), and does another line
    of the article open so too, a number of one or two digits and a stop glued to a capital? Two
    such lines are a numbered list whose items lost their space; one alone may be a label."""
    line = pt.rfind("\n", 0, s) + 1
    if s - line > 3 or pt[line:s].strip(" "):
        return False
    return len(_NUMBERED_LINE().findall(pt)) >= 2


_NUMBERED_LINE = lazy(r"(?m)^ {0,3}[0-9]{1,2}\.[A-Z][^\W\d_]")
_NUMBER_OPENS_LINE = lazy(r" {0,3}[0-9]{1,2}")
_APPOSITION = lazy(r"(?:a|an|the|which|who|whose|its|their|our|one)\b")
_PASCAL = lazy(r"[A-Z][a-z]+[A-Z][A-Za-z]*")

# An ordinal or a decade (9th, 21st, 1990s): a number with letters that ends a sentence, not a
# version (v2), an identifier or a span of seconds (10s.Timeout)
_NUMBERED = lazy(r"[0-9]{0,3}(?:1[0-9]th|1st|2nd|3rd|[04-9]th)|(?:1[5-9]|20)[0-9]0s")
# A number of digits with a unit glued on (20mph, 5km, 1.5GB): the unit list is the table's
_UNIT_NUMBER = lazy(r"[0-9]{1,6}(?:[.,][0-9]{1,3})?[A-Za-z]{1,4}")
# An ordinal written with digits in Spanish, Portuguese, Italian, French, Catalan or Dutch (5tas,
# 2do, 1er, 3e, 2º, 4ª, 10ème, 5de): digits, then a short lower-case ending or an ordinal indicator
_ORDINAL_ABROAD = lazy(r"[0-9]{1,3}(?:[ºª°]|[a-zàèé]{1,3})")
_CONTRACTION = lazy(r"[A-Za-z]+" + ENDING)  # isn’t, agency’s, we’re, they’ve, I’m
_POSSESSIVE = lazy(r"['’]s")
_POSSESSIVE_TEXT = lazy(r"(?:['’]|&#8217;|&rsquo;|&#39;|&apos;)s\b")


def _past_possessive(text: str, at: int, after: int) -> int:
    """Where the word at ``at`` ends: past its possessive ’s, also one written with an entity
    (FTC&#8217;s, masked in the prose text), or ``after`` when it has none."""
    m = _POSSESSIVE_TEXT().match(text, at)
    return m.end() if m else after


def _clause_then_lower(pt: str, at: int) -> bool:
    """A lower-case word next, after a space or a comma and a space (API keys are, FDA, led by)."""
    return space_then_lower(pt, at) or (pt[at: at + 1] in ",;" and space_then_lower(pt, at + 1))
