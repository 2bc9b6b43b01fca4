"""markdown-it-py's block parser, with the rules that cannot match a line skipped cheaply.

For every line of every paragraph, markdown-it asks each rule that may interrupt a paragraph
(table, fence, blockquote, hr, list, HTML block, heading) whether it starts there — twice,
once for the setext-heading rule and once for the paragraph rule — and at every block start it
tries all eleven block rules in turn. Each call also logs at debug level. On a news corpus that
is millions of calls, nearly all of which look at the first character of the line and say no.

Each of those rules needs a particular first character (``#`` for a heading, ``>`` for a quote,
``<`` for HTML, …); a table needs ``|``, ``-`` or ``:`` at the start of the *next* line; an
indented code block needs four columns of indentation. ``install`` replaces each rule chain with
one function that checks those necessary conditions first and, only when some rule could
match, runs the original chain unchanged. The rules themselves, their order and the tokens are
markdown-it's own; a rule this module does not know is always run. tests/test_mdblock.py
checks that the tokens are identical to the stock parser's.
"""

from __future__ import annotations

from typing import Any, Callable

from markdown_it import rules_block as rb

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
}
_TABLE_DELIMITER = "|-:"  # a table's second line starts with one of these
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
    everything = tuple(rules)

    def candidates(char: str | None, with_table: bool) -> tuple[Rule, ...]:
        """The rules, in chain order, that may match a line starting with ``char`` (None: any
        character that no rule needs)."""
        return tuple(fn for fn in rules if (fn in _FIRST and char is not None and char in _FIRST[fn])
                     or fn in _FALLBACK or (fn is rb.table and with_table))

    triggers = {ch for fn in rules if fn in _FIRST for ch in _FIRST[fn]}
    plain = (candidates(None, False), candidates(None, True))  # a line that starts like prose
    by_char = {ch: (candidates(ch, False), candidates(ch, True)) for ch in triggers}
    get = by_char.get

    def run(state: Any, line: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[line] + state.tShift[line]
        if pos >= state.eMarks[line] or (code and state.sCount[line] - state.blkIndent >= 4):
            rules_to_try = everything
        else:
            pair = get(state.src[pos], plain)
            rules_to_try = pair[0]
            if table and line + 2 <= end:
                p = state.bMarks[line + 1] + state.tShift[line + 1]
                if p < state.eMarks[line + 1] and state.src[p] in _TABLE_DELIMITER:
                    rules_to_try = pair[1]
        for fn in rules_to_try:
            if fn(state, line, end, silent):
                return True
        return False

    return [run]


def install(md: Any) -> Any:
    """Make ``md``'s block rule chains skip rules that cannot match (call after enable/disable)."""
    ruler = md.block.ruler
    original = ruler.getRules
    chains = {name: _chain(list(original(name))) for name in _CHAINS}

    def get_rules(chain_name: str = "") -> list[Rule]:
        found = chains.get(chain_name)
        return found if found is not None else original(chain_name)

    ruler.getRules = get_rules
    return md
