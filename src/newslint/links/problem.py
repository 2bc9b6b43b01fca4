"""What is wrong with one URL: the value the URL checks (``url``, ``host``) return.

A module of its own because ``url`` runs ``host``'s checks and both build Problems: were the
value in either of them, the two would import each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """What is wrong with a URL, at ``[start, end)`` within it; ``replacement`` repairs that span."""

    start: int
    end: int
    message: str
    replacement: str | None = None
    safe: bool = False
