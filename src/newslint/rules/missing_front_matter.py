"""Missing front matter: the article has no front-matter block at all.

Hugo, Jekyll, Astro and Eleventy read an article's title, date and other metadata from a block
at the very top of the file. Without one, Jekyll does not publish the file and the other
generators publish a page with no title or date. Files that are not articles (a README in the
content folder) can be excluded with ``exclude`` or ``per-file-ignores``; a file whose name is
in capitals (README.md, SOURCES.md, CHANGELOG.md, CODE_OF_CONDUCT.md) is taken for such a
repository document and not reported. Nor is an MDX file (.mdx) that exports its metadata as an
object (``export const meta = {title: …}``, as Next.js and mdx-js sites do): it has no front
matter because its metadata is JavaScript. Nor is a file that opens with Pelican's or
MultiMarkdown's metadata, ``Key: value`` lines up to a blank line, a title among them
(``Title: Meetup at the library`` / ``Date: 2018-03-11``, or unspaced ``date:2018-03-11`` and an
empty ``mathjax:``, which Python-Markdown's meta reader takes too): its generator reads that. A file that
opens with ``key: value`` lines, a title among them, closed by a ``---`` line is reported as front
matter that lost its opening ``---`` (what a Jekyll or Hugo article looks like when its first line
is deleted; a Poole-style generator reads this form, and ``per-file-ignores`` then silences it).

Bad:
    Talks resumed in Istanbul on Tuesday.
Good:
    ---
    title: Talks resume in Istanbul
    date: 2022-03-29T10:00:00+03:00
    ---
    Talks resumed in Istanbul on Tuesday.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding
from ..patterns import lazy

ID = "NL002"
NAME = "missing-front-matter"
SEVERITY = "warning"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at line 1 when no front matter opens the file."""
    if doc.front_matter is None and not _repository_document(doc.path) and not _mdx_metadata(doc) \
            and not _metadata_lines(doc.text):
        end = doc.text.find("\n")
        header = _HEADER_WITHOUT_OPENING().match(doc.text)
        if header is not None and _TITLE_LINE().search(doc.text, 0, header.end()) is not None:
            closing = doc.text.count("\n", 0, header.end())  # the line of the closing ---
            yield Finding(0, len(doc.text) if end < 0 else end,
                          f"front matter with no opening `---`: Jekyll and Hugo read the `key: value` lines"
                          f" above the `---` on line {closing} as text; add `---` as the first line")
            return
        yield Finding(0, len(doc.text) if end < 0 else end,
                      "no front matter; start the file with a `---` block holding at least the title")


_CAPITALS = lazy(r"[A-Z][A-Z0-9_-]*")
_EXPORTED_OBJECT = lazy(r"^export[ \t]+const[ \t]+[A-Za-z_$][\w$]*[ \t]*(?::[^=\n]*)?=[ \t]*\{", re.M)


# Pelican's and MultiMarkdown's metadata: "Key: value" lines from the first, one of them the title,
# up to a blank line. Python-Markdown's meta reader (what Pelican uses) takes the value after the
# colon with or without a space, and an empty one, so `date:2016-07-26` and a bare `mathjax:` are
# metadata lines too (a PyLadies Brasil post has both).
_METADATA_LINES = lazy(r"\A(?:[A-Za-z][\w-]*:(?:[ \t][^\n]*|[^\s/][^\n]*)?\r?\n){2,}(?:[ \t]*\r?\n|\Z)")
_TITLE_LINE = lazy(r"^title:[ \t]*\S", re.I | re.M)


# "key: value" lines, a title among them, closed by a `---` line that nothing opened: the front matter
# lost its first line (or a Poole-style generator's header, which reads it so: the finding says which)
_HEADER_WITHOUT_OPENING = lazy(r"\A(?:[A-Za-z][\w -]*:(?:[ \t][^\n]*)?\r?\n){1,40}---[ \t]*(?:\r?\n|\Z)")


def _metadata_lines(text: str) -> bool:
    """Does the file open with Pelican or MultiMarkdown metadata (Title: …, Date: …, a blank line)?"""
    m = _METADATA_LINES().match(text)
    return m is not None and _TITLE_LINE().search(text, 0, m.end()) is not None


def _mdx_metadata(doc: Document) -> bool:
    """An .mdx file that exports an object (export const meta = {…}): its metadata, in JavaScript."""
    return doc.is_mdx and _EXPORTED_OBJECT().search(doc.text) is not None


def _repository_document(path: str | None) -> bool:
    """README.md, SOURCES.md, CHANGELOG.md: a repository's own document, named in capitals."""
    if not path:
        return False
    stem = PurePath(path).name.split(".")[0]
    return _CAPITALS().fullmatch(stem) is not None
