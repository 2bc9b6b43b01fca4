"""A comma or a semicolon glued to the next word (``documents,but``, ``some did;others``): does a
clause run on, or is it a number, a list of code or data, a tuple or coordinates (``1,000``,
``a,b,c``, ``f(a,b)``, ``x,y``)? Lists in words, domains, handles, names with a dot and camel-case
names after a comma are judged here; a colon goes on to colons.py.
"""

from __future__ import annotations

from typing import Any

from ..patterns import lazy
from ..resources import english_words
from .colons import colon_runs_on, number_colon_runs_on
from .domains import HANDLE, SLASHED, URL_PATH, is_domain, is_tld
from .glued import CALENDAR, CLOSERS, CODE_LIKE, GLUED_ITEM, OPENERS, has_code, right_word, space_then_lower, tokens


def clause_runs_on(pt: str, i: int, table: dict[str, Any]) -> bool:
    """Does the comma, semicolon or colon at ``i`` end a clause that runs into the next word?"""
    mark = pt[i]
    if not pt[i - 1: i].isalpha():
        return mark == ":" and pt[i - 1: i].isdigit() and number_colon_runs_on(pt, i)
    left, right = tokens(pt, i)
    if mark == ";" and (_ENTITY().search(left) or left.lower().endswith("tl")):
        return False
    word = left.lstrip(OPENERS)
    if "..." in word or "…" in word:
        word = _ELLIPSIS().split(word)[-1]  # kind of...well,not: the word after an ellipsis is the
        # comma's (the dots are no file's or domain's)
    if mark == "," and (is_domain(word, table) or is_tld(word, table)):
        if _listed_domain(pt, i + 1, right, table):
            return True  # kids.gov, data.gov,challenge.gov, and: a list of domains whose other commas
            # have their space (not a host list written as one value: example.com,example.org and)
        nxt = right_word(right)  # plainlanguage.gov,all of the coding: a domain ends the clause
        # (and so does a top-level domain named with its dot: .gov, .mil,etc.)
        return nxt.isalpha() and nxt.islower() and (len(nxt) > 1 or (nxt == "a" and right == "a")) \
            and not GLUED_ITEM().match(right[len(nxt):])  # (cloud.gov,a Platform-as-a-Service)
    if mark == "," and (_VERSION().fullmatch(word) or _AT_NAME().fullmatch(word) or _LOWER_DOTTED().fullmatch(word)
                        or "/" in word and is_domain(word.split("/", 1)[0], table)
                        and URL_PATH().fullmatch(word, word.find("/"))):
        # the release of LND 0.8.2-beta,requests help; To upgrade NARA@work,the Web team; the code
        # is on github.com/peer-observer,and there is: a version number, a name written with an
        # "@" (no address: nothing dotted after it) or a domain with its path ends the clause when
        # one English word follows, then a space (not 1.2,3.4, nor a URL's own comma: example.com/a,b);
        # so does a host or file name the domain list does not know (bitcoincore.reviews,which)
        nxt = right_word(right)
        return nxt == right and len(nxt) > 1 and nxt.islower() and nxt in english_words() \
            and pt[i + 1 + len(nxt): i + 2 + len(nxt)] in (" ", "\n")
    if mark == "," and _TIME().fullmatch(word):
        nxt = right_word(right)  # At 11:29am,we had: a time of day ends the clause
        return nxt.isalpha() and nxt.islower() and len(nxt) > 1 and not GLUED_ITEM().match(right[len(nxt):])
    if mark == "," and HANDLE().fullmatch(word):
        nxt = right_word(right)  # for those new to the hunt for #lostapps,the campaign: a hashtag
        # or a handle ends the clause
        return nxt.isalpha() and nxt.islower() and len(nxt) > 1 and not GLUED_ITEM().match(right[len(nxt):])
    if mark == "," and _DOTTED_NAME().fullmatch(word):
        nxt = right_word(right)  # Hack.Developers,ecco come: a name with a dot ends the clause
        return nxt.isalpha() and nxt.islower() and len(nxt) > 1 and not GLUED_ITEM().match(right[len(nxt):])
    if mark in ",;" and SLASHED().fullmatch(word):
        nxt = right_word(right)  # at least 1 sat/vbyte,then a higher: a unit or and/or ends the clause
        # (incentives/disincentives;some didn't: a semicolon too)
        return nxt.isalpha() and nxt.islower() and len(nxt) > 1 and not GLUED_ITEM().match(right[len(nxt):])
    if mark == "," and _SNAKE().fullmatch(word) and _SPACED_ITEMS().search(pt, max(0, i - len(word) - 120), i - len(word)):
        nxt = right_word(right)  # splice_update, splice_signed,things like that: the list's last
        # identifier, glued to the words after it (its items are spaced; code's a,b,c are not)
        return nxt.isalpha() and nxt.islower() and len(nxt) >= 3 and _WORD_END().fullmatch(right, len(nxt)) is not None
    if not word or CODE_LIKE().search(word) or "(" in word or "[" in word:
        return False
    nxt = right_word(right)
    if not nxt and mark == "," and word.isalpha() and len(word) >= 3 and word.lower() in table["domain-words"]:
        nxt = right_word(right, domains=True)  # json,xml and csv; com,org: formats or domains listed,
        nxt = nxt if len(nxt) >= 3 else ""  # not a file or host name whose dot became a comma (report,pdf)
    if not nxt and mark == "," and word.isalpha() and (word.islower() or (word.istitle() and len(word) >= 4)) and len(word) >= 2 \
            and right in _WORDS_NOT_DOMAINS.get(table.get("language", ""), ()) and space_then_lower(pt, i + 1 + len(right)):
        return True  # animaros a que,de forma individual, hasta el 9 de Septiembre,de ahí en: in Spanish,
        # French, Portuguese or Dutch "de" is a word that goes on with the clause, not Germany's domain
    if not nxt and mark == "," and word.isalpha() and word.islower() and len(word) >= 3 and word in english_words():
        nxt = right_word(right, domains=True)  # privacy concerns,app purging: a domain's word that
        # is an English word, then the clause (not report,pdf or example,com: no word, or no clause),
        # or the next item of a list in words (social media,chat, blogs or email)
        if not (len(nxt) >= 3 and nxt.islower() and nxt in english_words()
                and (right == nxt or right == nxt + ",") and space_then_lower(pt, i + 1 + len(right))):
            nxt = ""
    if not nxt and mark == "," and word.isalpha() and len(word) > 1 and (
            _WORD_PAIR().match(right) or (word.islower() and len(word) >= 4 and _SLASHED_PLAIN().fullmatch(right))):
        return True  # brands,and/or companies, executed,passed/failed: words, not a path
    if not nxt and mark == "," and word.isalpha() and len(word) >= 2 and _name_after_comma(pt, i, word, right, table):
        return True
    if not nxt and mark == "," and _spaced_list_item(pt, i, word, right):
        return True
    if not nxt:
        return False
    if mark == ":":
        return colon_runs_on(pt, i, word, right, nxt, table)
    rest = right[len(nxt):]
    if _prose_list(word, right):
        return True  # laws,regulations,policies,and other: a list in words, not a,b,c
    pair = _WORD_PAIR_IN_BRACKETS().fullmatch(f"{left},{right}")
    if pair and pair.group(1) in english_words() and pair.group(2) in english_words() and not has_code(table["text"]):
        return True  # other channels (phone,email) transfer: two English words in brackets, in an
        # article that shows no code, are an aside's list, not a tuple such as (IP,port) or (x,y)
    if GLUED_ITEM().match(rest) or GLUED_ITEM().search(word) or "(" in right or "=" in right or ("(" in left and ")" in right):
        return False  # a,b,c, f(a,b) and (IP,port): lists, code and tuples, not prose
    return not (len(word) == 1 and len(nxt) == 1)  # x,y coordinates


_ENTITY = lazy(r"&#?[A-Za-z0-9]+$")
_ELLIPSIS = lazy(r"\.\.\.+|…")
_WORD_PAIR_IN_BRACKETS = lazy(r"\(([a-z]{4,}),([a-z]{4,})\)[,.;:]?")  # (phone,email), (existing,outdated)
_AT_NAME = lazy(r"[A-Za-z][A-Za-z0-9]*@[A-Za-z][A-Za-z0-9]*")  # NARA@work (not user@example.gov)
_TIME = lazy(r"[0-9]{1,2}(?::[0-9]{2})?(?:am|pm|AM|PM)")  # 11:29am, 9pm
_VERSION = lazy(r"v?[0-9]+(?:\.[0-9]+)+(?:-[a-z][a-z0-9.]*)?")  # 0.8.2-beta, v2.1, 25.0

# A lower-case name with dots: a host or a file name (bitcoincore.reviews, config.yaml)
_LOWER_DOTTED = lazy(r"[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+")
# A name written with a dot between capitalised words (Hack.Developers, Code.Sprint), not code
_DOTTED_NAME = lazy(r"[A-Z][a-z]+(?:\.[A-Z][A-Za-z]+)+")
_SNAKE = lazy(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")  # an identifier in snake case: splice_signed
_WORD_END = lazy(r"[,.;!?”’]?")  # (not a bracket: f(a_b, c_d, e_f,ghi) is code)
_SPACED_ITEMS = lazy(r"(?<![\w,])[a-z][a-z0-9]*_\w+, [a-z][a-z0-9]*_\w+, \Z")  # two such items before it

# Two words joined by a slash that prose uses as one word (not a path: usr/bin, src/lib)
_WORD_PAIR = lazy(r"(?:and/or|or/and|he/she|she/he|his/her|her/his|him/her)(?![\w/])")

# Plain words of four letters or more joined by slashes, then the clause goes on (passed/failed,)
_SLASHED_PLAIN = lazy(r"[a-z]{4,}(?:/[a-z]{4,})+[,.;:!?)]?")
_CAMEL_NAME = lazy(r"(?:[a-z]+|[A-Z][a-z]+)[A-Z][A-Za-z0-9]*")  # comScore, smokefreeTXT, MobileGov


def _listed_domain(pt: str, at: int, right: str, table: dict[str, Any]) -> bool:
    """Is ``right``, the token at ``at``, a domain with its own comma and a space after it: an
    item of a list (data.gov, the Census), not a host list written as one value?"""
    return right[-1:] == "," and is_domain(right[:-1], table) and pt[at + len(right): at + len(right) + 1] in (" ", "\n")


def _name_after_comma(pt: str, i: int, word: str, right: str, table: dict[str, Any]) -> bool:
    """After a plain word and a comma, a name that the word check leaves out, then the clause:
    a dotted abbreviation of the table (Lisa Wilcox,U.S. Department), or after an English word a
    domain (Last fall,vote.gov and the; In future phases,StudentAid.gov will; across the
    country,data.gov, the Census) or, in an article
    that shows no code, a name in camel case (In July,comScore released; this webinar,MobileGov
    developers; not a list of properties, width,minHeight)."""
    after = i + 1 + len(right)
    abbr = right.rstrip(",;:")
    if abbr.endswith(".") and abbr[:-1] in table["dotted-abbreviations"]:
        return True
    if len(word) < 3 or not (word in CALENDAR or word in english_words() or word.lower() in english_words()):
        return False
    if _listed_domain(pt, i + 1, right, table):
        return True  # partners across the country,data.gov, the Census Bureau: a list's item
    if not space_then_lower(pt, after):
        return False
    if is_domain(right, table):
        return True
    return _CAMEL_NAME().fullmatch(right) is not None and not has_code(table["text"])


def _spaced_list_item(pt: str, i: int, word: str, right: str) -> bool:
    """Debian, Fedora,phpBB, Arch: a name in mixed case (which the word check leaves out) glued
    to the comma after an item of a list whose commas before and after have their space (not a
    list written without spaces, code's a,b,c, nor a name with its own comma: Fedora,phpBB,Arch)."""
    item = right[:-1] if right.endswith(",") else right
    if not (word.isalpha() and len(word) >= 2 and _LIST_ITEM().fullmatch(item)):
        return False
    start, after = i - len(word), i + 1 + len(item)
    if not pt.endswith(", ", 0, start) or not pt[start - 3: start - 2].isalpha():
        return False
    return pt.startswith((", ", ",\n"), after) or pt.startswith((" and ", " or "), after)


# A word of a list: letters, a capital inside (phpBB, iOS, GitHub), not code (a_b, a.b, a1)
_LIST_ITEM = lazy(r"[^\W\d_]{2,}")


_LIST_WORDS = frozenset(("and", "or", "nor", "etc"))

# Words of a language that are a domain's word too (Germany's .de, .com, .net, .eu, .au, .io, .ai):
# in an article in that language they are words first (Portuguese and Catalan "com", with; Dutch
# and French "net", just, clear; Portuguese "eu", I; French "au", to the, and "ai", have; Italian
# "io", I, and "ai", to the): `Nesse encontro,com coffee-break`, `aanleren,net als`
_WORDS_NOT_DOMAINS = {lang: frozenset(("de",)) for lang in ("ca", "es", "fr", "nl", "pt", "ro")}
_WORDS_NOT_DOMAINS.update({"pt": frozenset(("de", "com", "eu")), "ca": frozenset(("de", "com")),
                           "nl": frozenset(("de", "net")), "fr": frozenset(("de", "net", "au", "ai")),
                           "it": frozenset(("io", "ai"))})


def _prose_list(word: str, right: str) -> bool:
    """Three or more lower-case words glued by commas, with "and", "or" or "etc." among them, or
    of three letters or more with one of six or more: a sentence's list whose spaces went missing
    (smartphones,tablets,etc.; anytime,anywhere,any device), never a code or data list (a,b,c;
    short tokens such as field names or colours: name,email,phone; red,green,blue)."""
    # (the list's last comma may be spaced: developers,coders,designers, data scientists)
    items = [*word.split(","), *right.rstrip(CLOSERS + ".,;:").split(",")]
    return len(items) >= 3 and all(w.isalpha() and w.islower() for w in items) and \
        (any(w in _LIST_WORDS for w in items[1:]) or (min(map(len, items)) >= 3 and max(map(len, items)) >= 6))
