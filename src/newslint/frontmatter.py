"""Split front matter off the body and parse it, keeping the offset of every key and value.

Our own splitter, not python-frontmatter's: that library strips the text (so every error line
is off), turns CRLF into LF, misses a BOM, and returns ``{}`` for unclosed, non-mapping or
broken front matter without a word. Here every failure is an ``FrontMatterError`` with an
offset, and offsets index the document text directly.

YAML is loaded safely (libyaml when present) with a loader whose only departures from PyYAML's
safe loader are: timestamps stay strings (a schema checks the text, and a dump never turns
``T`` into a space) and only ``true``/``false`` are booleans (``yes``/``on`` are strings here,
and the yaml-surprise rule says what a YAML 1.1 reader would make of them). Aliases are refused
unless allowed: a 300-byte alias bomb must not expand in whatever walks the data later.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .patterns import lazy


MAX_FRONT_MATTER = 256 * 1024  # characters; a bigger block is refused, not parsed
MAX_NODES = 20_000  # YAML nodes; bounds the work of every rule that walks the data
MAX_EXPANDED = 100_000  # nodes with allowed aliases written out: bounds what construction copies

_FENCES = {"---": "yaml", "+++": "toml"}
CLOSING_FENCE = {"yaml": "---", "toml": "+++"}
# The closing fence of each opening one (YAML also ends at "..."): a line that is the fence, then
# only spaces or tabs. Looked for on the content's first line, then after each line break: a
# pattern led by "\n" skips to the next one at C speed, where one led by ^ (re.M) was tried at
# every character of the front matter (a tenth of the time of reading a file's front matter).
_CLOSE = {"---": re.compile(r"(?:---|\.\.\.)[ \t]*$", re.M), "+++": re.compile(r"\+\+\+[ \t]*$", re.M)}
_CLOSE_AFTER_BREAK = {fence: re.compile("\n(" + pattern.pattern + ")", re.M) for fence, pattern in _CLOSE.items()}


def _closing_fence(text: str, fence: str, start: int) -> tuple[int, int] | None:
    """The span of the first closing-fence line at or after ``start`` (a line start), or None."""
    first = _CLOSE[fence].match(text, start)
    if first is not None:
        return first.span()
    later = _CLOSE_AFTER_BREAK[fence].search(text, start)
    return None if later is None else later.span(1)


_OPEN = re.compile(r"(---|\+\+\+)[ \t]*\n|\{")


@dataclass(slots=True)  # (slots: made once per YAML node of every file, and read often)
class Pos:
    """Where a front-matter key and its value sit in the document text.

    ``items`` is a dict (mapping) or list (sequence) of child positions, or None for a scalar.
    ``style`` is the YAML scalar style: None (plain), "'", '"', "|" or ">"; "toml"/"json" otherwise.
    """

    value: tuple[int, int]
    key: tuple[int, int] | None = None
    items: dict[str, "Pos"] | list["Pos"] | None = None
    style: str | None = None


@dataclass
class FrontMatterError:
    """Why a front-matter block could not be used, and where (a document offset).

    ``seen_in`` is set for an error met after the ones above it were left out (a block read in
    part): the block's content as the parser saw it then, those lines blanked (offsets kept). A
    repair of this error is judged on it, since the errors above are not this one's business.
    """

    message: str
    start: int
    end: int
    seen_in: str | None = None


@dataclass
class FrontMatter:
    """A front-matter block: its kind, spans, parsed data and key positions.

    ``start``/``end`` span the whole block including both fences (``end`` is the offset just
    after the closing fence's newline, where the body starts); ``content_start``/``content_end``
    span the text between the fences. ``data`` is None when the block could not be parsed.
    """

    kind: str  # "yaml" | "toml" | "json"
    start: int
    end: int
    content_start: int
    content_end: int
    data: Any = None
    root: Pos | None = None
    errors: list[FrontMatterError] = field(default_factory=list)
    duplicates: list[tuple[tuple[Any, ...], Pos, Pos]] = field(default_factory=list)  # (path, first, again)
    aliases: list[tuple[int, int]] = field(default_factory=list)  # spans where an alias is used
    leading_blank: int = 0  # blank lines before the opening fence (a finding for generators)
    too_big: str = ""  # why allowed aliases were not expanded (they would blow the data up)
    partial: bool = False  # data read with the broken entries of a block with a syntax error left out
    salvaged: str | None = None  # partial: the content as read, the broken entries blanked (offsets kept)
    unclosed: bool = False  # opened and never closed (its end is the end of the text)
    close_at: tuple[int, bool] | None = None  # unclosed: where the fence belongs, and prose after it (read_unclosed)

    def locate(self, path: tuple[Any, ...] | list[Any], part: str = "value") -> tuple[int, int] | None:
        """Span of the key (``part="key"``) or value at a data path, or None if it is not there.

        For a path that runs past the known structure, the deepest known ancestor is returned.
        """
        node = self.root
        if node is None:
            return None
        found = node
        for step in path:
            items = found.items
            if isinstance(items, dict) and str(step) in items:
                found = items[str(step)]
            elif isinstance(items, list) and isinstance(step, int) and 0 <= step < len(items):
                found = items[step]
            else:
                return found.key or found.value
        if part == "key" and found.key is not None:
            return found.key
        return found.value


def split(text: str) -> FrontMatter | None:
    """Find the front-matter block at the top of ``text``, or None if the file has none.

    Blank lines before the opening fence are tolerated (and counted) because four real articles
    have them and some generators accept them; a rule reports them. An opening fence with no
    closing fence is returned with an error and spans the whole file, so that body rules do not
    lint YAML as prose.
    """
    pos = 0
    blank = 0
    n = len(text)
    while True:  # skip blank lines
        nl = text.find("\n", pos)
        line = text[pos: n if nl < 0 else nl]
        if line.strip() or nl < 0:
            break
        pos = nl + 1
        blank += 1
    m = _OPEN.match(text, pos)
    if m is None:
        return None
    if m.group(0) == "{":
        return _split_json(text, pos, blank)
    fence = m.group(1)
    kind = _FENCES[fence]
    content_start = m.end()
    c = _closing_fence(text, fence, content_start)  # (content_start follows the opening fence's "\n")
    if c is None:
        fm = FrontMatter(kind, pos, n, content_start, n, leading_blank=blank, unclosed=True)
        fm.errors.append(FrontMatterError(f"front matter opened with `{fence}` is never closed", pos, m.end() - 1))
        return fm
    end = c[1] + 1 if c[1] < n else c[1]
    return FrontMatter(kind, pos, end, content_start, c[0], leading_blank=blank)


def _split_json(text: str, pos: int, blank: int) -> FrontMatter | None:
    """Hugo's JSON front matter: a JSON object at the top, then the body."""
    try:
        _, end = json.JSONDecoder().raw_decode(text, pos)
    except RecursionError:
        fm = FrontMatter("json", pos, len(text), pos, len(text), leading_blank=blank)
        fm.errors.append(FrontMatterError("JSON front matter is nested too deeply to read", pos, pos + 1))
        return fm
    except json.JSONDecodeError:
        # a body that starts with "{" (a shortcode, a Liquid tag) is not JSON front matter
        if text.startswith(("{{", "{%"), pos):
            return None
        nl = text.find("\n", pos)
        fm = FrontMatter("json", pos, len(text), pos, len(text), leading_blank=blank)
        try:
            json.loads(text[pos:])
        except json.JSONDecodeError as exc:
            at = min(exc.pos + pos, len(text))  # an error at the end of the file is past its last character
            fm.errors.append(FrontMatterError(f"JSON front matter: {exc.msg}", at, min(at + 1, len(text))))
        else:  # pragma: no cover - raw_decode and loads disagree only on trailing data
            fm.errors.append(FrontMatterError("JSON front matter could not be read", pos, nl))
        return fm
    if text.startswith("{{", pos) and not text[pos:end].lstrip("{").lstrip().startswith('"'):
        return None
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop + 1
    return FrontMatter("json", pos, stop, pos, end, leading_blank=blank)


def parse(text: str, fm: FrontMatter, allow_aliases: bool = False) -> FrontMatter:
    """Fill ``fm.data``, ``fm.root`` and the error lists by parsing the block's content."""
    if fm.errors:
        return fm
    if fm.content_end - fm.content_start > MAX_FRONT_MATTER:
        fm.errors.append(FrontMatterError(
            f"front matter is larger than {MAX_FRONT_MATTER // 1024} KiB; not parsed", fm.start, fm.content_start))
        return fm
    if fm.kind == "yaml":
        _parse_yaml(text, fm, allow_aliases)
    elif fm.kind == "toml":
        _parse_toml(text, fm)
    else:
        _parse_json(text, fm)
    if fm.data is not None and not isinstance(fm.data, dict):
        kind = type(fm.data).__name__
        fm.errors.append(FrontMatterError(
            f"front matter must be a mapping of keys to values, not a {_KIND_NAMES.get(kind, kind)}",
            fm.content_start, max(fm.content_start, fm.content_end)))
    return fm


_KIND_NAMES = {"list": "list", "str": "single string", "int": "number", "float": "number", "bool": "boolean"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader: timestamps stay strings, only true/false are booleans."""


_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
# The resolvers by first character, as tuples; BaseResolver.resolve concatenates two lists per scalar.
_IMPLICIT = {first: tuple(resolvers) for first, resolvers in _Loader.yaml_implicit_resolvers.items()}
# _resolve skips what this loader does not have: wildcard resolvers and path resolvers.
assert None not in _IMPLICIT and not _Loader.yaml_path_resolvers


def _resolve(self: Any, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
    """BaseResolver.resolve for this loader: the C composer calls it once per node, and the
    general version (path resolvers, list concatenation) was a tenth of the front-matter time."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.resolve = _resolve  # type: ignore[method-assign]


def reads_as_text(raw: str) -> bool:
    """Does YAML read this plain (unquoted) scalar as a string, not a number, a date, a
    boolean or null? (A fix that edits a value must not change what kind of value it is.)"""
    return _resolve(None, yaml.ScalarNode, raw, (True, False)) == _STR

# Scalar tags the position walk constructs itself, with the safe constructor's own functions
# (str and null need none); any other tag (binary, set, omap, merge keys, an unknown `!tag`)
# sends the whole document through PyYAML's construct_document.
_SCALARS = {
    tag: _Loader.yaml_constructors[tag]
    for tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", _BOOL)
}


class _Unbuilt(Exception):
    """The walk met something it does not construct itself."""


def _scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _NULL:
        return None
    constructor = _SCALARS.get(tag)
    if constructor is None:
        raise _Unbuilt
    try:
        return constructor(loader, node)
    except Exception:  # (`!!int abc`): construct_document raises it again, in its own time
        raise _Unbuilt from None


def _empty(loader: Any, node: yaml.Node) -> Any:
    """The value of a node as far as the walk builds it: a scalar's value, an empty container."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(loader, node)
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        return {}
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return []
    raise _Unbuilt


def closing_place(text: str, content_start: int, kind: str = "yaml") -> tuple[int, bool, FrontMatter] | None:
    """Where a YAML (TOML) block that lost its closing ``---`` (``+++``) ends, whether what
    follows is surely prose, and the block read up to there: (offset of the blank line before
    which the fence goes, prose, block), or None.

    The place is the first blank line after which the text is no longer YAML (TOML): the keys
    above it parse as a mapping and the next line is not a key (``key: value``; ``key = value``
    or a ``[table]`` header), an indented line, a YAML list item or a comment followed by keys,
    and no two lines of keys (or a key and a list item) follow further down (a value's
    paragraph, then more keys: no sure place). What follows is prose when it starts with a
    letter, a link, emphasis or an HTML tag, and not when it is a heading (``# Title`` could be
    a comment). Front-matter-syntax puts the fence back there; the document reads the body from
    there, so that a lost fence does not hide every finding of the article.
    """
    key_line, keys_below = (_KEY_LINE(), _YAML_BELOW()) if kind == "yaml" else (_TOML_KEY_LINE(), _TOML_BELOW())
    nested = " \t-" if kind == "yaml" else " \t"  # (a line of a list or a value that goes on)
    for m in _BLANK_LINE().finditer(text, content_start):
        nxt = _BLANK_LINES().match(text, m.end()).end()  # (positions, not slices: a block of
        eol = text.find("\n", nxt)                      # thousands of blank lines stays linear)
        line = text[nxt: len(text) if eol < 0 else eol]
        if not line or line[0] in nested or key_line.match(line):
            continue  # more YAML (or nothing) below
        if line.startswith("#"):
            para_end = text.find("\n\n", nxt)
            para = text[nxt: len(text) if para_end < 0 else para_end]
            if any(key_line.match(x) for x in para.split("\n")):
                continue  # a comment, then keys
        if keys_below.search(text, nxt):
            return None  # keys further down (a value's paragraph, then more keys): no sure place
        repaired = text[:m.start()] + CLOSING_FENCE[kind] + "\n" + text[m.start():]
        fm = split(repaired)
        if fm is None or fm.errors or parse(repaired, fm).errors or not isinstance(fm.data, dict) or not fm.data:
            return None
        # (the fence goes after the block: its offsets index the text without the fence too)
        return m.start(), not line.startswith("#"), fm
    return None


def read_unclosed(text: str, fm: FrontMatter) -> int:
    """Where the body of a YAML or TOML block that lost its closing fence starts
    (``closing_place``, kept in ``fm.close_at`` for front-matter-syntax's fix), with the block's
    keys read into ``fm`` as a block read in part (``fm.partial``); the end of the text, as
    before, when there is no sure place. The error stays: the fence is missing."""
    place = closing_place(text, fm.content_start, fm.kind)
    if place is None:
        return len(text)
    end, prose, block = place
    fm.close_at = end, prose
    fm.data, fm.root, fm.duplicates, fm.aliases, fm.partial = block.data, block.root, block.duplicates, block.aliases, True
    return end


_KEY_LINE = lazy(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
_YAML_BELOW = lazy(r"^[A-Za-z_][\w-]*:[^\n]*\n(?:[ \t]*\n)*(?:-[ \t]|[A-Za-z_][\w-]*:(?:[ \t]|$))", re.M)
# A TOML line of keys (key = value, a [table] header), and two of them, further down
_TOML_KEY_LINE = lazy(r"""(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_\-.]+)[ \t]*=|\[\[?[^\]\n]+\]\]?[ \t]*(?:#[^\n]*)?$""")
_TOML_BELOW = lazy(r"""^(?:(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_\-.]+)[ \t]*=[^\n]*|\[\[?[^\]\n]+\]\]?[ \t]*(?:#[^\n]*)?)\n"""
                   r"""(?:[ \t]*\n)*(?:(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_\-.]+)[ \t]*=|\[\[?[^\]\n]+\]\])""", re.M)
_BLANK_LINE = lazy(r"^[ \t]*\n", re.M)
_BLANK_LINES = lazy(r"(?:[ \t]*\n)*")


def _parse_yaml(text: str, fm: FrontMatter, allow_aliases: bool) -> None:
    content = text[fm.content_start: fm.content_end]
    base = fm.content_start
    if not content.strip():
        fm.data, fm.root = {}, Pos((base, base), items={})
        return
    loader = _Loader(content)
    broken = None  # where a syntax error is: what the rest of the block says is still read
    try:
        node = loader.get_single_node()
        if node is None:
            fm.data, fm.root = {}, Pos((base, base), items={})
            return
        fm.root, count, data = _positions(node, base, fm, loader)
        if count > MAX_NODES:
            fm.errors.append(FrontMatterError(
                f"front matter has more than {MAX_NODES} YAML nodes; not parsed", fm.start, fm.content_start))
            return
        if fm.aliases and not allow_aliases:
            return  # the data is not constructed: see yaml-alias
        if fm.aliases and _expanded_size(node, MAX_EXPANDED) > MAX_EXPANDED:
            # merge keys (`<<: *a`) copy what they merge: a few hundred bytes could build millions
            fm.too_big = f"front matter expands to more than {MAX_EXPANDED:,} values through aliases; not read"
            return
        fm.data = loader.construct_document(node) if data is _UNBUILT else data
    except yaml.MarkedYAMLError as exc:
        at, message = _locate_error(exc, content)
        fm.errors.append(FrontMatterError(message, base + at, min(base + at + 1, fm.content_end)))
        broken = at
    except yaml.YAMLError as exc:
        fm.errors.append(FrontMatterError(f"YAML: {exc}", fm.start, fm.content_start))
    except RecursionError:
        fm.errors.append(FrontMatterError("front matter is nested too deeply to read", fm.start, fm.content_start))
    finally:
        loader.dispose()
    if broken is not None:
        _salvage(content, base, broken, fm)


def _locate_error(exc: yaml.MarkedYAMLError, content: str) -> tuple[int, str]:
    """Where a YAML syntax error is (an offset in ``content``: the line that caused it, not
    where the parser gave up) and what to tell the editor."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and exc.context in _AT_CONTEXT:
        mark = exc.context_mark  # the line that started the trouble, not where the parser gave up
    keyless = _keyless_line_before(exc, content, mark)
    unclosed = _unclosed_quote_before(content, mark)
    if unclosed is not None:
        return unclosed, _AT_CONTEXT["while scanning a quoted scalar"]
    if keyless is not None:
        return keyless, _AT_CONTEXT["while scanning a simple key"]
    return (mark.index if mark is not None else 0), _yaml_message(exc, content, mark)


MAX_SALVAGE = 3  # broken top-level entries left out before the rest is given up on
# A line that starts a top-level entry: a key at column 0 and its colon, or a key that lost its
# colon (a lower-case word, a space and one word or a quoted value: `date 2021-07-27`,
# `excerpt "May 21 is…"`). A list item at column 0 is
# still the key's above, and so is a stray line of markup or text pasted under it (`</figure>`,
# `[- eric`, `For years, the office…`; left out, it would make the key look empty) and a line of
# a quoted value that goes on at column 0 (`three intense days of working`).
_KEY_LINE_START = lazy(r"""\n(?=[^\s#\-\[\]{},&*!|>%@`"'<][^:\n]*:(?:[ \t\r]|$)|[a-z_][\w-]*[ \t]+(?:[^\s:"']+[ \t\r]*$|["']))""", re.M)
_NOT_NEWLINE = lazy(r"[^\n]")


def _salvage(content: str, base: int, at: int, fm: FrontMatter) -> None:
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
    loader = _Loader(content)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        partial = FrontMatter(fm.kind, fm.start, fm.end, fm.content_start, fm.content_end)
        root, count, data = _positions(node, base, partial, loader)
        if count > MAX_NODES or partial.aliases:
            return None
        data = loader.construct_document(node) if data is _UNBUILT else data
    except yaml.MarkedYAMLError as exc:
        return _Broken(*_locate_error(exc, content))
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
    return content[:start] + _NOT_NEWLINE().sub(" ", content[start:end]) + content[end:]


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
    return content[:start] + _NOT_NEWLINE().sub(" ", content[start:end]) + content[end:]


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes the graph holds with every alias written out (stops counting past ``limit``).

    Post-order over the node graph, each distinct node once: a node's size is one plus its
    children's, a shared node counted each time it is used. Linear in the distinct nodes.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not done and id(node) in sizes:
            continue  # already counted (or on the way: a cycle)
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            sizes[id(node)] = 1
            continue
        if done:
            size = 1 + sum(sizes.get(id(c), 1) for c in children)
            if size > limit:
                return size
            sizes[id(node)] = size
        else:
            sizes[id(node)] = 1  # a cycle (an alias to an ancestor) counts once, not forever
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes.get(id(root), 1)


# Errors whose cause is where the parser began the construct, not where it stopped: a line with no
# ``key:`` (a key that lost its colon) is reported on the next line, an unclosed quote at the
# end of the block.
UNCLOSED_LIST = "YAML: a list in `[…]` that is never closed, or whose items lack a comma between them"
UNCLOSED_MAPPING = "YAML: a mapping in `{…}` that is never closed, or whose entries lack a comma between them"
_AT_CONTEXT = {
    "while scanning a simple key": "YAML: a line that is not `key: value` (a missing ':' after the key?)",
    "while scanning a quoted scalar": "YAML: a quoted value that is never closed; close the quote or drop it",
    # (the parser stops at the next key, lines below the `[` that was never closed)
    "while parsing a flow sequence": UNCLOSED_LIST,
    "while parsing a flow mapping": UNCLOSED_MAPPING,
}


_QUOTED_START = lazy(r"""^[A-Za-z_][\w.-]*:[ \t]+(["'])""", re.M)
_TOP_KEY = lazy(r"[A-Za-z_][\w.-]*:(?=[ \t\n]|$)")


def _unclosed_quote_before(content: str, mark: Any) -> int | None:
    """``title: "Talks`` + ``date: 2022``: a top-level value whose quote is not closed on its line
    while the next line is a top-level key. YAML reads on to the next quote mark and fails
    somewhere below; the offset of the quote that opened it, when it is before the error."""
    limit = mark.index if mark is not None else len(content)
    for m in _QUOTED_START().finditer(content, 0, limit):
        q = m.group(1)
        end = content.find("\n", m.end())
        rest = content[m.end():len(content) if end < 0 else end]
        if q == '"':
            closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
        else:
            closed = "'" in rest.replace("''", "")
        if closed or end < 0:
            continue
        nxt = _SKIP_BLANK_AND_COMMENTS().match(content, end + 1).end()  # blank lines and comments between
        if _TOP_KEY().match(content, nxt):
            return m.start(1)
    return None


_SKIP_BLANK_AND_COMMENTS = lazy(r"(?:[ \t]*(?:#[^\n]*)?\n)*")


def _keyless_line_before(exc: yaml.MarkedYAMLError, content: str, mark: Any) -> int | None:
    """``slug abc`` + ``date: 2022``: YAML reads the two lines as one key and stops at the colon of
    the second. The offset of the first line when that is what happened, else None."""
    problem = exc.problem or ""
    if mark is None or not (problem.startswith("mapping values are not allowed")
                            or problem == "did not find expected <document start>"):
        return None  # (the second when a comment ends the keyless line: title 'Newsletter #153')
    line_start = content.rfind("\n", 0, mark.index) + 1
    if ":" in content[line_start:mark.index] or content[line_start:line_start + 1] in (" ", "\t", "-", "#"):
        return None  # a second colon on a key's line (title: a: b), or nested text
    prev_end = line_start - 1
    prev_start = content.rfind("\n", 0, max(prev_end, 0)) + 1
    prev = content[prev_start:prev_end]
    # (blank and comment lines between them change nothing: `source_url "https://…"`, a blank,
    # `# Which team?`, `source: usagov` is one scalar document and then a key)
    while prev_end > 0 and (not prev.strip() or prev.lstrip().startswith("#")):
        prev_end = prev_start - 1
        prev_start = content.rfind("\n", 0, max(prev_end, 0)) + 1
        prev = content[prev_start:prev_end]
    if prev_end <= 0 or not prev.strip() or _KEY_COLON().search(prev) or prev[:1] in (" ", "\t", "-", "#"):
        return None  # (a colon inside a URL or a time, source_url https://… or date 2022-01-04 13:02, is no key's)
    return prev_start


_KEY_COLON = lazy(r":(?:[ \t]|$)")


def _yaml_message(exc: yaml.MarkedYAMLError, content: str, mark: Any) -> str:
    if exc.context in _AT_CONTEXT and mark is exc.context_mark:
        return _AT_CONTEXT[exc.context]
    problem = exc.problem or exc.context or "invalid YAML"
    at_tab = mark is not None and content[mark.index: mark.index + 1] == "\t"
    if at_tab or "'\\t'" in problem:
        return "a tab character in YAML; indent with spaces"
    if "mapping values are not allowed" in problem:
        return "YAML: a colon followed by a space inside an unquoted value; quote the value"
    return f"YAML: {problem}"


_UNBUILT = object()


def _positions(root: yaml.Node, base: int, fm: FrontMatter, loader: Any) -> tuple[Pos, int, Any]:
    """Build the Pos tree of a composed YAML node graph without recursion, and the data too.

    A node reached twice is an alias (libyaml composes aliases as shared nodes); its use is
    recorded and it is not walked again, so an alias bomb costs one visit per distinct node.

    The data is built on the same walk, because PyYAML's Python constructor cost more than the
    walk itself: containers are created empty when their node is met and filled when it is
    popped. Only plain documents are built here (str/int/float/bool/null scalars, mappings,
    sequences, no duplicate keys, no aliases); otherwise the data is ``_UNBUILT`` and the caller
    uses ``construct_document``, so every other tag, merge key and error behaves as before.
    """
    seen: set[int] = set()
    count = 0
    Scalar, Mapping, Sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode

    def make(node: yaml.Node, key: tuple[int, int] | None) -> Pos:
        style = (node.style or None) if isinstance(node, Scalar) else None  # C loader: ""
        return Pos((base + node.start_mark.index, base + node.end_mark.index), key, None, style)

    building = True
    try:
        data = _empty(loader, root)
    except _Unbuilt:
        data, building = _UNBUILT, False
    top = make(root, None)
    stack: list[tuple[yaml.Node, Pos, tuple[Any, ...] | None, Any]] = [(root, top, (), data)]
    seen.add(id(root))
    while stack:
        node, pos, path, container = stack.pop()
        count += 1
        if count > MAX_NODES:
            break
        if isinstance(node, Mapping):
            items: dict[str, Pos] = {}
            pos.items = items
            for key_node, value_node in node.value:
                key_is_scalar = isinstance(key_node, Scalar)
                key_text = str(key_node.value) if key_is_scalar else "?"
                key_span = (base + key_node.start_mark.index, base + key_node.end_mark.index)
                # (make() and _empty() written out for the common case, a string value: most nodes are)
                scalar = isinstance(value_node, Scalar)
                child = Pos((base + value_node.start_mark.index, base + value_node.end_mark.index), key_span, None,
                            (value_node.style or None) if scalar else None)
                if key_text in items:
                    fm.duplicates.append((path + (key_text,), items[key_text], child))
                    building = False  # the data keeps the last value: PyYAML's business
                    continue
                items[key_text] = child
                if id(value_node) in seen:
                    fm.aliases.append(key_span)
                    building = False  # shared values: construct_document's business
                    continue
                seen.add(id(value_node))
                value = None
                if building:
                    try:
                        if not key_is_scalar:
                            raise _Unbuilt
                        value = value_node.value if scalar and value_node.tag == _STR else _empty(loader, value_node)
                        container[key_node.value if key_node.tag == _STR else _scalar(loader, key_node)] = value
                    except _Unbuilt:
                        building = False
                # a scalar's path is never read (it has no children, and duplicates are found above)
                stack.append((value_node, child, None if scalar else path + (key_text,), value))
        elif isinstance(node, Sequence):
            seq: list[Pos] = []
            pos.items = seq
            for index, value_node in enumerate(node.value):
                scalar = isinstance(value_node, Scalar)
                child = Pos((base + value_node.start_mark.index, base + value_node.end_mark.index), None, None,
                            (value_node.style or None) if scalar else None)
                seq.append(child)
                if id(value_node) in seen:
                    fm.aliases.append(child.value)
                    building = False
                    continue
                seen.add(id(value_node))
                value = None
                if building:
                    try:
                        value = value_node.value if scalar and value_node.tag == _STR else _empty(loader, value_node)
                        container.append(value)
                    except _Unbuilt:
                        building = False
                stack.append((value_node, child, None if scalar else path + (index,), value))
    return top, count, data if building else _UNBUILT


_TOML_ERROR_AT = lazy(r"\(at line (\d+), column (\d+)\)")
_TOML_HEADER = lazy(r"^[ \t]*\[\[?[ \t]*([^\]]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$")
_TOML_KEY = lazy(r'^[ \t]*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_\-]+)[ \t]*=[ \t]*')


def _parse_toml(text: str, fm: FrontMatter) -> None:
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
    if message == "Illegal character '\\n'":  # tomllib's words for a string left open at the line end
        message = "a quoted string is not closed on its line"
    dated = _toml_bad_date(text, at)
    if dated is not None:  # tomllib's own words ("Expected newline ...") do not say what is wrong
        at, message = dated
    else:
        message = f"TOML: {message}"
    return FrontMatterError(message, at, min(at + 1, fm.content_end)), m is not None


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
    MAX_SALVAGE entries, as ``_salvage`` does for YAML; a further error met on the way that is
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
    block's own (see ``_stands_alone``)? It is when an entry starts between that error's line
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
    above = "".join(line if _TOML_HEADER().match(line.rstrip("\n")) else _NOT_NEWLINE().sub(" ", line)
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
    return content[:start] + _NOT_NEWLINE().sub(" ", content[start:end]) + content[end:]


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
    from . import dates

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


def _parse_json(text: str, fm: FrontMatter) -> None:
    content = text[fm.content_start: fm.content_end]
    try:
        fm.data = json.loads(content)
        fm.root = _json_positions(content, fm.content_start, fm)
    except json.JSONDecodeError as exc:
        at = fm.content_start + exc.pos
        fm.errors.append(FrontMatterError(f"JSON: {exc.msg}", at, at + 1))
    except RecursionError:
        fm.data = fm.root = None
        fm.errors.append(FrontMatterError("JSON front matter is nested too deeply to read", fm.start, fm.start + 1))


_JSON_TOKEN = lazy(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|-?[0-9][0-9.eE+\-]*|true|false|null|\s+')


def _json_positions(content: str, base: int, fm: FrontMatter) -> Pos:
    """Positions of keys and values in a JSON text already known to be valid; notes duplicate keys."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _JSON_TOKEN().finditer(content) if not m.group(0).isspace()]
    index = 0

    def value(path: tuple[Any, ...] = ()) -> Pos:
        nonlocal index
        tok, start, end = tokens[index]
        index += 1
        if tok == "{":
            items: dict[str, Pos] = {}
            while tokens[index][0] != "}":
                ktok, kstart, kend = tokens[index]
                index += 2  # key, colon
                name = json.loads(ktok)
                child = value(path + (name,))
                child.key = (base + kstart, base + kend)
                if name in items:
                    fm.duplicates.append((path + (name,), items[name], child))
                else:
                    items[name] = child
                if tokens[index][0] == ",":
                    index += 1
            index += 1
            return Pos((base + start, base + tokens[index - 1][2]), None, items, "json")
        if tok == "[":
            seq: list[Pos] = []
            while tokens[index][0] != "]":
                seq.append(value(path + (len(seq),)))
                if tokens[index][0] == ",":
                    index += 1
            index += 1
            return Pos((base + start, base + tokens[index - 1][2]), None, seq, "json")
        return Pos((base + start, base + end), None, None, "json")

    return value()
