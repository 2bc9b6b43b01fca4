"""The structure guard: a fix may change words, never the shape of the article.

black refuses to write code whose syntax tree changed; newslint refuses to write a fix that
changes the Markdown structure or the front-matter data beyond the text it meant to change.
Before a fixed text is kept, both texts are reduced to a *structure signature* and compared:

- the body, parsed by markdown-it-py in full (block and inline rules, HTML on, ``text_join``
  off so that escapes and entities stay tokens of their own): every token's type, tag, nesting,
  markup, attributes (link destinations, image sources, titles, list starts, table alignment),
  info string, and the exact content of code spans, code blocks, fences, inline HTML, HTML
  blocks, escapes and entities; plus the link reference definitions. *Text* (text tokens and
  line breaks inside a paragraph) is left out, so an edit that turns ``"`` into ``“``,
  ``Kiev`` into ``Kyiv`` or moves a space out of a link is no structure change, while one that
  deletes the space in ``*word *`` (making emphasis) is. A paragraph of nothing visible (a lone
  zero-width space) counts as nothing;
- the front matter: its kind, whether it parses, and its data with every key and scalar value
  that an edit touches neutralised (a key rename, a quoted value, ``tags:`` → ``tags: []`` are
  what those fixes are for), and entries written wholly by an edit dropped (a deleted key).

A fix whose ``reshapes`` flag is set changes Markdown syntax on purpose (repairing a broken
link); for it the top-level blocks it touches are exempt and everything else must stay. In the
front matter, such a fix (unindenting a key that an indentation slip put inside a block
scalar's text) may add the key it touches, and the value it edits may change its type (two
list items that lost a dash's space read as one string become a list again); no key may go and
no other value may change. Such a
fix may also make front matter that did not parse readable (putting back a key's lost colon).

This runs only when fixing (``--fix``, ``--diff``, ``fix_text``), once per fix pass, and costs a
full markdown-it parse of the text before and after; ``engine.fix_document`` bisects a failing
pass to find the fixes that break structure, drops them and keeps the rest.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:
    from .document import Document
    from .model import Fix

# Token content that is not prose: an edit there changes the article's code, markup or links.
_EXACT = {"code_inline", "code_block", "fence", "html_inline", "html_block", "text_special"}
_QUOTE_MARKS = frozenset('"\'“”‘’„‚«»‹›″')
_TEXT_ENTITIES = _QUOTE_MARKS | frozenset("—–")
_NAMES = {
    "paragraph": "a paragraph", "heading": "a heading", "blockquote": "a block quote",
    "bullet_list": "a bulleted list", "ordered_list": "a numbered list", "list_item": "a list item",
    "em": "emphasis", "strong": "bold text", "s": "strikethrough", "link": "a link", "image": "an image",
    "code_inline": "a code span", "code_block": "an indented code block", "fence": "a fenced code block",
    "html_inline": "inline HTML", "html_block": "an HTML block", "hr": "a horizontal rule",
    "table": "a table", "thead": "a table", "tbody": "a table", "tr": "a table row", "th": "a table cell",
    "td": "a table cell", "softbreak": "a line break", "hardbreak": "a hard line break",
    "text_special": "an escape or entity", "text": "text", "reference": "a link reference definition",
    "inline": "the text of a block",
}


@lru_cache(maxsize=1)
def _inline_parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["strikethrough"])
    md.disable("text_join")  # keep escapes and entities as tokens: creating one is a change
    return md  # maxNesting stays 20: nested brackets recurse in the link-label parser


Block = tuple[tuple[int, int], tuple[Any, ...]]  # (document line range, token signatures)


def _blocks(doc: "Document") -> tuple[list[Any], dict[str, Any], int]:
    """The body's block tokens, its link references and the body's first line.

    The block parse is the one the rules already made (``prose.index``, inline off, nesting
    bounded by ``mdblock.limit_depth``): for the fixed text it is the parse the next lint pass
    reads, so the guard adds only the inline parse of the blocks that were edited.
    """
    index = doc.prose_index
    return index.tokens, {"references": index.references}, doc.text.count("\n", 0, doc.body_start)


def body_structure(doc: "Document", edited: Sequence[tuple[int, int]]) -> tuple[list[Block], tuple[Any, ...]]:
    """The body's top-level blocks (line range, token signature) and its link reference definitions.

    Inline content is parsed (markdown-it's inline rules, with the document's references) only
    in blocks whose lines an edit touches (``edited``: 0-based document line ranges); the others
    are the same bytes before and after, so their content stands for their inline structure.
    """
    tokens, env, first = _blocks(doc)
    md = _inline_parser()
    blocks: list[Block] = []
    current: list[Any] = []
    lines = (0, 0)
    skip = _invisible_paragraphs(tokens)
    for i, tok in enumerate(tokens):
        if i in skip:
            continue
        if tok.level == 0 and tok.nesting >= 0 and tok.map:
            lines = (first + tok.map[0], first + tok.map[1])
        if tok.type == "inline":
            span = (first + tok.map[0], first + tok.map[1]) if tok.map else None
            if span is None or _overlaps(span, edited):
                children: list[Any] = []
                md.inline.parse(tok.content, md, dict(env), children)
                current.append(("inline",))
                _children(children, current)
            else:
                current.append(("inline", tok.content))
        else:
            current.append(_token(tok))
        if tok.level == 0 and tok.nesting <= 0:
            blocks.append((lines, tuple(current)))
            current = []
    if current:
        blocks.append((lines, tuple(current)))
    refs = tuple(sorted((label, ref.get("href", ""), ref.get("title", ""))
                        for label, ref in env.get("references", {}).items()))
    return blocks, refs


def _invisible_paragraphs(tokens: Sequence[Any]) -> set[int]:
    """Token indexes of paragraphs holding nothing visible (a lone zero-width space): deleting
    the invisible character removes such a paragraph, and nothing a reader sees changes."""
    import unicodedata

    out: set[int] = set()
    for i in range(len(tokens) - 2):
        if tokens[i].type == "paragraph_open" and tokens[i + 1].type == "inline" \
                and tokens[i + 2].type == "paragraph_close" \
                and all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in tokens[i + 1].content):
            out.update((i, i + 1, i + 2))
    return out


def _token(tok: Any) -> tuple[Any, ...]:
    attrs = tuple(sorted((str(k), str(v)) for k, v in (tok.attrs or {}).items()))
    if tok.type == "html_block":  # its text is prose (prose.py): a fix may change that, not its markup
        from .prose import html_markup

        content: Any = html_markup(tok.content)
    else:
        content = tok.content if tok.type in _EXACT else None
    return (tok.type, tok.tag, tok.nesting, tok.markup, tok.info, attrs, bool(tok.hidden), content)


def _children(children: Sequence[Any], out: list[Any]) -> None:
    for child in children:
        if child.type in ("text", "softbreak"):
            # text is what fixes change: where it starts and stops, and whether a space stands
            # between two links, is not structure; a line break inside a paragraph renders as a
            # space (deleting a stray character may drop one)
            continue
        if child.type == "text_special" and child.info == "entity" and child.content in _TEXT_ENTITIES:
            continue  # &#8221;: a quotation mark written as an entity is text as the typed ” is
            # (unclosed-quote closes a quotation opened with &#8220; with &#8221;, not ”), and so
            # is a dash (&mdash;: hyphen-as-dash writes the dash as an article of entities does)
        out.append(_token(child))
        if child.children:  # an image's alt text
            _children(child.children, out)


def _kind(sig: tuple[Any, ...]) -> str:
    kind = str(sig[0])
    for suffix in ("_open", "_close"):
        if kind.endswith(suffix):
            return kind[: -len(suffix)]
    return kind


def _name(sig: tuple[Any, ...]) -> str:
    kind = _kind(sig)
    if kind == "heading" and len(sig) > 1 and sig[1]:
        return f"a level-{str(sig[1])[1:]} heading"
    return _NAMES.get(kind, kind.replace("_", " "))


def describe(before: Sequence[tuple[Any, ...]], after: Sequence[tuple[Any, ...]]) -> str:
    """What turned ``before`` into ``after``, as a verb phrase ("add emphasis")."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone = [s for s in before[a0:a1] if len(s) == 8 and s[2] != -1]
        new = [s for s in after[b0:b1] if len(s) == 8 and s[2] != -1]
        if not gone and not new:
            continue  # only the split of text differs here: look further
        if gone and new:
            x, y = gone[0], new[0]
            if _kind(x) == _kind(y):
                if len(x) == len(y) == 8:
                    if x[5] != y[5]:
                        what = "destination" if _kind(x) in ("link", "image") else "attributes"
                        return f"change the {what} of {_name(x)}"
                    if x[7] != y[7]:
                        return f"change the text of {_name(x)}"
                    if x[3] != y[3]:
                        return f"change the markup of {_name(x)} (`{x[3]}` to `{y[3]}`)"
                return f"change {_name(x)}"
            return f"turn {_name(x)} into {_name(y)}"
        if new:
            return f"add {_name(new[0])}"
        if gone:
            return f"remove {_name(gone[0])}"
    return "change the Markdown structure"


# -- front matter -------------------------------------------------------------------------------

Spans = Sequence[tuple[int, int]]


def _touches(span: tuple[int, int], regions: Spans) -> bool:
    return any(span[0] <= e and s <= span[1] for s, e in regions)


def _inside(span: tuple[int, int], regions: Spans) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def _fm_signature(doc: "Document", regions: Spans) -> tuple[Any, ...]:
    fm = doc.front_matter
    if fm is None:
        return ("none",)
    if fm.errors:
        return ("broken", fm.kind)
    if fm.data is None:  # refused (aliases): only its kind can be compared
        return ("unread", fm.kind)
    return (fm.kind, _node(fm.data, fm.root, regions))


def _node(value: Any, pos: Any, regions: Spans) -> tuple[Any, ...]:
    if pos is None:
        return ("=", _canon(value))
    if _inside(pos.value, regions):
        return ("*",)
    if isinstance(value, dict):
        if not isinstance(pos.items, dict):
            return ("*",) if _touches(pos.value, regions) else ("=", _canon(value))
        entries = []
        for key, item in value.items():
            p = pos.items.get(str(key))
            if p is not None and p.key is not None and _inside(p.key, regions) and _inside(p.value, regions):
                continue  # an entry an edit wrote or deletes whole
            name = "*" if p is not None and p.key is not None and _touches(p.key, regions) else repr(key)
            entries.append((name, _node(item, p, regions)))
        return ("map", tuple(entries))
    if isinstance(value, list):
        if not isinstance(pos.items, list) or len(pos.items) != len(value):
            return ("*",) if _touches(pos.value, regions) else ("=", _canon(value))
        return ("seq", tuple(_node(v, p, regions) for v, p in zip(value, pos.items)
                             if not _inside(p.value, regions)))
    if _touches(pos.value, regions):
        return ("*",)
    return ("=", _canon(value))


def _without_new_keys(signature: tuple[Any, ...]) -> tuple[Any, ...]:
    """A front-matter signature without the top-level entries whose key an edit touched (named "*")."""
    if len(signature) != 2 or signature[1][0] != "map":
        return signature
    return (signature[0], ("map", tuple((k, v) for k, v in signature[1][1] if k != "*")))


def _retyped(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
    """``b`` with the top-level values an edit touched in ``a`` neutralised: a reshaping fix may
    change the type of the value it edits (``-meetups - design``, two list items that lost a
    dash's space and read as one string, becomes the list it was meant to be)."""
    if len(a) != 2 or len(b) != 2 or a[1][0] != "map" or b[1][0] != "map":
        return b
    touched = {k for k, v in a[1][1] if v == ("*",)}
    if not touched:
        return b
    return (b[0], ("map", tuple((k, ("*",) if k in touched else v) for k, v in b[1][1])))


def _renamed_key(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[tuple[Any, ...], tuple[Any, ...]] | None:
    """When the one top-level key an edit touched in ``a`` is another key at the same place in
    ``b`` (as many entries, in order), both signatures without that entry; else None."""
    if len(a) != 2 or len(b) != 2 or a[1][0] != "map" or b[1][0] != "map" or len(a[1][1]) != len(b[1][1]):
        return None
    touched = [i for i, (k, _) in enumerate(a[1][1]) if k == "*"]
    if len(touched) != 1:
        return None
    i = touched[0]
    return ((a[0], ("map", a[1][1][:i] + a[1][1][i + 1:])), (b[0], ("map", b[1][1][:i] + b[1][1][i + 1:])))


def _canon(value: Any) -> Any:
    if isinstance(value, dict):
        return ("map", tuple((repr(k), _canon(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_canon(v) for v in value))
    return (type(value).__name__, value)


def _first_fm_difference(a: Any, b: Any, path: tuple[str, ...] = ()) -> str:
    """A readable path to where two front-matter signatures first differ."""
    if a[0] == "map" and b[0] == "map":
        ka = [k for k, _ in a[1]]
        kb = [k for k, _ in b[1]]
        if ka != kb:
            lost = [k for k in ka if k not in kb]
            gained = [k for k in kb if k not in ka]
            where = f" under `{'.'.join(path)}`" if path else ""
            if lost:
                return f"remove {_key_name(lost[0])}{where}"
            if gained:
                return f"add {_key_name(gained[0])}{where}"
            return f"reorder the front-matter keys{where}"
        for (k, va), (_, vb) in zip(a[1], b[1]):
            if va != vb:
                return _first_fm_difference(va, vb, path + (_unrepr(k),))
    if a[0] == "seq" and b[0] == "seq" and len(a[1]) == len(b[1]):
        for i, (va, vb) in enumerate(zip(a[1], b[1])):
            if va != vb:
                return _first_fm_difference(va, vb, path + (str(i),))
    where = f"`{'.'.join(path)}`" if path else "the front matter"
    return f"change the front-matter value {where}" if path else "change the front matter"


def _key_name(key: str) -> str:
    return "a front-matter key" if key == "*" else f"the front-matter key `{_unrepr(key)}`"


def _unrepr(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"" else key


# -- the check ----------------------------------------------------------------------------------


def regions(fixes: Iterable["Fix"]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The edited spans in the text before (start, end) and after the fixes (start, end + growth)."""
    edits = sorted((e for fx in fixes for e in fx.edits), key=lambda e: (e.start, e.end))
    before, after = [], []
    shift = 0
    for e in edits:
        before.append((e.start, e.end))
        after.append((e.start + shift, e.start + shift + len(e.text)))
        shift += len(e.text) - (e.end - e.start)
    return before, after


def check(before: "Document", after: "Document", fixes: Sequence["Fix"]) -> str:
    """Why the fixed document's structure is not the original's (a verb phrase), or "" if it is."""
    old_regions, new_regions = regions(fixes)
    fa, fb = before.front_matter, after.front_matter
    if (fa is None) != (fb is None) or (fa is not None and fb is not None and fa.kind != fb.kind):
        return "add or remove the front-matter block" if (fa is None) != (fb is None) \
            else "change the kind of front matter"
    sa, sb = _fm_signature(before, old_regions), _fm_signature(after, new_regions)
    shaping = [fx for fx in fixes if fx.reshapes]
    if sa != sb and fa is not None and any(e.start <= fa.content_end for fx in shaping for e in fx.edits):
        # a fix that repairs the front matter's shape (a key an indentation slip put inside the
        # text before it): a key it touches may appear; no key may go, every other value stays
        # (and one that repairs front matter that did not parse, a key that lost its colon: there
        # was no data before to compare with, and no other fix edits a broken block)
        # (or a key read with part of its value, `title:"Talks` of `title:"Talks: both"`, that
        # it gives its real name: the key it touches is renamed, none other)
        if sa[0] == "broken" and sb[0] != "broken":
            sb = sa
        else:
            sa, sb = _renamed_key(sa, sb) or (sa, _without_new_keys(_retyped(sa, sb)))
    if sa != sb:
        if sb[0] == "broken" and sa[0] != "broken":
            message = fb.errors[0].message if fb is not None and fb.errors else "it no longer parses"
            return f"make the front matter unreadable ({message})"
        if len(sa) == 2 and len(sb) == 2 and sa[0] == sb[0]:
            return _first_fm_difference(sa[1], sb[1])
        return "change the front matter"
    if fa is not None and fa.errors and fa.end >= len(before.text) and fb is not None and not fb.errors \
            and any(e.start <= fa.content_end for fx in shaping for e in fx.edits):
        return ""  # a fix that closes a block that ran to the end: there was no body to compare
    blocks_a, refs_a = body_structure(before, _lines(before, old_regions))
    blocks_b, refs_b = body_structure(after, _lines(after, new_regions))
    if refs_a != refs_b and not (shaping and [r[0] for r in refs_a] == [r[0] for r in refs_b]):
        return "change a link reference definition"  # a reshaping fix may repair a definition's URL
    if shaping:
        a_lines = _lines(before, regions(shaping)[0])
        b_lines = _lines(after, _after_spans(fixes, shaping))
        blocks_a = [b for b in blocks_a if not _overlaps(b[0], a_lines)]
        blocks_b = [b for b in blocks_b if not _overlaps(b[0], b_lines)]
    flat_a = [t for _, sig in blocks_a for t in sig]
    flat_b = [t for _, sig in blocks_b for t in sig]
    if flat_a != flat_b:
        return describe(flat_a, flat_b)
    return ""


def _after_spans(fixes: Sequence["Fix"], chosen: Sequence["Fix"]) -> list[tuple[int, int]]:
    """Where the edits of ``chosen`` sit in the text after all ``fixes`` were applied."""
    wanted = {id(e) for fx in chosen for e in fx.edits}
    edits = sorted((e for fx in fixes for e in fx.edits), key=lambda e: (e.start, e.end))
    out, shift = [], 0
    for e in edits:
        if id(e) in wanted:
            out.append((e.start + shift, e.start + shift + len(e.text)))
        shift += len(e.text) - (e.end - e.start)
    return out


def _lines(doc: "Document", spans: Spans) -> list[tuple[int, int]]:
    """0-based document line ranges [first, last] of the spans."""
    out = []
    for s, e in spans:
        first = doc.position(s)[0] - 1
        last = doc.position(max(s, e))[0] - 1
        out.append((first, last))
    return out


def _overlaps(block: tuple[int, int], lines: Sequence[tuple[int, int]]) -> bool:
    lo, hi = block  # [lo, hi) lines
    return any(first < hi and lo <= last for first, last in lines)
