"""Document: one article, decoded, split and indexed once, then read by every rule.

``text`` is the decoded file without its BOM and with ``\\r\\n``/``\\r`` normalised to ``\\n``
(as markdown-it does), so line and column are the same as in the file. ``source`` keeps the
original newlines; ``source_offset`` maps a text offset into it, which is how fixes keep a
file's newline style byte for byte.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass
from functools import cached_property
from operator import sub
from typing import Any, Callable, Iterator

from . import frontmatter, language, prose
from .frontmatter import FrontMatter, Pos
from .patterns import lazy

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_NEWLINE = lazy(r"\r\n?")

# Front-matter string fields that are prose: typography and name rules read them too.
# (teaser: the summary of Feeling Responsive's Jekyll posts and of Astro collections: a German
# club's „Fensterchen" closed by a straight mark there was read by nobody)
DEFAULT_PROSE_FIELDS = ("title", "description", "summary", "subtitle", "deck", "excerpt", "caption", "lead", "teaser")


class _MaskedLines(dict):
    """A line of n - 1 masked characters, by n (its length with its newline); kept for the
    lengths of ordinary lines only, so that odd files cannot fill memory with long ones."""

    def __missing__(self, n: int) -> str:
        line = prose.MASK * (n - 1)
        if n <= 400:
            self[n] = line
        return line


_MASKED_LINES = _MaskedLines()


class DecodeError(ValueError):
    """The bytes are not text newslint can read; ``offset`` is the first bad byte."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Encoding:
    """How the file was stored: what ``--fix`` must write back."""

    name: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"  # the dominant style; mixed files keep each line's own ending


def decode(data: bytes) -> tuple[str, Encoding]:
    """Decode file bytes: a BOM picks UTF-8/16/32, otherwise UTF-8. Raises DecodeError."""
    bom, name = b"", "utf-8"
    for mark, codec in _BOMS:
        if data.startswith(mark):
            bom, name = mark, codec
            break
    body = data[len(bom):]
    if b"\x00" in body[:8192] and not bom and name == "utf-8":
        head = body[:8192]
        odd, even = head[1::2].count(0), head[0::2].count(0)
        half = len(head) // 2
        if half >= 2 and (odd > 0.4 * half > 8 * even or even > 0.4 * half > 8 * odd):  # ASCII in UTF-16
            raise DecodeError("looks like UTF-16 without a byte order mark; save the file as UTF-8",
                              body.index(b"\x00"))
        raise DecodeError("binary file (it contains NUL bytes); not an article", body.index(b"\x00"))
    try:
        source = body.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid {name.upper()} (byte 0x{body[exc.start]:02x} at byte {exc.start + len(bom)}); "
            "save the file as UTF-8", exc.start) from None
    if "\r" not in source:  # (most files: no line ends to count)
        return source, Encoding(name, bom, "\n")
    crlf = source.count("\r\n")
    lf = source.count("\n") - crlf
    newline = "\r\n" if crlf > lf else "\n"
    if crlf == 0 and lf == 0 and "\r" in source:
        newline = "\r"
    return source, Encoding(name, bom, newline)


class Document:
    """An article ready for rules: text, front matter with positions, prose view, line index."""

    def __init__(self, source: str, path: str | None = None, encoding: Encoding | None = None,
                 prose_fields: tuple[str, ...] = DEFAULT_PROSE_FIELDS, allow_aliases: bool = False,
                 language: str = "en") -> None:
        self.path = path
        self.source = source
        self.encoding = encoding or Encoding()
        self.text = _NEWLINE().sub("\n", source) if "\r" in source else source
        self.prose_fields = prose_fields
        self.default_language = language
        self._memo: dict[str, Any] = {}
        fm = frontmatter.split(self.text)
        self.front_matter: FrontMatter | None = frontmatter.parse(self.text, fm, allow_aliases) if fm else None
        self.body_start = fm.end if fm else 0
        if fm is not None and fm.unclosed:
            self.body_start = frontmatter.read_unclosed(self.text, fm)
        elif fm is not None and fm.errors and (taken := frontmatter.taken_fence(self.text, fm)) is not None:
            # (a block that lost its fence, closed by a thematic break of the body: read as unclosed)
            self.front_matter = taken
            self.body_start = taken.close_at[0]  # type: ignore[index]

    @classmethod
    def from_bytes(cls, data: bytes, path: str | None = None, **options: Any) -> "Document":
        """Decode bytes (raises DecodeError) and build the document."""
        source, encoding = decode(data)
        return cls(source, path, encoding, **options)

    # -- positions -------------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets at which each line starts (line 1 is index 0)."""
        text = self.text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; the column counts code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start: len(self.text) if end < 0 else end]

    @cached_property
    def _source_line_starts(self) -> list[int]:
        starts = [0]
        for m in re.finditer(r"\r\n?|\n", self.source):
            starts.append(m.end())
        return starts

    def source_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to the same place in ``source`` (they differ only with CR)."""
        if self.text is self.source:
            return offset
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return self._source_line_starts[line] + offset - self.line_starts[line]

    # -- front matter ----------------------------------------------------------------------

    @property
    def meta(self) -> dict[str, Any]:
        """The parsed front matter, or an empty dict when there is none or it is broken."""
        fm = self.front_matter
        return fm.data if fm is not None and isinstance(fm.data, dict) else {}

    @cached_property  # (asked by many rules of every article; the front matter does not change)
    def language(self) -> str:
        """The article's language: front matter lang/language/locale, else its prose's or path's,
        else the configured one."""
        return self.language_tag.split("-")[0]

    @cached_property
    def language_tag(self) -> str:
        """The article's language tag as written, lower case with hyphens (``de-ch``, ``en``):
        front matter lang/language/locale, else the one its prose plainly names, else its path's,
        else the configured one."""
        meta = self.meta
        for key in ("lang", "language", "locale"):
            value = meta.get(key)
            if isinstance(value, str) and value.strip():
                # (a language named in words, lang: Español, is its code: es)
                return language.from_name(value) or value.strip().replace("_", "-").lower()
        # Else what the prose plainly says (a French article in an English-configured tree is
        # still French; an untranslated English copy under content/it/ is English), else the
        # path (Hugo's index.fr.md, content/fr/) for a text too short to tell (see language.py).
        body = self.prose_text[self.body_start:]
        found = language.from_prose(body)
        if found is None:
            # (a notice of two sentences has too few function words to tell: its title and
            # description, written in the same language, are read with it)
            heads = " ".join(v for v in (meta.get("title"), meta.get("description"), meta.get("summary"))
                             if isinstance(v, str))
            if heads:
                found = language.from_prose(f"{heads} {body}")
        found = found or language.from_path(self.path)
        if found:
            return found
        self._memo["language.guessed"] = True
        return (self.default_language or "en").strip().replace("_", "-").lower()

    @property
    def language_known(self) -> bool:
        """Did the front matter, the prose or the path name the article's language? False when
        it is the configured one only, for a text too short to tell (see language.py)."""
        self.language_tag  # noqa: B018 (decides it)
        return "language.guessed" not in self._memo

    def field_spans(self) -> list[tuple[int, int, str]]:
        """Prose spans inside the configured front-matter string fields: (start, end, key).

        Inline Markdown in them (entities, URLs, code, HTML, shortcodes) is not prose."""
        return self.memo("field_spans", self._field_spans)[0]

    def field_masks(self) -> list[tuple[int, int, str]]:
        """The inline constructs between those spans, (start, end, kind) in text order, as
        ``prose_index.masks`` lists the body's: what a quotation mark beside an HTML tag in a
        title sees through, as it does in the body."""
        return self.memo("field_spans", self._field_spans)[1]

    def _field_spans(self) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        fm = self.front_matter
        if fm is None or fm.root is None or not isinstance(fm.root.items, dict):
            return [], []
        spans = []
        masks: list[tuple[int, int, str]] = []
        text = self.text
        for key in self.prose_fields + _misspelled_fields(fm.root.items, self.prose_fields):
            pos = fm.root.items.get(key)
            if pos is not None and pos.items is None and isinstance(self.meta.get(key), str):
                for s, e in (_scalar_spans(text, pos) if fm.kind == "yaml" else _string_spans(text, pos)):
                    spans.extend((ps, pe, key) for ps, pe in prose.inline_prose(text, s, e, masks))
        masks.sort()
        return spans, masks

    def value_spans(self) -> list[tuple[int, int]]:
        """Source spans of the front matter's string values outside the prose fields (tags,
        categories, authors...): no prose to check, but words a reader sees and a site links."""
        return self.memo("value_spans", self._value_spans)

    def _value_spans(self) -> list[tuple[int, int]]:
        fm = self.front_matter
        if fm is None or fm.root is None or not isinstance(fm.root.items, dict):
            return []
        prose_fields = set(self.prose_fields) | {key for _, _, key in self.field_spans()}  # (exerpt too)
        stack = [pos for key, pos in fm.root.items.items() if key not in prose_fields]
        spans = []
        while stack:
            pos = stack.pop()
            if pos.items is not None:
                stack.extend(pos.items.values() if isinstance(pos.items, dict) else pos.items)
            elif pos.value[1] > pos.value[0]:
                spans.append(pos.value)
        spans.sort()
        return spans

    # -- prose -----------------------------------------------------------------------------

    @property
    def is_mdx(self) -> bool:
        """Is the article MDX (``.mdx``: Astro, Next.js, Docusaurus), with JSX and ESM in its body?"""
        return bool(self.path) and self.path.lower().endswith(".mdx")

    @cached_property
    def prose_index(self) -> prose.ProseIndex:
        """Prose blocks, masks and link references of the body (parsed on first use)."""
        fm = self.front_matter
        if fm is not None and fm.errors and self.body_start >= len(self.text):
            return prose.ProseIndex([], [], {})  # unclosed, with no sure end: the whole file is front matter
        return prose.index(self.text, self.body_start, self.line_starts, self.is_mdx)

    @property
    def blocks(self) -> list[prose.Block]:
        """Paragraphs, headings and table cells of the body, with their prose spans."""
        return self.prose_index.blocks

    @cached_property
    def prose_spans(self) -> list[tuple[int, int]]:
        """Every prose span, front-matter fields first, in document order."""
        spans = [(s, e) for s, e, _ in self.field_spans()]
        for block in self.blocks:
            spans.extend(block.spans)
        spans.sort()
        return spans

    @cached_property
    def lowered_prose(self) -> str | None:
        """``prose_text`` lower-cased, line breaks and no-break spaces read as spaces, for the
        literal scans of the rule packs and repeated-word (one copy for both); None where some
        character lower-cases to two and the offsets would no longer agree."""
        prose = self.prose_text
        lowered = prose.lower().replace("\n", " ").replace("\u00a0", " ")
        return lowered if len(lowered) == len(prose) else None

    @cached_property
    def prose_text(self) -> str:
        """The text with every non-prose character replaced by ``prose.MASK`` (newlines kept).

        Same length as ``text``: a match in it is a match in the text at the same offsets.
        """
        text = self.text
        # every character masked, newlines kept: the gaps between prose spans are slices of it
        # (line lengths from the line index: no copy of every line; the masked lines themselves
        # come from a table by length, most of them made once per process)
        starts = self.line_starts
        following = starts[1:]
        following.append(len(text) + 1)
        masked = "\n".join(map(_MASKED_LINES.__getitem__, map(sub, following, starts)))
        view = self.prose_index.view
        if view is None:
            spans = self.prose_spans
        else:  # the same prose in fewer spans: the fields' (before the body), then the blocks'
            spans = [(s, e) for s, e, _ in self.field_spans()]
            spans.extend(view)
            spans.sort()
        parts: list[str] = []
        append = parts.append
        cursor = run = 0  # text[run:cursor]: prose (and newlines) not yet appended
        for s, e in spans:
            if s > cursor:
                # (one or two newlines between spans, as between paragraphs: they read the same
                # in the view, no gap)
                if s - cursor > 2 or text[cursor] != "\n" or text[s - 1] != "\n":
                    append(text[run:cursor])
                    append(masked[cursor:s])
                    run = s
                cursor = s
            if e > cursor:
                cursor = e
        append(text[run:cursor])
        append(masked[cursor:])
        return "".join(parts)

    def prose_matches(self, pattern: re.Pattern[str], body_only: bool = False) -> Iterator[re.Match[str]]:
        """Matches of a compiled pattern in prose only (code, URLs, HTML, shortcodes excluded)."""
        return pattern.finditer(self.prose_text, self.body_start if body_only else 0)

    def is_prose(self, offset: int) -> bool:
        """Is the character at ``offset`` prose?"""
        return 0 <= offset < len(self.text) and self.prose_text[offset] != prose.MASK

    def in_front_matter(self, offset: int) -> bool:
        """Is the offset inside the front-matter block?"""
        return offset < self.body_start and self.front_matter is not None

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """Compute a shared analysis once per document (e.g. quote pairing used by several rules)."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]


# A one-line TOML basic or literal string, or a JSON string, at the start of a value span.
_STRING = lazy(r"""[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')""")
_ESCAPE = lazy(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def _string_spans(text: str, pos: Pos) -> list[tuple[int, int]]:
    """The prose parts of a TOML or JSON string value in the source: quotes and escapes left out
    (multi-line TOML strings are not read)."""
    m = _STRING().match(text, pos.value[0], pos.value[1])
    if m is None or text.startswith(("\"\"\"", "\'\'\'"), m.start(1 if m.group(1) is not None else 2) - 1):
        return []
    if m.group(2) is not None:  # a literal string: no escapes
        return [m.span(2)] if m.end(2) > m.start(2) else []
    spans, cur = [], m.start(1)
    for esc in _ESCAPE().finditer(text, m.start(1), m.end(1)):
        if esc.start() > cur:
            spans.append((cur, esc.start()))
        cur = esc.end()
    if m.end(1) > cur:
        spans.append((cur, m.end(1)))
    return spans


def _misspelled_fields(items: dict[str, Any], fields: tuple[str, ...]) -> tuple[str, ...]:
    """Top-level keys one slip from a prose field the front matter lacks (``exerpt`` for
    ``excerpt``, ``tilte``): their text is the field's, read as prose like it (so that renaming
    the key, misspelled-key's fix, changes nothing else in the article's checks)."""
    missing = [f for f in fields if f not in items and len(f) >= 5]
    if not missing:
        return ()
    found = []
    for key in items:
        if not isinstance(key, str) or key in fields:
            continue
        near = [f for f in missing if abs(len(f) - len(key)) <= 1 and f[0] == key[:1].lower()]
        if near:
            from rapidfuzz.distance import DamerauLevenshtein

            if any(DamerauLevenshtein.distance(key.lower(), f, score_cutoff=1) <= 1 for f in near):
                found.append(key)
    return tuple(found)


def _scalar_spans(text: str, pos: Pos) -> list[tuple[int, int]]:
    """The prose parts of a YAML scalar in the source: quotes, indicators, escapes left out."""
    start, end = pos.value
    raw = text[start:end]
    if pos.style in ("'", '"'):
        start, end, raw = start + 1, end - 1, raw[1:-1]
    elif pos.style in ("|", ">"):
        nl = raw.find("\n")
        if nl < 0:
            return []
        start, raw = start + nl + 1, raw[nl + 1:]
    spans = []
    offset = start
    for line in raw.split("\n"):
        stripped = line.lstrip(" \t")
        s = offset + len(line) - len(stripped)
        e = offset + len(line.rstrip(" \t"))
        if pos.style == '"' and "\\" in line:
            pieces = re.split(r"(\\.)", text[s:e])
            cur = s
            for piece in pieces:
                if piece and not (piece.startswith("\\") and len(piece) == 2):
                    spans.append((cur, cur + len(piece)))
                cur += len(piece)
        elif pos.style == "'" and "''" in line:
            cur = s
            for piece in re.split(r"('')", text[s:e]):
                if piece and piece != "''":
                    spans.append((cur, cur + len(piece)))
                cur += len(piece)
        elif e > s:
            spans.append((s, e))
        offset += len(line) + 1
    return spans
