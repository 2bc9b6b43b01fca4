"""The link view of an article: its text with what is never link syntax blanked.

Code, comments, HTML, templates (shortcodes, Liquid), autolinks, bare URLs, entities, escapes
and footnotes are masked (each character by ``prose.MASK``, line breaks kept), so a "[" or "]"
left in the view is Markdown's. Every finder of link syntax (``markdown``, ``broken``) and the
reference rules search this one view, built once per document.
"""

from __future__ import annotations

from ..document import Document
from ..prose import MASK

# Masks whose content is never link syntax: code, HTML, templates, URLs, entities, escapes.
_OPAQUE = frozenset({"code", "comment", "html", "shortcode", "liquid", "autolink", "email", "url", "entity",
                     "escape", "footnote"})


def link_view(doc: Document) -> str:
    """The text with code, HTML, templates, URLs and escapes blanked: brackets left are syntax."""
    def build() -> str:
        text = doc.text
        parts: list[str] = []
        cursor = 0
        for s, e, kind in doc.prose_index.masks:
            if kind not in _OPAQUE or e <= cursor:
                continue
            s = max(s, cursor)
            parts.append(text[cursor:s])
            segment = text[s:e]
            parts.append("\n".join(MASK * len(x) for x in segment.split("\n")) if "\n" in segment
                         else MASK * len(segment))
            cursor = e
        parts.append(text[cursor:])
        return "".join(parts)

    return doc.memo("links.view", build)


def mask_starts(doc: Document, kind: str) -> dict[int, int]:
    """Where each of the prose index's masks of ``kind`` starts, and where it ends (memoised)."""
    return doc.memo(f"links.starts.{kind}",
                    lambda: {s: e for s, e, k in doc.prose_index.masks if k == kind})
