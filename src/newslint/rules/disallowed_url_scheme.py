"""Disallowed URL scheme: a link to ``javascript:``, ``data:``, ``file:`` or a local path.

A link, image, autolink, reference definition, HTML ``href``/``src`` or front-matter URL whose scheme is not in the
``allowed-schemes`` list. ``javascript:`` and ``vbscript:`` run code in the reader's browser,
``file:`` and ``C:\\...`` point at the writer's own computer, and an unknown scheme
(``localhost:8080``, ``Note:``) is almost always a slip. Relative links have no scheme and are
never findings. A misspelled web scheme (``htp://``) is reported by NL130 instead.

Bad:  [The application form](javascript:openWindow('/apply'))
Bad:  [the memo](file:///C:/Users/editor/Desktop/memo.pdf)
Good: [the memo](/files/memo.pdf) or [email us](mailto:news@example.org)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.targets import targets
from ..links.url import misspelled_scheme, scheme_of, url_problems
from ..model import Finding

ID = "NL131"
NAME = "disallowed-url-scheme"
SEVERITY = "error"
FIXABLE = False
DEFAULTS = {"allowed-schemes": ["http", "https", "mailto", "tel", "sms", "ftp", "ftps", "sftp", "irc", "ircs",
                                "xmpp", "news", "nntp", "geo", "webcal", "magnet", "bitcoin", "lightning",
                                "ssh", "git", "doi", "urn", "feed", "spotify", "itms-apps", "zoommtg"]}

_CHECKED = ("link", "image", "definition", "autolink", "front-matter", "html")


@lru_cache(maxsize=16)  # (the option is the same list for every article: normalised once, not per article)
def _allowed(schemes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s.lower().rstrip(":") for s in schemes)


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each URL whose scheme is not allowed."""
    allowed = _allowed(tuple(opts["allowed-schemes"]))
    web = "https" in allowed and "http" in allowed
    for target in targets(doc):
        if target.source not in _CHECKED:
            continue
        if web and target.url.startswith(("https://", "http://")):
            continue  # (most URLs: scheme_of reads https or http there, both allowed; no two patterns)
        scheme = scheme_of(target.url)
        if scheme is None or scheme in allowed:
            continue
        if scheme == "file-path":
            message = f"`{target.url}` is a path on the writer's computer, not a web link"
        elif misspelled_scheme(scheme) or url_problems(target.url, target.source):
            continue  # a slip of the keyboard: malformed-url says what was meant
        elif scheme in ("javascript", "vbscript"):
            message = f"`{scheme}:` link runs code in the reader's browser; link to a page instead"
        elif scheme == "file":
            message = "`file:` link points at the writer's computer; link to a published copy"
        else:
            message = f"URL scheme `{scheme}:` is not allowed here (see the allowed-schemes option)"
        end = target.start + (len(scheme) + 1 if scheme != "file-path" else len(target.url))
        yield Finding(target.start, end, message)
