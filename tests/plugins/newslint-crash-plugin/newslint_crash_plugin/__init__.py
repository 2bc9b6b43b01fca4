"""Rules that fail on purpose, each only on an article that carries its marker.

``RAISE-HERE`` raises ValueError, ``RECURSE-HERE`` recurses without end (RecursionError),
``MEMORY-HERE`` asks for more memory than any machine has (a real MemoryError),
``EXIT-HERE`` calls sys.exit, ``COLLECT-HERE`` fails in the cross-file ``collect``,
``SEGFAULT-HERE`` kills its own process with SIGSEGV (as a crash in a C extension would).
"""

from __future__ import annotations

import os
import signal
import sys

from newslint.model import Rule


def _raise(doc, opts):
    if "RAISE-HERE" in doc.text:
        raise ValueError("the article has a marker this rule cannot handle")
    return iter(())


def _recurse(doc, opts):
    def down(n):
        return down(n + 1) + 1
    if "RECURSE-HERE" in doc.text:
        down(0)
    return iter(())


def _memory(doc, opts):
    if "MEMORY-HERE" in doc.text:
        bytearray(1 << 56)  # 64 PiB: the allocator says no, Python raises MemoryError
    return iter(())


def _exit(doc, opts):
    if "EXIT-HERE" in doc.text:
        sys.exit(3)
    return iter(())


def _segfault(doc, opts):
    if "SEGFAULT-HERE" in doc.text:
        os.kill(os.getpid(), signal.SIGSEGV)
    return iter(())


def _nothing(doc, opts):
    return iter(())


def _collect(doc, opts):
    if "COLLECT-HERE" in doc.text:
        raise RuntimeError("collect failed")
    return len(doc.text)


def _corpus(summaries, opts):
    return iter(())


_DOC = "Fails on purpose when the article says {}.\n\nBad:  an article with the marker\nGood: any other article\n"
RULES = [
    Rule("CRASH101", "raises", _raise, doc=_DOC.format("RAISE-HERE")),
    Rule("CRASH102", "recurses", _recurse, doc=_DOC.format("RECURSE-HERE")),
    Rule("CRASH103", "exhausts-memory", _memory, doc=_DOC.format("MEMORY-HERE")),
    Rule("CRASH104", "exits", _exit, doc=_DOC.format("EXIT-HERE")),
    Rule("CRASH105", "kills-its-process", _segfault, doc=_DOC.format("SEGFAULT-HERE")),
    Rule("CRASH106", "fails-to-collect", _nothing, doc=_DOC.format("COLLECT-HERE"), collect=_collect,
         check_corpus=_corpus),
]
