"""The real pre-commit, running this checkout's hooks on a temporary repository of articles.

pre-commit clones this repository at its HEAD commit (so the test checks what is committed,
as CI does on a clean checkout), pip-installs newslint into its own environment and runs the
hooks. That needs git and the package index: skip it offline with ``-m "not precommit"``.
The environment is built once per test session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.precommit

ROOT = Path(__file__).resolve().parents[1]
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}

BAD = "---\ntitle: Talks\n---\n\nMedinsky , said it  twice.\n"
FIXED = "---\ntitle: Talks\n---\n\nMedinsky, said it twice.\n"
NO_FRONT_MATTER = "Talks resumed.\n"  # NL002: reported, not fixable
GOOD = "---\ntitle: Fine\n---\n\nAll fine.\n"
# An Astro/MDX article: its import line and expression hold ' , ' that is code, not prose
MDX = "---\ntitle: Chart\n---\nimport Chart from './Chart.astro';\n\nThe rate {rate , 2} rose , a lot.\n"
MDX_FIXED = "---\ntitle: Chart\n---\nimport Chart from './Chart.astro';\n\nThe rate {rate , 2} rose, a lot.\n"


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def _head() -> str | None:
    """This checkout's HEAD commit, when it is a git checkout whose HEAD has the hook manifest."""
    if shutil.which("git") is None:
        return None
    try:
        sha = _git(ROOT, "rev-parse", "HEAD").strip()
        _git(ROOT, "cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml")
    except subprocess.CalledProcessError:
        return None
    return sha


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pre_commit")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    sha = _head()
    if sha is None:
        pytest.skip("needs git and a git checkout of newslint with .pre-commit-hooks.yaml committed")
    repo = tmp_path / "site"
    (repo / "content" / "drafts").mkdir(parents=True)
    (repo / "content" / "bad.md").write_text(BAD, encoding="utf-8")
    (repo / "content" / "no-front-matter.md").write_text(NO_FRONT_MATTER, encoding="utf-8")
    (repo / "content" / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "content" / "chart.mdx").write_text(MDX, encoding="utf-8")
    (repo / "content" / "drafts" / "draft.md").write_text(BAD, encoding="utf-8")
    (repo / "notes.txt").write_text("Not , an article.\n", encoding="utf-8")
    # a fixed set of rules, so rules added to newslint later do not change what this test sees
    (repo / "newslint.toml").write_text('select = ["NL001", "NL002", "NL102", "NL103"]\n'
                                        'exclude = ["content/drafts/**"]\n', encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {sha}\n    hooks:\n"
        "      - id: newslint-fix\n      - id: newslint\n      - id: newslint-names\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def _pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", "-A")  # pre-commit stashes unstaged changes; keep everything staged
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home), NO_COLOR="1", PIP_NO_INPUT="1")
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", *args], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=900)


def _status(output: str, name: str) -> str:
    for line in output.splitlines():
        if line.startswith(name + "...") or line.startswith(name + " ."):
            return line.rsplit(".", 1)[-1].strip()
    raise AssertionError(f"no status line for {name!r} in:\n{output}")


def test_hooks_report_fix_and_pass(articles: Path, pre_commit_home: Path) -> None:
    repo = articles
    # 1. the checking hook fails, reports, and changes nothing; excludes and non-Markdown hold
    r = _pre_commit(repo, pre_commit_home, "newslint", "--all-files")
    assert r.returncode == 1, r.stdout + r.stderr
    assert _status(r.stdout, "newslint") == "Failed"
    assert "content/bad.md:5:9: NL102 [space-before-punctuation]" in r.stdout
    assert "content/no-front-matter.md:1:1: NL002" in r.stdout
    assert "draft.md" not in r.stdout and "notes.txt" not in r.stdout
    assert (repo / "content" / "bad.md").read_text(encoding="utf-8") == BAD
    assert [line.split(": ")[0] for line in r.stdout.splitlines() if line.startswith("content/chart.mdx:")] \
        == ["content/chart.mdx:6:25"], r.stdout  # the hook runs on .mdx; only the prose comma is reported

    # 2. all hooks: the fix hook fixes, exits non-zero, and reports what is left
    r = _pre_commit(repo, pre_commit_home, "--all-files")
    assert r.returncode == 1, r.stdout + r.stderr
    assert _status(r.stdout, "newslint (fix)") == "Failed"
    assert "Fixed 3 findings in 2 files." in r.stdout
    assert (repo / "content" / "bad.md").read_text(encoding="utf-8") == FIXED
    assert (repo / "content" / "chart.mdx").read_text(encoding="utf-8") == MDX_FIXED
    assert (repo / "content" / "drafts" / "draft.md").read_text(encoding="utf-8") == BAD, "excluded stays as is"
    assert (repo / "content" / "no-front-matter.md").read_text(encoding="utf-8") == NO_FRONT_MATTER
    assert _status(r.stdout, "newslint (across articles)") == "Passed"

    # 3. what cannot be fixed still fails the fix hook, without modifying anything
    r = _pre_commit(repo, pre_commit_home, "newslint-fix", "--all-files")
    assert r.returncode == 1 and "files were modified" not in r.stdout.lower()
    assert "content/no-front-matter.md:1:1: NL002" in r.stdout

    # 4. once the article is repaired by hand, every hook passes
    (repo / "content" / "no-front-matter.md").write_text("---\ntitle: Talks\n---\n\n" + NO_FRONT_MATTER,
                                                         encoding="utf-8")
    r = _pre_commit(repo, pre_commit_home, "--all-files")
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("newslint (fix)", "newslint", "newslint (across articles)"):
        assert _status(r.stdout, name) == "Passed"


def test_fix_hook_on_staged_files_only(articles: Path, pre_commit_home: Path) -> None:
    """A normal commit: pre-commit passes only the staged Markdown files by name."""
    repo = articles
    _git(repo, "commit", "-q", "-m", "articles", "--no-verify")
    (repo / "content" / "good.md").write_text(GOOD.replace("All fine.", "All  fine , now."), encoding="utf-8")
    r = _pre_commit(repo, pre_commit_home, "newslint-fix")
    assert r.returncode == 1 and "Fixed 2 findings in 1 file." in r.stdout
    assert (repo / "content" / "good.md").read_text(encoding="utf-8") == GOOD.replace("All fine.", "All fine, now.")
    assert "bad.md" not in r.stdout, "files not staged are not linted"
