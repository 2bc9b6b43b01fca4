"""Elision marker: an omission in a quotation marked `<...>` or `(...)`; use the house marker.

Russian and Ukrainian scholarly style marks a cut in a quotation with `<…>` (or `(…)`), and
translated copy carries it over. English marks it with `[…]` (or a bare ellipsis); `<...>` is
never English and reads like an HTML tag. With ``marker = "auto"`` (the default) the house
marker is the square-bracket marker the article already uses most, else `[` + the article's
ellipsis + `]`; in an article with no ellipsis outside its markers, `[` + the ellipsis the markers
themselves are typed with + `]` (`(...)` gives `[...]`, `<…>` gives `[…]`), or `[...]` where
most quotation marks are straight. Set ``marker`` to impose one
(`"[…]"`, `"[...]"`, `"…"`). Square-bracket markers that differ from the house marker are
reported too. The fix is safe inside a quotation or blockquote; `<...>` outside one, or a marker
that would read as link or image syntax (`]<...>`, `<...>(`, `!<...>`), is reported with an unsafe
fix.

Not findings: `(...)` outside a quotation (a placeholder, not an elision), ellipses without
brackets (NL105 ellipsis-style), and code.

Bad:  “We need to manage it <…>. I think talks would be logical,” the general said.
Good: “We need to manage it […]. I think talks would be logical,” the general said.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..quotes import analyse
from ..typography import ellipses, house_ellipsis, in_quotation, near_invisible

ID = "NL106"
NAME = "elision-marker"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"marker": "auto"}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report elision markers that are not the house marker, with a fix to it."""
    marked = [e for e in ellipses(doc) if e.bracket]
    if not marked:
        return
    text = doc.text
    house = opts["marker"]
    if house == "auto":
        square = Counter(text[e.outer[0]:e.outer[1]] for e in marked if e.bracket == "[")
        ranked = square.most_common()
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            house = ranked[0][0]
        elif any(not e.bracket for e in ellipses(doc)):
            house = "[" + house_ellipsis(doc, "auto") + "]"
        else:
            # No ellipsis outside the markers: their own dots are how the writer types one, so
            # "(...)" becomes "[...]", as a writer who typed it so would have written the square
            # marker (which is then the house marker, and the fix cannot change its own vote)
            # ... unless the article types its quotation marks straight (most of them): a writer
            # without typographic marks types three dots ("<…>" in such an
            # article was retyped by someone else, the elision's own habit being "[...]")
            own = [e.form for e in marked]
            house = "[" + ("..." if own.count("...") > own.count("…") or _types_straight(doc) else "…") + "]"
    for e in marked:
        s, end = e.outer
        current = text[s:end]
        if current == house or near_invisible(doc, s, end):
            continue
        quoted = in_quotation(doc, s)
        linkish = house.startswith("[") and (text[s - 1: s] in ("]", ">", ")", "!") or text[end: end + 1] in ("(", "[", "<"))
        if e.bracket == "(" and not quoted:
            continue
        if e.bracket == "<":
            message = f"'{current}' marks an omission in Russian style; use '{house}'"
        else:
            message = f"elision marker '{current}'; use '{house}'"
        yield Finding(s, end, message,
                      Fix.replace(s, end, house, f"Replace with '{house}'",
                                  safe=(quoted or e.bracket == "[") and not linkish))


def _types_straight(doc: Document) -> bool:
    """Does the article type its quotation marks straight, most of them (or, with none, its
    apostrophes)? Quotes.style's reading, without the house option: the writer's own habit."""
    q = analyse(doc)
    if q is None or q.style("auto") == "curly":
        return False
    return bool(q.quotation_marks(True)) or "'" in doc.prose_text
