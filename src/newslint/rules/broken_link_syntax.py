"""Broken link syntax: Markdown meant as a link that renders as text, brackets and all.

Reported: a space between ``]`` and ``(`` (``[text] (https://…)``); a destination not closed
with ``)`` (``[text](https://…``); a destination with an unbalanced ``(``
(``[Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)``); a space inside the destination
(``[email us](mailto:a@b.gov?subject=Our News)``, ``[x](to https://…)``; words, not a URL, even where a hard
wrap carries them to the next line: ``[log bypass](plugin/rewrite: log`` / ``bypass)``); a title with an
unescaped quote mark (``[x](https://a.gov "the "Data" page")``) or in curly quotes
(``[x](https://a.gov “Data”)``); text and URL in the wrong brackets (``(text)[https://…]``, its text
holding entities or formatting tags like ``</span>`` too, but not a link's ``<a>``), or each in the
other's place (``(https://…)[text]``, also when the text is one word or the URL itself,
``(https://…)[here]``, ``(https://…)[https://…]``; not a citation, ``(https://…)[1]``, a footnote's
mark, ``(https://…)[^1]``, nor a defined reference);
link text that lost its opening bracket (``see the report](https://…)``, ``the slides (PDF, 5 MB)](https://…)``:
where it began is a guess, so there is no fix); a destination closed twice (``[text](https://…))``, with no open
parenthesis before it in the paragraph, or with one that is closed again right after,
``(Learn more [here](https://…)).)``: the safe fix deletes the stray ``)``); an autolink
that lost its ``>`` (``<https://…`` then a blank: the safe fix closes it after the URL); link text whose
closing bracket is escaped (``[Como um post virou \\](/posts/…)``: the ``\\]`` is a bracket of the text,
so the link never closes; no fix, what the backslash cut off is a guess).

Fixes: ``[text] (url)`` → ``[text](url)``, ``(text)[url]`` and ``(url)[text]`` → ``[text](url)`` are safe (the
first only when ``[text]`` is not itself a defined reference), and so is encoding the spaces of
a query as ``%20``, deleting a space right after ``mailto:`` or right after a ``/`` of the path
(``https://twitter.com/ 18F/``: no path segment starts with a space) and straightening a title's curly
quotes. Adding a missing ``)`` or
encoding other spaces is unsafe: where the URL ends is a guess. A whole URL followed by words, a
link of their own or an aside in brackets and more of the sentence (``[the day](https://…/ (June
27), the [event](https://…) in July)``) lost its ``)`` at the URL's end: the fix puts it there,
not spaces encoded into the prose.

Bad:  Read [the GAO report] (https://www.gao.gov/products/gao-22-105).
Good: Read [the GAO report](https://www.gao.gov/products/gao-22-105).
Bad:  [Email the team](mailto:team@gsa.gov?subject=Training Session) to sign up.
Good: [Email the team](mailto:team@gsa.gov?subject=Training%20Session) to sign up.

Not findings: a link with a title (``[x](https://a.gov "Title")``), a destination in angle
brackets (``[x](<my file.pdf>)``), a destination that ends its line with ``)`` on the next,
a title that a hard wrap split over two lines (``[x](https://a.gov "The Office of`` / ``the
Coordinator")``), a destination a template builds (``[x]({{< ref "a.md" >}})``, also when the
template runs over a line break: ``[x](https://twitter.com/{{`` / ``site.twitter.username }})``), a title in brackets
(``[x](https://a.gov (the 2024 edition))``),
a bracket followed by a parenthesis that holds no URL (``[1] (2019)``), code.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.broken import broken
from ..links.targets import URL_START
from ..model import Finding, Fix
from ..patterns import lazy

ID = "NL132"
NAME = "broken-link-syntax"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}

_TITLES = {"space-before-paren": "Delete the space", "reversed": "Swap the brackets",
           "space-in-destination": "Encode the spaces", "unclosed": "Close the link", "unbalanced": "Close the link",
           "title-quotes": "", "title-curly": "Straighten the title's quotes", "missing-open": ""}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each broken link; fix it where the intended link is certain."""
    for b in broken(doc):
        fix = None
        if b.edit is not None:
            s, e, text = b.edit
            title = _TITLES[b.kind]
            if b.kind == "space-in-destination" and not text:
                title = "Delete the space" if not doc.text[s:e].strip() else f"Delete `{doc.text[s:e].strip()}`"
            fix = Fix.replace(s, e, text, title, b.safe, reshapes=True)  # repairs link syntax: see guard.py
        yield Finding(b.start, b.end, b.message, fix)
    yield from _closed_twice(doc)
    yield from _unclosed_autolink(doc)
    yield from _escaped_close(doc)


# "<" and a scheme or "www." then the URL up to a blank, with no ">" in it: an autolink that
# lost its ">" renders as text, the "<" included
_OPEN_AUTOLINK = re.compile(r"<((?:https?://|mailto:|www\.)[^\s<>]+)(?=\s|\Z)", re.I)


def _unclosed_autolink(doc: Document) -> Iterator[Finding]:
    """An autolink without its ">" (``<https://example.gov/report for details``): the fix puts
    the ">" after the URL, before any closing punctuation (safe: an autolink holds no blank, so
    the URL ends there)."""
    text = doc.text
    if text.find("<", doc.body_start) < 0:
        return
    for m in _OPEN_AUTOLINK.finditer(text, doc.body_start):
        if not doc.is_prose(m.start()):
            continue  # (the URL after it is masked as a bare URL; the "<" is prose)
        url = m.group(1).rstrip(".,;:!?)]\"'”’")
        end = m.start(1) + len(url)
        yield Finding(m.start(), end, "autolink not closed with '>': the '<' shows and the link may not; add '>' after the URL",
                      Fix.insert(end, ">", "Close the autolink", reshapes=True))


# "\\](" then a destination: the backslash makes the "]" a character of the text, so the link
# never closes (``[Como um post virou \\](/posts/como-um-post)``, a quote cut off in an export)
_ESCAPED_CLOSE = re.compile(r"\\\]\(")


def _escaped_close(doc: Document) -> Iterator[Finding]:
    """Link text whose closing ``]`` is escaped (``[the report \\](https://…)``): Markdown reads
    ``\\]`` as a bracket of the text, and the reader sees the brackets, the backslash gone, and the URL.
    Only where an unescaped ``[`` opens the text on the same line, with no ``]`` after it, and a URL
    or a path follows in parentheses. No fix: what the text lost before the backslash is a guess."""
    text = doc.text
    if text.find("\\](", doc.body_start) < 0:
        return
    for m in _ESCAPED_CLOSE.finditer(text, doc.body_start):
        if not URL_START().match(text, m.end()):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        opening = None
        i = m.start() - 1
        while i >= line_start:
            ch = text[i]
            escaped = i > 0 and text[i - 1] == "\\"
            if ch == "]" and not escaped:
                break  # (a bracket closed before it: not this text's)
            if ch == "[" and not escaped:
                opening = i
                break
            i -= 1
        close = text.find(")", m.end(), text.find("\n", m.end()) if "\n" in text[m.end():] else len(text))
        if opening is None or close < 0 or " " in text[m.end():close] or not doc.is_prose(opening):
            continue
        yield Finding(opening, close + 1, "the link text's closing ']' is escaped (\\]): this renders as text, "
                                          "not a link; delete the backslash or restore the text it cut")


# After a ')' that closed the one parenthesis open: a sentence's end and another ')' ("[x](url)).)")
_CLOSES_AGAIN = lazy(r"[.,;:!?]? ?\)")


def _closed_twice(doc: Document) -> Iterator[Finding]:
    """A ')' right after a link's destination that closes nothing in its paragraph:
    [text](https://…)) shows readers a stray ')'; or that closes the one parenthesis open, which
    is then closed once more: (see [text](https://…)).)"""
    text, pt = doc.text, doc.prose_text
    if "))" not in text:
        return
    for s, e, kind in doc.prose_index.masks:
        if kind != "dest" or text[e - 1:e + 1] != "))" or pt[e:e + 1] != ")":
            continue
        depth = 0  # open parentheses before the link in its paragraph (a stray ')' closes none)
        for ch in re.findall(r"[()]", pt[pt.rfind("\n\n", 0, s) + 1:s]):
            depth = depth + 1 if ch == "(" else max(0, depth - 1)
        if depth and not (depth == 1 and _CLOSES_AGAIN().match(pt, e + 1)):
            continue  # (see [the report](url)): the ')' closes the parenthesis
        # ... unless the parenthesis is closed right after it once more: "(Learn more
        # [here](url)).)" has one ')' too many, the one doubled at the destination
        what = "closes a parenthesis closed again after it" if depth else "closes nothing"
        yield Finding(e, e + 1, f"')' after the link's destination {what}; delete it",
                      Fix.delete(e, e + 1, "Delete the ')'"))
