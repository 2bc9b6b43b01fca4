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

Not findings: URLs with a scheme, ``#anchors``, page addresses without an extension, targets a
template builds (``{{ site.baseurl }}/x.png``), targets in a folder the checkout does not have.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator, Mapping

from .. import links, site
from ..document import Document
from ..model import Finding

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
    root = opts.get("_root")
    if not root or not doc.path:
        return
    extensions = _extensions(tuple(opts["extensions"]))
    for target in links.targets(doc):
        if target.source not in ("link", "image", "definition") or not links.is_relative_path(target.url):
            continue
        path = target.url.split("#", 1)[0].split("?", 1)[0]
        name = path.rsplit("/", 1)[-1]
        if "." not in name or name.rsplit(".", 1)[1].lower() not in extensions:
            continue
        if site.status(doc.path, path, root, opts["folders"]) is False:
            what = "image" if target.source == "image" else "link target"
            yield Finding(target.start, target.end, f"{what} `{path}` does not exist in the site")
