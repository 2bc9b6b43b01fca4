"""Python plugins: a real package is installed (offline) and its rules run beside the built-ins.

The demo plugin in tests/plugins/newslint-demo-plugin is packed into a wheel here (a wheel is
a zip with a .dist-info; building it by hand needs no build backend and no network) and
installed with pip into a temporary folder that goes on sys.path, so the test environment
itself is never changed and nothing needs uninstalling: the folder is removed afterwards.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest

from conftest import newslint_command
from newslint import config, engine, plugins
from newslint.config import ConfigError
from newslint.document import Document
from newslint.model import Rule

import tomllib

PLUGIN_SRC = Path(__file__).parent / "plugins" / "newslint-demo-plugin"
PACKAGE = "newslint_demo_plugin"
ARTICLE = "---\ntitle: Council meets\n---\n\nThe council said THIS IS NOT ACCEPTABLE on Monday.\n"


def build_wheel(out: Path) -> Path:
    """The demo plugin as a wheel, from its pyproject.toml and sources."""
    meta = tomllib.loads((PLUGIN_SRC / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = meta["name"], meta["version"]
    dist_info = f"{name.replace('-', '_')}-{version}.dist-info"
    files = {f"{PACKAGE}/{p.name}": p.read_bytes() for p in sorted((PLUGIN_SRC / PACKAGE).glob("*.py"))}
    eps = meta["entry-points"]
    files[f"{dist_info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: newslint-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{dist_info}/entry_points.txt"] = "".join(
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in table.items()) + "\n" for group, table in eps.items()).encode()
    record = [f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}"
              for path, data in files.items()]
    files[f"{dist_info}/RECORD"] = ("\n".join(record + [f"{dist_info}/RECORD,,"]) + "\n").encode()
    wheel = out / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for path, data in files.items():
            zf.writestr(path, data)
    return wheel


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the demo plugin pip-installed into it (no index, no network)."""
    root = tmp_path_factory.mktemp("plugin")
    wheel = build_wheel(root)
    target = root / "site"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps",
                             "--disable-pip-version-check", "--quiet", "--target", str(target), str(wheel)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (target / PACKAGE / "no_shouting.py").is_file()
    yield target
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def installed(site: Path, monkeypatch: pytest.MonkeyPatch):
    """The plugin importable in this process for one test; forgotten afterwards."""
    monkeypatch.syspath_prepend(str(site))
    plugins.clear_cache()
    yield site
    plugins.clear_cache()
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


def test_plugin_rules_run_beside_the_built_ins(installed: Path, tmp_path: Path) -> None:
    st = engine.settings(config.Config(root=tmp_path))
    by_id = {r.id: r for r in st.available}
    shout = by_id["DEMO101"]
    assert shout.name == "no-shouting" and shout.fixable and shout.origin.startswith("plugin newslint-demo-plugin 0.1.0")
    assert "Bad:" in shout.doc and shout.defaults == {"min-words": 3}
    found = engine.run_rules(Document(ARTICLE, "a.md", **st.document_options), st)
    shouting = [f for f in found if f.rule == "DEMO101"]
    assert [(f.line, f.fragment) for f in shouting] == [(5, "THIS IS NOT ACCEPTABLE")]
    assert shouting[0].fix is not None and not shouting[0].fix.safe


def test_a_plugin_rule_that_raises_is_isolated(installed: Path, tmp_path: Path) -> None:
    st = engine.settings(config.Config(root=tmp_path))
    found = engine.run_rules(Document(ARTICLE, "a.md", **st.document_options), st)
    errors = [f for f in found if f.rule == "NL999"]
    assert len(errors) == 1 and "DEMO199 (always-fails)" in errors[0].message and "KeyError" in errors[0].message
    assert any(f.rule == "DEMO101" for f in found), "the other rules still ran"


def test_plugin_rules_take_options_severity_and_selectors(installed: Path, tmp_path: Path) -> None:
    cfg = config.from_mapping({"ignore": ["always-fails"], "rules": {"no-shouting": {"min-words": 5, "severity": "error"}}},
                              root=tmp_path)
    st = engine.settings(cfg)
    assert not engine.run_rules(Document(ARTICLE, **st.document_options), st)  # 4 words < 5
    doc = Document(ARTICLE.replace("ACCEPTABLE", "ACCEPTABLE AT ALL"), **st.document_options)
    assert [(f.rule, f.severity) for f in engine.run_rules(doc, st)] == [("DEMO101", "error")]
    with pytest.raises(ConfigError, match="unknown option `min-word`"):
        engine.settings(config.from_mapping({"rules": {"DEMO101": {"min-word": 2}}}, root=tmp_path))


def test_cli_lists_and_runs_plugin_rules(site: Path, tmp_path: Path) -> None:
    env = _env(PYTHONPATH=str(site))
    listing = subprocess.run(newslint_command() + ["rules"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert listing.returncode == 0, listing.stderr
    assert "plugin newslint-demo-plugin 0.1.0" in listing.stdout and "DEMO101  no-shouting" in listing.stdout
    assert listing.stdout.index("NL102") < listing.stdout.index("DEMO101")
    doc = subprocess.run(newslint_command() + ["rule", "no-shouting"], capture_output=True, text=True, env=env)
    assert "Bad:  The council said THIS IS NOT ACCEPTABLE" in doc.stdout and "min-words = 3" in doc.stdout
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run = subprocess.run(newslint_command() + ["check", "--format", "json", "a.md"], capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert run.returncode == 2, "an internal error (the failing plugin rule) exits 2"
    assert '"rule": "DEMO101"' in run.stdout and '"rule": "NL999"' in run.stdout
    clean = subprocess.run(newslint_command() + ["check", "--ignore", "DEMO199", "a.md"], capture_output=True,
                           text=True, cwd=tmp_path, env=env)
    assert clean.returncode == 1 and "DEMO101 [no-shouting]" in clean.stdout


def _plant(folder: Path, marker: Path) -> None:
    """An article repository that carries a plugin (and a dist-info naming it) in its root."""
    pkg = folder / PACKAGE
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    (pkg / "no_shouting.py").write_text((PLUGIN_SRC / PACKAGE / "no_shouting.py").read_text(encoding="utf-8"))
    info = folder / "planted_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: planted-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[newslint.rules]\nplanted = {PACKAGE}.no_shouting\n", encoding="utf-8")


def test_plugins_never_load_from_the_working_directory(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    marker = tmp_path / "planted-code-ran"
    _plant(repo, marker)
    # `python -m newslint` puts the working directory first on sys.path
    r = subprocess.run([sys.executable, "-m", "newslint", "rules"], capture_output=True, text=True, cwd=repo, env=_env())
    assert r.returncode == 0, r.stderr
    assert "DEMO101" not in r.stdout and "planted" not in r.stdout
    assert not marker.exists()


def test_an_installed_plugin_is_imported_from_its_install_not_the_working_directory(site: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    marker = tmp_path / "shadow-ran"
    _plant(repo, marker)
    r = subprocess.run([sys.executable, "-m", "newslint", "rules"], capture_output=True, text=True, cwd=repo,
                       env=_env(PYTHONPATH=str(site)))
    assert r.returncode == 0, r.stderr
    assert "DEMO101" in r.stdout and "planted" not in r.stdout
    assert not marker.exists(), "the module in the working directory shadowed the installed plugin"


def _module(name: str, **attrs) -> types.ModuleType:
    mod = types.ModuleType(name, attrs.pop("doc", "Doc.\n\nBad: x\nGood: y\n"))
    for k, v in attrs.items():
        setattr(mod, k, v)
    return mod


@pytest.mark.parametrize("attrs,problem", [
    ({"ID": "NL555", "NAME": "mine"}, "reserved for newslint's own rules"),
    ({"ID": "has space", "NAME": "mine"}, "is not letters"),
    ({"ID": "ACME1", "NAME": "Not_Kebab"}, "not kebab-case"),
    ({"ID": "ACME1", "NAME": "mine", "SEVERITY": "fatal"}, "SEVERITY 'fatal'"),
    ({"ID": "ACME1"}, "the rule module lacks NAME"),
])
def test_malformed_plugin_rules_are_config_errors(attrs: dict, problem: str) -> None:
    mod = _module("acme_rule", check=lambda doc, opts: iter(()), **attrs)
    with pytest.raises(ConfigError, match=problem):
        plugins._rules_from(mod, "plugin acme 1.0 (x = acme_rule)")


def test_a_plugin_entry_point_must_name_rules() -> None:
    with pytest.raises(ConfigError, match="expected a rule module, a Rule or a list of them, got int"):
        plugins._rules_from(3, "plugin acme 1.0")


def test_a_plugin_may_export_several_rules_or_rule_objects() -> None:
    a = _module("a", ID="ACME1", NAME="one", check=lambda doc, opts: iter(()))
    b = Rule("ACME2", "two", lambda doc, opts: iter(()))
    rules = plugins._rules_from([a, b], "plugin acme 1.0")
    assert [(r.id, r.origin) for r in rules] == [("ACME1", "plugin acme 1.0"), ("ACME2", "plugin acme 1.0")]


def test_a_plugin_id_that_clashes_is_a_config_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clash = Rule("news-style/misspelling", "mine", lambda doc, opts: iter(()), origin="plugin acme 1.0")
    monkeypatch.setattr(plugins, "plugin_rules", lambda: [clash])
    with pytest.raises(ConfigError, match="`news-style/misspelling` from pack rules/news-style.yaml is already taken by plugin acme"):
        engine.settings(config.Config(root=tmp_path))


def test_a_plugin_that_fails_to_import_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    (site / "broken_plugin").mkdir(parents=True)
    (site / "broken_plugin" / "__init__.py").write_text("raise ImportError('needs numpy')\n", encoding="utf-8")
    info = site / "broken_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[newslint.rules]\nx = broken_plugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    plugins.clear_cache()
    try:
        with pytest.raises(ConfigError, match=r"plugin broken-plugin 1.0 \(x = broken_plugin\) failed to load: "
                                              r"ImportError: needs numpy; fix or uninstall the package"):
            plugins.plugin_rules()
    finally:
        plugins.clear_cache()
        sys.modules.pop("broken_plugin", None)


def test_the_quick_look_for_plugins_sees_only_newslint_entry_points(tmp_path: Path) -> None:
    """Without a distribution that names the newslint group, discovery stops before importlib.metadata;
    with one (or a zip on the path, which it cannot look into), the full discovery runs."""
    other = tmp_path / "other-1.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n", encoding="utf-8")
    (tmp_path / "bare-2.0.dist-info").mkdir()  # no entry points at all
    assert not plugins._may_have_plugins([str(tmp_path), str(tmp_path / "missing")])
    ours = tmp_path / "acme-1.0.dist-info"
    ours.mkdir()
    (ours / "entry_points.txt").write_text(f"[{plugins.GROUP}]\nx = acme.rule\n", encoding="utf-8")
    assert plugins._may_have_plugins([str(tmp_path)])
    archive = tmp_path / "lib.zip"
    zipfile.ZipFile(archive, "w").close()
    assert plugins._may_have_plugins([str(archive)])
