"""Empty link target: a link or image whose destination is empty, so it leads nowhere.

``[the report]()`` renders as a link to the page itself, and ``![chart]()`` as a broken image:
the address was never pasted in, or a CMS export dropped it. Paste the address, or write the
text without the link.

Bad:  Read [the full report]() before the hearing.
Good: Read [the full report](https://www.gao.gov/products/gao-22-105) before the hearing.

Not findings: ``[Back to top](#)`` (a link to the page's top, on purpose), a destination a
template builds (``[x]({{ site.url }})``), reference links (``[x][label]``: undefined-link-reference
reports a label with no definition), links in code.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.markdown import links
from ..model import Finding

ID = "NL138"
NAME = "empty-link-target"
SEVERITY = "warning"
FIXABLE = False
DEFAULTS: dict[str, Any] = {}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each inline link or image whose destination is empty or ``<>``."""
    text = doc.text
    for link in links(doc):
        if link.kind == "inline" and not link.image and text[link.end - 1: link.end] == ")" \
                and _empty(text[link.text_end + 2: link.end - 1]):
            yield Finding(link.start, link.end, "link with an empty destination; paste its address or drop the "
                          "link syntax")
    for s, e, kind in doc.prose_index.masks:  # (images are markup in the prose: their spans are its masks)
        if kind == "image" and text.endswith(")", s, e):
            paren = text.find("](", s, e)
            if paren >= 0 and _empty(text[paren + 2: e - 1]):
                yield Finding(s, e, "image with an empty source; paste its address or drop the image")


def _empty(inner: str) -> bool:
    """Is the destination between a link's parentheses empty (``""``, ``<>``, or only a title)?"""
    rest = inner.lstrip(" \t\n")
    if rest[:1] == "<":
        return rest[:2] == "<>"
    # a title alone, after a blank: ( "Response"); glued to the parenthesis it is the destination
    # (("https://…"), ((https://…)): CommonMark reads those characters as the address)
    return rest == "" or (rest[:1] in "\"'(" and rest != inner)
