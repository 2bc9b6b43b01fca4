"""A heading's marker glued to its title (``##News``, ``##1. The inventory``, ``###2018 summary``, ``#No Longer Just an
Aggregator`` or ``#Launch of strategic council`` alone on its line): in CommonMark a paragraph, not a heading.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from ..model import Finding, Fix
from ..patterns import lazy


def glued_headings(doc: Document, pt: str) -> Iterator[Finding]:
    """A heading's marker glued to its title: ##News, ##1. The inventory, or a lone # glued to a
    capitalised word on a line of its own (#Launch of strategic council)."""
    if "##" in pt:
        for m in _GLUED_HEADING().finditer(pt):
            marks = m.group(1)
            yield Finding(m.start(1), m.end(1), f"no space after the heading marker '{marks}'; add one",
                          Fix.insert(m.end(1), " ", f"Insert a space after '{marks}'", reshapes=True))
    for m in _GLUED_WORD().finditer(pt):
        word = m.group(1)
        if word[0].isupper() and (len(word) == 1 or word[1:].islower()) \
                and _on_a_line_of_its_own(pt, m.start(), m.end()):
            yield Finding(m.start(), m.start() + 1, "no space after the heading marker '#'; add one",
                          Fix.insert(m.start() + 1, " ", "Insert a space after '#'", reshapes=True))


# ##News at a line's start (up to three spaces in): a heading whose space went missing
# (or a numbered one: ##1. The inventory, ###2) Who gets it, ###1st Flink Meetup; one that opens with a year, ###2018
# summary, not a date or a number going on, ##2018-05; or one that opens with Q&A, R&amp;D)
_UPPER = ("A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
          "Α-ΩА-ЯЁЂЃЄЅІЇЈЉЊЋЌЎЏҐ")  # capitals of the Latin, Greek and Cyrillic alphabets (##Über, ##Подяка)
_GLUED_HEADING = lazy(r"^ {0,3}(#{2,6})(?=(?:\*{1,3}|_{1,3})?(?:[" + _UPPER + r"][^\W\d_]*(?:[\s,:;.!?’'*_&\ue000-]|$)"
                            r"|[0-9]{1,2}(?:[.):]|st|nd|rd|th)?[ \t]+[" + _UPPER + r"]|(?:1[89]|20)[0-9]{2}(?![\w.,:/-])"
                            r"|[\ue000¿¡“\"«‘]+[" + _UPPER + r"]"
                            r"|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af「『【]))",
                    re.M)  # (or an anchor: ##<a name="x"></a>Title; an opening mark: ##¿Qué hago?, ##“Hello”;
# or Japanese, Chinese or Korean, which have no capitals: ###お申し込み, ##クレジット)

# #No Longer Just an Aggregator, #Launch of strategic council, #Overview: a lone '#' glued to
# an ordinary capitalised word (one capital, then lower case: not a hashtag's #GivingTuesday or
# #NASA), the line's first word, on a line of its own: a heading in any article, whatever follows the word
# (not a line that ends with a full stop: a sentence that opens with a hashtag, "#Climate action starts at home.")
_GLUED_WORD = lazy(r"^#([^\W\d_][^\W\d_’']*)(?:[ \t:,–—-][^\n]*)?(?<![.\ue000 \t])[ \t\ue000]*$", re.M)
_BLOCK_NEXT = lazy(r"\n[ \t]*(?:\ue000|\n)")  # the next line starts a block (a list's masked marker) or is blank


def _on_a_line_of_its_own(pt: str, start: int, end: int) -> bool:
    """Does the line at ``start:end`` stand alone: the text's start or a blank line before it,
    and after it the end, a blank line, or a line that opens another block (a list item)?"""
    before = pt[max(0, start - 2):start]
    return (start == 0 or before == "\n\n" or (start == 1 and before == "\n")) and \
        (end >= len(pt.rstrip("\n")) or _BLOCK_NEXT().match(pt, end) is not None)
