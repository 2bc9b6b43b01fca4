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
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

import pathspec

from .config import Config

_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".newslint_cache", ".venv", "venv"}


class PathError(Exception):
    """A path given on the command line does not exist (a usage error: exit 2)."""


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


class Selector:
    """Decides, for one config, whether a path is linted."""

    def __init__(self, config: Config) -> None:
        self.root = config.root.resolve()
        self.include = _spec(config.include)
        self.exclude = _spec(config.exclude)
        self.gitignore = config.respect_gitignore
        self._ignores: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        """Is the path excluded by config or .gitignore?"""
        rel = _relative(path, self.root)
        name = path.as_posix() if rel is None else rel
        if is_dir:
            name += "/"
        if self.exclude.match_file(name):
            return True
        return self.gitignore and self._git_ignored(path, is_dir)

    def included(self, path: Path) -> bool:
        """Does the path match the include globs?"""
        rel = _relative(path, self.root)
        return self.include.match_file(rel if rel is not None else path.name)

    def _git_ignored(self, path: Path, is_dir: bool) -> bool:
        for folder in path.parents:
            spec = self._ignore_spec(folder)
            if spec is not None:
                rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            if (folder / ".git").exists() or folder == self.root.parent:
                break
        return False

    def _ignore_spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._ignores:
            spec = None
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
                spec = _spec(lines)
            except OSError:
                pass
            self._ignores[folder] = spec
        return self._ignores[folder]


def discover(paths: Iterable[str | Path], config: Config, force_exclude: bool = False) -> list[Path]:
    """The files to lint, sorted and without duplicates. Raises PathError for a missing path."""
    selector = Selector(config)
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        absolute = Path(os.path.abspath(path))
        if path.is_dir():
            found.update(_walk(absolute, selector))
        elif path.exists() or path.is_symlink():
            if not (force_exclude and selector.excluded(absolute)):
                found.add(absolute)
        else:
            raise PathError(f"{raw}: no such file or folder")
    return sorted(found)


def _walk(top: Path, selector: Selector) -> Iterator[Path]:
    for folder, dirs, files in os.walk(top, onerror=None, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not selector.excluded(here / d, is_dir=True))
        for name in files:
            path = here / name
            if selector.included(path) and not selector.excluded(path):
                yield path


def display(path: Path) -> str:
    """The path as shown in output: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file's content atomically, keeping its permission bits.

    The new content goes to a temporary file in the same folder, is flushed to disk, and is
    renamed over the old file: a reader, or an interrupted run, sees the old file or the new
    one, never half of one. A symlink is written through to its target.
    """
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".newslint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
