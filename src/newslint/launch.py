"""The ``newslint`` command's entry point: the compiled-pattern cache first, then the command line.

The cache (codecache.py) must be in place before click, PyYAML and markdown-it-py are imported,
since they compile their patterns at import; cli.py imports them at its top.
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
