#!/usr/bin/env python3
"""Two front-matter defects in one article: a YAML syntax error and a slip of another key.

    .venv/bin/python bench/fm_pairs.py                           # 300 corpus articles, seed 0
    .venv/bin/python bench/fm_pairs.py --seed 8 --show 10        # another draw, the misses listed
    .venv/bin/python bench/fm_pairs.py --newslint /tmp/old/bin/newslint   # another build, same draw
    .venv/bin/python bench/fm_pairs.py --syntax --seed 20        # two syntax errors in one block

A slip in the front matter (a misspelt key, lastmod before date, an empty list, a duplicate key,
a YAML 1.1 boolean) is put into each article with bench/evaluate.py's injector, then a syntax
error (its fm-broken-yaml injector) on another line. The real console script checks the damaged
copies; the table says how often each is reported at its line. A block that does not parse used
to silence every other front-matter check: what this measures is whether the rest of the block
is still read. Deterministic for a seed; needs the corpus (default ../shared/corpus).

With ``--syntax`` the other defect is a second syntax error (the same injector, on another line,
not next to the first): the table says how often each is reported at its line, and how often
the second is reported exactly as it is in a copy where the first was mended (its line put
back): same rule, line, message and fix. A second error that only the first one's salvage made
would show up as an NL001 that the mended copy does not have ("extra").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import evaluate as ev  # noqa: E402  (the injectors)

SLIPS = ("fm-misspelled-key", "fm-lastmod-before-date", "fm-null-list", "fm-duplicate-key", "fm-yes-no")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("NEWSLINT_CORPUS", str(ev.DEFAULT_CORPUS)))
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="list this many misses")
    ap.add_argument("--newslint", default=str(HERE.parent / ".venv" / "bin" / "newslint"))
    ap.add_argument("--syntax", action="store_true", help="a second syntax error instead of a slip")
    args = ap.parse_args()
    if args.syntax:
        return syntax_pairs(args)
    rng = random.Random(args.seed)
    paths = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix in (".md", ".mdx") and p.is_file())
    rng.shuffle(paths)
    with tempfile.TemporaryDirectory() as tmp:
        wanted: dict[str, tuple[str, tuple[int, ...], tuple[str, ...], tuple[int, ...]]] = {}
        for path in paths:
            if len(wanted) >= args.sample:
                break
            article = ev.read_article(str(path), path.read_text(encoding="utf-8"))
            kind = rng.choice(SLIPS)
            slip = ev.INJECTORS[kind](article, rng)
            if slip is None:
                continue
            broken = ev.INJECTORS["fm-broken-yaml"](ev.read_article(str(path), slip.damaged), rng)
            if broken is None or set(broken.lines) & set(slip.lines):
                continue
            name = f"{len(wanted):03d}{path.suffix}"
            (Path(tmp) / name).write_text(broken.damaged, encoding="utf-8")
            wanted[name] = (kind, slip.lines, slip.rules, broken.lines)
        run = subprocess.run([*args.newslint.split(), "check", "--no-cache", "-j1", "--format", "json",
                              "--exit-zero", tmp], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"newslint failed: {run.stderr[-500:]}")
        got: dict[str, set[tuple[str, int]]] = {}
        for f in json.loads(run.stdout):
            got.setdefault(Path(f["path"]).name, set()).add((f["rule"], f["line"]))
        found, syntax, tried = Counter(), 0, Counter()
        misses = []
        for name, (kind, lines, rules, broken_lines) in wanted.items():
            seen = got.get(name, set())
            tried[kind] += 1
            hit = any((r, n) in seen for r in rules for n in lines)
            found[kind] += hit
            syntax += any(("NL001", n) in seen for n in broken_lines)
            if not hit:
                misses.append(f"  {name} {kind} at line {lines[0]}, syntax error at line {broken_lines[0]}")
    if not wanted:
        sys.exit(f"no article of {args.corpus} takes the two defects")
    print(f"{len(wanted)} articles (seed {args.seed}); the syntax error reported at its line: "
          f"{syntax} ({syntax / len(wanted):.1%})")
    print(f"{'slip':<26}{'tried':>6}{'found':>8}")
    for kind in SLIPS:
        if tried[kind]:
            print(f"{kind:<26}{tried[kind]:>6}{found[kind] / tried[kind]:>8.1%}")
    total = sum(found.values())
    print(f"{'all':<26}{len(wanted):>6}{total / len(wanted):>8.1%}")
    for line in misses[:args.show]:
        print(line)


def _findings(newslint: str, folder: str) -> dict[str, list[dict]]:
    run = subprocess.run([*newslint.split(), "check", "--no-cache", "-j1", "--format", "json", "--exit-zero",
                          folder], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"newslint failed: {run.stderr[-500:]}")
    got: dict[str, list[dict]] = {}
    for f in json.loads(run.stdout):
        got.setdefault(Path(f["path"]).name, []).append(f)
    return got


def _shown(f: dict) -> tuple:
    fix = f["fix"]
    edits = tuple((e["line"], e["column"], e["end_line"], e["end_column"], e["replacement"]) for e in fix["edits"]) \
        if fix else None
    return f["rule"], f["line"], f["column"], f["message"], fix and fix["applicability"], edits


def syntax_pairs(args: argparse.Namespace) -> None:
    """Two syntax errors in one block: is each reported at its line, the second as when alone?"""
    rng = random.Random(args.seed)
    paths = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix in (".md", ".mdx") and p.is_file())
    rng.shuffle(paths)
    with tempfile.TemporaryDirectory() as tmp:
        wanted: dict[str, tuple[tuple[int, ...], tuple[int, ...], str, str]] = {}
        for path in paths:
            if len(wanted) >= args.sample:
                break
            text = path.read_text(encoding="utf-8")
            first = ev.INJECTORS["fm-broken-yaml"](ev.read_article(str(path), text), rng)
            if first is None:
                continue
            second = ev.INJECTORS["fm-broken-yaml"](ev.read_article(str(path), first.damaged), rng)
            if second is None or min(abs(a - b) for a in first.lines for b in second.lines) < 2:
                continue  # (the same line, or the next: one slip's line is the other's context)
            damaged = second.damaged  # (both errors)
            if min(second.lines) < min(first.lines):  # (the upper one is mended; the lower one was hidden)
                first, second = second, first
            lines = damaged.split("\n")
            original = text.split("\n")
            if len(lines) != len(original):
                continue
            mended = "\n".join(original[i] if i + 1 in first.lines else line for i, line in enumerate(lines))
            name = f"{len(wanted):03d}{path.suffix}"
            (Path(tmp) / "both").mkdir(exist_ok=True)
            (Path(tmp) / "mended").mkdir(exist_ok=True)
            (Path(tmp) / "both" / name).write_text(damaged, encoding="utf-8")
            (Path(tmp) / "mended" / name).write_text(mended, encoding="utf-8")
            wanted[name] = (first.lines, second.lines, first.subtype, second.subtype)
        both = _findings(args.newslint, str(Path(tmp) / "both"))
        alone = _findings(args.newslint, str(Path(tmp) / "mended"))
    if not wanted:
        sys.exit(f"no article of {args.corpus} takes two syntax errors")
    firsts = seconds = same = extra = 0
    misses = []
    for name, (lines1, lines2, sub1, sub2) in wanted.items():
        got = [f for f in both.get(name, []) if f["rule"] == "NL001"]
        firsts += any(f["line"] in lines1 for f in got)
        hit = any(f["line"] in lines2 for f in got)
        seconds += hit
        mine = sorted(_shown(f) for f in got if f["line"] > max(lines1))
        theirs = sorted(_shown(f) for f in alone.get(name, []) if f["rule"] == "NL001" and f["line"] > max(lines1))
        same += mine == theirs and hit
        extra += bool(set(mine) - set(theirs))
        if not (mine == theirs and hit):
            misses.append(f"  {name} {sub1} at line {lines1[0]}, {sub2} at line {lines2[0]}: "
                          f"{[f[1:4] for f in mine]} alone {[f[1:4] for f in theirs]}")
    n = len(wanted)
    print(f"{n} articles (seed {args.seed}), two syntax errors each (not on adjacent lines)")
    print(f"the upper reported at its line:             {firsts:>4} ({firsts / n:.1%})")
    print(f"the lower reported at its line:             {seconds:>4} ({seconds / n:.1%})")
    print(f"the lower as when the upper is mended:      {same:>4} ({same / n:.1%})")
    print(f"an NL001 below the upper one that the mended copy does not have: {extra} ({extra / n:.1%})")
    for line in misses[:args.show]:
        print(line)


if __name__ == "__main__":
    main()
