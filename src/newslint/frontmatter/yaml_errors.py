"""Where a YAML syntax error really is, and what to tell the editor.

PyYAML reports where its parser gave up, often lines below the slip: a key that lost its colon
is reported on the next line, an unclosed quote at the end of the block, a ``[`` never closed
at the next key. ``locate_error`` moves the report to the line that caused it and words it for
an editor (a tab, a colon in an unquoted value, a quote or bracket never closed).
UNCLOSED_LIST and UNCLOSED_MAPPING are the messages front-matter-syntax's fix looks for.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..patterns import lazy


def locate_error(exc: yaml.MarkedYAMLError, content: str) -> tuple[int, str]:
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
    indicator = _indicator_start(exc, content)
    if indicator is not None:
        return indicator
    return (mark.index if mark is not None else 0), _yaml_message(exc, content, mark)


# Errors whose cause is where the parser began the construct, not where it stopped: a line with no
# ``key:`` (a key that lost its colon) is reported on the next line, an unclosed quote at the
# end of the block.
UNCLOSED_LIST = "YAML: a list in `[…]` that is never closed, or whose items lack a comma between them"
UNCLOSED_MAPPING = "YAML: a mapping in `{…}` that is never closed, or whose entries lack a comma between them"
# A plain value that starts with a character YAML reserves (@home, `code`, %50, *star, !important,
# >50 killed): the parser refuses it. The message starts so; front-matter-syntax's fix quotes it.
INDICATOR_START = "YAML: an unquoted value cannot start with "
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
    """``title: "Talks`` + ``date: 2022``: a top-level value whose quote is not closed on its line,
    nor on the indented lines that continue it, while the next line is a top-level key. YAML
    reads on to the next quote mark and fails somewhere below; the offset of the quote that
    opened it, when it is before the error."""
    limit = mark.index if mark is not None else len(content)
    for m in _QUOTED_START().finditer(content, 0, limit):
        end = value_end(content, m.end(), m.group(1))
        if end is not None and end < limit:
            return m.start(1)
    return None


def value_end(content: str, start: int, q: str) -> int | None:
    """Where a quoted value opened by ``q`` just before ``start`` ends when it is never closed:
    the end of its last line before the next top-level key (its first line, or an indented line
    that continues it: ``title: "Talks resume,`` + ``  in Geneva`` + ``date: …``); None when
    the quote closes on those lines or no key follows them."""
    end = content.find("\n", start)
    while True:
        rest = content[start:len(content) if end < 0 else end]
        if q == '"':
            closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
        else:
            closed = "'" in rest.replace("''", "")
        if closed or end < 0:
            return None
        nxt = _SKIP_BLANK_AND_COMMENTS().match(content, end + 1).end()  # blank lines and comments between
        if _TOP_KEY().match(content, nxt):
            return end
        if content[end + 1: end + 2] not in (" ", "\t") or nxt >= len(content):
            return None  # (not a line that continues the value)
        start, end = end + 1, content.find("\n", end + 1)


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

# What YAML makes of a value's first character (the parser then fails on what follows)
_INDICATORS = {"@": "a reserved character", "`": "a reserved character", "%": "a directive",
               "*": "an alias to an anchor", "!": "a tag", "|": "a block of text", ">": "a block of text"}
# A value's start on its line: after `key: ` or a list item's `- `
_VALUE_START = lazy(r"[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][\w.-]*:[ \t]+)?(?:-[ \t]+)*\Z")


def _indicator_start(exc: yaml.MarkedYAMLError, content: str) -> tuple[int, str] | None:
    """A plain value the parser refused for its first character (``description: @home``,
    ``title: >50 killed``): the offset of that character and the message, else None."""
    problem = exc.problem or ""
    if exc.context == "while scanning a block scalar" and exc.context_mark is not None:
        at = exc.context_mark.index  # (the error is past the | or >, on what follows it on the line)
    elif exc.problem_mark is not None and (problem == "found character that cannot start any token"
                                           or problem.startswith("found undefined alias")
                                           or problem.startswith("could not determine a constructor for the tag")):
        at = exc.problem_mark.index
    else:
        return None
    char = content[at:at + 1]
    line_start = content.rfind("\n", 0, at) + 1
    if char not in _INDICATORS or not _VALUE_START().match(content, line_start, at) or at == line_start:
        return None
    rest = content[at:content.find("\n", at) if "\n" in content[at:] else len(content)].rstrip()
    if char in "|>" and not rest[1:2].strip():
        return None  # (a block scalar's header, `|` or `>-`, with a slip of its own after it)
    if rest[:2] in ("!!", "!<"):
        return None  # (a tag written as one, !!python/object: refused, and no text to quote)
    shown = "a backtick" if char == "`" else f"`{char}`"
    return at, f"{INDICATOR_START}{shown} (YAML reads it as {_INDICATORS[char]}); quote the value"


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
