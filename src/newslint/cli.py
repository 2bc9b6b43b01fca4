"""The command line: ``newslint check``, ``newslint rules``, ``newslint rule ID``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 something is (or, with ``--fix``, something
was fixed or remains; with ``--diff``, the diff is not empty); 2 a usage or config error, or an
internal error in a rule.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Sequence

import click

from . import __version__

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")  # report.FORMATS, without importing it


def _split(values: Sequence[str]) -> tuple[str, ...] | None:
    """`--select NL1,NL2 --select NL3` → ("NL1", "NL2", "NL3"); None when not given."""
    if not values:
        return None
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"newslint: error: {message}", err=True)
    return click.exceptions.Exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """newslint: lint and fix news articles in Markdown with front matter."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, include unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text for people, json, sarif (code scanning), github (Actions annotations), "
                   "junit (CI test reports), gitlab (Code Quality).")
@click.option("--statistics", is_flag=True, help="Print a table of findings per rule (how many, how many fixable) "
                                                 "instead of the findings.")
@click.option("--select", multiple=True, help="Rules to run (IDs, names, ID prefixes, ALL); replaces the config.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that fails the run (default: warning, or the config's).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Use this config file instead of searching for one.")
@click.option("--check-links", is_flag=True,
              help="Check that http(s) links are alive (the dead-link rule; uses the network, results cached).")
@click.option("--force-exclude", is_flag=True, help="Apply exclude globs to files named on the command line too.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Report only findings that are not in this baseline (see `newslint baseline write`).")
@click.option("--changed-since", metavar="REF", default=None,
              help="Lint only files changed since this git ref (committed, staged, unstaged, untracked).")
@click.option("--cross-file", type=click.Choice(["yes", "no", "only"]), default="yes", show_default=True,
              help="Rules that compare articles across the tree: run them too, skip them (the per-file "
                   "pre-commit hooks), or run only them (the whole-tree hook).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (2 still means an error).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: one per core; 1 = none).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the result cache lives (default: .newslint_cache beside the config).")
@click.option("-q", "--quiet", is_flag=True, help="Findings only: no snippets, no progress, no summary when clean.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths: tuple[str, ...], fix: bool, unsafe_fixes: bool, diff: bool, fmt: str, statistics: bool,
          select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          config_file: Path | None, check_links: bool, force_exclude: bool, baseline_file: Path | None,
          changed_since: str | None, cross_file: str, exit_zero: bool, jobs: int | None, no_cache: bool, cache_dir: Path | None,
          quiet: bool, verbose: bool) -> None:
    """Lint articles (files or folders; default: the current folder)."""
    from . import engine, files, report
    from .baseline import Baseline, BaselineError

    if statistics and fmt not in ("text", "json"):
        raise _fail("--statistics prints a table (--format text) or JSON (--format json)")
    if check_links:  # the dead-link rule is off by default: it goes to the network
        extend_select = (*extend_select, "dead-link")
    config, st, chosen = _prepare(paths, config_file, select, extend_select, ignore, fail_on=fail_on,
                                  force_exclude=force_exclude, changed_since=changed_since, cross_file=cross_file)
    known = None
    if baseline_file is not None:
        try:
            known = Baseline.load(baseline_file)
        except BaselineError as exc:
            raise _fail(str(exc)) from None
    fixing = fix and not diff
    cache = None
    if not no_cache and config.raw.get("cache", True):
        from .cache import Cache

        cache = Cache.open(st, cache_dir)
    engine.tune_gc()
    from .spill import Spill

    # Each result is acted on as it comes (its diff printed, its fix written, the baseline
    # applied), then kept on disk for the report: memory stays flat however many files. The
    # engine keeps them in this spill already; one is put again only when it is changed here.
    results = Spill()
    out = report.stream("stdout")
    unwritten = False
    hidden = stale = 0
    outcome = _Outcome(config.fail_on, fixing=fixing, diff=diff)
    with _progress_bar(len(chosen), quiet or diff) as bar:
        stream = engine.lint_paths(chosen, st, fix=fixing, unsafe=unsafe_fixes, diff=diff, jobs=jobs, cache=cache,
                                   summaries=False, progress=(lambda _: bar.update(1)) if bar is not None else None,
                                   keep=None if diff else results)
        for i, (r, path) in enumerate(zip(stream, chosen)):
            changed = r.new_data is not None or known is not None
            if diff:
                out.write(r.diff)
            elif r.new_data is not None:
                try:
                    files.write_atomic(path, r.new_data, expected=r.read_digest or None)
                except OSError as exc:
                    click.echo(f"newslint: error: {r.path}: could not write the fixed file: {exc.strerror}", err=True)
                    r.fixed = 0
                    unwritten = True
            r.new_data = None  # written: the report does not need the bytes
            if known is not None and not diff:
                file_hidden, file_stale = known.apply([r], [path])
                hidden, stale = hidden + file_hidden, stale + file_stale
            outcome.add(r)
            if changed and not diff:  # (--diff prints no report)
                results.put(i, r)
    if diff:
        sys.exit(outcome.code(exit_zero))
    run = report.Run(results, rules=st.rules, catalog=st.available, files_checked=len(chosen), fixing=fixing,
                     unsafe=unsafe_fixes, baseline_hidden=hidden, baseline_stale=stale)
    if statistics:
        from .report.statistics import write_statistics

        write_statistics(run, out, fmt=fmt)
    else:
        report.write(fmt, run, out, color=report.use_color(out), quiet=quiet)
    if verbose:
        for r in results:
            for trace in r.errors:
                click.echo(trace, err=True)
    code = outcome.code(exit_zero)
    sys.exit(max(code, 1) if unwritten else code)  # a fix that could not be written is not done


def _prepare(paths: Sequence[str], config_file: Path | None, select: Sequence[str], extend_select: Sequence[str],
             ignore: Sequence[str], *, fail_on: str | None = None, force_exclude: bool = False,
             changed_since: str | None = None, cross_file: str = "yes") -> tuple[Any, Any, list[Path]]:
    """Config, settings and the files to lint, from the options `check` and `baseline write` share."""
    from . import engine, files
    from .config import ConfigError, load

    targets = list(paths) or ["."]
    try:
        config = load(config_file, start=Path(targets[0]))
        config = config.with_overrides(
            select=_split(select), fail_on=fail_on,
            extend_select=(config.extend_select + _split(extend_select)) if extend_select else None,  # type: ignore[operator]
            ignore=(config.ignore + _split(ignore)) if ignore else None)  # type: ignore[operator]
        st = engine.settings(config)
        chosen = files.discover(targets, config, force_exclude=force_exclude)
    except (ConfigError, files.PathError) as exc:
        raise _fail(str(exc)) from None
    if cross_file != "yes":
        st.rules = _cross_file_scope(st.rules, cross_file)
    if changed_since is not None:
        import os

        from .vcs import GitError, changed_files

        try:
            changed = {os.path.realpath(p) for p in changed_files(changed_since, Path(targets[0]))}
        except GitError as exc:
            raise _fail(str(exc)) from None
        chosen = [p for p in chosen if os.path.realpath(p) in changed]
    return config, st, chosen


def _no_findings(doc: Any, opts: Any) -> tuple[()]:
    """The per-file check of a rule when only its cross-file part runs."""
    return ()


def _cross_file_scope(rules: Sequence[Any], mode: str) -> list[Any]:
    """Rules for --cross-file no (drop the corpus pass) or only (keep just the corpus pass)."""
    import dataclasses

    if mode == "no":
        return [dataclasses.replace(r, collect=None, check_corpus=None) if r.check_corpus else r for r in rules]
    return [dataclasses.replace(r, check=_no_findings) for r in rules if r.check_corpus is not None]


PROGRESS_MIN_FILES = 100  # fewer files finish before a bar would tell anything


def _progress_bar(total: int, quiet: bool) -> Any:
    """A progress bar on stderr for long runs at a terminal; a no-op context otherwise (CI, pipes, -q)."""
    import contextlib
    import os

    interactive = sys.stdout.isatty() and sys.stderr.isatty()
    if quiet or total < PROGRESS_MIN_FILES or not interactive or os.environ.get("CI") \
            or os.environ.get("TERM") == "dumb":
        return contextlib.nullcontext(None)

    @contextlib.contextmanager
    def bar() -> Any:
        with click.progressbar(length=total, label="Linting", file=sys.stderr, show_pos=True,
                               show_eta=True, width=30) as progress:
            yield progress
        sys.stderr.write("\r\x1b[2K")  # clear the bar's line: the report starts clean
        sys.stderr.flush()

    return bar()


class _Outcome:
    """The exit code, worked out as the results stream past (they are not walked again)."""

    def __init__(self, fail_on: str, *, fixing: bool, diff: bool) -> None:
        self.fail_on, self.fixing, self.diff = fail_on, fixing, diff
        self.crashed = self.failing = self.changed = False

    def add(self, r: Any) -> None:
        from .engine import fails

        self.changed = self.changed or bool(r.diff if self.diff else (self.fixing and r.fixed))
        self.crashed = self.crashed or any(f.rule == "NL999" for f in r.findings)
        self.failing = self.failing or fails(r.findings, self.fail_on)

    def code(self, exit_zero: bool) -> int:
        if self.crashed:
            return 2
        if exit_zero:
            return 0
        return 1 if self.changed or self.failing else 0


@main.group()
def baseline() -> None:
    """Record today's findings so that `check --baseline FILE` reports only new ones."""


@baseline.command("write")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--select", multiple=True, help="Rules to run (IDs, names, ID prefixes, ALL); replaces the config.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Use this config file instead of searching for one.")
def baseline_write(file: Path, paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...],
                   ignore: tuple[str, ...], config_file: Path | None) -> None:
    """Write FILE with every finding in PATHS (default: the current folder), replacing it.

    Commit FILE; `newslint check --baseline FILE` then reports only findings that are not in it.
    Findings are matched by file, rule and a hash of the offending text with a little context,
    so edits elsewhere in an article do not bring its old findings back.
    """
    from . import engine
    from . import baseline as baseline_mod

    _, st, chosen = _prepare(paths, config_file, select, extend_select, ignore)
    with _progress_bar(len(chosen), False) as bar:
        results = list(engine.lint_paths(chosen, st, summaries=False,
                                         progress=(lambda _: bar.update(1)) if bar is not None else None))
    try:
        count = baseline_mod.write(results, chosen, file)
    except OSError as exc:
        raise _fail(f"{file}: cannot write the baseline: {exc.strerror}") from None
    with_findings = sum(1 for r in results if r.findings)
    where = (f"{with_findings:,} file{'s' if with_findings != 1 else ''}" if with_findings == len(chosen)
             else f"{with_findings:,} of {len(chosen):,} files")
    click.echo(f"Wrote {count:,} finding{'s' if count != 1 else ''} in {where} to {file}.")
    if any(f.rule == "NL999" for r in results for f in r.findings):
        sys.exit(2)


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--pre-commit", "pre_commit", is_flag=True,
              help="Also write .pre-commit-config.yaml with the newslint hooks.")
@click.option("--print-pre-commit", is_flag=True,
              help="Only print the .pre-commit-config.yaml snippet (to add to an existing file); write nothing.")
def init(folder: Path, pre_commit: bool, print_pre_commit: bool) -> None:
    """Write a commented starter newslint.toml in FOLDER (default: here); never overwrites."""
    from . import starter

    if print_pre_commit:
        click.echo(starter.pre_commit_snippet(), nl=False)
        return
    wanted = {folder / "newslint.toml": starter.config_text()}
    if pre_commit:
        wanted[folder / ".pre-commit-config.yaml"] = starter.pre_commit_config()
    toml = folder / "newslint.toml"
    kept = pre_commit and toml.exists() and not (folder / ".pre-commit-config.yaml").exists()
    if kept:  # adding the hooks to a project that already has its config: keep the config
        del wanted[toml]
    existing = [str(p) for p in wanted if p.exists()]
    if existing:
        hint = ("; `newslint init --print-pre-commit` prints the hooks to add to it"
                if any(p.endswith(".pre-commit-config.yaml") for p in existing) else "")
        raise _fail(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; not overwriting{hint}")
    folder.mkdir(parents=True, exist_ok=True)
    if kept:
        click.echo(f"Kept the existing {toml}")
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {path}")
    if pre_commit:
        click.echo("Next: `pre-commit install`, then `pre-commit run --all-files` once.")


@main.command("names")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--write-dictionary", "stub", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the clusters to FILE as a names dictionary stub (names.yaml format).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Use this config file instead of searching for one.")
def names_command(paths: tuple[str, ...], stub: Path | None, config_file: Path | None) -> None:
    """Show how names are spelt across the articles: every surname spelt more than one way."""
    from . import engine, files
    from .config import ConfigError, load
    from .names import corpus, dictionary_of

    targets = list(paths) or ["."]
    try:
        config = load(config_file, start=Path(targets[0]))
        st = engine.settings(config)
        chosen = files.discover(targets, config)
    except (ConfigError, files.PathError) as exc:
        raise _fail(str(exc)) from None
    names = dictionary_of(st.options.get("NL153", {}))
    found = corpus.clusters(corpus.survey_tree(chosen, st))
    click.echo(corpus.format_clusters(found, names))
    if stub is not None:
        try:
            stub.write_text(corpus.dictionary_stub(found, names), encoding="utf-8")
        except OSError as exc:
            raise _fail(f"{stub}: cannot write the dictionary: {exc.strerror}") from None
        click.echo(f"Wrote {stub}", err=True)


@main.command("rules")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None)
def list_rules(config_file: Path | None) -> None:
    """List every rule: ID, name, fixable, default severity, whether on by default, summary."""
    from . import engine
    from .config import ConfigError, load

    try:
        config = load(config_file, start=Path("."))
        available = engine.available_rules(config)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    groups: dict[str, list[Any]] = {}  # built-ins first, then each pack and plugin under its origin
    for r in available:
        groups.setdefault(r.origin, []).append(r)
    for n, (origin, rules) in enumerate(groups.items()):
        if n:
            click.echo(f"\n{origin}")
        width = max((len(r.name) for r in rules), default=10)
        idw = max((len(r.id) for r in rules), default=5)
        click.echo(f"{'ID':<{idw}}  {'NAME':<{width}}  FIX  {'SEVERITY':<8}  ON   SUMMARY")
        for r in sorted(rules, key=lambda r: r.id):
            fixable = "yes" if r.fixable else "-"
            on = "yes" if r.enabled else "no"
            click.echo(f"{r.id:<{idw}}  {r.name:<{width}}  {fixable:<3}  {r.severity:<8}  {on:<3}  {r.summary}")


@main.command("rule")
@click.argument("key")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None)
def show_rule(key: str, config_file: Path | None) -> None:
    """Show one rule's documentation (by ID or name) with its options."""
    from . import engine
    from .config import ConfigError, load

    try:
        config = load(config_file, start=Path("."))
        available = engine.available_rules(config)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    wanted = key.strip().lower()
    for r in available:
        if wanted in (r.id.lower(), r.name.lower()):
            click.echo(f"{r.id} [{r.name}]  severity: {r.severity}  fixable: {'yes' if r.fixable else 'no'}"
                       f"  on by default: {'yes' if r.enabled else 'no'}  from: {r.origin}\n")
            click.echo(_dedent(r.doc))
            if r.defaults:
                click.echo("\nOptions ([rules.%s] in the config):" % r.name)
                for name, value in r.defaults.items():
                    click.echo(f"  {name} = {value!r}")
            return
    raise _fail(f"unknown rule `{key}`; `newslint rules` lists them")


def _dedent(text: str) -> str:
    import textwrap

    first, _, rest = text.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).rstrip()


if __name__ == "__main__":  # pragma: no cover
    main()
