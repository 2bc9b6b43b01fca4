"""Inconsistent name: one person's name spelt two ways in one article.

Translated copy mixes romanisations (Podolyak/Podoliak, Zelenskyy/Zelenskiy) and a
description written apart from the body drifts (Milli/Milley). Surnames are compared by a
transliteration skeleton that folds what romanisation systems disagree on (kh/h, ya/ia, -y/-iy/
-yy/-yi endings, doubled letters, soft signs), and near misses by string distance (a letter
added, dropped or changed, or two swapped: Horton/Hroton) when there is evidence of one person: the same given name, a bare surname after a full-name mention (either
may be the slip: Mark Milley … Milli, or Vladimir Puten … Putin … Putin; a surname of five
letters with a letter inside it dropped, Michael Brown … Brwn, when the short form is no
English word, given name or Census surname; a final "e" dropped
or added only when the one full-name mention has it so and three bare mentions after it do not:
Nigel Farag … Farage ×3, as Brown and Browne are otherwise two names), or
the two spellings in different places (description against body). Given names of one person
are compared too, Ukrainian and Russian forms included (Mykhailo/Mikhail,
Volodymyr/Vladimir). The wanted spelling is the house dictionary's, else the most frequent one
when the article uses it more often than its first full-name mention does (a slip in that
mention is outvoted); but a spelling that only adds diacritics to it wins (Manzano-Díaz once,
Manzano-Diaz twice: use the accent the writer typed; a fix never drops one). The fix is unsafe
unless the dictionary backs it. When the spellings occur equally often, one message names them
all and says what broke the tie: the spelling the article's links, handles or metadata also use
(twitter.com/jmilcetich), else the only known surname (the US Census list: a slip seldom makes
another real surname, Mil beside Mill), and the slip alone is reported; else a surname three
times as common as the other (Levy beside Levi), else the first full-name mention's, and as
both are real names or the choice is a coin toss, the kept spelling's places are reported too
(without a fix). A
full name that gives a house-dictionary person's given name with a surname a letter or two off
the house one ("Valery Gerasimoff") is reported even when the article names the person once.

Bad:  description: … negotiations between the parties, Milli believes.
      … General Mark Milley, chairman of the Joint Chiefs of Staff, said.
Good: description: … negotiations between the parties, Milley believes.

Bad:  Jeffrey Levy, director of web communications, … The site went live in March, Levi said.
Good: Jeffrey Levy, director of web communications, … The site went live in March, Levy said.

Not findings: a name's case forms in a language that declines names (Czech Česko, České,
Českou; Polish Kowalski, Kowalskiego: the stem the same, the ending another), a German noun
beside one derived from it with an umlaut and an ending (Klage, Kläger), masculine and feminine forms (Volodymyr Zelensky and Olena Zelenska, Dmitry
Peskov and Elizaveta Peskova), patronymics, a deliberate gloss ("Kyiv (Kiev)"), two spellings
with different given names (two people), spellings that differ only in capitals, a spelling
in ``allow``, and what name-spelling already reports. Runs of capitalised words without a
known given name (Bitcoin Core, Dolmabahce Palace) are not taken for people unless the article
goes on to use the second word alone and never the first, neither being an English word (Keir
Starmer … Starmer said), nor is a word the
article also writes in lower case (Responsive, Rose), nor a word of three letters (Lee beside
Lees) unless it is a four-letter surname with its doubled letter typed once (Fos beside Foss),
in the full-name mention too (Eric Mil … Mill said), or a short surname written after the same
given name both ways with a letter typed once or twice, a letter inside it dropped, or two
letters swapped (Sarah Lee … Sarah Le, Dan Gould … Dan Guld, Mark Kahn … Mark Khan; not David
Chen and David Cheng, both real surnames, nor Wei Lee and Wei Li). Of a run of three names, the
first is the given name when it is one (José Martín Martínez: José; Gabriel García Márquez:
Gabriel), the second a middle name or the first of two surnames.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding, Fix
from ..names import dictionary_of
from ..names.variants import analyse

ID = "NL151"
NAME = "inconsistent-name"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {"allow": []}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each minority spelling of a name, with a fix to the wanted one."""
    allow = frozenset(opts.get("allow", ()))
    for o in analyse(doc, dictionary_of(opts), allow):
        fix = Fix.replace(o.start, o.end, o.wanted, f"Replace with “{o.wanted}”", safe=o.safe) if o.wanted else None
        yield Finding(o.start, o.end, o.message, fix)
