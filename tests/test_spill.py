"""Results kept on disk between linting and reporting (spill.py), and the streamed JSON report."""

from __future__ import annotations

import io
import json
import pickle
import tracemalloc

from newslint.engine import FileResult
from newslint.model import Finding
from newslint.report.json import finding_record, write_json
from newslint.spill import Spill


def _result(k: int, findings: int = 3) -> FileResult:
    found = [Finding(i, i + 1, f"message {k}.{i} " + "x" * 200, rule="NL102", name="space-before-punctuation",
                     severity="warning", line=i + 1, column=1, end_line=i + 1, end_column=2) for i in range(findings)]
    return FileResult(f"content/{k:05}.md", found, lines={i + 1: f"line {i} of {k}" for i in range(findings)},
                      summaries={"NL153": {f"Name{k % 7}": k}} if k % 2 else {}, digest=f"{k:064x}")


def test_results_come_back_in_index_order_whole_and_twice() -> None:
    spill = Spill()
    order = [5, 0, 3, 1, 4, 2]  # the cache's hits first, then the workers' results: any order
    for k in order:
        spill.put(k, _result(k))
    assert len(spill) == 6 and spill.indexes() == list(range(6))
    first = [(r.path, r.findings, r.lines, r.digest) for r in spill]
    assert first == [(r.path, r.findings, r.lines, r.digest) for r in map(_result, range(6))]
    assert [r.path for r in spill] == [r.path for r in map(_result, range(6))]  # walked again: the same
    assert all(r.summaries == {} for r in spill)  # kept apart
    assert spill.summary_of(3) == {"NL153": {"Name3": 3}} and spill.summary_of(2) == {}
    assert spill.files() == [(f"content/{k:05}.md", f"{k:064x}") for k in range(6)]
    spill.close()


def test_put_leaves_the_callers_result_as_it_was() -> None:
    spill = Spill()
    r = _result(1)
    spill.put(0, r)
    assert r.summaries == {"NL153": {"Name1": 1}}


def test_summaries_mapping_has_only_the_files_with_that_rules_summary() -> None:
    spill = Spill()
    for k in range(10):
        spill.put(k, _result(k))
    names = spill.summaries("NL153")
    assert list(names) == [f"content/{k:05}.md" for k in range(1, 10, 2)]
    assert len(names) == 5 and names["content/00003.md"] == {"Name3": 3}
    assert dict(names.items()) == dict(names.items())  # read again from disk, the same
    assert len(spill.summaries("NL010")) == 0


def test_each_rules_summary_is_read_on_its_own() -> None:
    """Several rules' summaries of one file: each comes back whole, and alone (the cross-file
    pass reads one rule at a time)."""
    spill = Spill()
    for k in range(4):
        r = _result(k)
        r.summaries = {"NL153": {f"Name{k}": k}, "NL007": ["tilte", "x" * k], "NL010": []} if k != 2 else {}
        spill.put(k, r)
    assert spill.summary_for(3, "NL007") == ["tilte", "xxx"] and spill.summary_for(1, "NL153") == {"Name1": 1}
    assert spill.summary_for(0, "NL010") == [] and spill.summary_of(3)["NL153"] == {"Name3": 3}
    assert list(spill.summaries("NL007").values()) == [["tilte", "x" * k] for k in (0, 1, 3)]
    for rule in ("NL153", "NL999"):
        try:
            spill.summary_for(2, rule)
        except KeyError:
            continue
        raise AssertionError(f"a file without a {rule} summary gave one")
    spill.close()


def test_memory_does_not_hold_the_results() -> None:
    """2,000 results of 40 findings each: what stays in memory is a small part of their size."""
    spill = Spill()
    size = 0
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for k in range(2000):
            r = _result(k, findings=40)
            size += len(pickle.dumps(r))
            spill.put(k, r)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert size > 20_000_000
    assert held < size / 20, (held, size)
    assert sum(len(r.findings) for r in spill) == 80_000
    spill.close()


def test_a_small_run_stays_in_memory_and_a_larger_one_moves_to_disk(monkeypatch) -> None:
    """Results are kept in memory up to IN_MEMORY bytes, then the spill moves to a temporary
    file; reads before and after the move, between writes, give every result whole."""
    from newslint import spill as spill_mod

    monkeypatch.setattr(spill_mod, "IN_MEMORY", 3_000)
    spill = Spill()
    spill.put(0, _result(0))
    assert isinstance(spill._file, io.BytesIO)
    assert spill.get(0).path == "content/00000.md"  # a read between writes
    for k in range(1, 12):
        spill.put(k, _result(k))
        assert spill.get(k - 1).findings == _result(k - 1).findings
    assert not isinstance(spill._file, io.BytesIO)
    assert [(r.path, r.findings, r.lines) for r in spill] == [(r.path, r.findings, r.lines) for r in map(_result, range(12))]
    assert spill.summary_of(11) == {"NL153": {"Name4": 11}}
    spill.close()


def test_streamed_json_is_the_json_dump_of_all_records() -> None:
    results = [_result(k, findings=k % 3) for k in range(7)]
    out = io.StringIO()
    write_json(results, out)
    records = [finding_record(r, f) for r in results for f in r.findings]
    assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    empty = io.StringIO()
    write_json([], empty)
    assert empty.getvalue() == json.dumps([], indent=2) + "\n"


def test_a_cached_result_is_kept_as_it_is() -> None:
    """The cache's index holds a hit's parts all run long: no copy on disk, nothing to unpickle."""
    spill = Spill()
    hit = _result(1)
    hit.cached = True
    spill.put(0, _result(0))
    spill.put(1, hit)
    spill.put(2, _result(2))
    assert spill.get(1) is hit and spill.summary_of(1) is hit.summaries
    assert [r.path for r in spill] == [_result(k).path for k in range(3)]
    assert dict(spill.summaries("NL153")) == {"content/00001.md": {"Name1": 1}}


def test_findings_pickle_whole_and_their_reduce_names_every_field() -> None:
    """Finding, Fix and Edit pickle through their own __reduce__ (speed): a field added to the
    dataclass but not to __reduce__ would be lost on the way from a worker; this catches it."""
    import dataclasses

    from newslint.model import Edit, Fix

    f = Finding(3, 9, "msg", Fix((Edit(3, 4, "x"), Edit(8, 9, "")), "Do it", safe=False, reshapes=True),
                rule="NL102", name="n", severity="error", line=2, column=4, end_line=2, end_column=10,
                fragment="frag")
    assert pickle.loads(pickle.dumps(f, pickle.HIGHEST_PROTOCOL)) == f
    for obj in (f, f.fix, f.fix.edits[0]):
        cls, args = obj.__reduce__()
        assert cls is type(obj) and args == tuple(getattr(obj, fl.name) for fl in dataclasses.fields(obj))
