"""Which files to lint, and writing fixed files back safely.

Folders are walked for the ``include`` globs minus ``exclude`` and what ``.gitignore`` files
ignore (pathspec's gitignore semantics, relative to the config folder and to each .gitignore's
folder). A file named on the command line is always linted unless ``--force-exclude`` is given
(pre-commit passes every staged file by name, and excludes must still hold there).
Symlinked folders are not followed (no loops); symlinked files are read.
"""

from __future__ import annotations

import os
import stat
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .config import DEFAULT_INCLUDE, Config

if TYPE_CHECKING:
    import pathspec

_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".newslint_cache", ".venv", "venv"}


class PathError(Exception):
    """A path given on the command line does not exist (a usage error: exit 2)."""


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    # imported here: a run on files named on the command line (a pre-commit run) matches no
    # glob unless it has excludes to apply or .gitignore files to read, and pathspec's import
    # costs 10-20 ms
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _under(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` (both absolute, normalised) in posix form, or None."""
    if path.startswith(folder) and (len(path) == len(folder) or path[len(folder)] == os.sep or folder.endswith(os.sep)):
        rel = path[len(folder):].lstrip(os.sep)
        return rel.replace(os.sep, "/") if os.sep != "/" else rel
    return None


# A chain is the .gitignore specs that apply in one folder: (folder, spec), nearest last.
Chain = tuple[tuple[str, "pathspec.GitIgnoreSpec"], ...]


class Selector:
    """Decides, for one config, whether a path is linted.

    Paths are handled as strings: walking a content tree of thousands of articles must cost
    milliseconds, and pathlib objects per file and per parent folder do not.
    """

    def __init__(self, config: Config) -> None:
        self.root = config.root.resolve()
        self._root = str(self.root)
        self._config = config
        # the default globs, **/*.md, **/*.markdown and **/*.mdx, say "any file with this extension"
        self._suffixes = (".md", ".markdown", ".mdx") if tuple(config.include) == DEFAULT_INCLUDE else None
        self._exclude_any = bool(config.exclude)
        self.gitignore = config.respect_gitignore
        self._ignores: dict[str, pathspec.GitIgnoreSpec | None] = {}

    # The glob specs are built when first matched against (see _spec)
    @cached_property
    def include(self) -> pathspec.GitIgnoreSpec:
        return _spec(self._config.include)

    @cached_property
    def exclude(self) -> pathspec.GitIgnoreSpec:
        return _spec(self._config.exclude)

    def _name(self, path: str, is_dir: bool = False) -> str:
        rel = _under(path, self._root)
        name = Path(path).as_posix() if rel is None else rel
        return name + "/" if is_dir else name

    def excluded(self, path: str | Path, is_dir: bool = False, chain: Chain | None = None) -> bool:
        """Is the path excluded by config or .gitignore?"""
        full = os.path.abspath(path)
        if self._exclude_any and self.exclude.match_file(self._name(full, is_dir)):
            return True
        if not self.gitignore:
            return False
        if chain is None:
            chain = self.chain(os.path.dirname(full))
        suffix = "/" if is_dir else ""
        for folder, spec in chain:
            rel = _under(full, folder)
            if rel is not None and spec.match_file(rel + suffix):
                return True
        return False

    def included(self, path: str | Path) -> bool:
        """Does the path match the include globs?"""
        if self._suffixes is not None:
            return str(path).endswith(self._suffixes)
        full = os.path.abspath(path)
        rel = _under(full, self._root)
        return self.include.match_file(rel if rel is not None else os.path.basename(full))

    def chain(self, folder: str) -> Chain:
        """The .gitignore files that apply to entries of ``folder``: its own and its parents' up
        to the repository (the folder holding ``.git``) or the config folder's parent."""
        found = []
        stop = os.path.dirname(self._root)
        current = folder
        while True:
            spec = self._ignore_spec(current)
            if spec is not None:
                found.append((current, spec))
            parent = os.path.dirname(current)
            if os.path.exists(os.path.join(current, ".git")) or current == stop or parent == current:
                break
            current = parent
        return tuple(reversed(found))

    def _ignore_spec(self, folder: str) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._ignores:
            spec = None
            try:
                with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as handle:
                    spec = _spec(handle.read().splitlines())
            except OSError:
                pass
            self._ignores[folder] = spec
        return self._ignores[folder]


def discover(paths: Iterable[str | Path], config: Config, force_exclude: bool = False) -> list[Path]:
    """The files to lint, sorted and without duplicates. Raises PathError for a missing path."""
    selector = Selector(config)
    found: set[str] = set()
    for raw in paths:
        path = Path(raw)
        absolute = os.path.abspath(path)
        if path.is_dir():
            found.update(_walk(absolute, selector))
        elif path.exists() or path.is_symlink():
            if not (force_exclude and selector.excluded(absolute)):
                found.add(absolute)
        else:
            raise PathError(f"{raw}: no such file or folder")
    # the order of Path.parts: separators sort before any other character ("\0" is not in paths),
    # so one string per path compares as its list of parts would (a list per path costs memory)
    return [Path(p) for p in sorted(found, key=lambda p: p.replace(os.sep, "\0"))]


def _walk(top: str, selector: Selector) -> Iterator[str]:
    chains: dict[str, Chain] = {}
    for folder, dirs, files in os.walk(top, onerror=None, followlinks=False):
        if selector.gitignore:
            if folder == top:
                chain = selector.chain(folder)
            else:
                inherited = () if ".git" in dirs or ".git" in files else chains.pop(folder, ())
                spec = selector._ignore_spec(folder) if ".gitignore" in files else None
                chain = inherited + ((folder, spec),) if spec is not None else inherited
        else:
            chain = ()
        kept = []
        for d in sorted(dirs):
            if d in _SKIP_DIRS:
                continue
            sub = os.path.join(folder, d)
            if selector.excluded(sub, is_dir=True, chain=chain):
                continue
            kept.append(d)
            chains[sub] = chain
        dirs[:] = kept
        for name in files:
            path = os.path.join(folder, name)
            if selector.included(path) and not selector.excluded(path, chain=chain):
                yield path


def display(path: Path) -> str:
    """The path as shown in output: relative to the working folder when inside it."""
    text = str(path)
    if os.path.isabs(text):
        text = os.path.normpath(text)
        rel = _under(text, os.getcwd())
        if rel is not None:
            return rel
        return text if os.sep == "/" else Path(text).as_posix()
    return Path(text).as_posix()


class ChangedOnDisk(OSError):
    """The file is no longer the one that was linted: another program (or run) wrote it meanwhile."""


class HalfWritten(OSError):
    """An in-place write failed and the old text could not be put back (the fix is kept aside)."""


def write_atomic(path: Path, data: bytes, expected: str | None = None) -> None:
    """Replace a file's content atomically, keeping its permission bits and owner.

    The new content goes to a temporary file in the same folder, is flushed to disk, and is
    renamed over the old file: a reader, or an interrupted run, sees the old file or the new
    one, never half of one. A symlink is written through to its target. A file with more than
    one hard link is the exception: a rename would leave its other names with the old text, so
    once the temporary copy is safely on disk the file itself is overwritten in place.

    ``expected`` is the content hash (``cache.digest``) of the bytes the fix was made from: if
    the file holds other bytes now (an editor saved it, another ``--fix`` run wrote it), it is
    not replaced and ``ChangedOnDisk`` is raised, so nobody's edit is lost to a stale fix.
    """
    import tempfile  # (here: a run that fixes nothing never needs it)

    target = path.resolve()
    info = target.stat()
    mode = stat.S_IMODE(info.st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".newslint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            try:  # a run as root (or as a member of the file's group) keeps the owner
                os.chown(tmp, info.st_uid, info.st_gid)
            except OSError:
                pass
        if expected is not None:
            from .cache import digest

            with open(target, "rb") as current:
                if digest(current.read()) != expected:
                    raise ChangedOnDisk(0, "the file changed while it was being fixed; not written", str(path))
        if info.st_nlink > 1:
            _overwrite_linked(target, data, tmp)
            return
        _replace(tmp, target)
    except BaseException as exc:
        if not isinstance(exc, HalfWritten):  # else the temporary file holds the only whole text
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise



def _overwrite_linked(target: Path, data: bytes, tmp: str) -> None:
    """Overwrite a hard-linked file in place; if that fails half-way, put the old text back.

    In-place writing is not atomic: a failure part-way (a full disk when the new text is longer)
    would leave a mix of both. The old bytes are read first and written back on failure; when
    even that fails, the temporary file with the fixed text is kept and named in the error, so
    the fix is never lost along with the original."""
    old = target.read_bytes()
    try:
        _overwrite(target, data)
    except BaseException as exc:
        try:
            _overwrite(target, old)
        except BaseException:
            raise HalfWritten(getattr(exc, "errno", None) or 0,
                              f"the file is half written and could not be restored ({exc}); "
                              f"the fixed text is in {tmp}", str(target)) from exc
        raise
    os.unlink(tmp)


def _overwrite(target: Path, data: bytes) -> None:
    """Write the new content into the file itself (same inode: every hard link sees it)."""
    with open(target, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _replace(tmp: str, target: Path) -> None:
    """Rename the finished temporary file over the target (one call: atomic on POSIX and Windows)."""
    os.replace(tmp, target)
