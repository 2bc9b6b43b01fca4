"""First-name reference: a person called by first name where the article uses surnames.

After the first full mention, news style names a person by surname ("Lloyd Austin … Austin
said"). A lone first name later is usually a slip, often a translation's. Reported only in
articles that themselves refer to people again by surname (at least twice, and at least twice
as often as by first name; a "full name" whose surname is a word, Meta Platforms, is a company
and its "first name" Meta counts for nothing), so features and blogs written on first-name terms
stay quiet; or
where the one lone first name attributes a quotation (“…,” Eric said; “…,” Joshua concludes;
“…” —Gregory) or reported speech (Eric also said that …, Charles told the audience that …,
Anthony has previously proposed …, Anthony concludes by noting …; not "Craig believed that", a thought, nor "Steve interacts
with", an action) or is credited with something (relayed by Gregory, according to Brooke) or
whose work the article cites (Matthew's results show …, Antoine's post, John's model), news
style's place for the surname; so it is where one other person is named again by surname and
this one, named once alone, says something so.
The fix (unsafe: the author may mean it) puts the surname in.

Bad:  US Secretary of Defense Lloyd Austin … The conversation between Shoigu and Lloyd took place.
Good: US Secretary of Defense Lloyd Austin … The conversation between Shoigu and Austin took place.

A given name written twice in a row where the article names that person in full elsewhere
(`I'm Mike Mike` beside `Mike Schmidt`) had its surname typed over: it is reported whatever the
article's style (a transcript too), with the same unsafe fix.

A courtesy or office title before a given name (`Mr. Jacob`, `Vice President Joe`) where the
article names that person in full (Jacob Parcell) is reported whatever the article's style too,
with the same unsafe fix; not a religious, royal, academic or family title (Sister Helen, Sir
Keir, Dr. Ruth), nor a given name the name lists do not know (Thai, Malay and Ethiopian names
take the title before the given name: Mr. Prayut, Mr. Anwar, Mr. Abiy), nor an Icelandic
patronymic's bearer.

Not findings: a first name inside a quotation, after another title ("Dr. Lloyd"), shared by two
people in the article, telling apart two people with one surname (Quentin … son of Theodore
Roosevelt), used as someone's surname, written in lower case too in the article
("mark", "will"; likewise a "surname" that is a word: Jade Plus is a product), addressed
rather than named ("Thanks, Mike"; "Steven, we wanted to ask …", not "Simon, amongst many others,
worries …", a sentence about him), in a transcript of speakers (a speaker's label opens two
lines or more), beside an invisible character (``Eric<ZWSP> Maland`` is the full name once
invisible-character has deleted it), before its surname after a doubled space (``Eric  Maland``:
repeated-space repairs the space), or listed in ``allow``.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..names.followup import doubled_given, first_names, titled_given

ID = "NL152"
NAME = "first-name-reference"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {"allow": []}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each lone first name of a person named in full earlier in the article."""
    allow = frozenset(opts.get("allow", ()))
    for f in first_names(doc, allow):
        yield Finding(f.start, f.end,
                      f"“{f.given}” alone after “{f.given} {f.surname}” (line {f.line}): refer to the person "
                      f"by surname; use “{f.surname}”",
                      Fix.replace(f.start, f.end, f.surname, f"Replace with “{f.surname}”", safe=False))
    for f in titled_given(doc, allow):
        yield Finding(f.start, f.end,
                      f"a title before “{f.given}”, the given name of “{f.given} {f.surname}” (line {f.line}): "
                      f"the title goes with the surname; use “{f.surname}”",
                      Fix.replace(f.start, f.end, f.surname, f"Replace with “{f.surname}”", safe=False))
    for f in doubled_given(doc, allow):
        yield Finding(f.start, f.end,
                      f"“{f.given}” twice in a row where the article names “{f.given} {f.surname}” (line {f.line}): "
                      f"the surname was typed over; use “{f.surname}”",
                      Fix.replace(f.start, f.end, f.surname, f"Replace with “{f.surname}”", safe=False))
