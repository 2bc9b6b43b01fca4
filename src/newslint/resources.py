"""Find the data newslint ships: JSON Schemas (schemas/) and rule data (rules/).

In a wheel they sit inside the package (``newslint/_data/``, force-included at build time) and
are read with importlib.resources, so a pre-commit environment needs nothing else. In a source
checkout used without building (``PYTHONPATH=src``), they are the top-level folders.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_CHECKOUT = Path(__file__).resolve().parents[2]


def data_path(kind: str, name: str) -> Path:
    """Path of a shipped data file; ``kind`` is "schemas" or "rules"."""
    packaged = resources.files("newslint") / "_data" / kind / name
    if packaged.is_file():
        return Path(str(packaged))
    local = _CHECKOUT / kind / name
    if local.is_file():
        return local
    raise FileNotFoundError(f"newslint data file {kind}/{name} is missing from the installation")


def data_names(kind: str) -> list[str]:
    """Names of the shipped data files of one kind."""
    packaged = resources.files("newslint") / "_data" / kind
    folder = Path(str(packaged)) if packaged.is_dir() else _CHECKOUT / kind
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


@lru_cache(maxsize=None)
def load_json(kind: str, name: str) -> Any:
    """A shipped JSON file, parsed once per process."""
    return json.loads(data_path(kind, name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_yaml(kind: str, name: str) -> Any:
    """A shipped YAML file, parsed once per process."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(data_path(kind, name).read_text(encoding="utf-8"), Loader=loader)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The shipped English word list (rules/english-words.txt, SCOWL), read once per process when
    a rule first needs it (a no-break space inside a word; a front-matter key that is a word)."""
    text = data_path("rules", "english-words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))
