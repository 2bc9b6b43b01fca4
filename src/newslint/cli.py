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

FORMATS = ("text", "json")


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
              help="Output format.")
@click.option("--select", multiple=True, help="Rules to run (IDs, names, ID prefixes, ALL); replaces the config.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that fails the run (default: warning, or the config's).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Use this config file instead of searching for one.")
@click.option("--force-exclude", is_flag=True, help="Apply exclude globs to files named on the command line too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain (2 still means an error).")
@click.option("-q", "--quiet", is_flag=True, help="Findings only: no snippets, no summary when clean.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths: tuple[str, ...], fix: bool, unsafe_fixes: bool, diff: bool, fmt: str, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, config_file: Path | None,
          force_exclude: bool, exit_zero: bool, quiet: bool, verbose: bool) -> None:
    """Lint articles (files or folders; default: the current folder)."""
    from . import engine, files, report
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
    fixing = fix and not diff
    results = list(engine.lint_paths(chosen, st, fix=fixing, unsafe=unsafe_fixes, diff=diff))
    out = report.stream("stdout")
    if diff:
        for r in results:
            out.write(r.diff)
    else:
        for r, path in zip(results, chosen):
            if r.new_data is not None:
                try:
                    files.write_atomic(path, r.new_data)
                except OSError as exc:
                    click.echo(f"newslint: error: {r.path}: could not write the fixed file: {exc.strerror}", err=True)
                    r.fixed = 0
        if fmt == "json":
            report.write_json(results, out)
        else:
            report.write_text(results, out, color=report.use_color(out), fixing=fixing, unsafe=unsafe_fixes,
                              quiet=quiet, files_checked=len(chosen))
    if verbose:
        for r in results:
            for trace in r.errors:
                click.echo(trace, err=True)
    sys.exit(_exit_code(results, config.fail_on, fixing=fixing, diff=diff, exit_zero=exit_zero))


def _exit_code(results: Sequence[Any], fail_on: str, *, fixing: bool, diff: bool, exit_zero: bool) -> int:
    from .engine import fails

    findings = [f for r in results for f in r.findings]
    if any(f.rule == "NL999" for f in findings):
        return 2
    if exit_zero:
        return 0
    if diff:
        return 1 if any(r.diff for r in results) else (1 if fails(findings, fail_on) else 0)
    if fixing and any(r.fixed for r in results):
        return 1
    return 1 if fails(findings, fail_on) else 0


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
    width = max((len(r.name) for r in available), default=10)
    idw = max((len(r.id) for r in available), default=5)
    click.echo(f"{'ID':<{idw}}  {'NAME':<{width}}  FIX  {'SEVERITY':<8}  ON   SUMMARY")
    for r in sorted(available, key=lambda r: r.id):
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
