"""Ambiguous YAML value: a plain value that YAML 1.1 readers (Jekyll, PyYAML) read differently, or a key YAML reads as text.

YAML 1.1, still used by Jekyll (Ruby's Psych) and PyYAML, turns some unquoted words and numbers
into something the writer rarely meant; YAML 1.2 readers (Hugo, newslint) read them otherwise,
so the same file means different things on different sites:

- ``yes``/``no``/``on``/``off`` are booleans in YAML 1.1 (``country: NO`` is false —
  "the Norway problem"), text in YAML 1.2;
- ``017`` is octal (15) in YAML 1.1, 17 in YAML 1.2;
- ``1:20`` is a base-60 number (80) in YAML 1.1, text in YAML 1.2;
- ``1.10`` is the number 1.1 everywhere: the trailing zero (a version, a score) is lost.

Quote the value to keep the text, or write ``true``/``false`` for a boolean. The fix is unsafe
(only the writer knows which was meant): it writes ``true``/``false`` where the schema wants a
boolean, and for a lower-case ``yes``/``no``/``on``/``off`` at a top-level key the schema does
not declare as text (``hero: no`` is a switch); it quotes the value otherwise (``country: NO``,
``answer: Yes``, list items). Keys are checked too.

Bad:
    ---
    title: Results
    draft: yes
    score: 1:20
    ---
Good:
    ---
    title: Results
    draft: true
    score: "1:20"
    ---

A key indented under a block scalar is part of its text, not a key: after ``title: >``, an
indented ``  date: 2024-08-20`` makes the title end in "date: 2024-08-20" and leaves the article
without a date. A line at the end of a ``>`` or ``|`` block that reads ``key: value`` for a key
the article's schema or the common front-matter keys name, and that the article does not have,
is reported; the fix unindents it (safe: nothing else in the block moves).

    Bad:
        title: >
          Award recognizes commitment to the public
          date: 2024-08-20
    Good:
        title: >
          Award recognizes commitment to the public
        date: 2024-08-20

A quoted value whose closing mark was lost runs on over the next lines, up to the next mark of
its kind, and the keys on those lines become its text: after ``source_url: "https://…`` with
no closing ``"``, a ``date:`` and a ``title: "…`` below it are gone. A quoted value that runs
over lines reading ``key: value`` for keys the schema or the common front-matter keys name, and
that the article does not have, is reported; the unsafe fix closes the quote at the end of its
first line (a long value wrapped over lines, as YAML allows, has no such lines).

    Bad:
        source_url: "https://performance.gov/govlove/
        date: 2023-02-06
        title: "#GovLove 2023"
    Good:
        source_url: "https://performance.gov/govlove/"
        date: 2023-02-06
        title: "#GovLove 2023"

A page's own key (its date, lastmod, expirydate, publishDate, AstroPaper's pubDatetime or
modDatetime, draft or permalink) indented
under the mapping before it is read as a key of that mapping: the article loses its expiry
date to ``featured_image``. The last key of a top-level mapping that is such a key, and that the
article lacks at the top, is reported; the fix unindents it. So is any key the schema or the
common keys name that a comment at a line's start parts from the mapping's key above it
(``primary_image:``, then ``# Controls how this page appears``, then ``  weight: 1``).
Not a slip: a date in a mapping that also gives a time or place (``event:`` with ``time``,
``location``, ``price`` and ``date``: the event's date), nor a ``date:`` under a mapping when the
article dates itself at the top under another name (``createdAt``, ``published_at``).

    Bad:
        featured_image:
          uid: nih-logo
          expirydate: 2025-01-01
    Good:
        featured_image:
          uid: nih-logo
        expirydate: 2025-01-01

A value that starts with ``#`` glued to text is a comment to YAML, and the key is left empty:
``title: #1 in sales`` has no title. The fix quotes it: safe when a digit follows the ``#`` (no
one starts a comment so), unsafe otherwise (``image: #TODO`` may be a note on an empty key). A
comment with a space after its ``#`` is no finding. A value that starts with ``&`` names an anchor:
``author: &Jane Doe`` is the anchor ``Jane`` on the value "Doe". When no alias uses it (newslint
refuses aliases in front matter), the fix quotes it (safe). A value that starts with ``@``, a
backtick, ``%``, ``*``, ``!``, ``|`` or ``>`` followed by text is refused by the parser:
front-matter-syntax reports it, with a fix that quotes it.

    Bad:
        title: #1 in sales
        author: &Jane Doe
    Good:
        title: "#1 in sales"
        author: "&Jane Doe"

Not a finding: quoted values, ``true``/``false``, ``y``/``n`` (booleans in the YAML 1.1 spec, but
text to PyYAML and Psych), ordinary numbers (``2022``, ``1.5``), TOML and
JSON front matter.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..frontmatter import Pos
from ..model import Finding, Fix
from ..patterns import lazy
from ..schema import path_text

ID = "NL006"
NAME = "ambiguous-yaml-value"
SEVERITY = "warning"
FIXABLE = True

_READERS = "YAML 1.1 readers such as Jekyll"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each plain scalar (value or key) whose YAML 1.1 reading is a surprise."""
    fm = doc.front_matter
    if fm is None or fm.kind != "yaml" or fm.root is None or fm.data is None:
        return
    text = doc.text
    yield from _slipped_keys(doc, opts, fm.root)
    yield from _lost_values(text, fm)
    start = _START
    schema: list[set[Any]] = []  # the schema's boolean paths and text keys, read at the first candidate
    stack: list[tuple[tuple[Any, ...], Pos]] = [((), fm.root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node.items, dict):
            for key, child in node.items.items():
                ks, ke = child.key if child.key is not None else (0, 0)
                # (what classify_yaml11 turns away unread: empty, long, or no YAML 1.1 first character)
                if 0 < ke - ks <= 32 and text[ks] in start:
                    found = validation.classify_yaml11(text[ks:ke])
                    if found is not None and found[0] == "bool":
                        yield _finding(text, child.key, found, f"key `{key}`", False)
                stack.append((path + (key,), child))
        elif isinstance(node.items, list):
            stack.extend((path + (i,), child) for i, child in enumerate(node.items))
        elif node.style is None and path:
            vs, ve = node.value
            found = validation.classify_yaml11(text[vs:ve]) if 0 < ve - vs <= 32 and text[vs] in start else None
            if found is not None:
                if not schema:
                    schema += [_boolean_paths(doc, opts), _text_keys(doc, opts)]
                booleans, texts = schema
                raw = text[vs:ve]
                # a lower-case yes/no/on/off under a key the schema does not call text was meant
                # as a boolean (draft: no, comments: yes); NO and Yes may be text (Norway, a label)
                meant = path in booleans or (raw in _BOOLEAN_WORDS and len(path) == 1 and path[0] not in texts)
                yield _finding(text, node.value, found, f"`{path_text(path)}: {raw}`", meant)


# A value that YAML reads as a comment: `#` glued to text right after `key:` or `- `
_HASH_VALUE = lazy(r"[ \t]+(#[^\s#][^\n]*)")
# A value led by an anchor's name: `&anchor Jane`, `&Co`
_ANCHOR = lazy(r"&[^\s,\[\]{}]+")


def hash_value(text: str, at: int) -> re.Match[str] | None:
    """The text YAML read as a comment after the (null) value ending at ``at``: ``#1 in sales``
    with no space after its ``#`` (empty-value leaves such a value to this rule)."""
    line_end = text.find("\n", at)
    return _HASH_VALUE().match(text, at, len(text) if line_end < 0 else line_end)


def _lost_values(text: str, fm: Any) -> Iterator[Finding]:
    """Values YAML reads otherwise than as the text written: ``title: #1 in sales`` is a key
    with a comment (title is empty), ``author: &anchor Jane`` an anchor named ``anchor`` on
    the value Jane (an anchor no alias uses: aliases are refused, so it can only be a slip)."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), fm.root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node.items, dict):
            stack.extend((path + (k,), child) for k, child in node.items.items())
        elif isinstance(node.items, list):
            stack.extend((path + (i,), child) for i, child in enumerate(node.items))
        elif node.style is None and path:
            vs, ve = node.value
            if vs == ve:  # null: nothing before the end of the line but, maybe, a comment
                m = hash_value(text, ve)
                if m is not None:
                    yield _comment_finding(text, path, m.group(1).rstrip(), m.start(1), ve)
            elif text[vs] == "&" and not fm.aliases and "\n" not in text[vs:ve]:
                anchor = _ANCHOR().match(text, vs, ve)
                if anchor is not None:
                    raw = text[vs:ve]
                    reading = f"`{text[anchor.end():ve].strip()}`" if text[anchor.end():ve].strip() else "empty"
                    yield Finding(vs, anchor.end(),
                                  f"`{path_text(path)}: {raw}`: YAML reads `{anchor.group(0)}` as the name of an "
                                  f"anchor, not as text, so the value is {reading}; quote the value",
                                  _quote(vs, "", raw, True))


def _comment_finding(text: str, path: tuple[Any, ...], raw: str, at: int, value_at: int) -> Finding:
    """``title: #1 in sales``: safe to quote when a digit follows the ``#`` (a number, a rank: no
    one starts a comment so); else unsafe (``image: #TODO`` may be a note on an empty key)."""
    return Finding(at, at + len(raw),
                   f"`{path_text(path)}: {raw}`: YAML reads `{raw}` as a comment, so `{path_text(path)}` is "
                   f"empty; quote the value if it is text",
                   # (the edit starts where YAML put the empty value, so the structure guard
                   # sees that value written anew)
                   _quote(value_at, text[value_at:at], raw, raw[1:2].isdigit()) if " #" not in raw else None)


def _quote(at: int, lead: str, raw: str, safe: bool) -> Fix | None:
    """Quote ``raw``, which follows ``lead`` at ``at`` on one line: in double quotes, or single
    ones (doubling any single quote) when it holds a double quote or a backslash."""
    quoted = f'"{raw}"' if '"' not in raw and "\\" not in raw else "'" + raw.replace("'", "''") + "'"
    return Fix.replace(at, at + len(lead) + len(raw), lead + quoted, "Quote the value", safe=safe, reshapes=True)


def _finding(text: str, span: tuple[int, int], found: tuple[str, str], what: str, boolean: bool) -> Finding:
    start, end = span
    raw = text[start:end]
    kind, reading = found
    if kind == "bool":
        message = (f"{what} is read as {reading} (a boolean) by {_READERS}, and as the text \"{raw}\" by YAML 1.2 "
                   f"readers such as Hugo; write {reading} for a boolean or quote the text")
    elif kind == "octal":
        message = (f"{what} is read as {reading} (octal) by {_READERS}, and as {int(raw.replace('_', ''))} by "
                   "YAML 1.2 readers; quote it if it is text")
    elif kind == "base60":
        message = (f"{what} is read as the number {reading} (base 60) by {_READERS}, and as text by YAML 1.2 "
                   "readers; quote it")
    else:
        message = f"{what} is read as the number {reading}, losing the trailing zero; quote it to keep \"{raw}\""
    if boolean and kind == "bool":
        fix = Fix.replace(start, end, reading, f"Write {reading}", safe=False)
    else:
        fix = Fix.replace(start, end, f'"{raw}"', "Quote the value", safe=False)
    return Finding(start, end, message, fix)


_BOOLEAN_WORDS = {"yes", "no", "on", "off"}
_START = validation._YAML11_START  # the first characters of a YAML 1.1 surprise


def _text_keys(doc: Document, opts: Mapping[str, Any]) -> set[Any]:
    """Top-level keys the schema declares as text (a yes/no there is a word, to be quoted)."""
    result = validation.validate(doc, opts)
    props = result.schema.properties if result.schema is not None else {}
    out = set()
    for key, spec in props.items():
        kinds = spec.get("type") if isinstance(spec, dict) else None
        if kinds == "string" or (isinstance(kinds, list) and "string" in kinds):
            out.add(key)
    return out


def _boolean_paths(doc: Document, opts: Mapping[str, Any]) -> set[tuple[Any, ...]]:
    """Paths where the schema wants a boolean (its type errors on a plain yes/no are ours)."""
    result = validation.validate(doc, opts)
    return {p.path for p in result.problems if p.owner == "yaml11" and "boolean" in p.expected}


# A `key: value` line (the value on the line) inside a block scalar's text
_KEY_LINE = lazy(r"([ \t]+)([A-Za-z_][\w-]*):[ \t]+\S[^\n]*")


def _slipped_keys(doc: Document, opts: Mapping[str, Any], root: Pos) -> Iterator[Finding]:
    """Keys a slip put inside the value of the top-level key before them: indented under a block
    scalar, swallowed by a quoted value left open, or indented under a mapping."""
    if not isinstance(root.items, dict):
        return
    text = doc.text
    present = {str(k).lower() for k in root.items}
    known: list[set[str]] = []  # the known keys, read when a check first needs them

    def is_known(name: str) -> bool:
        if not known:
            known.append(_known_keys(doc, opts))
        return name.lower() in known[0]

    for key, pos in root.items.items():
        if pos.style in ("|", ">"):
            yield from _swallowed_keys(text, key, pos, present, is_known)
        elif pos.style in ('"', "'"):
            yield from _quote_runs_over_keys(text, key, pos, present, is_known)
        elif isinstance(pos.items, dict) and pos.items and pos.key is not None:
            yield from _nested_page_keys(text, key, pos, present, is_known)


def _swallowed_keys(text: str, key: str, pos: Pos, present: set[str], is_known: Any) -> Iterator[Finding]:
    """Keys an indentation slip put inside the text of the block scalar before them."""
    start, end = pos.value
    block = text[start:end].rstrip("\n")
    lines = block.split("\n")[1:]  # (the first holds the indicator)
    if len(lines) < 2:
        return
    # the trailing run of `key: value` lines: what the slip swallowed comes last in the block
    at = start + len(block)
    found = []
    for line in reversed(lines):
        at -= len(line)
        m = _KEY_LINE().fullmatch(line)
        if m is None:
            break
        found.append((at, m))
        at -= 1
    if not found or len(found) == len(lines):
        return  # (a block of nothing but such lines is text written so: a YAML example)
    for at, m in reversed(found):
        name = m.group(2)
        if name.lower() in present or not is_known(name):
            continue
        indent = m.group(1)
        yield Finding(at, at + len(m.group(0)),
                      f"`{name}:` is indented under `{key}`, so YAML reads it as part of {key}'s text, "
                      f"not as a key; unindent it",
                      Fix.replace(at, at + len(indent), "", f"Unindent `{name}:`", reshapes=True))


# A line that reads `key: value` (at any indentation) inside a quoted value that runs over lines
_KEY_LINE_ANY = lazy(r"[ \t]*([A-Za-z_][\w-]*):(?:[ \t]+\S[^\n]*)?")


def _quote_runs_over_keys(text: str, key: str, pos: Pos, present: set[str], is_known: Any) -> Iterator[Finding]:
    """A quoted value whose closing mark was lost, which YAML reads on over the next lines up to
    the next such mark: the keys on those lines are text and the article lacks them."""
    start, end = pos.value
    first_end = text.find("\n", start, end)
    if first_end < 0:
        return  # (one line: closed where it stands)
    swallowed = []
    for line in text[first_end + 1:end].split("\n"):
        m = _KEY_LINE_ANY().fullmatch(line.rstrip())
        if m is not None and m.group(1).lower() not in present and (is_known(m.group(1)) or m.start(1) == 0):
            swallowed.append(m.group(1))  # (a key of the theme's own at a line's start is a key too: header:)
    if not swallowed:
        return  # a long value wrapped over lines, as YAML allows
    line_no = text.count("\n", 0, start) + 1
    names = ", ".join(f"`{n}:`" for n in swallowed[:3]) + (" …" if len(swallowed) > 3 else "")
    at = first_end - 1 if text[first_end - 1: first_end] == "\r" else first_end
    yield Finding(start, start + 1,
                  f"the quoted value of `{key}` is not closed on its line, so YAML reads the next lines "
                  f"as its text up to the next {pos.style} and drops {names}; close the quote on line {line_no}",
                  # (the edit spans the lines the value swallowed, which it gives back as
                  # keys: the structure guard lets a reshaping fix add the keys it touches)
                  Fix.replace(at, end, pos.style + text[at:end], "Close the quote at the end of its line",
                              safe=False, reshapes=True))


_COMMENT_LINE = lazy(r"\n#")  # a comment at a line's start
# Keys that belong to the page, never to a value inside it: its dates and publishing switches
# (not weight, slug or layout: a series, an author or a block has its own)
_PAGE_KEYS = frozenset("date draft expirydate last_modified_at lastmod moddatetime permalink pubdate pubdatetime "
                       "publishdate updateddate".split())


_DATE_KEYS = frozenset("date pubdate pubdatetime publishdate".split())
# Keys that give the time or place of something: in a mapping with one of them (an event's time,
# location and price, a talk's start), a date is that thing's date, not a slipped page key
_WHEN_WHERE = frozenset("time start end starttime start_time endtime end_time starts ends location venue place "
                        "where when address city price".split())
# Top-level keys that date the page under another name (Decap CMS and Lume's createdAt, Strapi's
# publishedAt): with one of them the page has its date, and a nested date: is not it
_DATED = frozenset("createdat created_at created published publishedat published_at publish_date "
                   "date_published datepublished post_date".split())


def _nested_page_keys(text: str, key: str, pos: Pos, present: set[str], is_known: Any) -> Iterator[Finding]:
    """A page's key (its date, its expiry, draft) indented under the mapping before it, which YAML
    then reads as a key of that mapping: the last key of a top-level mapping, one the article
    lacks at the top, on a line of its own. So is any known key that a comment at the line's
    start parts from the key above (``primary_image:`` / ``# Controls how this page appears`` /
    ``  weight: 1``: the comment closes what came before)."""
    if not isinstance(pos.items, dict) or pos.key is None:
        return  # (the caller passes mappings with a key: this tells the type checker)
    name, last = list(pos.items.items())[-1]
    if name.lower() in present or last.key is None or last.items is not None:
        return
    if name.lower() in _DATE_KEYS and (not _WHEN_WHERE.isdisjoint(k.lower() for k in pos.items)
                                       or (name.lower() == "date" and not _DATED.isdisjoint(present))):
        return  # event: {time, location, date}: the event's date; createdAt at the top: the page's
    if name.lower() not in _PAGE_KEYS and (len(pos.items) != 1 or not is_known(name)
                                           or not _COMMENT_LINE().search(text, pos.key[1], last.key[0])):
        return
    line_start = text.rfind("\n", 0, last.key[0]) + 1
    indent = text[line_start:last.key[0]]
    parent_indent = pos.key[0] - (text.rfind("\n", 0, pos.key[0]) + 1)
    if not indent or indent.strip() or parent_indent != 0 or "\n" in text[last.key[0]:last.value[1]]:
        return
    yield Finding(last.key[0], last.key[1],
                  f"`{name}:` is indented under `{key}`, so YAML reads it as part of {key}, not as the "
                  f"article's {name}; unindent it",
                  # (the edit spans the mapping's value from its key on, which the structure
                  # guard then sees written anew: not a key of featured_image lost, nor the
                  # mapping of one key turned null)
                  Fix.replace(pos.key[1], last.value[1],
                              text[pos.key[1]:line_start] + text[last.key[0]:last.value[1]],
                              f"Unindent `{name}:`", reshapes=True))


def _known_keys(doc: Document, opts: Mapping[str, Any]) -> set[str]:
    """Lower-cased keys the article's schema declares or that sites commonly use."""
    from ..resources import load_yaml

    result = validation.validate(doc, opts)
    keys = set(result.schema.properties) if result.schema is not None else set()
    table = load_yaml("rules", "front-matter-keys.yaml")
    keys.update(table.get("targets", []))
    return {str(k).lower() for k in keys}
