"""Front-matter syntax: the front-matter block cannot be split off or parsed.

Covers a block opened with ``---`` (YAML), ``+++`` (TOML) or ``{`` (JSON) that is never
closed, YAML/TOML/JSON syntax errors (at the line that caused them: a key that lost its colon,
the opening of a quote never closed; else where the parser stopped), tab
characters used for indentation in YAML, and front matter that is a list or a single value
instead of a mapping of keys. Site generators either fail the build or silently drop such
metadata; python-frontmatter returns ``{}`` without a word.

It also reports a key that is really a paragraph: an unquoted multi-line value (often an HTML
``excerpt`` pasted from a blog export) whose next paragraph contains ``: `` is read by YAML as
a new key, so the value is cut short and a sentence becomes a key. The block parses, so no
parser complains; the finding points at the swallowed text and names the value it belongs to.
Likewise a key that lost its colon before a value with ``: `` in it (``summary 'Event: talks'``
is read as the key ``summary 'Event``).

Bad:
    ---
    excerpt: <p>When asked what we do, we say "hacking bureaucracy."</p>

    <p>In the movies, hackers are criminals: in software, "hacker" means a way of working.</p>
    ---
Good:
    ---
    excerpt: |
      <p>When asked what we do, we say "hacking bureaucracy."</p>

      <p>In the movies, hackers are criminals: in software, "hacker" means a way of working.</p>
    ---

Bad:
    ---
    title: Talks resume: both sides agree
    ---
Good:
    ---
    title: "Talks resume: both sides agree"
    ---
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..frontmatter import Pos
from ..model import Finding

ID = "NL001"
NAME = "front-matter-syntax"
SEVERITY = "error"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per error the splitter or parser met."""
    fm = doc.front_matter
    if fm is None:
        return
    for error in fm.errors:
        yield Finding(error.start, max(error.start, error.end), error.message)
    if fm.kind == "yaml" and fm.root is not None and isinstance(fm.root.items, dict):
        yield from _paragraph_keys(doc, fm.root.items)


def _key_names() -> frozenset[str]:
    """Front-matter key names in common use, as written, from rules/front-matter-keys.yaml."""
    global _KEY_NAMES
    if _KEY_NAMES is None:
        from ..resources import load_yaml

        table = load_yaml("rules", "front-matter-keys.yaml")
        _KEY_NAMES = frozenset(table["targets"] + table["known"])
    return _KEY_NAMES


_KEY_NAMES: frozenset[str] | None = None
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>")
MAX_KEY_WORDS = 5  # no key in 3,248 real articles has more than 3 words; a sentence has more


def _paragraph_keys(doc: Document, items: dict[str, Pos]) -> Iterator[Finding]:
    """Top-level keys that are sentences or HTML: text YAML split off the value above them."""
    previous: str | None = None
    for key, pos in items.items():
        if pos.key is not None:
            raw = doc.text[pos.key[0]:pos.key[1]]
            plain = raw[:1] not in ("'", '"')
            first = key.split(maxsplit=1)[0] if key.strip() else ""
            if plain and " " in key.strip() and first in _key_names():
                shown = key if len(key) <= 40 else key[:37].rstrip() + "…"
                yield Finding(pos.key[0], pos.key[1],
                              f"`{shown}` is read as a key: it looks like `{first}` without its colon; "
                              f"write `{first}: …`")
            elif plain and (len(key.split()) >= MAX_KEY_WORDS or _TAG.search(key)):
                shown = key if len(key) <= 40 else key[:37].rstrip() + "…"
                where = f" of `{previous}`" if previous is not None else ""
                yield Finding(pos.key[0], pos.key[1],
                              f"`{shown}` is read as a key: it looks like text that belongs to the value{where} "
                              "(a line with `: ` in an unquoted value starts a new key); indent the value's "
                              "lines under a block scalar (`|`) or quote the whole value")
        previous = key
