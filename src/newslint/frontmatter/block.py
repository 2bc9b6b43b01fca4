"""Where the front-matter block is, what kind it is, and reading it by its kind.

``split`` finds the block at the top of the text: ``---`` YAML, ``+++`` TOML or a ``{`` JSON
object, with exact offsets, blank lines before it counted; an unclosed block spans the whole
file with an error, so that body rules do not lint YAML as prose. ``parse`` hands the block to
the reader of its kind (yaml_reader, toml_reader, json_reader), refusing one larger than
MAX_FRONT_MATTER and one that is not a mapping. For a YAML or TOML block that lost its closing
fence, ``closing_place`` finds where the fence belongs and ``read_unclosed`` reads the keys up
to there, so that a lost fence does not hide every finding of the article.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from ..patterns import lazy
from .json_reader import parse_json
from .model import FrontMatter, FrontMatterError
from .toml_reader import parse_toml
from .yaml_reader import parse_yaml


MAX_FRONT_MATTER = 256 * 1024  # characters; a bigger block is refused, not parsed

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
        parse_yaml(text, fm, allow_aliases)
    elif fm.kind == "toml":
        parse_toml(text, fm)
    else:
        parse_json(text, fm)
    if fm.data is not None and not isinstance(fm.data, dict):
        kind = type(fm.data).__name__
        fm.errors.append(FrontMatterError(
            f"front matter must be a mapping of keys to values, not a {_KIND_NAMES.get(kind, kind)}",
            fm.content_start, max(fm.content_start, fm.content_end)))
    return fm


_KIND_NAMES = {"list": "list", "str": "single string", "int": "number", "float": "number", "bool": "boolean"}


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
    a comment; comments alone to the end of the text close a block of front matter alone, the
    fence going last, not before them, and not surely). Front-matter-syntax puts the fence back
    there; the document reads the body from there, so that a lost fence does not hide every
    finding of the article.
    """
    key_line, keys_below = (_KEY_LINE(), _YAML_BELOW()) if kind == "yaml" else (_TOML_KEY_LINE(), _TOML_BELOW())
    nested = " \t-" if kind == "yaml" else " \t"  # (a line of a list or a value that goes on)
    comments_last = False  # (comments alone from a place to the end: they end the block, or head its body)
    for at, nxt in _ends(text, content_start, nested, key_line):
        eol = text.find("\n", nxt)
        line = text[nxt: len(text) if eol < 0 else eol]
        if not line or line[0] in nested or key_line.match(line):
            continue  # more YAML (or nothing) below
        if line.startswith("#") and not _NOT_COMMENT().search(text, nxt):
            # (a comment closing a block of front matter alone, "# Make it better ♥": the fence
            # goes at the end, unsafely, as the lines could be headings of a body)
            comments_last = True
            break
        if line.startswith("#"):
            para_end = text.find("\n\n", nxt)
            para = text[nxt: len(text) if para_end < 0 else para_end]
            if any(key_line.match(x) for x in para.split("\n")):
                continue  # a comment, then keys
        direct = at == nxt  # (a line right below the block's, no blank line between: a weaker guess,
        # which a quoted value going on at the margin also gives; the next place is tried)
        if keys_below.search(text, nxt):
            if direct or line.startswith("#"):
                continue  # (a comment between keys: "# Make it better", then more keys)
            return None  # keys further down (a value's paragraph, then more keys): no sure place
        found = _closed_at(text, at, kind)
        if found is None and not direct:
            return None
        if found is not None:
            # (the fence goes after the block: its offsets index the text without the fence too)
            return at, not line.startswith("#"), found
    # Nothing but the block's lines to the end (an article of front matter alone): the fence goes last
    return (len(text), not comments_last, found) \
        if text.endswith("\n") and (found := _closed_at(text, len(text), kind)) else None


def fence_span(text: str, at: int, start: int) -> tuple[int, int]:
    """The stretch where the lost fence of a block may go, around the place ``at`` the fix puts
    it: from the end of the block's last line of keys (not above ``start``), over the blank and
    ``#`` lines about the place (comments of the block, or the body's headings), to the first line
    of the body that is neither. The writer may have put the fence after a blank line or before
    it, after a comment or before it: "key⏎⏎---⏎Body", "key⏎## Heading⏎---⏎⏎Body"."""
    first = at
    while first > start:
        above = text.rfind("\n", start, first - 1) + 1
        line = text[above:first - 1]
        if above < start or (line.strip(" \t") and not line.startswith("#")):
            break
        first = above
    end, n = at, len(text)
    while end < n:
        eol = text.find("\n", end)
        eol = n if eol < 0 else eol
        line = text[end:eol]
        if line.strip(" \t") and not line.startswith("#"):
            break
        end = eol + 1
    return first, min(end, n)


def _closed_at(text: str, at: int, kind: str) -> FrontMatter | None:
    """The block read with its closing fence put at ``at``, if it then reads as keys without error."""
    repaired = text[:at] + CLOSING_FENCE[kind] + "\n" + text[at:]
    fm = split(repaired)
    if fm is None or fm.errors or parse(repaired, fm).errors or not isinstance(fm.data, dict) or not fm.data:
        return None
    return fm


def _ends(text: str, start: int, nested: str, key_line: Any) -> Iterator[tuple[int, int]]:
    """The places where a block from ``start`` may end, in order, as (where the fence would go,
    where the next line with text starts): each run of blank lines, and a line at the margin that
    is no key, list item, comment or value that goes on, right below a line of the block (the
    body typed without a blank line after the lost fence: ``lang: en`` then ``This week…``; YAML
    and TOML read no such line). Positions, not slices of the rest: thousands of lines stay linear."""
    n = len(text)
    pos = start
    after_text = False  # (the line above has text: the first line of the block has none above)
    while pos < n:
        eol = text.find("\n", pos)
        eol = n if eol < 0 else eol
        if not text[pos:eol].strip(" \t"):
            nxt = _BLANK_LINES().match(text, pos).end() if eol < n else n  # (a last line of blanks: the end)
            # one blank line goes after the fence, any more before it ("key\n\n---\n\nBody": the
            # body follows its fence after one blank line, and so did the keys here)
            last_blank = text.rfind("\n", pos, nxt - 1) + 1 if nxt > pos and text[nxt - 1] == "\n" else pos
            yield max(pos, last_blank), nxt
            pos, after_text = nxt, False
            continue
        if after_text and text[pos] not in nested and text[pos] != "#" and not key_line.match(text, pos):
            yield pos, pos
        pos, after_text = eol + 1, True


def taken_fence(text: str, fm: FrontMatter) -> FrontMatter | None:
    """The block as unclosed when its closing fence was lost and a thematic break of the body
    (``---``) closed it instead: the parser stopped in the body, which ``split`` took for keys.

    Said so only where the keys surely end before that ``---`` (``closing_place`` finds a place
    with prose after it, the block parses up to there, the parser's first error is at or past it)
    and what lies between reads as a body: two paragraphs or more and no ``key: value`` line at
    the margin (the ``---`` may be a heading's underline or a line in a code block too). A block
    with one stray paragraph before its fence (a value gone on at the margin) keeps its syntax
    error. None when the block is no such block."""
    if fm.kind not in CLOSING_FENCE or fm.unclosed or not fm.errors:
        return None
    place = closing_place(text[:fm.content_end], fm.content_start, fm.kind)
    if place is None:
        return None
    at, prose, _ = place
    if not prose or at >= fm.content_end or min(e.start for e in fm.errors) < at:
        return None
    between = text[at:fm.content_end]
    key_line = _KEY_LINE() if fm.kind == "yaml" else _TOML_KEY_LINE()
    if any(key_line.match(line) for line in between.split("\n")):
        return None
    if len([p for p in _PARAGRAPH_BREAK().split(between) if p.strip()]) < 2:
        return None
    fence = CLOSING_FENCE[fm.kind]
    taken = FrontMatter(fm.kind, fm.start, len(text), fm.content_start, len(text), leading_blank=fm.leading_blank,
                        unclosed=True, taken_fence=fm.content_end)
    taken.errors.append(FrontMatterError(f"front matter opened with `{fence}` is never closed", fm.start,
                                         fm.content_start - 1))
    _read_to(taken, place)
    return taken


def read_unclosed(text: str, fm: FrontMatter) -> int:
    """Where the body of a YAML or TOML block that lost its closing fence starts
    (``closing_place``, kept in ``fm.close_at`` for front-matter-syntax's fix), with the block's
    keys read into ``fm`` as a block read in part (``fm.partial``); the end of the text, as
    before, when there is no sure place. The error stays: the fence is missing."""
    place = closing_place(text, fm.content_start, fm.kind)
    if place is None:
        return len(text)
    return _read_to(fm, place)


def _read_to(fm: FrontMatter, place: tuple[int, bool, FrontMatter]) -> int:
    """Keep where the fence of an unclosed block belongs and the keys read up to there."""
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
_BLANK_LINES = lazy(r"(?:[ \t]*\n)*")
_NOT_COMMENT = lazy(r"^[ \t]*[^#\s]", re.M)  # a line with text that is no comment
_PARAGRAPH_BREAK = lazy(r"\n[ \t]*\n")
