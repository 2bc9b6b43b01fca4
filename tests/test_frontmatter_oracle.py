"""python-frontmatter as an independent oracle: on well-formed articles our splitter and loader
must agree with it on the keys, the values and the body.

It is the design card's library; newslint does not read articles with it (see the README,
"Why not python-frontmatter"), but where it works it is a second opinion worth having.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import frontmatter
import pytest

from newslint.document import Document

ROOT = Path(__file__).parents[1]
ARTICLES = sorted([*(ROOT / "tests" / "fixtures").rglob("*.md"), *(ROOT / "examples" / "content").glob("*.md"),
                   *(ROOT / "tests" / "data").glob("*.md")])


def _well_formed(doc: Document) -> bool:
    """The cases python-frontmatter handles: YAML at the very top, parsed, nothing exotic."""
    fm = doc.front_matter
    return (fm is not None and fm.kind == "yaml" and not fm.errors and not fm.duplicates and not fm.aliases
            and fm.leading_blank == 0 and isinstance(fm.data, dict) and fm.data and not doc.encoding.bom
            and "\r" not in doc.source and doc.text.startswith("---\n"))


def _same(ours: object, theirs: object) -> bool:
    if isinstance(theirs, (datetime.date, datetime.datetime)):
        return isinstance(ours, str)  # we keep timestamps as the text written; it builds a datetime
    if isinstance(theirs, bool) and isinstance(ours, str):
        return ours.lower() in ("yes", "no", "on", "off", "y", "n")  # YAML 1.1 booleans stay text here
    if isinstance(theirs, dict) and isinstance(ours, dict):
        return theirs.keys() == ours.keys() and all(_same(ours[k], theirs[k]) for k in theirs)
    if isinstance(theirs, list) and isinstance(ours, list):
        return len(ours) == len(theirs) and all(_same(a, b) for a, b in zip(ours, theirs))
    return ours == theirs


def _cases() -> list[Path]:
    cases = []
    for path in ARTICLES:
        try:
            doc = Document.from_bytes(path.read_bytes(), str(path))
        except ValueError:
            continue
        if _well_formed(doc):
            cases.append(path)
    return cases


CASES = _cases()


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_agrees_with_python_frontmatter(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = Document(text, str(path))
    try:
        post = frontmatter.loads(text)
    except Exception:  # it refuses something we parsed (e.g. a tab libyaml accepts): no opinion
        pytest.skip("python-frontmatter cannot read it")
    assert _same(doc.meta, post.metadata), (doc.meta, post.metadata)
    assert doc.text[doc.body_start:].strip() == post.content.strip()
