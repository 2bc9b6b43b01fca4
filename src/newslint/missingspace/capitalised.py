"""A capitalised word, a stop and the next word (``rural America.Available``, ``Johanna
Koljonen.Teams``, ``April.Search``): a name that ends a sentence, or one written with a dot
(``Fork.Observer``, ``Lightning.Pub``)? Each test asks what the word is (a title, a given name, a
month, a word of the dictionary, the last of a long name) and how the article writes the two
words elsewhere (wordhabits.py).
"""

from __future__ import annotations

from typing import Any

from ..language import function_words
from ..names.data import given_names
from ..patterns import lazy
from ..resources import english_words
from .wordhabits import INFLECTED, both_stand_alone, glued_count, opens_sentences, per_text, word_places
from .bangs import BANG_NAMES
from .glued import CALENDAR, LAST_WORD, has_code, space_then_lower


def capitalised_ends(pt: str, i: int, word: str, right: str, nxt: str, after: int, table: dict[str, Any],
                     latin: Any, text: str) -> bool:
    """A capitalised word, then the stop and the next word: a name that ends a sentence (a person,
    a month, a place the dictionary lists, the last word of a long name) or one written with a dot
    (Fork.Observer)?"""
    if pt[i] == "." and word in table["title-abbreviations"]:
        return True
    if pt[i] == "?":
        return nxt[0].isupper()  # Questions?Tweet us: names take a dot or a "!" (Yahoo!News), not a "?"
    if pt[i] == "!" and nxt.istitle() and right == nxt and space_then_lower(pt, i + 1 + len(nxt)) \
            and word not in BANG_NAMES and word.lower() in english_words() \
            and nxt.lower() in english_words() and pt.count(word + "!") == 1:
        return True  # Day of Civic Hacking!Note the form: two plain words, a sentence going on
        # after the second (not a name styled with a "!", which an article writes more than
        # once or is a famous one: Yahoo!News, Jeopardy!)
    if pt[i] == "!" and nxt.istitle() and right == nxt and space_then_lower(pt, i + 1 + len(nxt)) \
            and word not in BANG_NAMES and pt.count(word + "!") == 1 and _written_plain(pt, word) >= 2:
        return True  # crowds at Anthrocon!Organizers said: a name the article writes twice more
        # with no "!" (a name styled with a "!" keeps it each time), then a sentence going on
    if pt[i] == "." and nxt.istitle() and _after_given_name(pt, i - len(word)):
        return True  # Johanna Koljonen.Teams: a person's name ends a sentence
    if pt[i] == "." and right == nxt and nxt.istitle() and len(nxt) > 2 and space_then_lower(pt, after) \
            and glued_count(pt, word, nxt) == 1 and _surname_elsewhere(pt, nxt):
        return True  # a Team Service Reward Program.Stahl knows: the next sentence opens with the
        # surname of a person the article names in full elsewhere (Paul Stahl), then a verb
    if pt[i] == "." and right == nxt and word.istitle() and nxt.istitle() and len(nxt) > 2 and word in given_names() \
            and _AND_BEFORE().search(pt, max(0, i - len(word) - 6), i - len(word)) and space_then_lower(pt, after) \
            and glued_count(pt, word, nxt) == 1:
        return True  # geleid door Marc en Aliza.Teams werden: a given name after "and" (in any of the
        # languages the articles are written in) ends a list of people; a name written with a dot
        # (Ruby.Weekly) is not listed after another person's
    if pt[i] == "." and right == nxt and word.istitle() and len(nxt) > 2 and nxt in given_names() \
            and _SURNAME_NEXT().match(pt, after) and glued_count(pt, word, nxt) == 1:
        return True  # American Independence.Benjamin Franklin signed: a person's full name opens
        # the next sentence (a name written with a dot has no given name and surname after it)
    if pt[i] == "." and right == nxt and word.istitle() and nxt.istitle() and space_then_lower(pt, after) \
            and (_name_opens_with(pt, i - len(word), nxt) or (word == nxt and len(word) > 2)) \
            and glued_count(pt, word, nxt) == 1:
        return True  # through Kaggle Connect.Kaggle has, currently Akamai.Akamai serves: the next
        # sentence opens with the name (or its first word) that ends this one (a name written with
        # a dot does not repeat its own first word)
    if pt[i] == "." and nxt.istitle() and word in CALENDAR and glued_count(pt, word, nxt) == 1:
        return True  # in early April.Search volume: a date ends a sentence
    if pt[i] == "." and table["english"] and right == nxt and nxt.istitle() and word.istitle() \
            and nxt.lower() in english_words() and (
                (space_then_lower(pt, after) and word in english_words())
                or (_titled_then_lower(pt, after) and _ends_long_name(pt, i - len(word)))) \
            and glued_count(pt, word, nxt) == 1 and word_places(pt).get(nxt) is not False:
        return True  # rural America.Available as a download, the World Trade Center.Cell phone
        # systems: a name the dictionary lists (a place, a people, a person) or the last word of a
        # name of several words inside a sentence, then an ordinary word that opens a clause and that
        # the article never capitalises inside a sentence (as it would a dotted name's: Fork.Observer);
        # after such a name, the ordinary word may open a title and a name before the clause goes on
        # (TTS' Public Experience Portfolio.Acting Director Leilani Martinez notes)
    if pt[i] == "." and right == nxt and nxt.endswith("ed") and INFLECTED().fullmatch(nxt) \
            and nxt.lower() in english_words() and space_then_lower(pt, i + 1 + len(nxt)) \
            and glued_count(pt, word, nxt) == 1 and not has_code(text or pt):
        return True  # news focused on Cuba.Created by the Board: a past participle, then a lower-case
        # word, opens a sentence (in an article with no code: not Event.Created; not a name
        # the article writes so twice; Ruby.Weekly and Friday.Rounding may be names)
    if pt[i] == "." and table["english"] and right == nxt and nxt.istitle() and len(nxt) > 2 \
            and nxt.lower() in english_words() and _DETERMINER_NEXT().match(pt, after) \
            and glued_count(pt, word, nxt) == 1 and not has_code(text or pt):
        return True  # the key benefit of Medium.Notice there are: an ordinary word then a
        # determiner or a subject pronoun opens a sentence (an imperative, an adverb), where the
        # second half of a name written with a dot is followed by a verb or a noun (Lightning.Pub
        # launching); in an article with no code (the Event.Created value)
    if pt[i] == "." and not table["english"] and right == nxt and word.istitle() and nxt.istitle() \
            and word.isalpha() and nxt.isalpha() and len(word) > 2 and len(nxt) > 2 and space_then_lower(pt, after) \
            and glued_count(pt, word, nxt) == 1 and word_places(pt).get(nxt) is not False \
            and (nxt.lower() not in english_words()
                 or (nxt.lower() in function_words(table.get("language", "")) and not has_code(text or pt))):
        return True  # viele Impulse.Insbesondere die Expertise, en Vigo.Gracias por todo: in an article
        # in another language than English (no dictionary to ask), a word the article never writes
        # capitalised inside a sentence, then a lower-case word, opens the next one; the second half
        # of a name written with a dot is capitalised wherever it stands (the German noun too), and
        # an English word there is a name's (Le site Ruby.Weekly reste), unless it is one of the
        # article's language's own function words (Impulse.Die Expertise); an article that shows code
        # (a ruby-lang post: o języku Ruby.Prelegenci to) may name code written with a dot in its
        # prose, but a code name's halves are English words (Event.Created, Die), so only a
        # function word needs an article with no code
    return nxt in table["sentence-starters"] or (pt[i] == "." and (
        both_stand_alone(latin(), word, nxt) or opens_sentences(pt, word, nxt)))


# After a given name glued to a stop: its surname, then the sentence goes on (a lower-case word)
# (or its possessive before any word: Semantria.Steve Grunwell’s WordPress plugin, the mark
# maybe an entity the prose view masks, Grunwell&#8217;s)
# (the lines may break between the two names, or after the surname: Aktionen.Luisa⏎Neubauer sprach)
_SURNAME_NEXT = lazy(r" [A-Z][a-z]+(?:[’']s)?[ \n][a-z]| [A-Z][a-z]+(?:[’']|\ue000+)s[ \n][A-Za-z]"
                     r"|\n[A-Z][a-z]+(?:[’']s)?[ \n][a-z]")
# "And" before a word, in the languages of the articles (English, German, Dutch, French, Spanish,
# Portuguese, Italian, Swedish, Danish and Norwegian), and the ampersand
_AND_BEFORE = lazy(r"(?<![^\W_])(?:and|und|en|et|y|e|ed|och|og|&) \Z")
# After the glued word, a determiner or a pronoun that opens a noun phrase or a clause
# (not "that", a relative after a name too: Event.Created that the handler reads; not "it", "its",
# "his", "her": an object or its possessive, gave Lightning.Pub its name)
_DETERMINER_NEXT = lazy(r" (?:the|these|those|this|there|your|our|their|my|we|you|they)\b(?![\w'’.-])")


def _after_given_name(pt: str, start: int) -> bool:
    """Is the word that ends at ``start`` (then one space) a known given name?"""
    if pt[start - 1: start] != " ":
        return False
    m = LAST_WORD().search(pt, max(0, start - 40), start - 1)
    return m is not None and m.group() in given_names()


def _written_plain(pt: str, word: str) -> int:
    """How often ``pt`` writes ``word`` whole with no "!" after it."""
    return _plain_words(pt).get(word, 0)


@per_text
def _plain_words(pt: str) -> dict[str, int]:
    """How often each word stands whole with no "!" after it, counted once per text (asked only
    where a capitalised word is glued to a "!", which is rare)."""
    counts: dict[str, int] = {}
    for m in _PLAIN_WORD().finditer(pt):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    return counts


_PLAIN_WORD = lazy(r"(?<![^\W_])[^\W\d_]+(?![^\W_]|!)")


def _surname_elsewhere(pt: str, word: str) -> bool:
    """Does the article write ``word`` after a known given name elsewhere (Paul Stahl)?"""
    return word in _after_given_names(pt)


@per_text
def _after_given_names(pt: str) -> frozenset[str]:
    """The capitalised words the text writes after a known given name and a space (Stahl of Paul
    Stahl), found once per text: a search of the whole text for each glued stop took time in the
    square of their number."""
    names = given_names()
    return frozenset(m.group(2) for m in _WORD_THEN_CAPITALISED().finditer(pt) if m.group(1) in names)


# A word, a space and a capitalised word (looked at, not taken: it may be the next pair's first)
_WORD_THEN_CAPITALISED = lazy(r"(?<![^\W_])([^\W\d_]+) (?=([A-Z][^\W\d_]*)(?![^\W_]))")


def _name_opens_with(pt: str, start: int, first: str) -> bool:
    """Does a name of two to four capitalised words that opens with ``first`` end with the word at
    ``start`` (Kaggle Connect, with Kaggle)?"""
    # (words split at spaces, not a pattern made per word: thousands of glued stops would each
    # compile one)
    parts = pt[max(0, start - 80):start].split(" ")
    if len(parts) < 2 or parts[-1]:
        return False  # no space right before the word
    for part in reversed(parts[-4:-1]):
        if part == first:
            return True
        if not part[:1].isupper():
            return False
    return False


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
    return space_then_lower(pt, at) or _TITLED_RUN().match(pt, at) is not None


_TITLED_RUN = lazy(r"(?: [A-Z][a-z]+){1,4} [a-z]")
