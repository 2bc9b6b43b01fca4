"""Run the enabled rules over documents, apply fixes to a fixed point, lint many files.

One file's way: read bytes → decode → Document (front matter split and parsed) → every enabled
rule → stamp rule, severity and position → drop what suppression comments and per-file-ignores
hide → sort. Fixing loops: lint → take the allowed fixes, the narrowest first, skipping any that
overlaps one already taken → apply in one pass → lint again, until nothing changes (at most
``MAX_PASSES``); the fixes of rules that restore characters (``FIX_FIRST``: mojibake, invisible
and look-alike characters) go in passes of their own first. A fixed text is kept only if its
front matter still parses.
"""

from __future__ import annotations

import dataclasses
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from . import config as config_mod
from . import suppress
from .config import Config
from .document import DEFAULT_PROSE_FIELDS, DecodeError, Document
from .model import Edit, Finding, Fix, Rule, severity_rank
from .spill import Packed, Spill

if TYPE_CHECKING:
    from .cache import Cache

MAX_PASSES = 10
FRAGMENT_LIMIT = 200


@dataclass
class Settings:
    """Everything a worker needs to lint a file: resolved once per run."""

    config: Config
    rules: list[Rule]  # enabled, sorted by ID
    options: dict[str, dict[str, Any]]  # rule ID → options (defaults + config)
    available: list[Rule] = field(default_factory=list)  # every known rule, enabled or not

    @property
    def document_options(self) -> dict[str, Any]:
        """Keyword arguments for Document built under this config."""
        c = self.config
        return {"prose_fields": c.prose_fields if c.prose_fields is not None else DEFAULT_PROSE_FIELDS,
                "allow_aliases": c.allow_yaml_aliases, "language": c.language}


def available_rules(config: Config) -> list[Rule]:
    """Built-in rules plus those from installed plugins and the rule packs (plugins.py, packs.py)."""
    from .plugins import extension_rules
    from .rules import BUILTIN

    return list(BUILTIN) + extension_rules(config, BUILTIN)


def settings(config: Config | None = None) -> Settings:
    """Resolve a config into the rules that run and their options (raises ConfigError)."""
    config = config or Config()
    available = available_rules(config)
    options = config_mod.rule_options(config, available)
    rules = config_mod.enabled_rules(config, available)
    from .names import attach

    attach(config, rules, options)  # the house dictionary of names (a bad file is a ConfigError)
    return Settings(config, rules, options, available)


@dataclass
class FileResult:
    """What linting (and maybe fixing) one file produced."""

    path: str
    findings: list[Finding]
    fixed: int = 0  # fixes applied
    diff: str = ""  # unified diff of the fixes (with --diff)
    new_data: bytes | None = None  # the fixed file's bytes, when fixing changed it
    lines: dict[int, str] = field(default_factory=dict)  # source lines that findings point at
    line_starts: Sequence[int] = field(default_factory=list)  # for placing offsets (when no `places` entry)
    places: dict[int, tuple[int, int]] = field(default_factory=dict)  # fix edit offset → (line, column)
    errors: list[str] = field(default_factory=list)  # tracebacks of internal errors (--verbose)
    summaries: dict[str, Any] = field(default_factory=dict)  # rule ID → collect() result
    digest: str = ""  # content hash of the bytes linted (empty when the file could not be read)
    read_digest: str = ""  # content hash of the bytes as read (--fix writes only over those same bytes)
    probes: dict[str, bool] = field(default_factory=dict)  # site.exists answers the findings rely on
    cached: bool = False  # served from the cache

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in this file's text (the ends of fix edits:
        ``places``; other offsets need ``line_starts``)."""
        known = self.places.get(offset)
        if known is not None:
            return known
        import bisect

        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


# -- one document -----------------------------------------------------------------------------


def run_rules(doc: Document, st: Settings, errors: list[str] | None = None) -> list[Finding]:
    """Every enabled rule on one document: stamped, suppressed, per-file-ignored and sorted."""
    findings: list[Finding] = []
    ignored = _per_file_ignored(doc.path, st)
    options = st.options
    for rule in st.rules:
        if ignored and rule.id in ignored:
            continue
        opts = options.get(rule.id, rule.defaults)
        try:
            produced = list(rule.check(doc, opts))
        except (Exception, SystemExit) as exc:  # a rule must never take the run down
            if errors is not None:
                errors.append(f"{rule.id} ({rule.name}) on {doc.path or '<text>'}:\n{traceback.format_exc()}")
            findings.append(stamp(doc, _rule_failed(rule, exc)))
            continue
        if produced:  # (most rules find nothing in most articles: ~60 rules, a few findings)
            severity = opts.get("severity", rule.severity)
            findings.extend(stamp(doc, f, rule.id, rule.name, f.severity or severity) for f in produced)
    hidden = suppress.parse(doc)
    if hidden:
        findings = [f for f in findings if f.rule == "NL999" or not hidden.hides(f)]
    findings.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
    return findings


def _rule_failed(rule: Rule, exc: BaseException, doing: str = "on this file") -> Finding:
    """The internal-error finding for a rule that raised: the rule and a short reason."""
    reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    reason = " ".join(reason.split())[:200]
    return Finding(0, 0, f"rule {rule.id} ({rule.name}) failed {doing}: {reason}", rule="NL999",
                   name="internal-error", severity="error")


def stamp(doc: Document, f: Finding, rule: str | None = None, name: str | None = None,
          severity: str | None = None) -> Finding:
    """Give a finding its 1-based line/column span and the offending text (and the rule ID, name
    and severity, when given: run_rules stamps them in the same step)."""
    text = doc.text
    n = len(text)
    start = min(max(f.start, 0), n)
    end = min(max(f.end, start), n)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    # (built whole: dataclasses.replace, which reads the fields one by one, costs four times as much)
    return Finding(start, end, f.message, f.fix, f.rule if rule is None else rule, f.name if name is None else name,
                   f.severity if severity is None else severity, line, column, end_line, end_column,
                   text[start:end][:FRAGMENT_LIMIT])


def _per_file_ignored(path: str | None, st: Settings) -> set[str]:
    if not path or not st.config.per_file_ignores:
        return set()
    import pathspec

    root = st.config.root.resolve()
    try:
        rel = Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    out: set[str] = set()
    for glob, selectors in st.config.per_file_ignores:
        if pathspec.GitIgnoreSpec.from_lines([glob]).match_file(rel):
            out.update(r.id for r in st.available if any(config_mod.matches(s, r) for s in selectors))
    return out


# -- fixes ------------------------------------------------------------------------------------


def choose_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Fix]:
    """The allowed fixes, the narrowest first, skipping any that overlaps one already taken.

    (Narrowest first: a fix that spans a quotation, such as the pair of marks foreign-quotes
    rewrites, was worked out from the marks as they stand; a fix inside it that moves one of
    them, such as misplaced-quote-space's, goes first, and the pair is read again next pass.)"""
    candidates = sorted((f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)),
                        key=lambda fx: (fx.end - fx.start, fx.start, fx.end))
    taken: list[Edit] = []
    chosen: list[Fix] = []
    for fix in candidates:
        if any(_overlap(a, b) for a in fix.edits for b in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return sorted(chosen, key=lambda fx: (fx.start, fx.end))  # (in order of position, as applied)


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    # two edits at one point (insertions, or an insertion at a replacement's start): order unclear
    return a.start == b.start and (a.start == a.end or b.start == b.end)


def apply_fixes(doc: Document, fixes: Sequence[Fix]) -> str:
    """The document's source with the fixes applied, its newline style kept."""
    edits = sorted((e for fx in fixes for e in fx.edits), key=lambda e: (e.start, e.end))
    newline = doc.encoding.newline
    src = doc.source
    out: list[str] = []
    cursor = 0
    for e in edits:
        s, t = doc.source_offset(e.start), doc.source_offset(e.end)
        out.append(src[cursor:s])
        out.append(e.text.replace("\n", newline) if newline != "\n" else e.text)
        cursor = t
    out.append(src[cursor:])
    return "".join(out)


@dataclass
class _Rejected:
    """A fix the structure guard refused, tracked through later passes (offsets shift)."""

    fix: Fix
    rule: str
    name: str
    reason: str


def fix_document(doc: Document, st: Settings, unsafe: bool = False,
                 errors: list[str] | None = None) -> tuple[Document, list[Finding], int]:
    """Fix to a fixed point; return the final document, its remaining findings and the fix count.

    Every pass goes through the structure guard (``guard.py``): a pass whose result changes
    the Markdown structure or the front-matter data beyond the edited text is bisected, the
    fixes that cause the change are dropped (and reported as ``fix-changes-structure``), and
    the rest are applied. A file whose every fix is refused is left exactly as it was.
    """
    applied = 0
    findings = run_rules(doc, st, errors)
    rejected: list[_Rejected] = []
    first = {r.id for r in st.rules if r.fix_first}
    for _ in range(MAX_PASSES):
        candidates = _reference_repairs(doc, _without(findings, rejected))
        # Character repairs get a pass of their own, before the rest: the other rules then read
        # the restored text (a mojibake's dash votes for the article's dash style; an invisible
        # character no longer splits a word), as they read the undamaged article.
        fixes = choose_fixes([f for f in candidates if f.rule in first], unsafe) if first else []
        fixes = fixes or choose_fixes(candidates, unsafe)
        plain = [fx for fx in fixes if not fx.reshapes]
        fixes = plain or fixes  # a fix that reshapes Markdown on purpose gets a pass of its own
        if not fixes:
            break
        owners = {id(f.fix): f for f in candidates if f.fix is not None}
        kept, refused, new_doc = _guarded(doc, fixes, st)
        for fx, reason in refused:
            owner = owners.get(id(fx))
            rejected.append(_Rejected(fx, owner.rule if owner else "", owner.name if owner else "", reason))
        if not kept or new_doc.source == doc.source:
            if refused:
                continue  # the refused fixes are out of the way now: others may be left
            break
        applied += len(kept)
        rejected = [r for r in (_shifted(r, kept) for r in rejected) if r is not None]
        doc = new_doc
        findings = run_rules(doc, st, errors)
    if rejected:
        findings = _report_rejected(doc, findings, rejected, st)
    return doc, findings, applied


def _guarded(doc: Document, fixes: list[Fix], st: Settings) -> tuple[list[Fix], list[tuple[Fix, str]], Document]:
    """Apply ``fixes`` if the result keeps the document's structure; else bisect.

    Greedy bisection: a group of fixes is tried together with those already kept; if the
    structure holds it is kept, else it is split in two and each half tried, down to the single
    fixes that break it. A few bad fixes among many cost a few parses each (k log n).
    """
    from . import guard

    def attempt(trial: list[Fix]) -> tuple[str, Document]:
        candidate = _rebuild(doc, apply_fixes(doc, trial), st) if trial else doc
        return (guard.check(doc, candidate, trial) if trial else ""), candidate

    reason, new_doc = attempt(fixes)
    if not reason:
        return fixes, [], new_doc
    kept: list[Fix] = []
    refused: list[tuple[Fix, str]] = []
    best = doc
    stack = [fixes[len(fixes) // 2:], fixes[: len(fixes) // 2]] if len(fixes) > 1 else []
    if len(fixes) == 1:
        refused.append((fixes[0], reason))
    while stack:
        group = stack.pop()
        if not group:
            continue
        why, candidate = attempt(kept + group)
        if not why:
            kept.extend(group)
            best = candidate
        elif len(group) == 1:
            refused.append((group[0], why))
        else:
            mid = len(group) // 2
            stack.extend((group[mid:], group[:mid]))
    return kept, refused, best


def _reference_repairs(doc: Document, findings: list[Finding]) -> list[Finding]:
    """The findings, a fix that repairs a reference link's label marked as reshaping Markdown.

    ``[last week”s newsletter][]`` beside the definition ``[last week's newsletter]: /url`` is
    bracketed text; the apostrophe's fix makes it the link it was meant to be. That is a change
    of structure, which the guard refuses unless the fix says it makes it on purpose. Whatever
    rule's fix it is (a quotation mark, an invisible character, a look-alike letter, a repeated
    word), it is marked here, in one place, and only while fixing."""
    if not doc.prose_index.references:
        return findings  # (most articles define no references: nothing to restore)
    from .typography import restores_reference

    out = []
    for f in findings:
        fx = f.fix
        if fx is not None and not fx.reshapes and \
                any(restores_reference(doc, e.start, e.end, e.text) for e in fx.edits):
            f = dataclasses.replace(f, fix=dataclasses.replace(fx, reshapes=True))
        out.append(f)
    return out


def _same_fix(a: Fix, b: Fix) -> bool:
    return a.title == b.title and a.edits == b.edits


def _without(findings: list[Finding], rejected: list[_Rejected]) -> list[Finding]:
    """The findings with the fixes the guard refused before taken out (they would fail again)."""
    if not rejected:
        return findings
    return [dataclasses.replace(f, fix=None) if f.fix is not None and any(_same_fix(f.fix, r.fix) for r in rejected)
            else f for f in findings]


def _shifted(r: _Rejected, applied: list[Fix]) -> _Rejected | None:
    """A refused fix moved to its place in the text after ``applied`` (None if they overlap it)."""
    edits = sorted((e for fx in applied for e in fx.edits), key=lambda e: e.start)
    moved = []
    for own in r.fix.edits:
        shift = 0
        for e in edits:
            if e.end <= own.start and not (e.start == e.end == own.start):
                shift += len(e.text) - (e.end - e.start)
            elif e.start < own.end and own.start < e.end:
                return None  # another fix rewrote this text: the refused fix no longer applies
        moved.append(Edit(own.start + shift, own.end + shift, own.text))
    return dataclasses.replace(r, fix=dataclasses.replace(r.fix, edits=tuple(moved)))


def _report_rejected(doc: Document, findings: list[Finding], rejected: list[_Rejected],
                     st: Settings) -> list[Finding]:
    """Findings whose fix was refused lose it; each refusal becomes a fix-changes-structure finding."""
    out = _without(findings, rejected)
    rule = next((r for r in st.rules if r.id == "NL998"), None)
    if rule is None or rule.id in _per_file_ignored(doc.path, st):
        return out
    severity = st.options.get(rule.id, {}).get("severity", rule.severity)
    seen = set()
    for r in rejected:
        key = (r.fix.start, r.fix.title)
        if key in seen:
            continue
        seen.add(key)
        who = f"{r.rule} ({r.name}) " if r.rule else ""
        action = r.fix.title[:1].lower() + r.fix.title[1:]
        message = f"not applied: the {who}fix to {action} would {r.reason}; fix it by hand"
        out.append(stamp(doc, Finding(r.fix.start, r.fix.end, message, rule=rule.id, name=rule.name,
                                      severity=severity)))
    out.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
    return out


def _rebuild(doc: Document, source: str, st: Settings) -> Document:
    return Document(source, doc.path, doc.encoding, **st.document_options)


def encode(doc: Document) -> bytes:
    """The document's source as bytes in its original encoding, BOM included."""
    return doc.encoding.bom + doc.source.encode(doc.encoding.name)


# -- files ------------------------------------------------------------------------------------


MAX_FILE_BYTES = 32 * 1024 * 1024  # a bigger "article" is refused, not read (10 MB takes seconds)


def lint_file(path: Path, st: Settings, *, fix: bool = False, unsafe: bool = False, diff: bool = False,
              display: str | None = None) -> FileResult:
    """Lint (and with ``fix`` or ``diff``, fix) one file. Never raises for a bad file.

    A file that cannot be read is an ``unreadable-file`` finding; a failure of newslint itself
    on the file (a bug: an exception outside any one rule, a RecursionError, a MemoryError) is
    an ``internal-error`` finding with the traceback kept for ``--verbose``.
    """
    shown = display or path.as_posix()
    try:
        data = _read(path)
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        return _unreadable(shown, f"cannot read the file: {reason}", st)
    try:
        return _lint_bytes(path, data, shown, st, fix=fix, unsafe=unsafe, diff=diff)
    except Exception as exc:  # a bug in newslint itself: this file gets a finding, the run goes on
        return crashed(shown, f"{type(exc).__name__}: {exc}", traceback.format_exc())


def _read(path: Path) -> bytes:
    """The file's bytes; an OSError for what is not a regular file or is too big to be an article.

    A named pipe, a socket or a device would block or never end: they are refused by type
    before any read (a symlink is followed, so a link to ``/dev/zero`` is refused too).
    """
    import os
    import stat

    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe" if stat.S_ISFIFO(info.st_mode)
                else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device" if
                stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "not a regular file")
        raise OSError(0, f"it is {kind}, not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise OSError(0, f"it is {info.st_size / 2**20:.0f} MiB; newslint reads articles up to "
                         f"{MAX_FILE_BYTES // 2**20} MiB")
    # os.read on the descriptor: a third of the cost of open() and its buffered file object.
    # O_NONBLOCK: should the path have become a pipe since the stat, opening it does not hang.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "it is not a regular file")
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, max(info.st_size + 1, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def crashed(shown: str, reason: str, trace: str = "") -> FileResult:
    """The result for a file on which newslint itself failed: one internal-error finding."""
    finding = Finding(0, 0, f"newslint failed on this file: {reason}"[:240], rule="NL999", name="internal-error",
                      severity="error", line=1, column=1, end_line=1, end_column=1)
    return FileResult(shown, [finding], errors=[f"{shown}:\n{trace or reason}"])


def _lint_bytes(path: Path, data: bytes, shown: str, st: Settings, *, fix: bool, unsafe: bool,
                diff: bool) -> FileResult:
    from . import site
    from .cache import digest

    try:
        doc = Document.from_bytes(data, str(path), **st.document_options)
    except DecodeError as exc:
        result = _unreadable(shown, str(exc), st)
        result.digest = digest(data)
        return result
    except RecursionError:
        return _unreadable(shown, "the file is nested too deeply to read", st)
    errors: list[str] = []
    result = FileResult(shown, [], errors=errors, digest=digest(data))
    result.read_digest = result.digest
    site.record()
    try:
        if fix or diff:
            fixed_doc, findings, applied = fix_document(doc, st, unsafe, errors)
            if fixed_doc.source != doc.source:
                result.fixed = applied
                result.new_data = encode(fixed_doc)
                if diff:
                    import difflib

                    # a last line without its newline gets the marker diff(1) prints, so that the
                    # output stays a patch that `patch` and `git apply` accept
                    result.diff = "".join(
                        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                        for line in difflib.unified_diff(
                            doc.source.splitlines(keepends=True), fixed_doc.source.splitlines(keepends=True),
                            f"a/{shown}", f"b/{shown}"))
            doc = fixed_doc
        else:
            findings = run_rules(doc, st, errors)
        for rule in st.rules:
            if rule.collect is not None:
                try:
                    result.summaries[rule.id] = rule.collect(doc, st.options.get(rule.id, rule.defaults))
                except Exception as exc:
                    errors.append(f"{rule.id} collect on {shown}:\n{traceback.format_exc()}")
                    findings.append(stamp(doc, _rule_failed(rule, exc, "reading this file for the cross-file check")))
    finally:
        result.probes = site.recorded()
    if result.new_data is not None:
        result.digest = digest(result.new_data)  # the findings are those of the fixed bytes
    _finish(result, doc, findings)
    return result


def _finish(result: FileResult, doc: Document, findings: list[Finding]) -> None:
    result.findings = findings
    result.lines = {f.line: doc.line_text(f.line) for f in findings if f.line}
    # The output places fix edits by line and column: those positions are worked out now, not
    # the file's whole line table kept (results are held until the run ends: memory per file)
    places = result.places
    for f in findings:
        if f.fix is not None:
            for e in f.fix.edits:
                for offset in (e.start, e.end):
                    if offset not in places:
                        places[offset] = doc.position(offset)


def _unreadable(shown: str, message: str, st: Settings) -> FileResult:
    if not any(r.id == "NL000" for r in st.rules) or "NL000" in _per_file_ignored(shown, st):
        return FileResult(shown, [])
    finding = Finding(0, 0, message, rule="NL000", name="unreadable-file", severity="error",
                      line=1, column=1, end_line=1, end_column=1)
    return FileResult(shown, [finding])


def tune_gc() -> None:
    """Collect reference cycles rarely during a run over many files (the command line calls this).

    Linting makes few cycles, but the collector's full passes walk every object alive: the
    compiled patterns, tables and dictionaries loaded at start and the results kept so far. That
    cost about 5 % of a run. Frozen objects are never walked; collections come less often."""
    import gc

    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def lint_paths(paths: Sequence[Path], st: Settings, *, fix: bool = False, unsafe: bool = False,
               diff: bool = False, progress: Callable[[FileResult], None] | None = None, jobs: int | None = 1,
               cache: "Cache | None" = None, summaries: bool = True, keep: Spill | None = None) -> Iterator[FileResult]:
    """Lint many files; results come in the order of ``paths`` whatever the scheduling.

    ``jobs`` worker processes share the files that the ``cache`` cannot answer (None: one per
    core). Corpus-wide rules run once every file's summary is in, cached or fresh. ``progress``
    is called once per file as it is done (the CLI's progress bar). With ``summaries`` false,
    the results come without their cross-file summaries (the corpus pass has used them; reading
    each back from disk costs an unpickle per file that a caller like the CLI throws away).

    ``keep``: an empty Spill of the caller's to hold the results in (left open), each under its
    index in ``paths``; a result that the cross-file pass changes is put again before it is
    yielded, so that once the stream is done ``keep`` holds every result as it was yielded. A
    caller that keeps the results for a report (the CLI) then puts again only those it changes
    itself, where it used to pickle every result into a second spill of its own.
    """
    from .files import display

    paths = list(paths)
    # Every result waits on disk for the cross-file pass and the path order (memory stays flat)
    spill = Spill() if keep is None else keep
    try:
        todo: list[int] = []
        for i, path in enumerate(paths):
            hit = _from_cache(cache, path, display(path), fix or diff, unsafe) if cache is not None else None
            if hit is None:
                todo.append(i)
            else:
                spill.put(i, hit)
                if progress is not None:
                    progress(hit)
        fresh = _run(paths, todo, st, fix=fix, unsafe=unsafe, diff=diff, jobs=jobs)
        caching = cache is not None and not diff
        for i, result in zip(todo, fresh):
            if isinstance(result, Packed):
                if not caching and progress is None:
                    spill.put_packed(i, result)  # the worker's bytes go to disk as they came
                    continue
                result = result.unpack()
            try:
                spill.put(i, result)
            except Exception as exc:  # linted in this process: a plugin's finding or summary that does not pickle
                result = crashed(result.path, f"the result could not be kept for the report: "
                                              f"{type(exc).__name__}: {exc}")
                spill.put(i, result)
            if caching:
                cache.put(paths[i], result)  # type: ignore[union-attr]
            if progress is not None:
                progress(result)
        extra = corpus_findings(spill.files(), spill.summaries, st, cache=None if diff else cache)
        if cache is not None:
            cache.save()
        in_line_order = any(r.check_corpus is not None for r in st.rules)  # cross-file findings fall in place
        for i in spill.indexes():
            result = spill.get(i)
            result.summaries = spill.summary_of(i) if summaries else {}
            added = extra.get(result.path)
            if added:
                result.findings.extend(added.findings)
                result.errors.extend(added.errors)
            if in_line_order:
                result.findings.sort(key=_finding_order)
            if keep is not None and (added or (in_line_order and len(result.findings) > 1)):
                keep.put(i, result)  # changed from what the spill holds, or maybe reordered: kept as yielded
            yield result
    finally:
        if keep is None:
            spill.close()


def _finding_order(f: Finding) -> tuple[int, int, str, str]:
    return (f.line, f.column, f.rule, f.message)


def _from_cache(cache: "Cache", path: Path, shown: str, fixing: bool, unsafe: bool) -> FileResult | None:
    """A cached result for the file as it is now; when fixing, only one that has nothing to fix."""
    hit = cache.lookup(path, shown)
    if hit is not None and fixing and choose_fixes(hit.findings, unsafe):
        return None  # there is something to fix: the fix loop needs the document
    return hit


# -- worker processes -------------------------------------------------------------------------
# Each worker builds its Settings once, from the (picklable) config: rule objects from plugins
# and packs need not pickle. What the caller changed on its rules after building them (the
# CLI's --cross-file drops or replaces a rule's functions) travels as a small shape.

_WORKER: dict[str, Any] = {}
CHUNK = 16  # files per task: small enough to balance the workers, big enough to keep the pipes quiet
AHEAD = 4  # chunks handed out per worker before the first answer is read
POOL_MIN = 4  # with fewer files than this per worker, lint in this process (no pool start-up)
_OWN = "own"  # in a rule shape: the worker's own function (the caller's does not pickle)


def _shape(rules: Sequence[Rule]) -> list[tuple[str, Any, Any, Any]]:
    """Each rule's ID and functions, as far as they pickle (else: rebuild it in the worker)."""
    import pickle

    def portable(fn: Any) -> Any:
        if fn is None:
            return None
        try:
            pickle.dumps(fn)
        except Exception:
            return _OWN
        return fn

    return [(r.id, portable(r.check), portable(r.collect), portable(r.check_corpus)) for r in rules]


def _init_worker(config: Config, shape: list[tuple[str, Any, Any, Any]], options: dict[str, bool],
                 state: Any = None) -> None:
    st = settings(config)
    own = {r.id: r for r in st.available} | {r.id: r for r in st.rules}
    rules = []
    for rid, check, collect, check_corpus in shape:
        rule = own[rid]
        changes = {name: value for name, value in (("check", check), ("collect", collect),
                                                    ("check_corpus", check_corpus)) if value != _OWN}
        rules.append(dataclasses.replace(rule, **changes))
    st.rules = rules
    tune_gc()
    _WORKER["settings"] = st
    _WORKER["options"] = options
    _WORKER["state"] = state


def _work(chunk: list[tuple[int, str, str]]) -> list[Packed]:
    st = _WORKER["settings"]
    state = _WORKER.get("state")
    out = []
    for k, p, shown in chunk:
        if state is not None:
            state[k] = _STARTED  # if this process dies now, the parent knows which file it was on
        out.append(_pack(lint_file(Path(p), st, display=shown, **_WORKER["options"])))
        if state is not None:
            state[k] = _DONE
    return out


def _pack(result: FileResult) -> Packed:
    """The result as a worker sends it: pickled (see spill.Packed); one that does not pickle
    (a plugin's finding or summary) becomes an internal error on its file."""
    try:
        return Packed.of(result)
    except Exception as exc:
        return Packed.of(crashed(result.path, f"the result could not be sent back from the worker process: "
                                              f"{type(exc).__name__}: {exc}"))


_STARTED, _DONE = 1, 2


def default_jobs() -> int:
    """One worker per core this process may use."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _run(paths: Sequence[Path], todo: list[int], st: Settings, *, fix: bool, unsafe: bool, diff: bool,
         jobs: int | None) -> Iterator[FileResult | Packed]:
    from .files import display

    jobs = default_jobs() if jobs is None or jobs < 1 else jobs
    jobs = min(jobs, max(1, len(todo) // POOL_MIN))
    options = {"fix": fix, "unsafe": unsafe, "diff": diff}
    if jobs <= 1:
        for i in todo:
            yield lint_file(paths[i], st, display=display(paths[i]), **options)
        return
    yield from _pool_run(_Items(paths, todo), st, options, jobs)


class _Items(Sequence[tuple[str, str]]):
    """(path, display) of the files to lint, made when a chunk is handed out, not all at once."""

    def __init__(self, paths: Sequence[Path], todo: list[int]) -> None:
        self._paths, self._todo = paths, todo

    def __len__(self) -> int:
        return len(self._todo)

    def __getitem__(self, k: int) -> tuple[str, str]:  # type: ignore[override]
        from .files import display

        path = self._paths[self._todo[k]]
        return str(path), display(path)


def _context() -> Any:
    import multiprocessing

    # fork starts a worker in milliseconds with everything imported; elsewhere the platform default
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and _fork_safe() else None
    return multiprocessing.get_context(method)


def _pool_run(items: Sequence[tuple[str, str]], st: Settings, options: dict[str, bool],
              jobs: int) -> Iterator[FileResult | Packed]:
    """Lint ``items`` (path, display) in worker processes; results in order.

    A worker process that dies (a segfault in a C extension, the kernel's out-of-memory killer,
    a plugin calling ``os._exit``) breaks the pool. Each worker marks the file it starts and
    finishes in shared memory, so the parent knows which files were in flight: those are run
    again alone, each in a process of its own, and the one that dies again gets an
    internal-error finding. Files not yet started go to a fresh pool. The run never stops.
    """
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .patterns import warm

    warm()  # (compiled here once, not in each forked worker: see patterns.py)
    ctx = _context()
    n = len(items)
    results: dict[int, FileResult | Packed] = {}  # done, not yet handed on (handed on: dropped, memory stays flat)
    finished = bytearray(n)
    state = ctx.Array("b", n, lock=False)
    shape = _shape(st.rules)
    initargs = (st.config, shape, options, state)
    emitted = 0
    pending = list(range(n))
    while pending:
        chunks = [pending[k:k + CHUNK] for k in range(0, len(pending), CHUNK)]
        broken: list[int] = []
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=initargs) as pool:
            # a few chunks per worker in flight: enough to keep them busy, and what waits is small
            ahead = iter(chunks)
            futures: deque[tuple[list[int], Any]] = deque()

            def submit() -> None:
                chunk = next(ahead, None)
                if chunk is not None:
                    try:
                        futures.append((chunk, pool.submit(_work, [(k, *items[k]) for k in chunk])))
                    except BrokenProcessPool:
                        broken.extend(chunk)
                        broken.extend(k for rest in ahead for k in rest)

            for _ in range(jobs * AHEAD):
                submit()
            while futures:
                chunk, future = futures.popleft()  # a future holds its answer: let it go once read
                submit()
                try:
                    batch = future.result()
                except BrokenProcessPool:
                    broken.extend(chunk)
                    continue
                except Exception:  # the worker ran but its answer did not come back (say, it did not pickle)
                    broken.extend(chunk)
                    for k in chunk:
                        state[k] = _STARTED
                    continue
                for k, result in zip(chunk, batch):
                    results[k] = result
                    finished[k] = 1
                while emitted < n and finished[emitted]:
                    yield results.pop(emitted)
                    emitted += 1
        suspects = [k for k in broken if not finished[k] and state[k] == _STARTED]
        if broken and not suspects:  # broken before any file started: isolate the first to make progress
            suspects = [k for k in broken if not finished[k]][:1]
        for k in suspects:
            results[k] = _isolated(ctx, initargs, k, items[k])
            finished[k] = 1
        pending = [k for k in pending if not finished[k]]
        for k in pending:
            state[k] = 0
        while emitted < n and finished[emitted]:
            yield results.pop(emitted)
            emitted += 1


def _isolated(ctx: Any, initargs: tuple[Any, ...], k: int, item: tuple[str, str]) -> FileResult | Packed:
    """Lint one file in a process of its own; an internal-error finding if that process dies."""
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_isolated_main, args=(send, initargs, k, item), daemon=True)
    process.start()
    send.close()
    try:
        result = receive.recv()
    except (EOFError, OSError):
        result = None
    except Exception as exc:  # the answer arrived but could not be read back
        result = crashed(item[1], f"the result could not be sent back from the worker process: "
                                  f"{type(exc).__name__}: {exc}")
    finally:
        receive.close()
    process.join()
    if isinstance(result, (FileResult, Packed)):
        return result
    if isinstance(result, str):  # the worker's own description of what failed
        return crashed(item[1], result)
    code = process.exitcode
    how = (f"killed by signal {-code} ({_signal_name(-code)})" if code is not None and code < 0
           else f"exit code {code}")
    return crashed(item[1], f"the worker process linting this file died ({how}); nothing was written to it")


def _isolated_main(send: Any, initargs: tuple[Any, ...], k: int, item: tuple[str, str]) -> None:
    try:
        _init_worker(*initargs[:3])
        result: Any = _work([(k, *item)])[0]
        try:
            send.send(result)
        except Exception as exc:
            send.send(f"the result could not be sent back from the worker process: {type(exc).__name__}: {exc}")
    finally:
        send.close()


def _signal_name(number: int) -> str:
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return "unknown signal"


def _fork_safe() -> bool:
    """fork is safe on Linux while this process runs no other thread."""
    import sys
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


@dataclass
class _Added:
    """What the cross-file pass adds to one file's result."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def corpus_findings(files: Sequence[tuple[str, str]], summaries: Callable[[str], Mapping[str, Any]], st: Settings,
                    cache: "Cache | None" = None) -> dict[str, _Added]:
    """Run the rules that look across files over the per-file summaries: path → what they add.

    ``files`` are the run's (path, content digest) in path order; ``summaries(rule_id)`` maps
    path → that rule's summary. With a ``cache``, a corpus pass over exactly the same files with
    the same contents (so the same summaries) is not run again: its findings were stored with
    the index.
    """
    corpus_rules = [r for r in st.rules if r.check_corpus is not None]
    added: dict[str, _Added] = {}
    if not corpus_rules:
        return added
    known_paths = {path for path, _ in files}
    key = cache.corpus_key(files) if cache is not None else None
    known = cache.corpus_findings(key) if cache is not None and key is not None else {}
    fresh: dict[str, list[tuple[str, Finding]]] = {}
    for rule in corpus_rules:
        opts = st.options.get(rule.id, rule.defaults)
        try:
            if rule.id in known:
                produced = known[rule.id]
            else:
                produced = fresh[rule.id] = list(rule.check_corpus(summaries(rule.id), opts))  # type: ignore[misc]
        except Exception as exc:
            key = None  # a failed pass is never remembered
            if files:
                first = added.setdefault(files[0][0], _Added())
                first.errors.append(traceback.format_exc())
                first.findings.append(Finding(0, 0, f"rule {rule.id} ({rule.name}) failed across files: "
                                              f"{type(exc).__name__}: {exc}"[:240], rule="NL999",
                                              name="internal-error", severity="error", line=1, column=1,
                                              end_line=1, end_column=1))
            continue
        severity = opts.get("severity", rule.severity)
        for path, f in produced:
            if path not in known_paths or rule.id in _per_file_ignored(path, st):
                continue
            added.setdefault(path, _Added()).findings.append(
                dataclasses.replace(f, rule=rule.id, name=rule.name, severity=f.severity or severity))
    if cache is not None and key is not None and fresh:
        cache.remember_corpus(key, {**known, **fresh})
    return added


def fails(findings: Iterable[Finding], threshold: str) -> bool:
    """Is any finding at or above the fail-on severity?"""
    bar = severity_rank(threshold)
    return any(severity_rank(f.severity) >= bar for f in findings)
