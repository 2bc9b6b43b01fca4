"""Find the data newslint ships: JSON Schemas (schemas/) and rule data (rules/).

In a wheel they sit inside the package (``newslint/_data/``, force-included at build time), so
a pre-commit environment needs nothing else. In a source
checkout used without building (``PYTHONPATH=src``), they are the top-level folders.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_CHECKOUT = Path(__file__).resolve().parents[2]
# Beside this file in an installed package. (importlib.resources.files() gave the same folder
# for a package installed as files, the only kind the paths returned here could serve, and
# importing it cost ~4 ms of every run.)
_PACKAGED = Path(__file__).resolve().parent / "_data"


def data_path(kind: str, name: str) -> Path:
    """Path of a shipped data file; ``kind`` is "schemas" or "rules"."""
    packaged = _PACKAGED / kind / name
    if packaged.is_file():
        return packaged
    local = _CHECKOUT / kind / name
    if local.is_file():
        return local
    raise FileNotFoundError(f"newslint data file {kind}/{name} is missing from the installation")


def data_names(kind: str) -> list[str]:
    """Names of the shipped data files of one kind."""
    packaged = _PACKAGED / kind
    folder = packaged if packaged.is_dir() else _CHECKOUT / kind
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


@lru_cache(maxsize=None)
def load_json(kind: str, name: str) -> Any:
    """A shipped JSON file, parsed once per process."""
    return json.loads(data_path(kind, name).read_text(encoding="utf-8"))


# The shipped YAML tables, parsed, in one JSON file: a run that reads them all spent ~13 ms
# of a one-article run building them with PyYAML's constructor; json takes 0.3 ms. The YAML
# files stay the source to edit. Each table is stored with the SHA-256 of its YAML text and
# used only while the YAML still has that hash, so a twin left stale by an edit costs speed,
# never a wrong table; tests/test_resources.py fails then and says how to write it again.
PARSED_TABLES = "parsed-tables.json"


@lru_cache(maxsize=None)
def load_yaml(kind: str, name: str) -> Any:
    """A shipped YAML file, parsed once per process (from its JSON twin when that is current)."""
    text = data_path(kind, name).read_text(encoding="utf-8")
    if kind == "rules":
        twin = _parsed_tables().get(name)
        if twin is not None and twin["sha256"] == _sha256(text):
            return twin["data"]
    return _parse_yaml_text(text)


def parse_yaml(path: Path) -> Any:
    """A YAML data file parsed with PyYAML (libyaml when present)."""
    return _parse_yaml_text(path.read_text(encoding="utf-8"))


def _parse_yaml_text(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _parsed_tables() -> dict[str, Any]:
    try:
        return load_json("rules", PARSED_TABLES)  # type: ignore[no-any-return]
    except FileNotFoundError:
        return {}


def write_parsed_tables() -> Path:
    """Write rules/parsed-tables.json from the YAML files of rules/ (after editing one of them)."""
    folder = _CHECKOUT / "rules"
    tables = {}
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        tables[path.name] = {"sha256": _sha256(text), "data": _parse_yaml_text(text)}
    target = folder / PARSED_TABLES
    target.write_text(json.dumps(tables, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def _list_body(name: str) -> str:
    """A shipped list's text after its header of ``#`` comment lines, without the last line break."""
    text = data_path("rules", name).read_text(encoding="utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.find("\n", start) + 1 or len(text)
    return text[start:].rstrip("\n")


def word_list(name: str) -> list[str]:
    """The entries of a shipped list (rules/*.txt): after a header of ``#`` comment lines, one
    entry per line as written. The text is split once, without a test per line (74,000 lines of
    English words: ~5 ms of a run on one article); tests/test_resources.py checks that every
    shipped list has this shape (no blank, padded or comment line after the header)."""
    body = _list_body(name)
    return body.split("\n") if body else []


class SortedWords:
    """``word in words`` for a sorted word list, read one first character at a time.

    The words that start with one character are consecutive lines of the sorted text: the first
    time a word with that character is asked, those lines (found by binary searches over the
    text) become a set. A run on one article asks about a handful of words, and building the
    set of all 74,000 English words cost ~10 ms of it; a run over many articles builds them all
    in the end, as before. tests/test_resources.py checks that the shipped list is sorted and
    that this answers as the set of its lines does.
    """

    def __init__(self, body: str) -> None:
        self._text = f"\n{body}\n" if body else "\n"
        self._sets: dict[str, frozenset[str]] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        words = self._sets.get(word[0])
        if words is None:
            words = self._sets[word[0]] = self._starting_with(word[0])
        return word in words

    def _starting_with(self, first: str) -> frozenset[str]:
        start, end = self._line_after(first, True), self._line_after(first, False)
        return frozenset(self._text[start:end - 1].split("\n")) if start < end else frozenset()

    def _line_after(self, first: str, inclusive: bool) -> int:
        """Where the first line starts whose first character comes after ``first`` (or is it,
        when ``inclusive``): a binary search over offsets, each read as the line holding it."""
        text = self._text
        lo, hi = 1, len(text)
        while lo < hi:
            mid = (lo + hi) // 2
            c = text[text.rfind("\n", 0, mid) + 1]
            if c < first or (c == first and not inclusive):
                lo = mid + 1
            else:
                hi = mid
        return lo


# Endings the word list leaves out of some words it has the stem of (adopt|er, adopt|ers)
_INFLECTIONS = ("ers", "er", "s")


def english_word(word: str) -> bool:
    """Is ``word`` (as written) in the English word list, or an -er, -ers or -s form of a word of
    it that the list lacks (adopter, adopters: the list has adopt), or an -ing or -ed form of one
    ending in "e" (messaging: the list has message)?"""
    words = english_words()
    if word in words:
        return True
    if any(word.endswith(end) and len(word) - len(end) >= 4 and word[:-len(end)] in words for end in _INFLECTIONS):
        return True
    # (-ing and -ed of a word ending in "e" that the list lacks: messaging, messaged from message)
    return word.endswith(("ing", "ed")) and len(word) >= 8 and \
        word[:-3 if word[-1] == "g" else -2] + "e" in words


@lru_cache(maxsize=1)
def english_words() -> SortedWords:
    """The shipped English word list (rules/english-words.txt, SCOWL), read once per process when
    a rule first needs it (a no-break space inside a word; a front-matter key that is a word)."""
    return SortedWords(_list_body("english-words.txt"))
