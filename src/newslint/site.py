"""Where an article's local references (images, relative links) point on disk, safely.

Rules do not read files, but "does this image exist?" needs the file system. This module is
the one place that looks, and it never looks outside the site root (the config's folder):
a front-matter value such as ``../../etc/passwd`` is reported as outside the site, not probed.
"""

from __future__ import annotations

import os
import re
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
    """Is the path, symlinks followed, inside the site root? Nothing outside is ever asked.

    A path that leaves the root as written (``../../etc/passwd``) is refused before the file
    system hears of it. Inside, symlinks are followed one component at a time with
    ``os.readlink`` on paths inside the root only: a link that points out of the site is
    refused when it is read, and its target is never looked at (``os.path.realpath`` would
    stat it, and a stat can hang on a dead network mount).
    """
    real_root = _real(root)
    written = os.fspath(path)
    if not os.path.isabs(written):
        written = os.path.join(os.getcwd(), written)
    if not _within(os.path.abspath(written), os.path.abspath(root)) and \
            not _within(os.path.abspath(written), real_root):
        return False  # out of the root as written: not even resolved
    for base in (os.path.abspath(root), real_root):
        if _within(written, base):  # ".." left in place: it is resolved in order, as the system does
            return _resolves_inside(written[len(base):], real_root)
    return False


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


@lru_cache(maxsize=64)
def _real(root: str) -> str:
    return os.path.realpath(root)


@lru_cache(maxsize=65536)
def _resolves_inside(relative: str, real_root: str) -> bool:
    """Follow ``relative`` from the (real) root, symlinks and ".." in order as the system does;
    False as soon as it would leave the root (a missing name is taken as written)."""
    todo = [p for p in relative.split(os.sep) if p not in ("", ".")]
    current = real_root
    hops = 0
    while todo:
        part = todo.pop(0)
        if part == "..":
            current = os.path.dirname(current)
            if not _within(current, real_root):
                return False
            continue
        candidate = os.path.join(current, part)
        try:
            target = os.readlink(candidate)
        except OSError:  # not a link (or not there): the name stands as written
            current = candidate
            continue
        hops += 1
        if hops > 40:  # a symlink loop
            return False
        resolved = os.path.normpath(os.path.join(current, target))
        if not _within(resolved, real_root):
            return False
        todo = [p for p in os.path.relpath(resolved, real_root).split(os.sep) if p not in ("", ".")] + todo
        current = real_root
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


# The site generator's configuration, and the keys in it that name the content's language:
# Jekyll's _config.yml (lang, as jekyll-seo-tag and most themes read it; locale, Minimal
# Mistakes's), Hugo's hugo.* or config.* (defaultContentLanguage, then languageCode)
_SITE_CONFIGS = (("_config.yml", ("lang", "locale")), ("_config.yaml", ("lang", "locale")),
                 *((f"{stem}.{ext}", ("defaultContentLanguage", "languageCode"))
                   for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")))


def site_language(start: Path, stop: Path | None = None) -> str | None:
    """The content language the site generator's configuration names (``lang: fr`` in Jekyll's
    _config.yml, ``defaultContentLanguage = "fr"`` in Hugo's hugo.toml), found from ``start``
    upward to ``stop`` (the newslint config's folder) or the repository's root, or None. An
    article too short for its prose to tell its language is then read in the site's."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    last = stop.resolve() if stop is not None else None
    for candidate in (folder, *folder.parents):
        for name, keys in _SITE_CONFIGS:
            path = candidate / name
            if path.is_file():
                found = _language_in(path, keys)
                if found:
                    return found
        if candidate == last or (last is None and (candidate / ".git").exists()):
            break
    return None


def _language_in(path: Path, keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` in a YAML, TOML or JSON file that holds a language tag, or None (an
    unreadable or malformed file says nothing)."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            import tomllib

            data = tomllib.loads(text)
        elif path.suffix == ".json":
            import json

            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception:  # (any parse error of another tool's file: it names no language here)
        return None
    if not isinstance(data, dict):
        return None
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and _LANGUAGE_TAG.fullmatch(value.strip()):
            return value.strip().replace("_", "-").lower()
    return None


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")

