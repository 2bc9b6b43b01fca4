"""Findings and fixes as plain values, and the shape every rule has.

Offsets are character offsets into the document's text (``Document.text``: the whole
decoded file, front matter included, newlines normalised to ``\\n``), so every rule shares
one coordinate space. Line and column are derived only for output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

if TYPE_CHECKING:
    from .document import Document

SEVERITIES = ("info", "warning", "error")  # in rising order


def severity_rank(severity: str) -> int:
    """Rank a severity name so that severities compare: info < warning < error."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``text``; ``start == end`` inserts, ``""`` deletes."""

    start: int
    end: int
    text: str = ""

    def __reduce__(self) -> tuple[Any, ...]:  # see Finding.__reduce__
        return Edit, (self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more edits that repair one finding; applied all together or not at all.

    Safe fixes keep the meaning and apply with ``--fix``; unsafe ones need ``--unsafe-fixes``.
    A fix may change prose, never the Markdown structure (``guard.py`` checks every fix pass);
    ``reshapes=True`` says it changes Markdown syntax on purpose (it repairs a broken link), and
    the guard then checks only the blocks it does not touch.
    """

    edits: tuple[Edit, ...]
    title: str
    safe: bool = True
    reshapes: bool = False

    @classmethod
    def replace(cls, start: int, end: int, text: str, title: str, safe: bool = True,
                reshapes: bool = False) -> "Fix":
        """A fix that replaces one span."""
        return cls((Edit(start, end, text),), title, safe, reshapes)

    @classmethod
    def delete(cls, start: int, end: int, title: str, safe: bool = True, reshapes: bool = False) -> "Fix":
        """A fix that deletes one span."""
        return cls((Edit(start, end, ""),), title, safe, reshapes)

    @classmethod
    def insert(cls, at: int, text: str, title: str, safe: bool = True, reshapes: bool = False) -> "Fix":
        """A fix that inserts text at one offset."""
        return cls((Edit(at, at, text),), title, safe, reshapes)

    def __reduce__(self) -> tuple[Any, ...]:  # see Finding.__reduce__
        return Fix, (self.edits, self.title, self.safe, self.reshapes)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at ``[start, end)``. Rules set the first four fields; the engine stamps the rest."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    rule: str = ""  # rule ID, e.g. NL102
    name: str = ""  # rule name, e.g. space-before-punctuation
    severity: str = ""
    # 1-based, columns in code points, end exclusive; stamped from the document's line index
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    fragment: str = ""  # the offending text (capped), for baselines and reports

    def __reduce__(self) -> tuple[Any, ...]:
        # Results travel from workers and to the spill file pickled: a frozen slots dataclass
        # pickles through dataclasses.fields() and a setattr per field, 3x slower than this
        return Finding, (self.start, self.end, self.message, self.fix, self.rule, self.name, self.severity,
                         self.line, self.column, self.end_line, self.end_column, self.fragment)


@dataclass(frozen=True)
class Rule:
    """A rule as the engine sees it, built from a rule module (or a pack or plugin).

    A rule module defines ``ID``, ``NAME``, ``check(doc, opts)`` and a docstring with Bad/Good
    examples; optionally ``SEVERITY`` (default ``warning``), ``FIXABLE``, ``DEFAULTS`` (its
    options), ``CHOICES`` (the allowed values of options that take one of a few words),
    ``validate(opts)`` (raises ValueError for options the types alone cannot judge; the config
    reports it), ``ENABLED`` (on by default; default True), ``NETWORK`` (it goes to the network: only
    its exact ID or name, or ``enabled = true``, turns it on, never ``ALL`` or a prefix), ``FIX_FIRST``
    (its fixes restore characters the other rules read, a mojibake's dash or quotation mark, a
    word an invisible character splits: ``--fix`` applies them in a pass of their own, before the
    others; default False), and for rules that look across files ``collect(doc, opts)`` and
    ``check_corpus(summaries, opts)``.
    """

    id: str
    name: str
    check: Callable[["Document", Mapping[str, Any]], Iterable[Finding]]
    doc: str = ""
    severity: str = "warning"
    fixable: bool = False
    enabled: bool = True
    defaults: Mapping[str, Any] = field(default_factory=dict)
    collect: Callable[["Document", Mapping[str, Any]], Any] | None = None
    check_corpus: Callable[[Mapping[str, Any], Mapping[str, Any]], Iterator[tuple[str, Finding]]] | None = None
    origin: str = "newslint"
    network: bool = False
    fix_first: bool = False
    choices: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    validate: Callable[[Mapping[str, Any]], None] | None = None

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    @classmethod
    def from_module(cls, module: Any, origin: str = "newslint") -> "Rule":
        """Build a Rule from a module that follows the rule-module convention."""
        return cls(
            id=module.ID,
            name=module.NAME,
            check=module.check,
            doc=module.__doc__ or "",
            severity=getattr(module, "SEVERITY", "warning"),
            fixable=getattr(module, "FIXABLE", False),
            fix_first=getattr(module, "FIX_FIRST", False),
            enabled=getattr(module, "ENABLED", True),
            defaults=dict(getattr(module, "DEFAULTS", {})),
            collect=getattr(module, "collect", None),
            check_corpus=getattr(module, "check_corpus", None),
            origin=origin,
            network=getattr(module, "NETWORK", False),
            choices=dict(getattr(module, "CHOICES", {})),
            validate=getattr(module, "validate", None),
        )
