"""The CI output formats, each checked against its format's own rules.

SARIF against the OASIS SARIF 2.1.0 schema, GitLab Code Quality against the fields GitLab
requires, JUnit against an XSD of the dialect CI servers read, GitHub workflow commands against
the Actions toolkit's escaping. Findings come from the real engine on real files, plus a few
built by hand for the cases no built-in rule produces yet (unsafe fixes, spans over lines,
messages with newlines and percent signs).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import newslint_command
from newslint import config, engine, report
from newslint.document import Document
from newslint.engine import FileResult
from newslint.model import Edit, Finding, Fix
from newslint.report.github import escape_data, escape_property

DATA = Path(__file__).parent / "data"
SELECT = ["NL001", "NL002", "NL102", "NL103"]
BAD = "---\ntitle: x\n---\n\nMedinsky , said it  twice.\n"


def _run_on(tmp_path: Path, files: dict[str, str]) -> report.Run:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    st = engine.settings(config.Config(root=tmp_path, select=tuple(SELECT)))
    paths = sorted(tmp_path / n for n in files)
    results = list(engine.lint_paths(paths, st))
    for r, p in zip(results, paths):
        r.path = p.relative_to(tmp_path).as_posix()
    return report.Run(results, rules=st.rules, catalog=st.available, files_checked=len(paths), root=tmp_path)


def _handmade() -> FileResult:
    """A result with an unsafe fix, a span over two lines and a message with awkward characters."""
    text = "---\ntitle: x\n---\n\nSay “hello,\nworld” 100% sure: yes.\n"
    doc = Document(text, "odd, name: 1.md")
    start = text.index("“")
    findings = [
        engine.stamp(doc, Finding(start, text.index("”") + 1, "quote spans lines;\nkeep it on one, 100%: ok",
                                  rule="NL999", name="internal-error", severity="error")),
        engine.stamp(doc, Finding(text.index("100%"), text.index("100%") + 4, "percent: 50% off",
                                  Fix((Edit(text.index("100%"), text.index("100%") + 4, "100 percent"),
                                       Edit(len(text) - 1, len(text) - 1, " Really.")),
                                      "Spell out the percent", safe=False),
                                  rule="NL103", name="repeated-space", severity="info")),
    ]
    r = FileResult("odd, name: 1.md", findings)
    engine._finish(r, doc, findings)
    return r


@pytest.fixture
def run(tmp_path: Path) -> report.Run:
    return _run_on(tmp_path, {
        "content/bad.md": BAD,
        "content/good.md": "---\ntitle: x\n---\n\nFine.\n",
        "content/broken.md": "---\ntitle: [unclosed\n---\n\nText.\n",
        "content/ünïcode café.md": "---\ntitle: x\n---\n\nCafé , au lait.\n",
    })


def _render(fmt: str, run: report.Run) -> str:
    out = io.StringIO()
    report.write(fmt, run, out)
    return out.getvalue()


# -- SARIF ------------------------------------------------------------------------------------

SARIF_SCHEMA = json.loads((DATA / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def _validate_sarif(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_sarif_validates_and_carries_rules_help_and_fixes(run: report.Run) -> None:
    log = json.loads(_render("sarif", run))
    _validate_sarif(log)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["NL001", "NL002", "NL102", "NL103"]
    nl102 = rules[2]
    assert nl102["name"] == "space-before-punctuation"
    assert nl102["shortDescription"]["text"].startswith("Space before punctuation")
    assert "Bad:" in nl102["help"]["text"] and "Good:" in nl102["help"]["text"]
    assert nl102["defaultConfiguration"]["level"] == "warning"
    results = sarif_run["results"]
    by_rule = {}
    for res in results:
        by_rule.setdefault(res["ruleId"], []).append(res)
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["partialFingerprints"]["newslint/v1"]
    assert by_rule["NL001"][0]["level"] == "error"
    bad = [r for r in by_rule["NL102"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
           == "content/bad.md"][0]
    loc = bad["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert loc["region"] == {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 11}
    (fix,) = bad["fixes"]
    assert fix["description"]["text"] == "Delete the space"
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "content/bad.md"
    assert change["replacements"] == [{"deletedRegion": {"startLine": 5, "startColumn": 9, "endLine": 5,
                                                         "endColumn": 10}, "insertedContent": {"text": ""}}]
    # a path that is not a plain URI is percent-encoded
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "content/%C3%BCn%C3%AFcode%20caf%C3%A9.md" in uris


def test_sarif_relative_uris_are_uri_references(run: report.Run) -> None:
    from rfc3986_validator import validate_rfc3986

    log = json.loads(_render("sarif", run))
    for res in log["runs"][0]["results"]:
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert validate_rfc3986(uri, rule="URI_reference"), uri


def test_sarif_unsafe_fix_multiline_span_and_unknown_rule() -> None:
    run = report.Run([_handmade()], rules=[], catalog=engine.settings().available, files_checked=1)
    log = json.loads(_render("sarif", run))
    _validate_sarif(log)
    results = log["runs"][0]["results"]
    spanning = results[0]
    assert spanning["ruleId"] == "NL999" and spanning["level"] == "error"
    assert spanning["locations"][0]["physicalLocation"]["region"]["endLine"] == 6
    unsafe = results[1]
    assert unsafe["level"] == "note"
    (fix,) = unsafe["fixes"]
    assert fix["properties"]["applicability"] == "unsafe" and "(unsafe)" in fix["description"]["text"]
    replacements = fix["artifactChanges"][0]["replacements"]
    assert [r["insertedContent"]["text"] for r in replacements] == ["100 percent", " Really."]
    assert replacements[1]["deletedRegion"]["startColumn"] == replacements[1]["deletedRegion"]["endColumn"]
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    # a file outside the working folder is an absolute file URI
    outside = _handmade()
    outside.path = "/srv/site/content/a b.md"
    log = json.loads(_render("sarif", report.Run([outside], files_checked=1)))
    _validate_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///srv/site/content/a%20b.md"}
    # a rule not in the catalog is still described
    run = report.Run([_handmade()], rules=[], catalog=[], files_checked=1)
    _validate_sarif(json.loads(_render("sarif", run)))


def test_sarif_of_the_examples_validates_through_the_cli() -> None:
    root = Path(__file__).parents[1]
    r = subprocess.run([*newslint_command(), "check", "--format", "sarif", "examples/content", "tests/data"],
                       cwd=root, capture_output=True, text=True, timeout=120)
    assert r.returncode in (0, 1), r.stderr
    log = json.loads(r.stdout)
    _validate_sarif(log)
    assert log["runs"][0]["results"], "the examples have findings"


def test_sarif_empty_run_validates(tmp_path: Path) -> None:
    run = _run_on(tmp_path, {"a.md": "---\ntitle: x\n---\n\nFine.\n"})
    log = json.loads(_render("sarif", run))
    _validate_sarif(log)
    assert log["runs"][0]["results"] == []


# -- GitHub workflow commands -----------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:\n]*)(?:,[A-Za-z]+=[^,:\n]*)*)::([^\r\n]*)$")


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        m = COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        out.append((m.group(1), props, m.group(3)))
    return out


def test_github_annotations(run: report.Run) -> None:
    cmds = _commands(_render("github", run))
    bad = [c for c in cmds if c[1]["file"] == "content/bad.md"]
    assert bad[0] == ("warning", {"file": "content/bad.md", "line": "5", "col": "9", "endLine": "5",
                                  "endColumn": "11", "title": "NL102"}, "space before ','")
    assert any(level == "error" and props["title"] == "NL001" for level, props, _ in cmds)


def test_github_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    run = report.Run([_handmade()], files_checked=1)
    cmds = _commands(_render("github", run))
    spanning, unsafe = cmds
    assert spanning[0] == "error" and "col" not in spanning[1] and "endColumn" not in spanning[1]
    assert spanning[1]["file"] == "odd%2C name%3A 1.md"
    assert spanning[2] == "quote spans lines;%0Akeep it on one, 100%25: ok"
    assert unsafe[0] == "notice" and unsafe[2] == "percent: 50%25 off"


# -- JUnit ------------------------------------------------------------------------------------


def _validate_junit(text: str) -> ET.Element:
    import xmlschema

    schema = xmlschema.XMLSchema(str(DATA / "junit.xsd"))
    schema.validate(text)
    root = ET.fromstring(text)
    suites = root.findall("testsuite")
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
    for key in ("tests", "failures", "errors"):
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)
    return root


def test_junit_validates_and_counts_add_up(run: report.Run) -> None:
    text = _render("junit", run)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = _validate_junit(text)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"content/bad.md", "content/good.md", "content/broken.md", "content/ünïcode café.md"}
    assert suites["content/good.md"].get("failures") == "0" and suites["content/good.md"].get("tests") == "1"
    failures = suites["content/bad.md"].findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["NL102", "NL103"]
    assert failures[0].get("message") == "space before ','"
    assert "content/bad.md:5:9: NL102" in failures[0].text and "fix: Delete the space" in failures[0].text


def test_junit_escapes_and_drops_what_xml_cannot_carry() -> None:
    r = _handmade()
    r.findings.append(Finding(0, 0, "bad\x00byte & <tag> \"q\"", rule="NL000", name="unreadable-file",
                              severity="error", line=1, column=1, end_line=1, end_column=1))
    root = _validate_junit(_render("junit", report.Run([r], files_checked=1)))
    suite = root.find("testsuite")
    assert suite.get("errors") == "1" and suite.get("failures") == "2"
    messages = [n.get("message") for n in suite.iter() if n.tag in ("failure", "error")]
    assert "badbyte & <tag> \"q\"" in messages


# -- GitLab Code Quality ----------------------------------------------------------------------


def _validate_gitlab(issues: list) -> None:
    schema = json.loads((DATA / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(issues)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints), "fingerprints must be unique in a report"


def test_gitlab_code_quality(run: report.Run) -> None:
    issues = json.loads(_render("gitlab", run))
    _validate_gitlab(issues)
    first = [i for i in issues if i["location"]["path"] == "content/bad.md"][0]
    assert first["check_name"] == "NL102" and first["severity"] == "minor"
    assert first["location"]["lines"] == {"begin": 5, "end": 5}
    assert "space before ','" in first["description"]
    assert any(i["severity"] == "major" for i in issues)  # the front-matter error


def test_gitlab_fingerprints_unique_for_identical_findings_and_stable_across_edits(tmp_path: Path) -> None:
    twice = "---\ntitle: x\n---\n\nWord , word.\n\nWord , word.\n"
    first = json.loads(_render("gitlab", _run_on(tmp_path, {"a.md": twice})))
    _validate_gitlab(first)
    assert len(first) == 2
    moved = json.loads(_render("gitlab", _run_on(tmp_path, {"a.md": twice.replace("---\n\n", "---\n\nNew lead.\n\n")})))
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]
    assert [i["location"]["lines"]["begin"] for i in moved] == [7, 9]


# -- the formats through the real console script ------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "gitlab", "json"])
def test_cli_formats_exit_codes(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    cmd = [*newslint_command(), "check", "--select", "NL102,NL103", "--format", fmt, "bad.md"]
    r = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stderr == ""
    assert "NL102" in r.stdout
    r = subprocess.run([*cmd, "--exit-zero"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0
