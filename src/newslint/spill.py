"""Results kept on disk between linting and reporting, so that memory stays flat as the tree grows.

A run must hold every file's result until the cross-file rules have seen all the summaries and
the report can be written in path order. Held in memory, that grows with the tree (about
12 MB per 3,000 articles: findings, the source lines they quote, the names' summaries). Here
each result is pickled to an unnamed temporary file as it arrives and read back one at a time
whenever the results are walked; what stays in memory per file is a few integers.

The summaries are stored apart from the rest of the result, each rule's on its own: the
cross-file pass reads only them (``summaries(rule_id)``, a read-only mapping path → summary that
reads from the file), one rule at a time and some rules twice over, so a file's summaries pickled
together were unpickled five times per file (0.2 s of the main process's time on the corpus,
while the workers wait).
"""

from __future__ import annotations

import io
import pickle
from array import array
from typing import TYPE_CHECKING, Any, Collection, Iterator, Mapping

if TYPE_CHECKING:
    from .engine import FileResult


class Packed:
    """A result pickled, its summaries apart: what a worker process sends back and what the
    spill writes. The main process stores a worker's bytes as they arrive (``put_packed``):
    sent as an object, a result was unpickled there only to be pickled again at once, on the
    one process that the workers share the cores with."""

    __slots__ = ("path", "digest", "blob", "extra", "rules")

    def __init__(self, path: str, digest: str, blob: bytes, extra: bytes, rules: tuple[tuple[str, int], ...]) -> None:
        # extra: each rule's summary pickled on its own, end to end; rules: (rule ID, length) of each
        self.path, self.digest, self.blob, self.extra, self.rules = path, digest, blob, extra, rules

    @classmethod
    def of(cls, result: "FileResult") -> "Packed":
        """Pickle a result (raises what pickle raises for a finding or summary that does not pickle)."""
        summaries = result.summaries
        result.summaries = {}
        try:
            blob = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
            parts = [(rule, pickle.dumps(summaries[rule], pickle.HIGHEST_PROTOCOL)) for rule in sorted(summaries)]
        finally:
            result.summaries = summaries
        return cls(result.path, result.digest, blob, b"".join(b for _, b in parts),
                   tuple((rule, len(b)) for rule, b in parts))

    def unpack(self) -> "FileResult":
        result: FileResult = pickle.loads(self.blob)
        result.summaries = _unpickle_parts(self.extra, self.rules)
        return result


def _unpickle_parts(data: bytes, parts: tuple[tuple[str, int], ...]) -> dict[str, Any]:
    out, at = {}, 0
    for rule, length in parts:
        out[rule] = pickle.loads(data[at:at + length])
        at += length
    return out


# Results are kept in memory up to this many bytes, then moved to the temporary file: a run on a
# few files (a pre-commit run) neither makes the file nor imports tempfile (~4 ms with shutil).
IN_MEMORY = 1 << 20


class Spill:
    """FileResults by index (their place in the run's path order), kept in a temporary file."""

    def __init__(self) -> None:
        self._file: Any = io.BytesIO()  # a temporary file from IN_MEMORY bytes on (see _grown)
        self._size = 0
        # per index: where its result and its summaries are, as machine integers (-1: none yet),
        # its path and content digest, which rules left a summary (one shared tuple for all
        # alike) and the length of each rule's part (from _part_at[index] in _part_length)
        self._offset = array("q")
        self._length = array("q")
        self._extra = array("q")
        self._part_at = array("q")
        self._part_length = array("q")
        self._paths: list[str | None] = []
        self._digests: list[str] = []
        self._rules: list[tuple[str, ...]] = []
        self._rule_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._held: dict[int, "FileResult"] = {}  # cache hits, kept as they are (see put)
        self._reading = False

    def put(self, index: int, result: "FileResult") -> None:
        """Keep a result: a copy on disk, or (served from the cache) the object itself."""
        if result.cached:
            # served from the cache, whose index holds its parts in memory all run long: a copy
            # on disk would save nothing and cost a pickle and an unpickle per file (warm runs).
            # Which rules left a summary is asked of the result itself (rules()): reading the
            # keys of a cached result's summaries unpickles them, and a warm run whose
            # cross-file pass is cached as well never needs them.
            self._held[index] = result
            self._place(index, 0, 0, result.path, result.digest, ())
            return
        self.put_packed(index, Packed.of(result))

    def put_packed(self, index: int, packed: Packed) -> None:
        """Keep a result already pickled (by a worker): its bytes are written as they are."""
        if self._reading:  # a read moved the file position; writes go on at the end
            self._file.seek(self._size)
            self._reading = False
        self._file.write(packed.blob)
        self._file.write(packed.extra)
        self._place(index, len(packed.blob), len(packed.extra), packed.path, packed.digest, packed.rules)
        if self._size > IN_MEMORY and isinstance(self._file, io.BytesIO):
            self._grown()

    def _grown(self) -> None:
        import tempfile

        disk = tempfile.TemporaryFile(prefix="newslint-")  # unlinked at once: gone however we exit
        disk.write(self._file.getvalue())
        self._file.close()
        self._file = disk

    def _place(self, index: int, length: int, extra: int, path: str, digest: str,
               parts: tuple[tuple[str, int], ...]) -> None:
        while len(self._offset) <= index:
            self._offset.append(-1)
            self._length.append(0)
            self._extra.append(0)
            self._part_at.append(0)
            self._paths.append(None)
            self._digests.append("")
            self._rules.append(())
        self._offset[index], self._length[index], self._extra[index] = self._size, length, extra
        self._size += length + extra
        self._paths[index] = path
        self._digests[index] = digest
        rules = tuple(rule for rule, _ in parts)
        self._rules[index] = self._rule_sets.setdefault(rules, rules)
        self._part_at[index] = len(self._part_length)
        self._part_length.extend(n for _, n in parts)

    def __len__(self) -> int:
        return sum(1 for offset in self._offset if offset >= 0)

    def indexes(self) -> list[int]:
        return [i for i, offset in enumerate(self._offset) if offset >= 0]

    def path(self, index: int) -> str:
        return self._paths[index]  # type: ignore[return-value]

    def files(self) -> list[tuple[str, str]]:
        """(path, content digest) of every result, in index order (the cross-file pass's file set)."""
        return [(self._paths[i], self._digests[i]) for i in self.indexes()]  # type: ignore[misc]

    def rules(self, index: int) -> Collection[str]:
        """The IDs of the rules that left a summary for this file."""
        held = self._held.get(index)
        return held.summaries.keys() if held is not None else self._rules[index]

    def get(self, index: int) -> "FileResult":
        """The result as it was put (from disk: without its summaries, ``summary_of`` reads them)."""
        held = self._held.get(index)
        if held is not None:
            return held
        return pickle.loads(self._read(self._offset[index], self._length[index]))

    def __iter__(self) -> Iterator["FileResult"]:
        for index in self.indexes():
            yield self.get(index)

    def summaries(self, rule_id: str) -> Mapping[str, Any]:
        """Path → that rule's summary, for the files that have one; read from disk on each access."""
        return _Summaries(self, rule_id)

    def summary_of(self, index: int) -> Mapping[str, Any]:
        held = self._held.get(index)
        if held is not None:
            return held.summaries
        extra = self._extra[index]
        if not extra:
            return {}
        rules = self._rules[index]
        at = self._part_at[index]
        parts = tuple(zip(rules, self._part_length[at:at + len(rules)]))
        return _unpickle_parts(self._read(self._offset[index] + self._length[index], extra), parts)

    def summary_for(self, index: int, rule_id: str) -> Any:
        """One rule's summary of a file (a KeyError if it left none): only its part is read."""
        held = self._held.get(index)
        if held is not None:
            return held.summaries[rule_id]
        rules = self._rules[index]
        if rule_id not in rules:
            raise KeyError(rule_id)
        k = rules.index(rule_id)
        at = self._part_at[index]
        offset = self._offset[index] + self._length[index] + sum(self._part_length[at:at + k])
        return pickle.loads(self._read(offset, self._part_length[at + k]))

    def close(self) -> None:
        self._file.close()

    def _read(self, offset: int, length: int) -> bytes:
        if offset < 0:
            raise KeyError(offset)
        self._reading = True
        self._file.seek(offset)
        return self._file.read(length)


class _Summaries(Mapping[str, Any]):
    """One rule's summaries over the run, in path order, without holding them."""

    def __init__(self, spill: Spill, rule_id: str) -> None:
        self._spill = spill
        self._rule = rule_id
        self._index = {spill.path(i): i for i in spill.indexes() if rule_id in spill.rules(i)}

    def __getitem__(self, path: str) -> Any:
        return self._spill.summary_for(self._index[path], self._rule)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
