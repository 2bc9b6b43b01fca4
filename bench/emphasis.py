#!/usr/bin/env python3
"""Emphasis spaced wrong: one defect per corpus article around a ``**…**`` run, then recall and
fix convergence through the library (``newslint.lint_text`` / ``fix_text``, safe fixes).

    .venv/bin/python bench/emphasis.py --seed 3 -n 60            # this checkout
    PYTHONPATH=/tmp/old/src .venv/bin/python bench/emphasis.py   # another tree (``git archive``)

Kinds: a space moved inside the opening marker (``the** Pro** plan``) or the closing one
(``**Pro **plan``), the opening marker moved one letter into the word (``P**ro**``), the space
before the opening marker lost (``the**Pro**``), the space after a comma glued across a closing
marker lost (``**Pro**,and``), and the space after ``**Note:**`` lost (``**Note:**The``). Found: a
finding the original lacks within a line of the injection; converged: the fixed damaged text
equals the fixed original. ``--show`` lists what did not converge. (bench/evaluate.py, redteam.py,
blind.py and multifix.py inject none of these.)
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
from collections import Counter

import newslint
from newslint.document import Document

BOLD = re.compile(r"(?<=[ (])\*\*([A-Z][a-z]{2,}(?: [A-Za-z][a-z]+){0,3})\*\*(?=[ ,.;:])")
COLON = re.compile(r"\*\*([A-Z][A-Za-z ]{2,30}:)\*\* (?=[A-Z])")


def sites(text: str) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, replacement) for every defect this article offers."""
    out = []
    for m in BOLD.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1: m.start()].lstrip()
        if line.startswith(("|", "<", "#")):
            continue
        s, e, w = m.start(), m.end(), m.group(1)
        if text[s - 1: s] == " " and (text[s - 2: s - 1].isalnum() or text[s - 2: s - 1] in ",.;:"):
            out.append(("space-in-open", s - 1, e, "** " + w + "**"))
        if text[e: e + 1] == " ":
            out.append(("space-in-close", s, e + 1, "**" + w + " **"))
        out.append(("marker-shift", s, e, w[0] + "**" + w[1:] + "**"))
        if text[s - 1: s] == " " and text[s - 3: s - 1].isalpha():
            out.append(("glued-before", s - 1, s, ""))
        if text[e: e + 2] == ", ":
            out.append(("comma-glued", e, e + 2, ","))
    for m in COLON.finditer(text):
        out.append(("colon-glued", m.end() - 1, m.end(), ""))
    return out


def lines_with_findings(text: str, path: str) -> set[int]:
    doc = Document(text, path)
    return {doc.position(f.start)[0] for f in newslint.lint_text(text, path)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=60)
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    paths = sorted(pathlib.Path(args.corpus).rglob("*.md"))
    rnd.shuffle(paths)
    kinds, found, conv = Counter(), Counter(), Counter()
    for p in paths:
        if sum(kinds.values()) >= args.n:
            break
        text = p.read_text(encoding="utf-8")
        if "```" in text:
            continue
        options = sites(text)
        if not options:
            continue
        kind, s, e, new = rnd.choice(options)
        damaged = text[:s] + new + text[e:]
        kinds[kind] += 1
        line = damaged.count("\n", 0, s) + 1
        new_lines = lines_with_findings(damaged, str(p)) - lines_with_findings(text, str(p))
        found[kind] += any(abs(n - line) <= 1 for n in new_lines)
        if newslint.fix_text(damaged, str(p))[0] == newslint.fix_text(text, str(p))[0]:
            conv[kind] += 1
        elif args.show:
            print(kind, p.name, repr(damaged[max(0, s - 40): s + 40]))
    for k in sorted(kinds):
        print(f"{k:16} {kinds[k]:3}  found {found[k]:3}  converged {conv[k]:3}")
    print(f"all {sum(kinds.values())}  found {sum(found.values())}  converged {sum(conv.values())}")


if __name__ == "__main__":
    main()
