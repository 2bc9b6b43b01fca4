"""The values of front matter: what the readers fill and the rest of newslint reads.

``FrontMatter`` is one block: its kind, its spans, the parsed data, the position of every key
and value, its errors, and what a read in part left out. ``Pos`` is where one key and its value
sit; ``FrontMatterError`` is why a block could not be used, and where. Every offset indexes the
whole document text (front matter included), the coordinate space every rule shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    taken_fence: int | None = None  # unclosed: a thematic break of the body split read as its closing fence (taken_fence)

    def locate(self, path: tuple[Any, ...] | list[Any], part: str = "value") -> tuple[int, int] | None:
        """Span of the key (``part="key"``) or value at a data path, or None if it is not there.

        For a path that runs past the known structure, the deepest known ancestor is returned.
        """
        found = self.deepest(path)
        if found is None:
            return None
        node, whole = found
        if not whole:
            return node.key or node.value
        if part == "key" and node.key is not None:
            return node.key
        return node.value

    def deepest(self, path: tuple[Any, ...] | list[Any]) -> tuple[Pos, bool] | None:
        """The position at a data path and True, or, for a path that runs past the known
        structure (the items of a TOML array), its deepest known ancestor and False; None when
        nothing was read."""
        node = self.root
        if node is None:
            return None
        for step in path:
            items = node.items
            if isinstance(items, dict) and str(step) in items:
                node = items[str(step)]
            elif isinstance(items, list) and isinstance(step, int) and 0 <= step < len(items):
                node = items[step]
            else:
                return node, False
        return node, True
