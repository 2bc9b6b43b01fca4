#!/usr/bin/env python3
"""Two front-matter defects in one article: a YAML syntax error and a slip of another key.

    .venv/bin/python bench/fm_pairs.py                           # 300 corpus articles, seed 0
    .venv/bin/python bench/fm_pairs.py --seed 8 --show 10        # another draw, the misses listed
    .venv/bin/python bench/fm_pairs.py --newslint /tmp/old/bin/newslint   # another build, same draw

A slip in the front matter (a misspelt key, lastmod before date, an empty list, a duplicate key,
a YAML 1.1 boolean) is put into each article with bench/evaluate.py's injector, then a syntax
error (its fm-broken-yaml injector) on another line. The real console script checks the damaged
copies; the table says how often each is reported at its line. A block that does not parse used
to silence every other front-matter check: what this measures is whether the rest of the block
is still read. Deterministic for a seed; needs the corpus (default ../shared/corpus).
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
    args = ap.parse_args()
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


if __name__ == "__main__":
    main()
