"""Mojibake: text garbled by a wrong encoding (`donâ€™t`, `cafÃ©`, `Ð¿Ñ€Ð¸`).

A CMS export or a copy through a tool that read UTF-8 as Windows-1252 (or Latin-1) turns each
non-ASCII character into two or three others: ’ becomes `â€™`, “ `â€œ`, — `â€”`, é `Ã©`, a
no-break space `Â `, a Cyrillic word `Ð¿Ñ€Ð¸`. Readers see the garbage. A run is reported when
its characters, read back as Windows-1252 bytes, are valid UTF-8 for letters or punctuation
(Latin, Cyrillic, general punctuation, €, ™); the fix writes the original characters and is
safe, except where the export lost a byte (`â€�`, most often ”): that fix is a guess, but for
a `â€�` glued to the end of a word in a paragraph with an opening “ (or `â€œ`) before it: there
it closes the quotation. A decoder that kept an undefined byte as its own code point (`â€` and
U+009D) lost nothing: that ” is certain.

Bad:  We donâ€™t benefit from creating work for the sake of it.
Good: We don’t benefit from creating work for the sake of it.

An entity escaped a second time by an export (`GSA&amp;#8217;s`, `&amp;mdash;`) shows readers
its code (`GSA&#8217;s`); the fix drops the extra escape, safe.

Not findings: the same letters in real words (`SÃO PAULO`, `à la carte`, `Â` alone), runs that
do not decode as UTF-8, code, URLs and HTML.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy

ID = "NL122"
NAME = "mojibake"
SEVERITY = "warning"
FIXABLE = True
FIX_FIRST = True  # (the text it restores is what the other rules read: its fixes go first)
DEFAULTS: dict[str, Any] = {}

# Windows-1252's characters for the bytes 0x80-0x9F (five bytes are undefined there), then
# Latin-1's for 0xA0-0xBF: the characters a UTF-8 continuation byte turns into.
_BYTE = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_BYTE.update({chr(b): b for b in range(0xA0, 0xC0)})
# ... and the five undefined ones as their own code points, as a lenient decoder leaves them
# (Latin-1, or Windows-1252 with a fallback): â€ + U+009D is ”, certain, not a lost byte
_BYTE.update({chr(b): b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)})
_LOST = "\ufffd"  # a byte the export could not map: most often 0x9D (” is E2 80 9D)
_CONT = "".join(sorted(_BYTE)) + _LOST
_RUN = lazy("(?:[\u00c2-\u00df][%s]|[\u00e0-\u00ef][%s]{2})+" % (re.escape(_CONT), re.escape(_CONT)))
# Cheap first look (one character class pair, no alternation): most articles have no candidate.
_ANY = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u0152-\u2122\ufffd]")
_ASCII = bytes(range(128))
_LOST_CLOSE = "\u00e2\u20ac" + _LOST  # E2 80 + a lost byte: ” (9D), or a rare U+2001, U+200D, U+200F, U+2010
_PLAUSIBLE = lazy(r"[\u00a0-\u017f\u0400-\u04ff\u2000-\u206f\u20ac\u2122]+")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report runs of mojibake, with a fix that decodes them, and entities escaped twice."""
    yield from _escaped_twice(doc)
    text = doc.text
    if text.isascii():  # (known without a scan: no non-ASCII character, no mojibake)
        return
    # Mojibake is two non-ASCII characters in a row. Its non-ASCII characters alone (the ASCII
    # bytes deleted, in C) are a short text; when not even they hold a pair, neither does the
    # prose, and the scan of the whole prose (the slow part: a character class leads it) is spared.
    # The text is asked first: each prose character stands in it at the same offset, and only
    # ASCII prose separates two non-ASCII prose characters that are a pair, so a pair among the
    # prose's non-ASCII characters is a pair among the text's. The text's are fewer to gather (in
    # the prose view every masked character, of code, HTML and URLs, is a non-ASCII mask), and
    # only an article with a pair there has the prose's gathered as well.
    if _ANY.search(_non_ascii(text)) is None:
        return
    pt = doc.prose_text
    if _ANY.search(_non_ascii(pt)) is None:
        return
    first = _ANY.search(pt)
    if first is None:
        return
    for m in _RUN().finditer(pt, first.start()):
        run = m.group()
        raw = bytes(_BYTE[ch] if ch in _BYTE else 0x9D if ch == _LOST else ord(ch) for ch in run)
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not _PLAUSIBLE().fullmatch(fixed):
            continue
        safe = _LOST not in run or (run == _LOST_CLOSE and _closes(pt, m.start(), m.end()))
        yield Finding(m.start(), m.end(), f"garbled text: '{run}' is '{fixed}' read in the wrong encoding; "
                      f"use '{fixed}'", Fix.replace(m.start(), m.end(), fixed, f"Use '{fixed}'", safe=safe))


def _non_ascii(text: str) -> str:
    """The text's non-ASCII characters alone, in order (the ASCII bytes of its UTF-8 deleted in C)."""
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")


# An entity whose & an export escaped again: &amp;#8217; shows readers "&#8217;", not ’.
_TWICE = lazy(r"&amp;(#[0-9]{2,7};|#[xX][0-9a-fA-F]{2,6};|[A-Za-z][A-Za-z0-9]{1,30};)")


def _escaped_twice(doc: Document) -> Iterator[Finding]:
    """``&amp;`` in prose before an entity's remainder (#8217;, rsquo;): one escape too many."""
    text = doc.text
    if "&amp;" not in text:
        return
    from html.entities import html5

    entities = {s for s, _, kind in doc.prose_index.masks if kind == "entity"}
    for m in _TWICE().finditer(text):
        rest = m.group(1)
        if m.start() not in entities or not doc.is_prose(m.end(1) - 1):
            continue  # code, HTML, a URL: not text readers see
        if rest[0] != "#" and rest not in html5:
            continue  # &amp;copy; is an entity; &amp;co; is text
        shown = "&" + rest
        fix = Fix.replace(m.start(), m.start(1), "&", "Unescape the entity", reshapes=True)  # an entity token changes
        yield Finding(m.start(), m.end(), f"entity escaped twice: '{m.group()}' shows readers '{shown}'; "
                      f"use '{shown}'", fix)


def _closes(pt: str, start: int, end: int) -> bool:
    """Does the garbled mark at ``[start, end)`` close a quotation: glued to the word before, not
    to the one after, with an opening “ (or its mojibake) before it in the paragraph? Then it can
    only be ” (a hyphen or joiner sits between letters, a space mark after a space)."""
    before, after = pt[start - 1:start], pt[end:end + 1]
    if not before or before.isspace() or after.isalnum():
        return False
    para = pt.rfind("\n\n", 0, start) + 1
    return "“" in pt[para:start] or "\u00e2\u20ac\u0153" in pt[para:start]
