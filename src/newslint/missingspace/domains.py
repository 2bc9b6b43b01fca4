"""Tokens with a code-like character that still end a sentence or a clause: domains
(``Regulations.gov.An``), top-level domains named with their dot (``.gov``), handles and hashtags
(``#opendata.We``), file types (``.epub.You``), words joined by slashes (``and/or.The``); and a
capitalised domain that opens the next sentence (``the new site.Regulations.gov has``).
"""

from __future__ import annotations

from typing import Any

from ..patterns import lazy
from ..resources import english_word
from .glued import ENDING, space_then_lower


HANDLE = lazy(r"[@#][A-Za-z][A-Za-z0-9_]*")  # a social-media handle or a hashtag

# Lower-case words joined by slashes (and/or), and domain names (Regulations.gov): the tokens
# with a code-like character that can end a sentence or a clause.
SLASHED = lazy(r"[a-z0-9]*[a-z][a-z0-9]*(?:/[a-z0-9]+)+")  # and/or, 12th/13th

# ... and before a stop and a sentence-starting word, names joined by a slash too (RIM/Blackberry.Here)
# (Homebrew/homebrew-core.They: a repository's name with a hyphen too)
_SLASHED_WORDS = lazy(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9-]*)+")
_EMAIL = lazy(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)")  # (an address ends where its domain does)
_DOMAIN = lazy(r"(?:[A-Za-z]|[0-9]+[A-Za-z])[A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,}")  # (18f.gsa.gov too)


def is_domain(token: str, table: dict[str, Any]) -> bool:
    """A domain name whose last label the table lists (census.gov, 18f.gsa.gov; not report.pdf)."""
    return _DOMAIN().fullmatch(token) is not None and token.rsplit(".", 1)[-1].lower() in table["domain-words"]


def is_tld(token: str, table: dict[str, Any]) -> bool:
    """A top-level domain named with its dot (.gov, .mil): a word of a sentence's list."""
    return token[:1] == "." and token[1:].isalpha() and token[1:].islower() and token[1:] in table["domain-words"]


def code_like_ends(pt: str, i: int, token: str, right: str, after: int, table: dict[str, Any]) -> bool:
    """Does a token with a code-like character (a domain, words joined by slashes, a handle, a file
    type) end a sentence at the stop at ``i``?"""
    email = _EMAIL().fullmatch(token)
    if email is not None and is_domain(email.group(1), table):
        token = email.group(1)  # write to team@gsa.gov.No paperwork: the address's domain ends the sentence
    if pt[i] == "." and (is_domain(token, table) or is_tld(token, table)) \
            and _titled_clause(pt, right, after) and right.rstrip(",").lower() not in table["domain-words"]:
        return True  # using cloud.gov.Specifically, out of: a capitalised word then a comma or a
        # lower-case word is no label of the host (a host name does not go on with a comma), unless
        # it is a domain's own word (api.data.gov.Au for now); a top-level domain named with its
        # dot too (names like .gov and .mil.Increasingly, citizens)
    if pt[i] == "." and SLASHED().fullmatch(token) and _titled_clause(pt, right, after) \
            and all(len(w) >= 4 and english_word(w) for w in token.split("/")) \
            and english_word(right.rstrip(",").lower()):
        return True  # user input/research.Significant findings: English words joined by a slash,
        # then an English word and the sentence going on, are words, not a path (src/lib.Foo);
        # words of four letters or more (and/or.Net is the framework)
    # incentives/disincentives.Let, Regulations.gov.An: words joined by slashes, or a domain,
    # end a sentence when a sentence-starting word follows the stop (not a path or a host)
    # (census.gov?The new site: a question ends there as well)
    # (mention @usdatagov.The team, tag #opendata.We: a handle or hashtag has no full stop of its own)
    # (Node.js.We’re also: the starter with its contraction; analytics.usa.gov.Mr. Mill: a title)
    # (changes coming to .gov.Here’s, most devices use .epub.You, USA.gov/espanol.This gives: a
    # top-level domain or a file type named with its dot, a domain with its path)
    opener = _WORD_CONTRACTED().fullmatch(right)
    return pt[i] in ".?!" and (_SLASHED_WORDS().fullmatch(token) is not None or is_domain(token, table)
                               or HANDLE().fullmatch(token) is not None or _FILE_TYPE().fullmatch(token) is not None
                               or is_domain(token.split("/", 1)[0], table) and URL_PATH().fullmatch(token, token.find("/"))) \
        and ((opener is not None and opener.group(1) in table["sentence-starters"])
             or (right[-1:] == "." and right[:-1] in table["title-abbreviations"] and pt[after: after + 1] == " "))


def _titled_clause(pt: str, right: str, after: int) -> bool:
    """The glued word is a capitalised plain word, then a comma or a space and a lower-case word."""
    word = right[:-1] if right.endswith(",") else right
    return len(word) > 1 and word.isalpha() and word.istitle() and \
        (right.endswith(",") or space_then_lower(pt, after))


_FILE_TYPE = lazy(r"\.[a-z][a-z0-9]{1,4}")  # .gov, .epub, .mp4: a type or a domain named with its dot
URL_PATH = lazy(r"(?:/[A-Za-z0-9_-]+)+")  # (/espanol, /data/sets; not a file's dot)
_WORD_CONTRACTED = lazy(r"([^\W\d_]+)(?:%s)?" % ENDING)


def domain_opens(pt: str, word: str, right: str, after: int, table: dict[str, Any]) -> bool:
    """After a lower-case word and a stop, a domain whose first label is a capitalised word
    (Regulations.gov, Data.gov), then a lower-case word or the clause's end: the next sentence
    opens with the site's name. Not an acronym (transition.FEC.gov, a host written so in the
    corpus), nor a host name written so more than once in the article."""
    m = _DOMAIN_THEN().fullmatch(right)
    if m is None or word in _HOST_LABELS or not is_domain(m.group(1), table) or pt.count(f"{word}.{m.group(1)}") > 1:
        return False
    label = m.group(1).split(".", 1)[0]
    return len(label) > 1 and label.isalpha() and label.istitle() and (m.group(2) is not None or space_then_lower(pt, after))


# Host names' first labels that are English words too, and hardly ever a sentence's last word
# (beta.Notify.gov, mirror.Example.gov)
_HOST_LABELS = frozenset("api beta demo dev docs mirror my staging wiki www".split())
_DOMAIN_THEN = lazy(r"([A-Za-z0-9.-]+?)(['’]s|[,;:!?)”’]|\.(?=$))?")
