"""Run the enabled rules over documents, apply fixes to a fixed point, lint many files.

One file's way: read bytes → decode → Document (front matter split and parsed) → every enabled
rule → stamp rule, severity and position → drop what suppression comments and per-file-ignores
hide → sort. Fixing loops: lint → take the allowed fixes in order, skipping any that overlaps
one already taken → apply in one pass → lint again, until nothing changes (at most
``MAX_PASSES``). A fixed text is kept only if its front matter still parses.
"""

from __future__ import annotations

import dataclasses
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from . import config as config_mod
from . import suppress
from .config import Config
from .document import DEFAULT_PROSE_FIELDS, DecodeError, Document
from .model import Edit, Finding, Fix, Rule, severity_rank

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
    line_starts: list[int] = field(default_factory=list)  # for placing fix edits in output
    errors: list[str] = field(default_factory=list)  # tracebacks of internal errors (--verbose)
    summaries: dict[str, Any] = field(default_factory=dict)  # rule ID → collect() result
    digest: str = ""  # content hash of the bytes linted (empty when the file could not be read)
    probes: dict[str, bool] = field(default_factory=dict)  # site.exists answers the findings rely on
    cached: bool = False  # served from the cache

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in this file's text."""
        import bisect

        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


# -- one document -----------------------------------------------------------------------------


def run_rules(doc: Document, st: Settings, errors: list[str] | None = None) -> list[Finding]:
    """Every enabled rule on one document: stamped, suppressed, per-file-ignored and sorted."""
    findings: list[Finding] = []
    ignored = _per_file_ignored(doc.path, st)
    for rule in st.rules:
        if rule.id in ignored:
            continue
        opts = st.options.get(rule.id, rule.defaults)
        try:
            produced = list(rule.check(doc, opts))
        except Exception as exc:  # a rule must never take the run down
            if errors is not None:
                errors.append(f"{rule.id} ({rule.name}) on {doc.path or '<text>'}:\n{traceback.format_exc()}")
            reason = f"{type(exc).__name__}: {exc}"[:200]
            findings.append(Finding(0, 0, f"rule {rule.id} ({rule.name}) failed on this file: {reason}",
                                    rule="NL999", name="internal-error", severity="error"))
            continue
        severity = opts.get("severity", rule.severity)
        for f in produced:
            findings.append(dataclasses.replace(f, rule=rule.id, name=rule.name, severity=f.severity or severity))
    findings = [stamp(doc, f) for f in findings]
    hidden = suppress.parse(doc)
    if hidden:
        findings = [f for f in findings if f.rule == "NL999" or not hidden.hides(f)]
    findings.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
    return findings


def stamp(doc: Document, f: Finding) -> Finding:
    """Give a finding its 1-based line/column span and the offending text."""
    n = len(doc.text)
    start = min(max(f.start, 0), n)
    end = min(max(f.end, start), n)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return dataclasses.replace(f, start=start, end=end, line=line, column=column, end_line=end_line,
                               end_column=end_column, fragment=doc.text[start:end][:FRAGMENT_LIMIT])


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
    """The allowed fixes in order of position, skipping any that overlaps one already taken."""
    candidates = sorted((f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)),
                        key=lambda fx: (fx.start, fx.end))
    taken: list[Edit] = []
    chosen: list[Fix] = []
    for fix in candidates:
        if any(_overlap(a, b) for a in fix.edits for b in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


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


def fix_document(doc: Document, st: Settings, unsafe: bool = False,
                 errors: list[str] | None = None) -> tuple[Document, list[Finding], int]:
    """Fix to a fixed point; return the final document, its remaining findings and the fix count."""
    applied = 0
    findings = run_rules(doc, st, errors)
    for _ in range(MAX_PASSES):
        fixes = choose_fixes(findings, unsafe)
        if not fixes:
            break
        new_doc = _rebuild(doc, apply_fixes(doc, fixes), st)
        if _broke_front_matter(doc, new_doc, _keys_may_change(doc, fixes)):
            # a fix inside the front matter broke it: retry with its safe fixes, then body fixes only
            # (the unsafe ones, which may rename or delete keys, get a pass of their own later)
            for keep in (lambda fx: fx.safe or fx.start >= doc.body_start, lambda fx: fx.start >= doc.body_start):
                retry = [fx for fx in fixes if keep(fx)]
                new_doc = _rebuild(doc, apply_fixes(doc, retry), st) if retry else doc
                if retry and retry != fixes and not _broke_front_matter(doc, new_doc):
                    break
            else:
                break
            fixes = retry
        if new_doc.source == doc.source:
            break
        applied += len(fixes)
        doc = new_doc
        findings = run_rules(doc, st, errors)
    return doc, findings, applied


def _rebuild(doc: Document, source: str, st: Settings) -> Document:
    return Document(source, doc.path, doc.encoding, **st.document_options)


def _broke_front_matter(before: Document, after: Document, keys_may_change: bool = False) -> bool:
    """Did the front matter go from parsable to not, or lose or gain keys (unless allowed)?"""
    a, b = before.front_matter, after.front_matter
    if a is None or a.data is None:
        return False
    if b is None or b.data is None or b.errors:
        return True
    if isinstance(a.data, dict) and not isinstance(b.data, dict):
        return True
    return not keys_may_change and isinstance(a.data, dict) and list(a.data) != list(b.data)


def _keys_may_change(doc: Document, fixes: Sequence[Fix]) -> bool:
    """Only unsafe fixes touch the front matter: they may rename or delete a key (opted in)."""
    return all(not fx.safe for fx in fixes if fx.start < doc.body_start)


def encode(doc: Document) -> bytes:
    """The document's source as bytes in its original encoding, BOM included."""
    return doc.encoding.bom + doc.source.encode(doc.encoding.name)


# -- files ------------------------------------------------------------------------------------


def lint_file(path: Path, st: Settings, *, fix: bool = False, unsafe: bool = False, diff: bool = False,
              display: str | None = None) -> FileResult:
    """Lint (and with ``fix`` or ``diff``, fix) one file. Never raises for a bad file."""
    shown = display or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _unreadable(shown, f"cannot read the file: {reason}", st)
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
    site.record()
    if fix or diff:
        fixed_doc, findings, applied = fix_document(doc, st, unsafe, errors)
        if fixed_doc.source != doc.source:
            result.fixed = applied
            result.new_data = encode(fixed_doc)
            if diff:
                import difflib

                result.diff = "".join(difflib.unified_diff(
                    doc.source.splitlines(keepends=True), fixed_doc.source.splitlines(keepends=True),
                    f"a/{shown}", f"b/{shown}"))
        doc = fixed_doc
    else:
        findings = run_rules(doc, st, errors)
    for rule in st.rules:
        if rule.collect is not None:
            try:
                result.summaries[rule.id] = rule.collect(doc, st.options.get(rule.id, rule.defaults))
            except Exception:
                errors.append(f"{rule.id} collect on {shown}:\n{traceback.format_exc()}")
    result.probes = site.recorded()
    if result.new_data is not None:
        result.digest = digest(result.new_data)  # the findings are those of the fixed bytes
    _finish(result, doc, findings)
    return result


def _finish(result: FileResult, doc: Document, findings: list[Finding]) -> None:
    result.findings = findings
    result.lines = {f.line: doc.line_text(f.line) for f in findings if f.line}
    if any(f.fix is not None for f in findings):
        result.line_starts = doc.line_starts


def _unreadable(shown: str, message: str, st: Settings) -> FileResult:
    if not any(r.id == "NL000" for r in st.rules) or "NL000" in _per_file_ignored(shown, st):
        return FileResult(shown, [])
    finding = Finding(0, 0, message, rule="NL000", name="unreadable-file", severity="error",
                      line=1, column=1, end_line=1, end_column=1)
    return FileResult(shown, [finding])


def lint_paths(paths: Sequence[Path], st: Settings, *, fix: bool = False, unsafe: bool = False,
               diff: bool = False, progress: Callable[[FileResult], None] | None = None, jobs: int | None = 1,
               cache: "Cache | None" = None) -> Iterator[FileResult]:
    """Lint many files; results come in the order of ``paths`` whatever the scheduling.

    ``jobs`` worker processes share the files that the ``cache`` cannot answer (None: one per
    core). Corpus-wide rules run once every file's summary is in, cached or fresh. ``progress``
    is called once per file as it is done (the CLI's progress bar).
    """
    from .files import display

    paths = list(paths)
    results: list[FileResult | None] = [None] * len(paths)
    todo: list[int] = []
    for i, path in enumerate(paths):
        hit = _from_cache(cache, path, display(path), fix or diff, unsafe) if cache is not None else None
        if hit is None:
            todo.append(i)
        else:
            results[i] = hit
            if progress is not None:
                progress(hit)
    fresh = _run(paths, todo, st, fix=fix, unsafe=unsafe, diff=diff, jobs=jobs)
    for i, result in zip(todo, fresh):
        results[i] = result
        if cache is not None and not diff:
            cache.put(paths[i], result)
        if progress is not None:
            progress(result)
    if cache is not None:
        cache.save()
    yield from with_corpus_findings([r for r in results if r is not None], st)


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


def _init_worker(config: Config, shape: list[tuple[str, Any, Any, Any]], options: dict[str, bool]) -> None:
    st = settings(config)
    own = {r.id: r for r in st.available} | {r.id: r for r in st.rules}
    rules = []
    for rid, check, collect, check_corpus in shape:
        rule = own[rid]
        changes = {name: value for name, value in (("check", check), ("collect", collect),
                                                    ("check_corpus", check_corpus)) if value != _OWN}
        rules.append(dataclasses.replace(rule, **changes))
    st.rules = rules
    _WORKER["settings"] = st
    _WORKER["options"] = options


def _work(chunk: list[tuple[str, str]]) -> list[FileResult]:
    st = _WORKER["settings"]
    return [lint_file(Path(p), st, display=shown, **_WORKER["options"]) for p, shown in chunk]


def default_jobs() -> int:
    """One worker per core this process may use."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _run(paths: Sequence[Path], todo: list[int], st: Settings, *, fix: bool, unsafe: bool, diff: bool,
         jobs: int | None) -> Iterator[FileResult]:
    from .files import display

    jobs = default_jobs() if jobs is None or jobs < 1 else jobs
    jobs = min(jobs, max(1, len(todo) // POOL_MIN))
    options = {"fix": fix, "unsafe": unsafe, "diff": diff}
    if jobs <= 1:
        for i in todo:
            yield lint_file(paths[i], st, display=display(paths[i]), **options)
        return
    import multiprocessing

    # fork starts a worker in milliseconds with everything imported; elsewhere the platform default
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and _fork_safe() else None
    ctx = multiprocessing.get_context(method)
    items = [(str(paths[i]), display(paths[i])) for i in todo]
    chunks = [items[k:k + CHUNK] for k in range(0, len(items), CHUNK)]
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(st.config, _shape(st.rules), options)) as pool:
        for batch in pool.imap(_work, chunks):
            yield from batch


def _fork_safe() -> bool:
    """fork is safe on Linux while this process runs no other thread."""
    import sys
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def with_corpus_findings(results: list[FileResult], st: Settings) -> list[FileResult]:
    """Run the rules that look across files over the per-file summaries and merge their findings."""
    corpus_rules = [r for r in st.rules if r.check_corpus is not None]
    if not corpus_rules:
        return results
    by_path = {r.path: r for r in results}
    for rule in corpus_rules:
        summaries = {r.path: r.summaries[rule.id] for r in results if rule.id in r.summaries}
        opts = st.options.get(rule.id, rule.defaults)
        try:
            produced = list(rule.check_corpus(summaries, opts))  # type: ignore[misc]
        except Exception as exc:
            first = results[0] if results else None
            if first is not None:
                first.errors.append(traceback.format_exc())
                first.findings.append(Finding(0, 0, f"rule {rule.id} ({rule.name}) failed across files: "
                                              f"{type(exc).__name__}: {exc}"[:240], rule="NL999",
                                              name="internal-error", severity="error", line=1, column=1,
                                              end_line=1, end_column=1))
            continue
        severity = opts.get("severity", rule.severity)
        for path, f in produced:
            target = by_path.get(path)
            if target is None or rule.id in _per_file_ignored(path, st):
                continue
            target.findings.append(dataclasses.replace(f, rule=rule.id, name=rule.name,
                                                       severity=f.severity or severity))
    for r in results:
        r.findings.sort(key=lambda f: (f.line, f.column, f.rule, f.message))
    return results


def fails(findings: Iterable[Finding], threshold: str) -> bool:
    """Is any finding at or above the fail-on severity?"""
    bar = severity_rank(threshold)
    return any(severity_rank(f.severity) >= bar for f in findings)
