"""Empty link text: a link whose text is empty, so readers see nothing to click.

``[](https://…)`` or ``[ ](https://…)`` renders an invisible link: sighted readers cannot see
it and screen readers announce only the bare URL. Often left behind when an image inside the
link was removed. Write the words the link is about, or delete the link.

Bad:  Watch the webinar below.[ ](https://www.youtube.com/watch?v=q9-aF46xqE4)
Good: [Watch the webinar](https://www.youtube.com/watch?v=q9-aF46xqE4).

Not findings: a link whose text is a symbol (``[>](…)``, an arrow), an image link
(``[![Logo](logo.png)](https://…)``), an image with empty alt text (``![](x.png)``, the image
rules' business), a link in code.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.markdown import defined_labels, links
from ..links.view import link_view
from ..model import Finding
from ..patterns import lazy
from ..prose import MASK

ID = "NL133"
NAME = "empty-link-text"
SEVERITY = "warning"
FIXABLE = False
DEFAULTS: dict[str, Any] = {}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each link (inline or by reference) whose text is only white space."""
    view = link_view(doc)
    labels = defined_labels(doc)
    for link in links(doc):
        if link.image or link.kind == "shortcut":
            continue
        text = view[link.text_start:link.text_end]
        if text[:1] not in _BLANKS or _words(text):
            continue  # (nearly every link text starts with a visible character: words, no call)
        if link.kind != "inline" and link.label not in labels:
            continue  # not a link at all: undefined-link-reference reports it
        if MASK in view[link.text_start:link.text_end]:
            continue
        yield Finding(link.start, link.text_end + 1, "link with empty text; write the words it links")


_BLANKS = " \t\n\u00a0"  # what _words strips (a text starting otherwise has words; "" is in it)
_QUOTE_MARKERS = lazy(r"\n[ \t]*(?:>[ \t]?)*")  # a line break in a block quotation, with its markers


def _words(text: str) -> bool:
    """Is there something to click in the link text: more than white space and the block
    quotation markers of its line breaks? (A lone ``>`` is a visible arrow: ``[>](…)``.)"""
    return bool(_QUOTE_MARKERS().sub("", text).strip(" \t\n\u00a0")) if "\n" in text else bool(text.strip(" \t\u00a0"))
