"""The house dictionary of names: canonical spellings, their variants, exceptions and specs.

newslint ships ``rules/names.yaml``; a config adds the newsroom's own files::

    [names]
    dictionaries = ["style/names.yaml"]   # relative to the config's folder; later files win
    shipped = true                        # also use newslint's own dictionary (default)

An entry of a later file replaces every earlier entry that shares a spelling with it (its
canonical form, its surname or a variant), so a house that prints "Zelenskyy" writes one entry
and the shipped "Zelensky" entry is gone. Plain variants match literally (escaped); only
``/…/`` variants are regular expressions, compiled by :mod:`newslint.saferegex` with a time
bound. Every spec is run through its own entry when the dictionary loads; a spec that fails is
a configuration error naming the file and the entry, as in textlint-rule-prh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..config import ConfigError
from .skeleton import skeleton

ENTRY_KEYS = {"canonical", "variants", "exceptions", "specs", "note"}
SHIPPED = "newslint:rules/names.yaml"
_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"[ \u00a0\n]+")
# A gloss that names the other spelling on purpose: "Kyiv (formerly Kiev)", "Kyiv, formerly
# known as Kiev", "Kiev (now Kyiv)". The words allowed between the two spellings:
_GLUE_WORDS = (r"(?:formerly|previously|once|also|or|then|now|today|known|as|spelled|spelt|written|"
               r"transliterated|in|russian|ukrainian|the|its|spelling|name|of|a|aka|a\.k\.a\.|old|"
               r"soviet-era|soviet|era|russian-language|:)")
_GLOSS_BEFORE = re.compile(rf"[ ]*[(,—–][ ]*(?:{_GLUE_WORDS}[ ]+)*$", re.I)
_GLOSS_AFTER = re.compile(rf"^[ ]*\([ ]*(?:{_GLUE_WORDS}[ ]+)*", re.I)


class DictionaryError(ConfigError):
    """A dictionary file that cannot be used: the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    """One canonical spelling and what it replaces."""

    canonical: str
    variants: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    specs: tuple[tuple[str, str], ...] = ()
    source: str = SHIPPED
    number: int = 0  # 1-based position in its file
    languages: tuple[str, ...] = ()  # the article languages it applies to (its file's `languages:`); () = all

    @property
    def label(self) -> str:
        """How an error message names the entry."""
        return f"{self.source}: entry {self.number} ({self.canonical})"

    @property
    def is_person(self) -> bool:
        return " " in self.canonical.strip()

    @property
    def surname(self) -> str:
        return self.canonical.split()[-1]

    @property
    def given(self) -> str:
        return self.canonical.split()[0] if self.is_person else ""

    def forms(self) -> set[str]:
        """Every literal spelling the entry mentions, whole and as surname."""
        out = {self.canonical, self.surname}
        out.update(v for v in self.variants if not _is_regex(v))
        return out

    def literal_variants(self) -> dict[str, str]:
        """Plain variant → replacement, with a person's given names and surnames combined."""
        plain = [v for v in self.variants if not _is_regex(v)]
        if not self.is_person:
            return {" ".join(v.split()): self.canonical for v in plain}
        givens = {self.given} | {v.split()[0] for v in plain if len(v.split()) > 1}
        surnames = {self.surname} | {v.split()[-1] for v in plain}
        out = {s: self.surname for s in (v for v in plain if len(v.split()) == 1)}
        for g in givens:
            for s in surnames:
                full = f"{g} {s}"
                if full != self.canonical:
                    out[full] = self.canonical
        out.update({" ".join(v.split()): self.canonical for v in plain if len(v.split()) > 2})
        return out


def _is_regex(term: str) -> bool:
    return len(term) > 2 and term.startswith("/") and term.endswith("/")


@dataclass(frozen=True)
class Match:
    """A variant found in a text: ``[start, end)`` → ``replacement``; ``entry`` indexes the dictionary."""

    start: int
    end: int
    found: str
    replacement: str
    entry: int


@dataclass(repr=False)
class Dictionary:
    """The merged dictionary, compiled for matching."""

    entries: tuple[Entry, ...] = ()
    _literal: dict[str, tuple[str, int]] = field(default_factory=dict)
    _source: str | None = None  # the literal variants' pattern, compiled when first used: _pattern
    _pattern: re.Pattern[str] | None = field(default=None, compare=False)
    _regexes: list[tuple[Any, str, int]] = field(default_factory=list)
    _first_words: frozenset[str] = frozenset()
    _exceptions: dict[int, list[Any]] = field(default_factory=dict)
    _surnames: dict[str, int] = field(default_factory=dict)  # skeleton of a spelling → entry

    def __post_init__(self) -> None:
        from .. import saferegex

        for i, entry in enumerate(self.entries):
            for variant, replacement in entry.literal_variants().items():
                self._literal.setdefault(variant, (replacement, i))
            for v in entry.variants:
                if _is_regex(v):
                    self._regexes.append((_compile(v[1:-1], entry), entry.canonical, i))
            self._exceptions[i] = [_compile(x[1:-1], entry) if _is_regex(x) else x for x in entry.exceptions]
            for spelling in {entry.surname} | {v.split()[-1] for v in entry.variants if not _is_regex(v)}:
                self._surnames.setdefault(skeleton(spelling), i)
        if self._literal:
            alternatives = sorted(self._literal, key=lambda v: (-len(v), v))  # (one text in every process)
            body = "|".join(r"[ \u00a0\n]+".join(map(re.escape, v.split())) for v in alternatives)
            # compiled in find(), which most articles never reach (might_match): ~5 ms of a
            # run on one article
            self._source = f"(?:{body})"
        self._first_words = frozenset(v.split()[0] for v in self._literal)
        del saferegex

    def __bool__(self) -> bool:
        return bool(self.entries)

    def for_language(self, language: str) -> "Dictionary":
        """The entries that apply to articles in ``language`` (an English house style is no
        spelling rule for a German article, which writes Odessa and Kiew)."""
        cache = self.__dict__.setdefault("_by_language", {})  # (asked once per rule and article)
        found = cache.get(language)
        if found is None:
            if all(not e.languages or language in e.languages for e in self.entries):
                found = self
            else:
                found = Dictionary(tuple(e for e in self.entries if not e.languages or language in e.languages))
            cache[language] = found
        return found

    def __repr__(self) -> str:
        """Stable across processes (the result cache hashes the rules' options, this included)."""
        import hashlib

        text = repr([(e.canonical, e.variants, e.exceptions, e.specs, e.languages) for e in self.entries])
        return f"Dictionary({len(self.entries)} entries, {hashlib.blake2b(text.encode(), digest_size=8).hexdigest()})"

    def might_match(self, words: Iterable[str]) -> bool:
        """Can the text with these capitalised words hold a variant? (A cheap pre-check.)"""
        return bool(self._regexes) or not self._first_words.isdisjoint(words)

    def find(self, text: str, only: int | None = None, errors: list[str] | None = None) -> list[Match]:
        """Variants in ``text`` (a prose view or plain text), longest first, exceptions and glosses left out.

        A ``/…/`` variant that runs past its time bound is skipped; its message goes to ``errors``
        (raised when no list is given).
        """
        from ..saferegex import PatternTimeout

        found: list[Match] = []
        n = len(text)
        if self._source is not None:
            if self._pattern is None:
                self._pattern = re.compile(self._source)
            for m in self._pattern.finditer(text):
                s, e = m.start(), m.end()
                if (s and _WORD_CHAR.match(text, s - 1)) or (e < n and _WORD_CHAR.match(text, e)):
                    continue
                key = _SPACES.sub(" ", m.group(0))
                replacement, i = self._literal[key]
                if only is None or i == only:
                    found.append(Match(s, e, m.group(0), replacement, i))
        for pattern, replacement, i in self._regexes:
            if only is not None and i != only:
                continue
            try:
                for m in pattern.finditer(text):
                    s, e = m.start(), m.end()
                    if e > s and not ((s and _WORD_CHAR.match(text, s - 1)) or (e < n and _WORD_CHAR.match(text, e))):
                        found.append(Match(s, e, m.group(0), replacement, i))
            except PatternTimeout as exc:
                if errors is None:
                    raise
                errors.append(f"{self.entries[i].label}: {exc}")
        if self._regexes:
            found = _longest_first(found)
        return [f for f in found if not self._excepted(text, f) and not self._gloss(text, f)]

    def _excepted(self, text: str, f: Match) -> bool:
        for x in self._exceptions.get(f.entry, ()):
            if isinstance(x, str):
                k = x.find(f.found)
                while k >= 0:
                    if text.startswith(x, f.start - k):
                        return True
                    k = x.find(f.found, k + 1)
            else:
                lo = max(0, f.start - 200)
                if any(m.start() <= f.start and f.end <= m.end() for m in x.finditer(text, lo, min(len(text), f.end + 200))):
                    return True
        return False

    def _gloss(self, text: str, f: Match) -> bool:
        entry = self.entries[f.entry]
        return is_gloss(text, f.start, f.end, (entry.canonical, entry.surname))

    def apply(self, text: str, only: int | None = None) -> str:
        """``text`` with every variant replaced (what the specs check)."""
        out, cursor = [], 0
        for f in self.find(text, only):
            out.append(text[cursor:f.start])
            out.append(f.replacement)
            cursor = f.end
        out.append(text[cursor:])
        return "".join(out)

    def entry_for_surname(self, spelling: str) -> Entry | None:
        """The entry whose canonical surname has this spelling's skeleton (Zelenskyj → Zelensky)."""
        i = self._surnames.get(skeleton(spelling))
        return self.entries[i] if i is not None else None

    def is_variant(self, word: str) -> bool:
        """Is this word a listed variant (so name-spelling reports it)?"""
        hit = self._literal.get(word)
        return hit is not None and hit[0] != word


def is_gloss(text: str, start: int, end: int, others: Sequence[str]) -> bool:
    """Is ``text[start:end]`` the other spelling named on purpose next to one of ``others``?

    "Kyiv (formerly Kiev)", "Kyiv, formerly known as Kiev", "Kiev (now Kyiv)", "Kyiv (Kiev)".
    """
    before = text[max(0, start - 60):start]
    g = _GLOSS_BEFORE.search(before)
    if g is not None:
        head = before[:g.start()]
        if any(head.endswith(o) for o in others if o):
            return True
    after = text[end:end + 60]
    g = _GLOSS_AFTER.match(after)
    if g is not None and after[:g.start()].strip() == "":
        rest = after[g.end():]
        if any(rest.startswith(o) and rest[len(o):].lstrip().startswith(")") for o in others if o):
            return True
    return False


def _longest_first(found: list[Match]) -> list[Match]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Match] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _compile(source: str, entry: Entry) -> Any:
    from .. import saferegex

    try:
        return saferegex.compile(source)
    except saferegex.PatternError as exc:
        raise DictionaryError(f"{entry.label}: {exc}") from None


# -- loading ------------------------------------------------------------------------------------


def parse_entries(data: Any, source: str) -> list[Entry]:
    """Validate one dictionary file's parsed YAML and return its entries."""
    if not isinstance(data, Mapping) or not isinstance(data.get("names"), list):
        raise DictionaryError(f"{source}: a names dictionary is a mapping with a `names:` list of entries")
    unknown = set(data) - {"names", "style", "languages"}
    if unknown:
        raise DictionaryError(f"{source}: unknown key `{sorted(unknown)[0]}` (expected names, style, languages)")
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) and x.strip() for x in languages):
        raise DictionaryError(f"{source}: `languages` must be a list of language codes (en, de, ...)")
    languages = tuple(x.strip().replace("_", "-").split("-")[0].lower() for x in languages)
    entries = []
    for n, raw in enumerate(data["names"], 1):
        where = f"{source}: entry {n}"
        if not isinstance(raw, Mapping) or not isinstance(raw.get("canonical"), str) or not raw["canonical"].strip():
            raise DictionaryError(f"{where}: an entry needs `canonical:`, the spelling to print")
        where += f" ({raw['canonical']})"
        bad = set(raw) - ENTRY_KEYS
        if bad:
            raise DictionaryError(f"{where}: unknown key `{sorted(bad)[0]}` (expected {', '.join(sorted(ENTRY_KEYS))})")
        lists = {}
        for key in ("variants", "exceptions"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise DictionaryError(f"{where}: `{key}` must be a list of non-empty strings")
            lists[key] = tuple(v.strip() for v in value)
        specs = raw.get("specs", [])
        if not isinstance(specs, list) or not all(isinstance(s, Mapping) and set(s) == {"from", "to"}
                                                  and all(isinstance(v, str) for v in s.values()) for s in specs):
            raise DictionaryError(f"{where}: `specs` must be a list of {{from: ..., to: ...}} pairs of strings")
        canonical = " ".join(raw["canonical"].split())
        if canonical in lists["variants"]:
            raise DictionaryError(f"{where}: the canonical spelling is also listed as a variant")
        entries.append(Entry(canonical, lists["variants"], lists["exceptions"],
                             tuple((s["from"], s["to"]) for s in specs), source, n, languages))
    _check_conflicts(entries)
    return entries


def _check_conflicts(entries: Sequence[Entry]) -> None:
    owner: dict[str, Entry] = {}
    for entry in entries:
        for v in entry.literal_variants():
            other = owner.get(v)
            if other is not None and other.canonical != entry.canonical:
                raise DictionaryError(f"{entry.label}: the variant `{v}` is also a variant of {other.canonical}")
            owner[v] = entry
    canonicals = {e.canonical: e for e in entries}
    for v, entry in owner.items():
        if v in canonicals and canonicals[v] is not entry:
            raise DictionaryError(f"{entry.label}: the variant `{v}` is the canonical spelling of another entry")


def merge(layers: Sequence[Sequence[Entry]]) -> list[Entry]:
    """Entries of later layers replace earlier entries that share a spelling with them (and a
    language: a German file's Kiew leaves the English Kyiv to English articles)."""
    merged: list[Entry] = []
    for layer in layers:
        by_form: dict[str, list[Entry]] = {}
        for new in layer:
            for form in new.forms():
                by_form.setdefault(form, []).append(new)
        merged = [e for e in merged if not any(_overlap(e, new) for f in e.forms() for new in by_form.get(f, ()))]
        merged += list(layer)
    return merged


def _overlap(a: Entry, b: Entry) -> bool:
    return not a.languages or not b.languages or bool(set(a.languages) & set(b.languages))


def check_specs(dictionary: Dictionary) -> None:
    """Run every entry's specs through that entry; raise DictionaryError on the first failure."""
    for i, entry in enumerate(dictionary.entries):
        for source, wanted in entry.specs:
            got = dictionary.apply(source, only=i)
            if got != wanted:
                raise DictionaryError(f"{entry.label}: spec failed: {source!r} became {got!r}, expected {wanted!r}")


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[Entry, ...]:
    """The entries of newslint's own rules/names.yaml."""
    from ..resources import load_yaml

    return tuple(parse_entries(load_yaml("rules", "names.yaml"), SHIPPED))


def load_file(path: Path) -> list[Entry]:
    """Read and validate a user dictionary file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read the names dictionary: {exc.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from None
    return parse_entries(data, str(path))


@lru_cache(maxsize=16)
def _build(shipped: bool, files: tuple[tuple[str, float], ...]) -> Dictionary:
    layers: list[Sequence[Entry]] = [shipped_entries()] if shipped else []
    layers += [load_file(Path(p)) for p, _ in files]
    dictionary = Dictionary(tuple(merge(layers)))
    if files:  # (the shipped entries alone are checked by the tests, as the shipped pack is)
        check_specs(dictionary)
    return dictionary


def from_config(config: Any) -> Dictionary:
    """The dictionary a config asks for: the shipped one plus its ``[names] dictionaries``."""
    table = (getattr(config, "raw", None) or {}).get("names", {}) or {}
    root = Path(getattr(config, "root", "."))
    files = []
    for name in table.get("dictionaries", []):
        path = (root / name).resolve()
        try:
            stamp = path.stat().st_mtime
        except OSError:
            where = str(config.path) if getattr(config, "path", None) else "configuration"
            raise DictionaryError(f"{where}: [names] dictionaries: no such file: {name}") from None
        files.append((str(path), stamp))
    return _build(bool(table.get("shipped", True)), tuple(files))


def iter_entries(dictionary: Dictionary) -> Iterator[Entry]:
    """The merged entries, in order."""
    return iter(dictionary.entries)
