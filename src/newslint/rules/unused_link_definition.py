"""Unused link definition: a ``[label]: url`` that no link in the article uses.

A definition nobody references is often the trace of a link that was meant and then lost in
an edit: the text that should point at the source does not. Labels match as Markdown matches
them (case and runs of white space do not matter); a shortcut ``[label]``, a collapsed
``[label][]`` and an image count as uses.

Bad:  The committee published [its findings].
      [report]: https://www.gao.gov/products/gao-22-105
Good: The committee published [its findings][report].
      [report]: https://www.gao.gov/products/gao-22-105

Also reported: a label defined twice with different URLs (the first wins).

Not findings: a label used in a template's arguments (``{% include x.md q="[a][label]" %}``) or
in a block CommonMark reads as code; footnote definitions (``[^1]: …``), definitions inside code;
the Markdown comment idiom ``[//]: # (a note)``, a definition whose destination is ``#`` or
``<>`` (it renders as nothing and links nowhere: nobody meant to use it).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.markdown import definitions, links, normalize_label
from ..model import Finding
from ..patterns import lazy

ID = "NL135"
NAME = "unused-link-definition"
SEVERITY = "info"
FIXABLE = False
DEFAULTS: dict[str, Any] = {}


# ``[//]: # (note)`` and ``[comment]: <> "note"``: the widespread way to leave a comment that
# survives every Markdown renderer. An empty destination or a bare fragment links nowhere, so
# such a definition is a comment, not a lost link.
_COMMENT_URLS = frozenset({"#", "<>", ""})  # "" is <> as the parser gives it


# Any bracketed text not followed by ":" anywhere in the body, code and templates included: a label
# used inside a Liquid include's arguments, or in a block that CommonMark reads as indented code
# but kramdown as a paragraph, is used all the same.
_BRACKETED = lazy(r"\[([^\[\]\n]{1,999}(?:\n[^\[\]\n]{1,999})?)\](?!:)")


def _loose_uses(doc: Document) -> set[str]:
    return {normalize_label(m.group(1)) for m in _BRACKETED().finditer(doc.text, doc.body_start)}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each definition whose label no link or image uses."""
    defs = definitions(doc)
    if not defs:
        return
    used = {link.label for link in links(doc) if link.kind != "inline"}
    loose: set[str] | None = None  # the bracketed texts, gathered only for a label no link uses
    first: dict[str, str] = {}
    text = doc.text
    for d in defs:
        shown = " ".join(text[text.index("[", d.start) + 1:text.index("]:", d.start)].split())
        url = text[d.url_start:d.url_end]
        if url in _COMMENT_URLS:
            continue
        if d.label in first:
            if first[d.label] != url:
                yield Finding(d.start, d.url_end, f"the link label [{shown}] is defined twice with different "
                                                  "URLs; the first definition wins, delete or rename this one")
            continue
        first[d.label] = url
        if d.label not in used:
            if loose is None:
                loose = _loose_uses(doc)
            if d.label not in loose:
                yield Finding(d.start, d.url_end, f"the link definition [{shown}] is not used by any link")
