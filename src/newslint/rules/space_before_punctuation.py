"""Space before punctuation: a space before , . ; : ! ? in prose.

English puts no space between a word and the punctuation after it. Code, URLs, HTML and
shortcodes are not prose and are never checked. Not findings: an ellipsis after a space
("and so on ..."), a decimal or file extension after a space (" .5", " .md"), and, for French
articles, the space before ; : ! ? (French typography wants one there).

Bad:  the head of the Russian delegation, Vladimir Medinsky , said later.
Good: the head of the Russian delegation, Vladimir Medinsky, said later.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix

ID = "NL102"
NAME = "space-before-punctuation"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"marks": ",.;:!?"}

# After a prose character (not a space, not masked), spaces, then one mark that is followed by a
# space, the end of the line, a closing quote or non-prose; "..." and ".5" do not qualify.
_TEMPLATE = r"(?<=[^\s\ue000])([ \t\u00a0\u202f]+)([{marks}])(?![{marks}.…])(?=[\s\ue000\"”’»]|$)"
_FRENCH_HIGH = ";:!?"  # French sets a no-break space before these


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each run of spaces before a punctuation mark, with a safe fix that deletes it."""
    marks = opts["marks"]
    if doc.language == "fr":
        marks = "".join(m for m in marks if m not in _FRENCH_HIGH)
    if not marks:
        return
    pattern = _pattern(marks)
    for m in doc.prose_matches(pattern):
        mark = m.group(2)
        yield Finding(m.start(1), m.end(2), f"space before '{mark}'",
                      Fix.delete(m.start(1), m.end(1), "Delete the space"))


_CACHE: dict[str, re.Pattern[str]] = {}


def _pattern(marks: str) -> re.Pattern[str]:
    if marks not in _CACHE:
        _CACHE[marks] = re.compile(_TEMPLATE.format(marks=re.escape(marks)), re.M)
    return _CACHE[marks]
