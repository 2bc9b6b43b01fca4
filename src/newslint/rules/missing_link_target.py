"""Missing link target: a relative link or image to a file that is not in the site's tree.

A link such as ``[the memo](../files/memo.pdf)`` or ``![chart](chart.png)`` is looked up beside
the article, in its page bundle (``<article stem>/``), and for a path starting with ``/`` under
the site root (the config file's folder) and the ``folders`` (``static``, ``assets``, ...).
Only targets with a file extension in ``extensions`` are checked: ``/en/newsletters/2020/05/27/``
is a page address that a site generator makes (Hugo, Jekyll permalinks), not a file, and
``feed.xml`` or ``sitemap.xml`` are generated too. A target
is reported only when the folder it would be in exists, so a checkout without the site's images
or downloads raises no alarm, and nothing outside the site root is ever looked at.

Bad:  Download [the memo](files/memo-2022.pdf).        (files/ exists, memo-2022.pdf does not)
Good: Download [the memo](files/memo-2021.pdf).
Bad:  See [the background](#backgroud).                (the article has ## Background)
Good: See [the background](#background).

A link to an anchor in the article itself that is one letter off a heading or an anchor the
article defines (``[see below](#backgroud)`` beside ``## Background``) is reported too: the
jump goes nowhere. Headings and anchors are compared by their letters and digits (every site
generator makes its own slugs), and only a fragment of six characters or more that a single
typed slip separates from one (two, from twelve characters) counts; an anchor that matches
none at all may come from a template or a table of contents, and is left alone.

Not findings: URLs with a scheme, ``#anchors`` that match a heading or none closely,
page addresses without an extension, targets a
template builds (``{{ site.baseurl }}/x.png``), targets in a folder the checkout does not have.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, Iterator, Mapping
from urllib.parse import unquote

from .. import site
from ..document import Document
from ..links.targets import targets
from ..links.url import is_relative_path
from ..model import Finding
from ..patterns import lazy

ID = "NL136"
NAME = "missing-link-target"
SEVERITY = "warning"
FIXABLE = False
DEFAULTS = {
    "extensions": ["md", "markdown", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "mp3", "mp4",
                   "webm", "csv", "xlsx", "xls", "docx", "doc", "pptx", "ppt", "zip"],
    "folders": ["static", "assets", "public", "content"],
}


@lru_cache(maxsize=16)  # (the option is the same list for every article: normalised once, not per article)
def _extensions(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(e.lower().lstrip(".") for e in names)


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each relative link or image whose file is missing from a folder that exists."""
    yield from _anchor_slips(doc)
    root = opts.get("_root")
    if not root or not doc.path:
        return
    extensions = _extensions(tuple(opts["extensions"]))
    for target in targets(doc):
        if target.source not in ("link", "image", "definition") or not is_relative_path(target.url):
            continue
        path = target.url.split("#", 1)[0].split("?", 1)[0]
        name = path.rsplit("/", 1)[-1]
        if "." not in name or name.rsplit(".", 1)[1].lower() not in extensions:
            continue
        if site.status(doc.path, path, root, opts["folders"]) is False:
            what = "image" if target.source == "image" else "link target"
            yield Finding(target.start, target.end, f"{what} `{path}` does not exist in the site")


def _anchor_slips(doc: Document) -> Iterator[Finding]:
    """Links to ``#fragment`` one slip away from a heading or anchor of the article."""
    fragments = [t for t in targets(doc) if t.source in ("link", "definition", "html") and t.url.startswith("#")
                 and len(t.url) > 6]
    if not fragments:
        return
    from rapidfuzz.distance import Levenshtein

    known = _anchors(doc)
    for t in fragments:
        wanted = _letters(unquote(t.url[1:]))
        if len(wanted) < 6 or not known or wanted in known or any(wanted in k or k in wanted for k in known if k):
            continue
        limit = 2 if len(wanted) >= 12 else 1
        near = sorted(k for k in known if abs(len(k) - len(wanted)) <= limit
                      and Levenshtein.distance(wanted, k, score_cutoff=limit) <= limit)
        if near:
            yield Finding(t.start, t.end, f"no heading or anchor `{t.url}` in this article; "
                                          f"one is a slip away ({known[near[0]]!r}): check the link")


def _anchors(doc: Document) -> dict[str, str]:
    """The article's headings and defined anchors, by their letters and digits (lower case)."""
    text = doc.text
    out: dict[str, str] = {}
    for b in doc.prose_index.blocks:
        if b.kind == "heading":
            title = text[b.start:b.end].strip().lstrip("#").strip().rstrip("#").strip()
            title = title.split("\n", 1)[0]
            out.setdefault(_letters(title), title)
    for m in _DEFINED().finditer(text, doc.body_start):
        out.setdefault(_letters(m.group(1) or m.group(2)), m.group(1) or m.group(2))
    out.pop("", None)
    return out


def _letters(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s.lower()) if ch.isascii() and ch.isalnum())


_DEFINED = lazy(r"""(?:\bid|\bname)\s*=\s*["']([^"'\n]{1,200})["']|\{:?\s*#([\w.:-]{1,200})""")
