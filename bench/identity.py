#!/usr/bin/env python3
"""Prove that a change left newslint's output alone: record the JSON report, then compare.

    bench/identity.py record /tmp/ref.json      # before the change
    bench/identity.py compare /tmp/ref.json     # after: exit 0 only if byte-identical
    bench/identity.py record /tmp/ref.json --tree ../main   # the reference from another checkout

Runs ``newslint check --no-cache -j1 --format json`` on the corpus (../shared/corpus or
$NEWSLINT_CORPUS, or --corpus) with the newslint next to this script's repository (its .venv
when there is one). When the bytes differ, prints which findings appeared and disappeared, by
rule, with a few examples.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def run(corpus: str, extra: list[str], tree: str = "") -> bytes:
    python = REPO / ".venv" / "bin" / "python"
    command = [str(python) if python.exists() else sys.executable, "-m", "newslint"]
    command += ["check", "--no-cache", "-j1", "--format", "json", *extra, corpus]
    env = dict(os.environ)
    if tree:  # that checkout's source, with this venv's libraries
        env["PYTHONPATH"] = str(Path(tree).resolve() / "src")
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode(errors="replace"))
        raise SystemExit(f"newslint exited with {done.returncode}")
    return done.stdout


def key(f: dict) -> str:
    return json.dumps(f, sort_keys=True, ensure_ascii=False)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=("record", "compare"))
    ap.add_argument("reference")
    ap.add_argument("--corpus", default=os.environ.get("NEWSLINT_CORPUS", str(REPO.parent.parent / "shared" / "corpus")))
    ap.add_argument("--tree", default="", help="run the newslint of this checkout (its src/) instead")
    ap.add_argument("extra", nargs="*", help="more newslint options (after --)")
    args = ap.parse_args()
    corpus = args.corpus if Path(args.corpus).is_dir() else "/work/shared/corpus"
    out = run(corpus, args.extra, args.tree)
    ref = Path(args.reference)
    if args.action == "record":
        ref.write_bytes(out)
        print(f"recorded {len(json.loads(out)):,} findings, {len(out):,} bytes → {ref}")
        return 0
    old = ref.read_bytes()
    if old == out:
        print(f"identical: {len(json.loads(out)):,} findings, {len(out):,} bytes")
        return 0
    before, after = json.loads(old), json.loads(out)
    a, b = Counter(map(key, before)), Counter(map(key, after))
    gone, new = a - b, b - a
    print(f"DIFFERENT: {len(before):,} findings before, {len(after):,} after; "
          f"{sum(gone.values())} gone, {sum(new.values())} new")
    if not gone and not new:
        print("same findings, different order or formatting")
    for label, diff in (("gone", gone), ("new", new)):
        by_rule = Counter(json.loads(k)["rule"] for k in diff.elements())
        if by_rule:
            print(f"  {label}: " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()))
        for k in list(diff)[:5]:
            f = json.loads(k)
            print(f"    {label} {f['path']}:{f['line']}:{f['column']} {f['rule']} {f['message'][:100]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
