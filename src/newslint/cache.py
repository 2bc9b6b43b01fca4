"""The result cache: a file whose content has not changed is not linted again.

One index file per effective configuration lives in the cache folder (``.newslint_cache/`` in
the config's folder by default). Its name is the *settings key*: a hash of everything besides
the file itself that can change a file's findings — newslint's version and own source and data
files, the code of every enabled rule, the rule options, the configuration table, the contents
of every file the configuration names (schemas, dictionaries, rule packs), the Python version
and the versions of the parsing libraries. Inside, each linted path maps to the hash of the
bytes that were linted and the FileResult they gave (a pickle of its own, unpickled only when
used), including the rules' ``collect()`` summaries, so that corpus-wide rules run from cached
summaries. Content, never mtime: a fresh CI checkout with a restored cache folder hits.

A rule that asks ``site.exists`` about other files makes its result depend on them: those
answers are stored with the entry and checked again on every hit (a stat each).

Safety: the index is written to a temporary file and renamed over the old one, so a reader
sees a whole index or none, and two runs racing lose at most each other's new entries; a
write merges the entries on disk first (read again only if another run wrote them since). An
index that cannot be read (truncated, from another version, tampered with) counts as empty. Pickles are loaded with a restricted unpickler that
only accepts newslint's own classes, so a cache folder committed to a repository cannot run code.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
import time
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

if TYPE_CHECKING:
    from .engine import FileResult, Settings

FORMAT = 6  # bump when the entry layout changes
CORPUS_KEEP = 8  # corpus passes remembered per configuration (whole tree, a folder, ...)
DEFAULT_DIR = ".newslint_cache"
STALE_DAYS = 30  # index files (other configurations) unused this long are deleted
# libraries whose version can change what a file's findings are
LIBRARIES = ("markdown_it", "yaml", "jsonschema", "jsonschema_specifications")
# configuration keys that only choose files or the exit code: they do not change a file's findings
_NEUTRAL_KEYS = {"include", "exclude", "respect-gitignore", "fail-on", "cache", "cache-dir", "jobs"}


def digest(data: bytes) -> str:
    """The content hash of a file's bytes (SHA-256: the fastest strong hash with CPU support)."""
    return hashlib.sha256(data).hexdigest()[:32]


def _hash_file(path: Path, h: Any) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        data = b"<unreadable>"
    h.update(str(path.name).encode() + b"\0" + hashlib.sha256(data).digest())


def _package_files() -> list[Path]:
    """newslint's own source and shipped data: a changed checkout must not reuse old results."""
    package = Path(__file__).resolve().parent
    found = sorted(package.rglob("*.py"))
    from . import resources

    for kind in ("schemas", "rules"):
        for name in resources.data_names(kind):
            try:
                found.append(resources.data_path(kind, name))
            except FileNotFoundError:  # pragma: no cover - listed a moment ago
                pass
    return found


def _library_files() -> list[Path]:
    """The ``__init__.py`` of each parsing library (it carries the version), found without import."""
    from importlib.util import find_spec

    out = []
    for name in LIBRARIES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin and os.path.isfile(spec.origin):
            out.append(Path(spec.origin))
    return out


def _named_files(values: Iterable[Any], root: Path) -> list[Path]:
    """Files that configuration strings name (schemas, dictionaries, packs), relative to the root."""
    found: set[Path] = set()
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
        elif isinstance(value, str) and value and len(value) < 4096 and "\n" not in value \
                and not any(ch in value for ch in "*?[") and "://" not in value:
            path = Path(value) if os.path.isabs(value) else root / value
            try:
                if path.is_file():
                    found.add(path.resolve())
            except (OSError, ValueError):
                continue
    more: set[Path] = set()
    for path in found:  # a JSON Schema's local $refs are part of it
        if path.suffix == ".json":
            more.update(_local_refs(path))
    return sorted(found | more)


def _local_refs(path: Path, depth: int = 0) -> set[Path]:
    if depth > 8:
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    out: set[Path] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#") and "://" not in ref:
                target = (path.parent / ref.split("#")[0]).resolve()
                if target.is_file() and target not in out:
                    out.add(target)
                    out |= _local_refs(target, depth + 1)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def _part(fn: Any) -> str | None:
    """A rule function by name (module and qualified name), None when the rule has no such part."""
    return None if fn is None else f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"


def settings_key(st: "Settings") -> str:
    """Hash of everything except a file's own bytes that can change its findings."""
    from . import __version__

    config = st.config
    root = config.root.resolve()
    h = hashlib.blake2b(digest_size=16)
    h.update(f"newslint {__version__} cache {FORMAT} python {sys.version_info[:3]}\n".encode())
    files = _package_files() + _library_files()
    known = {str(p) for p in files}  # (the built-in rules' files: no resolve() each, ~10 ms a run)
    code_files = set()
    for rule in st.rules:
        for fn in (rule.check, rule.collect, rule.check_corpus):
            code = getattr(fn, "__code__", None)
            if code is not None and code.co_filename not in known and os.path.isfile(code.co_filename):
                code_files.add(Path(code.co_filename).resolve())
    files += sorted(code_files - set(files))
    options = {rid: {k: v for k, v in opts.items() if k != "_root"} for rid, opts in st.options.items()}
    raw = {k: v for k, v in config.raw.items() if k not in _NEUTRAL_KEYS}
    named = _named_files([raw, options], root)
    described = {
        # which of a rule's parts run (--cross-file drops or replaces them): a cached result holds
        # per-file findings and collect() summaries, so it is only good for the same parts
        "rules": [(r.id, r.name, r.origin, r.severity, _part(r.check), _part(r.collect), _part(r.check_corpus))
                  for r in st.rules],
        "options": {r.id: options.get(r.id, {}) for r in st.rules},
        "config": raw,
        "select": config.select, "ignore": config.ignore, "extend-select": config.extend_select,
        "per-file-ignores": config.per_file_ignores,
        "document": st.document_options,
        "named": [_relative(p, root) for p in named],
    }
    h.update(json.dumps(_jsonable(described), sort_keys=True).encode())
    for path in files + named:
        _hash_file(path, h)
    return h.hexdigest()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# -- safe loading -----------------------------------------------------------------------------


class _Unpickler(pickle.Unpickler):
    """Accept only newslint's own classes and plain containers: a cache file is data, not code."""

    _SAFE_BUILTINS = {"set", "frozenset", "complex", "bytearray", "slice", "range"}

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in self._SAFE_BUILTINS:
            return super().find_class(module, name)
        if module == "newslint" or module.startswith("newslint."):
            obj = super().find_class(module, name)
            if isinstance(obj, type):
                return obj
        if module == "collections" and name in ("OrderedDict", "Counter", "defaultdict"):
            return super().find_class(module, name)
        if module == "array" and name in ("array", "_array_reconstructor"):  # compact summaries (names)
            return super().find_class(module, name)
        if module == "datetime" and name in ("date", "datetime", "time", "timedelta", "timezone"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refused to load {module}.{name} from the cache")


def _loads(data: bytes) -> Any:
    return _Unpickler(io.BytesIO(data)).load()


# -- the cache --------------------------------------------------------------------------------


class Cache:
    """One configuration's index: path → (content hash, site probes, stored result, stat fingerprint)."""

    def __init__(self, folder: Path, key: str, root: Path) -> None:
        self.folder = folder
        self.key = key
        self.root = root.resolve()
        self._root = str(self.root)
        self.file = folder / f"{key}.idx"
        self._entries: dict[str, tuple[str, Any, bytes, Any]] | None = None
        self._loaded: tuple[int, ...] | None = None  # the index file's fingerprint when it was read
        self._new: dict[str, tuple[str, Any, bytes, Any]] = {}
        self._stamps: dict[str, tuple[int, ...]] = {}  # fingerprints of files verified by content
        self._corpus: dict[str, dict[str, Any]] | None = None  # corpus-pass findings by file set
        self._new_corpus: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, st: "Settings", folder: str | os.PathLike[str] | None = None) -> "Cache":
        """The cache of these settings in ``folder`` (default: the config's ``cache-dir``)."""
        root = st.config.root
        if folder is None:
            configured = st.config.raw.get("cache-dir", DEFAULT_DIR)
            folder = root / configured
        return cls(Path(folder), settings_key(st), root)

    # -- reading ---------------------------------------------------------------------------

    def _load(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The index on disk: (entries, corpus passes), both empty if it is missing or broken."""
        try:
            with open(self.file, "rb") as handle:
                stamp = _fingerprint(os.fstat(handle.fileno()))
                data = handle.read()
        except OSError:
            self._loaded = None
            return {}, {}
        self._loaded = stamp
        try:
            payload = _loads(data)
            if not (isinstance(payload, dict) and payload.get("format") == FORMAT
                    and isinstance(payload.get("entries"), dict) and isinstance(payload.get("corpus"), dict)):
                return {}, {}
            return payload["entries"], payload["corpus"]
        except Exception:  # a broken or foreign index is an empty one
            return {}, {}

    @property
    def entries(self) -> dict[str, tuple[str, Any, bytes, Any]]:
        if self._entries is None:
            self._entries, self._corpus = self._load()
        return self._entries

    # -- corpus passes ---------------------------------------------------------------------

    def corpus_key(self, files: Sequence[tuple[str, str]]) -> str | None:
        """The file set of a corpus pass: every (path as shown, content hash) (None when a file
        has no hash: unreadable, so its summary is unknown)."""
        h = hashlib.sha256()
        for path, digest in files:
            if not digest:
                return None
            h.update(f"{path}\0{digest}\n".encode())
        return h.hexdigest()[:32]

    def corpus_findings(self, key: str) -> dict[str, Any]:
        """Rule ID → the (path, finding) pairs a corpus pass over this file set produced."""
        self.entries  # loads the corpus passes too
        return dict((self._corpus or {}).get(key) or {})

    def remember_corpus(self, key: str, found: dict[str, Any]) -> None:
        self._new_corpus[key] = found

    def name(self, path: Path) -> str:
        """The key a path is stored under: relative to the config root when inside it."""
        from .files import _under

        full = os.path.abspath(path)
        rel = _under(full, self._root)
        return rel if rel is not None else full

    def lookup(self, path: Path, display: str) -> "FileResult | None":
        """The stored result for this path if it was made from exactly the bytes it has now.

        The bytes are read and hashed, unless the file's stat fingerprint (size, mtime, ctime,
        inode) is the one recorded when this machine last hashed it to the same digest: then
        it has not been written since (a write changes ctime, which no program can set back).
        A fresh checkout has other fingerprints, so there the content decides, as everywhere
        the fingerprint differs.
        """
        name = self.name(path)
        entry = self.entries.get(name)
        if entry is None:
            return None  # never linted here: no need to read it twice
        stored_digest, probes, stored, fingerprint = entry
        try:
            stat = os.stat(path)
            if not S_ISREG(stat.st_mode):
                return None  # a named pipe where an article was: reading it would block (engine refuses it)
            now = _fingerprint(stat)
            if now != fingerprint:
                data = Path(path).read_bytes()
                if digest(data) != stored_digest:
                    self.misses += 1
                    return None
                if _settled(stat) and _fingerprint(os.stat(path)) == now:
                    self._stamps[name] = now  # hashed and unchanged meanwhile: trust it next time
        except OSError:
            return None
        if probes and any(os.path.exists(p) != seen for p, seen in probes.items()):
            self.misses += 1
            return None
        result = _result(display, stored, stored_digest)
        if result is None:  # an entry that does not unpickle (tampered with): lint the file again
            self.misses += 1
            return None
        self.hits += 1
        return result

    # -- writing ---------------------------------------------------------------------------

    def put(self, path: Path, result: "FileResult") -> None:
        """Remember a freshly made result (not one with internal errors, not an unread file)."""
        if not result.digest or result.errors:
            return
        self._new[self.name(path)] = (result.digest, dict(result.probes), _stored(result), None)

    def save(self) -> None:
        """Write the index atomically, merged with what another run may have written meanwhile."""
        if not self._new and not self._stamps and not self._new_corpus:
            self._touch()
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _mark(self.folder)
            merged, corpus = self._index_now()
            for name, stamp in self._stamps.items():
                entry = (self.entries.get(name) or (None,))
                if name in merged and merged[name][0] == entry[0]:
                    merged[name] = (*merged[name][:3], stamp)
            merged.update(self._new)
            root, join, exists = self._root, os.path.join, os.path.exists  # (strings: a stat for every
            for name in [n for n in merged if n not in self._new]:  # entry, no Path objects)
                if not exists(join(root, name)):  # (an absolute name stays itself)
                    del merged[name]  # the file is gone
            corpus.update(self._new_corpus)
            corpus = dict(list(corpus.items())[-CORPUS_KEEP:])  # the most recent passes
            blob = pickle.dumps({"format": FORMAT, "entries": merged, "corpus": corpus},
                                protocol=pickle.HIGHEST_PROTOCOL)
            import tempfile  # (here: a run without the cache, which imports this module for digest(), never needs it)

            fd, tmp = tempfile.mkstemp(prefix=".idx.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(blob)
                os.replace(tmp, self.file)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            self._entries, self._corpus = merged, corpus
            self._new, self._stamps, self._new_corpus = {}, {}, {}
            _prune(self.folder, keep=self.file)
        except OSError:
            pass  # a read-only checkout still lints; it only cannot remember


    def _index_now(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The index as it is on disk now, to merge this run's entries into: the copy read at the
        start when no other run has written the file since (its fingerprint is the same), else
        read again. (Reading 3,000 entries twice was a third of a one-file pre-commit run.)"""
        if self._entries is not None and self._loaded is not None:
            try:
                if _fingerprint(os.stat(self.file)) == self._loaded:
                    return dict(self._entries), dict(self._corpus or {})
            except OSError:
                pass
        return self._load()

    def _touch(self) -> None:
        """Mark the index as used (stale indexes of other configurations are pruned by age)."""
        if self.hits:
            try:
                os.utime(self.file)
            except OSError:
                pass


def _fingerprint(stat: os.stat_result) -> tuple[int, ...]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _settled(stat: os.stat_result) -> bool:
    """Was the file last changed long enough ago that a change now would show in its times,
    even on file systems with coarse timestamps? (git calls the other case "racily clean")."""
    return time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > 2_000_000_000


def _stored(result: "FileResult") -> bytes:
    # One pickle per entry: the index is then a dict of bytes, which loads and saves in a few
    # milliseconds however many files it holds, and a run unpickles only the entries it uses
    # (a pre-commit run on one file: one). Summaries are pickled apart inside it: a run whose
    # corpus pass is cached never unpickles them.
    summaries = pickle.dumps(dict(result.summaries), protocol=pickle.HIGHEST_PROTOCOL) if result.summaries else b""
    return pickle.dumps((result.findings, result.lines, result.places, summaries), protocol=pickle.HIGHEST_PROTOCOL)


def _result(display: str, stored: bytes, digest: str) -> "FileResult | None":
    from .engine import FileResult

    try:
        findings, lines, places, summaries = _loads(stored)
    except Exception:
        return None
    # the findings list is the caller's (corpus-wide findings are added to it); the rest is read-only
    return FileResult(display, list(findings), lines=lines, places=places,
                      summaries=_Summaries(summaries) if summaries else {}, digest=digest,  # type: ignore[arg-type]
                      cached=True)


class _Summaries(Mapping[str, Any]):
    """A cached result's collect() summaries, unpickled on first use."""

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._data: dict[str, Any] | None = None

    def _get(self) -> dict[str, Any]:
        if self._data is None:
            try:
                data = _loads(self._blob)
            except Exception:
                data = None
            self._data = data if isinstance(data, dict) else {}
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Any:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _mark(folder: Path) -> None:
    """Keep the cache out of version control and backups, as pytest and ruff do."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by newslint\n*\n", encoding="utf-8")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                       "# This file is a cache directory tag created by newslint.\n", encoding="utf-8")


def _prune(folder: Path, keep: Path) -> None:
    """Delete index files of other configurations that no run has used for a long time."""
    cutoff = time.time() - STALE_DAYS * 86400
    try:
        for path in folder.glob("*.idx"):
            if path != keep and path.stat().st_mtime < cutoff:
                path.unlink()
    except OSError:
        pass
