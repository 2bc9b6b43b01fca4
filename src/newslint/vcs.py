"""Which files changed since a git ref, for ``newslint check --changed-since REF``.

"Changed" is what a pull request would show plus what is not committed yet: the files that
differ between the merge base of REF and HEAD and the working tree (committed since the branch
left REF, staged, or unstaged), renamed files under their new name, and new files git does not
ignore yet (untracked). Deleted files are left out. git runs as a subprocess; outside a
repository, or with a ref git does not know, the error says so (exit code 2).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not in a repository, or the ref is unknown (exit code 2)."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              errors="surrogateescape", env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"})
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def changed_files(ref: str, where: Path) -> set[Path]:
    """Absolute paths of the files changed since ``ref`` in the repository that holds ``where``."""
    folder = where if where.is_dir() else where.parent
    folder = Path(os.path.abspath(folder))
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    except GitError as exc:
        raise GitError(f"--changed-since works inside a git repository; {folder} is not in one ({exc})") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], top).strip()
    except GitError:
        try:  # no common history, or HEAD has no commit yet: compare with the ref itself
            base = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top).strip()
        except GitError:
            raise GitError(f"--changed-since: git does not know the revision `{ref}`") from None
    diff = _git(["diff", "--name-only", "-z", "--no-ext-diff", "-M", "--diff-filter=ACMRT", base, "--"], top)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return {Path(os.path.abspath(top / n)) for n in names}
