"""Walking folders: include/exclude globs, nested .gitignore files, nested repositories, order."""

from __future__ import annotations

from pathlib import Path

from newslint import config, files


def write(root: Path, rel: str, text: str = "---\ntitle: x\n---\n") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def found(root: Path, *targets: str, **table) -> list[str]:
    cfg = config.from_mapping(table, root=root)
    return [p.relative_to(root).as_posix() for p in files.discover([root / t for t in targets] or [root], cfg)]


def test_nested_gitignores_and_excludes(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for rel in ["a.md", "b.markdown", "c.txt", "drafts/d.md", "content/e.md", "content/tmp/f.md",
                "content/sub/g.md", "content/sub/h.md", "content/sub/keep.md", "node_modules/x.md",
                "content/a-b/i.md", "content/a/j.md", "vendor/repo/k.md", "vendor/repo/skip/l.md"]:
        write(tmp_path, rel)
    (tmp_path / ".gitignore").write_text("tmp/\n*.log\n", encoding="utf-8")
    (tmp_path / "content" / "sub" / ".gitignore").write_text("h.md\n", encoding="utf-8")
    (tmp_path / "vendor" / "repo" / ".git").mkdir()  # a nested repository: outer ignores stop there
    (tmp_path / "vendor" / "repo" / ".gitignore").write_text("skip/\n", encoding="utf-8")
    (tmp_path / "vendor" / "repo" / "tmp").mkdir()
    write(tmp_path, "vendor/repo/tmp/m.md")
    got = found(tmp_path, exclude=["drafts/**"])
    assert got == ["a.md", "b.markdown", "content/a/j.md", "content/a-b/i.md", "content/e.md",
                   "content/sub/g.md", "content/sub/keep.md", "vendor/repo/k.md", "vendor/repo/tmp/m.md"]
    # walking from a subfolder still sees the ignores of the folders above it
    assert found(tmp_path, "content/sub") == ["content/sub/g.md", "content/sub/keep.md"]
    assert "content/tmp/f.md" not in found(tmp_path, "content")
    assert "drafts/d.md" in found(tmp_path)
    assert "content/tmp/f.md" in found(tmp_path, **{"respect-gitignore": False})


def test_order_is_that_of_path_parts(tmp_path: Path) -> None:
    for rel in ["a/b/c.md", "a/b-c.md", "a/b.md", "A.md", "a.md"]:
        write(tmp_path, rel)
    got = found(tmp_path)
    assert got == sorted(got, key=lambda p: Path(p).parts)
