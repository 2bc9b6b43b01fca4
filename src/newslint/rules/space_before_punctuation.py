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
from ..prose import MASK

ID = "NL102"
NAME = "space-before-punctuation"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"marks": ",.;:!?"}

# A mark with a space before it, followed by a space, the end of the line, a closing quote or
# non-prose; "..." and ".5" do not qualify. The pattern starts at the mark (a character class, so
# the regex engine skips ahead at C speed) and the run of spaces is measured backwards in
# check(): a pattern that starts with the spaces' lookbehind is tried at every position.
_TEMPLATE = r"[{marks}](?<=[ \t\u00a0\u202f][{marks}])(?![{marks}.…])(?=[\s\ue000\"”’»]|$)"
_SPACES = " \t\u00a0\u202f"
_FRENCH_HIGH = ";:!?"  # French sets a no-break space before these


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each run of spaces before a punctuation mark, with a safe fix that deletes it."""
    marks = opts["marks"]
    if doc.language == "fr":
        marks = "".join(m for m in marks if m not in _FRENCH_HIGH)
    if not marks:
        return
    text = doc.prose_text
    for m in doc.prose_matches(_pattern(marks)):
        at = m.start()
        start = at - 1
        while start > 0 and text[start - 1] in _SPACES:
            start -= 1
        before = text[start - 1] if start > 0 else "\n"
        if before.isspace() or before == MASK:
            continue  # the spaces do not follow a word (indentation, or after non-prose)
        mark = m.group(0)
        yield Finding(start, at + 1, f"space before '{mark}'", Fix.delete(start, at, "Delete the space"))


_CACHE: dict[str, re.Pattern[str]] = {}


def _pattern(marks: str) -> re.Pattern[str]:
    if marks not in _CACHE:
        _CACHE[marks] = re.compile(_TEMPLATE.format(marks=re.escape(marks)), re.M)
    return _CACHE[marks]
