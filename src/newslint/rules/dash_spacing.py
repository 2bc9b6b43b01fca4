"""Dash spacing: a dash spaced differently from the article's other dashes, or on one side only.

An article spaces its dashes one way: closed (`word—word`, Chicago), spaced (`word — word`,
AP), or with spaced en dashes (`word – word`, British). A dash with a space on one side only
(`word —word`) is always wrong; a closed dash in a spaced article (or the reverse) is
inconsistent. With ``style = "auto"`` (the default) the house form is the one the article's
dashes use most (a tie, or no dash, gives ` — `), and the others are reported only when it is
clear: two in three dashes or more take it (an article that spaces a third of its dashes the
other way mixes two styles by habit; no single one is a slip); set ``style`` to ``"spaced-em"``,
``"closed-em"`` or ``"spaced-en"`` to impose one (and the same in hyphen-as-dash, NL107, whose
fixes write the house dash). The fix respaces the dash; it is safe.

Not findings: en dashes in ranges (`2010–2012`, `9 – 5`, `March 17 – April 4`), an attribution after a quotation
(`…,” —Name` or `— Name` at a line start), a dash at a line start or end or next to code, and
hyphens standing in for dashes (NL107 hyphen-as-dash).

Bad:  Talks resumed —both sides said so— but no date was set. Russia — and Ukraine — agreed.
Good: Talks resumed — both sides said so — but no date was set. Russia — and Ukraine — agreed.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..typography import DASH_FORMS, dash_votes, dashes, house_dash, is_range, near_invisible

ID = "NL108"
NAME = "dash-spacing"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", *DASH_FORMS)}

_NAMES = {"closed-em": "closed em dashes (—)", "spaced-em": "spaced em dashes ( — )",
          "spaced-en": "spaced en dashes ( – )"}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report dashes whose spacing differs from the house form, with a fix to it."""
    style = opts["style"]
    if style not in ("auto", *DASH_FORMS):
        return
    found = [d for d in dashes(doc) if d.mark in "—–" and d.between_words]
    if not found:
        return
    house = house_dash(doc, style)
    votes = dash_votes(doc) if style == "auto" else {}
    clear = style != "auto" or 3 * votes[house] >= 2 * sum(votes.values())
    dash = DASH_FORMS[house]
    pt = doc.prose_text
    why = "the house style is" if style != "auto" else "this article uses"
    for d in found:
        form = d.form
        if form == house or form == "closed-en" or near_invisible(doc, d.start, d.end):
            continue
        if d.mark == "–" and is_range(pt, d):
            continue  # a range
        if form.startswith("one-sided"):
            message = f"dash with a space on one side only; use '{dash}'"
        elif form in _NAMES and clear:
            message = f"{form.replace('-', ' ')} dash, but {why} {_NAMES[house]}"
        else:
            continue
        yield Finding(d.start, d.end, message, Fix.replace(d.start, d.end, dash, f"Respace the dash as '{dash}'"))

