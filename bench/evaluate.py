#!/usr/bin/env python3
"""Inject known defects into real articles and measure what newslint finds and repairs.

    .venv/bin/python bench/evaluate.py                       # 300 corpus articles + the seed
    .venv/bin/python bench/evaluate.py --sample 100 --seed 7 # another sample
    .venv/bin/python bench/evaluate.py --kinds space-before-punct,doubled-space
    .venv/bin/python bench/evaluate.py --json out.json --compare before.json

For every article and every defect kind, one defect is injected at a random eligible place
(seeded): body prose only for typography, names and dates (never code, URLs, link targets,
HTML, shortcodes, Liquid tags, headings, tables or front-matter keys), link syntax for the link
kinds, the YAML block for the front-matter kinds, and the one-line values of the front matter's
text fields (title, description, summary...; quoted or plain) for the ``field-`` kinds, which put
a typing slip there (a space before punctuation, a doubled space or mark, an invisible character,
a Cyrillic homoglyph). Eligibility is decided by this script's own
line-based reading of the Markdown, not by newslint's prose view, so a masking bug shows up as
a miss. Each injection records:

- detected: a finding that the original does not have, at the injected line, by the expected
  rule (``exact``) or by a rule of the same family (``family``);
- convergence: ``fix(damaged) == fix(original)`` with safe fixes, and again with unsafe fixes.

The whole default rule set runs together, through the engine calls that ``newslint.lint_text``
and ``newslint.fix_text`` make (settings built once). Findings on the undamaged originals are
counted by rule: on clean real prose every one of them is false-positive exposure. The seed
article (../shared/seed) has real defects of its own and is left out of that count.

Kinds whose repair cannot give back the original (an inserted ``<...>``, a null list that
replaced a filled one, a rule with no fix) are marked: their convergence is reported apart.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterator

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" if (HERE.parents[1] / "shared").exists() else Path("/work/shared")
DEFAULT_CORPUS = SHARED / "corpus"
DEFAULT_SEED = SHARED / "seed" / "pentagon-negotiations.md"

FAMILIES = {
    "front-matter": {f"NL{i:03d}" for i in range(0, 15)},
    "spacing": {"NL100", "NL101", "NL102", "NL103", "NL104"},
    "dashes": {"NL105", "NL106", "NL107", "NL108"},
    "quotes": {f"NL{i}" for i in range(110, 120)},
    "characters": {"NL120", "NL121", "NL122"},
    "words": {"NL109"},
    "links": {f"NL{i}" for i in range(130, 139)},
    "dates": {f"NL{i}" for i in range(140, 145)},
    "names": {f"NL{i}" for i in range(150, 154)},
}


# -- reading an article without newslint -------------------------------------------------------


@dataclass
class Article:
    """One article as text, with this script's own idea of where its prose is."""

    path: str
    text: str
    body_start: int  # offset of the first body character
    fm: list[tuple[int, int]]  # (start, end) offsets of the front-matter lines (between fences)
    prose: bytearray  # 1 where a body character is plain paragraph prose
    line_starts: list[int]
    fields: bytearray | None = None  # 1 inside the one-line values of front-matter text fields

    def line_of(self, offset: int) -> int:
        import bisect

        return bisect.bisect_right(self.line_starts, offset)

    def is_prose(self, start: int, end: int, margin: int = 1) -> bool:
        a, b = max(start - margin, 0), min(end + margin, len(self.text))
        return a >= self.body_start and all(self.prose[a:b])


# A fence at any indent, also in a block quote: one indented under a list item opens a fenced
# block of the item (and four spaces at the top level make an indented code block): code either way
_FENCE = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})")
_LIQUID_BLOCK = re.compile(r"\{%-?\s*(highlight|raw|comment|capture|codeblock)\b")
_LIQUID_END = re.compile(r"\{%-?\s*end(highlight|raw|comment|capture|codeblock)\b")
_PROTECT = re.compile(
    r"`[^`\n]*`"                     # code span
    r"|!\[[^\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)"  # image
    r"|\]\((?:[^()\n]|\([^()\n]*\))*\)"     # link destination (balanced parentheses inside: ...+(Blog)&x)
    r"|\]\[[^\]\n]*\]"               # reference label
    r"|\[\^[^\]\n]*\]"               # footnote
    r"|<(?:[^>\n\"']|\"[^\"\n]*\"|'[^'\n]*')*>"  # HTML tag (a quoted value may hold '>': href="{{< ref "x" >}}"), autolink
    r"|\{\{.*?\}\}|\{%.*?%\}|\{:[^}\n]*\}|\{#[^}\n]*\}"  # shortcodes, Liquid, kramdown attributes
    r"|\b(?:https?|ftp|mailto):\S+|\bwww\.\S+"            # bare URLs
    r"|[^\s\[\]()<>]+@[^\s\[\]()<>]+\.\w+"  # e-mail (not across a link's brackets: [@handle](https://x.com/handle))
    r"|&#?\w+;"                      # entities
    r"|\\."                          # escapes
    r"|\$[^$\n]+\$"                  # math
    r"|\b[\w-]+\.(?:md|html?|pdf|png|jpe?g|gif|svg|csv|json|ya?ml|txt|py|js|go|xml)\b"  # file names
    r"|\b[A-Za-z0-9]+(?:[._/][A-Za-z0-9]+){2,}"           # dotted/slashed identifiers
)
_RAW_HTML = re.compile(r"^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)", re.I)
_MDX_EXPRESSION = re.compile(r"\{(?:[^{}\n]|\{[^{}\n]*\})*\}|\{[^}]*$")  # {props.rate}, {/* a comment */}
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_BLOCKQUOTE = re.compile(r"^(\s*>\s?)+")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")


def read_article(path: str, text: str) -> Article:
    """Split front matter and body and mark the body's plain prose characters."""
    n = len(text)
    prose = bytearray(n)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    body_start = 0
    fm: list[tuple[int, int]] = []
    lead = len(text) - len(text.lstrip("\n"))  # blank lines before the block (Hugo reads it anyway)
    if text.startswith("---\n", lead):
        open_end = lead + 4
        close = re.search(r"^(---|\.\.\.)[ \t]*$", text[open_end:], re.M)
        if close:
            fm_text_end = open_end + close.start()
            body_start = min(open_end + close.end() + 1, n)
            pos = open_end
            while pos < fm_text_end:
                nl = text.find("\n", pos)
                nl = fm_text_end if nl < 0 or nl > fm_text_end else nl
                fm.append((pos, nl))
                pos = nl + 1
    elif text.startswith("+++\n", lead):  # TOML (Hugo, Zola): neither prose nor YAML fields to damage
        close = re.search(r"^\+\+\+[ \t]*$", text[lead + 4:], re.M)
        if close:
            body_start = min(lead + 4 + close.end() + 1, n)
    in_fence = None
    in_html = False
    in_raw = ""  # CommonMark's HTML block type 1 (<script>, <pre>, <style>, <textarea>) runs to its closing tag
    in_liquid = False
    in_shortcode = False
    in_comment = False
    in_tag = False  # a Liquid tag or shortcode call over several lines
    mdx = path.lower().endswith(".mdx")  # Astro, Next.js, Docusaurus: ESM lines and {expressions} are code
    in_esm = in_code = False
    prev_blank = True
    for i, ls in enumerate(starts):
        if ls < body_start:
            continue
        le = text.find("\n", ls)
        le = n if le < 0 else le
        line = text[ls:le]
        s = line.strip()
        if in_fence:
            if re.match(r"^[ \t]*(?:>[ \t]?)*[ \t]*" + re.escape(in_fence[0]) + "{" + str(len(in_fence)) + r",}\s*$", line):
                in_fence = None
            continue
        m = _FENCE.match(line)
        if m:
            in_fence = m.group(1)
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if in_liquid:
            if _LIQUID_END.search(line):
                in_liquid = False
            continue
        if in_shortcode:
            if ">}}" in line or "%}}" in line:
                in_shortcode = False
            continue
        if in_tag:
            if "%}" in line:
                in_tag = False
            continue
        if in_raw:
            if in_raw in line.lower():
                in_raw = ""
            continue
        raw = _RAW_HTML.match(line)
        if raw and f"</{raw.group(1).lower()}>" not in line.lower():
            in_raw = f"</{raw.group(1).lower()}>"
            continue
        if not s:
            in_html = in_esm = False
            prev_blank = True
            continue
        blank_before, prev_blank = prev_blank, False
        if in_html or in_esm:
            continue
        if mdx and blank_before and re.match(r"(?:import|export)\b", line):
            in_esm = True  # an ESM block runs to a blank line
            continue
        if "<!--" in line and "-->" not in line[line.index("<!--"):]:
            in_comment = True
            continue
        if _LIQUID_BLOCK.search(line) and not _LIQUID_END.search(line):
            in_liquid = True
            continue
        if ("{{<" in line or "{{%" in line) and not (">}}" in line[line.rfind("{{"):] or "%}}" in line[line.rfind("{{"):]):
            in_shortcode = True
            continue
        if "{%" in line and "%}" not in line[line.rfind("{%"):]:
            in_tag = True
            continue
        if s.startswith("<") or s.startswith("{%") or s.startswith("{{") or s.startswith("{:"):
            if s.startswith("<") and blank_before:
                in_html = True
            continue
        indented = line.startswith("    ") or line.startswith("\t")
        if in_code and indented:
            continue  # the indented code block goes on (blank lines between do not end it)
        in_code = False
        if indented and blank_before and not _LIST.match(line):
            in_code = True
            continue  # indented code (a list continuation is skipped too: cannot tell)
        if s.startswith(("#", "|", "[^", "---", "***", "___", "===", "* * *", "$$")) or _REFDEF.match(line):
            continue
        if "|" in s and s.count("|") >= 2:
            continue  # a table row without leading pipe
        off = 0
        q = _BLOCKQUOTE.match(line)
        if q:
            off = q.end()
        lm = _LIST.match(line, off)
        if lm:
            off = lm.end()
        if line.startswith("    ") and not lm:
            off = len(line) - len(line.lstrip())
        seg = line[off:]
        if seg.startswith("<"):
            in_html = True  # a list item or quote that holds an HTML block
            continue
        ok = bytearray(b"\x01") * len(seg)
        for pm in _PROTECT.finditer(seg):
            ok[pm.start():pm.end()] = bytes(pm.end() - pm.start())
        if mdx:
            for pm in _MDX_EXPRESSION.finditer(seg):
                ok[pm.start():pm.end()] = bytes(pm.end() - pm.start())
        prose[ls + off: ls + off + len(seg)] = ok
    fields = bytearray(n)
    for ls, le in fm:
        m = _TEXT_FIELD.match(text, ls, le)
        if m:
            g = "v" if m.group("v") else "v2" if m.group("v2") else "v3"
            a, b = m.span(g)
            ok = bytearray(b"\x01") * (b - a)
            for pm in _PROTECT.finditer(text, a, b):  # entities, URLs, code... are not prose there either
                ok[pm.start() - a:pm.end() - a] = bytes(pm.end() - pm.start())
            fields[a:b] = ok
    return Article(path, text, body_start, fm, prose, starts, fields)


# title/description/summary... on one line, quoted or plain (a value that holds a quote of the
# other kind, an escape or a comment is left alone)
_TEXT_FIELD = re.compile(r"""(?:title|description|summary|subtitle|deck|excerpt|caption|lead):[ \t]+"""
                         r"""(?:"(?P<v>[^"\\\n]+)"|'(?P<v2>[^'\n]+)'|(?P<v3>[^'"|>&*!\[{#\s][^#\n]*?))[ \t]*$""")


# -- injections --------------------------------------------------------------------------------


@dataclass
class Injection:
    """One defect put into one article."""

    kind: str
    subtype: str
    damaged: str
    lines: tuple[int, ...]  # where a finding is wanted (lines of the damaged text)
    rules: tuple[str, ...]  # the rules that report this defect
    converge: str  # "safe", "unsafe" or "none" (the repair cannot give the original back)
    line_shift: tuple[int, int] = (0, 0)  # (first line moved, by how many): lines the edit added
    snippet: str = ""
    span: tuple[int, int] = (0, 0)  # where the damaged text differs (offsets into it)


def _snippet(text: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(start - width, 0), min(end + width, len(text))
    return text[a:b].replace("\n", "⏎")


def _replace(a: Article, start: int, end: int, new: str, kind: str, subtype: str, rules, converge,
             extra_lines: tuple[int, ...] = ()) -> Injection:
    damaged = a.text[:start] + new + a.text[end:]
    line = a.line_of(start)
    return Injection(kind, subtype, damaged, (line, *extra_lines), tuple(rules), converge,
                     snippet=_snippet(damaged, start, start + len(new)), span=(start, start + len(new)))


def _prose_matches(a: Article, pattern: re.Pattern, group: int = 0, margin: int = 1) -> list[re.Match]:
    out = []
    for m in pattern.finditer(a.text, a.body_start):
        if a.is_prose(m.start(), m.end(), margin):
            out.append(m)
    return out


def _curly(a: Article) -> bool:
    body = "".join(ch for ch, ok in zip(a.text[a.body_start:], a.prose[a.body_start:]) if ok)
    curly = body.count("“") + body.count("”") + body.count("’") + body.count("‘")
    straight = body.count('"') + body.count("'")
    return body.count("“") >= 1 and curly >= straight and curly >= 4


Injector = Callable[[Article, random.Random], "Injection | None"]
INJECTORS: dict[str, Injector] = {}


def injector(name: str) -> Callable[[Injector], Injector]:
    def deco(fn: Injector) -> Injector:
        INJECTORS[name] = fn
        return fn
    return deco


def _pick(rng: random.Random, items):
    return rng.choice(items) if items else None


def _pick_place(a: Article, rng: random.Random, patterns: dict[str, re.Pattern]) -> tuple[str, re.Match | None]:
    """A subtype drawn from ``patterns``, then one of the places in prose its pattern matches."""
    sub = rng.choice(list(patterns))
    return sub, _pick(rng, _prose_matches(a, patterns[sub]))


_SP_BEFORE = re.compile(r"(?<=[a-z]{3})([,;:!?]|\.(?= [A-Z][a-z]))(?= [A-Za-z])")


@injector("space-before-punct")
def _space_before(a, rng):
    m = _pick(rng, _prose_matches(a, _SP_BEFORE))
    if m:
        return _replace(a, m.start(1), m.start(1), " ", "space-before-punct", repr(m.group(1)), ["NL102"], "safe")


_WORD_GAP = re.compile(r"(?<=[a-z]{2}) (?=[a-z]{2})")
_SENT_GAP = re.compile(r"(?<=[a-z]{2}\.) (?=[A-Z][a-z])")


_TWO_SPACE_HABIT = re.compile(r"[A-Za-z0-9)][.!?][\"”’)]*  +[\"“‘(]*[A-Z]")  # (COMPETES.  The counts: the rule counts it)


@injector("doubled-space")
def _doubled_space(a, rng):
    sub = rng.choice(["between-words", "between-words", "after-sentence"])
    if sub == "after-sentence" and len(_TWO_SPACE_HABIT.findall(a.text)) >= 2:
        return None  # the writer puts two spaces after sentences: one more is the article's style
    m = _pick(rng, _prose_matches(a, _WORD_GAP if sub == "between-words" else _SENT_GAP))
    if m:
        return _replace(a, m.start(), m.end(), "  ", "doubled-space", sub, ["NL103"], "safe")


_AFTER_STOP = re.compile(r"(?<=[a-z]{3}[.?!]) (?=[A-Z][a-z]+ )")
_AFTER_COMMA = re.compile(r"(?<=[a-z]{3}[,;]) (?=[a-z]{2})")


@injector("missing-space-after")
def _missing_space(a, rng):
    sub, m = _pick_place(a, rng, {"after-stop": _AFTER_STOP, "after-comma": _AFTER_COMMA})
    if m:
        return _replace(a, m.start(), m.end(), "", "missing-space-after", sub, ["NL100"], "safe")


_PUNCT = re.compile(r"(?<=[a-z]{3})([,;]|\.(?= [A-Z]))(?= )")


@injector("doubled-punct")
def _doubled_punct(a, rng):
    m = _pick(rng, _prose_matches(a, _PUNCT))
    if m:
        mark = m.group(1)
        return _replace(a, m.start(1), m.end(1), mark * 2, "doubled-punct", repr(mark), ["NL101"], "safe")


_CURLY_PAIR = re.compile(r"“([^“”\n]{2,200}?)”")


def _prose_count(a: Article, chars: str) -> int:
    body = a.text[a.body_start:]
    flags = a.prose[a.body_start:]
    return sum(1 for i, ch in enumerate(body) if ch in chars and flags[i])


@injector("straight-quotes")
def _straight_quotes(a, rng):
    # Only where the article stays a curly-quote article after the change: its other curly
    # quotation marks outnumber its straight ones. Straightening the only curly pair of an
    # article leaves a straight-quote article, where straight marks are no defect.
    curly, straight = _prose_count(a, "“”"), _prose_count(a, '"')
    if curly - 2 < 2 or curly - 2 < straight + 2:
        return None
    m = _pick(rng, _prose_matches(a, _CURLY_PAIR, margin=0))
    if m:
        new = '"' + m.group(1) + '"'
        return _replace(a, m.start(), m.end(), new, "straight-quotes", "pair", ["NL114"], "safe")


_CLOSE_SPACE = re.compile(r"(?<=[\w.,!?])” (?=[a-z])")
_OPEN_SPACE = re.compile(r"(?<=[a-z]) “(?=[A-Za-z])")


@injector("misplaced-quote-space")
def _misplaced(a, rng):
    if not _curly(a):
        return None
    sub, m = _pick_place(a, rng, {"closing": _CLOSE_SPACE, "opening": _OPEN_SPACE})
    if not m:
        return None
    new = " ”" if sub == "closing" else "“ "
    return _replace(a, m.start(), m.end(), new, "misplaced-quote-space", sub, ["NL112"], "safe")


_OPEN_WORD = re.compile(r"(?<=[\s(])“(?=[A-Za-z])")
_WORD_CLOSE = re.compile(r"(?<=[a-z.,!?])”(?=[\s,.;:)])")


@injector("space-inside-quotes")
def _space_inside(a, rng):
    if not _curly(a):
        return None
    sub, m = _pick_place(a, rng, {"after-opening": _OPEN_WORD, "before-closing": _WORD_CLOSE})
    if not m:
        return None
    new = "“ " if sub == "after-opening" else " ”"
    return _replace(a, m.start(), m.end(), new, "space-inside-quotes", sub, ["NL113"], "safe")


_APOS = re.compile(r"(?<=[A-Za-z])’(?=[a-z]{1,2}\b)")


@injector("straight-apostrophe")
def _apostrophe(a, rng):
    if not _curly(a):
        return None
    m = _pick(rng, _prose_matches(a, _APOS))
    if m:
        return _replace(a, m.start(), m.end(), "'", "straight-apostrophe", "word", ["NL117"], "safe")


_INSIDE_PUNCT = re.compile(r"(?<=[a-z]{2})([.,])”")
_OUTSIDE_PUNCT = re.compile(r"”[.,]")


@injector("punct-outside-quote")
def _punct_outside(a, rng):
    # Only in an article that puts its commas and full stops inside the closing marks (four times
    # or more, never outside): one moved outside is then a slip (translated or British habit).
    inside = _prose_matches(a, _INSIDE_PUNCT, margin=0)
    if len(inside) < 4 or _prose_matches(a, _OUTSIDE_PUNCT, margin=0):
        return None
    m = rng.choice(inside)
    return _replace(a, m.start(), m.end(), "”" + m.group(1), "punct-outside-quote", repr(m.group(1)), ["NL119"], "safe")


_ELL3 = re.compile(r"(?<![.])\.\.\.(?![.])")
_ELL1 = re.compile(r"…")


@injector("ellipsis-style")
def _ellipsis(a, rng):
    three = [m for m in _prose_matches(a, _ELL3, margin=0) if not re.search(r"[\[(<]$", a.text[m.start() - 1:m.start()])]
    one = [m for m in _prose_matches(a, _ELL1, margin=0) if not re.search(r"[\[(<]$", a.text[m.start() - 1:m.start()])]
    # the article's form must keep a strict majority after the change, or no house form is left
    if len(three) - 1 > len(one) + 1:
        m = rng.choice(three)
        return _replace(a, m.start(), m.end(), "…", "ellipsis-style", "... article gets …", ["NL105"], "safe")
    if len(one) - 1 > len(three) + 1:
        m = rng.choice(one)
        return _replace(a, m.start(), m.end(), "...", "ellipsis-style", "… article gets ...", ["NL105"], "safe")
    return None


_IN_QUOTE_GAP = re.compile(r"“([^“”\n]{10,300}?)”")


@injector("elision-marker")
def _elision(a, rng):
    quotes = _prose_matches(a, _IN_QUOTE_GAP, margin=0)
    spots = []
    for q in quotes:
        for g in re.finditer(r"(?<=[a-z]{2}) (?=[a-z]{2})", q.group(1)):
            spots.append(q.start(1) + g.start())
    if not spots:
        return None
    at = rng.choice(spots)
    if not a.is_prose(at, at + 1):
        return None
    return _replace(a, at, at, " <...>", "elision-marker", "inserted in quotation", ["NL106"], "none")


_DASH = re.compile(r"(?<=[a-z])(?: — | – |—)(?=[a-z])")


@injector("hyphen-as-dash")
def _hyphen_dash(a, rng):
    # Only where the article's other dashes still show its house form: the replaced dash's form
    # keeps a strict majority among the dashes left (else the repair cannot know the form).
    dashes = _prose_matches(a, _DASH)
    forms = Counter(m.group() for m in dashes)
    ok = [m for m in dashes if forms[m.group()] - 1 > sum(forms.values()) - forms[m.group()]]
    if ok:
        m = rng.choice(ok)
        sub = rng.choice(["spaced hyphen", "double hyphen"])
        new = " - " if sub == "spaced hyphen" else ("--" if m.group() == "—" else " -- ")
        return _replace(a, m.start(), m.end(), new, "hyphen-as-dash", sub + " for a dash", ["NL107"], "safe")
    if dashes:
        return None
    m = _pick(rng, _prose_matches(a, re.compile(r"(?<=[a-z]{3}), (?=[a-z]{3})")))
    if m:  # no dash to copy: a spaced hyphen where a comma was (the repair writes a dash)
        return _replace(a, m.start(), m.end(), " - ", "hyphen-as-dash", "spaced hyphen, article without dashes",
                        ["NL107"], "none")


_IN_WORD = re.compile(r"(?<=[A-Za-z]{2})(?=[A-Za-z]{2})")
_WORD_END = re.compile(r"(?<=[A-Za-z]{2})(?= [A-Za-z])")


@injector("invisible-character")
def _invisible(a, rng):
    chars = {"zero-width space in a word": "\u200b", "zero-width space after a word": "\u200b",
             "soft hyphen in a word": "\u00ad", "word joiner in a word": "\u2060", "BOM in a word": "\ufeff"}
    sub = rng.choice(sorted(chars))
    ch = chars[sub]
    pattern = _WORD_END if "after" in sub else _IN_WORD
    m = _pick(rng, _prose_matches(a, pattern))
    if m:
        return _replace(a, m.start(), m.start(), ch, "invisible-character", sub, ["NL120"], "safe")


@injector("rare-invisible")
def _rare_invisible(a, rng):
    """An invisible character that pasted copy or a spoofing tool leaves less often than a ZWSP."""
    chars = {"grapheme joiner in a word": "\u034f", "Hangul filler after a word": "\u3164",
             "tag characters in a word": "\U000e0041\U000e0042", "variation selector in a word": "\ufe0f"}
    sub = rng.choice(sorted(chars))
    m = _pick(rng, _prose_matches(a, _WORD_END if "after" in sub else _IN_WORD))
    if m:
        return _replace(a, m.start(), m.start(), chars[sub], "rare-invisible", sub, ["NL120"], "safe")


_BETWEEN_WORDS = re.compile(r"(?<=[A-Za-z]{2}) (?=[A-Za-z]{2})")


@injector("odd-space")
def _odd_space(a, rng):
    """A typographer's space (or a line separator) for the space between two words."""
    blanks = {"en space": "\u2002", "em space": "\u2003", "thin space": "\u2009", "hair space": "\u200a",
              "ideographic space": "\u3000", "figure space": "\u2007", "line separator": "\u2028"}
    sub = rng.choice(sorted(blanks))
    m = _pick(rng, _prose_matches(a, _BETWEEN_WORDS))
    if m:
        return _replace(a, m.start(), m.end(), blanks[sub], "odd-space", sub, ["NL103"], "safe")


_LIGATURE_PLACE = re.compile(r"(?<=[A-Za-z])f[il](?=[a-z])|\bf[il](?=[a-z]{2})")
_HYPHENATED = re.compile(r"(?<=[a-z]{2})-(?=[a-z]{2})")
_STOP_BEFORE_SENTENCE = re.compile(r"(?<=[a-z]{2})\.(?= [A-Z][a-z])")
_CAPITAL_IN_WORD = re.compile(r"\b[A-Z](?=[a-z]{3,}\b)")


@injector("compatibility-lookalike")
def _compatibility(a, rng):
    """A look-alike from another Unicode block: a ligature, a fullwidth or mathematical capital,
    a minus sign for a word's hyphen, a one dot leader for a full stop."""
    sub, m = _pick_place(a, rng, {"ligature": _LIGATURE_PLACE, "fullwidth capital": _CAPITAL_IN_WORD,
                                  "mathematical capital": _CAPITAL_IN_WORD, "minus sign for a hyphen": _HYPHENATED,
                                  "one dot leader for a full stop": _STOP_BEFORE_SENTENCE})
    if m is None:
        return None
    c = m.group()
    if sub == "ligature":
        new = "\ufb01" if c == "fi" else "\ufb02"
    elif sub == "fullwidth capital":
        new = chr(ord(c) - ord("A") + 0xFF21)
    elif sub == "mathematical capital":
        new = chr(ord(c) - ord("A") + 0x1D400)
    elif sub == "minus sign for a hyphen":
        new = "\u2212"
    else:
        new = "\u2024"
    return _replace(a, m.start(), m.end(), new, "compatibility-lookalike", sub, ["NL121"], "safe")


HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
              "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
              "T": "Т", "X": "Х"}
_LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


@injector("cyrillic-homoglyph")
def _homoglyph(a, rng):
    words = [m for m in _prose_matches(a, _LATIN_WORD) if any(c in HOMOGLYPHS for c in m.group())]
    m = _pick(rng, words)
    if not m:
        return None
    idx = [i for i, c in enumerate(m.group()) if c in HOMOGLYPHS]
    i = rng.choice(idx)
    c = m.group()[i]
    at = m.start() + i
    return _replace(a, at, at + 1, HOMOGLYPHS[c], "cyrillic-homoglyph", "first letter" if i == 0 else "inner letter",
                    ["NL121"], "safe")


# names ----------------------------------------------------------------------------------------

HOUSE_VARIANTS = {  # a spelling in the shipped dictionary → a variant a hurried copy uses
    "Zelensky": ["Zelenskyy", "Zelenskiy"], "Podolyak": ["Podoliak"], "Shoigu": ["Shoygu"],
    "Navalny": ["Navalnyy"], "Kyiv": ["Kiev"], "Kharkiv": ["Kharkov"], "Odesa": ["Odessa"],
    "Peskov": [], "Zaporizhzhia": ["Zaporozhye"], "Lviv": ["Lvov"],
}


def _given_names() -> set[str]:
    path = HERE.parent / "rules" / "given-names.txt"
    out = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(line.split()[0])
    return out


GIVEN = _given_names()
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]{3,})\b")


def _people(a: Article) -> dict[str, tuple[str, list[re.Match], int]]:
    """surname → (given name, its bare mentions, offset of its first full mention)."""
    fulls: dict[str, tuple[str, int]] = {}
    for m in _prose_matches(a, _FULL_NAME):
        if m.group(1) in GIVEN and m.group(2) not in GIVEN and m.group(2) not in fulls:
            fulls[m.group(2)] = (m.group(1), m.start(2))
    out = {}
    for sur, (given, first) in fulls.items():
        if re.search(r"\b" + sur.lower() + r"\b", a.text[a.body_start:]):
            continue  # also a common word
        bare = [m for m in _prose_matches(a, re.compile(r"\b" + re.escape(sur) + r"\b"))
                if m.start() > first and not re.search(r"[A-Z][\w.]*[ \u00a0]$", a.text[max(m.start() - 30, 0):m.start()])
                and not re.match(r"\*\*:|:|[ \u00a0][A-Z]", a.text[m.end():m.end() + 3])]  # not in a longer name, not a speaker
        out[sur] = (given, bare, first)
    return out


def _variant(word: str, rng: random.Random) -> tuple[str, str] | None:
    """A transliteration-style spelling of a surname: (variant, the operation)."""
    ops = []
    for m in re.finditer(r"(?<=.)y(?=[aeiou])|(?<=[a-z])y\b", word):
        ops.append(("y→i", word[:m.start()] + "i" + word[m.end():]))
    for m in re.finditer(r"(?<=[a-z])i(?=[aeou])", word):
        ops.append(("i→y", word[:m.start()] + "y" + word[m.end():]))
    for m in re.finditer(r"([bcdfgklmnprstz])\1", word):
        ops.append(("undouble", word[:m.start()] + m.group(1) + word[m.end():]))
    for m in re.finditer(r"(?<=[aeiou])([lnrst])(?=[aeiouy])", word):
        ops.append(("double", word[:m.start()] + m.group(1) * 2 + word[m.end():]))
    if re.search(r"sky\b", word):
        ops.append(("-sky→-skiy", re.sub(r"sky\b", "skiy", word)))
    if re.search(r"kh", word):
        ops.append(("kh→h", word.replace("kh", "h", 1)))
    if word.endswith("ov"):
        ops.append(("-ov→-off", word[:-2] + "off"))
    if word.endswith("ev"):
        ops.append(("-ev→-yev", word[:-2] + "yev"))
    if not ops:
        return None
    op, var = rng.choice(ops)
    return var, op


@injector("name-variant")
def _name_variant(a, rng):
    house = [(m, v) for name, vs in HOUSE_VARIANTS.items() for v in vs
             for m in _prose_matches(a, re.compile(r"\b" + name + r"\b"))]
    if house:
        m, v = rng.choice(house)
        return _replace(a, m.start(), m.end(), v, "name-variant", "house dictionary", ["NL150"], "safe")
    people = {s: p for s, p in _people(a).items() if len(p[1]) >= 1}
    if not people:
        return None
    sur = rng.choice(sorted(people))
    given, bare, first = people[sur]
    made = _variant(sur, rng)
    if not made:
        return None
    var, op = made
    spots = [(first, "in the full-name mention")] + [(m.start(), "in a later mention") for m in bare]
    at, where = rng.choice(spots)
    return _replace(a, at, at + len(sur), var, "name-variant", f"{op}, {where}", ["NL151", "NL150"], "unsafe")


_SPEAKER = re.compile(r"^(?:\*\*|__)?[A-Z][\w.’' -]{1,40}(?:\*\*|__)?:", re.M)


@injector("first-name-reference")
def _first_name(a, rng):
    # Only where a first name alone is a slip: not in a transcript (speakers call each other by
    # first name), not for a first name two people share, nor one the article already uses alone
    # (then calling the person so is its own choice).
    if len(_SPEAKER.findall(a.text, a.body_start)) >= 2:
        return None
    givens = Counter(m.group(1) for m in _prose_matches(a, _FULL_NAME) if m.group(1) in GIVEN)
    people = {s: p for s, p in _people(a).items() if len(p[1]) >= 2 and givens[p[0]] <= sum(
        1 for m in _prose_matches(a, re.compile(r"\b" + p[0] + r" " + s + r"\b")))
        and not any(not re.match(r"[ \u00a0]+[A-Z]", a.text[m.end():m.end() + 2])
                    for m in _prose_matches(a, re.compile(r"\b" + p[0] + r"\b")))}
    if not people:
        return None
    sur = rng.choice(sorted(people))
    given, bare, _ = people[sur]
    m = rng.choice(bare)
    return _replace(a, m.start(), m.end(), given, "first-name-reference", "later mention", ["NL152"], "unsafe")


# A surname respelt in every mention of one article while other articles of the corpus use the
# usual spelling with the same given name: the cross-file rule (NL153) is wanted there. Needs
# the corpus's per-file name summaries (built once in the main process: _build_tree).
_TREE: "tuple[dict, dict] | None" = None  # (form → {path → Usage}, skeleton → {forms})


def _build_tree(corpus: Path) -> None:
    global _TREE
    from newslint.document import Document
    from newslint.names.skeleton import skeleton
    from newslint.rules import name_variant_across_files as nl153

    st = _settings()
    opts = st.options.get("NL153", {})
    by_form: dict[str, dict] = defaultdict(dict)
    by_key: dict[str, set] = defaultdict(set)
    for p in sorted(corpus.rglob("*.md")):
        if p.name == "SOURCES.md":
            continue
        text = p.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        for form, use in nl153.collect(Document(text, str(p), **st.document_options), opts).items():
            by_form[form][str(p.relative_to(corpus))] = use
            by_key[skeleton(form)].add(form)
    _TREE = (dict(by_form), dict(by_key))


@injector("name-across-files")
def _name_across(a, rng):
    if _TREE is None:
        return None
    from newslint.names.skeleton import skeleton
    from newslint.names.variants import given_key

    by_form, by_key = _TREE
    people = _people(a)
    usual = sorted(sur for sur, (given, _, _) in people.items()
                   if sum(1 for p, u in by_form.get(sur, {}).items() if p != a.path and given_key(given) in u.givens) >= 2)
    if not usual:
        return None
    sur = rng.choice(usual)
    made = _variant(sur, rng)
    if not made:
        return None
    var, op = made
    if any(f.casefold() == var.casefold() for f in by_key.get(skeleton(var), ())):
        return None  # the variant is some article's spelling already: not a lone minority
    word = re.compile(r"\b" + re.escape(sur) + r"\b")
    ms = _prose_matches(a, word)
    if a.fields is not None and any(a.fields):  # the title, description... too
        ms += _prose_matches(Article(a.path, a.text, 0, a.fm, a.fields, a.line_starts, a.fields), word)
    ms.sort(key=lambda m: m.start())
    if not ms:
        return None
    damaged = a.text
    for m in reversed(ms):
        damaged = damaged[:m.start()] + var + damaged[m.end():]
    if word.search(damaged):
        return None  # a mention left (a folded description, a link label...): not one spelling throughout
    lines = tuple(sorted({a.line_of(m.start()) for m in ms}))
    first = ms[0].start()
    return Injection("name-across-files", f"{op}, all {len(ms)} mentions", damaged, lines, ("NL153",), "none",
                     snippet=_snippet(damaged, first, first + len(var)), span=(first, first + len(var)))


def cross_findings(text: str, path: str, shown: str) -> list:
    """NL153's findings for this article against the corpus's other articles (see _build_tree)."""
    from types import SimpleNamespace

    from newslint.document import Document
    from newslint.names.skeleton import skeleton
    from newslint.rules import name_variant_across_files as nl153

    st = _settings()
    opts = st.options.get("NL153", {})
    mine = nl153.collect(Document(text, path, **st.document_options), opts)
    by_form, by_key = _TREE
    summaries: dict[str, dict] = {shown: mine}
    for key in {skeleton(f) for f in mine}:
        for form in by_key.get(key, ()):
            for p, use in by_form[form].items():
                if p != shown:
                    summaries.setdefault(p, {})[form] = use
    return [SimpleNamespace(rule="NL153", line=f.line, start=f.start, end=f.end)
            for p, f in nl153.check_corpus(summaries, opts) if p == shown]


# links ----------------------------------------------------------------------------------------

_INLINE_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{2,80})\]\((https?://[^()\s]+)\)(?=[\s,.;:])")


def _links(a: Article) -> list[re.Match]:
    return [m for m in _INLINE_LINK.finditer(a.text, a.body_start)
            if a.prose[m.start(1)] and a.prose[max(m.start() - 1, a.body_start)]]


@injector("link-space")
def _link_space(a, rng):
    m = _pick(rng, _links(a))
    if m:
        at = m.end(1) + 1
        return _replace(a, at, at, " ", "link-space", "[text] (url)", ["NL132"], "safe")


@injector("scheme-colon")
def _scheme(a, rng):
    m = _pick(rng, _links(a))
    if m:
        at = m.start(2) + m.group(2).index(":")
        return _replace(a, at, at + 1, "", "scheme-colon", "https// in a link", ["NL130"], "safe")


@injector("url-damage")
def _url_damage(a, rng):
    m = _pick(rng, [m for m in _links(a) if re.match(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/|$)", m.group(2))])
    if not m:
        return None
    url = m.group(2)
    host_end = url.index("/", url.index("//") + 2) if "/" in url[url.index("//") + 2:] else len(url)
    dots = [i for i in range(url.index("//") + 2, host_end) if url[i] == "."]
    sub = rng.choice(["misspelled scheme", "comma for a dot", "doubled dot"])
    if sub == "misspelled scheme":
        new = ("htps" + url[5:]) if url.startswith("https") else ("htp" + url[4:])
    elif sub == "comma for a dot":
        i = rng.choice(dots)
        new = url[:i] + "," + url[i + 1:]
    else:
        i = rng.choice(dots)
        new = url[:i] + "." + url[i:]
    converge = {"misspelled scheme": "safe", "comma for a dot": "unsafe"}.get(sub, "none")
    return _replace(a, m.start(2), m.end(2), new, "url-damage", sub, ["NL130"], converge)


@injector("unclosed-link")
def _unclosed(a, rng):
    m = _pick(rng, [m for m in _links(a) if a.text[m.end():m.end() + 1] == " "])
    if m:
        return _replace(a, m.end() - 1, m.end(), "", "unclosed-link", "missing )", ["NL132"], "unsafe")


@injector("empty-link-text")
def _empty_link_text(a, rng):
    m = _pick(rng, _links(a))
    if m:
        return _replace(a, m.start(1), m.end(1), "", "empty-link-text", "[](url)", ["NL133"], "none")


@injector("empty-link-target")
def _empty_link_target(a, rng):
    m = _pick(rng, _links(a))
    if m:
        return _replace(a, m.start(2), m.end(2), "", "empty-link-target", "[text]()", ["NL138"], "none")


# quotation pairs, words, brackets, encodings ----------------------------------------------------

# A curly pair within one line whose marks stand as a quotation's do: the opening after a space
# or a bracket and before a letter, the closing after a letter or a mark and before a space or
# a mark (not “5″ or a pair of ‘scare’ marks inside another quotation).
_QUOTED = re.compile(r"(?<=[\s(])“([A-Za-z][^“”\n]{1,200}?[\w.,!?])”(?=[\s,.;:)])")


def _lone_pairs(a: Article) -> list[re.Match]:
    """The curly pairs of a curly-quote article that are alone in their paragraph (another pair
    of the paragraph would let pairing read the damage in another way: that is a different test)."""
    if not _curly(a):
        return []
    out = []
    for m in _prose_matches(a, _QUOTED, margin=0):
        para_start = a.text.rfind("\n\n", a.body_start, m.start()) + 1
        para_end = a.text.find("\n\n", m.end())
        para = a.text[para_start: len(a.text) if para_end < 0 else para_end]
        if para.count("“") == 1 and para.count("”") == 1 and '"' not in para and "‘" not in para:
            out.append(m)
    return out


@injector("unclosed-quote")
def _unclosed_quote(a, rng):
    m = _pick(rng, _lone_pairs(a))
    if m:
        inj = _replace(a, m.end() - 1, m.end(), "", "unclosed-quote", "closing mark deleted", ["NL110"], "none")
        inj.lines = (a.line_of(m.start()),)  # the opening mark is what is reported
        inj.span = (m.start(), m.end() - 1)
        return inj


@injector("stray-closing-quote")
def _stray_close(a, rng):
    m = _pick(rng, _lone_pairs(a))
    if m:
        inj = _replace(a, m.start(), m.start() + 1, "", "stray-closing-quote", "opening mark deleted", ["NL111"], "none")
        inj.lines = (a.line_of(m.end() - 1),)
        inj.span = (m.start(), m.end() - 1)
        return inj


_INSIDE_WORD = re.compile(r"(?<=\b[a-z]{3})(?=[a-z]{3,}\b)")


@injector("quote-in-word")
def _quote_in_word(a, rng):
    """A quotation mark typed into a word (pr”ogram): the repair deletes it."""
    m = _pick(rng, _prose_matches(a, _INSIDE_WORD))
    if m:
        mark = rng.choice(["”", "“", '"'])
        return _replace(a, m.start(), m.start(), mark, "quote-in-word", repr(mark), ["NL111"], "safe")


@injector("reversed-quote")
def _reversed_quote(a, rng):
    m = _pick(rng, _lone_pairs(a))
    if not m:
        return None
    if rng.random() < 0.5:
        return _replace(a, m.end() - 1, m.end(), "“", "reversed-quote", "closing typed as opening", ["NL118"], "safe")
    return _replace(a, m.start(), m.start() + 1, "”", "reversed-quote", "opening typed as closing", ["NL118"], "safe")


@injector("foreign-quotes")
def _foreign_quotes(a, rng):
    if (a.path + a.text[:a.body_start]).lower().count("lang") and not re.search(
            r"^(?:lang|language|locale):\s*['\"]?en", a.text[:a.body_start], re.M):
        return None  # an article that names another language
    m = _pick(rng, _lone_pairs(a))
    if m:
        sub = rng.choice(["«»", "„“"])
        new = sub[0] + m.group(1) + sub[1]
        return _replace(a, m.start(), m.end(), new, "foreign-quotes", sub, ["NL115"], "safe")


# Lower-case words that a writer doubles by a slip, and that the article has in its prose
_DOUBLED = re.compile(r"(?<=[a-z,] )(the|of|to|and|for|with|from|that|have|will|their|about|which|would|"
                      r"[a-z]{5,12})(?= [a-z])")
# (words English doubles on purpose or speech repeats: "that that", "right right", "never ever")
_ON_PURPOSE = set("""that this very much many really blah yada done bye knock tick tock chop hush well okay yeah
    sure right pretty super night long never ever wait come sing bang ding beep choo again""".split())


@injector("repeated-word")
def _repeated_word(a, rng):
    m = _pick(rng, [m for m in _prose_matches(a, _DOUBLED) if m.group(1) not in _ON_PURPOSE])
    if m:
        return _replace(a, m.end(1), m.end(1), " " + m.group(1), "repeated-word", m.group(1), ["NL109"], "unsafe")


# (a bracket with its partner on the line: a lone one is no pair, and no finding)
_OPEN_BRACKET = re.compile(r"(?<= )\((?=[A-Za-z][a-z]+ [a-z][^()\n]{0,80}\))")
_CLOSE_BRACKET = re.compile(r"(?<=\()[^()\n]{2,80}[a-z]{3}(\))(?=[ ,.;])")


@injector("space-inside-brackets")
def _space_inside_brackets(a, rng):
    sub, m = _pick_place(a, rng, {"after (": _OPEN_BRACKET, "before )": _CLOSE_BRACKET})
    if m:
        at = m.end() if sub == "after (" else m.start(1)
        return _replace(a, at, at, " ", "space-inside-brackets", sub, ["NL104"], "safe")


_GARBLE = {"’": "â€™", "“": "â€œ", "—": "â€”", "é": "Ã©"}


@injector("mojibake")
def _mojibake(a, rng):
    spots = [m for m in _prose_matches(a, re.compile("[’“—é]"), margin=0)
             if a.text[m.start() - 1: m.start()].isalpha() or a.text[m.start() + 1: m.start() + 2].isalpha()]
    m = _pick(rng, spots)
    if m:
        return _replace(a, m.start(), m.end(), _GARBLE[m.group()], "mojibake", repr(m.group()), ["NL122"], "safe")


# dates ----------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})(?:, (\d{4}))?\b(?![,:]\d)")
_ISO_DATE = re.compile(r"(?<![\w/-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")
_WEEKDAY_DATE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r"), (" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b")


@injector("impossible-date")
def _impossible(a, rng):
    iso = [m for m in _prose_matches(a, _ISO_DATE) if 1 <= int(m.group(2)) <= 12]
    named = _prose_matches(a, _MONTH_DATE)
    choices = [("iso", m) for m in iso] + [("month name", m) for m in named]
    if not choices:
        return None
    sub, m = rng.choice(choices)
    if sub == "iso":
        new = f"{m.group(1)}-02-30" if rng.random() < 0.5 else f"{m.group(1)}-13-{m.group(3)}"
        return _replace(a, m.start(), m.end(), new, "impossible-date", "ISO " + new[5:], ["NL140"], "none")
    month, day = m.group(1), int(m.group(2))
    bad = {"February": 30, "April": 31, "June": 31, "September": 31, "November": 31}
    if month in bad:
        new_day = bad[month]
        new = f"{month} {new_day}" + (f", {m.group(3)}" if m.group(3) else "")
    else:
        target = rng.choice(list(bad))
        new = f"{target} {bad[target]}" + (f", {m.group(3)}" if m.group(3) else "")
    return _replace(a, m.start(), m.end(), new, "impossible-date", "month name", ["NL140"], "none")


@injector("malformed-iso-date")
def _malformed_iso(a, rng):
    iso = [m for m in _prose_matches(a, _ISO_DATE) if 1 <= int(m.group(2)) <= 12 and 1900 <= int(m.group(1)) <= 2099]
    m = _pick(rng, iso)
    if not m:
        return None
    y, mo, d = m.groups()
    forms = [("en dashes", f"{y}–{mo}–{d}"), ("doubled hyphen", f"{y}--{mo}-{d}")]
    if mo.startswith("0") or d.startswith("0"):
        forms.append(("zeros dropped", f"{y}-{int(mo)}-{int(d)}"))
    sub, new = rng.choice(forms)
    return _replace(a, m.start(), m.end(), new, "malformed-iso-date", sub, ["NL144"], "safe")


@injector("wrong-weekday")
def _weekday(a, rng):
    stated = []
    for m in _prose_matches(a, _WEEKDAY_DATE):
        try:
            real = dt.date(int(m.group(4)), MONTHS.index(m.group(2)) + 1, int(m.group(3))).weekday()
        except ValueError:
            continue
        if WEEKDAYS[real] == m.group(1):
            stated.append(m)
    if stated:
        m = rng.choice(stated)
        wrong = WEEKDAYS[(WEEKDAYS.index(m.group(1)) + rng.randint(1, 6)) % 7]
        return _replace(a, m.start(1), m.end(1), wrong, "wrong-weekday", "weekday changed", ["NL141"], "unsafe")
    dated = [m for m in _prose_matches(a, _MONTH_DATE) if m.group(3)
             and re.search(r"\bon $", a.text[max(m.start() - 3, 0):m.start()])]
    m = _pick(rng, dated)
    if not m:
        return None
    try:
        real = dt.date(int(m.group(3)), MONTHS.index(m.group(1)) + 1, int(m.group(2))).weekday()
    except ValueError:
        return None
    wrong = WEEKDAYS[(real + rng.randint(1, 6)) % 7]
    return _replace(a, m.start(), m.start(), wrong + ", ", "wrong-weekday", "weekday added", ["NL141"], "none")


# front matter ---------------------------------------------------------------------------------

_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?:[ \t]+(.*))?$")


def _fm_keys(a: Article) -> list[tuple[str, str, int, int]]:
    """Top-level (key, value, line start, line end) of the YAML front matter."""
    out = []
    for s, e in a.fm:
        m = _KEY.match(a.text[s:e])
        if m:
            out.append((m.group(1), m.group(2) or "", s, e))
    return out


def _one_line(a: Article, k: tuple[str, str, int, int]) -> bool:
    """Is this key's value a scalar written whole on its own line?"""
    key, value, s, e = k
    v = value.strip()
    if not v or v[0] in "|>[{&*!":
        return False
    if v[0] in "'\"" and not (len(v) > 1 and v.endswith(v[0])):
        return False
    nxt = e + 1
    following = a.text[nxt:a.text.find("\n", nxt)] if nxt < len(a.text) else ""
    return not following.startswith((" ", "\t")) or nxt > a.fm[-1][1]


def _insert_line(a: Article, at: int, line: str, kind: str, subtype: str, rules, converge) -> Injection:
    damaged = a.text[:at] + line + "\n" + a.text[at:]
    ln = a.line_of(at)
    return Injection(kind, subtype, damaged, (ln,), tuple(rules), converge, line_shift=(ln, 1),
                     snippet=line, span=(at, at + len(line)))


@injector("fm-null-list")
def _null_list(a, rng):
    keys = _fm_keys(a)
    if not keys:
        return None
    lists = [k for k in keys if k[0] in ("tags", "categories", "images", "stories")]
    if lists:
        key, value, s, e = rng.choice(lists)
        end = e
        if not value:  # a block list: take its items too, and an item's further lines (- src: a.jpg⏎  alt: …)
            for ls, le in a.fm:
                if ls > e and (re.match(r"^\s*- ", a.text[ls:le])
                               or (end > e and re.match(r"^[ \t]+\S", a.text[ls:le]))):
                    end = le
                elif ls > e:
                    break
            if end == e:
                return None  # already null
        inj = _replace(a, s, end, f"{key}:", "fm-null-list", "list emptied", ["NL009"], "none")
        return inj
    return _insert_line(a, a.fm[-1][1] + 1, "tags:", "fm-null-list", "tags: added", ["NL009"], "none")


@injector("fm-duplicate-key")
def _dup_key(a, rng):
    keys = [k for k in _fm_keys(a) if _one_line(a, k)]
    if not keys:
        return None
    key, value, s, e = rng.choice(keys)
    inj = _insert_line(a, a.fm[-1][1] + 1, a.text[s:e], "fm-duplicate-key", key, ["NL005"], "none")
    inj.lines = inj.lines + (a.line_of(s),)
    return inj


@injector("fm-yes-no")
def _yes_no(a, rng):
    keys = [k for k in _fm_keys(a) if k[1].strip() in ("true", "false")]
    if keys:
        key, value, s, e = rng.choice(keys)
        new = a.text[s:e].replace(value.strip(), "yes" if value.strip() == "true" else "no", 1)
        return _replace(a, s, e, new, "fm-yes-no", "true/false → yes/no", ["NL006"], "unsafe")
    if not a.fm:
        return None
    return _insert_line(a, a.fm[-1][1] + 1, "draft: no", "fm-yes-no", "draft: no added", ["NL006"], "none")


@injector("fm-lastmod-before-date")
def _lastmod(a, rng):
    keys = {k[0]: k for k in _fm_keys(a)}
    date = keys.get("date")
    if not date:
        return None
    m = re.match(r"^['\"]?(\d{4})(-\d{2}-\d{2}.*?)['\"]?$", date[1].strip())
    if not m:
        return None
    earlier = f"{int(m.group(1)) - 1}{m.group(2)}"
    if "lastmod" in keys:
        _, value, s, e = keys["lastmod"]
        return _replace(a, s, e, f"lastmod: {earlier}", "fm-lastmod-before-date", "lastmod changed",
                        ["NL011"], "none", extra_lines=(a.line_of(date[2]),))
    inj = _insert_line(a, date[3] + 1, f"lastmod: {earlier}", "fm-lastmod-before-date", "lastmod added",
                       ["NL011"], "none")
    inj.lines = inj.lines + (a.line_of(date[2]),)
    return inj


@injector("fm-bad-date")
def _fm_bad_date(a, rng):
    keys = [k for k in _fm_keys(a) if k[0] in ("date", "lastmod", "publishDate", "published", "updated")
            and _one_line(a, k)]
    k = _pick(rng, [k for k in keys if re.match(r"^['\"]?\d{4}-\d{2}-\d{2}", k[1].strip())])
    if not k:
        return None
    key, value, s, e = k
    m = re.match(r"^(['\"]?)(\d{4})-(\d{2})-(\d{2})", value.strip())
    q, y, mo, d = m.groups()
    forms = [("month 13", f"{y}-13-{d}"), ("day 32", f"{y}-{mo}-32"), ("US order", f"{mo}/{d}/{y}")]
    if "0" in (mo[0], d[0]):
        forms.append(("zeros dropped", f"{y}-{int(mo)}-{int(d)}"))
    sub, new = rng.choice(forms)
    vs = a.text.index(value.strip(), s)
    end = vs + len(q) + 10  # the date part only: a time after it stays
    text = q + new
    return _replace(a, vs, end, text, "fm-bad-date", f"{key}: {sub}", ["NL010", "NL140", "NL144"], "none")


@injector("fm-empty-value")
def _fm_empty_value(a, rng):
    keys = [k for k in _fm_keys(a) if k[0] in ("description", "summary", "excerpt", "subtitle", "author")
            and _one_line(a, k) and k[1].strip()]
    k = _pick(rng, keys)
    if not k:
        return None
    key, value, s, e = k
    return _replace(a, s, e, f'{key}: ""', "fm-empty-value", key, ["NL008", "NL010"], "none")


def _typo(key: str, rng: random.Random) -> tuple[str, str]:
    i = rng.randrange(1, len(key) - 1)
    op = rng.choice(["swap", "drop", "double"])
    if op == "swap" and key[i] != key[i + 1] and i + 1 < len(key):
        return key[:i] + key[i + 1] + key[i] + key[i + 2:], op
    if op == "drop":
        return key[:i] + key[i + 1:], op
    return key[:i] + key[i] + key[i:], "double"


@injector("fm-misspelled-key")
def _misspelled(a, rng):
    known = ("title", "date", "description", "summary", "categories", "tags", "authors", "lastmod", "images",
             "author", "layout", "draft", "slug", "topics", "weight", "permalink", "excerpt", "caption")
    keys = [k for k in _fm_keys(a) if k[0] in known and len(k[0]) >= 4]
    if not keys:
        return None
    key, value, s, e = rng.choice(keys)
    new, op = _typo(key, rng)
    if new == key or new in {k[0] for k in _fm_keys(a)}:
        return None
    return _replace(a, s, s + len(key), new, "fm-misspelled-key", f"{op} ({key}→{new})", ["NL007"], "unsafe")


@injector("fm-broken-yaml")
def _broken_yaml(a, rng):
    keys = [k for k in _fm_keys(a) if _one_line(a, k)]
    if not keys:
        return None
    key, value, s, e = rng.choice(keys)
    sub = rng.choice(["unclosed quote", "colon in plain value", "bad indent", "missing colon"])
    vs = a.text.index(value, s)
    if sub == "unclosed quote":
        if value.startswith(("'", '"')):
            return _replace(a, e - 1, e, "", "fm-broken-yaml", sub, ["NL001"], "none")
        return _replace(a, vs, vs, '"', "fm-broken-yaml", sub, ["NL001"], "none")
    if sub == "colon in plain value":
        if value.startswith(("'", '"')) or " " not in value:
            return None
        sp = vs + value.index(" ")
        return _replace(a, sp, sp, ":", "fm-broken-yaml", sub, ["NL001"], "none")
    if sub == "bad indent":
        if s == _fm_keys(a)[0][2]:
            return None  # the first key indented indents the whole mapping: another error
        return _replace(a, s, s, "  ", "fm-broken-yaml", sub, ["NL001"], "none")
    return _replace(a, s + len(key), s + len(key) + 1, "", "fm-broken-yaml", sub, ["NL001"], "none")


# text fields of the front matter --------------------------------------------------------------

FIELD_KINDS = ("space-before-punct", "doubled-space", "doubled-punct", "invisible-character", "cyrillic-homoglyph")


def _in_fields(kind: str) -> Injector:
    body = INJECTORS[kind]

    def inject(a: Article, rng: random.Random) -> "Injection | None":
        if a.fields is None or not any(a.fields):
            return None
        view = Article(a.path, a.text, 0, a.fm, a.fields, a.line_starts, a.fields)
        inj = body(view, rng)
        if inj is not None:
            inj.kind = "field-" + kind
        return inj
    return inject


for _kind in FIELD_KINDS:
    INJECTORS["field-" + _kind] = _in_fields(_kind)


# -- running newslint --------------------------------------------------------------------------

_ST = None


def _settings():
    global _ST
    if _ST is None:
        from newslint import engine

        _ST = engine.settings()
    return _ST


def lint(text: str, path: str):
    from newslint import engine
    from newslint.document import Document

    st = _settings()
    return engine.run_rules(Document(text, path, **st.document_options), st)


def fix(text: str, path: str, unsafe: bool) -> str:
    from newslint import engine
    from newslint.document import Document

    st = _settings()
    doc, _, _ = engine.fix_document(Document(text, path, **st.document_options), st, unsafe)
    return doc.source


def _masked(inj: Injection, path: str) -> bool:
    """Does newslint's prose view hide the injected text (so no prose rule can see it)?"""
    from newslint import prose
    from newslint.document import Document

    if inj.kind.startswith(("fm-", "link-", "scheme-", "unclosed-")):
        return False
    st = _settings()
    view = Document(inj.damaged, path, **st.document_options).prose_text
    s0, s1 = inj.span
    part = view[s0:max(s1, s0 + 1)]
    return bool(part) and all(ch == prose.MASK for ch in part if not ch.isspace()) and not part.isspace()


def _first_diff(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"fixed original: …{a[max(i - 40, 0):i + 40]!r}… | fixed damaged: …{b[max(i - 40, 0):i + 40]!r}…"


def evaluate_article(job: tuple[str, str, list[str], int]) -> dict:
    """Every kind on one article: the records, and the findings on the original."""
    path, shown, kinds, seed = job
    text = Path(path).read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    a = read_article(shown, text)
    original = lint(text, path)
    orig_count = Counter((f.rule, f.line) for f in original)
    fixed_orig = {}
    records = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{shown}:{kind}")
        try:
            inj = INJECTORS[kind](a, rng)
        except (ValueError, IndexError):
            inj = None
        if inj is None:
            records.append({"kind": kind, "path": shown, "eligible": False})
            continue
        found = lint(inj.damaged, path)
        base = orig_count
        if inj.kind == "name-across-files":  # a corpus rule: run its pass against the other articles
            found = list(found) + cross_findings(inj.damaged, path, shown)
            base = orig_count + Counter((f.rule, f.line) for f in cross_findings(text, path, shown))
        masked = _masked(inj, path)
        shift_at, shift_by = inj.line_shift

        def orig_line(line: int) -> int:
            return line - shift_by if shift_by and line > shift_at else line

        new = Counter((f.rule, f.line) for f in found)
        s0, s1 = inj.span
        fresh = [f for f in found if new[(f.rule, f.line)] > base.get((f.rule, orig_line(f.line)), 0)
                 or (shift_by and f.line == shift_at) or (f.start <= s1 + 1 and s0 - 1 <= f.end)]
        family = set().union(*(fam for fam in FAMILIES.values() if set(inj.rules) & fam))
        exact = any(f.rule in inj.rules and f.line in inj.lines for f in fresh)
        fam = any(f.rule in family and f.line in inj.lines for f in fresh)
        near = any(f.rule in family and any(abs(f.line - ln) <= 2 for ln in inj.lines) for f in fresh)
        elsewhere = sorted({f"{f.rule}@{f.line}" for f in fresh if f.line not in inj.lines})
        at_line = sorted({f.rule for f in fresh if f.line in inj.lines})
        rec = {"kind": kind, "subtype": inj.subtype, "path": shown, "eligible": True, "lines": inj.lines,
               "rules": inj.rules, "exact": exact, "family": fam, "near": near, "at_line": at_line,
               "collateral": elsewhere[:8], "masked": masked, "snippet": inj.snippet, "expect_converge": inj.converge}
        for mode, unsafe in (("safe", False), ("unsafe", True)):
            if mode not in fixed_orig:
                fixed_orig[mode] = fix(text, path, unsafe)
            got = fix(inj.damaged, path, unsafe)
            same = got == fixed_orig[mode]
            rec[f"converge_{mode}"] = same
            if not same:
                rec[f"diff_{mode}"] = _first_diff(fixed_orig[mode], got)
        records.append(rec)
    fp = Counter(f.rule for f in original) if shown != "seed" else Counter()
    return {"path": shown, "records": records, "fp": dict(fp)}


# -- the report --------------------------------------------------------------------------------


def sample_articles(corpus: Path, n: int, seed: int) -> list[Path]:
    files = sorted(p for p in (*corpus.rglob("*.md"), *corpus.rglob("*.markdown"), *corpus.rglob("*.mdx"))
                   if p.name != "SOURCES.md")
    rng = random.Random(seed)
    return sorted(rng.sample(files, min(n, len(files))))


def summarise(results: list[dict]) -> dict:
    by_kind: dict[str, dict] = {}
    failures: dict[str, list[dict]] = defaultdict(list)
    fp: Counter = Counter()
    fp_files: Counter = Counter()
    for r in results:
        for rule, c in r["fp"].items():
            fp[rule] += c
            fp_files[rule] += 1
        for rec in r["records"]:
            k = by_kind.setdefault(rec["kind"], Counter())
            k["articles"] += 1
            if not rec["eligible"]:
                continue
            k["injected"] += 1
            k["exact"] += rec["exact"]
            k["family"] += rec["family"]
            k["near"] += rec["near"]
            expect = rec["expect_converge"]
            if expect == "safe":
                k["safe_expected"] += 1
                k["safe_ok"] += rec["converge_safe"]
            if expect in ("safe", "unsafe"):
                k["unsafe_expected"] += 1
                k["unsafe_ok"] += rec["converge_unsafe"]
            else:
                k["no_repair"] += 1
            k["masked"] += rec.get("masked", False)
            if not rec["family"]:
                failures[rec["kind"]].append({"why": "missed", **rec})
            elif not rec["exact"]:
                failures[rec["kind"]].append({"why": "other rule of the family", **rec})
            if expect == "safe" and not rec["converge_safe"]:
                failures[rec["kind"]].append({"why": "safe fix does not converge", **rec})
            if expect in ("safe", "unsafe") and not rec["converge_unsafe"]:
                failures[rec["kind"]].append({"why": "unsafe fix does not converge", **rec})
    return {"kinds": {k: dict(v) for k, v in by_kind.items()}, "fp": dict(fp), "fp_files": dict(fp_files),
            "failures": failures, "articles": len(results)}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    —"


def render(summary: dict, compare: dict | None, examples: int) -> str:
    out = []
    kinds = summary["kinds"]
    old = compare["kinds"] if compare else {}
    out.append(f"articles: {summary['articles']}   (exact: the expected rule at the injected line; family: any rule"
               " of its family there; near: within 2 lines; convergence: fix(damaged) == fix(original), counted"
               " over the injections whose repair can give the original back: safe fixes where a safe repair"
               " exists, unsafe fixes where any does)")
    out.append("")
    head = f"{'kind':24} {'inj':>4} {'exact':>7} {'family':>7} {'near':>7} {'conv safe':>14} {'conv unsafe':>14}"
    out.append(head + ("   before: exact / safe / unsafe" if compare else ""))

    def row(name: str, k: dict, o: dict | None) -> str:
        inj = k.get("injected", 0)
        safe = f"{_pct(k.get('safe_ok', 0), k.get('safe_expected', 0))} /{k.get('safe_expected', 0):<4}"
        unsafe = f"{_pct(k.get('unsafe_ok', 0), k.get('unsafe_expected', 0))} /{k.get('unsafe_expected', 0):<4}"
        line = (f"{name:24} {inj:>4} {_pct(k.get('exact', 0), inj):>7} {_pct(k.get('family', 0), inj):>7} "
                f"{_pct(k.get('near', 0), inj):>7} {safe:>14} {unsafe:>14}")
        if o:
            oi = o.get("injected", 0)
            line += (f"   {_pct(o.get('exact', 0), oi).strip()} / {_pct(o.get('safe_ok', 0), o.get('safe_expected', 0)).strip()}"
                     f" / {_pct(o.get('unsafe_ok', 0), o.get('unsafe_expected', 0)).strip()}")
        return line

    for name in INJECTORS:
        if name in kinds:
            out.append(row(name, kinds[name], old.get(name)))
    tot: Counter = Counter()
    for k in kinds.values():
        tot.update(k)
    otot: Counter = Counter()
    for k in old.values():
        otot.update(k)
    out.append(row("all", tot, otot if compare else None))
    out.append("")
    out.append("Findings on the undamaged originals (false-positive exposure), by rule:")
    fp, files = summary["fp"], summary["fp_files"]
    ofp = compare["fp"] if compare else {}
    for rule in sorted(set(fp) | set(ofp), key=lambda r: (-fp.get(r, 0), r)):
        delta = f"   (before {ofp.get(rule, 0)})" if compare else ""
        out.append(f"  {rule:22} {fp.get(rule, 0):5} in {files.get(rule, 0):4} files{delta}")
    out.append(f"  {'total':22} {sum(fp.values()):5}" + (f"   (before {sum(ofp.values())})" if compare else ""))
    if examples:
        out.append("")
        out.append("Failures (examples):")
        for kind, fails in summary["failures"].items():
            why = Counter(f["why"] for f in fails)
            out.append(f"- {kind}: " + ", ".join(f"{n} {w}" for w, n in why.most_common()))
            shown = Counter()
            for f in fails:
                if shown[f["why"]] >= examples:
                    continue
                shown[f["why"]] += 1
                detail = f"    [{f['why']}] {f['path']}:{f['lines'][0]} {f['subtype']}: {f['snippet']!r}"
                if f.get("masked"):
                    detail += " (masked: not prose to newslint)"
                if f["at_line"]:
                    detail += f" → at line: {','.join(f['at_line'])}"
                if "converge" in f["why"]:
                    detail += "\n      " + f.get("diff_" + ("safe" if "safe fix" in f["why"] else "unsafe"), "")
                out.append(detail)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("NEWSLINT_CORPUS", DEFAULT_CORPUS)))
    ap.add_argument("--sample", type=int, default=300, help="articles drawn from the corpus (default 300)")
    ap.add_argument("--seed", type=int, default=0, help="random seed for the sample and the injections")
    ap.add_argument("--seed-article", type=Path, default=DEFAULT_SEED, help="also evaluate this article")
    ap.add_argument("--kinds", default="", help="comma-separated defect kinds (default: all)")
    ap.add_argument("--fp-only", action="store_true", help="inject nothing: count findings on the originals only")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", type=Path, help="write the summary and every record here")
    ap.add_argument("--compare", type=Path, help="a --json file of an earlier run: show before figures")
    ap.add_argument("--examples", type=int, default=3, help="failure examples per kind and reason")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k] or list(INJECTORS)
    if args.fp_only:
        kinds = []
    unknown = [k for k in kinds if k not in INJECTORS]
    if unknown:
        ap.error(f"unknown kinds: {', '.join(unknown)}; known: {', '.join(INJECTORS)}")
    if "name-across-files" in kinds:
        _build_tree(args.corpus)  # before the pool: the workers inherit it
    jobs = []
    if args.seed_article and args.seed_article.exists():
        jobs.append((str(args.seed_article), "seed", kinds, args.seed))
    for p in sample_articles(args.corpus, args.sample, args.seed):
        jobs.append((str(p), str(p.relative_to(args.corpus)), kinds, args.seed))
    t0 = time.time()
    if args.jobs > 1:
        import multiprocessing

        with multiprocessing.Pool(args.jobs) as pool:
            results = pool.map(evaluate_article, jobs, chunksize=4)
    else:
        results = [evaluate_article(j) for j in jobs]
    summary = summarise(results)
    compare = json.loads(args.compare.read_text()) if args.compare else None
    print(render(summary, compare, args.examples))
    print(f"\n{len(jobs)} articles, {sum(len(r['records']) for r in results)} injections tried, "
          f"{time.time() - t0:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({**summary, "records": [rec for r in results for rec in r["records"]]},
                                        ensure_ascii=False, indent=1, default=list))
    return 0


if __name__ == "__main__":
    sys.exit(main())
