"""Name spellings across the content tree (rule NL153 and ``newslint names``).

Each file is summarised on its own (``collect``: the surnames it uses, with their given names
and positions, suppression comments applied); one pass over the summaries then groups the
spellings of all files by transliteration skeleton. A spelling used in a clear minority of
articles (at most half as many as the majority spelling, which at least two articles use) is
reported in each article that uses it, unless that article's given names show another
person, or the article also uses the majority spelling, or inconsistent-name reports the
spelling in that article (it names the article's own spelling: one finding a place). A
minority spelling that only adds diacritics to the majority one (Martínez where most articles
have Martinez) is reported without a wanted spelling: an ASCII spelling is what keyboards and
CMSs leave, a typed accent seldom a slip.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from sys import intern
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from .. import suppress
from ..model import Finding
from .dictionary import Dictionary
from .mentions import survey
from .skeleton import skeleton
from .variants import MIN_LENGTH, derived, gendered, given_key, same_form, strips_marks

if TYPE_CHECKING:
    from ..document import Document

MAX_PLACES = 20  # positions kept per spelling and file


@dataclass(slots=True)
class Usage:
    """One file's use of one surname spelling (kept for every file until the run's end: small)."""

    count: int = 0
    givens: dict[str, str] = field(default_factory=dict)  # given key → spelling
    within: bool = False  # inconsistent-name reports this spelling in this article, with one to use
    # start, end, line, col, end_line, end_col of each place, one after the other, as machine integers
    flat: array = field(default_factory=lambda: array("i"))

    @property
    def places(self) -> list[tuple[int, ...]]:
        """(start, end, line, col, end_line, end_col) of each place, at most MAX_PLACES."""
        flat = self.flat
        return [tuple(flat[i:i + 6]) for i in range(0, len(flat), 6)]


def collect(doc: "Document", names: Dictionary, allow: frozenset[str], rule: tuple[str, str],
            within: bool = False) -> dict[str, Usage]:
    """The surname spellings one article uses for people, with where (picklable, small);
    ``within``: mark those that inconsistent-name reports in the article."""
    sv = survey(doc)
    # (a three-letter surname counts when a given name stands before it: Eric Mil and Eric Mill)
    forms = {p for p in sv.surnames if (len(p) >= MIN_LENGTH or (len(p) == 3 and p in sv.full))
             and p not in allow and not names.is_variant(p)}
    if not forms:
        return {}
    # A spelling inconsistent-name reports here is the article's slip: it casts no vote for the
    # site's spelling (one slip in a full-name mention, Laura Pennycock before Pennycook said …,
    # would count the article for Pennycock, and not for Pennycook, used bare only), and the
    # spelling it is to be fixed to is the article's, even when only bare here.
    reported: set[str] = set()
    if within:
        from .variants import analyse

        found = analyse(doc, names, allow)
        reported = {o.found for o in found if o.wanted}  # (a tie's kept spelling, no fix offered: the site may tell)
        forms |= {o.wanted for o in found if o.wanted and o.wanted not in allow and not names.is_variant(o.wanted)}
    hidden = suppress.parse(doc)
    text, line_starts = doc.prose_text, doc.line_starts
    n = len(text)
    out: dict[str, Usage] = {}
    for form in forms:
        # (names recur across files: interned, each spelling is held once however many files use it;
        # sorted: two spellings of one given name, Rene and René, share a key, and which one the
        # dictionary stub is given must not follow the set's order, which each process's hash seed changes)
        use = Usage(givens={intern(given_key(g)): intern(g) for g in sorted(sv.full.get(form, ()))},
                    within=form in reported)
        flat, k, count = use.flat, len(form), 0
        # Every whole-word occurrence (a text.find loop: one scan of the text per spelling is
        # most of this function's time; the loop around it is kept to plain operations)
        s = text.find(form)
        while s >= 0:
            e = s + k
            # a word character on either side (the regex class \w: str.isalnum() or "_")
            before, after = text[s - 1] if s else " ", text[e] if e < n else " "
            if before.isalnum() or before == "_" or after.isalnum() or after == "_":
                s = text.find(form, e)
                continue
            line = bisect_right(line_starts, s)  # 1-based: the index of the next line's start
            col = s - line_starts[line - 1] + 1
            if not (hidden and hidden.hides(Finding(s, s, "", rule=rule[0], name=rule[1], line=line))):
                count += 1
                if count <= MAX_PLACES:  # (a form is one word: it ends on its line)
                    flat.extend((s, e, line, col, line, col + k))
            s = text.find(form, e)
        if count:
            use.count = count
            out[intern(form)] = use
    return out


@dataclass
class Cluster:
    """The spellings of one skeleton over the tree: spelling → path → usage."""

    key: str
    forms: dict[str, dict[str, Usage]]

    def files(self, form: str) -> int:
        """The articles that vote for the spelling (those where it is no slip inconsistent-name reports)."""
        return sum(1 for u in self.forms[form].values() if not u.within)

    def mentions(self, form: str) -> int:
        return sum(u.count for u in self.forms[form].values())

    def majority(self, names: Dictionary | None = None) -> str:
        """The dictionary's spelling if it is one of these, else the one most articles use."""
        if names is not None:
            entry = next((names.entry_for_surname(f) for f in self.forms if names.entry_for_surname(f)), None)
            if entry is not None and entry.surname in self.forms:
                return entry.surname
        return max(self.forms, key=lambda f: (self.files(f), self.mentions(f), f))


def clusters(summaries: Mapping[str, Mapping[str, Usage]]) -> list[Cluster]:
    """Skeletons spelt more than one way (ignoring capitals) over the tree."""
    # Two passes: the spellings of each skeleton first (a few thousand strings), then the
    # usages of the skeletons spelt more than one way only: most of the tree's (file, spelling)
    # pairs are never gathered (this runs when every file's result is held: peak memory)
    skeletons: dict[str, str] = {}
    spellings: dict[str, set[str]] = defaultdict(set)
    for usages in summaries.values():
        for form in usages or {}:
            key = skeletons.get(form)
            if key is None:
                key = skeletons[form] = skeleton(form)
            spellings[key].add(form.replace("’", "'").casefold())
    wanted = {key for key, forms in spellings.items() if len(forms) > 1}
    by_key: dict[str, dict[str, dict[str, Usage]]] = defaultdict(lambda: defaultdict(dict))
    for path, usages in summaries.items():
        for form, use in (usages or {}).items():
            key = skeletons[form]
            if key in wanted:
                by_key[key][form][path] = use
    out = []
    for key, forms in by_key.items():
        out.append(Cluster(key, {f: dict(p) for f, p in forms.items()}))
    out.sort(key=lambda c: (-sum(c.files(f) for f in c.forms), c.key))
    return out


def minority_findings(summaries: Mapping[str, Mapping[str, Usage]], names: Dictionary) -> Iterator[tuple[str, Finding]]:
    """(path, finding) for each use of a minority spelling (line and column set)."""
    for cluster in clusters(summaries):
        wanted = cluster.majority(names)
        majority_files = {p: u for p, u in cluster.forms[wanted].items() if not u.within}
        theirs = {k for use in majority_files.values() for k in use.givens}
        for form, paths in cluster.forms.items():
            if same_form(form, wanted) or gendered(form, wanted) or derived(form, wanted):
                continue
            # Martínez against the site's Martinez: the accent typed is no slip to undo, so no
            # spelling is recommended (an ASCII spelling is what keyboards and CMSs leave)
            marked = strips_marks(form, wanted) and not (names is not None and names.entry_for_surname(wanted))
            if len(majority_files) < 2 or 2 * cluster.files(form) > len(majority_files):
                continue
            shown = ", ".join(sorted(majority_files)[:3]) + (", …" if len(majority_files) > 3 else "")
            for path, use in sorted(paths.items()):
                if path in cluster.forms[wanted] or use.within or (use.givens and theirs and theirs.isdisjoint(use.givens)):
                    continue
                message = (f"“{form}” here, “{wanted}” in {len(majority_files)} other articles ({shown}): "
                           + ("one name spelt two ways across the site, here with diacritics; check which is right"
                              if marked else f"one name spelt two ways across the site; use “{wanted}”"))
                for s, e, line, col, end_line, end_col in use.places:
                    yield path, Finding(s, e, message, line=line, column=col, end_line=end_line,
                                        end_column=end_col, fragment=form)


# -- newslint names ---------------------------------------------------------------------------


def survey_tree(paths: list[Any], st: Any) -> dict[str, dict[str, Usage]]:
    """Summaries of every readable file (display path → usages), as the rule's collect makes them."""
    from ..document import DecodeError, Document
    from ..files import display
    from . import dictionary_of

    opts = st.options.get("NL153", {})
    names = dictionary_of(opts)
    allow = frozenset(opts.get("allow", ()))
    out: dict[str, dict[str, Usage]] = {}
    for path in paths:
        try:
            doc = Document.from_bytes(path.read_bytes(), str(path), **st.document_options)
        except (OSError, DecodeError, RecursionError):
            continue
        out[display(path)] = collect(doc, names, allow, ("NL153", "name-variant-across-files"))
    return out


def _files(paths: Mapping[str, Usage], limit: int = 3) -> str:
    shown = sorted(paths)
    return ", ".join(shown[:limit]) + (f", … (+{len(shown) - limit})" if len(shown) > limit else "")


def format_clusters(found: list[Cluster], names: Dictionary) -> str:
    """The text ``newslint names`` prints: one block per skeleton spelt more than one way."""
    if not found:
        return "No name is spelt more than one way across these files."
    lines = []
    for c in found:
        wanted = c.majority(names)
        entry = names.entry_for_surname(wanted)
        note = "  (house dictionary)" if entry is not None and entry.surname == wanted else ""
        lines.append(f"{wanted}{note}: {sum(c.mentions(f) for f in c.forms)} mentions, "
                     f"{len({p for f in c.forms for p in c.forms[f]})} files")
        width = max(len(f) for f in c.forms)
        for form in sorted(c.forms, key=lambda f: (f != wanted, -c.files(f), f)):
            n, k = c.mentions(form), c.files(form)
            lines.append(f"  {form:<{width}}  {n:>4} mention{'s' if n != 1 else ' '} in {k:>3} file{'s' if k != 1 else ' '}"
                         f"  {_files(c.forms[form])}")
    return "\n".join(lines)


def dictionary_stub(found: list[Cluster], names: Dictionary) -> str:
    """A names.yaml for the house: one entry per cluster, the majority spelling canonical."""
    import json

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    out = ["# Name spellings found by `newslint names`: review every entry before you use it.",
           "# The canonical form is the one most articles use; the variants are the others.",
           "# Name this file in newslint.toml: [names] dictionaries = [\"<this file>\"]", "names:"]
    entries = 0
    for c in found:
        wanted = c.majority(names)
        variants = [f for f in sorted(c.forms, key=lambda f: (-c.files(f), f))
                    if not same_form(f, wanted) and not names.is_variant(f)]
        if not variants:
            continue
        givens: dict[str, int] = defaultdict(int)
        for use in c.forms[wanted].values():
            for g in use.givens.values():
                givens[g] += 1
        canonical = f"{max(givens, key=lambda g: (givens[g], g))} {wanted}" if givens else wanted
        counts = "; ".join(f"{f}: {c.mentions(f)} in {c.files(f)} files" for f in [wanted] + variants)
        out.append(f"  # {counts}")
        out.append(f"  - canonical: {q(canonical)}")
        out.append(f"    variants: [{', '.join(q(v) for v in variants)}]")
        out.append("    specs:")
        out.extend(f"      - {{from: {q(v)}, to: {q(wanted)}}}" for v in variants)
        entries += 1
    if not entries:
        out[-1] = "names: []"
    return "\n".join(out) + "\n"
