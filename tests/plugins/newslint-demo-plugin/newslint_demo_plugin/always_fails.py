"""Always fails: a rule with a bug, to show that newslint isolates it.

Every article gets an NL999 internal-error finding from it; the other rules still run.

Bad:  any article
Good: (none: uninstall the plugin)
"""

ID = "DEMO199"
NAME = "always-fails"
SEVERITY = "warning"


def check(doc, opts):
    """Raise on every document, as a buggy rule would."""
    raise KeyError("title")
