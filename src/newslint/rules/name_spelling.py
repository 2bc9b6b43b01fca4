"""Name spelling: a name spelt otherwise than the house dictionary says.

newslint ships a dictionary of people and places that recur in news about Ukraine and Russia
(``rules/names.yaml``: BBC News usage, e.g. Zelensky, Mykhailo Podolyak, Kyiv, Odesa,
Zaporizhzhia); a newsroom adds or overrides entries in its own files, named in the config
(``[names] dictionaries = ["names.yaml"]``; ``shipped = false`` drops newslint's). Variants
are matched as whole words in prose only (never in URLs, code, link targets or file names),
longest first; a possessive stays as it is. The fix is safe: the dictionary backs it. The
shipped dictionary applies to English articles; a file's ``languages: [de, ...]`` limits its
entries to those languages.

Bad:  President Zelenskyy’s adviser Mikhail Podolyak spoke in Kiev.
Good: President Zelensky’s adviser Mykhailo Podolyak spoke in Kyiv.

Not findings: a variant inside one of its entry's exceptions ("chicken Kiev", "Odessa,
Texas"), a deliberate gloss next to the canonical form ("Kyiv (formerly Kiev)", "Kyiv,
formerly known as Kiev", "Kiev (now Kyiv)"), a variant glued to a longer word ("Kievan"),
and a different person whose name shares a stem (Olena Zelenska is not Zelensky).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Edit, Finding, Fix
from ..names import dictionary_of
from ..names.variants import dictionary_search

ID = "NL150"
NAME = "name-spelling"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each dictionary variant with a safe fix to the canonical spelling."""
    names = dictionary_of(opts)
    text = doc.text
    matches, errors = dictionary_search(doc, names)
    for error in errors:  # a /regex/ variant that backtracks without end on this text
        yield Finding(doc.body_start, doc.body_start, f"a names dictionary variant was skipped: {error}")
    for m in matches:
        found = text[m.start:m.end]
        edits = tuple(_word_edits(m.start, found, m.replacement))
        yield Finding(m.start, m.end, f"“{' '.join(found.split())}” is not the house spelling; use “{m.replacement}”",
                      Fix(edits, f"Replace with “{m.replacement}”"))


def _word_edits(start: int, found: str, wanted: str) -> Iterator[Edit]:
    """Edit only the words that change (keeps line breaks and untouched words byte for byte)."""
    got, want = found.split(), wanted.split()
    if len(got) != len(want):
        yield Edit(start, start + len(found), wanted)
        return
    cursor = 0
    for g, w in zip(got, want):
        at = found.index(g, cursor)
        cursor = at + len(g)
        if g != w:
            yield Edit(start + at, start + cursor, w)
