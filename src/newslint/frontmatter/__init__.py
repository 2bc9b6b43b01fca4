"""Front matter: split it off the body and parse it, keeping the offset of every key and value.

Our own splitter, not python-frontmatter's: that library strips the text (so every error line
is off), turns CRLF into LF, misses a BOM, and returns ``{}`` for unclosed, non-mapping or
broken front matter without a word. Here every failure is an ``FrontMatterError`` with an
offset, and offsets index the document text directly.

One module a concern; the rest of newslint imports what it needs from this package:

    model.py         the values: FrontMatter (a block: spans, data, errors), Pos (where a key
                     and its value sit), FrontMatterError (what is wrong, where)
    block.py         where the block is and its kind (``---`` YAML, ``+++`` TOML, ``{`` JSON),
                     ``parse`` by kind, and where a block that lost its closing fence ends
    yaml_reader.py   a YAML block read: data, positions, duplicates, the node and alias limits
    yaml_loader.py   the safe loader (timestamps stay strings, only true/false are booleans)
                     and the walk that builds data and positions in one pass
    yaml_errors.py   where a YAML syntax error really is, and what to tell the editor
    yaml_salvage.py  what a broken YAML block still says, its broken entries left out
    toml_reader.py   a TOML block read: positions, errors worded for editors, salvage
    json_reader.py   a JSON block read: positions and duplicate keys
"""

from __future__ import annotations

from .block import CLOSING_FENCE, MAX_FRONT_MATTER, closing_place, fence_span, parse, read_unclosed, split, taken_fence
from .model import FrontMatter, FrontMatterError, Pos
from .yaml_errors import INDICATOR_START, UNCLOSED_LIST, UNCLOSED_MAPPING, value_end
from .yaml_loader import MAX_NODES, reads_as_text
from .yaml_reader import MAX_EXPANDED
from .yaml_salvage import MAX_SALVAGE

__all__ = [
    "CLOSING_FENCE", "INDICATOR_START", "MAX_EXPANDED", "MAX_FRONT_MATTER", "MAX_NODES", "MAX_SALVAGE", "UNCLOSED_LIST",
    "UNCLOSED_MAPPING", "FrontMatter", "FrontMatterError", "Pos", "closing_place", "fence_span", "parse", "read_unclosed",
    "reads_as_text", "split", "taken_fence", "value_end",
]
