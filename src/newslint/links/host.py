"""The host of one URL: a valid name, and not a look-alike.

``authority_problems`` splits a URL with rfc3986's RFC 3986 grammar (the library's own
matchers, not a hand-written URL regex) and judges its host and port: an ASCII host with
rfc3986 and as a DNS name (a comma for a dot, a one-letter top-level domain, punycode that
does not decode or decodes to a look-alike), a host beyond ASCII with ``idna`` (UTS 46), where
labels that mix scripts or Latin-looking Cyrillic and Greek letters among Latin ones are
reported as look-alikes. ``path_start`` says where the path begins after the host.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from ..patterns import lazy
from .problem import Problem

_HIER = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})


@lru_cache(maxsize=1)
def _rfc3986() -> Any:
    import rfc3986.misc
    import rfc3986.validators

    return rfc3986


def authority_problems(url: str, ascii_hosts: bool) -> Iterator[Problem]:
    """The problems of a web URL's host and port (none when it has no ``//`` authority)."""
    rfc3986 = _rfc3986()
    parts = rfc3986.misc.URI_MATCHER.match(url)
    if parts is None:
        return
    scheme, authority = parts.group("scheme"), parts.group("authority")
    if scheme is None or scheme.lower() not in _HIER or authority is None:
        return
    a0 = parts.start("authority")
    hostport = authority.rpartition("@")[2]
    h0 = a0 + len(authority) - len(hostport)
    if hostport.startswith("["):
        host, _, port = hostport[1:].partition("]")
        host = f"[{host}]"
        port = port[1:] if port.startswith(":") else port
    else:
        host, _, port = hostport.partition(":")
    if not host:
        yield Problem(a0, a0 + len(authority), "no host name after `//`")
        return
    if port and not port.isdigit() and host.isascii() and not host.startswith("[") and (
            not rfc3986.validators.host_is_valid(host) or _bad_labels(host) or not _dns_name(host)):
        # A stray ':' in a host name (mailing-:list.example.org) is one defect, not a bad
        # host and a bad port
        yield Problem(h0, h0 + len(hostport), f"`{hostport}` is not a valid host name")
        return
    if port and (not port.isdigit() or int(port) > 65535):
        p0 = h0 + len(host) + 1
        yield Problem(p0, p0 + len(port), f"`{port}` is not a port number")
    if host.isascii():
        if " " not in host and (not rfc3986.validators.host_is_valid(host) or _bad_labels(host)):
            yield Problem(h0, h0 + len(host), f"`{host}` is not a valid host name")
        elif not host.startswith("[") and not _dns_name(host):
            # A comma between labels is the usual slip for a dot (video,foxnews.com)
            dotted = host.replace(",", ".")
            fix = dotted if _dns_name(dotted) and not _bad_labels(dotted) else None
            yield Problem(h0, h0 + len(host), f"`{host}` is not a valid host name"
                          + (f"; use `{dotted}`" if fix else ""), fix)
        elif _ONE_LETTER_TLD().search(host):
            yield Problem(h0, h0 + len(host), f"`{host}` ends in a one-letter top-level domain; none exists")
        elif "xn--" in host.lower():
            yield from _punycode_problems(host, h0)
        return
    yield from _idn_problems(host, h0, ascii_hosts)


def path_start(url: str) -> int:
    """Where a URL's path begins (after the scheme and the host; 0 for a relative URL)."""
    parts = _rfc3986().misc.URI_MATCHER.match(url)
    return parts.end("authority") if parts is not None and parts.group("authority") is not None else 0


def _bad_labels(host: str) -> bool:
    """An empty DNS label (``a..b``, ``.a``) or one that starts or ends with a hyphen."""
    if host.startswith("["):
        return False
    if _BAD_LABEL().search(host[:-1] if host.endswith(".") else host) is not None:
        return True
    return len(host) > 63 and any(len(label) > 63 for label in host.split("."))


_BAD_LABEL = lazy(r"^[.\-]|\.\.|\.-|-\.|[.\-]$")
_ONE_LETTER_TLD = lazy(r"\.[A-Za-z]\.?\Z")  # every top-level domain has two letters or more
_NOT_DNS = lazy(r"[^A-Za-z0-9.\-_%]")  # (a %-escape is rfc3986's to judge)


def _dns_name(host: str) -> bool:
    """Does an ASCII host hold only what a DNS name does? RFC 3986 lets a host name hold
    , ; ! $ & ' * + = (its sub-delims), but a web host is letters, digits, hyphens and dots
    (and, in practice, "_"); a leading "*." is a wildcard that names every subdomain (a
    policy's https://*.gov)."""
    return _NOT_DNS().search(host.removeprefix("*.")) is None


def _idn_problems(host: str, h0: int, ascii_hosts: bool) -> Iterator[Problem]:
    import idna

    try:
        encoded = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        yield Problem(h0, h0 + len(host), f"`{host}` is not a valid internationalised host name ({exc})")
        return
    mixed = _mixed_script_label(host)
    if mixed:
        latin = _latin_host(host)
        yield Problem(h0, h0 + len(host), f"`{host}` mixes {mixed} letters in one label: a look-alike host?"
                      if latin is None else f"`{host}` mixes {mixed} letters in one label (a look-alike); "
                      f"write `{latin}`", latin, latin is not None)
    elif (latin := _lookalike_label(host)) is not None:
        yield Problem(h0, h0 + len(host), f"`{host}` writes a label of Latin-looking Cyrillic or Greek letters "
                      f"among Latin ones (a look-alike); write `{latin}`", latin, True)
    elif ascii_hosts:
        yield Problem(h0, h0 + len(host), f"host `{host}` is not in IDNA (ASCII) form; write `{encoded}`",
                      encoded, True)


def _punycode_problems(host: str, h0: int) -> Iterator[Problem]:
    """An IDNA host written in its ASCII form: ``xn--`` labels that do not decode, or that decode
    to a look-alike (``xn--pple-43d.com`` is ``аpple.com`` with a Cyrillic а)."""
    import idna

    try:
        decoded = idna.decode(host)
    except (idna.IDNAError, UnicodeError) as exc:
        yield Problem(h0, h0 + len(host), f"`{host}` is not a valid internationalised host name ({exc})")
        return
    mixed = _mixed_script_label(decoded)
    if mixed:
        yield Problem(h0, h0 + len(host), f"`{host}` is `{decoded}`, which mixes {mixed} letters in one label: "
                                          "a look-alike host?")


def _latin_host(host: str) -> str | None:
    """The host with its look-alike letters read as Latin, when that makes it all ASCII, the host
    has more Latin letters than others and no label is all in another script (gsа.gov or
    wired.cо.uk with a Cyrillic а or о is Latin; a Cyrillic name with one Latin letter in it
    is not): else None."""
    from ..typography import as_latin

    latin = as_latin(host)
    if not latin.isascii():
        return None
    foreign = sum(1 for ch in host if ch.isalpha() and not ch.isascii())
    if 2 * foreign >= sum(1 for ch in host if ch.isalpha()):
        return None
    for label in host.split("."):
        if not label.isascii() and not any(ch.isascii() and ch.isalpha() for ch in label):
            return None  # a label all in another script (сайт.example.com) is a name of its own
    return latin


def _lookalike_label(host: str) -> str | None:
    """The host read as Latin when a label of it is written only in Cyrillic or Greek letters that
    all look Latin (10х.gsa.gov with a Cyrillic х, сое.example.com) and every other label is
    ASCII with a letter in it: a whole label of look-alikes in a Latin host is a slip or a spoof,
    not a name (a Cyrillic name has letters of its own: сайт.example.com, пример.рф). Else None."""
    from ..typography import as_latin

    from ..typography import INVISIBLE

    labels = host.rstrip(".").split(".")
    foreign = [label for label in labels if not label.isascii()]
    if not foreign or len(foreign) == len(labels) or not labels[-1].isascii():
        return None
    if any(ch in INVISIBLE for label in foreign for ch in label):
        return None  # exa<ZWSP>mple.com: no look-alike letter but an invisible character, invisible-character's
    if not all(any(ch.isalpha() for ch in label) for label in labels if label.isascii()):
        return None
    latin = as_latin(host)
    return latin if latin.isascii() else None


def _mixed_script_label(host: str) -> str:
    import unicodedata

    for label in host.split("."):
        scripts = set()
        for ch in label:
            if ch.isalpha():
                name = unicodedata.name(ch, "")
                scripts.add(name.split(" ")[0] if name else "?")
        scripts &= {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN"}
        if len(scripts) > 1:
            return " and ".join(sorted(s.title() for s in scripts))
    return ""
