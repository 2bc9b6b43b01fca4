#!/usr/bin/env python3
"""Many defects at once: does ``newslint check --fix`` still converge, stay idempotent and safe?

    .venv/bin/python bench/multifix.py                        # 300 corpus articles, seed 0
    .venv/bin/python bench/multifix.py --sample 100 --seed 3  # another draw
    .venv/bin/python bench/multifix.py --json out.json --show 20
    .venv/bin/python bench/multifix.py --newslint /tmp/old-newslint   # another build, same draw

bench/evaluate.py injects one defect at a time; here every article gets 3-12 defects of the
kinds the safe and unsafe fixes repair, half of them at evaluate.py's realistic places (its own
injectors) and half at awkward ones: next to each other, next to quotes, dashes, brackets,
emphasis markers, link brackets and line ends. The real console script runs (``newslint check
--fix --no-cache``, on temp copies) on the originals and the damaged copies, with safe fixes
and with ``--unsafe-fixes``, then:

- convergence: fix(damaged) == fix(original);
- idempotence: a second ``--fix`` on each fixed copy changes nothing;
- crashes: no NL999 finding and no traceback on stderr;
- the injections keep each house style clear (quotes, apostrophes, dashes, ellipses, punctuation
  inside quotes) and each word mostly Latin: a repair cannot know what the damage made ambiguous;
- for every article that does not converge, each defect is tried alone, and the defects that
  converge alone are tried together without the others: a divergence there is an interaction
  between fixes (the point of this script); a defect that fails alone is a single-defect miss
  (bench/evaluate.py's business) and is listed apart. Each differing hunk between the two fixed
  texts is shown with its context, marked "at an injection" or "OUTSIDE" (a fix that changed
  text it should not have touched).

Deterministic for a seed. Needs only the corpus (default ../shared/corpus) and the venv's
``newslint``; runs in well under a minute.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import evaluate as ev  # noqa: E402  (its article reading and realistic injectors)

NEWSLINT = HERE.parent / ".venv" / "bin" / "newslint"
NEWSLINT_CMD = [str(NEWSLINT)]  # --newslint replaces it (another build, to compare)


@dataclass(frozen=True)
class Edit:
    start: int  # offsets into the original text
    end: int
    new: str
    kind: str
    fix: str  # "safe", "unsafe" (only --unsafe-fixes can repair it)

    def label(self, text: str) -> str:
        a, b = max(self.start - 12, 0), min(self.end + 12, len(text))
        return f"{self.kind}: {text[a:self.start]!r}+[{text[self.start:self.end]!r}->{self.new!r}]+{text[self.end:b]!r}"


def clashes(e: Edit, taken: list[Edit]) -> bool:
    for t in taken:
        if e.start < t.end and t.start < e.end:
            return True
        if e.start == t.start or e.end == t.end or (e.start == e.end and t.start <= e.start <= t.end) \
                or (t.start == t.end and e.start <= t.start <= e.end):
            return True  # one point edited twice, or an insertion inside/at the edge of another edit
    return False


def apply(text: str, edits: list[Edit]) -> str:
    out, cur = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[cur:e.start])
        out.append(e.new)
        cur = e.end
    out.append(text[cur:])
    return "".join(out)


# -- awkward places ----------------------------------------------------------------------------

NEAR = set("“”‘’\"'—–-*_[]()…,.;:!?\n")


def prose(a: ev.Article, i: int, j: int) -> bool:
    return a.body_start <= i and j <= len(a.text) and all(a.prose[i:j])


def candidates(a: ev.Article) -> dict[str, list[Edit]]:
    t = a.text
    out: dict[str, list[Edit]] = {}

    def add(kind: str, s: int, e: int, new: str, fix: str = "safe") -> None:
        out.setdefault(kind, []).append(Edit(s, e, new, kind, fix))

    curly = ev._curly(a)
    habit = len(ev._TWO_SPACE_HABIT.findall(t)) >= 2
    for m in re.finditer(r"(?<=\S) (?=\S)", t):  # a single space between two things
        s = m.start()
        if not prose(a, s, s + 1) or s < a.body_start:
            continue
        if habit and t[s - 1] in ".!?”\")":
            continue
        if t[s - 1] in "|" or t[s + 1] in "|#>":
            continue
        add("doubled-space", s, s + 1, "  ")
    for m in re.finditer(r"(?<=[A-Za-z)”’*_])([,;:!?]|\.(?=[\s”’\"*_)]|$))", t, re.M):
        s = m.start(1)
        if not prose(a, s, s + 1) or re.search(r"\b[A-Z]\.?[A-Z]?$|\b(?:Mr|Mrs|Ms|Dr|St|vs|etc|e\.g|i\.e|Jr|Sr|No|Inc|Ltd|Co)$", t[max(s - 5, 0):s]):
            continue
        if t[s + 1:s + 2] == ":" or (t[s] == ":" and t[s + 1:s + 2] not in " \n"):
            continue
        add("space-before-punct", s, s, " ")
    for m in re.finditer(r"(?<=[a-z]{2}[.!?]) (?=[A-Z“\"*_\[(][A-Za-z“\"*_])|(?<=[a-z]{2}[,;]) (?=[a-z]{2})", t):
        s = m.start()
        if prose(a, s - 1, s + 2) and not re.search(r"\b(?:Mr|Mrs|Ms|Dr|St|vs|etc)\.$", t[max(s - 5, 0):s]):
            add("missing-space-after", s, s + 1, "")
    for m in re.finditer(r"(?<=[a-z]{2})([,;]|\.(?= [A-Z]|\n|$))", t, re.M):
        s = m.start(1)
        if prose(a, s, s + 1):
            add("doubled-punct", s, s + 1, m.group(1) * 2)
    if curly:
        for m in re.finditer(r"“([^“”\n]{2,200}?)”", t):
            if prose(a, m.start(), m.start() + 1) and prose(a, m.end() - 1, m.end()):
                out.setdefault("straight-quotes", []).append(Edit(m.start(), m.start() + 1, '"', "straight-quotes", "safe"))
                out.setdefault("straight-quotes", []).append(Edit(m.end() - 1, m.end(), '"', "straight-quotes", "safe"))
        for m in re.finditer(r"(?<=[A-Za-z])’(?=[a-z]{1,2}\b)", t):
            if prose(a, m.start(), m.end()):
                add("wrong-apostrophe", m.start(), m.end(), "'")
        for m in re.finditer(r"“(?=[A-Za-z])", t):
            if prose(a, m.start(), m.end() + 1):
                add("space-inside-quotes", m.end(), m.end(), " ")
        for m in re.finditer(r"(?<=[a-z.,!?])”", t):
            if prose(a, m.start() - 1, m.end()):
                add("space-inside-quotes", m.start(), m.start(), " ")
    # dashes: only in an article whose house form keeps a clear majority (3 of 4) after one change
    spaced = [m for m in re.finditer(r"(?<=\w) — (?=\w)", t) if prose(a, m.start(), m.end())]
    closed = [m for m in re.finditer(r"(?<=[a-z])—(?=[a-z])", t) if prose(a, m.start(), m.end())]
    if len(spaced) >= 4 and len(closed) * 4 <= len(spaced):
        for m in spaced:
            add("dash-spacing", m.start(), m.end(), "—")
            add("dash-spacing", m.start(), m.end(), " —")
            add("hyphen-as-dash", m.start(), m.end(), " - ")
            add("hyphen-as-dash", m.start(), m.end(), " -- ")
    if len(closed) >= 4 and len(spaced) * 4 <= len(closed):
        for m in closed:
            add("dash-spacing", m.start(), m.end(), " — ")
            add("hyphen-as-dash", m.start(), m.end(), "--")
    ell3 = [m for m in re.finditer(r"(?<![.\[(<])\.\.\.(?![.\])>])", t) if prose(a, m.start(), m.end())]
    ell1 = [m for m in re.finditer(r"(?<![\[(<])…(?![\])>])", t) if prose(a, m.start(), m.end())]
    if len(ell3) - 1 > len(ell1) + 1:
        for m in ell3:
            add("ellipsis-style", m.start(), m.end(), "…")
    if len(ell1) - 1 > len(ell3) + 1:
        for m in ell1:
            add("ellipsis-style", m.start(), m.end(), "...")
    for m in re.finditer(r"(?<=[A-Za-z])(?=[A-Za-z])|(?<=[A-Za-z])(?=[ ,.;:)”])|(?<=[ (“])(?=[A-Za-z])", t):
        s = m.start()
        if prose(a, s - 1, s + 1):
            inner = t[s - 1].isalpha() and t[s].isalpha()
            for ch in ("\u200b", "\u00ad") if inner else ("\u200b", "\u2060"):
                add("invisible-character", s, s, ch)
    for m in re.finditer(r"\b[A-Za-z]{3,}\b", t):
        if prose(a, m.start(), m.end()):
            for i, c in enumerate(m.group()):
                if c in ev.HOMOGLYPHS:
                    add("cyrillic-homoglyph", m.start() + i, m.start() + i + 1, ev.HOMOGLYPHS[c])
    for m in re.finditer(r"\((?=[A-Za-z“*_])", t):
        if prose(a, m.start(), m.end() + 1):
            add("space-inside-brackets", m.end(), m.end(), " ")
    for m in re.finditer(r"(?<=[A-Za-z.”*_])\)", t):
        if prose(a, m.start() - 1, m.end()):
            add("space-inside-brackets", m.start(), m.start(), " ")
    return out


def awkward_pick(rng: random.Random, cands: list[Edit], taken: list[Edit], text: str) -> Edit | None:
    """A candidate, preferably next to an injection already made or to punctuation/markup."""
    free = [c for c in cands if not clashes(c, taken)]
    if not free:
        return None
    r = rng.random()
    if r < 0.4 and taken:
        near = [c for c in free if any(abs(c.start - t.end) <= 2 or abs(t.start - c.end) <= 2 for t in taken)]
        if near:
            return rng.choice(near)
    if r < 0.8:
        near = [c for c in free if set(text[max(c.start - 2, 0):c.end + 2]) & NEAR]
        if near:
            return rng.choice(near)
    return rng.choice(free)


REALISTIC = ["space-before-punct", "doubled-space", "missing-space-after", "doubled-punct", "straight-quotes",
             "misplaced-quote-space", "space-inside-quotes", "straight-apostrophe", "punct-outside-quote",
             "ellipsis-style", "hyphen-as-dash", "invisible-character", "cyrillic-homoglyph", "name-variant"]


def as_edit(a: ev.Article, inj) -> Edit | None:
    """evaluate.py's injection as one edit of the original (common prefix and suffix cut)."""
    o, d = a.text, inj.damaged
    p = 0
    n = min(len(o), len(d))
    while p < n and o[p] == d[p]:
        p += 1
    s = 0
    while s < n - p and o[len(o) - 1 - s] == d[len(d) - 1 - s]:
        s += 1
    if inj.converge == "none":
        return None
    return Edit(p, len(o) - s, d[p:len(d) - s], "r:" + inj.kind, inj.converge)


STYLE = {"straight-quotes", "r:straight-quotes", "wrong-apostrophe", "r:straight-apostrophe", "dash-spacing",
         "hyphen-as-dash", "r:hyphen-as-dash", "ellipsis-style", "r:ellipsis-style", "space-inside-quotes",
         "r:space-inside-quotes", "r:misplaced-quote-space", "r:punct-outside-quote", "doubled-space",
         "r:doubled-space"}


def house_kept(text: str, damaged: str) -> bool:
    """The damaged article still shows its house styles clearly (else no repair can know them)."""
    def counts(t: str) -> tuple[int, ...]:
        return (t.count("“") + t.count("”"), t.count('"'),
                len(re.findall(r"(?<=[A-Za-z])’(?=[A-Za-z])", t)), len(re.findall(r"(?<=[A-Za-z])'(?=[A-Za-z])", t)),
                len(re.findall(r"(?<=\w) [—–] (?=\w)", t)), len(re.findall(r"(?<=\w)—(?=\w)", t)),
                len(re.findall(r"(?<![.])\.\.\.(?![.])", t)), t.count("…"),
                len(re.findall(r"[.,]”", t)), len(re.findall(r"”[.,]", t)),
                len(_GAP2.findall(t)), len(_GAP1.findall(t)))
    o, d = counts(text), counts(damaged)
    if d[0] < o[0] and not (d[0] >= 4 and d[0] >= 2 * d[1] + 2):
        return False
    if d[2] < o[2] and not (d[2] >= 3 and d[2] >= 2 * d[3] + 1):
        return False
    if (d[4], d[5]) != (o[4], o[5]):
        house, other = max(o[4], o[5]), min(d[4], d[5])
        if max(d[4], d[5]) < 3 * (other + 1) or (o[4] > o[5]) != (d[4] > d[5]) or house < 4:
            return False
    if (d[6], d[7]) != (o[6], o[7]) and abs(d[6] - d[7]) < 2:
        return False
    if d[9] > o[9] and not (d[8] >= 4 and d[8] >= 3 * d[9]):
        return False
    # two spaces after a sentence: a writer's habit when common, a slip when rare; doubled spaces
    # after sentences may not grow past one gap in ten (nor past one) unless they already ruled
    if d[10] > o[10] and o[10] < o[11] and d[10] > max(1, (d[10] + d[11]) // 10):
        return False
    return True


_GAP2 = re.compile(r"[.!?…][\"”’)\]*_]*  +[\"“‘(\[*_]*[A-Z0-9]")  # a sentence gap of two spaces or more
_GAP1 = re.compile(r"[.!?…][\"”’)\]*_]* [\"“‘(\[*_]*[A-Z0-9]")


def latin_kept(damaged: str, at: int) -> bool:
    """Most letters of the word at ``at`` are still Latin (else the word's script is in doubt)."""
    s, e = at, at
    while s > 0 and damaged[s - 1].isalpha():
        s -= 1
    while e < len(damaged) and damaged[e].isalpha():
        e += 1
    word = damaged[s:e]
    return sum(1 for ch in word if ord(ch) < 0x250) > len(word) / 2


def name_count(a: ev.Article, e: Edit) -> int:
    """How often the article writes the word the edit respells."""
    t, s, end = a.text, e.start, e.end
    while s > 0 and t[s - 1].isalpha():
        s -= 1
    while end < len(t) and t[end].isalpha():
        end += 1
    return len(re.findall(r"\b" + re.escape(t[s:end]) + r"\b", t[a.body_start:]))


def inject(a: ev.Article, rng: random.Random) -> list[Edit]:
    want = rng.randint(3, 12)
    taken: list[Edit] = []
    cands = candidates(a)
    tries = 0
    while len(taken) < want and tries < want * 6:
        tries += 1
        if rng.random() < 0.5:
            kind = rng.choice(REALISTIC)
            inj = ev.INJECTORS[kind](a, random.Random(rng.random()))
            e = as_edit(a, inj) if inj else None
        else:
            kinds = sorted(cands)
            if not kinds:
                continue
            e = awkward_pick(rng, cands[rng.choice(kinds)], taken, a.text)
        if e is not None and not clashes(e, taken) and e.start >= a.body_start:
            if e.kind == "r:name-variant" and (any(t.kind == e.kind for t in taken) or name_count(a, e) < 3):
                continue  # a second respelling, or one of a name written only twice, ties or outvotes the real spelling
            if e.kind in STYLE and not house_kept(a.text, apply(a.text, taken + [e])):
                continue
            # (the damaged text is shifted by the length changes of the edits before this one)
            at = e.start + sum(len(t.new) - (t.end - t.start) for t in taken if t.end <= e.start)
            if e.kind.endswith("cyrillic-homoglyph") and not latin_kept(apply(a.text, taken + [e]), at):
                continue
            taken.append(e)
    return sorted(taken, key=lambda e: e.start)


# -- running newslint --------------------------------------------------------------------------


def run_fix(folder: Path, unsafe: bool) -> tuple[list[dict], str]:
    cmd = [*NEWSLINT_CMD, "check", "--fix", "--no-cache", "--exit-zero", "--format", "json", str(folder)]
    if unsafe:
        cmd.insert(3, "--unsafe-fixes")
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=folder)
    try:
        findings = json.loads(p.stdout or "[]")
    except json.JSONDecodeError:
        findings = [{"rule": "NL999", "path": "?", "message": "unparsable output: " + p.stdout[:200]}]
    return findings, p.stderr


def fixed_copy(texts: dict[str, str], root: Path, name: str, unsafe: bool) -> tuple[dict[str, str], list[dict], str]:
    d = root / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    for k, v in texts.items():
        (d / k).write_bytes(v.encode("utf-8"))
    findings, err = run_fix(d, unsafe)
    return {k: (d / k).read_bytes().decode("utf-8") for k in texts}, findings, err


def char_ops(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """Character opcodes from ``a`` to ``b``: lines first, then characters inside changed lines."""
    la, lb = a.splitlines(keepends=True), b.splitlines(keepends=True)
    oa = [0]
    for line in la:
        oa.append(oa[-1] + len(line))
    ob = [0]
    for line in lb:
        ob.append(ob[-1] + len(line))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        a1, a2, b1, b2 = oa[i1], oa[i2], ob[j1], ob[j2]
        if op == "equal":
            out.append((op, a1, a2, b1, b2))
            continue
        for op2, k1, k2, m1, m2 in difflib.SequenceMatcher(None, a[a1:a2], b[b1:b2], autojunk=False).get_opcodes():
            out.append((op2, a1 + k1, a1 + k2, b1 + m1, b1 + m2))
    return out


def to_original(original: str, x: str):
    """A map from offsets in fix(original) ``x`` back to offsets in the original."""
    ops = char_ops(original, x)

    def back(j: int) -> int:
        for op, i1, i2, j1, j2 in ops:
            if j1 <= j < j2 or (j == j2 and op == "equal" and j2 == len(x)):
                return i1 + (j - j1 if op == "equal" else 0)
        return len(original)
    return back


def hunks(x: str, y: str, original: str, edits: list[Edit]) -> list[str]:
    """Differences between fix(original) ``x`` and fix(damaged) ``y``, with context."""
    out = []
    back = to_original(original, x)
    for op, i1, i2, j1, j2 in char_ops(x, y):
        if op == "equal":
            continue
        o1, o2 = back(i1), back(max(i2 - 1, i1))
        near = any(e.start - 3 <= o2 and o1 <= e.end + 3 for e in edits)
        where = "at an injection" if near else "OUTSIDE"
        out.append(f"[{where}] {x[max(i1 - 30, 0):i1]!r} | {x[i1:i2]!r} -> {y[j1:j2]!r} | {x[i2:i2 + 30]!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ev.DEFAULT_CORPUS)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, help="write every article's record here")
    ap.add_argument("--show", type=int, default=40, help="divergent articles shown in detail")
    ap.add_argument("--keep", type=Path, help="keep the temp folders here")
    ap.add_argument("--newslint", help="the command to run instead of this checkout's .venv/bin/newslint "
                                       "(e.g. a wrapper that runs an older build)")
    args = ap.parse_args(argv)
    if args.newslint:
        NEWSLINT_CMD[:] = args.newslint.split()
    rng = random.Random(args.seed)
    arts: dict[str, tuple[ev.Article, list[Edit]]] = {}
    for p in ev.sample_articles(args.corpus, args.sample, args.seed):
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "\r" in text:
            continue
        a = ev.read_article(str(p.relative_to(args.corpus)), text)
        edits = inject(a, rng)
        if edits:
            arts[f"a{len(arts):03d}.md"] = (a, edits)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="multifix-"))
    orig = {k: a.text for k, (a, _) in arts.items()}
    dam = {k: apply(a.text, e) for k, (a, e) in arts.items()}
    report: dict = {"articles": len(arts), "defects": sum(len(e) for _, e in arts.values()),
                    "kinds": Counter(e.kind for _, es in arts.values() for e in es)}
    crashes = []
    records = {}
    for mode, unsafe in (("safe", False), ("unsafe", True)):
        fo, f1, err1 = fixed_copy(orig, root, f"orig-{mode}", unsafe)
        fd, f2, err2 = fixed_copy(dam, root, f"dam-{mode}", unsafe)
        fo2, _, err3 = fixed_copy(fo, root, f"orig-{mode}-again", unsafe)
        fd2, _, err4 = fixed_copy(fd, root, f"dam-{mode}-again", unsafe)
        for err in (err1, err2, err3, err4):
            if "Traceback" in err:
                crashes.append(f"{mode}: traceback: {err[-600:]}")
        for f in f1 + f2:
            if f.get("rule") == "NL999":
                crashes.append(f"{mode}: NL999 {f.get('path')}: {f.get('message')}")
        conv = [k for k in arts if fd[k] == fo[k]]
        # a defect only --unsafe-fixes repairs does not count against the safe run
        safe_only = [k for k in arts if all(e.fix == "safe" for e in arts[k][1])] if not unsafe else list(arts)
        report[mode] = {
            "articles": len(safe_only),
            "converged": sum(1 for k in safe_only if fd[k] == fo[k]),
            "idempotent_damaged": sum(1 for k in arts if fd2[k] == fd[k]),
            "idempotent_original": sum(1 for k in arts if fo2[k] == fo[k]),
        }
        diverged = [k for k in safe_only if k not in conv]
        # each defect alone, then the defects that converge alone all together
        singles = {f"{k[:-3]}-{i:02d}.md": apply(arts[k][0].text, [e]) for k in diverged for i, e in enumerate(arts[k][1])}
        fs, _, err5 = fixed_copy(singles, root, f"single-{mode}", unsafe) if singles else ({}, [], "")
        together = {}
        alone_bad = {}
        for k in diverged:
            a, edits = arts[k]
            bad = [e for i, e in enumerate(edits) if fs[f"{k[:-3]}-{i:02d}.md"] != fo[k]]
            alone_bad[k] = bad
            good = [e for e in edits if e not in bad]
            together[k] = apply(a.text, good)
        ft, _, _ = fixed_copy(together, root, f"together-{mode}", unsafe) if together else ({}, [], "")
        for k in diverged:
            a, edits = arts[k]
            rec = records.setdefault(k, {"path": a.path, "edits": [e.label(a.text) for e in edits]})
            interaction = ft[k] != fo[k]
            rec[mode] = {
                "interaction": interaction,
                "alone_fail": [e.label(a.text) for e in alone_bad[k]],
                "hunks": hunks(fo[k], fd[k], a.text, edits),
                "not_idempotent": fd2[k] != fd[k],
            }
            if interaction:
                good = [e for e in edits if e not in alone_bad[k]]
                rec[mode]["together_hunks"] = hunks(fo[k], ft[k], a.text, good)
        report[mode]["interaction"] = sum(1 for k in diverged if records[k][mode]["interaction"])
        report[mode]["single_miss_only"] = len(diverged) - report[mode]["interaction"]
        report[mode]["outside_hunks"] = sum(1 for k in diverged for h in records[k][mode]["hunks"] if h.startswith("[OUTSIDE"))
        report[mode]["not_idempotent"] = [k for k in arts if fd2[k] != fd[k] or fo2[k] != fo[k]]
    report["crashes"] = crashes
    print(f"{report['articles']} articles, {report['defects']} defects injected (seed {args.seed})")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(report["kinds"].items())))
    for mode in ("safe", "unsafe"):
        r = report[mode]
        print(f"{mode:>6}: converged {r['converged']}/{r['articles']} ({100 * r['converged'] / max(r['articles'], 1):.1f} %); "
              f"diverged by interaction {r['interaction']}, by single-defect misses only {r['single_miss_only']}; "
              f"hunks outside injections {r['outside_hunks']}; idempotent damaged {r['idempotent_damaged']}/{len(arts)}, "
              f"original {r['idempotent_original']}/{len(arts)}; not idempotent: {' '.join(r['not_idempotent']) or '-'}")
    print(f"crashes: {len(crashes)}")
    for c in crashes[:10]:
        print("  " + c)
    shown = 0
    for k, rec in sorted(records.items()):
        if shown >= args.show:
            break
        for mode in ("safe", "unsafe"):
            r = rec.get(mode)
            if not r or not (r["interaction"] or r["not_idempotent"] or any(h.startswith("[OUTSIDE") for h in r["hunks"])):
                continue
            shown += 1
            print(f"\n== {k} {rec['path']} [{mode}] interaction={r['interaction']} not_idempotent={r['not_idempotent']}")
            for e in rec["edits"]:
                print("   inj  " + e)
            for e in r["alone_fail"]:
                print("   alone-fails  " + e)
            for h in r.get("together_hunks", r["hunks"]):
                print("   diff " + h)
            break
    if args.json:
        report["records"] = records
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=list))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
