"""Fix changes structure: a fix was not applied because it would change the article's structure.

Before ``--fix`` (or ``--diff``) keeps a fixed text, newslint compares the Markdown structure
(block and inline elements and their nesting, link destinations, code, HTML, link reference
definitions) and the front-matter data with the original's, as black refuses to write code
whose syntax tree changed. A fix may change words and punctuation; when one would also make
emphasis appear, break a link, change code or lose a front-matter key, it is dropped, the other
fixes are kept, and this finding says which fix would have broken what. The finding it was
meant to repair stays, without its fix: repair it by hand. It usually points at a rule that did
not foresee the text around it; please report it.

Bad:  `[Kiev][]` with `[Kiev]: https://…` below: renaming the link text alone breaks the link
Good: the link text and its reference definition renamed together, by hand

Only reported when fixing; a plain check does not run the comparison.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding

ID = "NL998"
NAME = "fix-changes-structure"
SEVERITY = "warning"


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """The engine reports this rule itself from its fix loop; nothing to do here."""
    return iter(())
