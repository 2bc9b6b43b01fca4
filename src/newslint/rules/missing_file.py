"""Missing file: an image or file named in the front matter does not exist in the site.

A lead image that is not there gives a broken picture on the page and in social previews. The
values of the ``keys`` option (strings, lists of strings, or mappings with ``src``/``url``/
``path``/``file``/``image``) are looked up beside the article, in its page bundle (a folder
with the article's name), and in the ``static-folders`` (relative to the site root: the config
file's folder; a value starting with ``/`` is looked up from the root and in each static
folder). Nothing outside the site root is ever looked at: ``../../etc/passwd`` is not probed.

Off by default: a checkout without its images (or a CMS that keeps them elsewhere) would flag
every article. Turn it on with ``[rules.missing-file] enabled = true`` and name the folders,
e.g. ``static-folders = ["static", "assets"]`` for Hugo.

Bad:
    ---
    title: Talks resume
    images: [istanbul-talks.jpg]   # no such file
    ---
Good:
    ---
    title: Talks resume
    images: [istanbul-talks.jpg]   # beside the article, or in static/
    ---

Not findings: URLs (``https://…``), values with template code (``{{``, ``{%``), references that
lead outside the site root.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import site, validation
from ..document import Document
from ..model import Finding

ID = "NL014"
NAME = "missing-file"
SEVERITY = "warning"
ENABLED = False
DEFAULTS: dict[str, Any] = {
    "keys": ["images", "image", "featured_image", "featuredImage", "coverImage", "heroImage", "cover", "thumbnail",
             "files"],
    "static-folders": [],
}
_FIELDS = ("src", "url", "path", "file", "image")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each named file that exists nowhere the site would look."""
    fm = doc.front_matter
    meta = doc.meta
    root = opts.get("_root")
    if fm is None or not meta or not doc.path or not root:
        return
    keys = set(opts["keys"])
    folders = tuple(opts["static-folders"])
    for path, pos in validation.scalars(fm):
        if not path or path[0] not in keys or (len(path) > 1 and isinstance(path[-1], str)
                                               and path[-1] not in _FIELDS):
            continue
        value = _value(meta, path)
        if not isinstance(value, str) or not value.strip() or "{{" in value or "{%" in value:
            continue
        if site.exists(doc.path, value.strip(), root, folders) is False:
            where = ", ".join(["the article's folder", "its page bundle"] + [f"{f}/" for f in folders])
            yield Finding(pos.value[0], pos.value[1], f"`{value}` does not exist (looked in {where})")


def _value(meta: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            meta = meta[step]
        except (KeyError, IndexError, TypeError):
            return None
    return meta
