"""The five kinds of declarative rule a pack can hold, and the scopes they look in.

A pack rule is an object built from one YAML entry (see packs.py); its ``check(doc, opts)``
follows the Rule protocol. Every pattern comes from the user, so it is compiled with
``saferegex`` and runs under a time bound; a pattern that runs out of time becomes a finding of
the rule itself ("… took too long on this file"), never a hang. The objects hold only plain
values and ``SafePattern``s, so they pickle for worker processes.

Scopes: ``prose`` (everything that is prose: body and front-matter prose fields), ``body``,
``paragraphs`` (body paragraphs and table cells), ``headings``, ``link-text``, ``front-matter``
(every prose field), a field name (``title``, ``description``, …) or ``front-matter.<key>``.
Code, URLs, HTML, shortcodes and link targets are never in any scope. A rule's view of a
document is ``doc.prose_text`` with everything outside its scopes (and, with ``skip-quotes``,
inside direct quotations) masked, built once per document and shared by rules with one scope.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from . import saferegex
from .document import DEFAULT_PROSE_FIELDS, Document
from .model import Finding, Fix
from .patterns import lazy
from .prose import MASK

KEYWORD_SCOPES = ("prose", "body", "paragraphs", "headings", "link-text", "front-matter")
FIELD_SCOPES = DEFAULT_PROSE_FIELDS

_GAP = "[ \\n\\u00a0]"  # between the words of a phrase: one space, no-break space or line break
_PLACEHOLDER = lazy(r"\{(match|replacement|count|limit|expected)\}")
_GROUP_REF = lazy(r"\$(\d+)|\\(\d+)")
_WORD = lazy(r"[^\W\d_][\w'’.\-]*")
_QUOTE = lazy(r"[\"“”«»„]")
_OPENERS = "“«„"
_CLOSING = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_SENTENCE_END = lazy(r"(?<=[.!?…])[\"”’)\]]*(?=\s+[\"“‘(\[]*[A-Z0-9])")
_ABBREVIATION = lazy(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|Rev|Prof|St|Jr|Sr|No|vs|etc|"
                           r"Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|approx|e\.g|i\.e)|\b[A-Z])\.$")
# AP and Chicago: articles, coordinating conjunctions and short prepositions stay lowercase in titles
MINOR_WORDS = frozenset("a an the and but or nor for so yet as at by in of off on per to up via vs v from into onto "
                        "over with than".split())


class PackRule:
    """The parts every kind shares: message, scope, languages, quotations, exceptions."""

    kind = ""
    default_scope: tuple[str, ...] = ("prose",)
    default_skip_quotes = False
    default_ignorecase = True

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.message: str = spec["message"]
        self.scopes: tuple[str, ...] = tuple(spec.get("scope") or self.default_scope)
        self.languages: tuple[str, ...] = tuple(spec.get("languages") or ())
        self.skip_quotes: bool = spec.get("skip-quotes", self.default_skip_quotes)
        self.ignorecase: bool = spec.get("ignorecase", self.default_ignorecase)
        self.flags = saferegex.MULTILINE | (saferegex.IGNORECASE if self.ignorecase else 0)
        exceptions = spec.get("exceptions") or ()
        self.exceptions = terms_pattern(exceptions, self.flags, nonword=False) if exceptions else None
        self.fixable = False
        self.needles: tuple[str, ...] | None = None
        self.loose = False

    def check(self, doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
        """The rule's findings; a pattern that runs out of time becomes one finding."""
        if self.languages and doc.language not in self.languages:
            return
        text = view(doc, self.scopes, self.skip_quotes) if self.masked_view else doc.prose_text
        try:
            yield from list(self.findings(doc, text))
        except saferegex.PatternTimeout as exc:
            yield Finding(0, 0, f"pack rule skipped this file: {exc}", severity="error")

    # Word rules match rarely: rather than build a view with everything outside their scope
    # (and inside quotations) masked, they match the prose and drop what falls outside.
    masked_view = True

    def accept(self, doc: Document, start: int, end: int) -> bool:
        """Is a match in ``doc.prose_text`` inside the rule's scopes and outside quotations?"""
        if self.scopes != ("prose",):
            key = f"pack-scope:{','.join(self.scopes)}"
            spans = doc.memo(key, lambda: _merge([sp for sc in self.scopes for sp in scope_spans(doc, sc)]))
            if not covered(spans, start, end):
                return False
        return not (self.skip_quotes and overlaps(quotation_spans(doc), start, end))

    def findings(self, doc: Document, text: str) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> list[str]:
        """Lines for `newslint rule ID`: what this rule matches, where."""
        where = ", ".join(self.scopes)
        lines = [f"Kind: {self.kind}; scope: {where}" + ("; direct quotations are left alone" if self.skip_quotes else "")
                 + ("" if not self.languages else f"; languages: {', '.join(self.languages)}") + "."]
        return lines

    def excepted(self, text: str, start: int, end: int) -> bool:
        """Is [start, end) inside an exception phrase? (looked for near the match only)"""
        if self.exceptions is None:
            return False
        for m in self.exceptions.finditer(text, max(0, start - EXCEPTION_REACH), min(len(text), end + EXCEPTION_REACH)):
            if m.start() <= start and end <= m.end():
                return True
        return False

    def anchor(self, terms: Iterable[str], nonword: bool) -> None:
        """Find the literal prefixes every match starts with, for the shared candidate scan."""
        found: list[str] = []
        for term in terms:
            source, is_regex = saferegex.term_pattern(term)
            prefixes = saferegex.literal_prefixes(source) if is_regex else [" ".join(term.split())]
            if prefixes is None:
                self.needles = None
                return
            found.extend(p.lower() for p in prefixes)
        self.needles = tuple(sorted(set(found)))
        self.loose = nonword
        _register(self.needles, nonword)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if getattr(self, "needles", None):
            _register(self.needles, self.loose)  # a new process: make the shared scan look for them

    def matches(self, doc: Document, text: str) -> Iterator[Any]:
        """Matches of ``self.pattern`` in ``text``: only at candidate positions when anchored."""
        found = candidates(doc) if self.needles else None
        if found is None:
            yield from self.pattern.finditer(text)
            return
        lowered, positions = found
        needles, end = self.needles, -1
        for pos in positions:
            if pos < end or not lowered.startswith(needles, pos):
                continue
            m = self.pattern.match(text, pos)
            if m is not None and m.end() > m.start():
                end = m.end()
                yield m

    def render(self, match: str, **values: Any) -> str:
        """The message with its placeholders filled in."""
        values["match"] = match
        return _PLACEHOLDER().sub(lambda m: str(values.get(m.group(1), m.group(0))), self.message)


def covered(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of the sorted, non-overlapping spans?"""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) share a character with one of the sorted, non-overlapping spans?"""
    i = bisect.bisect_left(spans, (end, -1)) - 1  # the last span starting before `end`
    return i >= 0 and spans[i][1] > start


def term_source(term: str) -> str:
    """A term's pattern: /regex/ as written; a phrase literally, its words apart by one space or line break."""
    source, is_regex = saferegex.term_pattern(term)
    return source if is_regex else _GAP.join(saferegex.escape(w) for w in term.split())


def terms_pattern(terms: Iterable[str], flags: int, nonword: bool = False) -> saferegex.SafePattern:
    """One pattern for a list of words and /regexes/, longest literal first, with word edges."""
    sources = [term_source(t) for t in terms]
    body = "|".join(f"(?:{s})" for s in sorted(sources, key=len, reverse=True))
    return saferegex.compile(body if nonword else rf"(?<!\w)(?:{body})(?!\w)", flags)


# -- the shared candidate scan ----------------------------------------------------------------
# A pack can hold hundreds of variants; running each rule's big alternation over every article
# costs seconds over a corpus. Instead the literal prefixes of every anchored rule (all packs)
# are looked for once per document in the lower-cased prose; each rule then tries its pattern
# only where one of its own prefixes starts. The prefixes are found by an Aho-Corasick automaton
# (ahocorasick-rs, compiled: 0.12 s over the corpus) or, where that library cannot be imported,
# by one trie regex per kind of boundary (the same positions, 0.65 s). A built-in rule with
# literal needles of its own (repeated-word's " the the") registers them as a group and gets
# their starts from the same pass: a second automaton over every article cost 0.12 s more.

EXCEPTION_REACH = 200  # characters around a match searched for an exception phrase
_WORD_START: set[str] = set()  # prefixes that begin at a word boundary
_ANYWHERE: set[str] = set()  # prefixes of `nonword` rules, or starting with a non-word character
_GROUPS: dict[str, tuple[str, ...]] = {}  # other rules' needles by group name (see literal_starts)
_Scan = Callable[[str], tuple[list[int], dict[str, list[int]]]]
_SCANS: dict[tuple[int, int, tuple[tuple[str, tuple[str, ...]], ...]], _Scan] = {}


def _register(needles: Iterable[str], loose: bool) -> None:
    for n in needles:
        (_ANYWHERE if loose or not (n[0].isalnum() or n[0] == "_") else _WORD_START).add(n)


def register_literals(group: str, needles: Sequence[str]) -> None:
    """Look for ``needles`` (lower case, not empty) in the shared scan as well; where they start
    anywhere in a document's lowered prose is ``literal_starts(doc, group)``."""
    _GROUPS[group] = tuple(needles)


def _trie(words: Iterable[str]) -> str:
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _scanner() -> _Scan:
    """lowered prose → (the sorted positions where a registered prefix starts at a word
    boundary: the start, or after a character that is not a word character; the sorted starts
    of each group's needles, anywhere)."""
    key = (len(_WORD_START), len(_ANYWHERE), tuple(_GROUPS.items()))
    if key not in _SCANS:
        _SCANS.clear()
        _SCANS[key] = _automaton_scan() or _regex_scan()
    return _SCANS[key]


def _automaton_scan() -> _Scan | None:
    try:
        import ahocorasick_rs
    except ImportError:  # a platform without its wheel: the regex scan finds the same positions
        return None
    word, anywhere = sorted(_WORD_START), sorted(_ANYWHERE)
    groups = list(_GROUPS.items())
    extra = [n for _, needles in groups for n in needles]
    if not word and not anywhere and not extra:
        return lambda lowered: ([], {})
    # the DFA form: a few MB at most for a pack's prefixes, and 3x faster than the default NFA
    automaton = ahocorasick_rs.AhoCorasick(word + anywhere + extra, implementation=ahocorasick_rs.Implementation.DFA)
    find = automaton.find_matches_as_indexes
    n_word = len(word)
    n_packs = n_word + len(anywhere)
    group_of = [name for name, needles in groups for _ in needles]  # needle index - n_packs → its group

    def scan(lowered: str) -> tuple[list[int], dict[str, list[int]]]:
        found = set()
        starts: dict[str, set[int]] = {name: set() for name, _ in groups}
        for k, start, _ in find(lowered, overlapping=True):
            if k >= n_packs:
                starts[group_of[k - n_packs]].add(start)
            elif k >= n_word or start == 0:
                found.add(start)
            else:  # a word prefix counts after a space or any other non-word character (as \W)
                before = lowered[start - 1]
                if before == " " or not (before.isalnum() or before == "_"):
                    found.add(start)
        return sorted(found), {name: sorted(at) for name, at in starts.items()}

    return scan


def _regex_scan() -> _Scan:
    word = None
    if _WORD_START:
        trie = _trie(_WORD_START)
        firsts = "".join(sorted({re.escape(n[0]) for n in _WORD_START}))
        # A prefix starts at a word boundary: right after a space (the common case: a literal
        # first character lets the engine skip ahead in C), after any other non-word character
        # (the mask included), or at the very start (tried on " " + the start). One `\b(?=trie)`
        # pattern would be tried at every position: 40 % slower.
        word = (re.compile(" (?=" + trie + ")"),
                re.compile("[^a-z0-9 ](?=[" + firsts + "])(?<=\\W)(?=" + trie + ")"),
                max(map(len, _WORD_START)))
    anywhere = re.compile("(?=" + _trie(_ANYWHERE) + ")") if _ANYWHERE else None
    groups = [(name, re.compile("(?=" + _trie(needles) + ")")) for name, needles in _GROUPS.items()]

    def scan(lowered: str) -> tuple[list[int], dict[str, list[int]]]:
        positions: list[int] = []
        if word:
            after_space, after_other, longest = word
            positions = [0] if after_space.match(" " + lowered[:longest]) else []
            positions += [m.end() for m in after_space.finditer(lowered)]
            positions += [m.end() for m in after_other.finditer(lowered)]
            positions.sort()  # each position has one character before it: no duplicates
        if anywhere:
            positions = sorted(set(positions).union(m.start() for m in anywhere.finditer(lowered)))
        return positions, {name: [m.start() for m in pattern.finditer(lowered)] for name, pattern in groups}

    return scan


def _scan(doc: Document) -> tuple[str, list[int], dict[str, list[int]]] | None:
    """(lower-cased prose, pack prefix positions, each group's starts), once per document."""
    def scan() -> tuple[str, list[int], dict[str, list[int]]] | None:
        lowered = doc.lowered_prose
        if lowered is None:  # a few characters lower-case to two: scan the rules fully
            return None
        return (lowered, *_scanner()(lowered))

    key = f"pack-candidates:{len(_WORD_START)}:{len(_ANYWHERE)}:{len(_GROUPS)}"
    return doc.memo(key, scan)  # type: ignore[no-any-return]


def candidates(doc: Document) -> tuple[str, list[int]] | None:
    """(lower-cased prose, sorted positions where some registered prefix starts), once per document."""
    found = _scan(doc)
    return None if found is None else (found[0], found[1])


def literal_starts(doc: Document, group: str) -> list[int] | None:
    """Sorted offsets where a needle of ``group`` (see register_literals) starts in the
    document's lowered prose; None where there is no lowered prose (the caller scans itself)."""
    found = _scan(doc)
    return None if found is None else found[2].get(group, [])


# -- kinds ------------------------------------------------------------------------------------


class Existence(PackRule):
    """Tokens that must not appear."""

    kind = "existence"
    default_skip_quotes = True

    def __init__(self, spec: Mapping[str, Any]) -> None:
        super().__init__(spec)
        self.tokens = tuple(spec["tokens"])
        self.whole = spec.get("whole", False)
        self.masked_view = self.whole  # a whole-unit token needs the masked boundaries
        if self.whole:  # the token is all the text of a unit: bounded by non-prose or a line end
            body = "|".join(f"(?:{term_source(t)})" for t in self.tokens)
            self.pattern = saferegex.compile(rf"(?<![^\ue000\n])[^\S\n]*(?:{body})[^\S\n]*(?![^\ue000\n])",
                                             self.flags)
        else:
            nonword = spec.get("nonword", False)
            self.pattern = terms_pattern(self.tokens, self.flags, nonword)
            self.anchor(self.tokens, nonword)

    def findings(self, doc: Document, text: str) -> Iterator[Finding]:
        for m in self.matches(doc, text):
            s, e = _trim(text, *m.span()) if self.whole else m.span()
            if s == e or MASK in text[s:e] or self.excepted(text, s, e) or \
                    (not self.masked_view and not self.accept(doc, s, e)):
                continue
            yield Finding(s, e, self.render(text[s:e]))

    def describe(self) -> list[str]:
        what = "the whole text of a unit is one of" if self.whole else "flags"
        return super().describe() + [f"{what.capitalize()}: " + ", ".join(self.tokens) + "."]


class Substitution(PackRule):
    """Variant → preferred form, with capture groups and the case of the matched text kept."""

    kind = "substitution"
    default_skip_quotes = True
    masked_view = False

    def __init__(self, spec: Mapping[str, Any]) -> None:
        super().__init__(spec)
        nonword = spec.get("nonword", False)
        self.swaps: list[tuple[str, tuple[str, ...]]] = []
        alternatives = []
        # each variant alone, for its own groups: compiled when it first matches (a pack holds
        # hundreds of variants and few ever match: compiling them all cost most of a start-up;
        # packs._check_regexes has checked every /regex/ variant already)
        self.singles: list[saferegex.SafePattern] = []
        for i, (variant, preferred) in enumerate(spec["swap"].items()):
            options = tuple(preferred) if isinstance(preferred, list) else tuple(preferred.split("|"))
            self.swaps.append((variant, options))
            source = term_source(variant)
            alternatives.append((len(source), f"(?P<_s{i}>{source})"))
            with saferegex.deferred():
                self.singles.append(saferegex.compile(source, self.flags))
        body = "|".join(a for _, a in sorted(alternatives, key=lambda a: -a[0]))
        self.pattern = saferegex.compile(body if nonword else rf"(?<!\w)(?:{body})(?!\w)", self.flags)
        self.anchor(spec["swap"], nonword)
        fix = spec.get("fix", "safe")
        self.fix_mode = fix
        self.preserve_case = spec.get("preserve-case", True)
        self.fixable = fix != "none" and any(len(o) == 1 for _, o in self.swaps)

    def findings(self, doc: Document, text: str) -> Iterator[Finding]:
        for m in self.matches(doc, text):
            s, e = m.span()
            matched = m.group()
            if s == e or MASK in matched or self.excepted(text, s, e) or not self.accept(doc, s, e):
                continue
            i = next(int(k[2:]) for k, v in m.groupdict().items() if k.startswith("_s") and v is not None)
            single = self.singles[i].fullmatch(text, s, e) or m
            options = [self._expand(o, single, matched) for o in self.swaps[i][1]]
            if matched in options:
                continue  # the variant pattern also matched the preferred form
            fix = None
            if len(options) == 1 and self.fix_mode != "none":
                fix = Fix.replace(s, e, options[0], f"Replace with “{options[0]}”", safe=self.fix_mode == "safe")
                article = _agreeing_article(text, s, matched, options[0])
                if article:  # As an added bonus -> As a bonus, not "As an bonus"
                    start, prefix = article
                    fix = Fix.replace(start, e, prefix + options[0], f"Replace with “{prefix.split()[0]} {options[0]}”",
                                      safe=self.fix_mode == "safe")
            yield Finding(s, e, self.render(matched, replacement=" or ".join(f"“{o}”" for o in options)), fix)

    def _expand(self, template: str, m: Any, matched: str) -> str:
        out = _GROUP_REF().sub(lambda g: m.group(int(g.group(1) or g.group(2))) or "", template) \
            if ("$" in template or "\\" in template) and m.re.groups else template
        return match_case(matched, out) if self.preserve_case else out

    def describe(self) -> list[str]:
        swaps = "; ".join(f"{v} → {' | '.join(o)}" for v, o in self.swaps)
        fix = {"safe": "a safe fix", "unsafe": "an unsafe fix (--unsafe-fixes)", "none": "no fix"}[self.fix_mode]
        return super().describe() + [f"Swaps ({fix}; alternatives are suggested, not fixed): {swaps}."]


_ARTICLE_BEFORE = lazy(r"(?<![\w'’-])(an?)([ \u00a0]+|[ \t]*\n[ \t]*)$", re.IGNORECASE)
# vowel letters read as a consonant (a unique, a user, a European, a one-off) and a silent h (an hour)
_CONSONANT_SOUND = lazy(r"u(?:n[iy]|s[aeu]|r[aeiou]|bi|ti|ku?l)|eu|ewe|one\b|once\b", re.IGNORECASE)
_VOWEL_SOUND = lazy(r"hour|honest|honou?r|heir", re.IGNORECASE)
_VOWEL_LETTER_NAMES = "AEFHILMNORSX"  # an ATM, an HIV test, an SEC rule: initialisms read letter by letter


def indefinite_article(word: str) -> str:
    """"a" or "an" before ``word``, by its first sound as English spelling suggests it."""
    first = word.split()[0] if word.split() else word
    if len(first) > 1 and first.isupper():
        return "an" if first[0] in _VOWEL_LETTER_NAMES else "a"
    if _VOWEL_SOUND().match(first):
        return "an"
    return "an" if first[:1].lower() in "aeiou" and not _CONSONANT_SOUND().match(first) else "a"


def _agreeing_article(text: str, start: int, matched: str, replacement: str) -> tuple[int, str] | None:
    """Where "a"/"an" before a replaced phrase agreed with it and would not agree with the
    replacement (an added bonus -> a bonus): the article's start and the new article with the
    space the writer typed; else None (a free gift -> a gift keeps its article; "an historic"
    the writer chose stays theirs)."""
    m = _ARTICLE_BEFORE().search(text[max(0, start - 24):start])
    if not m:
        return None
    typed = m.group(1)
    old, new = indefinite_article(matched), indefinite_article(replacement)
    if typed.lower() != old or new == old:
        return None
    new = new.capitalize() if typed[0].isupper() else new
    return start - len(m.group()), new + m.group(2)


def match_case(matched: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``matched``: UPPER, Capitalized, or as written."""
    letters = [c for c in matched if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


class Occurrence(PackRule):
    """At most (or at least) N matches per document, paragraph or sentence."""

    kind = "occurrence"

    def __init__(self, spec: Mapping[str, Any]) -> None:
        super().__init__(spec)
        self.tokens = tuple(spec["tokens"])
        self.pattern = terms_pattern(self.tokens, self.flags, spec.get("nonword", False))
        self.anchor(self.tokens, spec.get("nonword", False))
        self.max: int | None = spec.get("max")
        self.min: int | None = spec.get("min")
        self.per: str = spec.get("per", "document")

    def findings(self, doc: Document, text: str) -> Iterator[Finding]:
        units = scope_units(doc, text, self.scopes, self.per)
        if not units:
            return
        starts = [u[0] for u in units]
        counts: list[list[tuple[int, int]]] = [[] for _ in units]
        for m in self.matches(doc, text):
            s, e = m.span()
            if s == e or MASK in m.group() or self.excepted(text, s, e):
                continue
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0 and s < units[i][1]:
                counts[i].append((s, e))
        for (us, ue), found in zip(units, counts):
            n = len(found)
            if self.max is not None and n > self.max:
                s, e = found[self.max] if self.per == "document" else (us, ue)
                yield Finding(s, e, self.render(text[s:e], count=n, limit=self.max))
            elif self.min is not None and n < self.min:
                s, e = _trim(text, us, ue)
                if self.per == "document":  # point at the first line of the scope, not the whole file
                    s = _VISIBLE().search(text, us, ue).start()  # type: ignore[union-attr]
                    e = text.find("\n", s) % (len(text) + 1)
                yield Finding(s, e, self.render(text[s:e], count=n, limit=self.min))

    def describe(self) -> list[str]:
        bound = (f"at most {self.max}" if self.max is not None else "") + \
            (" and " if self.max is not None and self.min is not None else "") + \
            (f"at least {self.min}" if self.min is not None else "")
        return super().describe() + [f"Counts {', '.join(self.tokens)}: {bound} per {self.per}."]


class Capitalization(PackRule):
    """Headings (or titles) in title case, sentence case, upper or lower case, or a pattern."""

    kind = "capitalization"
    default_scope = ("headings",)
    default_ignorecase = False

    def __init__(self, spec: Mapping[str, Any]) -> None:
        super().__init__(spec)
        self.match: str = spec["match"]
        self.threshold: float = spec.get("threshold", 0.6)
        self.regex = saferegex.compile(self.match[1:-1], self.flags) if self.match.startswith("/") else None
        words = [term_source(t) for t in spec.get("exceptions") or ()]
        self.exceptions = None
        self.exception_words = saferegex.compile("|".join(f"(?:{w})" for w in words), self.flags) if words else None
        self.fixable = self.match == "title"

    def findings(self, doc: Document, text: str) -> Iterator[Finding]:
        for us, ue in scope_units(doc, text, self.scopes, "paragraph"):
            words = [m for m in _WORD().finditer(text, us, ue)
                     if not (self.exception_words and self.exception_words.fullmatch(m.group().rstrip(".")))]
            if not words:
                continue
            yield from getattr(self, "_" + (self.match if self.regex is None else "regex"))(text, us, ue, words)

    def _title(self, text: str, us: int, ue: int, words: list[Any]) -> Iterator[Finding]:
        for i, m in enumerate(words):
            w = m.group()
            first_or_last = i == 0 or i == len(words) - 1 or text[words[i - 1].end():m.start()].strip(" ") in (":", "—", "–")
            if w[0].islower() and (first_or_last or w.lower() not in MINOR_WORDS) and not _has_inner_capital(w):
                cap = w[0].upper() + w[1:]
                yield Finding(m.start(), m.end(), self.render(w, expected=cap),
                              Fix.replace(m.start(), m.start() + 1, cap[0], f"Capitalize “{w}”", safe=False))

    def _sentence(self, text: str, us: int, ue: int, words: list[Any]) -> Iterator[Finding]:
        first = words[0]
        if first.start() == _first_letter(text, us, ue) and first.group()[0].islower() \
                and not _has_inner_capital(first.group()) and not _is_identifier(first.group()):
            yield Finding(first.start(), first.end(), self.render(first.group(), expected="sentence case"))
            return
        rest = [m.group() for m in words[1:] if not _is_acronym(m.group())]
        capitalized = [w for w in rest if w[0].isupper()]
        if len(rest) >= 3 and len(capitalized) / len(rest) >= self.threshold:
            s, e = _trim(text, us, ue)
            yield Finding(s, e, self.render(text[s:e], expected="sentence case"))

    def _upper(self, text: str, us: int, ue: int, words: list[Any]) -> Iterator[Finding]:
        if any(ch.islower() for m in words for ch in m.group()):
            s, e = _trim(text, us, ue)
            yield Finding(s, e, self.render(text[s:e], expected="upper case"))

    def _lower(self, text: str, us: int, ue: int, words: list[Any]) -> Iterator[Finding]:
        if any(ch.isupper() for m in words for ch in m.group()):
            s, e = _trim(text, us, ue)
            yield Finding(s, e, self.render(text[s:e], expected="lower case"))

    def _regex(self, text: str, us: int, ue: int, words: list[Any]) -> Iterator[Finding]:
        s, e = _trim(text, us, ue)
        assert self.regex is not None
        if not self.regex.fullmatch(text[s:e].replace(MASK, "")):
            yield Finding(s, e, self.render(text[s:e], expected=self.match))

    def describe(self) -> list[str]:
        return super().describe() + [f"Expects: {self.match}."]


def _has_inner_capital(word: str) -> bool:
    return any(c.isupper() for c in word[1:])  # iPhone, eBay: a brand decides its own case


def _is_identifier(word: str) -> bool:
    return "_" in word or "." in word.rstrip(".")  # about.yml, npm_config: a name, not a word


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _first_letter(text: str, start: int, end: int) -> int:
    m = re.compile(r"[^\W\d_]").search(text, start, end)
    return m.start() if m else -1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == MASK):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == MASK):
        end -= 1
    return start, end


class Conditional(PackRule):
    """A term (an acronym) must be defined before its first use."""

    kind = "conditional"
    default_scope = ("body",)
    default_ignorecase = False

    def __init__(self, spec: Mapping[str, Any]) -> None:
        super().__init__(spec)
        self.first = saferegex.compile(spec["first"], self.flags)
        self.second = saferegex.compile(spec["second"], self.flags)
        self.known = {t for t in spec.get("exceptions") or () if not saferegex.term_pattern(t)[1]}
        self.exceptions = None

    def findings(self, doc: Document, text: str) -> Iterator[Finding]:
        defined: dict[str, int] = {}
        for m in self.second.finditer(text):
            term = _term(m)
            if term and term not in defined:
                defined[term] = m.start()
        reported: set[str] = set()
        for m in self.first.finditer(text):
            term = _term(m)
            if not term or term in self.known or term in reported or MASK in term:
                continue
            where = defined.get(term)
            if where is None or where > m.start():
                reported.add(term)
                s, e = next((m.span(i) for i in range(1, m.re.groups + 1) if m.group(i)), m.span())
                yield Finding(s, e, self.render(term))

    def describe(self) -> list[str]:
        return super().describe() + [f"A use matches /{self.first.pattern}/; a definition /{self.second.pattern}/."]


def _term(m: Any) -> str:
    """The first group that took part in the match, else the whole match."""
    return next((g for g in m.groups() if g), m.group())


KINDS: dict[str, type[PackRule]] = {k.kind: k for k in (Existence, Substitution, Occurrence, Capitalization, Conditional)}


# -- scopes -----------------------------------------------------------------------------------


def view(doc: Document, scopes: tuple[str, ...], skip_quotes: bool) -> str:
    """``doc.prose_text`` with everything outside the scopes (and maybe quotations) masked."""
    if scopes == ("prose",) and not skip_quotes:
        return doc.prose_text
    return doc.memo(f"pack-view:{','.join(scopes)}:{skip_quotes}", lambda: _build_view(doc, scopes, skip_quotes))


def _build_view(doc: Document, scopes: tuple[str, ...], skip_quotes: bool) -> str:
    spans = _merge([sp for scope in scopes for sp in scope_spans(doc, scope)])
    if skip_quotes:
        spans = _subtract(spans, quotation_spans(doc))
    prose = doc.prose_text
    parts: list[str] = []
    cursor = 0
    for s, e in spans:
        parts.append(_masked(prose[cursor:s]))
        parts.append(prose[s:e])
        cursor = e
    parts.append(_masked(prose[cursor:]))
    return "".join(parts)


def scope_spans(doc: Document, scope: str) -> list[tuple[int, int]]:
    """The (start, end) regions one scope covers (prose inside them is what rules see)."""
    if scope == "prose":
        return [(0, len(doc.text))]
    if scope == "body":
        return [(doc.body_start, len(doc.text))]
    if scope in ("paragraphs", "headings"):
        kinds = ("heading",) if scope == "headings" else ("paragraph", "cell")
        return [(b.start, b.end) for b in doc.blocks if b.kind in kinds]
    if scope == "link-text":
        return doc.memo("pack-link-text", lambda: link_text_spans(doc))
    if scope == "front-matter":
        return [(s, e) for s, e, _ in doc.field_spans()]
    key = scope[len("front-matter."):] if scope.startswith("front-matter.") else scope
    return [(s, e) for s, e, k in doc.field_spans() if k == key]


def scope_units(doc: Document, text: str, scopes: tuple[str, ...], per: str) -> list[tuple[int, int]]:
    """The units an occurrence or capitalization rule counts in, in order, not overlapping."""
    if per == "document":
        return [(0, len(text))] if _has_prose(text, 0, len(text)) else []
    units: list[tuple[int, int]] = [(s, e) for s, e, _ in doc.field_spans()]
    units += [(b.start, b.end) for b in doc.blocks]
    units = [u for u in sorted(units) if _has_prose(text, *u)]
    if per == "sentence":
        units = [sent for u in units for sent in sentences(text, *u)]
    return units


_VISIBLE = lazy(r"[^\s\ue000]")


def _has_prose(text: str, start: int, end: int) -> bool:
    return _VISIBLE().search(text, start, end) is not None


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a region into sentences (a full stop after an abbreviation or initial does not end one)."""
    out = []
    cursor = start
    for m in _SENTENCE_END().finditer(text, start, end):
        before = text[max(cursor, m.start() - 12): m.start()]
        if _ABBREVIATION().search(before):
            continue
        out.append((cursor, m.end()))
        cursor = m.end()
    out.append((cursor, end))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in out) if e > s]


def link_text_spans(doc: Document) -> list[tuple[int, int]]:
    """The text between the brackets of inline and reference links (never images)."""
    text = doc.text
    out = []
    breaks = []  # where each blank line ("\n\n") starts: a link's text starts after the last one
    at = text.find("\n\n")
    while at >= 0:
        breaks.append(at)
        at = text.find("\n\n", at + 1)
    for s, _e, kind in doc.prose_index.masks:
        if kind not in ("dest", "ref"):
            continue
        close = s - 1 if kind == "dest" else s
        if close < 0 or text[close] != "]":
            continue
        depth, i = 0, close - 1
        # (text.rfind("\n\n", 0, close), found by bisection: a search back per link was
        # quadratic in a paragraph of thousands of links)
        k = bisect.bisect_right(breaks, close - 2) - 1
        floor = breaks[k] if k >= 0 else -1
        while i > floor:
            ch = text[i]
            if ch == "]" and (i == 0 or text[i - 1] != "\\"):
                depth += 1
            elif ch == "[" and (i == 0 or text[i - 1] != "\\"):
                if depth == 0:
                    break
                depth -= 1
            i -= 1
        if i > floor and text[i] == "[" and (i == 0 or text[i - 1] != "!"):
            out.append((i + 1, close))
    return sorted(out)


def quotation_spans(doc: Document) -> list[tuple[int, int]]:
    """Direct quotations: “…”, «…», „…“, "…" paired per paragraph, block quotes, transcripts.

    An opening mark left open at the end of a paragraph quotes the rest of it (a quotation that
    runs over several paragraphs opens each one). An article with three or more speaker turns
    (a paragraph that starts ``**Name**:`` or ``**Name:**``) is a transcript or an interview:
    from the first turn to the next heading, its paragraphs are speech.
    """
    def build() -> list[tuple[int, int]]:
        prose = doc.prose_text
        regions = [(s, e, False) for s, e, _ in doc.field_spans()]
        regions += [(b.start, b.end, b.quote_depth > 0) for b in doc.blocks]
        regions += [(s, e, True) for s, e in _transcript(doc)]
        spans = []
        for start, end, quoted in regions:
            if quoted:
                spans.append((start, end))
                continue
            opened, closers = -1, ""
            for m in _QUOTE().finditer(prose, start, end):
                ch, at = m.group(), m.start()
                if opened < 0:
                    prev = prose[at - 1] if at > start else " "
                    if ch in _OPENERS or (ch == '"' and (prev.isspace() or prev in "([{—–-/" + MASK)):
                        opened, closers = at, _CLOSING[ch]
                elif ch in closers:  # marks of another style inside are a nested quotation
                    spans.append((opened, m.end()))
                    opened = -1
            if opened >= 0:
                spans.append((opened, end))
        return _merge(spans)

    return doc.memo("pack-quotations", build)


_SPEAKER = lazy(r"\*\*[A-Z][\w.'’-]*(?: [A-Z\"“(][\w.'’\"”)-]*){0,4}(?:\*\*:|:\*\*)")
MIN_TURNS = 3


def _transcript(doc: Document) -> list[tuple[int, int]]:
    """The paragraphs of speaker turns and what follows them up to the next heading."""
    text = doc.text
    turns = [b for b in doc.blocks if b.kind == "paragraph" and b.spans and _SPEAKER().match(text, b.spans[0][0])]
    if len(turns) < MIN_TURNS:
        return []
    out, speaking = [], False
    for b in doc.blocks:
        if b.kind == "heading":
            speaking = False
        elif b.kind == "paragraph":
            speaking = speaking or (bool(b.spans) and _SPEAKER().match(text, b.spans[0][0]) is not None)
            if speaking:
                out.append((b.start, b.end))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        elif e > s:
            out.append((s, e))
    return out


def _subtract(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    j = 0
    for s, e in spans:
        cur = s
        while j < len(holes) and holes[j][1] <= cur:
            j += 1
        k = j
        while k < len(holes) and holes[k][0] < e:
            hs, he = holes[k]
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
            k += 1
        if cur < e:
            out.append((cur, e))
    return out


def _masked(segment: str) -> str:
    if "\n" not in segment:
        return MASK * len(segment)
    return "\n".join(MASK * len(part) for part in segment.split("\n"))
