"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

One line per finding::

    ::warning file=content/a.md,line=5,col=9,endLine=5,endColumn=11,title=NL102::space before ','

Levels: error → ``error``, warning → ``warning``, info → ``notice``. GitHub ignores ``col`` and
``endColumn`` when a span covers several lines, so they are left out then. Values are escaped
as the Actions toolkit does: in the message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``;
in property values ``:`` and ``,`` also become ``%3A`` and ``%2C``.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from . import Run

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (the part after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (``file=…``, ``title=…``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(run: "Run", out: IO[str]) -> None:
    """One workflow command per finding."""
    for r in run.results:
        for f in r.findings:
            props = [("file", r.path), ("line", str(f.line)), ("endLine", str(max(f.end_line, f.line)))]
            if f.end_line == f.line:
                props[2:2] = [("col", str(f.column))]
                props.append(("endColumn", str(f.end_column)))
            props.append(("title", f.rule))
            joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            out.write(f"::{LEVELS.get(f.severity, 'warning')} {joined}::{escape_data(f.message)}\n")
