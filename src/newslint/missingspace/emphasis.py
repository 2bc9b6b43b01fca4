"""A mark glued to the next word across the closing ``**`` of strong emphasis: a comma or a
semicolon after it (``**Tuesday**,and``), or a colon, comma or semicolon inside it
(``**Note:**The``; CommonMark cannot close emphasis there, so the markers print as asterisks).

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
_GLUED = lazy(r"\*\*(?:(?<=[^\W_]\*\*)[,;](?=[^\W\d_]{2}|[aI] )|(?<=[:;,]\*\*)(?=[^\W\d_]{2}|[AI] ))")
_RUN = lazy(r"\*\*+")
_BREAK = lazy(r"\n[ \t>]*\n")


def glued_after_emphasis(pt: str) -> Iterator[Finding]:
    """Findings for marks glued to the next word across a closing ``**``."""
    found = [m for m in _GLUED().finditer(pt) if pt[m.start() - 1] != "*" and pt[m.start() + 2] != "*"]
    if not found:
        return
    runs = [m.start() for m in _RUN().finditer(pt) if m.end() - m.start() == 2]
    breaks = [m.start() for m in _BREAK().finditer(pt)]
    for m in found:
        at = m.start()
        b = bisect_left(breaks, at)
        start = breaks[b - 1] if b else 0
        if (bisect_left(runs, at) - bisect_left(runs, start)) % 2 == 0:
            continue  # no emphasis open: this ** opens one
        if m.end() > at + 2:  # **Tuesday**,and: the space goes after the comma
            i = at + 2
            yield Finding(i, i + 1, f"no space after '{pt[i]}'; add one", Fix.insert(i + 1, " ", f"Insert a space after '{pt[i]}'"))
        else:  # **Note:**The: after the closing marker
            i = at - 1
            yield Finding(i, at + 2, f"no space after '{pt[i]}**'; add one",
                          Fix.insert(at + 2, " ", f"Insert a space after '{pt[i]}**'", reshapes=True))
            # (the markers print until the space comes: the fix makes the bold the writer meant)
