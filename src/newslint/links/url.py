"""The syntax problems of one URL, and the slips people make typing a scheme.

``url_problems`` checks one URL as written (malformed-url, NL130; disallowed-url-scheme and
dead-link ask it too): a mistyped separator (``https:/``, ``http;//``, ``https:://``), a
scheme written twice or misspelt (``htps://``), a space, a "%" that starts no escape, an
unbalanced parenthesis, a bare domain written as a relative link, a mailto address with no
valid domain. The URL's host is ``host``'s to judge. ``scheme_of`` and ``is_relative_path``
say what kind of reference a URL is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..patterns import lazy
from .host import authority_problems
from .problem import Problem

# A URL a template builds ({{ site.url }}/x, {% link x.md %}, ${base}/x): not ours to judge
_TEMPLATE = lazy(r"\{\{|\{%|\$\{")
_SEPARATOR = lazy(r"(?i)^(https?|ftps?|wss?)(:{2,}/*(?=[^:/\\\s])|:/(?!/)|//|:/{3,}|[;.,]/{1,3}|:\\+/*|:(?=[^/\\\s]))")
_SCHEMELIKE = lazy(r"^([A-Za-z][A-Za-z0-9+.\-]{1,15})://")
_DOUBLED = lazy(r"(?i)^(?:https?|ftp)://(?=(?:https?|ftp)(?::/{1,3}|//))")
_PCT = lazy(r"%(?![0-9A-Fa-f]{2})")
_SPACE = lazy(r"\s+")
NO_BREAK = ("\u00a0", "\u202f")  # the no-break spaces (broken-link-syntax's too)
# A letter, digit or the URL punctuation a word of a host or a path runs on through (. - _ / ~):
# a no-break space between two of them is a paste's leftover inside a name (broken-link-syntax,
# invisible-character in a ref shortcode's path)
URL_CHAR = lazy(r"[^\W_]|[./_~-]")
_SLASH_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "ws", "wss", "ssh", "git", "irc", "ircs",
                            "file", "svn", "rtmp", "rtsp", "smb", "nntp", "ldap", "telnet", "gopher", "webcal",
                            "feed", "s3", "gs", "hdfs", "chrome", "about", "app", "itms", "itms-apps", "spotify",
                            "steam", "slack", "zoommtg", "msteams", "hxxp", "hxxps", "fxp", "onion"})
# (A domain under one of the generic or country top-level domains sites are most often named
# in: a link to `resumake.io` or `doc.rust-lang.org/book/` is relative too. Not those that are
# also file extensions, which a relative link to a file ends with: .md, .pl, .py, .sh, .rs,
# .ai, .zip, .mov, .in…)
_BARE_DOMAIN = lazy(r"(?i)^(?:www\.[a-z0-9\-]+\.[a-z]"
                          r"|[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|org|net|gov|edu|mil|io|co|dev|app|info|eu|us|uk"
                          r"|de|fr|it|es|nl|be|ch|at|ca|au|nz|ie|se|dk|fi|pt|br|jp)(?:[/?#]|$))")


# A link to the writer's own computer: Hugo's (1313), Jekyll's (4000) or another preview server
# left in the text (a URL in code, a tutorial's `http://localhost:3000`, is not checked)
_LOCAL_HOST = lazy(r"(?i)^https?://(?:localhost|127(?:\.[0-9]{1,3}){3}|0\.0\.0\.0|\[::1\])(?::[0-9]+)?(?:[/?#]|$)")


# A web URL that none of the checks below can fault: http(s), a host of well-formed DNS labels
# ending in a letter (not an IP address; after a dot, a label of two characters or more) and none
# in punycode (xn--), a short port, and a path,
# query and fragment of characters that need no escaping: no space, "%", parenthesis, backslash
# or non-ASCII letter.
# Most URLs in articles look like this; they skip the URL parse (tests/test_speedups.py checks
# that the full checks find nothing in any URL this pattern matches).
_CLEAN = re.compile(r"https?://(?!(?i:https?|ftp)(?::|//))(?!(?:[A-Za-z0-9\-]*\.)*(?i:xn--))"
                    r"(?:(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9\-]{0,61}[A-Za-z0-9]"
                    r"|[A-Za-z](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)"
                    r"(?::[0-9]{1,4})?(?:[/?#][A-Za-z0-9\-._~!$&'*+,;=:@/?#]*)?")


def url_problems(url: str, source: str, ascii_hosts: bool = False, angle: bool = False) -> tuple[Problem, ...]:
    """Syntax problems of one URL as written in ``source`` (link, bare, front-matter, ...);
    ``angle``: written in angle brackets, where Markdown encodes spaces itself."""
    if _CLEAN.fullmatch(url):
        return ()
    return _url_problems(url, source, ascii_hosts, angle)


_LINKED = ("link", "definition", "image", "html")


def local_host(url: str, source: str) -> tuple[Problem, ...]:
    """A link to the writer's own computer (``http://localhost:1313/…``, Hugo's preview server):
    a well-formed URL no reader can open (malformed-url reports it; it is no syntax problem, so
    dead-link, which checks what ``url_problems`` passes, still asks such a server)."""
    if source not in _LINKED or not _LOCAL_HOST().match(url):
        return ()
    return (Problem(0, len(url), f"`{url}` points at the writer's own computer (a preview server's address): "
                                 "readers cannot open it; link the published page", None, False),)


@lru_cache(maxsize=16384)  # (only URLs that need the full checks: the cache stays small)
def _url_problems(url: str, source: str, ascii_hosts: bool, angle: bool) -> tuple[Problem, ...]:
    if not url or _TEMPLATE().search(url):
        return ()
    m = _SEPARATOR().match(url)
    if m is not None:
        return (_separator_problem(url, m),)
    m = _DOUBLED().match(url)
    if m is not None:
        return (Problem(0, m.end(), f"the scheme is written twice: `{url[:m.end() + 8]}…`; keep one", "", True),)
    m = _SCHEMELIKE().match(url)
    if m is not None and m.group(1).lower() not in _SLASH_SCHEMES:
        hint = misspelled_scheme(m.group(1))
        if hint:
            return (Problem(0, m.end(1), f"unknown scheme `{m.group(1)}:`; did you mean `{hint}:`?", hint,
                            _one_slip(m.group(1).lower(), hint)),)
    if url[:7].lower() == "mailto:":
        return _mailto_problems(url)
    problems: list[Problem] = []
    space = _SPACE().search(url)
    if space is not None and not angle and space.group() in NO_BREAK and _SPACE().search(url, space.end()) is None:
        # One no-break space (a reference definition's destination keeps it, as only an ASCII
        # blank ends one): an editor's leftover, never meant as %20. Between two letters or digits
        # ("reaching-millenni<NBSP>als") deleting it restores the URL for certain.
        a, b = space.span()
        problems.append(Problem(a, b, "no-break space inside the URL; delete it", "",
                                url[a - 1:a].isalnum() and url[b:b + 1].isalnum()))
    elif space is not None and not angle:
        query = url.find("?")
        safe = 0 <= query < space.start() and re.search(r"[^ \S]| {2}", url) is None
        problems.append(Problem(0, len(url), "space inside the URL; encode it as %20",
                                url.replace(" ", "%20"), safe))
    if source in ("link", "definition", "image", "html") and _BARE_DOMAIN().match(url) and not url.lower().startswith("www.md"):
        problems.append(Problem(0, len(url), f"`{url}` has no scheme, so it is a relative link on this site; "
                                             f"write https://{url}", f"https://{url}", False))
    # One stray character is one defect: a host that is invalid only for the space, '%' or
    # parenthesis in it is reported once, as that character (the space's problem has the fix)
    authority = [a for a in authority_problems(url, ascii_hosts)
                 if space is None or angle or not a.start <= space.start() < a.end]
    problems.extend(authority)

    def in_host(at: int) -> bool:
        return any(a.start <= at < a.end for a in authority)

    pct = next((m for m in _PCT().finditer(url) if not in_host(m.start())), None)
    if pct is not None and space is None:
        problems.append(Problem(pct.start(), pct.start() + 1, "'%' that does not start a %XX escape; write %25"))
    unescaped = url.replace("\\(", "").replace("\\)", "")
    if unescaped.count("(") != unescaped.count(")"):
        which = "(" if unescaped.count("(") > unescaped.count(")") else ")"
        at = url.rfind(which)
        if not in_host(at):
            problems.append(Problem(at, at + 1, f"unbalanced '{which}' in the URL; is it cut short?"))
    return tuple(problems)


# An email address's domain: labels of letters, digits and hyphens, and a top-level name
_EMAIL = lazy(r"[^@\s]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
_NAMED_ADDRESS = lazy(r"[^<>]*<([^<>]*)>")


def _mailto_problems(url: str) -> tuple[Problem, ...]:
    """A mailto: link whose address has no valid domain (press@example,gov; press@example..gov).
    Several addresses may stand comma-separated; none (mailto:?subject=…) is allowed too."""
    from urllib.parse import unquote

    to = url[7:].split("?", 1)[0]
    if not to:
        return ()
    for address in unquote(to).split(","):
        address = address.strip()
        named = _NAMED_ADDRESS().fullmatch(address)  # "Press Office <press@x.gov>": mail programs read it
        if named is not None:
            address = named.group(1)
        if address.isascii() and not _EMAIL().fullmatch(address):
            return (Problem(7, 7 + len(to), f"`{unquote(to)}` is not a valid email address"),)
    return ()


def _separator_problem(url: str, m: re.Match[str]) -> Problem:
    scheme, sep = m.group(1), m.group(2)
    s, e = m.span(2)
    wanted = f"{scheme}://"
    if sep == "//":
        what = f"missing ':' after `{scheme}`"
    elif sep == ":/":
        what = f"one slash after `{scheme}:`"
    elif sep.startswith(":/"):
        what = f"too many slashes after `{scheme}:`"
    elif sep == ":":
        what = f"no `//` after `{scheme}:`"
    elif sep.startswith("::"):
        what = f"more than one ':' after `{scheme}`"
    elif sep.startswith(":\\"):
        return Problem(s, e, f"backslashes after `{scheme}:`; write `{wanted}`", "://", False)
    else:
        what = f"`{sep[0]}` instead of ':' after `{scheme}`"
    return Problem(s, e, f"{what}; write `{wanted}`", "://", True)


def misspelled_scheme(scheme: str) -> str | None:
    """The web scheme a slip of the keyboard made into ``scheme`` (htp, htps, ttps), or None."""
    import difflib

    low = scheme.lower()
    if low in _SLASH_SCHEMES or len(low) < 3:
        return None
    close = difflib.get_close_matches(low, ["http", "https"], n=1, cutoff=0.75)
    return close[0] if close else None


def _one_slip(scheme: str, hint: str) -> bool:
    """Is ``hint`` the only web scheme one keystroke (a letter added, dropped or changed) away
    from ``scheme`` (htps -> https, htp -> http; not htts, one from both)? Then the repair is sure."""
    from rapidfuzz.distance import Levenshtein

    other = "https" if hint == "http" else "http"
    return Levenshtein.distance(scheme, hint) == 1 and Levenshtein.distance(scheme, other) > 1


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def scheme_of(url: str) -> str | None:
    """The URL's scheme in lower case, or None for a relative reference."""
    if _DRIVE.match(url):
        return "file-path"
    m = _SCHEME.match(url)
    return m.group(1).lower() if m else None


def is_relative_path(url: str) -> bool:
    """A link to a path on this site (``img/a.png``, ``../b.md``, ``/files/c.pdf``), not a URL."""
    return bool(url) and scheme_of(url) is None and not url.startswith(("#", "//", "?")) \
        and not _TEMPLATE().search(url)
