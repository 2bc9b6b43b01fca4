"""--changed-since REF: only files changed since a git ref (committed, staged, unstaged, untracked)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import newslint_command

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

BAD = "---\ntitle: x\n---\n\nWord , word.\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    env.pop("GIT_DIR", None)
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*newslint_command(), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=120)


def linted(repo: Path, *args: str) -> set[str]:
    r = run("check", "--select", "NL102", "--format", "json", *args, cwd=repo)
    assert r.returncode in (0, 1), r.stderr
    return {rec["path"] for rec in json.loads(r.stdout)}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    for name in ("committed", "staged", "unstaged", "renamed", "deleted", "untouched"):
        (tmp_path / f"{name}.md").write_text(BAD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    git(tmp_path, "switch", "-q", "-c", "feature")
    (tmp_path / "committed.md").write_text(BAD + "\nMore , text.\n", encoding="utf-8")
    git(tmp_path, "mv", "renamed.md", "renamed-now.md")
    git(tmp_path, "rm", "-q", "deleted.md")
    git(tmp_path, "commit", "-q", "-am", "work")
    (tmp_path / "staged.md").write_text(BAD + "\nStaged , text.\n", encoding="utf-8")
    git(tmp_path, "add", "staged.md")
    (tmp_path / "unstaged.md").write_text(BAD + "\nUnstaged , text.\n", encoding="utf-8")
    (tmp_path / "untracked.md").write_text(BAD, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("ignored.md\n", encoding="utf-8")
    (tmp_path / "ignored.md").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_changed_files_only(repo: Path) -> None:
    assert linted(repo, "--changed-since", "base") == {
        "committed.md", "staged.md", "unstaged.md", "renamed-now.md", "untracked.md"}
    assert "untouched.md" in linted(repo)


def test_merge_base_semantics_ignore_work_on_the_other_branch(repo: Path) -> None:
    git(repo, "stash", "-q", "--all")
    git(repo, "switch", "-q", "main")
    (repo / "untouched.md").write_text(BAD + "\nOn main , later.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "switch", "-q", "feature")
    # `main` moved after the branch left it: its own change is not this branch's change
    assert linted(repo, "--changed-since", "main") == {"committed.md", "renamed-now.md"}


def test_paths_still_narrow_the_run(repo: Path) -> None:
    (repo / "sub").mkdir()
    (repo / "sub" / "new.md").write_text(BAD, encoding="utf-8")
    assert linted(repo, "--changed-since", "base", "sub") == {"sub/new.md"}
    assert linted(repo, "--changed-since", "base", "untouched.md") == set()


def test_nothing_changed(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "all")
    r = run("check", "--changed-since", "HEAD", cwd=repo)
    assert r.returncode == 0 and "No files to check." in r.stdout


def test_unknown_ref_is_a_usage_error(repo: Path) -> None:
    r = run("check", "--changed-since", "no-such-branch", cwd=repo)
    assert r.returncode == 2 and "git does not know the revision `no-such-branch`" in r.stderr


def test_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    r = subprocess.run([*newslint_command(), "check", "--changed-since", "main", "."], cwd=tmp_path,
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2
    assert "--changed-since works inside a git repository" in r.stderr and str(tmp_path) in r.stderr
