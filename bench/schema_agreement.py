"""Does newslint's schema check agree with check-jsonschema on which front matters are valid?

Extracts every front matter of a corpus to its own file (YAML text as written; TOML and JSON
blocks keep their format), validates them with check-jsonschema against a schema, validates the
articles with newslint against the same schema, and compares file by file. "Valid" for newslint
means: the front matter parses and the schema reports no problem (whichever rule reports it:
schema-violation, null-list, date-without-timezone, ambiguous-yaml-value). Every disagreement
is listed with both verdicts so that it can be explained.

    python3 -m venv /tmp/cj && /tmp/cj/bin/pip install check-jsonschema
    .venv/bin/python bench/schema_agreement.py --check-jsonschema /tmp/cj/bin/check-jsonschema \\
        --corpus ../shared/corpus --schema builtin:article
    # per source with the generator's schema:
    .venv/bin/python bench/schema_agreement.py ... --schema builtin:hugo --only GSA__digitalgov.gov
    # the same with defects injected into copies of the first 300 YAML front matters:
    .venv/bin/python bench/schema_agreement.py ... --mutate 300

The real corpus is almost all valid, so ``--mutate N`` also checks the invalid side: each of
the first N YAML front matters is copied once per mutation (a garbage date, a null list, a
number for the title, ``draft: yes``, an empty author list, a date not on the calendar), and
the copies are compared the same way.

Reads the corpus only; writes the extracted files under a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from newslint import frontmatter, schema, validation
from newslint.document import Document

ROOT = Path(__file__).resolve().parents[1]
_EXT = {"yaml": ".yaml", "toml": ".toml", "json": ".json"}


MUTATIONS = {  # name → (key to set, YAML text of the line); the key is removed first
    "garbage-date": ("date", "date: 31.05.2022"),
    "null-list": ("stories", "stories:"),
    "number-title": ("title", "title: 2022"),
    "yaml11-boolean": ("draft", "draft: yes"),
    "empty-authors": ("authors", "authors: []"),
    "not-a-calendar-date": ("lastmod", "lastmod: 2022-02-30"),
    "list-for-text": ("caption", "caption: [Photo, TASS]"),
}


def mutate(found: dict[str, tuple[Path, Path | None]], out: Path, count: int) -> dict[str, tuple[Path, Path | None]]:
    """Copies of the first ``count`` YAML front matters, one per mutation, as articles and extracts."""
    import re

    mutated: dict[str, tuple[Path, Path | None]] = {}
    yaml_files = [(rel, f) for rel, (_, f) in found.items() if f is not None and f.suffix == ".yaml"][:count]
    for rel, extracted in yaml_files:
        text = extracted.read_text(encoding="utf-8")
        for name, (key, line) in MUTATIONS.items():
            # drop the key's own line and every line up to the next top-level key (continuations)
            body = re.sub(rf"(?m)^{re.escape(key)}:.*\n(?:(?![^\s#-][^:\n]*:(?:[ \t]|$)).*\n)*", "", text)
            body = body + ("" if body.endswith("\n") or not body else "\n") + line + "\n"
            target = out / "mutated" / name / (rel + ".yaml")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            article = target.with_suffix(".md")
            article.write_text(f"---\n{body}---\n\nBody.\n", encoding="utf-8")
            mutated[f"mutated/{name}/{rel}"] = (article, target)
    return mutated


def extract(corpus: Path, out: Path, only: str | None) -> dict[str, tuple[Path, Path | None]]:
    """article path → (article, extracted front-matter file or None when there is none)."""
    found: dict[str, tuple[Path, Path | None]] = {}
    for article in sorted(corpus.rglob("*.md")):
        rel = article.relative_to(corpus).as_posix()
        if only and not rel.startswith(only):
            continue
        if rel.count("/") == 0:
            continue  # SOURCES.md and other notes beside the sources
        text = Document.from_bytes(article.read_bytes(), str(article)).text
        fm = frontmatter.split(text)
        if fm is None:
            found[rel] = (article, None)
            continue
        target = out / (rel + _EXT[fm.kind])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text[fm.content_start: fm.content_end], encoding="utf-8")
        found[rel] = (article, target)
    return found


def check_jsonschema(tool: str, schema_file: Path, files: list[Path]) -> tuple[dict[str, list[str]], set[str]]:
    """check-jsonschema's verdicts: errors per file, and the files it could not parse."""
    errors: dict[str, list[str]] = {}
    unparsed: set[str] = set()
    for i in range(0, len(files), 400):
        batch = files[i: i + 400]
        r = subprocess.run([tool, "--schemafile", str(schema_file), "-o", "json", *map(str, batch)],
                           capture_output=True, text=True)
        try:
            report = json.loads(r.stdout)
        except json.JSONDecodeError:
            sys.exit(f"check-jsonschema failed: {r.stderr[:2000]}")
        for e in report.get("errors", []):
            errors.setdefault(e["filename"], []).append(f'{e["path"]}: {e["message"]}')
        for e in report.get("parse_errors", []):
            unparsed.add(e["filename"])
    return errors, unparsed


def newslint_verdict(article: Path, table: tuple) -> tuple[str, list[str]]:
    """("valid" | "invalid" | "unparsed", problems) for one article under the schema."""
    doc = Document.from_bytes(article.read_bytes(), str(article))
    fm = doc.front_matter
    if fm is None or fm.errors or not isinstance(fm.data, dict):
        return "unparsed", [e.message for e in fm.errors] if fm else []
    opts = {"_schemas": table, "_root": "/"}
    result = validation.validate(doc, opts)
    notes = [f"duplicate key {'.'.join(map(str, p))}" for p, _, _ in fm.duplicates]
    problems = [f"[{p.owner}] line {doc.position(p.start)[0]}: {p.message}" for p in result.problems]
    return ("invalid" if problems else "valid"), problems + notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--schema", default="builtin:article", help="builtin:NAME or a schema file")
    parser.add_argument("--check-jsonschema", default="check-jsonschema", help="the check-jsonschema command")
    parser.add_argument("--only", default=None, help="only articles under this corpus sub-folder")
    parser.add_argument("--json", type=Path, default=None, help="write the per-file comparison here")
    parser.add_argument("--mutate", type=int, default=0, help="also compare mutated copies of N front matters")
    args = parser.parse_args(argv)

    source = schema.load_source(args.schema, Path.cwd())
    table = (("**", source),)
    with tempfile.TemporaryDirectory(prefix="newslint-fm-") as tmp:
        out = Path(tmp)
        articles = extract(args.corpus, out, args.only)
        if args.mutate:
            articles = mutate(articles, out, args.mutate)
        files = [f for _, f in articles.values() if f is not None]
        errors, unparsed = check_jsonschema(args.check_jsonschema, Path(source.path), files)
        rows = []
        for rel, (article, extracted) in sorted(articles.items()):
            if extracted is None:
                continue
            ours, problems = newslint_verdict(article, table)
            key = str(extracted)
            theirs = "unparsed" if key in unparsed else ("invalid" if key in errors else "valid")
            rows.append({"file": rel, "newslint": ours, "check-jsonschema": theirs,
                         "newslint_problems": problems, "check_jsonschema_errors": errors.get(key, [])})
    tally = Counter((r["newslint"], r["check-jsonschema"]) for r in rows)
    agree = sum(n for (a, b), n in tally.items() if a == b)
    kind = f" (mutated copies of {args.mutate})" if args.mutate else ""
    print(f"schema {args.schema}{kind}: {len(rows)} front matters, {len(articles) - len(rows)} articles without one")
    for (a, b), n in sorted(tally.items()):
        print(f"  newslint {a:8}  check-jsonschema {b:8}  {n}")
    if args.mutate:
        by_mutation = Counter((r["file"].split("/")[1], r["newslint"] == r["check-jsonschema"]) for r in rows)
        for name in MUTATIONS:
            print(f"  {name:20} agree {by_mutation[(name, True)]:4}  disagree {by_mutation[(name, False)]:4}")
    print(f"agreement: {agree}/{len(rows)} ({100 * agree / max(len(rows), 1):.2f}%)")
    for r in rows:
        if r["newslint"] != r["check-jsonschema"]:
            print(f"\n{r['file']}: newslint {r['newslint']}, check-jsonschema {r['check-jsonschema']}")
            for line in r["newslint_problems"] + [f"check-jsonschema {e}" for e in r["check_jsonschema_errors"]]:
                print(f"    {line}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
