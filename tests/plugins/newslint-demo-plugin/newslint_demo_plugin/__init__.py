"""Example newslint rules, one module per rule (see the entry points in pyproject.toml)."""
