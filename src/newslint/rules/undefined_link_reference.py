"""Undefined link reference: ``[text][label]`` or ``[text][]`` with no ``[label]: url`` definition.

Without a definition the reference renders as text, brackets and all. Labels match as Markdown
matches them: case and runs of white space do not matter.

An article that includes other files (Liquid ``{% include references.md %}``, common on Jekyll
sites) may get its definitions from them, and newslint cannot see those: such articles are not
checked unless ``check-with-includes = true``. An HTML template's include
(``{% include "linked-figure.html" … %}``) defines no labels and does not count.

Bad:  Gregory Sanders [notes][sanders cve] that the rule …   (no "[sanders cve]: …" anywhere)
Good: Gregory Sanders [notes][sanders cve] that the rule …
      [sanders cve]: https://lists.example.org/2020-May/017884.html

A site can also add the definitions when it builds (a links file or a gear database that the
generator appends to every article): an article that uses three labels or more and defines none
gets one finding, at its first undefined label, not one per label; the article either lost its
whole block of definitions or takes them from the site, and one note says either.

Bad:  Her laptop is a [MacBook][], she writes in [Scrivener][] and backs up to [Dropbox][].
      (no definitions in the article: one finding, at [MacBook], naming the other two)

A definition that lost its colon (``[1] https://…``) is text, and the references to it are
undefined: the line is reported instead of them. (No fix: the colon turns text into a definition
and the references into links, a change of structure the fix guard refuses; it is one keystroke.)

Bad:  Read the [report][1] today.
      [1] https://example.org/report
Good: Read the [report][1] today.
      [1]: https://example.org/report

Not findings: a shortcut ``[text]`` with no definition (that is plain text: "[sic]", "[applause]"),
footnotes (``[^1]``), task-list boxes, brackets in code, and a template's placeholder shown to the
reader (``* [Topic][Link]`` in a quoted e-mail template): a label that only says "link" or "URL",
in an article with no reference definitions at all, is a blank to fill in, not a forgotten one.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.markdown import defined_labels, has_includes, links, normalize_label
from ..links.view import link_view
from ..model import Finding
from ..patterns import lazy

ID = "NL134"
NAME = "undefined-link-reference"
SEVERITY = "warning"
FIXABLE = False
DEFAULTS = {"check-with-includes": False}
# A definition's shape without its colon: [label] then a URL (an absolute or root path, or www.)
_COLONLESS = lazy(r"^ {0,3}(\[([^\[\]\n]{1,200})\])[ \t]+(?=<?(?:[a-zA-Z][a-zA-Z0-9+.-]*://|/|www\.)\S)", re.M)


def _colonless(doc: Document, wanted: set[str]) -> list[tuple[int, int, str]]:
    """Lines shaped as a definition of one of the ``wanted`` labels but for the colon, outside code."""
    text = doc.text
    if "] " not in text and "]\t" not in text:
        return []
    view = link_view(doc)
    out = []
    for m in _COLONLESS().finditer(text, doc.body_start):
        label = normalize_label(m.group(2))
        if label in wanted and view[m.start(1):m.end(1)] == m.group(1):
            out.append((m.start(1), m.end(1), label))
    return out


# Distinct undefined labels, in an article that defines none, from which the definitions are
# taken to come from outside the file (one finding for all of them)
_SITE_DEFINED = 3
# Labels that name no target, only the kind of thing that goes there: a template's blank
_PLACEHOLDERS = frozenset({"link", "url", "uri", "href", "hyperlink", "web link", "link here", "url here",
                           "insert link", "add link", "link goes here", "url goes here"})


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each full or collapsed reference whose label no definition names."""
    if not opts["check-with-includes"] and has_includes(doc):
        return
    labels = defined_labels(doc)
    undefined = []
    for link in links(doc):
        if link.kind in ("full", "collapsed") and link.label and link.label not in labels:
            if not labels and link.label in _PLACEHOLDERS:
                continue
            shown = " ".join(doc.text[link.label_start:link.label_end].split()
                             or doc.text[link.text_start:link.text_end].split())
            undefined.append((link, shown))
    if undefined:
        lost = _colonless(doc, {link.label for link, _ in undefined})
        for start, end, label in lost:
            shown = doc.text[start + 1:end - 1]
            yield Finding(start, end, f"link definition [{shown}] without its colon: it shows as text and "
                          f"[{shown}] stays undefined; write `[{shown}]: url`")
        if lost:
            labels_lost = {label for _, _, label in lost}
            undefined = [(link, shown) for link, shown in undefined if link.label not in labels_lost]
    distinct = {link.label for link, _ in undefined}
    if not labels and len(distinct) >= _SITE_DEFINED:
        # no definition at all and many labels: the block was lost, or the site adds it when it
        # builds (usesthis.com appends its gear links); one finding says so, not one per label
        link, shown = undefined[0]
        others = sorted({s for l, s in undefined if l.label != link.label}, key=str.lower)
        named = ", ".join(f"[{s}]" for s in others[:3]) + (", …" if len(others) > 3 else "")
        yield Finding(link.label_start - 1, link.label_end + 1,
                      f"no definition for the link label [{shown}] nor for {len(others)} other labels "
                      f"({named}), and the article defines none; add the definitions, or ignore "
                      "NL134 for articles whose site adds them when it builds")
        return
    for link, shown in undefined:
        yield Finding(link.label_start - 1, link.label_end + 1,
                      f"no definition for the link label [{shown}]; add `[{shown}]: url` "
                      "or write the link inline")
