"""Link syntax that does not make a link: the reader sees the brackets and the URL.

``broken(doc)`` finds what broken-link-syntax (NL132) reports: a space between "]" and "(",
a destination that is not closed or holds spaces, an unbalanced "(", a title in curly quotes
or with an unescaped quote mark, text and URL swapped (``(text)[url]``, ``(url)[text]``), a
lost opening "[", each with a repair when the intended link is certain. The diagnosis is
longer than a rule module stays, and it searches the shared link view, so it lives here.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from ..document import Document
from ..patterns import lazy
from ..prose import MASK
from .markdown import defined_labels, normalize_label
from .targets import URL_START
from .url import NO_BREAK, URL_CHAR
from .view import link_view, mask_starts


class Broken(NamedTuple):
    """Link syntax that renders as text: where, what is wrong, and a repair when one is certain."""

    start: int
    end: int
    kind: str  # space-before-paren | unclosed | space-in-destination | unbalanced | reversed
    message: str
    edit: tuple[int, int, str] | None = None
    safe: bool = False


def _only_entities(doc: Document, view: str, start: int, end: int, tags: bool = False) -> bool:
    """Is every blanked stretch of ``view[start:end]`` an entity (Today&#8217;s), or none there?
    With ``tags``, an inline formatting tag (``</span>``, ``<em>``; not a link's ``<a>``) may be one too."""
    i = view.find(MASK, start, end)
    if i < 0:
        return True
    entities = mask_starts(doc, "entity")
    html = mask_starts(doc, "html") if tags else {}
    while i >= 0:
        stop = entities.get(i)
        if stop is None and i in html and _FORMAT_TAG().fullmatch(doc.text, i, html[i]):
            stop = html[i]
        if stop is None:
            return False
        i = view.find(MASK, stop, end)
    return True


# An inline tag that only formats the words it wraps: kept as it is when a link's brackets are swapped back
_FORMAT_TAG = lazy(r"</?(?!a\b)[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


_SPACE_PAREN = re.compile(r"\]([ \t]+)\(")
# (text)[url]; the text may hold one level of parentheses: (the report (PDF, 2 MB))[https://…]
_REVERSED = lazy(r"\(((?:[^()\[\]\n]|\([^()\[\]\n]{0,100}\)){1,300})\)\[((?:https?://|www\.|/|mailto:)[^\s\[\]()]*)\]")
# (https://…)[text]: the URL in the parentheses and the text in the brackets, both swapped
_MARKUP_CHARS = lazy(r"[<>`{}|]")
_URL_FIRST = lazy(r"\(((?:https?://|www\.|mailto:)[^\s()\[\]]+)\)\[([^\[\]\n]{1,300})\]")
_DEST_AND_TITLE = lazy(r"""\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|‘[^’\n]*’))?[ \t]*""")
_SPACED_MAILTO = lazy(r"mailto:[ \t]+[^\s()@]+@[^\s()@]+[ \t]*", re.I)  # [a@b.org] (mailto: a@b.org)
_CURLY_TITLE = lazy(r"""(\S+\s+)([“‘])([^“”‘’\n]*)([”’])\s*""")
_BRACKET_PAREN = re.compile(r"\]\(")
_BRACKET_MASK = re.compile(r"\]" + MASK)  # "](" whose destination the prose view masks


def broken(doc: Document) -> list[Broken]:
    """Link syntax that does not make a link: the reader sees the brackets and the URL."""
    return doc.memo("links.broken", lambda: sorted(_broken(doc), key=lambda b: b.start))


def _broken(doc: Document) -> Iterator[Broken]:
    text, prose = doc.text, doc.prose_text
    if text.find("]", doc.body_start) < 0:
        return
    view = link_view(doc)
    labels = defined_labels(doc)
    # (no `"] (" in text` pre-checks here: str's search for two characters is slower than the
    # regex, whose scan skips to each "]" at C speed)
    for m in _SPACE_PAREN.finditer(view, doc.body_start):
        paren = m.end() - 1
        if not URL_START().match(text, paren + 1) or not doc.is_prose(m.start()):
            continue
        close = _closing(text, paren)
        opening = _link_start(view, m.start())
        if close is None or opening is None or "\n" in text[paren:close]:
            continue
        if _DEST_AND_TITLE().fullmatch(text, paren + 1, close - 1) is None \
                and _SPACED_MAILTO().fullmatch(text, paren + 1, close - 1) is None:
            continue  # "(2019 figures)": not a destination ("(mailto: a@b.org)" is one, its space a slip of its own)
        safe = normalize_label(text[opening + 1:m.start()]) not in labels  # else "[text]" links already
        yield Broken(opening, close, "space-before-paren",
                     "space between ']' and '(': this renders as text, not a link; write [text](url)",
                     (m.start(1), m.end(1), ""), safe)
    # (every match holds ")[": that search runs at memchr speed, the pattern's at a tenth of it)
    swapped = text.find(")[", doc.body_start) >= 0
    for m in _REVERSED().finditer(text, doc.body_start) if swapped else ():
        if m.start() > 0 and (text[m.start() - 1] == "]" or text[m.start() - 1].isalnum()):
            continue
        if not doc.is_prose(m.start()) or not doc.is_prose(m.end(1)) or not _only_entities(doc, view, *m.span(1), tags=True):
            continue  # code, a link tag or a template in the text: not a plain swapped link
        words, url = m.group(1), text[m.start(2):m.end(2)]
        yield Broken(m.start(), m.end(), "reversed",
                     "link written as (text)[url]: this renders as text; write [text](url)",
                     (m.start(), m.end(), f"[{words}]({url})"), True)
    for m in _URL_FIRST().finditer(text, doc.body_start) if swapped else ():
        words = m.group(2)
        if m.start() > 0 and (text[m.start() - 1] == "]" or text[m.start() - 1].isalnum()
                              or text[max(0, m.start() - 3):m.start()].rstrip(" \t")[-1:] == "]") \
                or not doc.is_prose(m.start()) or not (doc.is_prose(m.end() - 1) or _url_runs_through(doc, m)) \
                or _MARKUP_CHARS().search(words) \
                or words.strip().isdigit() or words.startswith("^") or normalize_label(words) in labels:
            # a link's own ")[" (also the destination of one whose "] (" gained a space: its fix
            # deletes the space, and a swap as well would take the next link's text), code, markup,
            # a citation ((https://…)[1]), a footnote's mark ((https://…)[^1]) or a defined reference
            # (the text's first word is masked with the URL, which a bare URL's autolink runs into)
            continue
        yield Broken(m.start(), m.end(), "reversed",
                     "link written as (url)[text]: this renders as text; write [text](url)",
                     (m.start(), m.end(), f"[{words}]({m.group(1)})"), True)
    kinds: dict[int, str] | None = None
    for m in _BRACKET_PAREN.finditer(prose, doc.body_start):
        paren = m.start() + 1
        after = _skip_spaces(text, paren + 1)
        if kinds is None:
            kinds = {s: k for s, _, k in doc.prose_index.masks}
        if kinds.get(after) in ("shortcode", "liquid") or text.startswith(("{{", "{%"), after):
            continue  # a template makes the destination: not ours to judge
        found = _diagnose(text, paren)
        if found is not None:
            yield found
    for m in _BRACKET_MASK.finditer(prose, doc.body_start):
        paren = m.end() - 1
        if text[paren] == "(" and _link_start(text, m.start()) is None:
            found = _missing_open(text, paren)
            if found is not None:
                yield found


def _url_runs_through(doc: Document, m: re.Match[str]) -> bool:
    """Does the bare URL in ``(url)[text]``'s parentheses run, as a bare URL is read, over the
    ")[" and the text to the "]"? It does when the text has no space: one word
    (``(https://…)[report]``) or a URL itself (``(https://…)[https://…]``, a link whose text was
    its own address). The "]" is then masked as part of the URL, not code or markup."""
    return mask_starts(doc, "url").get(m.start(1), -1) >= m.end()


def _skip_spaces(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i < n and text[i] == "\n":
        i += 1
        while i < n and text[i] in " \t>":
            i += 1
    return i


_REACH = 2000  # characters a link's parts are looked for in, either way
_STEPS = 64  # brackets or parentheses stepped over at most: "[a](" 20,000 times must stay linear
_CLOSING_STOP = lazy(r"[\\()\n]")
# A destination of words that a hard wrap carried onto the next lines of its paragraph (no blank
# line, no bracket or parenthesis on the way) before its ")"
_WRAPPED_CLOSE = lazy(r"[^()\[\]\n]*(?:\n(?![ \t>]*\n)[^()\[\]\n]*){1,3}\)")
_DEST_STOP = lazy(r"[\s()]")


def _closing(text: str, paren: int) -> int | None:
    """Offset just after the ")" that closes the "(" at ``paren`` on the same line, or None."""
    depth = 0
    i = paren
    limit = min(len(text), paren + _REACH)
    for _ in range(_STEPS):
        m = _CLOSING_STOP().search(text, i, limit)
        if m is None or m.group() == "\n":
            return None
        j = m.start()
        if m.group() == "\\":
            i = j + 2
            continue
        if m.group() == "(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return j + 1
        i = j + 1
    return None


def _diagnose(text: str, paren: int) -> Broken | None:
    """Why "](" at ``paren - 1`` did not make a link."""
    start = _link_start(text, paren - 1)
    if start is None:
        return _missing_open(text, paren)
    s = _skip_spaces(text, paren + 1)
    line_end = text.find("\n", s)
    line_end = len(text) if line_end < 0 else line_end
    e = s
    depth = 0
    for _ in range(_STEPS):  # to the first space, or the ")" that closes: a destination's end
        m = _DEST_STOP().search(text, e, line_end)
        if m is None:
            e = line_end
            break
        e = m.start()
        if m.group() == "(":
            depth += 1
        elif m.group() == ")" and depth:
            depth -= 1
        else:
            break
        e += 1
    else:
        return None  # a thicket of parentheses: not a destination to judge
    dest = text[s:e]
    if e < line_end and text[e] == ")":
        return None  # closed without a space: a construct the masker did not expect; leave it
    if _template_runs_on(text, s, e):
        return None  # https://twitter.com/{{ + line break + site.twitter.username }}: the template builds it
    if depth == 0 and _closes_later(text, e):
        return None  # "[x](url" + line break + ")" (or a title): valid CommonMark
    rest_close = _closing(text, paren)
    if rest_close is not None and depth == 0:
        inside = text[s:rest_close - 1]
        if re.fullmatch(r"""\S+\s+(?:"[^"]*"|'[^']*')\s*""", inside):
            return None  # a title after the URL: valid syntax
        curly = _CURLY_TITLE().fullmatch(inside)
        if curly is not None and URL_START().match(dest):  # a typography tool curled the title's quotes
            q0 = s + curly.start(2)
            q1 = s + curly.start(4)
            return Broken(paren, rest_close, "title-curly",
                          "the link title is in curly quotes, which Markdown does not take for a title: "
                          'the link renders as text; write straight quotes ("title")',
                          (q0, q1 + 1, f'"{curly.group(3)}"'), '"' not in curly.group(3))
        if re.fullmatch(r"""\S+\s+(?:"[^\n]*"|'[^\n]*')\s*""", inside) and URL_START().match(dest):
            q = inside[len(dest):].strip()[0]
            return Broken(paren, rest_close, "title-quotes",
                          f"the link title holds an unescaped {q}: the link renders as text; "
                          f"write \\{q} or use the other quote mark")
        if URL_START().match(dest) and "?" not in dest and (_PROSE_TAIL().fullmatch(text, e, rest_close - 1)
                                                          or _LINK_TAIL().fullmatch(text, e, rest_close - 1)
                                                          or _ASIDE_TAIL().match(text, e, rest_close - 1)
                                                          or _words_after(text[e:rest_close - 1])):
            # "[x](https://a.gov/ is helpful.)": the URL is whole and words follow it; the ")" that
            # ends the line closes a parenthesis of the prose, the link lost its own
            trimmed = _url_end(text, s, e)
            return Broken(paren, e, "unclosed", "link destination not closed with ')': the link renders as text",
                          (trimmed, trimmed, ")"), False)
        if URL_START().match(dest):
            spaces = [(s + k.start(), s + k.end()) for k in re.finditer(r"\s+", inside)]
            edit, safe = _space_edit(text, s, rest_close - 1, spaces)
            advice = "encode spaces as %20"
            if edit is not None and not edit[2]:
                gone = text[edit[0]:edit[1]]
                advice = "delete the space" if not gone.strip() else f"delete the stray `{gone.strip()}`"
            if all(text[a:b] in NO_BREAK for a, b in spaces):
                return Broken(paren, rest_close, "space-in-destination",
                              f"no-break space inside the link destination `{inside}`: the URL is broken; {advice}",
                              edit, safe)  # (CommonMark keeps the link: only ASCII spaces end a destination)
            return Broken(paren, rest_close, "space-in-destination",
                          f"space inside the link destination `{inside}`: the link renders as text; {advice}",
                          edit, safe)
        return Broken(paren, rest_close, "space-in-destination",
                      f"the link destination `{inside}` is not a URL (it has spaces): the link renders as text")
    if not URL_START().match(dest):
        wrapped = _WRAPPED_CLOSE().match(text, s) if depth == 0 and e < line_end else None
        if wrapped is not None and wrapped.end() - s <= 300:
            # [issue: log bypass](issue: log bypass, wrapped over a line break): words, not a URL
            inside = " ".join(text[s:wrapped.end() - 1].split())
            return Broken(paren, wrapped.end(), "space-in-destination",
                          f"the link destination `{inside}` is not a URL (it has spaces): the link renders as text")
        return None
    trimmed = _url_end(text, s, e)
    if depth > 0:
        return Broken(paren, e, "unbalanced",
                      "unbalanced '(' in the link destination: the link is not closed and renders as text; "
                      "add the missing ')'", (trimmed, trimmed, ")"), False)
    return Broken(paren, e, "unclosed", "link destination not closed with ')': the link renders as text",
                  (trimmed, trimmed, ")"), False)


_WHOLE_URL = lazy(r"(?:https?://|mailto:|www\.)[^\s()\[\]]+")


def _missing_open(text: str, paren: int) -> Broken | None:
    """``text](https://…)`` with no "[" before it in its block: the opening bracket was lost, so
    the reader sees "](" and the URL. Where the link text began is a guess: no fix."""
    if paren < 2 or not text[paren - 2].isalnum() and text[paren - 2] not in ".!?'’\"”*_`)":
        return None  # "](" after a space or at a line's start: not the end of link text
        # (link text may end with an aside: "the slide deck (PDF, 5.3 MB)](https://…)")
    close = _closing(text, paren)
    if close is None or _WHOLE_URL().fullmatch(text, paren + 1, close - 1) is None:
        return None
    return Broken(paren - 1, close, "missing-open",
                  "link text has no opening '[': this renders as text; write [text](url)")


def _url_end(text: str, s: int, e: int) -> int:
    """Where the ``)`` goes in a destination ``text[s:e]`` that lost it: before the punctuation
    that ends it (``https://a.gov.`` + `` Next``), except a ``?`` or ``.`` that no sentence
    ends at, the next word being in lower case (``…/webstore/? which has``: an empty query)."""
    trimmed = e
    while trimmed > s and text[trimmed - 1] in ".,;:!?'\"":
        trimmed -= 1
    if trimmed < e and text[e - 1] in "?." and _LOWER_NEXT().match(text, e):
        return e
    return trimmed


_LOWER_NEXT = lazy(r"[ \t]+[a-z]")

# Two words or more of plain prose (no path, query or file name in them) after a URL; a dash
# may stand between them ("nimbus-sans-l/ — a close cousin").
_PROSE_TAIL = lazy(r"[ \t]+(?:(?:[A-Za-z][A-Za-z'’-]*[,;:]?|[0-9]+(?:[.,][0-9]+)*[,;:]?|[—–])[ \t]+)+"
                         r"[A-Za-z][A-Za-z'’-]*[.,;:!?]?[ \t]*")  # (a number among the words: kids 13 and under)
# ... or words and then a whole link of their own: "see [agile](https://…/Agile and [waterfall](https://…)."
_LINK_TAIL = lazy(r"[ \t]+(?:[A-Za-z][A-Za-z'’-]*[,;:]?[ \t]+)*\[[^\[\]\n]+\]\([^\s()]+\)[.,;:!?]?[ \t]*")
# ... or an aside in brackets and then more of the sentence: "[the day](https://…/ (June 27), the
# [conference](https://…) July 18-22, 2016)" (a bracketed title alone, "(url (title))", is valid)
_ASIDE_TAIL = lazy(r"[ \t]+\([^()\n]*\)[,;:]?[ \t]+\S")
# ... or one word in lower case ("(when we'll be hosted by [Celtra](http://www.celtra.com again):"), or
# two words of any script leading a sentence that has its own parentheses ("[Aufbau](https://…/x.html
# begonnen haben, buchten sich am Mittwoch (15.07.15) die …"): prose, not a path's spaces, where
# nothing after the URL holds a "/" or ends like a file's name ("/My Report.pdf" is a path with spaces)
_ONE_WORD = lazy(r"[ \t]+[^\W\dA-Z_][^\W\d_'’-]{2,}[.,;:!?]?[ \t]*")
_TWO_WORDS = lazy(r"[ \t]+[^\W\d_][\w'’-]*[,;:]?[ \t]+[^\W\d_][\w'’-]*[,;:]?(?:[ \t]|$)")
_FILE_END = lazy(r"\.[A-Za-z][A-Za-z0-9]{1,3}[ \t]*$")
_CLAUSE_END = lazy(r"[.!?]\s|\n")


def _words_after(tail: str) -> bool:
    """Is ``tail`` (after a whole URL and a space, up to the ")") prose rather than more of the URL?"""
    if _ONE_WORD().fullmatch(tail):
        return True
    head = _CLAUSE_END().split(tail, 1)[0]  # (the ")" found may be far on, past other links: judge the words first)
    return "/" not in head and not _FILE_END().search(head) and _TWO_WORDS().match(head) is not None


_LATER = lazy(r"""[ \t]*\n[ \t>]*(?:\)|"[^"\n]*"[ \t]*\)|'[^'\n]*'[ \t]*\))""")
# A title that a hard wrap split: it opens after the destination and closes, with the ")", on one
# of the paragraph's next lines (never past a blank line; up to 20 lines, so that an unclosed
# quote costs a bounded scan)
_TITLE_ACROSS = lazy(r"""[ \t]+(?:"[^"\n]*(?:\n(?![ \t>]*\n)[^"\n]*){1,20}"|'[^'\n]*(?:\n(?![ \t>]*\n)[^'\n]*){1,20}')[ \t]*\)""")


def _template_runs_on(text: str, s: int, e: int) -> bool:
    """Does the destination ``text[s:e]`` end inside a Liquid or Hugo template that closes later
    in its paragraph (``https://twitter.com/{{`` / ``site.twitter.username }})``)? Jekyll and
    Hugo render the template before the Markdown, so the link gets its URL whole."""
    dest = text[s:e]
    for opener, closer in (("{{", "}}"), ("{%", "%}")):
        k = dest.rfind(opener)
        if k >= 0 and dest.find(closer, k) < 0:
            close = text.find(closer, e, e + 300)
            return close >= 0 and "\n\n" not in text[e:close]
    return False


def _closes_later(text: str, e: int) -> bool:
    """Does ")" (or a title and ")") follow on the next line, or a title that runs on to a next
    line? A destination may end a line, and a title may hold a line break."""
    return _LATER().match(text, e) is not None or _TITLE_ACROSS().match(text, e) is not None




def _space_edit(text: str, s: int, e: int, spaces: list[tuple[int, int]]) -> tuple[tuple[int, int, str] | None, bool]:
    """Repair spaces in a destination: certain for one space right after "mailto:" or right after
    a "/" of the path (delete it) and for single spaces in the query ("?subject=Our News" →
    "%20"); otherwise the edit is unsafe."""
    dest = text[s:e]
    if len(spaces) == 1 and text[s:spaces[0][0]].lower() in ("mailto:", "tel:"):
        a, b = spaces[0]
        return (a, b, ""), True
    if len(spaces) == 1 and text[spaces[0][0] - 2:spaces[0][0]] == "/>":
        a, b = spaces[0]  # ".../master/> snippets/": a blockquote marker from a hard wrap
        return (a - 1, b, ""), False
    host = re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*", dest)
    if host is not None and len(spaces) == 1 and text[spaces[0][0]:spaces[0][1]] in NO_BREAK \
            and URL_CHAR().match(text, spaces[0][0] - 1) and URL_CHAR().match(text, spaces[0][1]):
        a, b = spaces[0]  # "https://exa\u00a0mple.com/", ".../a\u00a0b": a no-break space between two
        # characters of a URL (in its host too, which the next test leaves unsafe for an ASCII space)
        # is an editor's or a paste's leftover, never part of a URL (that would be %C2%A0):
        # ".../reaching-millenni\u00a0als-with-mobile.html"
        return (a, b, ""), True
    if host is not None and len(spaces) == 1 and spaces[0][0] < s + host.end():
        a, b = spaces[0]  # "https://exa mple.com": a host has no %20; the space is a slip
        return (a, b, ""), False
    query = text.find("?", s, e)
    if host is not None and len(spaces) == 1 and text[spaces[0][0]:spaces[0][1]] == " " \
            and text[spaces[0][0] - 1] == "/" and not 0 <= query < spaces[0][0] and spaces[0][1] < e:
        a, b = spaces[0]  # "https://twitter.com/ 18F/": no path segment starts with a space; a
        return (a, b, ""), True  # slip (or a wrap's leftover) after the slash, not a file name's space
    single = all(text[a:b] == " " for a, b in spaces)
    safe = single and 0 <= query < spaces[0][0]
    return (s, e, re.sub(r"\s+", "%20", dest)), safe


def _link_start(text: str, bracket: int) -> int | None:
    """The "[" that opens the link text closed by the "]" at ``bracket`` (same block), or None."""
    depth = 0
    i = bracket
    lo = max(0, bracket - _REACH)
    blank = text.rfind("\n\n", lo, bracket)
    floor = blank + 1 if blank >= 0 else lo  # a blank line ends the block: never look past it
    for _ in range(_STEPS):
        j = max(text.rfind("[", floor, i), text.rfind("]", floor, i))
        if j < 0:
            return None
        i = j
        if text[j - 1:j] == "\\":
            continue
        if text[j] == "]":
            depth += 1
        elif depth == 0:
            return j
        else:
            depth -= 1
    return None

