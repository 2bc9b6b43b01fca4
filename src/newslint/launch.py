"""The ``newslint`` command's entry point: the code cache first, then the command line.

The cache (codecache.py: compiled regexes and dataclass methods) must be in place before click,
PyYAML and markdown-it-py are imported, since they compile their patterns at import: cli.py
imports click at its top, and the rest follow when the command runs.
"""

from __future__ import annotations


def main() -> None:
    from . import codecache

    codecache.install()
    try:
        from .cli import main as command

        command()
    finally:  # click ends with SystemExit; the cache is written either way
        codecache.save()
