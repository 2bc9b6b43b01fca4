"""`newslint init`: a commented starter config that validates, and the pre-commit snippet."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from conftest import newslint_command
from newslint import config, engine

ROOT = Path(__file__).parents[1]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*newslint_command(), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_init_writes_a_valid_commented_config(tmp_path: Path) -> None:
    r = run("init", cwd=tmp_path)
    assert r.returncode == 0 and "Wrote newslint.toml" in r.stdout
    text = (tmp_path / "newslint.toml").read_text(encoding="utf-8")
    assert text.count("\n# ") > 20, "explained by comments"
    engine.settings(config.load(tmp_path / "newslint.toml"))
    assert not (tmp_path / ".pre-commit-config.yaml").exists()


def test_every_commented_setting_is_valid_when_switched_on(tmp_path: Path) -> None:
    run("init", cwd=tmp_path)
    text = (tmp_path / "newslint.toml").read_text(encoding="utf-8")
    setting = re.compile(r'^# ((?:\[rules\.[a-z0-9-]+\])|(?:"[^"]+"|[a-z-]+) = .*)$', re.M)
    switched = setting.sub(r"\1", text)
    assert switched.count("[rules.") == text.count("# [rules.") > 0
    (tmp_path / "newslint.toml").write_text(switched, encoding="utf-8")
    cfg = config.load(tmp_path / "newslint.toml")
    st = engine.settings(cfg)
    assert cfg.select == ("ALL",) and cfg.per_file_ignores
    assert {r.id for r in st.rules} >= {"NL102", "NL103"}


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text("# mine\n", encoding="utf-8")
    r = run("init", cwd=tmp_path)
    assert r.returncode == 2 and "newslint.toml already exists; not overwriting" in r.stderr
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    r = run("init", "--pre-commit", cwd=tmp_path)
    assert r.returncode == 2 and "--print-pre-commit" in r.stderr
    assert (tmp_path / "newslint.toml").read_text(encoding="utf-8") == "# mine\n"
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"


def test_init_pre_commit_adds_the_hooks_to_a_configured_project(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text("# mine\n", encoding="utf-8")
    r = run("init", "--pre-commit", cwd=tmp_path)
    assert r.returncode == 0 and "Kept the existing" in r.stdout, r.stderr
    assert (tmp_path / "newslint.toml").read_text(encoding="utf-8") == "# mine\n"
    assert {h["id"] for repo in yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
            for h in repo["hooks"]} <= _hook_ids()


def _hook_ids() -> set[str]:
    return {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_init_pre_commit_writes_a_config_pre_commit_accepts(tmp_path: Path) -> None:
    from pre_commit.clientlib import load_config

    r = run("init", "--pre-commit", cwd=tmp_path)
    assert r.returncode == 0 and "Wrote .pre-commit-config.yaml" in r.stdout
    load_config(str(tmp_path / ".pre-commit-config.yaml"))  # raises on an invalid config
    data = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = data["repos"]
    assert {h["id"] for h in repo["hooks"]} <= _hook_ids()
    assert repo["rev"].startswith("v")
    r = run("init", "--pre-commit", cwd=tmp_path)
    assert r.returncode == 2 and "--print-pre-commit" in r.stderr


def test_print_pre_commit_writes_nothing(tmp_path: Path) -> None:
    r = run("init", "--print-pre-commit", cwd=tmp_path)
    assert r.returncode == 0 and "- id: newslint-fix" in r.stdout
    assert list(tmp_path.iterdir()) == []
    snippet = yaml.safe_load("repos:\n" + r.stdout)
    assert {h["id"] for h in snippet["repos"][0]["hooks"]} <= _hook_ids()


def test_hook_manifest_is_valid_and_as_documented() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"newslint", "newslint-fix", "newslint-names"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types_or"] == ["markdown", "mdx"] and hook["require_serial"]
    assert hooks["newslint"]["entry"].startswith("newslint check --force-exclude")
    assert hooks["newslint-fix"]["entry"].startswith("newslint check --fix --force-exclude")
    assert hooks["newslint-names"]["pass_filenames"] is False
    assert "--cross-file=only" in hooks["newslint-names"]["entry"]


def test_option_keys_and_values_render_as_toml() -> None:
    from newslint.starter import _toml_key, _toml_value

    import tomllib

    for key, value in [("marks", ",.;:!?\\\"\u00a0"), ("max.words", 3), ("ratio", 0.5), ("on", True),
                       ("names", ["Kyiv", "Odesa"])]:
        assert tomllib.loads(f"{_toml_key(key)} = {_toml_value(value)}") == {key: value}
    assert _toml_value({"a": 1}) is None and _toml_value(None) is None
