"""A disk cache of what every run compiles the same way: regular expressions and dataclass methods.

Python keeps both only for the life of a process. A pre-commit run on one staged article imports
newslint, click, PyYAML and markdown-it-py; between them they compile some 220 regular
expressions (~75 ms) and generate the methods of some 40 dataclasses from source text (~25 ms
of compiling): a third of a ~300 ms run, and the same work every time.

- A regex is compiled in two steps: the pattern is parsed into a tree and the tree turned into
  the list of integers the C matcher runs (``re._compiler._code``); then the pattern object is
  built from that list (``_sre.compile``, microseconds). The lists are kept.
- ``@dataclass`` writes each method as source text and ``exec``s it; the compiled code objects
  are kept (marshal, as for .pyc files), keyed by that text.

``install`` routes ``re``'s compile step and dataclasses' ``exec`` through this module for the rest
of the process; only the command line calls it (launch.py), never an import of newslint. The
file lives in the user's cache folder, is keyed by the exact interpreter build (both formats
belong to it) and checked with a CRC; the C side also validates every code list it is given.
Anything unexpected — another Python, an unreadable or corrupt file, a read-only folder —
falls back to compiling, as Python does without the cache. What comes out is the same either
way (``Pattern.__eq__`` compares the code; the tests check every pattern of a run).

Like bytecode, this is not the results cache: ``--no-cache`` leaves it on;
``PYTHONDONTWRITEBYTECODE`` stops it being written, ``NEWSLINT_CODE_CACHE=0`` turns it off.
"""

from __future__ import annotations

import _sre
import builtins
import dataclasses
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from types import CodeType
from typing import Any

try:  # CPython 3.11+; elsewhere, no regex part
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _compiler = _parser = None  # type: ignore[assignment]

_FORMAT = 1
# Past this many entries only what the last run used is kept (what other configs and packs
# compiled, and the patterns below that change text, would otherwise pile up).
_MAX_ENTRIES = 1000
# A run that met only a few new things does not rewrite the file (~600 KB): compiling those few
# again next time costs less. (One pattern of markdown-it and one of the tokenize module change
# text in every process, being built from sets.)
_WRITE_AFTER = 8

# (pattern, flags) → _sre.compile's arguments after the pattern: (flags, code, groups, groupindex, indexgroup)
_Regex = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_regex: dict[tuple[str, int], _Regex] = {}
_source: dict[str, CodeType] = {}  # a dataclass method's source text → its compiled code
_used: set[Any] = set()
_missed = 0
_re_compile: Any = None  # re's own compile step, while ours stands in for it
_installed = False
_path: Path | None = None


def _interpreter() -> str:
    """What the cached forms depend on: the interpreter build and the matcher's code format."""
    return f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}|{_FORMAT}"


def default_path() -> Path | None:
    """The cache file in the user's cache folder (XDG on Linux), or None when there is no home."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    if not base or base.startswith("~"):
        return None
    tag = zlib.crc32(_interpreter().encode())
    return Path(base) / "newslint" / f"code-{sys.implementation.cache_tag}-{tag:08x}.bin"


def _load(path: Path) -> None:
    try:
        blob = path.read_bytes()
    except OSError:
        return
    try:
        header, crc, payload = marshal.loads(blob)
        if header != _interpreter() or crc != zlib.crc32(payload):
            return
        regex, source = marshal.loads(payload)
        if isinstance(regex, dict) and isinstance(source, dict):
            _regex.update(regex)
            _source.update(source)
    except (ValueError, EOFError, TypeError):
        return


def _build(pattern: str, flags: int) -> _Regex:
    """re._compiler.compile's work, stopping before the pattern object (CPython 3.11–3.13)."""
    tree = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(tree, flags)]  # opcodes are int subclasses marshal refuses
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(flags | tree.state.flags), code, tree.state.groups - 1, groupindex, tuple(indexgroup)


def compile_regex(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
    """``re._compiler.compile``, with the code list taken from the cache when it is there."""
    global _missed
    if not isinstance(pattern, str) or flags & re.DEBUG:
        return _re_compile(pattern, flags)
    key = (pattern, int(flags))
    entry = _regex.get(key)
    if entry is None:
        if len(_regex) >= _MAX_ENTRIES:  # patterns made per article (from its words): re's own
            return _re_compile(pattern, flags)  # bounded cache serves them; memory stays flat
        try:
            entry = _build(pattern, int(flags))
        except re.error:
            raise
        except Exception:  # a Python whose internals differ: compile as it would
            return _re_compile(pattern, flags)
        _regex[key] = entry
        _missed += 1
    _used.add(key)
    try:
        return _sre.compile(pattern, *entry)
    except (RuntimeError, TypeError, ValueError):  # code this interpreter rejects
        _regex.pop(key, None)
        return _re_compile(pattern, flags)


def exec_source(source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002
    """``exec`` for dataclasses: the source text's compiled code from the cache when it is there."""
    global _missed
    if not isinstance(source, str):
        return builtins.exec(source, globals, locals)
    code = _source.get(source)
    if code is None and len(_source) >= _MAX_ENTRIES:
        return builtins.exec(source, globals, locals)
    if code is None:
        # exec compiles a string with the caller's future flags; dataclasses.py has none
        code = _source[source] = builtins.compile(source, "<string>", "exec", dont_inherit=True)
        _missed += 1
    _used.add(source)
    return builtins.exec(code, globals, locals)


def install(path: Path | None = None) -> None:
    """Route ``re``'s compile step and dataclasses' ``exec`` through the cache for the rest of the process."""
    global _re_compile, _path, _installed
    if _installed or os.environ.get("NEWSLINT_CODE_CACHE") == "0" or sys.implementation.name != "cpython":
        return  # (the code lists and their format are CPython's)
    _installed = True
    _path = path if path is not None else default_path()
    if _path is not None:
        _load(_path)
    if _compiler is not None:
        _re_compile = _compiler.compile
        _compiler.compile = compile_regex
    dataclasses.exec = exec_source  # type: ignore[attr-defined]  # shadows the builtin in that module only


def uninstall() -> None:
    """Put ``re``'s compile step and dataclasses' ``exec`` back (tests)."""
    global _re_compile, _installed
    if _re_compile is not None:
        _compiler.compile = _re_compile
        _re_compile = None
    vars(dataclasses).pop("exec", None)
    _installed = False


def save() -> None:
    """Write the cache if this run compiled something it did not hold; a failure writes nothing."""
    global _missed
    if _missed < _WRITE_AFTER or _path is None or sys.dont_write_bytecode:
        return
    regex, source = _regex, _source
    if len(regex) + len(source) > _MAX_ENTRIES:
        regex = {k: v for k, v in regex.items() if k in _used}
        source = {k: v for k, v in source.items() if k in _used}
    payload = marshal.dumps((regex, source))
    blob = marshal.dumps((_interpreter(), zlib.crc32(payload), payload))
    tmp = _path.with_name(f"{_path.name}.{os.getpid()}.tmp")
    try:
        _path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, _path)  # atomic: a concurrent run reads the old file or the new, never half
        _missed = 0
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
