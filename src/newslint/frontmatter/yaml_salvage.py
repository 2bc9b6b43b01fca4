"""What a YAML block with a syntax error still says, its broken entries left out.

One slip (a tab, an unquoted colon, a lost quote) made a whole block unreadable, and every
other check of the front matter went quiet until it was mended. ``salvage`` blanks the line or
the top-level entry holding the error (line breaks kept, so offsets still index the document),
reads the rest again, up to MAX_SALVAGE entries, and reports at once a second slip that is the
block's own (``_stands_alone``). toml_reader salvages a TOML block the same way, with the same
limit and blanking pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..patterns import lazy
from .model import FrontMatter, FrontMatterError, Pos
from .yaml_errors import locate_error
from .yaml_loader import MAX_NODES, UNBUILT, Loader, positions


MAX_SALVAGE = 3  # broken top-level entries left out before the rest is given up on
# A line that starts a top-level entry: a key at column 0 and its colon, or a key that lost its
# colon (a lower-case word, a space and one word or a quoted value: `date 2021-07-27`,
# `excerpt "May 21 is…"`). A list item at column 0 is
# still the key's above, and so is a stray line of markup or text pasted under it (`</figure>`,
# `[- eric`, `For years, the office…`; left out, it would make the key look empty) and a line of
# a quoted value that goes on at column 0 (`three intense days of working`).
_KEY_LINE_START = lazy(r"""\n(?=[^\s#\-\[\]{},&*!|>%@`"'<][^:\n]*:(?:[ \t\r]|$)|[a-z_][\w-]*[ \t]+(?:[^\s:"']+[ \t\r]*$|["']))""", re.M)
NOT_NEWLINE = lazy(r"[^\n]")


def salvage(content: str, base: int, at: int, fm: FrontMatter) -> None:
    """Read what a YAML block with a syntax error still says, leaving out the broken entries.

    One slip (a tab, an unquoted colon, a lost quote) made the whole block unreadable, so every
    other check of the front matter went quiet: a misspelt key or an impossible date two lines
    below was missed until the slip was mended. The line holding the error (with the lines
    indented under it) is blanked out, keeping every line break so offsets still index the
    document, and the rest is parsed again; when that is not enough, the whole top-level entry
    holding the error (its key line and the lines that continue it) is, and so on for up to
    MAX_SALVAGE entries. (A key indented by mistake, `date: …` + `  title: …`, is the line's
    fault, not the date's: the date is still checked.) The syntax error stays in ``fm.errors``
    and ``fm.partial`` is set, so every repair of the block still sees a broken block; the rules
    that read ``fm.data`` key by key (dates, empty values, key names, duplicates) see the rest,
    and so does the schema, less its top-level ``required`` (a left-out key is not a missing
    one). A block with aliases, or one that is not a mapping once blanked, is left unread.
    """
    original = content
    for _ in range(MAX_SALVAGE):
        line = _blank_line(content, at)
        outcome: tuple[dict[str, Any], Pos, list[Any]] | _Broken | None = None
        alone = False  # (the error met next is the block's own, not one that leaving lines out made)
        if line != content and not _OPENER_ABOVE().search(content, 0, content.rfind("\n", 0, at) + 1):
            outcome = _reparse(line, base, fm)
            if isinstance(outcome, _Broken):
                alone = _stands_alone(original, line, at, outcome.at)
                if not alone:
                    outcome = None  # (the line alone is not enough: its whole entry goes)
            if outcome is not None:
                content = line
        if outcome is None:
            entry = _blank_entry(content, at)
            if entry == content:
                return  # (nothing left to leave out there)
            content = entry
            outcome = _reparse(content, base, fm)
            alone = isinstance(outcome, _Broken) and _stands_alone(original, content, at, outcome.at)
        if isinstance(outcome, tuple):
            fm.data, fm.root, fm.duplicates, fm.partial, fm.salvaged = *outcome, True, content
            return
        if outcome is None:
            return
        if alone:  # a second slip of the block: reported now, not once the first is mended
            start = base + outcome.at
            fm.errors.append(FrontMatterError(outcome.message, start, min(start + 1, fm.content_end), content))
        at = outcome.at


@dataclass(frozen=True)
class _Broken:
    """A syntax error a blanked block still has: where (an offset in the content), and what."""

    at: int
    message: str


def _reparse(content: str, base: int, fm: FrontMatter) -> tuple[dict[str, Any], Pos, list[Any]] | _Broken | None:
    """(data, positions, duplicates) of a blanked block that reads as a mapping, its next syntax
    error, or None when it cannot be used (aliases, too big, not a mapping)."""
    loader = Loader(content)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        partial = FrontMatter(fm.kind, fm.start, fm.end, fm.content_start, fm.content_end)
        root, count, data = positions(node, base, partial, loader)
        if count > MAX_NODES or partial.aliases:
            return None
        data = loader.construct_document(node) if data is UNBUILT else data
    except yaml.MarkedYAMLError as exc:
        return _Broken(*locate_error(exc, content))
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return (data, root, partial.duplicates) if isinstance(data, dict) else None


def _blank_line(content: str, at: int) -> str:
    """``content`` with the line that holds offset ``at``, and the lines indented under it,
    turned into blank lines."""
    start = content.rfind("\n", 0, at) + 1
    indent = _INDENT().match(content, start).end() - start
    end = content.find("\n", at)
    while end >= 0:
        nxt = end + 1
        body = _INDENT().match(content, nxt).end()
        if body - nxt <= indent and content[body:body + 1] not in ("\n", "\r", ""):
            break  # (a line no deeper than the error's: the next entry)
        end = content.find("\n", nxt)
    end = len(content) if end < 0 else end
    return content[:start] + NOT_NEWLINE().sub(" ", content[start:end]) + content[end:]


_INDENT = lazy(r"[ \t]*")
# The line above (past blank and comment lines) is a key with nothing after its colon, or a block
# scalar's: the lines below are its value, and leaving out the one that breaks would make the
# key look empty (`tags:` + a tab-indented `- politics`), so the whole entry is left out instead
_OPENER_ABOVE = lazy(r"^[ \t]*(?:-[ \t]+)?[^\s#][^\n]*:[ \t]*(?:[|>][-+0-9]*[ \t]*)?(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*\Z", re.M)


def _entry_start(content: str, at: int) -> int:
    """Where the top-level entry that holds offset ``at`` starts: its key line at or above."""
    line_start = content.rfind("\n", 0, at) + 1
    # (no endpos: the lookahead has to see the error's own line)
    starts = [0] + [m.end() for m in _KEY_LINE_START().finditer(content) if m.start() < line_start]
    return starts[-1]  # (the last key line at or above the error's: a front matter is a few kilobytes)


def _stands_alone(original: str, blanked: str, before: int, at: int) -> bool:
    """Is the syntax error at ``at`` of a block blanked up to the error at ``before`` a slip of the
    original block, one that mending the lines above by hand leaves, and not one that leaving
    them out made (the rest of a value whose first line went)? It is when a top-level entry
    starts between that error's line and its own, and the original, from that entry on, with
    what is above it left out, fails at the same place: what is above has no say in it. (The
    lines above become one key with no value, not nothing: a line that is not `key: value` is
    an error after keys, and a document of its own alone.)"""
    line_end = blanked.find("\n", before)
    if line_end < 0 or at <= line_end:
        return False
    below = _KEY_LINE_START().search(blanked, line_end)
    start = below.end() if below is not None else len(blanked)
    if start > at or start < 3:
        return False  # (in the entry of the error above: whatever that entry was meant to be decides)
    probe = "_:" + " " * (start - 3) + "\n" + original[start:]
    outcome = _reparse(probe, 0, FrontMatter("yaml", 0, 0, 0, 0))
    return isinstance(outcome, _Broken) and outcome.at == at


def _blank_entry(content: str, at: int) -> str:
    """``content`` with the top-level entry that holds offset ``at`` turned into blank lines:
    from the key line at or above it to the next key line below."""
    start = _entry_start(content, at)
    line_end = content.find("\n", at)
    below = _KEY_LINE_START().search(content, line_end) if line_end >= 0 else None
    end = below.start() if below is not None else len(content)
    return content[:start] + NOT_NEWLINE().sub(" ", content[start:end]) + content[end:]
