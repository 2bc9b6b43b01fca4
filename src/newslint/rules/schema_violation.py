"""Schema violation: the front matter does not match the JSON Schema that applies to the article.

Schemas are JSON Schema 2020-12. The config's ``[schemas]`` table maps globs to schema files or
to ``builtin:article`` (the default for every article when there is no table), ``builtin:hugo``
or ``builtin:jekyll``; see the README. Every finding points at the offending key or value, not
at the whole block: a wrong type, format, pattern or enum at the value, an unknown key (in a
schema that refuses them) at the key with a "did you mean", a missing required key at the
opening fence, or at the key itself when it is indented under another key (``kicker:`` then
``  title: …`` makes the title part of the kicker) or written in another case (``Title:``: Hugo
ignores the case of keys, Jekyll, Astro and the schema do not; the safe fix renames it ``title:``). ``anyOf``/``oneOf`` report the branch
that came closest. ``format`` is really checked (date-time, date, uri, email, …); a format this
installation cannot check is reported once per run as a warning. TOML and JSON front matter are validated the same way.
Under ``builtin:article`` a missing ``title`` is not reported when the body opens with a level-1
heading (``# Talks resume``): Docusaurus, MkDocs and GitHub Pages take the title from it; nor
when the site names its title otherwise, in a key that ends in ``title`` (Eleventy's
``newstitle``, ``post_title``) or ``headline`` (a ``subtitle``, ``linkTitle`` or ``seo_title`` is
no title of its own), or in words under ``name`` (an Astro collection's ``name: Bi-Weekly 26 -
Bronx River``; a ``name`` without a space is a slug, as Bitcoin Optech's beside its title).

Some schema problems are reported by a more specific rule instead, with a better message or a
fix: null where a list is wanted (null-list), a date-time without a time zone
(date-without-timezone), a type error on a YAML 1.1 word such as ``yes`` (ambiguous-yaml-value),
an item listed twice in a ``uniqueItems`` list (duplicate-list-item).

Bad:
    ---
    date: 31.05.2022
    authors: []
    ---
Good:
    ---
    title: Talks resume
    date: 2022-05-31T05:32:23+03:00
    authors: [Mikhail Dobrunov]
    ---
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .. import validation
from ..document import Document
from ..model import Finding, Fix

ID = "NL010"
NAME = "schema-violation"
SEVERITY = "error"
FIXABLE = True


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per schema problem this rule owns."""
    result = validation.validate(doc, opts)
    for problem in result.problems:
        if problem.owner != "schema":
            continue
        fix = None
        if problem.rename:  # the required key written in another case (Title:): rename it; the
            # same key to Hugo, which ignores case, and the key Jekyll and Astro read
            raw = doc.text[problem.start:problem.end]
            quote = raw[0] if raw[:1] in ("'", '"') else ""
            fix = Fix.replace(problem.start, problem.end, f"{quote}{problem.rename}{quote}", f"Rename to `{problem.rename}`")
        yield Finding(problem.start, problem.end, problem.message, fix)


def collect(doc: Document, opts: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The formats the article's schema declares that this installation cannot check."""
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict):
        return ()
    compiled = validation.schema_for(doc.path, opts)
    if compiled is None:
        return ()
    return tuple((compiled.source.label, fmt) for fmt in compiled.unchecked)


def check_corpus(summaries: Mapping[str, Any], opts: Mapping[str, Any]) -> Iterator[tuple[str, Finding]]:
    """Each unchecked format once per run, on the first article whose schema uses it."""
    reported: set[tuple[str, str]] = set()
    for path in sorted(summaries):
        for label, fmt in summaries[path] or ():
            if (label, fmt) in reported:
                continue
            reported.add((label, fmt))
            yield path, Finding(0, 0, f"schema {label} uses format `{fmt}`, which this installation cannot "
                                "check; such values are not verified", severity="warning",
                                line=1, column=1, end_line=1, end_column=1)
