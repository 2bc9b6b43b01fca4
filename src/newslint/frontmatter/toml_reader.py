"""A TOML (``+++``) front-matter block read: its data, key positions, errors and salvage.

tomllib is imported only when a block is TOML (most front matter is YAML). Dates and times
become ISO strings, as YAML timestamps stay strings. tomllib gives no positions, so they come
from the ``key = value`` lines and ``[table]`` headers. Its error is placed in the document and
worded for an editor (a date TOML does not read, a string left open on its line, an array never
closed), and a block with an error is read again with the broken entries left out, as
yaml_salvage does for YAML.
"""

from __future__ import annotations

import re
from typing import Any

from ..patterns import lazy
from .model import FrontMatter, FrontMatterError, Pos
from .yaml_salvage import MAX_SALVAGE, NOT_NEWLINE


_TOML_ERROR_AT = lazy(r"\(at line (\d+), column (\d+)\)")
_TOML_HEADER = lazy(r"^[ \t]*\[\[?[ \t]*([^\]]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$")
_TOML_KEY = lazy(r'^[ \t]*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_\-]+)[ \t]*=[ \t]*')


def parse_toml(text: str, fm: FrontMatter) -> None:
    """Fill ``fm`` from its TOML content: data (dates as ISO strings) and positions, or the
    error and what the rest of the block still says."""
    import tomllib  # (here: most front matter is YAML)

    content = text[fm.content_start: fm.content_end]
    try:
        fm.data = _jsonable(tomllib.loads(content))
    except RecursionError:
        fm.errors.append(FrontMatterError("TOML front matter is nested too deeply to read", fm.start, fm.content_start))
        return
    except tomllib.TOMLDecodeError as exc:
        error, located = _toml_error(text, fm, content, exc)
        fm.errors.append(error)
        if located:
            _salvage_toml(text, content, fm, error.start - fm.content_start)
        return
    fm.root = _toml_positions(content, fm.content_start)


def _toml_error(text: str, fm: FrontMatter, content: str, exc: Exception) -> tuple[FrontMatterError, bool]:
    """What tomllib's error says, where (in the document), in the editor's words; and whether
    tomllib named a place (else the error is at the block's end or start)."""
    message = str(exc)
    m = _TOML_ERROR_AT().search(message)
    at = fm.content_start
    if m:
        at = fm.content_start + _toml_offset(content, m)
        message = message[: m.start()].strip()
        if message == "Unclosed array" and m.group(2) == "1":  # (tomllib stops at the next entry)
            at = fm.content_start + _opening_bracket(content, at - fm.content_start)
    elif "end of document" in message:
        at = max(fm.content_start, fm.content_end - 1)
        message = message.replace("(at end of document)", "").strip() + " before the closing `+++`"
    twice = _toml_twice(text, fm, content, at, message)
    if message == "Illegal character '\\n'":  # tomllib's words for a string left open at the line end
        message = "a quoted string is not closed on its line"
    dated = None if twice is not None else _toml_bad_date(text, at)
    if twice is not None:
        at, message = twice
    elif dated is not None:  # tomllib's own words ("Expected newline ...") do not say what is wrong
        at, message = dated
    else:
        message = f"TOML: {message}"
    return FrontMatterError(message, at, min(at + 1, fm.content_end)), m is not None


def _toml_twice(text: str, fm: FrontMatter, content: str, at: int, message: str) -> tuple[int, str] | None:
    """A key or table set twice, which tomllib words as "Cannot overwrite a value" or "Cannot
    declare ('params',) twice": the offset of the second one and a message that names it and the
    lines of both (the first in the same table); None for any other error."""
    if message != "Cannot overwrite a value" and not (message.startswith("Cannot declare") and message.endswith("twice")):
        return None
    rel = at - fm.content_start
    line_start = content.rfind("\n", 0, max(rel, 0)) + 1
    line = content[line_start:content.find("\n", line_start) if "\n" in content[line_start:] else len(content)]
    header = _TOML_HEADER().match(line.rstrip("\r"))
    key = None if header else _TOML_KEY().match(line)
    if header is None and key is None:
        return None
    name = header.group(1) if header else key.group(1)
    parts = _toml_key_parts(name)
    first = None
    offset = 0
    for other in content[:line_start].splitlines(keepends=True):
        other_header = _TOML_HEADER().match(other.rstrip("\r\n"))
        if header is not None:
            if other_header and _toml_key_parts(other_header.group(1)) == parts and not other.lstrip().startswith("[["):
                first = offset
        elif other_header:
            first = None  # (a key of another table: the first one is looked for in the second's table)
        else:
            other_key = _TOML_KEY().match(other)
            if other_key and _toml_key_parts(other_key.group(1)) == parts:
                first = offset
        offset += len(other)
    where = fm.content_start + line_start + (len(line) - len(line.lstrip(" \t")) if header else key.start(1))
    shown = f"[{'.'.join(parts)}]" if header else ".".join(parts)
    what, verb = ("the table", "declared") if header else ("the key", "set")
    line_no = text.count("\n", 0, where) + 1
    if first is None:
        return where, f"TOML: {what} `{shown}` is {verb} twice (again on line {line_no}); TOML refuses that: keep one"
    first_no = text.count("\n", 0, fm.content_start + first) + 1
    return where, (f"TOML: {what} `{shown}` is {verb} twice, on lines {first_no} and {line_no}; TOML refuses "
                   f"that (Hugo stops the build): keep one")


def _opening_bracket(content: str, at: int) -> int:
    """The ``[`` of the array that the entry above the line at ``at`` opened and never closed
    (tomllib names the next entry's first column), or ``at`` when there is none."""
    above = [m.start() for m in _TOML_ENTRY_START().finditer(content, 0, max(at - 1, 0))]
    if not above:
        return at
    line = content[above[-1]:content.find("\n", above[-1])]
    key = _TOML_KEY().match(line)
    if key is None or line[key.end():key.end() + 1] != "[":
        return at
    return above[-1] + key.end()


def _toml_offset(content: str, at: re.Match[str]) -> int:
    """The offset in ``content`` of tomllib's "(at line L, column C)"."""
    line, col = int(at.group(1)), int(at.group(2))
    start = 0
    for _ in range(line - 1):
        start = content.find("\n", start) + 1
        if start == 0:
            return len(content)
    return min(start + col - 1, len(content))


def _salvage_toml(text: str, content: str, fm: FrontMatter, at: int) -> None:
    """What a TOML block with a syntax error still says: the ``key = value`` entry that holds
    the error is left out (blank lines, offsets kept) and the rest read again, up to
    MAX_SALVAGE entries, as ``yaml_salvage.salvage`` does for YAML; a further error met on the way that is
    the block's own (``_toml_stands_alone``) is reported too. An error in a table's header is
    not left out: the keys below it would land in the wrong table."""
    import tomllib

    original = content
    for _ in range(MAX_SALVAGE):
        blanked = _blank_toml_entry(content, at)
        if blanked == content:
            return
        content = blanked
        try:
            data = _jsonable(tomllib.loads(content))
        except tomllib.TOMLDecodeError as exc:
            error, located = _toml_error(text, fm, content, exc)
            if not located:
                return  # (an error "at end of document": no entry to leave out)
            if _toml_stands_alone(original, content, at, _toml_offset(content, _TOML_ERROR_AT().search(str(exc)))):
                error.seen_in = content
                fm.errors.append(error)
            at = error.start - fm.content_start  # (an unclosed array's line, not the next one's)
            continue
        except RecursionError:
            return
        fm.data, fm.root, fm.partial, fm.salvaged = data, _toml_positions(content, fm.content_start), True, content
        return


def _toml_stands_alone(original: str, blanked: str, before: int, at: int) -> bool:
    """Is the TOML error at ``at`` of a block blanked up to the error at ``before`` the original
    block's own (see ``yaml_salvage._stands_alone``)? It is when an entry starts between that error's line
    and its own, outside a multi-line string, and the original from that entry on, with the
    lines above left out but its table headers (the keys below them belong to their tables),
    fails at the same place."""
    import tomllib

    line_end = blanked.find("\n", before)
    if line_end < 0 or at <= line_end:
        return False
    below = _TOML_ENTRY_START().search(blanked, line_end + 1)
    if below is None or below.start() > at:
        return False
    start = below.start()
    if original.count('"""', 0, start) % 2 or original.count("'''", 0, start) % 2:
        return False  # (inside a multi-line string that the error above opened: its text, not a key)
    above = "".join(line if _TOML_HEADER().match(line.rstrip("\n")) else NOT_NEWLINE().sub(" ", line)
                    for line in original[:start].splitlines(keepends=True))
    try:
        tomllib.loads(above + original[start:])
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_ERROR_AT().search(str(exc))
        return m is not None and _toml_offset(original, m) == at
    except RecursionError:
        return False
    return False


def _blank_toml_entry(content: str, at: int) -> str:
    """``content`` with the ``key = value`` entry that holds offset ``at`` (its line and the lines
    of a value that goes on below it) turned into blank lines; unchanged for a table header."""
    starts = [m.start() for m in _TOML_ENTRY_START().finditer(content)]
    above = [s for s in starts if s <= at]
    start = above[-1] if above else 0
    if content[start:start + 200].lstrip(" \t").startswith("["):
        return content  # (a table's header, even one that lost its closing bracket)
    end = next((s for s in starts if s > at), len(content))
    return content[:start] + NOT_NEWLINE().sub(" ", content[start:end]) + content[end:]


# A line that starts a TOML entry: a key and its `=`, a table header, or a lower-case key that
# lost its `=` before a whole one-line value, quoted, a number or date, an array or a boolean
# (`author "Jane Doe"`, `date 2022-05-31`; not a line of a multi-line string, `Chapter 3 ends`)
_TOML_ENTRY_START = lazy(r'^[ \t]*(?:"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|[A-Za-z0-9_\-.]+)[ \t]*=|^[ \t]*\['
                         r'|^[a-z_][\w-]*[ \t]+(?:"[^"\n]*"|\'[^\'\n]*\'|\d[\w:.+\-]*(?:[ T]\d[\w:.+\-]*)?|\[[^\n]*\]'
                         r'|true|false)[ \t]*(?:#[^\n]*)?$', re.M)


def _jsonable(value: Any) -> Any:
    """TOML dates and times become ISO strings (as YAML timestamps stay strings); naive stays naive."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


_TOML_DATE_VALUE = lazy(r"(\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{1,2}(?::\d{1,2})?(?:\.\d+)?)?"
                              r"(?:[Zz]|[+-]\d{1,2}(?::?\d{2})?)?)[ \t]*(?:#.*)?$")


def _toml_bad_date(text: str, at: int) -> tuple[int, str] | None:
    """Where a TOML error is a value that looks like a date but is none TOML reads (month 13,
    a time without seconds): the value's offset and a message that says so; else None."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start: line_end if line_end >= 0 else len(text)]
    key = _TOML_KEY().match(line)
    value = _TOML_DATE_VALUE().match(line, key.end()) if key else None
    if key is None or value is None:
        return None
    written = value.group(1)
    name = key.group(1).strip("\"'")
    from .. import dates

    if dates.impossible(written[:10]):
        return line_start + value.start(1), f"TOML: `{name}` = {written} is not a real date"
    return (line_start + value.start(1),
            f"TOML: `{name}` = {written} is not a date or time TOML reads; write YYYY-MM-DD or "
            f"YYYY-MM-DDTHH:MM:SS with an offset (2022-05-31T05:32:23+03:00), or put it in quotes")


def _toml_positions(content: str, base: int) -> Pos:
    """Positions of `key = value` lines, by table; good enough to point at a key and its value."""
    root = Pos((base, base + len(content)), items={})
    table = root
    offset = 0
    for line in content.splitlines(keepends=True):
        header = _TOML_HEADER().match(line.rstrip("\n"))
        if header:
            table = root
            for part in _toml_key_parts(header.group(1)):
                assert isinstance(table.items, dict)
                table = table.items.setdefault(part, Pos((base + offset, base + offset + len(line.rstrip())), items={}))
                if table.items is None or isinstance(table.items, list):
                    table.items = {}
        else:
            key = _TOML_KEY().match(line)
            if key and isinstance(table.items, dict):
                name = _toml_key_parts(key.group(1))[0]
                value_end = offset + len(line.rstrip("\r\n"))
                table.items.setdefault(name, Pos(
                    (base + offset + key.end(), base + value_end),
                    (base + offset + key.start(1), base + offset + key.end(1)), None, "toml"))
        offset += len(line)
    return root


def _toml_key_parts(key: str) -> list[str]:
    return [p.strip().strip("\"'") for p in key.split(".")]
