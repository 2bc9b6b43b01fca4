"""Front-matter syntax: the front-matter block cannot be split off or parsed.

Covers a block opened with ``---`` (YAML), ``+++`` (TOML) or ``{`` (JSON) that is never
closed (reported where its closing fence belongs when the keys clearly end at a blank line
before prose, which is where the fix puts the fence, the span taking in the blank and ``#``
lines about that place, where the writer's fence may have stood; else at the opening fence), YAML/TOML/JSON syntax errors (at the line that caused them: a key that lost its colon,
the opening of a quote never closed; else where the parser stopped), tab
characters used for indentation in YAML, and front matter that is a list or a single value
instead of a mapping of keys. Site generators either fail the build or silently drop such
metadata; python-frontmatter returns ``{}`` without a word.

It also reports a key that is really a paragraph: an unquoted multi-line value (often an HTML
``excerpt`` pasted from a blog export) whose next paragraph contains ``: `` is read by YAML as
a new key, so the value is cut short and a sentence becomes a key. The block parses, so no
parser complains; the finding points at the swallowed text and names the value it belongs to.
Likewise a key that lost its colon before a value with ``: `` in it (``summary 'Event: talks'``
is read as the key ``summary 'Event``), or the space after its colon (``title:"Talks: both"``
is read as the key ``title:"Talks``).

A top-level key that lost the space after its colon (``title:Talks resume``) or, for a key in
common use, the colon itself (``lastmod 2022-06-01``) has a fix that puts it back, offered only
when the front matter then parses past that line; it is safe for a key in common use
(rules/front-matter-keys.yaml) and unsafe for any other (a line of text may start with a word
and a colon). A namespaced key (``og:title: …``) is no finding. A value with ``: `` in it
(``title: Talks resume: both sides agree``) has a safe fix that quotes it (in double quotes, or
single ones when it holds a double quote or a backslash), when it is on one line, has no
``#`` comment and the front matter then parses past it. A one-line value that starts with a character YAML reserves (``description: @home``,
``caption: *Photo: Reuters*``, ``title: >50 killed``, a backtick, ``%``, a lone ``!``) is refused
by the parser; it has a safe fix that quotes it, when no `` #`` comment may follow it and the
front matter then parses past it. A one-line quoted value that lost its
closing quote, the next line being a key (``title: "Talks resume``, ``title: 'Newsletter #96``,
``title: 'What''s next``),
has a safe fix that closes it at the end of its line (not when a `` # `` comment may follow it).
A key indented under the value of the key above it (``title: Talks resume`` and, below it,
``  author: Jane Doe``) is no key: YAML reads the line as more of that value and stops at its
colon. It is reported as such, with a fix that gives it the indentation of the key above, when
the front matter then parses past it: safe for a key in common use, unsafe for any other (the
line may be the value's text, a sentence with a colon in it, which wants the value quoted).
A TOML key (or table) set twice makes the whole block unreadable to TOML readers: the message
names it and the lines of both (tomllib says only "Cannot overwrite a value").
A list item that lost the space after its dash (``  -meetups`` beside ``  - design``) is no
item: YAML joins it to the item above, reads it with the items below as one string, or stops;
it is reported (even when the block parses) with a fix that puts the space back, safe when the
front matter then parses past it (not ``-4``, a number, nor a line of a ``|`` block's text).
A one-line list or mapping in brackets that lost its closing bracket (``tags: [politics,
budget``, the next line a key) has a safe fix that closes it at the end of its line (not when the
line has another bracket, a quote or a comment, or ends with a comma).
A YAML block that lost its closing ``---`` (a TOML block its ``+++``) gets it back before the
first blank line after which the text is no longer YAML (TOML): the keys above parse, the next
line is no key (``key: value``; ``key = value`` or a ``[table]`` header), YAML list item or
indented line: safe before a line of prose, unsafe before a heading (``# Title`` could be a
comment), and no fix when keys follow further down or no blank line separates the keys from
the body. Where the fence has such a place, the article is checked as if it were there: the
keys above it as front matter, the text below as the body (else the whole file is front matter).

A syntax error does not silence the rest of the block: the line that holds it (or, when that
is not enough, its whole top-level entry) is left out and every other key is still checked (dates, key names, empty values, duplicates, and
the schema, less the keys it requires, which may be in the entry left out). A further syntax
error the block has is reported in the same run, each at its line with its own fix (judged
with the lines of the errors above left out), not once the first is mended: up to three
entries are left out on the way. An error that only leaving a line out makes (the second line
of a quoted value whose first line broke) is not reported: a further error counts when the
block from the next entry on, with everything above it left out, fails at the same place.

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
    title:Talks resume
    ---
Good:
    ---
    title: Talks resume
    ---

Bad:
    ---
    categories:
      - design
      -meetups
    ---
Good:
    ---
    categories:
      - design
      - meetups
    ---

Bad:
    ---
    title: Talks resume: both sides agree
    ---
Good:
    ---
    title: "Talks resume: both sides agree"
    ---

Bad:
    ---
    	date: 2022-05-31
    summary: Talks resume: both sides agree
    author: "Jane Doe
    ---
Good:
    ---
    date: 2022-05-31
    summary: "Talks resume: both sides agree"
    author: "Jane Doe"
    ---

Bad:
    +++
    title = "Talks resume"

    The talks resumed on Monday.
Good:
    +++
    title = "Talks resume"
    +++

    The talks resumed on Monday.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..frontmatter import (CLOSING_FENCE, INDICATOR_START, UNCLOSED_LIST, UNCLOSED_MAPPING, FrontMatter, FrontMatterError,
                           Pos, fence_span, parse, split, value_end)
from ..model import Edit, Finding, Fix
from ..patterns import lazy
from .merge_conflict_marker import MARKER

ID = "NL001"
NAME = "front-matter-syntax"
SEVERITY = "error"
FIXABLE = True


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per error the splitter or parser met."""
    fm = doc.front_matter
    if fm is None:
        return
    dashes = _glued_dashes(doc, fm) if fm.kind == "yaml" else []
    for at, fix in dashes:
        item = doc.text[at + 1:doc.text.find("\n", at)].split(" #")[0].strip()
        yield Finding(at, at + 1, f"YAML: a list item without the space after its `-` is no item (`-{item}` "
                      f"is read as text); write `- {item}`", fix)
    after = fm.content_start  # (where the parser went on from after the error before)
    glued_lines: set[int] = set()
    error_lines: set[int] = set()
    for error in fm.errors:
        # (an error met once the ones above it were left out is judged as the parser saw it then:
        # its repair has to get the parser past its own line, not past the slips above)
        # (and with the glued keys reported above left out too: the parser stopped below such a
        # line, so the salvage left out the line where it stopped, not the glued one)
        text = doc.text if error.seen_in is None else \
            doc.text[:fm.content_start] + _left_out(error.seen_in, fm.content_start, glued_lines) + doc.text[fm.content_end:]
        scan_from, after = after, doc.text.find("\n", error.start) + 1 or fm.content_end
        if dashes:  # (with the text they leave once repaired: the parse errors it no longer has were theirs)
            line_end = text.find("\n", error.start)
            shift = sum(at < error.start and text[at] == "-" for at, _ in dashes)
            if line_end >= 0 and _parses_past(_with_spaces(text, [at for at, _ in dashes]), line_end + shift):
                continue  # (the parser stopped at or after a list item that lost its space: reported above)
        past = mended = False
        while fm.kind == "yaml" and not past:
            glued = _first_glued_line(text, scan_from, error.start)
            if glued is None:
                break
            line_start, found = glued
            key, at, insert, _ = found
            mended = True
            if line_start not in glued_lines:
                glued_lines.add(line_start)
                what = "no space after its colon" if insert == " " else "no colon after it"
                yield Finding(line_start, at, f"YAML: the key `{key}` has {what}, so its line is not `key: value`; "
                              f"write `{key}: …`", _glue_fix(found))
            line_end = text.find("\n", error.start)
            past = line_end < 0 or _parses_past(text[:at] + insert + text[at:], line_end + len(insert))
            # (else a key line that lost its colon before a value with `: ` in it, read as a key, and
            # the parser stopped further down at a slip of its own: that one is looked for too)
            scan_from = text.find("\n", line_start) + 1
            text = doc.text[:fm.content_start] + _left_out(text[fm.content_start:fm.content_end], fm.content_start,
                                                           {line_start}) + doc.text[fm.content_end:]
        if past:
            continue  # (the parser stopped below the glued line because of it)
        if mended:  # (glued lines were reported: what is left once they are mended)
            remaining = _first_error(text)
            if remaining is not None and remaining.start < after:
                error = remaining
        line_start = doc.text.rfind("\n", 0, error.start) + 1
        if line_start in error_lines or line_start in glued_lines:
            continue
        marker = MARKER.match(doc.text, line_start)
        if marker and (marker.group(1)[0] in "<>" or doc.text.rfind("<<<<<<<", 0, line_start) >= 0):
            continue  # a line git left in a conflict: merge-conflict-marker (NL017) says what it is
        error_lines.add(line_start)
        quoted = None
        if fm.unclosed and error.start == fm.start:
            quoted = _close_block_fix(fm)
            if fm.close_at is not None:  # (where the fence is missing, not the opening line, tells what to mend)
                at = fm.close_at[0]
                fence = CLOSING_FENCE[fm.kind]
                taken = "" if fm.taken_fence is None else \
                    f" (the `{fence}` on line {doc.position(fm.taken_fence)[0]} is a break in the body, not its end)"
                # (the span: where the writer may have had it, from the blank and `#` lines above the
                # place, which may be comments of the block, over those below it to the body's first line)
                start, end = fence_span(doc.text, at, fm.content_start)
                where = "here" if not re.search(r"(?m)^#", doc.text[start:end]) else \
                    "here, before or after the `#` lines (comments of the block, or headings of the body)"
                yield Finding(start, end, f"the front matter opened with `{fence}` on line {doc.position(fm.start)[0]} "
                                          f"is never closed{taken}; its closing `{fence}` belongs {where}", quoted)
                continue
        elif fm.kind == "yaml" and error.message in (_UNQUOTED_COLON, _NO_KEY) and _indented_key(text, error.start):
            message, quoted = _indented_key(text, error.start)  # type: ignore[misc]
            yield Finding(error.start, max(error.start, error.end), message, quoted)
            continue
        elif fm.kind == "yaml" and error.message == _UNQUOTED_COLON:
            quoted = _quote_fix(text, error.start)
        elif fm.kind == "yaml" and error.message == _UNCLOSED_QUOTE:
            quoted = _close_quote_fix(text, error.start)
        elif fm.kind == "yaml" and error.message in (UNCLOSED_LIST, UNCLOSED_MAPPING):
            quoted = _close_bracket_fix(text, error.start)
        elif fm.kind == "yaml" and error.message.startswith(INDICATOR_START):
            quoted = _quote_indicator_fix(text, error.start)
        yield Finding(error.start, max(error.start, error.end), error.message, quoted)
    if fm.kind == "yaml" and fm.root is not None and isinstance(fm.root.items, dict):
        yield from _paragraph_keys(doc, fm, glued_lines)


# A top-level line whose key lost the space after its colon (title:Talks resume) or its colon
# (lastmod 2022-05-31): YAML reads the line as one plain scalar and stops there
_GLUED = lazy(r"([A-Za-z_][\w-]*)(?::(?=[^\s/:])|[ \t]+(?=[^\s:#]))")


def _glued_key(text: str, at: int) -> tuple[str, int, str, bool] | None:
    """(key, offset, text to insert, safe) for the line at ``at`` when its key lost the space
    after its colon, or the colon itself, and the front matter parses once it is put back;
    safe for a key in common use, else unsafe (a stray line of text may start with a word and
    a colon). None otherwise."""
    line_start = text.rfind("\n", 0, at) + 1
    m = _GLUED().match(text, line_start)
    if m is None or m.end() > text.find("\n", line_start) >= 0:
        return None
    key = m.group(1)
    glued = m.group(0).endswith(":")
    at, insert = (m.end(), " ") if glued else (m.end(1), ":")
    if not glued and key not in _key_names():
        return None  # (a line of text that YAML split off a value: only a known key lost its colon)
    repaired = text[:at] + insert + text[at:]
    # (another glued line further down is the next pass's)
    if not _parses_past(repaired, repaired.find("\n", at)):
        return None
    return key, at, insert, key in _key_names()


_UNQUOTED_COLON = "YAML: a colon followed by a space inside an unquoted value; quote the value"
_CONTINUED = lazy(r"(?:\n[ \t]*)*\n[ \t]+\S")
_PLAIN_VALUE = lazy(r"[A-Za-z_][\w-]*:[ \t]+([^\s\"'\[\]{}&*!|>%@`#?,-][^\n]*?)[ \t]*$", re.M)


def _quote_fix(text: str, at: int) -> Fix | None:
    """Quote a top-level value with ``: `` in it (title: Talks resume: both sides agree), when
    the front matter then parses past that line: in double quotes, or in single quotes if the
    value has a double quote or a backslash in it (none of the two: no fix). Safe: a value with
    ``: `` can only have been meant as text."""
    line_start = text.rfind("\n", 0, at) + 1
    m = _PLAIN_VALUE().match(text, line_start)
    if m is None or " #" in m.group(1) or ": " not in m.group(1) + " " or _CONTINUED().match(text, m.end()):
        return None  # (a value that goes on on indented lines below is not this line's alone)
    s, e = m.span(1)
    return _quoted(text, s, e, e + 2)


def _quote_indicator_fix(text: str, at: int) -> Fix | None:
    """Quote a value on one line that starts with a character YAML reserves (``@home``,
    ``*star photo``, ``>50 killed``), when the front matter then parses past that line. Safe:
    the parser refused the value, so it can only have been meant as text."""
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    value = text[at:end].rstrip()
    if _COMMENT().search(value) or _CONTINUED().match(text, end):
        return None  # (a comment may follow; a value that goes on below is not this line's alone)
    return _quoted(text, at, at + len(value), end + 2)


def _quoted(text: str, s: int, e: int, past: int) -> Fix | None:
    """The fix that quotes ``text[s:e]``, one line's value: in double quotes, or in single ones
    if it has a double quote or a backslash in it (both kinds of quote in it: no fix), when the
    front matter then parses past ``past``."""
    value = text[s:e]
    q = '"' if '"' not in value and "\\" not in value else "'" if "'" not in value else ""
    if not q or not _parses_past(text[:s] + q + value + q + text[e:], past):
        return None
    return Fix((Edit(s, s, q), Edit(e, e, q)), "Quote the value", reshapes=True)


# A key line indented deeper than the key above it, whose value is a plain one on its line
_INDENTED_KEY = lazy(r"([ \t]+)([A-Za-z_][\w-]*):[ \t]+\S")
_KEY_ABOVE = lazy(r"([ \t]*)([A-Za-z_][\w-]*):[ \t]+(?:[^\s|>&*!'\"\[{#%@`][^\n]*|\"[^\"\n]*\"|'[^'\n]*')[ \t]*")
_NO_KEY = "YAML: did not find expected key"  # (where a quoted value above ends: title: "Foo")


def _indented_key(text: str, at: int) -> tuple[str, Fix | None] | None:
    """``title: Foo`` and, below it, ``  author: Jane``: a key indented under the plain value
    above it, which YAML reads as that value's next line until the colon stops it. The message,
    and a fix that gives the key the indentation of the key above, when the front matter then
    parses past it: safe for a key in common use, unsafe for any other (the line may be the
    value's text, a sentence with a colon in it). None when the error at ``at`` (the colon) is
    no such line."""
    line_start = text.rfind("\n", 0, at) + 1
    m = _INDENTED_KEY().match(text, line_start)
    if m is None or at not in (m.start(2), m.end(2)) or line_start < 2:
        return None  # (the parser stops at the colon below a plain value, at the key below a quoted one)
    prev_end = line_start - 1 - (text[line_start - 2:line_start - 1] == "\r")
    above = _KEY_ABOVE().fullmatch(text, text.rfind("\n", 0, line_start - 1) + 1, prev_end)
    if above is None or len(above.group(1)) >= len(m.group(1)) or " #" in above.group(0):
        return None
    key, parent = m.group(2), above.group(2)
    repaired = text[:line_start] + above.group(1) + text[m.end(1):]
    fix = None
    if _parses_past(repaired, repaired.find("\n", line_start)):
        fix = Fix.replace(line_start, m.end(1), above.group(1), f"Unindent `{key}:`", safe=key in _key_names(),
                          reshapes=True)
    known = key in _key_names()
    return (f"YAML: `{key}:` is indented under the value of `{parent}`, so YAML does not read it as a key; "
            + ("unindent it" if known else "unindent it if it is a key, or quote the whole value if it is text"), fix)


def _first_error(text: str) -> FrontMatterError | None:
    """The first error of the text's front matter, if it has one."""
    fm = split(text)
    if fm is None:
        return None
    errors = fm.errors or parse(text, fm).errors
    return errors[0] if errors else None


def _parses_past(repaired: str, limit: int) -> bool:
    """Does the repaired text's front matter split, keep its keys unique and parse, or fail only
    after ``limit`` (a later slip of its own, not one this repair made)?"""
    fm = split(repaired)
    if fm is None or fm.errors:
        return False
    errors = parse(repaired, fm).errors
    # (duplicates count in a block that parses; a block read in part after a later slip may
    # show some, which are that slip's business, not this repair's)
    return not ((fm.duplicates and not fm.partial) or (errors and errors[0].start <= limit) or (not errors and fm.data is None))


_BLANK_LINES = lazy(r"(?:[ \t]*\n)*")


def _close_block_fix(fm: FrontMatter) -> Fix | None:
    """Put back the closing ``---`` (``+++``) of a YAML (TOML) block that lost it, where
    ``closing_place`` says the block ends (the document found it: ``fm.close_at``): safe when
    the line after starts prose, unsafe when it is a heading."""
    if fm.close_at is None:
        return None
    at, prose = fm.close_at
    return Fix.insert(at, CLOSING_FENCE[fm.kind] + "\n", "Close the front matter", safe=prose, reshapes=True)


def _below_left_out(doc: Document, fm: FrontMatter, line_start: int) -> bool:
    """Is the line above this one a line that a block read in part left out?"""
    if fm.salvaged is None or line_start <= fm.content_start:
        return False
    above = doc.text.rfind("\n", 0, line_start - 1) + 1
    s, e = above - fm.content_start, line_start - 1 - fm.content_start
    return not fm.salvaged[s:e].strip() and bool(doc.text[above:line_start - 1].strip())


def _left_out(content: str, base: int, lines: set[int]) -> str:
    """``content`` (at offset ``base``) with the lines that start at these offsets blanked."""
    for start in sorted(lines):
        s = start - base
        e = content.find("\n", s)
        e = len(content) if e < 0 else e
        content = content[:s] + " " * (e - s) + content[e:]
    return content


def _with_spaces(text: str, dashes: list[int]) -> str:
    """``text`` with a space after each of these offsets that still holds a dash."""
    out, last = [], 0
    for at in dashes:
        if text[at] == "-":
            out += [text[last:at + 1], " "]
            last = at + 1
    return "".join(out) + text[last:]


_COMMENT = lazy(r"\s#(?:\s|$)")
_UNCLOSED_QUOTE = "YAML: a quoted value that is never closed; close the quote or drop it"


def _close_quote_fix(text: str, at: int) -> Fix | None:
    """Close a quoted value that lost its closing quote (title: "Talks resume, with the next line
    a key, or the indented lines that continue the value, then a key): the quote goes at the end
    of its last line, when the value has no other mark of that quote and no comment (`` # ``),
    and the front matter then parses past it. Safe: the value cannot go on (a key follows), so
    it ends where its last line does."""
    q = text[at: at + 1]
    line_end = value_end(text, at + 1, q) if q in ("'", '"') else None
    if line_end is None:
        line_end = text.find("\n", at)  # (the parser's word for it: unclosed at the block's end)
    if q not in ("'", '"') or line_end < 0:
        return None
    value = text[at + 1: line_end].rstrip(" \t")
    inner = value.replace("''", "") if q == "'" else value  # ('It''s here: an escaped apostrophe)
    if not value.strip() or _COMMENT().search(value) or q in inner or value.endswith("\\"):
        return None  # ("post  # note": the quote may have closed before the comment; #96, &#8217; are text)
    end = at + 1 + len(value)
    if not _parses_past(text[:end] + q + text[end:], line_end + 1):
        return None
    return Fix.insert(end, q, "Close the quote", reshapes=True)


_CLOSING = {"[": "]", "{": "}"}


def _close_bracket_fix(text: str, at: int) -> Fix | None:
    """Close a one-line list or mapping in brackets that lost its closing bracket (``tags:
    [politics, budget``, the next line a key): the bracket goes at the end of the line, when the
    line has no other bracket, quote or comment, does not end with a comma (the list may go on
    below), and the front matter then parses past it. Safe: a key follows, so the list ends
    where its line does."""
    opening = text[at: at + 1]
    line_end = text.find("\n", at)
    if opening not in _CLOSING or line_end < 0:
        return None
    value = text[at + 1: line_end].rstrip(" \t\r")
    if not value.strip() or value.endswith(",") or any(c in value for c in "[]{}\"'#"):
        return None
    if not _TOP_KEY_LINE().match(text, _BLANK_LINES().match(text, line_end + 1).end()):
        return None  # (only a key on the next line says the list ended on this one)
    end = at + 1 + len(value)
    if not _parses_past(text[:end] + _CLOSING[opening] + text[end:], line_end + 1):
        return None
    return Fix.insert(end, _CLOSING[opening], f"Close the {'list' if opening == '[' else 'mapping'}", reshapes=True)


_TOP_KEY_LINE = lazy(r"[A-Za-z_][\w.-]*:(?:[ \t\r]|$)", re.M)


def _first_glued_line(text: str, start: int, error: int) -> tuple[int, tuple[str, int, str, bool]] | None:
    """The first top-level line up to the error's that lost its key's space or colon and whose
    repair lets the parser past it (YAML reads several such lines as one plain scalar and may
    stop lines below the first): (line start, what ``_glued_key`` says)."""
    end = text.find("\n", error)
    for m in _GLUED_LINE().finditer(text, start, len(text) if end < 0 else end):
        repaired = _glued_key(text, m.start())
        if repaired is not None:
            return m.start(), repaired
    return None


_GLUED_LINE = lazy(r"^(?=[A-Za-z_])", re.M)


def _glued_fix(doc: Document, fm: FrontMatter, at: int) -> Fix | None:
    """The fix that puts back the space or colon of the key on the line at ``at``, if one does
    (judged with the lines of the syntax errors above left out)."""
    found = _glued_key(_as_read(doc, fm, at), at)
    return None if found is None else _glue_fix(found)


def _glue_fix(found: tuple[str, int, str, bool]) -> Fix:
    """The fix for what ``_glued_key`` found: (key, offset, text to insert, safe)."""
    key, at, insert, safe = found
    return Fix.insert(at, insert, f"Insert {'a space' if insert == ' ' else 'a colon'} after `{key}`",
                      safe=safe, reshapes=True)


# A line of a YAML list whose item lost the space after its dash (  -meetups), and its siblings
_GLUED_DASH = re.compile(r"^([ \t]*)-(?=[^\s\-\d.])[^\n]*$", re.M)  # (not -4, -.5: a number)
_BLOCK_SCALAR = lazy(r"[|>][+-]?[0-9]?[ \t]*(?:#[^\n]*)?$")


def _glued_dashes(doc: Document, fm: FrontMatter) -> list[tuple[int, Fix]]:
    """(offset of the dash, fix) for each list item that lost the space after its dash. Such an
    item is a line ``-word`` beside a sibling ``- item`` at the same indentation, outside a
    block scalar. YAML reads it as text: joined to the item above it, or with the items below
    it into one string (``categories:`` / ``  -meetups`` / ``  - design`` is the string
    "-meetups - design"), or it stops there. The fix inserts the space; safe when the front
    matter then parses past it (with the dashes above repaired too, and the lines of the
    syntax errors above left out: each is checked past its own line)."""
    text = doc.text
    start, end = fm.content_start, fm.content_end
    found: list[tuple[int, Fix]] = []
    parses = 0
    for m in _GLUED_DASH.finditer(text, start, end):
        indent = m.group(1)
        before = text.rfind("\n", start, max(start, m.start() - 1)) + 1
        above = text[before:m.start() - 1] if m.start() > start else ""
        below_end = text.find("\n", m.end() + 1)
        below = text[m.end() + 1: end if below_end < 0 or below_end > end else below_end]
        sibling = indent + "- "
        if not (above.startswith(sibling) or below.startswith(sibling)):
            continue
        if _in_block_scalar(text, start, m.start(), len(indent)):
            continue
        parses += 1
        if parses > _MAX_DASH_PARSES:
            break  # (a parse of the whole block each: a block of thousands costs no more than a few)
        dash = m.start() + len(indent)
        context = _as_read(doc, fm, dash)
        if context[dash] != "-":
            continue  # (in an entry left out with a syntax error: that error is reported)
        spots = [at for at, _ in found] + [dash]
        if not _parses_past(_with_spaces(context, spots), m.end() + 1 + sum(context[at] == "-" for at in spots)):
            continue
        found.append((dash, Fix.insert(dash + 1, " ", "Insert a space after `-`", reshapes=True)))
    return found


def _as_read(doc: Document, fm: FrontMatter, at: int) -> str:
    """The text as the parser read it at offset ``at`` of a block with syntax errors above it:
    their lines left out (blanked), as the salvage left them out on its way to the next error
    (or to the end); the text itself when no error is above."""
    if not any(fm.content_start <= e.start < at for e in fm.errors):
        return doc.text
    content = next((e.seen_in for e in fm.errors if e.start >= at and e.seen_in is not None), fm.salvaged)
    return doc.text if content is None else doc.text[:fm.content_start] + content + doc.text[fm.content_end:]


_MAX_DASH_PARSES = 8
_MAX_WALK = 400  # lines looked at above a glued dash for the line it belongs to


def _in_block_scalar(text: str, start: int, at: int, indent: int) -> bool:
    """Is the line at ``at`` inside a literal or folded block (``key: |``) above it? (Also
    yes when no parent line shows within ``_MAX_WALK`` lines: too far to say, so no finding.)"""
    i = at
    for _ in range(_MAX_WALK):
        if i <= start:
            return False
        prev = text.rfind("\n", start, i - 1) + 1
        if prev < start:
            prev = start
        line = text[prev:i - 1]
        i = prev
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip(" \t"))
        if lead < indent or (lead == indent and not line.lstrip(" \t").startswith("-")):
            return _BLOCK_SCALAR().search(line) is not None  # the parent line: does it open a block?
    return True


def _key_names() -> frozenset[str]:
    """Front-matter key names in common use, as written, from rules/front-matter-keys.yaml."""
    global _KEY_NAMES
    if _KEY_NAMES is None:
        from ..resources import load_yaml

        table = load_yaml("rules", "front-matter-keys.yaml")
        _KEY_NAMES = frozenset(table["targets"] + table["known"])
    return _KEY_NAMES


_KEY_NAMES: frozenset[str] | None = None
_TAG = lazy(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>")
MAX_KEY_WORDS = 5  # no key in 3,248 real articles has more than 3 words; a sentence has more


def _paragraph_keys(doc: Document, fm: FrontMatter, reported: set[int]) -> Iterator[Finding]:
    """Top-level keys that are sentences or HTML: text YAML split off the value above them.

    In a block read in part (lines of a syntax error left out), only a key that looks like a
    key of common use that lost its colon or the space after it is reported, and not right
    below a line left out (it may be the rest of that line's value), nor on a line reported
    with a syntax error already; the value a paragraph belongs to may be the entry left out."""
    assert fm.root is not None and isinstance(fm.root.items, dict)
    left_out = fm.salvaged
    previous: str | None = None
    for key, pos in fm.root.items.items():
        # (a key that is one identifier, as nearly all are, has no colon, space, other blank or
        # tag: none of the three cases below can read it; a key of another type goes on, as before)
        if pos.key is not None and not (isinstance(key, str) and key.isidentifier()):
            line_start = doc.text.rfind("\n", 0, pos.key[0]) + 1
            if left_out is not None and (line_start in reported or _below_left_out(doc, fm, line_start)):
                previous = key
                continue
            raw = doc.text[pos.key[0]:pos.key[1]]
            plain = raw[:1] not in ("'", '"')
            first = key.split(maxsplit=1)[0] if key.strip() else ""
            head, colon, rest = key.partition(":")
            if plain and colon and head in _key_names() and rest[:1].strip() and rest[:1] not in "/:":
                shown = key if len(key) <= 40 else key[:37].rstrip() + "…"
                yield Finding(pos.key[0], pos.key[1],
                              f"`{shown}` is read as a key: it looks like `{head}:` without the space after its "
                              f"colon; write `{head}: …`", _glued_fix(doc, fm, pos.key[0]))
            elif plain and " " in key.strip() and first in _key_names():
                shown = key if len(key) <= 40 else key[:37].rstrip() + "…"
                yield Finding(pos.key[0], pos.key[1],
                              f"`{shown}` is read as a key: it looks like `{first}` without its colon; "
                              f"write `{first}: …`", _glued_fix(doc, fm, pos.key[0]))
            elif plain and left_out is None and (len(key.split()) >= MAX_KEY_WORDS or _TAG().search(key)):
                shown = key if len(key) <= 40 else key[:37].rstrip() + "…"
                where = f" of `{previous}`" if previous is not None else ""
                yield Finding(pos.key[0], pos.key[1],
                              f"`{shown}` is read as a key: it looks like text that belongs to the value{where} "
                              "(a line with `: ` in an unquoted value starts a new key); indent the value's "
                              "lines under a block scalar (`|`) or quote the whole value")
        previous = key
