"""Wrong apostrophe: a straight or wrongly turned apostrophe in an article with curly quotes.

The apostrophe is ’ (U+2019), the same mark as a closing single quote. In an article that uses
curly quotation marks (`style = "auto"`, the default, decides from the article's own marks;
`"curly"` or `"straight"` force a style), a straight ' is reported. Smart-quote software turns
a leading apostrophe the wrong way (‘90s, ‘em, rock ‘n’ roll) and some keyboards give an
acute accent (it´s): those are reported in any style. The fix writes ’ (or ' in a straight
article) and is safe.

Bad:  the last meeting was held in Istanbul's Dolmabahce Palace; music of the ‘90s
Good: the last meeting was held in Istanbul’s Dolmabahce Palace; music of the ’90s

Not findings: ’ in it’s, ’90s, rock ’n’ roll, the Smiths’ house; foot and inch marks after
digits (6'2"); a straight article's straight apostrophes (style auto); code, URLs, HTML.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..quotes import analyse

ID = "NL117"
NAME = "wrong-apostrophe"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", "curly", "straight")}

# Between two letters, or between a digit and a plural s (1990's); not between digits (6'2).
# One literal-led pattern per mark: the scan then runs at memchr speed.
_INSIDE = {ch: re.compile(re.escape(ch) + r"(?:(?<=[^\W\d_].)(?=[^\W_])|(?<=\d.)(?=s\b))") for ch in "'‘´’"}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report apostrophes that are not the article's apostrophe, with a fix."""
    q = analyse(doc)
    if q is None or not q.profile.apostrophe:
        return
    style = q.style(opts["style"])
    want = "'" if style == "straight" else q.profile.apostrophe
    wrong = {"‘", "´"} | ({"'"} if style == "curly" else set()) | ({"’"} if style == "straight" else set())
    prose = doc.prose_text
    text = doc.text  # the analysis knows which marks occur; ´ is asked of the text
    found = [(m.start(), ch) for ch in sorted(wrong) if (ch in q.present if ch != "´" else ch in text)
             for m in _INSIDE[ch].finditer(prose)]
    found += [(mk.start, mk.ch) for mk in q.apostrophes() if not mk.masked and mk.ch in wrong]
    found.sort()
    for start, ch in found:
        if ch == "‘":
            message = f"apostrophe turned the wrong way (‘); use {want}"
        elif ch == "´":
            message = f"acute accent used as an apostrophe; use {want}"
        elif ch == "'":
            message = f"straight apostrophe in an article that uses curly quotes; use {want}"
        else:
            message = "curly apostrophe in an article that uses straight quotes; use '"
        yield Finding(start, start + 1, message, Fix.replace(start, start + 1, want, f"Use {want}"))
