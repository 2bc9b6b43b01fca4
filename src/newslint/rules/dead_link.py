"""Dead link: an http(s) link that does not answer, answers 404/410, or fails on the server.

Off by default, because it goes to the network: ``newslint check --check-links`` turns it on
(or ``[rules.dead-link] enabled = true``, or selecting ``dead-link``/``NL137`` by name; ``ALL``
and ID prefixes such as ``NL13`` do not). Every http(s) link, image, autolink, reference
definition, bare URL and front-matter URL of all the linted files is asked once, with HEAD and
then GET if HEAD fails, ``per-host`` requests at a time per host and ``workers`` in all, each
with a ``timeout`` in seconds. Redirects are followed hop by hop; a permanent one (301, 308) is
reported as info with its target (``redirects = "all"`` reports temporary ones too, ``"none"``
none). Statuses in ``accept-status`` (401, 403, 429 by default: sites that turn robots away)
count as alive. Results are cached for ``cache-ttl-hours`` in ``cache-dir`` (relative to the
config's folder; ``.newslint_cache/`` by default, with a ``.gitignore`` in it), so CI does not
ask the same sites on every run; ``cache-ttl-hours = 0`` turns the cache off. URLs matching a
regular expression in ``exclude-urls`` are not checked.

Bad:  [the report](https://www.gao.gov/products/gao-00-000)     (404 Not Found)
Good: [the report](https://www.gao.gov/products/gao-22-105)

Not findings: ``mailto:`` and relative links (see missing-link-target), URLs that
malformed-url reports, links in code, a site that refuses robots (401/403/429).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.targets import targets
from ..links.url import url_problems
from ..model import Finding
from ..patterns import lazy

ID = "NL137"
NAME = "dead-link"
SEVERITY = "warning"
FIXABLE = False
ENABLED = False
NETWORK = True  # select = ["ALL"] or "NL13" does not turn it on; "dead-link" or --check-links does
DEFAULTS = {
    "timeout": 10.0, "per-host": 2, "workers": 8, "max-redirects": 10,
    "cache-dir": ".newslint_cache", "cache-ttl-hours": 24.0,
    "accept-status": [401, 403, 429], "redirects": "permanent", "exclude-urls": [],
    "user-agent": "newslint-linkcheck (+https://newslint.dev)",
}
CHOICES = {"redirects": ("permanent", "all", "none")}

_HTTP = lazy(r"(?i)^https?://[^/?#\s]")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Nothing per file: the links are checked across all files in ``check_corpus``."""
    return iter(())


def collect(doc: Document, opts: Mapping[str, Any]) -> list[tuple[str, int, int, int, int, int]]:
    """The file's http(s) URLs with their positions: (url, line, column, end line, end column, start)."""
    from .. import suppress

    ignore = [re.compile(p) for p in opts["exclude-urls"]]
    hidden = suppress.parse(doc)
    out = []
    for t in targets(doc):
        url = t.url
        if not _HTTP().match(url) or url_problems(url, t.source, False, t.angle) or any(
                p.search(url) for p in ignore):
            continue
        line, column = doc.position(t.start)
        end_line, end_column = doc.position(t.end)
        if hidden and hidden.hides(Finding(t.start, t.end, "", rule=ID, name=NAME, line=line)):
            continue
        out.append((url.split("#", 1)[0], line, column, end_line, end_column, t.start))
    return out


def check_corpus(summaries: Mapping[str, Any], opts: Mapping[str, Any]) -> Iterator[tuple[str, Finding]]:
    """Ask every collected URL (through the cache) and report the dead and the moved."""
    from .. import linkcheck

    ttl = float(opts["cache-ttl-hours"]) * 3600
    folder = Path(str(opts.get("_root") or ".")) / str(opts["cache-dir"])
    cache = linkcheck.Cache(folder, ttl)
    urls = [u[0] for found in summaries.values() for u in found]
    results = linkcheck.check_urls(urls, cache=cache, timeout=float(opts["timeout"]), per_host=int(opts["per-host"]),
                                   workers=int(opts["workers"]), max_redirects=int(opts["max-redirects"]),
                                   user_agent=str(opts["user-agent"]))
    accept = {int(s) for s in opts["accept-status"]}
    for path, found in summaries.items():
        for url, line, column, end_line, end_column, start in found:
            result = results.get(url)
            if result is None:
                continue
            message, severity = _verdict(result, accept, str(opts["redirects"]), float(opts["timeout"]))
            if message:
                yield path, Finding(start, start, message, severity=severity, line=line, column=column,
                                    end_line=end_line, end_column=end_column, fragment=url)


def _verdict(result: Any, accept: set[int], redirects: str, timeout: float) -> tuple[str, str]:
    """The message and severity for one result ("" when the link is fine)."""
    status = result.status
    if result.error == "timeout":
        return f"no answer within {timeout:g} s", ""
    if result.error == "too many redirects":
        return f"more than {len(result.redirects) - 1} redirects", ""
    if status is None:
        return f"cannot connect: {'connection refused' if result.error == 'refused' else result.error}", ""
    if status >= 400 and status not in accept:
        what = {404: "404 Not Found", 410: "410 Gone"}.get(status, f"HTTP {status}")
        return f"dead link ({what})" if status in (404, 410) else f"the server answers {what}", ""
    if result.redirects and status < 400 and redirects != "none":
        permanent = all(code in (301, 308) for code, _ in result.redirects)
        if permanent or redirects == "all":
            kind = "permanently " if permanent else ""
            return f"redirects {kind}to {result.final}; link there directly", "info"
    return "", ""
