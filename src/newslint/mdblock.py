"""markdown-it-py's block parser, with the rules that cannot match a line skipped cheaply.

For every line of every paragraph, markdown-it asks each rule that may interrupt a paragraph
(table, fence, blockquote, hr, list, HTML block, heading) whether it starts there — twice,
once for the setext-heading rule and once for the paragraph rule — and at every block start it
tries all eleven block rules in turn. Each call also logs at debug level. On a news corpus that
is millions of calls, nearly all of which look at the first character of the line and say no.

Each of those rules needs a particular first character (``#`` for a heading, ``>`` for a quote,
``<`` for HTML, …); a table needs a ``|`` in its first line and a *next* line made of ``|``,
``-``, ``:`` and blanks only; an
indented code block needs four columns of indentation. ``install`` replaces each rule chain with
one function that checks those necessary conditions first and, only when some rule could
match, runs the original chain unchanged; the setext-heading rule runs only when a line of the
paragraph could be its underline; and the parser's line tables are built with list operations.
The list rule (``list_items``) gives an item that starts with a paragraph its paragraph directly
instead of running the block tokenizer on it, and the tokenizer reads the line tables itself.
The rules themselves, their order and the tokens are markdown-it's own; a rule this module does
not know is always run. tests/test_mdblock.py checks that the tokens are identical to the stock
parser's.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate, repeat
from operator import add, sub
from typing import Any, Callable, Literal

from markdown_it import rules_block as rb
from markdown_it import rules_core
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.footnote.index import footnote_def

from .patterns import lazy

Rule = Callable[[Any, int, int, bool], bool]

# Rule → the characters a line must start with (after its indentation) for the rule to match.
_FIRST: dict[Any, str] = {
    rb.fence: "~`",
    rb.blockquote: ">",
    rb.hr: "*-_",
    rb.list_block: "*-+0123456789",
    rb.reference: "[",
    rb.html_block: "<",
    rb.heading: "#",
    footnote_def: "[",  # [^label]: (mdit-py-plugins)
}
_TABLE_DELIMITER = "|-:"  # a table's second line starts with one of these
# ... and holds nothing else but spaces and tabs (markdown-it's table rule checks that before all else)
_DELIMITER_ROW = lazy(r"[|\-:][|\-: \t]*")
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*")  # a horizontal rule: three or more of one marker, blanks between
_MARKERS = "-*_+0123456789"  # a horizontal rule's or a list item's first character
_ORDERED = lazy(r"[0-9]{1,9}[.)](?:[ \t]|\Z)")  # an ordered list item's marker (up to the line end)
_FALLBACK = (rb.lheading, rb.paragraph)  # these take any line; they come last
_CHAINS = ("", "paragraph", "reference", "blockquote", "list")  # the main chain and the terminator chains


def _chain(rules: list[Rule]) -> list[Rule]:
    """One function standing for a rule chain, or the chain itself if a rule is unknown."""
    table = code = False
    for i, fn in enumerate(rules):
        if fn is rb.table:
            table = True
        elif fn is rb.code:
            code = True
        elif fn not in _FIRST and not (fn in _FALLBACK and all(g in _FALLBACK for g in rules[i:])):
            return rules  # a rule we cannot reason about: run the chain as it is
    rules = [_REPLACED.get(fn, fn) for fn in rules]
    everything = tuple(rules)

    def candidates(char: str | None, with_table: bool, ruled_out: tuple[Rule, ...] = ()) -> tuple[Rule, ...]:
        """The rules, in chain order, that may match a line starting with ``char`` (None: any
        character that no rule needs), less those ``ruled_out``."""
        return tuple(fn for fn in rules if fn not in ruled_out and (
            (fn in _FIRST and char is not None and char in _FIRST[fn])
            or fn in _FALLBACK or fn is paragraph or (fn is rb.table and with_table)))

    triggers = {ch for fn in rules if fn in _FIRST for ch in _FIRST[fn]}
    plain = (candidates(None, False), candidates(None, True))  # a line that starts like prose
    by_char = {ch: (candidates(ch, False), candidates(ch, True)) for ch in triggers}
    get = by_char.get
    # A line starting with "-", "*", "_", "+" or a digit is a horizontal rule only if it holds
    # three or more of that character and nothing else but blanks ("**Bold** text" is none), and
    # a list item only if a space, a tab or the line end follows the bullet (or the digits and
    # "." or ")"): most such lines are neither ("2015 was", "- item" is no rule). The chain for
    # each answer: (character, rule possible, item possible).
    by_marker = {(ch, hr, item): (candidates(ch, False, ruled), candidates(ch, True, ruled))
                 for ch in _MARKERS for hr in (False, True) for item in (False, True)
                 for ruled in [(() if hr else (rb.hr,)) + (() if item else (list_items,))]}
    # A line starting with "[" is a link reference definition only if its label's "]" comes
    # before any other "[" and is followed by ":" (the reference rule reads the label one
    # character at a time), and a footnote definition only if "^" follows the "[": most such
    # lines are links ("[Text](url) said"). The chain for each answer: (definition possible,
    # footnote possible).
    by_bracket = {(ref, note): (candidates("[", False, ruled), candidates("[", True, ruled))
                  for ref in (False, True) for note in (False, True)
                  for ruled in [(() if ref else (rb.reference,)) + (() if note else (footnote_def,))]}
    # A line that starts like prose, in the main chain: the setext-heading rule, then the
    # paragraph rule. The first can only succeed if a later line of the paragraph starts with
    # "-" or "="; when none does, what it leaves behind is the parent type it sets.
    tail = (rb.lheading, paragraph)

    def choose(state: Any, line: int, end: int) -> tuple[Rule, ...]:
        """The rules of the chain, in order, that may match at ``line``."""
        pos = state.bMarks[line] + state.tShift[line]
        if pos >= state.eMarks[line] or (code and state.sCount[line] - state.blkIndent >= 4):
            return everything
        src = state.src
        ch = src[pos]
        if ch in _MARKERS:
            e = state.eMarks[line]
            pair = by_marker[ch, ch in "*-_" and src.count(ch, pos, e) >= 3 and _RULE.fullmatch(src, pos, e) is not None,
                             (pos + 1 >= e or src[pos + 1] in " \t") if ch in "*-+"
                             else ch != "_" and _ORDERED().match(src, pos, e) is not None]
        elif ch == "[":
            pair = by_bracket[_may_define(src, pos, state.eMarks[line]), src.startswith("^", pos + 1)]
        else:
            pair = get(ch, plain)
        if table and line + 2 <= end:
            p = state.bMarks[line + 1] + state.tShift[line + 1]
            if p < state.eMarks[line + 1] and src[p] in _TABLE_DELIMITER and \
                    _table_ahead(src, state.bMarks, state.eMarks, state.tShift, line):
                return pair[1]
        return pair[0]

    def run(state: Any, line: int, end: int, silent: bool) -> bool:
        rules_to_try = choose(state, line, end)
        if rules_to_try[-2:] == tail:
            for fn in rules_to_try[:-2]:
                if fn(state, line, end, silent):
                    return True
            # The setext-heading rule is asked only if paragraph() finds a line that could be
            # its underline; when it fails it leaves the parent type "paragraph".
            if paragraph(state, line, end, silent, setext_end=end):
                return True
            return rb.lheading(state, line, end, silent) or paragraph(state, line, end, silent)
        for fn in rules_to_try:
            if fn(state, line, end, silent):
                return True
        return False

    run.choose = choose  # type: ignore[attr-defined]  # (the list rule asks it about an item's first line)
    run.tail = tail  # type: ignore[attr-defined]
    return [run]


def _triggers(rules: list[Rule]) -> tuple[str, bool] | None:
    """The first characters of a line on which a rule of the chain may match, and whether the
    table rule is in it; None if the chain has a rule we cannot reason about."""
    chars = ""
    table = False
    for fn in rules:
        if fn is rb.table:
            table = True
        elif fn in _FIRST:
            chars += _FIRST[fn]
        else:
            return None
    return chars, table


def paragraph(state: Any, startLine: int, endLine: int, silent: bool, setext_end: int = -1) -> bool:
    """markdown-it's paragraph rule, with the terminator rules asked only about a line that one
    of them could start (its first character, or a table delimiter row after it) and the
    tokens made without the dataclass machinery. The same tokens, field for field.

    With ``setext_end`` (the end line the setext-heading rule would be given) it stands for
    that rule and this one in turn, and returns False, having changed nothing, where a line of
    the paragraph before ``setext_end`` could be an underline: a "-" or "=" first, indented
    like the paragraph (up to three columns more). The setext rule reads the same lines as this
    one (it stops at the same blank line or terminator, and tests for an underline first), so
    elsewhere it fails, leaving the parent type "paragraph", which is what this rule then keeps
    (markdown-it asks it first: one scan of the paragraph's lines instead of two)."""
    terminators = state.md.block.ruler.getRules("paragraph")
    known = _TERMINATORS.get(id(terminators))
    nextLine = startLine + 1
    endLine = state.lineMax
    oldParentType = state.parentType
    state.parentType = "paragraph"
    b, e, t, counts, src = state.bMarks, state.eMarks, state.tShift, state.sCount, state.src
    indent = state.blkIndent
    chars, table = known[1] if known is not None else ("", False)
    if setext_end >= 0:
        chars += "="  # (an underline's first character, the other, "-", is a terminator's)
    while nextLine < endLine:
        pos = b[nextLine] + t[nextLine]
        if pos >= e[nextLine]:
            break  # an empty line
        count = counts[nextLine]
        if count - indent > 3 or count < 0:  # a lazy continuation; a blockquote quirk
            nextLine += 1
            continue
        if nextLine < setext_end and count >= indent and src[pos] in "-=":
            state.parentType = oldParentType
            return False  # maybe an underline: the setext rule's to say
        if known is not None and src[pos] not in chars:
            # no terminator rule can match here, unless the next line is a table's delimiter row
            following = nextLine + 1
            if not table or following >= endLine:
                nextLine += 1
                continue
            p = b[following] + t[following]
            if p >= e[following] or src[p] not in _TABLE_DELIMITER or not _table_ahead(src, b, e, t, nextLine):
                nextLine += 1
                continue
        if any(rule(state, nextLine, endLine, True) for rule in terminators):
            break
        nextLine += 1
    # Without indentation to strip, getLines joins whole lines: one slice of the source is the same
    # text when the lines lie end to end (a blockquote moves each line's start past its marker).
    last = nextLine - 1
    # (lines lie end to end where their starts are those new_state found: only a blockquote moves
    # them; one comparison of list slices in C instead of one per line)
    if indent == 0 and (b[startLine + 1:nextLine] == _RAW_STARTS[1][startLine + 1:nextLine] if _RAW_STARTS[0] is src
                        else all(b[k + 1] == e[k] + 1 for k in range(startLine, last))):
        content = src[b[startLine]:e[last]].strip(MD_TRIM_CHARS)
    else:
        content = state.getLines(startLine, nextLine, indent, False).strip(MD_TRIM_CHARS)
    state.line = nextLine
    level = state.level
    tokens = state.tokens
    tokens.append(_token("paragraph_open", "p", 1, level, [startLine, nextLine], ""))
    tokens.append(_token("inline", "", 0, level + 1, [startLine, nextLine], content, []))
    tokens.append(_token("paragraph_close", "p", -1, level, None, ""))
    state.parentType = oldParentType if setext_end < 0 else "paragraph"  # (as the failed setext rule left it)
    return True


_new_token = Token.__new__


def _token(ttype: str, tag: str, nesting: int, level: int, where: list[int] | None, content: str,
           children: list[Any] | None = None) -> Token:
    """What ``state.push`` makes, field for field (level as push leaves it)."""
    token = _new_token(Token)
    # (one store at a time: building and unpacking tuples of them costs a third more)
    token.type = ttype
    token.tag = tag
    token.nesting = nesting
    token.attrs = {}
    token.map = where
    token.level = level
    token.children = children
    token.content = content
    token.markup = ""
    token.info = ""
    token.meta = {}
    token.block = True
    token.hidden = False
    return token


# id(paragraph terminator chain list) → (the list, its triggers, whether the list rule is in it)
_TERMINATORS: dict[int, tuple[Any, tuple[str, bool], bool]] = {}


_ITEM_START = "-=*+0123456789"  # an underline's or a list item's first character
_ITEM = re.compile(r"[-*+]|([0-9]{1,9})[.)]")  # a list item's marker (a blank or the line end must follow)


def _marker(src: str, pos: int, end: int) -> tuple[int, str | None] | None:
    """Where the list item marker at ``pos`` ends and its number (None for a bullet), or None if
    the line from ``pos`` to ``end`` starts no list item."""
    m = _ITEM.match(src, pos, end)
    if m is None:
        return None
    after = m.end()
    if after < end and src[after] not in " \t":
        return None  # "-word", "1.5"
    return after, m.group(1)


def list_items(state: Any, startLine: int, endLine: int, silent: bool) -> bool:
    """markdown-it's list rule, with an item that starts with a paragraph given it directly.

    For every item markdown-it's rule runs the whole block tokenizer on the item's lines: skip
    blank lines, choose among the block rules (the setext-heading rule first, which reads ahead
    to the paragraph's end), then the paragraph rule. Most items of a news article's lists are
    one paragraph of one or a few lines. When the main chain says that only the setext-heading
    and paragraph rules can match at the item's first line and no underline can follow, this
    rule calls the paragraph rule itself and does the tokenizer's bookkeeping after it (blank
    lines, where the item ends, tightness); whatever else the item holds is tokenized as usual.
    The rest follows markdown-it's rule step for step: the same tokens, the same state after.
    Task lists (an option newslint does not set) go to markdown-it's rule.
    """
    counts = state.sCount
    if state.is_code_block(startLine) or (state.listIndent >= 0 and counts[startLine] - state.listIndent >= 4
                                          and counts[startLine] < state.blkIndent):
        return False  # (an indented line: code, or a lazy line of a deeper item)
    src, b, e, t = state.src, state.bMarks, state.eMarks, state.tShift
    found = _marker(src, b[startLine] + t[startLine], e[startLine])
    if found is None:
        return False
    after, number = found
    if silent:  # may a list start here? After a paragraph's line only with "1." and some text.
        if state.parentType == "paragraph" and counts[startLine] >= state.blkIndent:
            return (number is None or int(number) == 1) and state.skipSpaces(after) < e[startLine]
        return True
    if state.md.options.get("tasklists", False):
        return rb.list_block(state, startLine, endLine, silent)
    ordered = number is not None
    bullet = src[after - 1]  # the bullet, or the "." or ")" after the number
    # The main chain's choice of rules, to know an item that starts with a paragraph, and the
    # level from which the tokenizer would stop (maxNesting) or the depth limit would take lines.
    main = state.md.block.ruler.getRules("")
    choose = getattr(main[-1], "choose", None)
    limit = min([state.md.options.maxNesting] + [getattr(fn, "depth", -1) for fn in main[:-1]])
    tail = getattr(main[-1], "tail", None)
    known = _TERMINATORS.get(id(state.md.block.ruler.getRules("paragraph")))
    items_end = known is not None and known[2]
    tokens = state.tokens
    first_token = len(tokens)
    token = state.push("ordered_list_open" if ordered else "bullet_list_open", "ol" if ordered else "ul", 1)
    if ordered and int(number) != 1:
        token.attrs = {"start": int(number)}
    token.map = list_lines = [startLine, 0]
    token.markup = bullet
    terminators = state.md.block.ruler.getRules("list")
    old_parent = state.parentType
    state.parentType = "list"
    tight = True
    blank_before = False  # did the previous item end with a blank line
    line = startLine
    while line < endLine:
        # the item's indentation: its marker's columns, and 1 to 4 columns of blanks after it
        # (more is an indented code block inside the item, and it gets 1)
        eol = e[line]
        marker_start = b[line] + t[line]
        initial = offset = counts[line] + after - marker_start
        pos = after
        while pos < eol:
            ch = src[pos]
            if ch == " ":
                offset += 1
            elif ch == "\t":
                offset += 4 - (offset + state.bsCount[line]) % 4
            else:
                break
            pos += 1
        gap = 1 if pos >= eol or offset - initial > 4 else offset - initial
        indent = initial + gap
        item = state.push("list_item_open", "li", 1)
        item.markup = bullet
        item.map = item_lines = [line, 0]
        if ordered:
            item.info = src[marker_start:after - 1]
        old_tight, old_shift, old_count, old_list_indent = state.tight, t[line], counts[line], state.listIndent
        state.listIndent = state.blkIndent
        state.blkIndent = indent
        state.tight = True
        t[line] = pos - b[line]
        counts[line] = offset
        if pos >= eol and state.isEmpty(line + 1):
            state.line = min(state.line + 2, endLine)  # an empty item, then a blank line: the list ends
        elif pos < eol and choose is not None and state.level < limit and choose(state, line, endLine) == tail:
            if items_end and _next_item_ends(state, line, endLine):
                # one line of prose, and the next line is an item of this list or an outer one
                # (a tight list's common case): the paragraph rule would stop there
                nxt = line + 1
                level = state.level
                content = state.getLines(line, nxt, indent, False).strip(MD_TRIM_CHARS)
                tokens.append(_token("paragraph_open", "p", 1, level, [line, nxt], ""))
                tokens.append(_token("inline", "", 0, level + 1, [line, nxt], content, []))
                tokens.append(_token("paragraph_close", "p", -1, level, None, ""))
                state.parentType = "paragraph"  # (what the setext-heading rule leaves when it fails)
                state.line = nxt
            elif not _underline_ahead(state, line, endLine, items_end):
                _item_paragraph(state, line, endLine)
            else:
                state.md.block.tokenize(state, line, endLine)
        else:
            state.md.block.tokenize(state, line, endLine)
        if not state.tight or blank_before:
            tight = False
        blank_before = state.line - line > 1 and state.isEmpty(state.line - 1)
        state.blkIndent = state.listIndent
        state.listIndent = old_list_indent
        t[line] = old_shift
        counts[line] = old_count
        state.tight = old_tight
        token = state.push("list_item_close", "li", -1)
        token.markup = bullet
        line = state.line
        item_lines[1] = line
        # does the list go on at this line? (an item of the same kind, not a terminator)
        if line >= endLine or counts[line] < state.blkIndent or state.is_code_block(line):
            break
        if any(rule(state, line, endLine, True) for rule in terminators):
            break
        found = _marker(src, b[line] + t[line], e[line])
        if found is None or (found[1] is not None) != ordered:
            break
        after = found[0]
        if src[after - 1] != bullet:
            break
    token = state.push("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1)
    token.markup = bullet
    list_lines[1] = line
    state.line = line
    state.parentType = old_parent
    if tight:  # the paragraphs right inside the items are not shown as paragraphs
        level = state.level + 2
        i = first_token + 2
        last = len(tokens) - 2
        while i < last:
            if tokens[i].level == level and tokens[i].type == "paragraph_open":
                tokens[i].hidden = tokens[i + 2].hidden = True
                i += 2
            i += 1
    return True


def _next_item_ends(state: Any, line: int, end: int) -> bool:
    """Does the line after ``line`` (a list item's first line) end the item's paragraph and the
    item, being a list item's line left of the item's content? (Not blank, not a lazy line, not
    a possible underline; the list rule, a paragraph terminator, takes it: it is no code line and
    not the lazy line of a deeper item. In state.listIndent is the list's own indentation.)"""
    nxt = line + 1
    if nxt >= end:
        return False
    count = state.sCount[nxt]
    pos = state.bMarks[nxt] + state.tShift[nxt]
    return 0 <= count < state.blkIndent and pos < state.eMarks[nxt] and state.src[pos] in _ITEM_START \
        and _marker(state.src, pos, state.eMarks[nxt]) is not None \
        and (state.listIndent < 0 or count - state.listIndent < 4)


def _item_paragraph(state: Any, line: int, end: int) -> None:
    """The block tokenizer's work on a list item whose first line starts a paragraph (and no
    other rule can match there): the paragraph, then blank lines, then the item's further
    blocks if any. (The setext-heading rule, tried first and failed, leaves the parent type
    "paragraph".)"""
    state.parentType = "paragraph"
    paragraph(state, line, end, False)
    state.tight = True  # no blank line came before the paragraph
    at = state.line
    blank = at < end and state.isEmpty(at)
    if blank:
        at += 1
        state.line = at
    if at < end:
        at = state.line = state.skipEmptyLines(at)
        if at < end and state.sCount[at] >= state.blkIndent:  # the item goes on: its other blocks
            state.md.block.tokenize(state, at, end)
            if blank:  # (the tokenizer would have remembered the blank line: the item is loose)
                state.tight = False


_REPLACED = {rb.paragraph: paragraph, rb.list_block: list_items}
_FIRST[list_items] = _FIRST[rb.list_block]


def _underline_ahead(state: Any, line: int, end: int, items_end: bool = False) -> bool:
    """May a later line of the paragraph starting at ``line`` be a setext underline? That needs
    a line starting with "-" or "=", indented like the paragraph (up to three columns more),
    before the next blank line and before any line that ends the paragraph. With ``items_end``
    (list items end a paragraph) a list item's line left of the paragraph's indentation is such
    a line: in a tight list, the next item ends the search.

    (Asking whether it is a whole underline would spare the setext rule more lines, but costs
    more than it saves: measured.)"""
    b, e, t, src, counts = state.bMarks, state.eMarks, state.tShift, state.src, state.sCount
    indent = state.blkIndent
    line += 1
    while line < end:
        pos = b[line] + t[line]
        if pos >= e[line]:
            return False
        ch = src[pos]
        if ch in _ITEM_START:
            column = counts[line] - indent
            if 0 <= column <= 3:
                if ch in "-=":
                    return True
            elif column < 0 and items_end and counts[line] >= 0 and _marker(src, pos, e[line]) is not None \
                    and (state.listIndent < 0 or counts[line] - state.listIndent < 4):
                # (the setext rule asks the paragraph's terminators here, and the list rule says
                # yes: not a code line, not the lazy line of a deeper item)
                return False
        line += 1
    return False


_LABEL_END = lazy(r"\[[^\[\]\\]*([\[\]])")  # "[" and the label up to the next bracket, no escapes


def _may_define(src: str, pos: int, end: int) -> bool:
    """May the line from ``pos`` (a "[") to ``end`` start a link reference definition? Not when
    its label ends on this line, without escapes, at a "[" or at a "]" not followed by ":"."""
    m = _LABEL_END().match(src, pos, end)
    return m is None or (m.group(1) == "]" and src.startswith(":", m.end()))


def _table_ahead(src: str, b: list[int], e: list[int], t: list[int], line: int) -> bool:
    """Could ``line`` be a table's header row? It must hold a "|", and the next line must be a
    delimiter row: only "|", "-", ":", spaces and tabs, starting with one of the first three
    (the table rule's own first checks; ``line + 1`` must be a line of the range, and the caller
    has seen that it starts with one of those three)."""
    p = b[line + 1] + t[line + 1]
    return _DELIMITER_ROW().fullmatch(src, p, e[line + 1]) is not None and src.find("|", b[line] + t[line], e[line]) >= 0


class _State(StateBlock):
    """markdown-it's block state with two of its methods done with less Python work (the same
    results): ``push`` makes its token without the dataclass machinery, and ``getLines`` cuts
    lines without tabs with one slice each instead of a loop over their indentation."""

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        if nesting < 0:
            self.level -= 1  # closing tag
        token = _token(ttype, tag, nesting, self.level, None, "")
        if nesting > 0:
            self.level += 1  # opening tag
        self.tokens.append(token)
        return token

    def getLines(self, begin: int, end: int, indent: int, keepLastLF: bool) -> str:
        b, e = self.bMarks, self.eMarks
        if begin >= end or self.src.find("\t", b[begin], e[end - 1]) >= 0:
            return super().getLines(begin, end, indent, keepLastLF)
        # Without tabs a column is a character: each line loses its first ``indent`` characters,
        # or fewer when its indentation (tShift: spaces, or a list item's marker) is shorter.
        t, src = self.tShift, self.src
        last = end - 1
        lines = [src[b[k] + (indent if t[k] > indent else t[k]):e[k] + 1] for k in range(begin, last)]
        lines.append(src[b[last] + (indent if t[last] > indent else t[last]):e[last] + 1 if keepLastLF else e[last]])
        return "".join(lines)


_PLUS_ONE = (1).__add__
_RAW_STARTS: list[Any] = [None, []]  # the source last given to new_state, and its line starts


def new_state(src: str, md: Any, env: Any, tokens: list[Any]) -> Any:
    """A StateBlock for ``src``, its line tables built with list operations instead of a loop
    over every line (the same tables: line starts and ends, indentation in characters and in
    columns with tabs expanded; a last line of only spaces and tabs gets none)."""
    state = _State("", md, env, tokens)  # every other attribute, as markdown-it sets it
    state.src = src
    lines = src.split("\n")
    if lines[-1] == "" or not lines[-1].strip(" \t"):
        lines.pop()
    # (map and accumulate over built-in functions: no Python step per line)
    lengths = list(map(len, lines))
    begins = list(accumulate(map(_PLUS_ONE, lengths[:-1]), initial=0)) if lines else []
    ends = list(map(add, begins, lengths))
    ends.append(len(src))
    # indentation: what lstrip takes off (it returns an unindented line itself, uncopied)
    shifts = list(map(sub, lengths, map(len, map(str.lstrip, lines, repeat(" \t")))))
    counts = shifts[:]
    if "\t" in src:  # (columns differ from characters only where a tab indents)
        for i, shift in enumerate(shifts):
            if shift and "\t" in lines[i][:shift]:
                offset = 0
                for ch in lines[i][:shift]:
                    offset += 4 - offset % 4 if ch == "\t" else 1
                counts[i] = offset
    shifts.append(0)
    counts.append(0)
    _RAW_STARTS[:] = src, begins  # (for paragraph(); not an attribute of the state: adding one slows every read of the others)
    state.bMarks = [*begins, len(src)]  # (a copy: a quote moves its lines' starts, and begins stays the raw ones)
    state.eMarks = ends
    state.tShift = shifts
    state.sCount = counts
    state.bsCount = [0] * (len(lines) + 1)
    state.lineMax = len(lines)
    return state


def _normalize(state: Any) -> None:
    """markdown-it's normalize rule, skipped when there is nothing to normalize: it rewrites
    every newline of the text (a regex substitution per line) even when none is a CR."""
    if "\r" in state.src or "\0" in state.src:
        rules_core.normalize(state)


class _Options(OptionsDict):
    """markdown-it's options with ``get`` read straight from its dict: the list rule asks for
    "tasklists" at every item, and the inherited ``Mapping.get`` is two Python calls."""

    def get(self, key: str, default: Any = None) -> Any:
        return self._options.get(key, default)


def install(md: Any) -> Any:
    """Make ``md``'s block rule chains skip rules that cannot match (call after enable/disable)."""
    if type(md.options) is OptionsDict:
        md.options = _Options(md.options._options)
    if "normalize" in md.core.ruler.get_active_rules() and md.core.ruler.getRules("")[0] is rules_core.normalize:
        md.core.ruler.at("normalize", _normalize)
    ruler = md.block.ruler
    original = ruler.getRules
    chains = {name: _chain(list(original(name))) for name in _CHAINS}

    def get_rules(chain_name: str = "") -> list[Rule]:
        found = chains.get(chain_name)
        return found if found is not None else original(chain_name)

    get_rules.chains = chains  # type: ignore[attr-defined]  # (limit_depth puts its rule in the main chain here)
    ruler.getRules = get_rules
    known = _triggers(list(original("paragraph")))
    if known is not None:  # the list object paragraph() gets from get_rules, kept alive here
        _TERMINATORS[id(chains["paragraph"])] = (chains["paragraph"], known,
                                                 any(fn is rb.list_block for fn in original("paragraph")))
    block = md.block

    def parse(src: str, md: Any, env: Any, out_tokens: list[Any]) -> list[Any] | None:
        if not src:
            return None
        state = new_state(src, md, env, out_tokens)
        block.tokenize(state, state.line, state.lineMax)
        return state.tokens

    block.parse = parse
    block.tokenize = partial(tokenize, block)  # (list items and quotes call it through md.block)
    return md


def tokenize(block: Any, state: Any, line: int, end: int) -> None:
    """markdown-it's block tokenizer (``ParserBlock.tokenize``) step for step, with the line
    tables read directly instead of through a method call per blank-line test. It runs once
    for every block of the article (and for every list item and quote): the same rules, in
    the same order, the same state after."""
    rules = block.ruler.getRules("")
    max_nesting = state.md.options.maxNesting
    b, e, t, counts = state.bMarks, state.eMarks, state.tShift, state.sCount  # (changed in place only)
    line_max = state.lineMax
    blank_seen = False
    while line < end:
        while line < line_max and b[line] + t[line] >= e[line]:  # blank lines (as far as the document's end)
            line += 1
        state.line = line
        if line >= end or counts[line] < state.blkIndent:
            break  # the range's end, or a line less indented than the container (a nested call's end)
        if state.level >= max_nesting:
            state.line = end
            break
        for rule in rules:
            if rule(state, line, end, False):
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        else:
            raise RuntimeError("none of the block rules matched")
        state.tight = not blank_seen  # (a blank line before this block, in this container, makes it loose)
        line = state.line
        if line - 1 < end and b[line - 1] + t[line - 1] >= e[line - 1]:  # (a paragraph in a list may take the blank line after it)
            blank_seen = True
        if line < end and b[line] + t[line] >= e[line]:
            blank_seen = True
            line += 1
            state.line = line


MAX_DEPTH = 60  # block nesting levels: a list level counts two (list, item), a quote level one


def limit_depth(md: Any, depth: int = MAX_DEPTH) -> Any:
    """Read what nests deeper than ``depth`` as opaque lines, and the rest of the file as usual.

    markdown-it stops at ``maxNesting`` (20 in the CommonMark preset, about ten nested lists) by
    skipping to the end of the range it is in, and inside a list item that range is the rest of
    the document: an article with one absurdly nested list lost every paragraph after it. Raising
    the limit is no cure, since each level is a few Python frames of recursion (a quote 500 deep
    is a RecursionError). Here the limit is raised past ``depth`` and a rule, first in the main
    chain, takes one line at a time as a ``too_deep`` token once ``depth`` is reached: the
    containers still close where their lines end, the recursion stays bounded, and the lines
    taken are reported (``unreadable-file``), not silently skipped.
    """
    md.options["maxNesting"] = depth + 10
    ruler = md.block.ruler
    original = ruler.getRules
    main = [_depth_rule(depth)] + list(original(""))
    installed = getattr(original, "chains", None)
    if installed is not None:  # install's chains: one more in its table, not one more call per look-up
        installed[""] = main
        return md

    def get_rules(chain_name: str = "") -> list[Rule]:
        return main if chain_name == "" else original(chain_name)

    ruler.getRules = get_rules
    return md


def _depth_rule(depth: int) -> Rule:
    def too_deep(state: Any, line: int, end: int, silent: bool) -> bool:
        if state.level < depth or silent:
            return False
        token = state.push("too_deep", "", 0)
        token.map = [line, line + 1]
        state.line = line + 1
        return True

    too_deep.depth = depth  # type: ignore[attr-defined]  # (list_items leaves deep items to the tokenizer)
    return too_deep
