"""Misspelled key: an unknown front-matter key one or two letters away from a known one.

Generators ignore keys they do not know, so ``tilte:`` or ``catgories:`` silently leaves the
article without its title or sections. A key is known when the article's schema declares it or
it is in common use in Hugo, Jekyll, Eleventy, Astro or news themes (``rules/front-matter-keys.yaml``;
add your own with the ``known`` option). An unknown key that is one edit (short keys) or two
edits (keys of seven letters or more) from a likely target (a key generators read, or a
one-word key in common use such as ``topics``), a three-letter key that is a four-letter target
with a letter dropped (``dte:``), or a longer name generators do not read (``lastmodified``,
``published_at``; not in an ``.mdx`` article, whose framework, Astro or Next.js, reads the keys
its own content schema names, ``publishedAt`` among them), is reported with a "did you mean".
A known key written with a capital among lower-case keys (``Title:`` beside ``layout:`` and
``category:``) is reported too, with a safe fix to lower case: Hugo ignores a key's case, but
Jekyll, Eleventy and Astro do not, and the lower-case key works in all of them.
The fix renames it. It is safe for a slip nobody types on purpose: two neighbouring letters
swapped (``tilte``, ``dtae``), or in a key of five letters or more one letter dropped or added
(``exerpt``, ``titlle``), or a date key's letter dropped where the value is a date
(``dat: 2022-05-31``) or a required key's letter dropped or added where it is missing and the
key is no word (``titl:`` without ``title:``), when no other known key is as close and no other
key aims at the same name. It is unsafe otherwise: a mistyped letter or a short key may be a deliberate custom field
(``data``, ``tile``).

Across the content tree (``newslint check`` on a folder), the keys the site's own articles use
count too, though no schema or list knows them: a key that one or two articles use, one letter
from (or the singular or plural of) a key that five articles or more and five times as many
use, is reported at each use (``sponsor_lgo`` where twenty articles write ``sponsor_logo``;
``author:`` where two thousand write ``authors:``). A key in common use on its own (``topic``,
``image``) only when it is in three articles at most, against twenty times as many (twenty at least). No fix: the tree's habit is
evidence, not proof.

Bad:
    ---
    tilte: Talks resume
    catgories: [politics]
    ---
Good:
    ---
    title: Talks resume
    categories: [politics]
    ---

Not findings: a string where the key meant holds a table of options (``bild: "img/a.png"`` is
no ``build:``, nor ``menus:`` or ``params:``), singular/plural pairs (``image`` and ``images`` are different keys), other keys
shorter than four letters (``bio``, ``tab``), compound keys that differ from a known one only by
a separator (``redirectto``), a different case inside the key (Hugo reads ``expirydate`` as ``expiryDate``), keys written as Ruby symbols
(``:title:``, ``:layout:``, as Awestruct sites write every key: checked without their colon),
a key of five letters or more that is an English word of its own (``county``, ``publisher``,
``updates``, ``sources``, or capitalised, ``Person``: a theme's field named on purpose, not a slip for ``country``,
``published``, ``updated`` or ``resources``) unless the key it is near is required and missing
(``tittle:`` without a ``title:``) or is missing and the value has the type that key takes, a
whole number for ``weight``, true or false for ``draft``, a date for a date key (``wight: 3``), a
list of names for ``tags`` or ``categories`` (``categorise: [news]``), and keys the schema already reports (a schema that refuses unknown keys: schema-violation);
in an article whose language the front matter or the prose tells, the names sites writing in
that language give their fields (``categorias:``, ``autores:`` in a Spanish article, ``autori:``
in an Italian one: ``translated`` in the keys table), which an English article's slip is not.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import Any, Iterator, Mapping

from .. import dates, suppress, validation
from ..document import Document
from ..model import Finding, Fix
from ..resources import english_words, load_yaml
from ..schema import normalize_key, plural_pair, suggest_key

ID = "NL007"
NAME = "misspelled-key"
SEVERITY = "warning"
FIXABLE = True
DEFAULTS: dict[str, Any] = {"known": []}


# English words that name no field: a preposition, conjunction or pronoun as a key is a slip
# (except: for excerpt, where: for where a theme reads nothing)
_FUNCTION_WORDS = frozenset(
    "about above across after against along among around because before behind below beneath beside besides "
    "between beyond during except inside into since than their there these those through throughout toward "
    "towards under unless until upon whereas whether which while whose within without".split())


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """A finding at each top-level key that looks like a typo of a known key."""
    return iter(doc.memo(f"misspelled-key:{id(opts)}", lambda: list(_check(doc, opts))))


def _check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    fm = doc.front_matter
    meta = doc.meta
    if fm is None or fm.root is None or not isinstance(fm.root.items, dict) or not meta:
        return
    result = validation.validate(doc, opts)
    table = load_yaml("rules", "front-matter-keys.yaml")
    props = list(result.schema.properties) if result.schema is not None else []
    required = result.schema.required if result.schema is not None else frozenset()
    targets, known = _vocabulary(tuple(props), tuple(opts.get("known", [])))
    # (:title: :layout: — every key a Ruby symbol, as Awestruct writes them: the name is what follows the colon)
    symbols = validation.symbol_keyed(fm.data)
    sigil = ":" if symbols else ""
    if symbols:
        meta = {k[1:]: v for k, v in meta.items() if isinstance(k, str)}
    renamed = {p.start for p in result.problems if p.rename}  # (schema-violation's own: Title where title is required)
    yield from (f for f in _capitalised(doc, fm.root.items, known) if f.start not in renamed)
    if all(normalize_key(key[len(sigil):]) in known for key in fm.root.items):
        return
    reported = {p.path for p in result.problems if p.keyword in ("additionalProperties", "unevaluatedProperties")}
    translated = _translated(table, doc)
    found = []
    for written, pos in fm.root.items.items():
        key = written[len(sigil):]
        if normalize_key(key) in known or (written,) in reported or pos.key is None:
            continue
        if normalize_key(key) in translated:
            continue  # categorias:, autores: in a Spanish article: the site's own taxonomies, named in its language
        if doc.is_mdx and normalize_key(key) in table.get("misnamed", {}):
            continue  # (an .mdx article's framework reads the keys its own schema names: publishedAt)
        hint = suggest_key(key, targets)
        if hint is not None and _named_field(key, hint):
            hint = None  # publishedAt, updated_at: a field some framework's schema names, not a slip of publishDate
        if hint is not None and normalize_key(hint) in _MAPPINGS and isinstance(meta.get(key), str):
            hint = None  # bild: "images/rike.png" is no build: {render: never}, which holds options
        if hint is not None and normalize_key(hint) in _LIST_KEYS and isinstance(meta.get(key), bool):
            hint = None  # tabs: true (al-folio's switch) is no tags:, which holds names
        # (Person:, Summary: — a capitalised word is a word too, unless only its case is wrong)
        word = key.lower() if key[:1].isupper() and key[1:].islower() else key
        if hint is not None and len(key) >= 5 and word.isalpha() and word.islower() and word in english_words() \
                and normalize_key(hint) != normalize_key(key) \
                and key not in _FUNCTION_WORDS and not (hint in required and hint not in meta) \
                and not (hint not in meta and _typed_like(hint, meta.get(key))):
            hint = None  # county, publisher, Person: a word of its own names a field on purpose
            # (but tittle: where the required title is missing is the title misspelt, and
            # wight: 3 holds what weight: holds)
        # (a short key is a slip too when the required key it is near is missing and it is no word:
        # titl: without title:, whereas tile: may be a field of its own)
        needed = hint is not None and hint in required and hint not in meta and key.lower() not in english_words()
        slip = hint is not None and _certain_slip(key, hint, targets, meta.get(key), needed)
        hint = hint or _misnamed(key, table.get("misnamed", {}), props)
        if hint is not None:
            found.append((key, pos.key, hint, slip))
    aimed = Counter(hint for _, _, hint, _ in found)
    for key, (start, end), hint, slip in found:
        raw = doc.text[start:end]
        quote = raw[0] if raw[:1] in ("'", '"') else ""
        # (no rename where the key exists, nor where two keys would take the same name: tilte, titlle)
        fix = None if hint in meta or aimed[hint] > 1 else \
            Fix.replace(start, end, f"{quote}{sigil}{hint}{quote}", f"Rename to `{sigil}{hint}`", safe=slip)
        yield Finding(start, end, f"unknown key `{sigil}{key}`; did you mean `{sigil}{hint}`?", fix)


def _capitalised(doc: Document, items: Mapping[Any, Any], known: frozenset[str]) -> Iterator[Finding]:
    """``Title:`` among lower-case keys: a known key with its first letter capitalised. Hugo
    ignores a key's case, but Jekyll, Eleventy and Astro read keys as written, so the page has no
    title there; in lower case it works everywhere (a safe fix). Not where the article writes
    its keys capitalised (``Title:``, ``Date:``, a habit), nor where the lower-case key is there too,
    nor where the schema requires the key (schema-violation reports it then, with the same rename)."""
    keys = [k for k in items if isinstance(k, str)]
    capital = [k for k in keys if k[:1].isupper() and k[1:].islower() and k.isalpha() and k.lower() in known
               and k.lower() not in items]
    if not capital or len(keys) - len(capital) < 2 or any(k[:1].isupper() for k in keys if k not in capital):
        return
    if 2 * len(capital) > len(keys):
        return  # (most keys capitalised: the article's own way of writing them)
    for key in capital:
        pos = items[key]
        if pos.key is None:
            continue
        start, end = pos.key
        if doc.text[start:end] != key:
            continue  # (a quoted key: left as it is)
        yield Finding(start, end, f"key `{key}` is `{key.lower()}` with a capital: Jekyll, Eleventy and Astro "
                                  f"read keys as written (only Hugo ignores case)",
                      Fix.replace(start, end, key.lower(), f"Rename to `{key.lower()}`", safe=True))


def _translated(table: Mapping[str, Any], doc: Document) -> frozenset[str]:
    """The keys sites writing in the article's language name their fields with (``categorias``,
    ``autores`` in Spanish): none unless the front matter or the prose says the language, so that
    an English article's ``autores:`` is still a slip of ``authors``."""
    names = (table.get("translated") or {}).get(doc.language) if doc.language_known else None
    return frozenset(normalize_key(k) for k in names) if names else frozenset()


# -- across the content tree -------------------------------------------------------------------
# A key the site's own articles use, though no schema or list knows it (sponsor_logo), is a
# target too: a key in at most MAX_RARE articles, one letter from (or the plural or singular
# of) a key that MIN_MAJORITY articles or more and RATIO times as many use, is a slip. A key in
# common use (topic, image) only in KNOWN_RARE articles at most, against KNOWN_RATIO times as many.
MAX_RARE = 2
MIN_MAJORITY = 5
RATIO = 5
KNOWN_RATIO = 20  # a key in common use (topic beside topics): twenty times as many articles, twenty at least
KNOWN_RARE = 3  # ... in three articles at most


def collect(doc: Document, opts: Mapping[str, Any]) -> dict[str, Any] | None:
    """The article's top-level keys (lower-cased) and, with their places, the keys that neither
    the schema nor the known keys nor the per-file check account for (suppressions applied)."""
    fm = doc.front_matter
    if fm is None or fm.root is None or not isinstance(fm.root.items, dict) or not fm.root.items:
        return None
    items = fm.root.items
    cut = 1 if validation.symbol_keyed(fm.data) else 0  # (:title: counts as title)
    normal = {k: normalize_key(k[cut:]) for k in items if isinstance(k, str)}  # (each key once)
    keys = sorted(set(normal.values()))
    result = validation.validate(doc, opts)
    props = list(result.schema.properties) if result.schema is not None else []
    _, known = _vocabulary(tuple(props), tuple(opts.get("known", [])))
    reported = {f.start for f in check(doc, opts)}
    hidden = suppress.parse(doc)
    hides = hidden.hides if hidden else None  # (whether any comment hides: asked once, not per key)
    places: dict[str, tuple[int, int, bool]] = {}
    translated = _translated(load_yaml("rules", "front-matter-keys.yaml"), doc)
    for key, pos in items.items():
        if not isinstance(key, str) or pos.key is None or normal[key] in translated:
            continue  # (categorias: in a Spanish article of an English tree is its own field too)
        s, e = pos.key
        if s in reported or (hides is not None and hides(Finding(s, e, "", rule=ID, name=NAME, line=doc.position(s)[0]))):
            continue
        places[key[cut:]] = (s, e, normal[key] in known)
    # the front matter's line starts: a finding's line and column, for the few keys reported
    # (a position for every key of every article cost more than the whole cross-file pass)
    starts = doc.line_starts
    return {"keys": keys, "odd": places, "starts": starts[:bisect_right(starts, doc.body_start)]}


def check_corpus(summaries: Mapping[str, Any], opts: Mapping[str, Any]) -> Iterator[tuple[str, Finding]]:
    """Keys that a few articles use where most articles of the tree use a near miss of them."""
    counts: Counter[str] = Counter()
    for summary in summaries.values():
        if summary:
            counts.update(summary["keys"])
    common = [(k, n) for k, n in counts.most_common() if n >= MIN_MAJORITY]
    if not common:
        return
    for path, summary in summaries.items():
        for key, (s, e, known) in ((summary or {}).get("odd") or {}).items():
            typed = normalize_key(key)
            n = counts[typed]
            # a key in common use (topic, image) is a slip only in a few articles against a tree-wide habit
            if n > (KNOWN_RARE if known else MAX_RARE):
                continue
            ratio, floor = (KNOWN_RATIO, KNOWN_RATIO) if known else (RATIO, MIN_MAJORITY)
            meant = next((k for k, m in common if m >= max(floor, ratio * n) and k not in summary["keys"]
                          and _near(typed, k)), None)
            if meant is None:
                continue
            others = counts[meant]
            line = bisect_right(summary["starts"], s)  # (a key sits on one line)
            col = s - summary["starts"][line - 1] + 1
            yield path, Finding(s, e, f"key `{key}` is in {n} article{'s' if n > 1 else ''} of this tree, "
                                      f"`{meant}` in {others} others: did you mean `{meant}`?",
                                line=line, column=col, end_line=line, end_column=col + e - s)


def _near(typed: str, key: str) -> bool:
    """One edit apart (two from nine letters), or the plural or singular of each other (of three
    letters too: tag where twenty articles write tags; only an edit is too loose for so short a key)."""
    if min(len(typed), len(key)) < 3 or abs(len(typed) - len(key)) > 2:
        return False
    if plural_pair(typed, key):
        return True
    if min(len(typed), len(key)) < 4:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    limit = 2 if min(len(typed), len(key)) >= 9 else 1
    return DamerauLevenshtein.distance(typed, key, score_cutoff=limit) <= limit


@lru_cache(maxsize=64)
def _vocabulary(props: tuple[str, ...], extra: tuple[str, ...]) -> tuple[list[str], frozenset[str]]:
    """The keys typos are aimed at, and every known key (lower-cased), for one schema."""
    table = load_yaml("rules", "front-matter-keys.yaml")
    targets = list(props) + [k for k in table["targets"] if k not in props]
    # a typo can aim at any key in common use (toppics → topics); short known keys are words of
    # their own too often (lead, name, type) to be taken for the target of a typo, and compound
    # ones have spellings of their own (redirectto, heroimage are keys, not slips)
    targets += [k for k in table["known"] if len(k) >= 5 and k.isalpha() and k.islower() and k not in targets]
    return targets, frozenset(normalize_key(k) for k in targets + table["known"] + list(extra))


def _certain_slip(key: str, hint: str, targets: list[str], value: Any, needed: bool = False) -> bool:
    """Is ``key`` a slip of ``hint`` that no one types on purpose, and the only such near miss?"""
    typed, meant = normalize_key(key), normalize_key(hint)
    if len(typed) == len(meant):  # two neighbouring letters swapped, and nothing else
        diff = [i for i in range(len(typed)) if typed[i] != meant[i]]
        certain = (len(diff) == 2 and diff[1] == diff[0] + 1
                   and typed[diff[0]] == meant[diff[1]] and typed[diff[1]] == meant[diff[0]])
        # ... or one letter typed for another in a long key that is no word, holding what the
        # meant key holds or standing where a required key is missing (authers: [jparcell],
        # catagories: [news]); a short one may be a field of its own (tabs:, dare:)
        certain = certain or (len(diff) == 1 and len(typed) >= 6 and key.lower() not in english_words()
                              and (needed or _typed_like(hint, value)))
    else:  # one letter dropped or added, in a key long enough not to be another word, or
        # holding a date where a date key was meant (dat: 2022-05-31)
        short, long_ = sorted((typed, meant), key=len)
        certain = (len(long_) - len(short) == 1
                   and (len(typed) >= 5 or needed or (meant in _DATE_KEYS and _is_date(value)))
                   and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))))
    if not certain:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    near = [t for t in targets if DamerauLevenshtein.distance(typed, normalize_key(t), score_cutoff=1) <= 1]
    return len(near) == 1


_DATE_KEYS = frozenset(("date", "lastmod", "publishdate", "expirydate", "pubdate", "updated", "published"))


def _typed_like(hint: str, value: Any) -> bool:
    """Does ``value`` have the type the key ``hint`` takes, a type a field named by a word of
    its own seldom has: a whole number for ``weight``, true or false for ``draft``, a date for
    a date key (wight: 3, dated: 2022-05-31), a list of names for a taxonomy (categorise: [news])?"""
    meant = normalize_key(hint)
    if meant == "weight":
        return isinstance(value, int) and not isinstance(value, bool)
    if meant == "draft":
        return isinstance(value, bool)
    if meant in _LIST_KEYS:  # (categorise: [news]: a list of names, what categories holds)
        return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)
    return meant in _DATE_KEYS and _is_date(value)


_LIST_KEYS = frozenset(("tags", "categories", "topics", "keywords", "series", "authors"))
# keys whose value is a table of options or entries, never one string
_MAPPINGS = frozenset(("build", "cascade", "menu", "menus", "outputs", "params", "resources", "sitemap"))


def _is_date(value: Any) -> bool:
    return isinstance(value, (datetime.date, datetime.datetime)) or dates.parse(value) is not None


_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def _named_field(key: str, hint: str) -> bool:
    """Is ``key`` a name made on purpose of two words or more, each spelt right, parted
    otherwise than ``hint`` is (publishedAt, updated_at; not pubishDate, publish_date)?
    A typo damages a word; it does not re-part a name into other whole words."""
    parts = _PARTS.findall(key)
    if len(parts) < 2 or [p.lower() for p in parts] == [p.lower() for p in _PARTS.findall(hint)]:
        return False
    words = english_words()
    return all(p.lower() in words for p in parts if not p.isdigit())


def _misnamed(key: str, table: Mapping[str, list[str]], props: list[str]) -> str | None:
    # (only a name typed run together in lower case reads as a slip: publishedAt, lastModified
    # are the fields of some framework's schema, as a site's every article shows)
    if not key.islower():
        return None
    meant = table.get(normalize_key(key))
    if not meant:
        return None
    return next((k for k in meant if k in props), meant[0])
