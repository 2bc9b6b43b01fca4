"""Coverage-guided fuzzing of the whole lint-and-fix path with atheris (libFuzzer for Python).

    python tests/fuzz/atheris_fuzz.py -runs=10000 [-max_len=4096] [corpus folder]

Every input is read as a file's bytes: decoded (or refused with DecodeError), linted with every
rule, then fixed with unsafe fixes; an exception, an internal error or a non-idempotent fix
stops the run with the input that caused it (libFuzzer writes it to crash-<hash>).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newslint import config, engine
    from newslint.document import DecodeError, Document

ALL = engine.settings(config.from_mapping({"select": ["ALL"]}))


def one(data: bytes) -> None:
    try:
        doc = Document.from_bytes(data, "content/article.md", **ALL.document_options)
    except DecodeError:
        return
    errors: list[str] = []
    engine.run_rules(doc, ALL, errors)
    fixed, remaining, _ = engine.fix_document(doc, ALL, True, errors)
    if errors:
        raise AssertionError(errors[0])
    again, _, applied = engine.fix_document(fixed, ALL, True)
    if again.source != fixed.source or applied:
        raise AssertionError("fixing is not idempotent")


def main() -> None:
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
