"""Internal error: a rule failed on this file; the other rules and files still ran.

This is a bug in newslint or in a plugin rule, never a problem in the article. The message
names the rule and the reason; run with ``--verbose`` to see the traceback, and please report
it with the file that triggers it. A run with an internal error exits with code 2.

Bad:  a plugin rule that raises KeyError on an article without a title
Good: every rule returns its findings
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding

ID = "NL999"
NAME = "internal-error"
SEVERITY = "error"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """The engine reports this rule itself when another rule raises; nothing to do here."""
    return iter(())
