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
    ambiguous_yaml_value,
    blank_line_before_front_matter,
    date_without_timezone,
    duplicate_key,
    empty_value,
    front_matter_syntax,
    future_date,
    internal_error,
    lastmod_before_date,
    misspelled_key,
    missing_file,
    missing_front_matter,
    null_list,
    repeated_space,
    schema_violation,
    space_before_punctuation,
    unreadable_file,
    yaml_alias,
)

BUILTIN: tuple[Rule, ...] = tuple(
    Rule.from_module(module)
    for module in (
        unreadable_file,
        front_matter_syntax,
        missing_front_matter,
        blank_line_before_front_matter,
        yaml_alias,
        duplicate_key,
        ambiguous_yaml_value,
        misspelled_key,
        empty_value,
        null_list,
        schema_violation,
        lastmod_before_date,
        future_date,
        date_without_timezone,
        missing_file,
        space_before_punctuation,
        repeated_space,
        internal_error,
    )
)
