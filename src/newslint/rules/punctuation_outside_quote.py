"""Punctuation outside quote: a comma or full stop after the closing mark, in an article that puts them inside.

American usage (AP, Chicago) puts the comma or full stop that ends a quotation inside the
closing mark, whether or not it belongs to the quotation. An article that does so (three times
or more, and at least three times as often as it does not) and then writes one outside has
slipped; translated copy often does. The fix moves the mark inside and is safe. With
``style = "auto"`` (the default) the article's own quotations decide; ``"inside"`` always
wants them inside, ``"any"`` turns the rule off.

Bad:  Putin also called the events in Bucha a “provocation”.
Good: Putin also called the events in Bucha a “provocation.”

A comma between a quotation and its attribution (`“standards”, Sunthara said`) goes inside in
British and American usage alike: it is reported whatever the article's habit.

A closing ” whose opening mark was lost (stray-closing-quote reports that) is still a closing
mark: a stop or comma after it right after a word is judged the same way (`what they do”.`).

A foreign closing mark in an English article with a stop or comma after it («Landingham»,)
votes as an outside one (foreign-quotes turns it into ” in the same pass), but is not reported.

Not findings: an article that puts them outside a quarter of the time or more (British,
logical punctuation), but for such a comma; question and exclamation marks, colons and semicolons (they go where the
sense puts them); a quotation that already ends with its own punctuation (“Why?”); single
quotation marks (’ is also an apostrophe: the Smiths’.), nor an inner quotation written with the
outer marks (quote-nesting turns it into single marks); one word in straight quotes (often a
literal term, which technical writers keep apart from the sentence's punctuation); a full stop
that starts an ellipsis or a file extension (”.pdf); articles in languages other than English.
A closing mark written as an entity (`&#8221;`, `&rdquo;`) counts as the mark, and the fix keeps
the entity (`“hits&#8221;.` becomes `“hits.&#8221;`).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..prose import MASK
from ..quotes import ATTRIBUTION, analyse

ID = "NL119"
NAME = "punctuation-outside-quote"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS = {"style": "auto"}
CHOICES = {"style": ("auto", "inside", "any")}

_CLOSERS = frozenset('”"')
_ENDS = frozenset(".,?!…;:")  # a quotation that ends with one of these needs no other mark
EVIDENCE = 3  # commas and full stops inside closing marks an article needs to show the habit


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each comma or full stop right after a closing double quotation mark, with a fix."""
    style = opts["style"]
    if style == "any":
        return
    q = analyse(doc)
    if q is None or not q.profile.language.startswith("en"):
        return
    pt = doc.prose_text
    n = len(pt)
    inside = 0
    outside = []
    foreign = 0  # «Landingham», in English: foreign-quotes makes it “Landingham”, in the same pass
    for open_, close in q.pairs():
        if close.ch == "»" and close.start and close.end < n and pt[close.end] in ".," \
                and pt[close.start - 1] not in _ENDS:
            foreign += 1  # (a vote for the habit, not a finding: the mark is foreign-quotes's to mend)
            continue
        if close.ch not in _CLOSERS or not close.start:
            continue
        parent = open_.parent
        if parent is not None and parent.partner is not None and open_.ch == parent.ch \
                and close.ch == parent.partner.ch:
            continue  # “… we thought “of course”, but …”: an inner quotation in the outer marks,
            # which quote-nesting turns into ‘…’, where this rule has nothing to say
        if close.ch == '"' and " " not in pt[open_.end:close.start]:
            continue  # a straight-quoted word is often a literal term: type "yes", called "remotes".
        before = pt[close.start - 1]
        if before == MASK:  # an entity before the mark (about&#8230;&#8221;): the character it writes
            before = _entity_before(doc, close.start)
        if before in ".,":
            inside += 1
        elif before not in _ENDS and close.end < n and pt[close.end] in ".,":
            nxt = pt[close.end + 1] if close.end + 1 < n else " "
            if not (nxt.isalnum() or nxt == "."):
                outside.append(close)
    for close in q.stray:  # a closing mark whose opening one was lost (“… they do”.): still a closing mark
        if close.ch != "”" or close.flag or close.start < 1 or close.end >= n or pt[close.end] not in ".,":
            continue
        nxt = pt[close.end + 1] if close.end + 1 < n else " "
        if pt[close.start - 1].isalpha() and not (nxt.isalnum() or nxt == "."):
            outside.append(close)
    if not outside:
        return
    outside.sort(key=lambda c: c.start)
    why = "the house style puts commas and full stops" if style == "inside" else \
        "this article puts commas and full stops"
    if style == "auto" and (inside < EVIDENCE or inside < 3 * (len(outside) + foreign)):
        # a comma before an attribution goes inside in every English style (“…,” Ortega said)
        outside = [c for c in outside if pt[c.end] == "," and ATTRIBUTION().match(pt, c.end)]
        why = "a comma before an attribution goes"
    for close in outside:
        p = pt[close.end]
        word = "comma" if p == "," else "full stop"
        mark = doc.text[close.start: close.end]  # (an entity, &#8221;, stays as written)
        yield Finding(close.start, close.end + 1,
                      f"{word} after the closing {mark}; {why} inside "
                      f"the quotation: write '{p}{mark}'",
                      Fix.replace(close.start, close.end + 1, p + mark, f"Move the {word} inside the quotation"))


def _entity_before(doc: Document, at: int) -> str:
    """The last character an entity that ends at ``at`` writes, or the mask character."""
    import html

    start = doc.text.rfind("&", max(0, at - 12), at)
    if start < 0 or doc.text[at - 1] != ";":
        return MASK
    return html.unescape(doc.text[start:at])[-1:] or MASK
