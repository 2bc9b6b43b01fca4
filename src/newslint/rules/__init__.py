"""The registry: every built-in rule, one module each, in one explicit tuple.

To add a rule: write ``rules/<name>.py`` (ID, NAME, docstring with Bad/Good, check), import it
here, add it to ``BUILTIN``, and add a positive and a negative fixture under tests/fixtures/.
IDs are stable forever and never reused. Families: NL0xx files and front matter, NL10x spacing
and punctuation, NL11x quotation marks, NL12x characters, NL13x links and URLs, NL14x dates,
NL15x names, NL999 internal errors.
"""

from __future__ import annotations

from ..model import Rule
from . import (
    front_matter_syntax,
    internal_error,
    missing_front_matter,
    repeated_space,
    space_before_punctuation,
    unreadable_file,
)

BUILTIN: tuple[Rule, ...] = tuple(
    Rule.from_module(module)
    for module in (
        unreadable_file,
        front_matter_syntax,
        missing_front_matter,
        space_before_punctuation,
        repeated_space,
        internal_error,
    )
)
