"""Names: the house dictionary, the transliteration skeleton, mentions and their variants.

Shared by the name rules (NL150–NL153) and the ``newslint names`` command. The rules stay
short; the analysis lives here and is memoised per document, so four rules cost one pass.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

RULE_IDS = ("NL150", "NL151", "NL152", "NL153")


def attach(config: Any, rules: Iterable[Any], options: dict[str, dict[str, Any]]) -> None:
    """Load the config's dictionary (raises a ConfigError) and hand it to the name rules' options."""
    wanted = [r.id for r in rules if r.id in RULE_IDS]
    if not wanted and not (getattr(config, "raw", None) or {}).get("names"):
        return
    from .dictionary import from_config

    names = from_config(config)
    for rid in RULE_IDS:
        if rid in options:
            options[rid]["_names"] = names
    if "NL153" in options:  # (a spelling inconsistent-name reports in an article is not reported twice)
        options["NL153"]["_within"] = "NL151" in wanted


def dictionary_of(opts: Mapping[str, Any]) -> Any:
    """The dictionary in a rule's options (the shipped one when the engine attached none)."""
    names = opts.get("_names")
    if names is None:
        from .dictionary import from_config

        names = from_config(None)
    return names
