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
    dash_spacing,
    date_without_timezone,
    doubled_punctuation,
    duplicate_key,
    elision_marker,
    ellipsis_style,
    empty_value,
    first_name_reference,
    front_matter_syntax,
    future_date,
    hyphen_as_dash,
    inconsistent_name,
    internal_error,
    invisible_character,
    lastmod_before_date,
    missing_file,
    missing_front_matter,
    missing_space_after_punctuation,
    misspelled_key,
    mixed_script,
    name_spelling,
    name_variant_across_files,
    null_list,
    repeated_space,
    schema_violation,
    space_before_punctuation,
    space_inside_brackets,
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
        missing_space_after_punctuation,
        doubled_punctuation,
        space_before_punctuation,
        repeated_space,
        space_inside_brackets,
        ellipsis_style,
        elision_marker,
        hyphen_as_dash,
        dash_spacing,
        invisible_character,
        mixed_script,
        name_spelling,
        inconsistent_name,
        first_name_reference,
        name_variant_across_files,
        internal_error,
    )
)
