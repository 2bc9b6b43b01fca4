"""A JSON front-matter block read (Hugo's ``{`` front matter; block.py finds where it ends).

The data comes from the json module; the positions of keys and values from a token scan of the
text, already known to be valid, which also notes duplicate keys (json keeps the last one
without a word).
"""

from __future__ import annotations

import json
from typing import Any

from ..patterns import lazy
from .model import FrontMatter, FrontMatterError, Pos


def parse_json(text: str, fm: FrontMatter) -> None:
    """Fill ``fm`` from its JSON content: data, positions and duplicate keys, or the syntax error."""
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
                if name in items:  # (the first one, for a key written three times)
                    first = next((f for dup, f, _ in fm.duplicates if dup == path + (name,)), items[name])
                    fm.duplicates.append((path + (name,), first, child))
                items[name] = child  # (the value JSON readers keep, the last: the position too)
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
