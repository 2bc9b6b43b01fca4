"""Regular expressions written by users (rule packs, name dictionaries), run with a time bound.

A backtracking engine can take exponential time on a badly written pattern: ``(a+)+$`` or
``(a|aa)+$`` against "aaaa…b" never finishes in practice. Python's ``re`` has no way to stop a
match, so a pattern from a config file could hang every run that reads the article that trips it.
Patterns from users are therefore compiled here with the ``regex`` module, whose matching
functions take a ``timeout`` and raise ``TimeoutError`` when it runs out (checked inside the
engine, so the bound holds in C code too; in practice a call stops within about twice the
timeout). ``regex`` is a superset of ``re`` in its default (V0) mode, adds ``\\p{L}`` and friends,
and is what Vale-style patterns with lookaround need; RE2 would be linear-time but has no
lookaround or backreferences.

What a caller gets:

- ``compile(pattern, flags)`` → ``SafePattern``, or ``PatternError`` (a ``ValueError``) with a
  message fit for a config error: a syntax error with its position, or a pattern that is too long.
- ``SafePattern.finditer/search/match/fullmatch/sub`` take the same arguments as ``re`` and raise
  ``PatternTimeout`` when one call runs past the pattern's timeout. A rule turns that into a
  finding ("… took too long on this file; simplify it"), never a hang.
- A ``SafePattern`` pickles as its source, flags and timeout and is compiled again on load, so
  rules holding one can cross into worker processes.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

# One call (one finditer over one document, one search, ...) may run this long. A normal
# pattern needs well under 10 ms on the longest article; this is a bound for hostile input,
# not a budget, and it is wall-clock time, so keep it generous for loaded machines.
DEFAULT_TIMEOUT = 1.0
MAX_PATTERN_LENGTH = 20_000  # characters; a dictionary compiled into one alternation fits

# Flags, re-exported so that callers need not import regex themselves.
IGNORECASE = 2
MULTILINE = 8
DOTALL = 16
VERBOSE = 64


class PatternError(ValueError):
    """A user-supplied pattern that cannot be compiled (or is too long): a config error."""


class PatternTimeout(Exception):
    """A match ran past its time bound: the pattern backtracks catastrophically on this text."""

    def __init__(self, pattern: str, timeout: float) -> None:
        self.pattern = pattern
        self.timeout = timeout
        shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
        super().__init__(f"the regular expression /{shown}/ took longer than {timeout:g} s on this text "
                         "(catastrophic backtracking: avoid nested quantifiers such as (a+)+); simplify it")


def _regex() -> Any:
    import regex  # imported on first use: only configs with packs or dictionaries need it

    return regex


_DEFER = [False]  # while true, new patterns are compiled on first use (see deferred)


@contextmanager
def deferred() -> Iterator[None]:
    """Patterns made inside compile when first used, not at once.

    For the packs that ship with newslint, whose every pattern the test suite compiles: a run
    that never matches one of them (a warm cache, a pre-commit run on one clean article) does
    not pay for compiling them all. A user's pattern is compiled at once, so that an error in
    it is a configuration error naming the pack, before any file is read.
    """
    was = _DEFER[0]
    _DEFER[0] = True
    try:
        yield
    finally:
        _DEFER[0] = was


class SafePattern:
    """A compiled pattern whose every matching call is bounded by ``timeout`` seconds."""

    __slots__ = ("pattern", "flags", "timeout", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.pattern = pattern
        self.flags = flags
        self.timeout = timeout
        self._compiled = None if _DEFER[0] else _compile(pattern, flags)

    def __reduce__(self) -> tuple[Callable[..., "SafePattern"], tuple[str, int, float]]:
        # compiled (so checked) where it was made: a worker compiles it when it first needs it
        return (_unpickled, (self.pattern, self.flags, self.timeout))

    @property
    def _re(self) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _compile(self.pattern, self.flags)
        return compiled

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r}, flags={self.flags}, timeout={self.timeout:g})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, SafePattern) and (self.pattern, self.flags, self.timeout)
                == (other.pattern, other.flags, other.timeout))

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags, self.timeout))

    @property
    def groups(self) -> int:
        """Number of capture groups."""
        return int(self._re.groups)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """Matches left to right; the whole iteration shares one time bound."""
        it = self._re.finditer(text, pos, len(text) if endpos is None else endpos, timeout=self.timeout)
        while True:
            try:
                m = next(it)
            except StopIteration:
                return
            except TimeoutError:
                raise PatternTimeout(self.pattern, self.timeout) from None
            yield m

    def _call(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._re, method)(*args, timeout=self.timeout)
        except TimeoutError:
            raise PatternTimeout(self.pattern, self.timeout) from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """The first match anywhere, or None."""
        return self._call("search", text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """A match at ``pos``, or None."""
        return self._call("match", text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """A match of all of ``text[pos:endpos]``, or None."""
        return self._call("fullmatch", text, pos, len(text) if endpos is None else endpos)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        """``text`` with matches replaced (``repl`` as in ``re.sub``)."""
        return str(self._call("sub", repl, text, count))


def _unpickled(pattern: str, flags: int, timeout: float) -> SafePattern:
    with deferred():
        return SafePattern(pattern, flags, timeout)


def _compile(pattern: str, flags: int) -> Any:
    if not isinstance(pattern, str):
        raise PatternError(f"a pattern must be a string, not {type(pattern).__name__}")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"the pattern is {len(pattern)} characters long; at most {MAX_PATTERN_LENGTH}")
    regex = _regex()
    try:
        return regex.compile(pattern, flags | regex.V0)
    except regex.error as exc:
        where = f" at position {exc.pos}" if getattr(exc, "pos", None) is not None else ""
        reason = str(exc.msg if hasattr(exc, "msg") else exc)
        raise PatternError(f"invalid regular expression /{pattern}/: {reason}{where}") from None
    except (OverflowError, MemoryError, RecursionError) as exc:
        raise PatternError(f"invalid regular expression /{pattern}/: {type(exc).__name__}") from None


def compile(pattern: str, flags: int = 0, timeout: float = DEFAULT_TIMEOUT) -> SafePattern:  # noqa: A001
    """Compile a user-supplied pattern; raise PatternError with a readable reason if it is invalid."""
    return SafePattern(pattern, flags, timeout)


_METACHARS = frozenset("()[]{}?*+|^$\\.-#&~")  # what regex.escape escapes, with white space


def escape(text: str) -> str:
    """A pattern that matches ``text`` literally: the string ``regex.escape(text)`` gives (a test
    compares them), written out so that building the shipped pack's patterns, which are compiled
    only when first used, does not import ``regex`` (10-20 ms of a run on one article)."""
    return "".join(f"\\{c}" if c in _METACHARS or c.isspace() else c for c in text)


def term_pattern(term: str) -> tuple[str, bool]:
    """Read a dictionary term: ``/…/`` is a regular expression, anything else a literal word.

    Returns (pattern source, is_regex). The convention of prh and Vale word lists.
    """
    if len(term) > 2 and term.startswith("/") and term.endswith("/"):
        return term[1:-1], True
    return escape(term), False


# -- literal prefixes: a cheap prefilter for many user patterns -------------------------------

_QUANTIFIERS = "?*{+"
_SPECIAL = set(".^$*+?{}[]\\|()")
_CLASS_ESCAPES = set("wWsSdDbBAZzGgpPNXRKLkMmuxUhHvV0123456789")
MAX_PREFIXES = 64


def literal_prefixes(pattern: str, min_length: int = 2) -> list[str] | None:
    """Literal strings one of which every match of ``pattern`` starts with; None if unknown.

    Lets a caller find candidate positions for many patterns with one fast scan, then run
    each pattern only there. Understands literals, escapes of punctuation, leading
    lookarounds and inline flags (skipped: they consume nothing), groups of literal
    alternatives (``utili(ze|se)``), small classes of literals (``utili[sz]e``) and optional
    characters and groups (``colou?r``, ``could(n't)? of``: each way is a prefix); anything
    else ends the prefix. Returns None when some alternative has a prefix shorter than
    ``min_length``.
    """
    prefixes = _alternatives_prefixes(pattern)
    if prefixes is None or not prefixes or min(map(len, prefixes)) < min_length:
        return None
    return sorted(set(prefixes))


def _split_top(source: str) -> list[str] | None:
    """Split on top-level ``|``; None if brackets do not balance."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source[i + 1: i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    parts.append(source[start:])
    return parts


def _alternatives_prefixes(source: str) -> list[str] | None:
    parts = _split_top(source)
    if parts is None:
        return None
    out: list[str] = []
    for part in parts:
        got = _sequence_prefixes(part)
        if got is None:
            return None
        out.extend(got[0])
        if len(out) > MAX_PREFIXES:
            return None
    return out


def _group_end(source: str, i: int) -> int:
    """Index of the ``)`` closing the group that opens at ``source[i]``; -1 if none."""
    depth, in_class = 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _sequence_prefixes(source: str) -> tuple[list[str], bool] | None:
    """(prefixes, whole): the literal prefixes of one alternative, and whether they are all of it."""
    prefixes = [""]
    i, n = 0, len(source)
    at_start = True
    while i < n:
        ch = source[i]
        nxt = source[i + 1] if i + 1 < n else ""
        if ch == "(" and source.startswith(("(?<!", "(?<=", "(?!", "(?="), i):
            end = _group_end(source, i)
            if end < 0:
                return None
            if at_start:  # a leading lookaround consumes nothing
                i = end + 1
                continue
            return prefixes, False
        if ch == "(" and nxt == "?" and at_start and _inline_flags(source, i):
            i = source.index(")", i) + 1
            continue
        if ch == "^" and at_start:
            i += 1
            continue
        if ch == "\\" and nxt == "b" and at_start:
            i += 2
            continue
        at_start = False
        if ch == "(":
            end = _group_end(source, i)
            if end < 0:
                return None
            inner = source[i + 1: end]
            if inner.startswith("?:"):
                inner = inner[2:]
            elif inner.startswith("?P<") or inner.startswith("?<"):
                inner = inner[inner.index(">") + 1:]
            elif inner.startswith("?"):
                return prefixes, False
            quantifier = source[end + 1: end + 2]
            optional = quantifier == "?"  # present or absent: both ways are prefixes
            if quantifier in tuple(_QUANTIFIERS) and quantifier != "+" and not optional:
                return prefixes, False  # the group may be absent or repeated
            parts = _split_top(inner)
            if parts is None:
                return None
            subs = [_sequence_prefixes(p) for p in parts]
            if any(s is None for s in subs):
                return None
            options = [p for s in subs for p in s[0]]  # type: ignore[index]
            whole = all(s[1] for s in subs) and quantifier != "+"  # type: ignore[index]
            if optional:
                if not whole:
                    return prefixes, False
                options.append("")
            combined = [a + b for a in prefixes for b in options]
            if len(combined) > MAX_PREFIXES:
                return prefixes, False
            prefixes = combined
            if not whole:
                return prefixes, False
            i = _after_optional(source, end + 1 + optional)
            continue
        if ch == "\\":
            if not nxt or nxt in _CLASS_ESCAPES or nxt.isalpha():
                return prefixes, False
            literals, width = [nxt], 2
        elif ch == "[":
            got = _small_class(source, i)
            if got is None:
                return prefixes, False
            literals, width = got
        elif ch in _SPECIAL:
            return prefixes, False
        else:
            literals, width = [ch], 1
        after = source[i + width: i + width + 1]
        if after and after in _QUANTIFIERS:
            if after == "+":  # at least once: one more character, then the prefix ends
                grown = [p + c for p in prefixes for c in literals]
                return (grown if len(grown) <= MAX_PREFIXES else prefixes), False
            if after != "?":
                return prefixes, False
        grown = [p + c for p in prefixes for c in literals] + (prefixes if after == "?" else [])
        if len(grown) > MAX_PREFIXES:
            return prefixes, False
        prefixes = grown
        i = _after_optional(source, i + width + 1) if after == "?" else i + width
    return prefixes, True


def _after_optional(source: str, i: int) -> int:
    """Skip the "?" or "+" that makes a "?" lazy or possessive (``a??``, ``a?+``)."""
    return i + 1 if source[i: i + 1] in ("?", "+") and source[i - 1: i] == "?" else i


def _small_class(source: str, i: int) -> tuple[list[str], int] | None:
    """The characters of a class of a few plain literals (``[sz]``, ``[- ]``) and its width."""
    end = source.find("]", i + 2)
    inner = source[i + 1: end]
    if end < 0 or not 0 < len(inner) <= 4 or inner[0] == "^" or "\\" in inner or "[" in inner \
            or "-" in inner[1:-1]:  # a range, an escape, a negation or a nested set: not simple
        return None
    return sorted(set(inner)), end - i + 1


def _inline_flags(source: str, i: int) -> bool:
    end = source.find(")", i)
    return end > i + 2 and all(c.isalpha() or c == "-" for c in source[i + 2: end])
