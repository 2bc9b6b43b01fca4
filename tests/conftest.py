"""Shared helpers: annotated fixtures and a way to lint text with a config."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings as hypothesis_settings

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Property tests are deterministic in the suite (the same examples on every run and machine), so a
# red CI always means a change broke something. NEWSLINT_HYPOTHESIS=explore draws new examples
# (tests/fuzz/run uses it) to look for bugs the fixed ones miss.
hypothesis_settings.register_profile("deterministic", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", database=None)
hypothesis_settings.load_profile(os.environ.get("NEWSLINT_HYPOTHESIS", "deterministic"))

FIXTURES = Path(__file__).parent / "fixtures"

# `<!-- expect: NL102, NL103 -->` at the end of a body line, `# expect: NL001` in front matter;
# `expect@7: NL010` names line 7 instead of the comment's own line (the opening fence, say).
_EXPECT = re.compile(r"(?:<!--|#)\s*expect(?:@(\d+))?:\s*([A-Za-z0-9_,/\s-]+?)\s*(?:-->|$)", re.M)


def expectations(text: str) -> Counter[tuple[int, str]]:
    """The (line, rule) multiset a fixture's comments ask for."""
    found: Counter[tuple[int, str]] = Counter()
    for m in _EXPECT.finditer(text):
        line = int(m.group(1)) if m.group(1) else text.count("\n", 0, m.start()) + 1
        for rule in re.split(r"[,\s]+", m.group(2).strip()):
            if rule:
                found[(line, rule)] += 1
    return found


def fixture_settings(fixture: Path):
    """Settings for a fixture: its same-name .toml config if there is one, rooted at its folder."""
    from newslint import config, engine

    toml = fixture.with_suffix(".toml")
    if toml.exists():
        cfg = config.load(toml)
    else:
        cfg = config.Config(root=fixture.parent)
    return engine.settings(cfg)


@pytest.fixture
def lint():
    """lint(text, **config_table) -> findings, with a config built from keyword arguments."""
    from newslint import config, engine
    from newslint.document import Document

    def run(text: str, path: str | None = None, **table):
        cfg = config.from_mapping({k.replace("_", "-"): v for k, v in table.items()}, root=Path.cwd())
        st = engine.settings(cfg)
        return engine.run_rules(Document(text, path, **st.document_options), st)

    return run


def newslint_command() -> list[str]:
    """The installed console script, next to the running interpreter."""
    script = Path(sys.executable).parent / "newslint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newslint"]


# -- markdown-it, stock and with mdblock's shortcuts (tests/test_speedups.py, test_mdblock.py) --


def _block_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(footnote_plugin)
    md.disable(["footnote_tail", "inline"])
    return md


def block_parsers() -> tuple[MarkdownIt, MarkdownIt]:
    """(stock markdown-it as newslint configures it, the same with mdblock installed)."""
    from newslint.mdblock import install

    return _block_parser(), install(_block_parser())


def block_tokens(md: MarkdownIt, text: str) -> tuple[list[tuple], dict]:
    """Every field of every block token, and the env (link references): what must not change."""
    env: dict = {}
    toks = md.parse(text, env)
    return [(t.type, t.tag, t.nesting, t.attrs, t.map, t.level, t.children, t.content, t.markup, t.info, t.meta,
             t.block, t.hidden) for t in toks], env
