"""A heading's marker glued to its title (``##News``, ``##1. The inventory``, ``###2018 summary``, ``#No Longer Just an
Aggregator`` alone on its line): in CommonMark a paragraph, not a heading.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy


def glued_headings(doc: Document, pt: str) -> Iterator[Finding]:
    """A heading's marker glued to its title: ##News, ##1. The inventory, or a lone # before a title
    alone on its line where the article's other headings have their space."""
    if "##" in pt:
        for m in _GLUED_HEADING().finditer(pt):
            marks = m.group(1)
            yield Finding(m.start(1), m.end(1), f"no space after the heading marker '{marks}'; add one",
                          Fix.insert(m.end(1), " ", f"Insert a space after '{marks}'", reshapes=True))
    if "\n# " in doc.text:  # a lone '#' glued to a title, where the article's other headings have their space
        for m in _GLUED_TITLE().finditer(pt):
            if _alone_on_its_lines(pt, m.start(), m.end()):
                yield Finding(m.start(), m.start() + 1, "no space after the heading marker '#'; add one",
                              Fix.insert(m.start() + 1, " ", "Insert a space after '#'", reshapes=True))


# ##News at a line's start (up to three spaces in): a heading whose space went missing
# (or a numbered one: ##1. The inventory, ###2) Who gets it; one that opens with a year, ###2018
# summary, not a date or a number going on, ##2018-05; or one that opens with Q&A, R&amp;D)
_UPPER = ("A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
          "Α-ΩА-ЯЁЂЃЄЅІЇЈЉЊЋЌЎЏҐ")  # capitals of the Latin, Greek and Cyrillic alphabets (##Über, ##Подяка)
_GLUED_HEADING = lazy(r"^ {0,3}(#{2,6})(?=(?:\*{1,3}|_{1,3})?(?:[" + _UPPER + r"][^\W\d_]*(?:[\s,:;.!?’'*_&\ue000-]|$)"
                            r"|[0-9]{1,2}[.):]?[ \t]+[" + _UPPER + r"]|(?:1[89]|20)[0-9]{2}(?![\w.,:/-])|\ue000+[" + _UPPER + r"]))",
                    re.M)  # (or an anchor: ##<a name="x"></a>Title)

# #No Longer Just an Aggregator, #Write Efficiently: a lone '#' glued to a title of two words or more, no stop at its end
# (a hashtag at a line's start goes on as a sentence: #AskFAFSA questions are accepted.)
# Its words in title case (every word of four letters or more capitalised): a hashtag is one word
# of its own (#AskFAFSA, #WeRemember), and what follows it in a sentence is in lower case.
_GLUED_TITLE = lazy(r"^#[A-Z][a-z’']+(?:[ ](?:[A-Z0-9&][^\s#\ue000]*|[^\s#\ue000]{1,3})){1,}(?<![.,;:!?])"
                    r"[ \t\ue000]*$", re.M)  # (what is masked after it: a comment, an attribute)


def _alone_on_its_lines(pt: str, start: int, end: int) -> bool:
    """Is ``start:end`` a paragraph of one line (a blank line, or the text's edge, on each side)?"""
    before, after = pt[max(0, start - 2):start], pt[end:end + 2]
    return before.lstrip("\n") == "" and after.rstrip("\n") == "" and (start < 2 or before == "\n\n") \
        and (end + 2 > len(pt) or after == "\n\n")
