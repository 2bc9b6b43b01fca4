"""No shouting: three or more words in a row in capital letters.

Capitals read as shouting and are harder to read than lower case. Acronyms (one or two
capitalized words, such as "NATO" or "US ARMY") are not findings, nor is code.

Bad:  The council said THIS IS NOT ACCEPTABLE on Monday.
Good: The council said this is not acceptable on Monday.
"""

import re

from newslint.model import Finding, Fix

ID = "DEMO101"
NAME = "no-shouting"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"min-words": 3}

_WORD = r"[A-Z][A-Z'’]+"


def check(doc, opts):
    """Report each run of min-words or more capitalized words, with an unsafe fix to lower case."""
    n = opts["min-words"]
    pattern = re.compile(rf"\b{_WORD}(?:[ \t]+{_WORD}){{{n - 1},}}\b")
    for m in doc.prose_matches(pattern):
        lower = m.group().lower()
        yield Finding(m.start(), m.end(), f"{len(m.group().split())} words in capitals; write them in lower case",
                      Fix.replace(m.start(), m.end(), lower, "Write in lower case", safe=False))
