"""Where an article's local references (images, relative links) point on disk, safely.

Rules do not read files, but "does this image exist?" needs the file system. This module is
the one place that looks, and it never looks outside the site root (the config's folder):
a front-matter value such as ``../../etc/passwd`` is reported as outside the site, not probed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit


def candidates(article: str, target: str, root: str, folders: Iterable[str] = ()) -> list[Path]:
    """Paths a local reference may mean: beside the article, in its page bundle, or under a
    site folder (``folders``, relative to the root; a leading "/" means the site root)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return []
    path = unquote(parts.path)
    base = Path(root)
    here = Path(article).parent
    found = [base / path.lstrip("/")] if path.startswith("/") else [here / path, here / Path(article).stem / path]
    found += [base / folder / path.lstrip("/") for folder in folders]
    return found


def inside(path: Path, root: str) -> bool:
    """Is the path (resolved, symlinks followed) inside the site root?"""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return False
    return True


def exists(article: str, target: str, root: str, folders: Iterable[str] = ()) -> bool | None:
    """True if the reference names an existing file inside the root, False if not, None if it
    is not a local reference or every candidate lies outside the root (not probed)."""
    paths = candidates(article, target, root, tuple(folders))
    if not paths:
        return None
    allowed = [p for p in paths if inside(p, root)]
    if not allowed:
        return None
    return any(_is_file(str(p)) for p in allowed)


def status(article: str, target: str, root: str, folders: Iterable[str] = ()) -> bool | None:
    """Like ``exists``, but False only when the folder the file would be in exists: a missing
    file in a folder that is there is a slip; a missing folder is a tree this checkout lacks
    (a CDN, another repository, generated output), so the answer is None."""
    if not inside(Path(article), root):
        return None  # an article outside the site: its "/" paths mean another site's
    found = exists(article, target, root, folders)
    if found is not False:
        return found
    paths = [p for p in candidates(article, target, root, tuple(folders)) if inside(p, root)]
    return False if any(_is_dir(str(p.parent)) for p in paths) else None


def _is_file(path: str) -> bool:
    found = _exists(path)
    if _probes is not None:
        _probes[path] = found
    return found


@lru_cache(maxsize=65536)
def _exists(path: str) -> bool:
    return os.path.exists(path)


# The answers given while one file is linted: the cache stores them with the file's result and
# checks them again before reusing it (a cached result is only as fresh as these answers).
_probes: dict[str, bool] | None = None


def record() -> None:
    """Start remembering which paths were probed (the engine calls this per file)."""
    global _probes
    _probes = {}


def recorded() -> dict[str, bool]:
    """The paths probed since ``record()`` and what was found; stops recording."""
    global _probes
    found, _probes = _probes or {}, None
    return found


def _is_dir(path: str) -> bool:
    found = _isdir(path)
    if _probes is not None:
        _probes[path] = _exists(path)  # the result cache re-checks probes with os.path.exists
    return found


@lru_cache(maxsize=65536)
def _isdir(path: str) -> bool:
    return os.path.isdir(path)
