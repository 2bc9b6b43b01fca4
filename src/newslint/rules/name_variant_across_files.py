"""Name variant across files: a spelling of a name that most other articles spell otherwise.

Checked over the whole content tree at once (``newslint check`` on a folder): every article's
surname spellings are grouped by transliteration skeleton, and a spelling used in a clear
minority of articles (at most half as many as the majority spelling, which two articles or
more use; an article counts for the spelling it keeps, not for a slip inconsistent-name
reports in it, so one slip does not tip the vote) is reported where it occurs, with the
majority spelling to use; a spelling that only adds diacritics to the majority one (Martínez
where most articles write Martinez) is reported with no spelling to use, since the accent the
writer typed is seldom the slip. The house dictionary's spelling wins over the majority. ``newslint names`` prints the clusters and can
write them out as a dictionary stub. Suppression comments in the article apply.

Bad:  (in one article) Mykhailo Podoliak said …   (in five others) Mykhailo Podolyak said …
Good: Mykhailo Podolyak said … everywhere.

Not findings: an article whose given names show another person (John Kelly against Mike
Kelley), an article that also uses the majority spelling, a spelling inconsistent-name
already reports in the article (one finding a place: the article's own spelling comes first),
masculine and feminine forms, spellings that differ only in capitals, a spelling in ``allow``,
dictionary variants (name-spelling reports them), and surnames of three letters written without a
given name before them (Lee, Kim: too often different words). A single file has nothing to compare
with: linted alone, an article never gets this finding.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Finding
from ..names import corpus, dictionary_of

ID = "NL153"
NAME = "name-variant-across-files"
SEVERITY = "warning"
FIXABLE = False
DEFAULTS: dict[str, Any] = {"allow": []}


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Nothing per file: the work is in collect and check_corpus."""
    return iter(())


def collect(doc: Document, opts: Mapping[str, Any]) -> dict[str, corpus.Usage]:
    """The surname spellings this article uses, with positions (suppressions applied)."""
    return corpus.collect(doc, dictionary_of(opts), frozenset(opts.get("allow", ())), (ID, NAME),
                          within=bool(opts.get("_within")))


def check_corpus(summaries: Mapping[str, Any], opts: Mapping[str, Any]) -> Iterator[tuple[str, Finding]]:
    """Minority spellings against the majority spelling of the same skeleton."""
    return corpus.minority_findings(summaries, dictionary_of(opts))
