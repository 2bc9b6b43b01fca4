#!/usr/bin/env python3
"""Where newslint's CPU time goes: the per-file pipeline stage by stage, and every rule alone.

    bench/profile_rules.py                      # the corpus (../shared/corpus or $NEWSLINT_CORPUS)
    bench/profile_rules.py --corpus DIR --limit 500 --top 25
    bench/profile_rules.py --cprofile news-style   # cProfile of the rules whose ID/name contains this
    bench/profile_rules.py --cprofile pipeline     # ... of the pipeline stages
    bench/profile_rules.py --json out.json

One process, CPU time (``time.process_time``). Each document is read and parsed once; the
pipeline stages are timed as they are first used (decode + front matter, line index, Markdown
block parse, prose index, prose view), then each enabled rule's ``check`` runs on it in the
engine's order and is timed alone. Analyses that several rules share through ``doc.memo`` are
timed separately (by key, up to the first ``:``) and *not* charged to the rule that happened to
ask first; a memo computed inside another memo is charged to the inner one only. After the
rules come the engine's own steps (stamping positions, suppression comments, sorting), the
``collect`` of cross-file rules, and finally each ``check_corpus``.

Numbers from a loaded machine drift by 10-20 %; compare runs made close together, and use
``bench/identity.sh`` to prove that a speed-up changed no output.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from newslint import config as config_mod  # noqa: E402
from newslint import engine, files, prose, suppress  # noqa: E402
from newslint.document import Document  # noqa: E402

clock = time.process_time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("NEWSLINT_CORPUS", str(HERE.parent.parent.parent / "shared" / "corpus")))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--every", type=int, default=1, help="only every Nth file")
    ap.add_argument("--top", type=int, default=40, help="rows of the rule table")
    ap.add_argument("--cprofile", default="", help="profile rules whose ID or name contains this (or 'pipeline')")
    ap.add_argument("--sort", default="tottime", help="pstats sort key for --cprofile")
    ap.add_argument("--cprofile-out", default="", help="also write the --cprofile stats to this file")
    ap.add_argument("--json", default="", help="write the numbers here")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        corpus = Path("/work/shared/corpus")

    config = config_mod.load(None, start=corpus)
    st = engine.settings(config)
    paths = files.discover([corpus], config)[:: args.every]
    if args.limit:
        paths = paths[: args.limit]

    stage: dict[str, float] = defaultdict(float)
    rule_time: dict[str, float] = defaultdict(float)
    rule_count: dict[str, int] = defaultdict(int)
    memo_time: dict[str, float] = defaultdict(float)
    memo_calls: dict[str, int] = defaultdict(int)

    # The Markdown block parse is timed inside the prose index.
    md = prose._parser()
    parse = md.parse

    def timed_parse(*a, **k):  # type: ignore[no-untyped-def]
        t = clock()
        try:
            return parse(*a, **k)
        finally:
            stage["markdown parse (markdown-it + mdblock)"] += clock() - t

    md.parse = timed_parse

    # Shared analyses: exclusive time per memo key family.
    stack: list[float] = []  # time spent in nested memos, per level

    def memo(self: Document, key: str, factory):  # type: ignore[no-untyped-def]
        store = self._memo
        if key in store:
            return store[key]
        family = key.split(":", 1)[0]
        stack.append(0.0)
        t = clock()
        try:
            value = store[key] = factory()
        finally:
            spent = clock() - t
            inner = stack.pop()
            memo_time[family] += spent - inner
            memo_calls[family] += 1
            if stack:
                stack[-1] += spent
            else:
                memo_outer[0] += spent
        return value

    memo_outer = [0.0]  # memo time inside a rule's check, to take out of the rule's own time
    Document.memo = memo  # type: ignore[method-assign]

    profiler = cProfile.Profile() if args.cprofile else None
    wanted = args.cprofile.lower()
    profile_pipeline = wanted == "pipeline"

    def profiled(rule) -> bool:  # type: ignore[no-untyped-def]
        return bool(wanted) and not profile_pipeline and (wanted in rule.id.lower() or wanted in rule.name.lower())

    summaries: dict[str, dict[str, object]] = defaultdict(dict)
    n_findings = 0
    size = 0
    total0 = clock()
    for path in paths:
        t = clock()
        try:
            data = engine._read(path)
        except OSError:
            continue
        stage["read"] += clock() - t
        size += len(data)
        if profile_pipeline:
            profiler.enable()  # type: ignore[union-attr]
        # the previous document is freed here, not charged to decoding this one (a lint run
        # pays it too, when lint_file returns)
        t = clock()
        doc = None
        stage["free the previous document"] += clock() - t
        t = clock()
        try:
            doc = Document.from_bytes(data, str(path), **st.document_options)
        except Exception:
            continue
        stage["decode + front matter (YAML)"] += clock() - t
        t = clock()
        doc.line_starts
        stage["line index"] += clock() - t
        t = clock()
        doc.prose_index
        stage["prose index (incl. parse)"] += clock() - t
        t = clock()
        doc.field_spans()
        doc.prose_spans
        doc.prose_text
        stage["prose view (fields + masked text)"] += clock() - t
        if profile_pipeline:
            profiler.disable()  # type: ignore[union-attr]

        findings = []
        for rule in st.rules:
            opts = st.options.get(rule.id, rule.defaults)
            memo_outer[0] = 0.0
            on = profiler is not None and profiled(rule)
            if on:
                profiler.enable()  # type: ignore[union-attr]
            t = clock()
            try:
                produced = list(rule.check(doc, opts))
            except Exception:
                produced = []
            spent = clock() - t
            if on:
                profiler.disable()  # type: ignore[union-attr]
            rule_time[rule.id] += spent - memo_outer[0]
            rule_count[rule.id] += len(produced)
            severity = opts.get("severity", rule.severity)
            findings.extend(dataclasses.replace(f, rule=rule.id, name=rule.name, severity=f.severity or severity)
                            for f in produced)
        n_findings += len(findings)
        t = clock()
        findings = [engine.stamp(doc, f) for f in findings]
        hidden = suppress.parse(doc)
        if hidden:
            findings = [f for f in findings if f.rule == "NL999" or not hidden.hides(f)]
        findings.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
        stage["engine: stamp, suppress, sort"] += clock() - t
        t = clock()
        {f.line: doc.line_text(f.line) for f in findings if f.line}
        stage["engine: result lines"] += clock() - t
        for rule in st.rules:
            if rule.collect is not None:
                memo_outer[0] = 0.0
                t = clock()
                summaries[rule.id][str(path)] = rule.collect(doc, st.options.get(rule.id, rule.defaults))
                rule_time[rule.id + " collect"] += clock() - t - memo_outer[0]
    for rule in st.rules:
        if rule.check_corpus is not None:
            t = clock()
            produced = list(rule.check_corpus(summaries.get(rule.id, {}), st.options.get(rule.id, rule.defaults)))
            rule_time[rule.id + " corpus"] += clock() - t
            rule_count[rule.id + " corpus"] += len(produced)
    total = clock() - total0

    names = {r.id: r.name for r in st.rules}
    pipeline = sum(v for k, v in stage.items() if not k.startswith("markdown"))
    rules_total = sum(rule_time.values())
    memo_total = sum(memo_time.values())
    print(f"{len(paths):,} files, {size / 1e6:.1f} MB, {len(st.rules)} rules; "
          f"CPU {total:.2f} s (timer overhead included), load {os.getloadavg()[0]:.1f}")
    print(f"\n{'pipeline stage':<44} {'CPU s':>7}")
    for k, v in stage.items():
        print(f"{k:<44} {v:7.3f}")
    print(f"{'= pipeline':<44} {pipeline:7.3f}")
    print(f"\n{'shared analysis (doc.memo key)':<44} {'CPU s':>7} {'calls':>7}")
    for k, v in sorted(memo_time.items(), key=lambda kv: -kv[1]):
        print(f"{k:<44} {v:7.3f} {memo_calls[k]:7,}")
    print(f"{'= shared analyses':<44} {memo_total:7.3f}")
    print(f"\n{'rule (own time, shared analyses excluded)':<60} {'CPU s':>7} {'found':>7}")
    ranked = sorted(rule_time.items(), key=lambda kv: -kv[1])
    for k, v in ranked[: args.top]:
        rid = k.split(" ")[0]
        label = f"{k} {names.get(rid, '')}".strip()
        print(f"{label[:60]:<60} {v:7.3f} {rule_count.get(k, 0):7,}")
    rest = ranked[args.top:]
    if rest:
        print(f"{f'... {len(rest)} more rules':<60} {sum(v for _, v in rest):7.3f}")
    print(f"{'= rules':<60} {rules_total:7.3f} {n_findings:7,}")
    print(f"\npipeline + shared + rules = {pipeline + memo_total + rules_total:.2f} s")

    if profiler is not None:
        print()
        pstats.Stats(profiler, stream=sys.stdout).sort_stats(args.sort).print_stats(35)
        if args.cprofile_out:  # for pstats' print_callers: who calls a hot C function
            profiler.dump_stats(args.cprofile_out)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "files": len(paths), "bytes": size, "cpu": total, "stages": stage, "memo": memo_time,
            "rules": rule_time, "findings": rule_count}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
