"""The defect-injection harness (bench/evaluate.py): it must damage prose only, say where, and
measure what newslint finds there; and on the seed article newslint must find every defect."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "pentagon-negotiations.md"


@pytest.fixture(scope="module")
def ev():
    spec = importlib.util.spec_from_file_location("newslint_evaluate", ROOT / "bench" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ARTICLE = """---
title: Talks
tags: [a, b]
---

Plain words here, and “quoted words” too.

```
code, here , stays
```

    indented code , too

See [the report](https://example.gov/a,b) and `x , y` and <span>a , b</span>.
"""


def test_prose_reading_skips_code_links_and_html(ev) -> None:
    a = ev.read_article("x.md", ARTICLE)
    prose = "".join(ch if ok else "·" for ch, ok in zip(ARTICLE, a.prose))
    assert "Plain words here, and “quoted words” too." in prose
    assert "code, here" not in prose and "indented code" not in prose
    assert "example.gov" not in prose and "x , y" not in prose and "<span>" not in prose
    assert "title" not in prose[: a.body_start]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_injection_changes_the_text_at_the_line_it_names(ev, seed: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    a = ev.read_article("seed", text)
    for kind, inject in ev.INJECTORS.items():
        inj = inject(a, random.Random(f"{seed}:{kind}"))
        if inj is None:
            continue
        assert inj.damaged != text, kind
        s0, s1 = inj.span
        first = next(i for i, (x, y) in enumerate(zip(text, inj.damaged)) if x != y)
        assert s0 <= first <= max(s1, s0 + 1) + 3, kind  # a deletion may match a few characters more
        assert inj.damaged.count("\n", 0, s0) + 1 == inj.lines[0], kind


def test_the_seed_article_is_evaluated_without_errors(ev) -> None:
    result = ev.evaluate_article((str(SEED), "seed", list(ev.INJECTORS), 0))
    eligible = [r for r in result["records"] if r["eligible"]]
    assert len(eligible) >= 20
    assert all("exact" in r and "converge_safe" in r for r in eligible)


def test_name_across_files_is_found_by_the_cross_file_pass(ev, tmp_path: Path) -> None:
    """The NL153 kind: one article respells a surname that other articles use with the same given
    name; the cross-file pass (run against the other articles' summaries) reports it there."""
    body = "On Monday, {} said the plan was ready. Later, {} added that the team agreed.\n"
    for i in range(3):
        (tmp_path / f"other{i}.md").write_text(
            f"---\ntitle: Other {i}\n---\n\n" + body.format("Brandon Ruffridge", "Ruffridge"), encoding="utf-8")
    text = "---\ntitle: This one\n---\n\n" + body.format("Brandon Ruffridge", "Ruffridge")
    (tmp_path / "this.md").write_text(text, encoding="utf-8")
    ev._build_tree(tmp_path)
    try:
        a = ev.read_article("this.md", text)
        inj = next(i for i in (ev.INJECTORS["name-across-files"](a, random.Random(k)) for k in range(20)) if i)
        assert "Ruffridge" not in inj.damaged and inj.lines == (5,)
        assert not ev.cross_findings(text, str(tmp_path / "this.md"), "this.md")
        found = ev.cross_findings(inj.damaged, str(tmp_path / "this.md"), "this.md")
        assert [f.line for f in found] == [5, 5] and {f.rule for f in found} == {"NL153"}
    finally:
        ev._TREE = None


def test_toml_front_matter_is_neither_prose_nor_fields(ev) -> None:
    """A Hugo/Zola article's TOML block (+++) is front matter: no prose defect goes there (a date
    damaged in it was counted as a prose miss, though newslint reported it, as front matter)."""
    text = '+++\ndate = "2023-09-05"\ntitle = "Welcoming Josh"\n+++\n\nHi all, on 2023-09-05 we met.\n'
    a = ev.read_article("a.md", text)
    assert text[a.body_start:] == "\nHi all, on 2023-09-05 we met.\n" and not a.fm
    assert not any(a.prose[: a.body_start])


def test_null_list_takes_a_block_items_further_lines(ev) -> None:
    """Emptying `images:` takes each item whole (- imgname: board.png⏎  sub: …), not its first line
    only, which left a mapping behind instead of the null list the injection is about."""
    text = "---\ntitle: T\nimages:\n- imgname: board.png\n  sub: Interessierte\n  height: auto\n\n---\n\nBody.\n"
    a = ev.read_article("a.md", text)
    inj = ev.INJECTORS["fm-null-list"](a, random.Random(1))
    assert inj.damaged == "---\ntitle: T\nimages:\n\n---\n\nBody.\n"


MDX = """---
title: Chart
---
import Chart from '../components/Chart.astro';
export const meta = { author: "Jane" };

Spending rose {props.rate}% this year, said {meta.author}.
"""


def test_mdx_esm_lines_and_expressions_are_not_prose(ev) -> None:
    """In an .mdx article the harness damages prose only: not its import/export block, not an
    {expression} (newslint masks them, so a defect there would count as a miss); as .md, they are."""
    a = ev.read_article("post.mdx", MDX)
    kept = "".join(ch for ch, ok in zip(MDX, a.prose) if ok)
    assert kept == "Spending rose % this year, said ."
    md = ev.read_article("post.md", MDX)
    assert "import Chart" in "".join(ch for ch, ok in zip(MDX, md.prose) if ok)
