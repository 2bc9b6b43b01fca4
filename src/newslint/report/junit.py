"""``--format junit``: JUnit XML (the Ant/Jenkins dialect CI servers read as a test report).

``<testsuites>`` holds one ``<testsuite>`` per checked file (named by its path); each finding
is a ``<testcase>`` with a ``<failure>`` whose ``type`` is the rule ID, whose ``message`` is the
finding's message and whose text is the finding as the text format shows it; a clean file is
one passing test case. Counts (``tests``, ``failures``, ``errors``, ``skipped``) add up at both
levels; NL999 (a rule crashed) is an ``<error>``. Characters XML 1.0 cannot carry are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from . import Run

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def junit_tree(run: "Run") -> ET.Element:
    """The <testsuites> element of a run."""
    from .text import _snippet

    root = ET.Element("testsuites", name="newslint")
    total = failed = errored = 0
    for r in run.results:
        suite = ET.SubElement(root, "testsuite", name=_clean(r.path))
        failures = errors = 0
        if not r.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=_clean(r.path), time="0")
        for f in r.findings:
            case = ET.SubElement(suite, "testcase", name=_clean(f"{f.rule} [{f.name}] at {f.line}:{f.column}"),
                                 classname=_clean(r.path), time="0")
            kind = "error" if f.rule == "NL999" else "failure"
            if kind == "error":
                errors += 1
            else:
                failures += 1
            body = f"{r.path}:{f.line}:{f.column}: {f.rule} [{f.name}] {f.message} ({f.severity})\n"
            source = r.lines.get(f.line)
            if source is not None:
                body += _snippet(source, f, lambda text, **_: text)
            if f.fix is not None:
                body += f"{'':>6}= {'fix' if f.fix.safe else 'unsafe fix'}: {f.fix.title}\n"
            node = ET.SubElement(case, kind, message=_clean(f.message), type=f.rule)
            node.text = _clean(body)
        tests = max(len(r.findings), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        suite.set("time", "0")
        total += tests
        failed += failures
        errored += errors
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(errored))
    root.set("time", "0")
    return root


def write_junit(run: "Run", out: IO[str]) -> None:
    """Write the run as a JUnit XML document."""
    tree = junit_tree(run)
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree, encoding="unicode"))
    out.write("\n")
