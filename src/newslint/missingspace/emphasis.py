"""A mark glued to the next word across the closing ``**`` of strong emphasis: a comma or a
semicolon after it (``**Tuesday**,and``, ``**updates**,**news**``), or a colon, comma or semicolon inside it
(``**Note:**The``; CommonMark cannot close emphasis there, so the markers print as asterisks);
and an opening ``**`` glued to the word before it (``the**Pro** plan``), its closing one not
glued to a word (``un**believ**able`` is emphasis inside a word).

The ``**`` must close: the markers are counted from the paragraph's start (runs of exactly two),
and an odd number before it means one is open. A ``**`` glued after a mark that opens emphasis
(``said:**Bold**``) is another slip, left alone.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

from ..model import Finding, Fix
from ..patterns import lazy

# Led by the literal "**" (a class first would be tried at every character): a closer then a
# comma or semicolon glued to a word, or a closer after a colon, comma or semicolon glued to one
_GLUED = lazy(r"\*\*(?:(?<=[^\W_]\*\*)[,;](?=[^\W\d_]{2}|[aI](?![^\W\d_])|\*\*[^\W\d_])|(?<=[:;,]\*\*)(?=[^\W\d_]{2}|[AI](?![^\W\d_])))")
_RUN = lazy(r"\*\*+")
# An opening ** glued to the word before it (the**Pro** plan: CommonMark reads emphasis inside
# a word, and the two words print as one)
_GLUED_BEFORE = lazy(r"\*\*(?<=[^\W\d_]{2}\*\*)(?=[^\W\d_])")
_BREAK = lazy(r"\n[ \t>]*\n")


def glued_after_emphasis(pt: str) -> Iterator[Finding]:
    """Findings for marks glued to the next word across a closing ``**``, and for an opening
    ``**`` glued to the word before it."""
    found = [m for m in _GLUED().finditer(pt) if pt[m.start() - 1] != "*" and pt[m.start() + 2] != "*"]
    glued = [m.start() for m in _GLUED_BEFORE().finditer(pt) if pt[m.start() - 1] != "*" and pt[m.start() + 2] != "*"]
    if not found and not glued:
        return
    runs = [m.start() for m in _RUN().finditer(pt) if m.end() - m.start() == 2]
    breaks = [m.start() for m in _BREAK().finditer(pt)]

    def closes(at: int) -> bool:
        """Is an emphasis open at ``at``: an odd number of ** runs before it in its paragraph?"""
        b = bisect_left(breaks, at)
        start = breaks[b - 1] if b else 0
        return (bisect_left(runs, at) - bisect_left(runs, start)) % 2 == 1

    for at in glued:
        k = bisect_left(runs, at)
        if closes(at) or k + 1 >= len(runs):
            continue
        end = runs[k + 1]  # its closing marker, which a word must not follow (un**believ**able)
        if end - at > 300 or "\n" in pt[at: end] or pt[end + 2: end + 3].isalnum():
            continue
        yield Finding(at, at + 2, "no space before the opening '**' of emphasis; add one",
                      Fix.insert(at, " ", "Insert a space before '**'"))
    for m in found:
        at = m.start()
        if not closes(at):
            continue  # no emphasis open: this ** opens one
        if m.end() > at + 2:  # **Tuesday**,and: the space goes after the comma
            i = at + 2
            yield Finding(i, i + 1, f"no space after '{pt[i]}'; add one", Fix.insert(i + 1, " ", f"Insert a space after '{pt[i]}'"))
        else:  # **Note:**The: after the closing marker
            i = at - 1
            yield Finding(i, at + 2, f"no space after '{pt[i]}**'; add one",
                          Fix.insert(at + 2, " ", f"Insert a space after '{pt[i]}**'", reshapes=True))
            # (the markers print until the space comes: the fix makes the bold the writer meant)
