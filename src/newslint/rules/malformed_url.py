"""Malformed URL: a link, autolink, reference definition, bare URL, HTML ``href``/``src`` or front-matter URL that is broken.

Every URL the article points at is split by the RFC 3986 grammar (the rfc3986 library) and its
host checked (rfc3986 for ASCII hosts, idna/UTS 46 for internationalised ones). Reported: a
wrong scheme separator (``https:/x``, ``https//x``, ``http;//x``, ``https:///x``, ``https:x``),
a doubled scheme (``http://https://x``), a misspelled scheme (``htp://``, ``htps://``,
``ttps://``), a space inside a URL, a link to ``www.example.com`` without a scheme (a relative
link on this site), an invalid host or port (a web host is a DNS name: letters, digits,
hyphens and dots; ``video,foxnews.com`` is none, and an unsafe fix puts the dot back; ``www.gao.c``
ends in a one-letter top-level domain, which none is), a non-ASCII host that is not a valid IDNA name or
mixes Latin with Cyrillic or Greek letters in one label (a look-alike), a ``%`` that does not
start an escape, unbalanced parentheses (a URL cut short), a ``mailto:`` address without a valid
domain (``press@example,gov``), a link's URL in quotation marks (``[x](“https://…”)``, pasted
from a word processor: a safe fix deletes them), and a bare URL glued to the word before it (``seehttps://x``, ``visitwww.usa.gov``: a safe fix inserts the space). Front-matter fields are checked
when their key names a URL (``url``, ``link``, ``canonical``, ``source_url``, ...) or their value
looks like one.

Fixes: the separator slips and a doubled scheme are repaired safely; a space in a query
(``?subject=Our News``) is encoded as ``%20`` safely; so is a scheme one keystroke from only one
of http and https (``htps``, ``htp``); another misspelled scheme (``htts``), a missing scheme and
other spaces get an unsafe fix. With ``ascii-hosts = true`` a valid non-ASCII host is reported
too, with a safe fix to its IDNA form (``bücher.de`` → ``xn--bcher-kva.de``). A look-alike
host that is mostly Latin and all ASCII once its look-alikes are read as Latin (``gsа.gov`` with
a Cyrillic ``а``, ``wired.cо.uk``) gets a safe fix to the Latin host, and so does a label
written only in Cyrillic or Greek letters that all look Latin among ASCII labels (``10х.gsa.gov``
with a Cyrillic ``х``; a Cyrillic name has letters of its own: ``сайт.example.com``); a Cyrillic
or Greek name with a Latin letter in it (``примеp.рф``) is only reported.

Bad:  See [the report](https//www.gao.gov/products/gao-22-105).
Good: See [the report](https://www.gao.gov/products/gao-22-105).
Bad:  Read it at htps://www.usa.gov/ or on [Wikipedia](www.wikipedia.org).

Not findings: Wikipedia URLs with balanced parentheses (``…/wiki/Mercury_(planet)``),
``tel:`` links, ``mailto:`` links to several addresses or to a named one (``Press <p@x.gov>``), relative links, URLs in code, a URL that a template builds
(``{{ site.url }}/x``) or an MDX expression (``<img src={useBaseUrl('img/a.jpg')} />``), an embedded URL in a path (``https://web.archive.org/web/2020/http://x``);
look-alike letters and invisible characters in a URL's path are mixed-script's and
invisible-character's to report.
A link whose syntax is broken by a space (``[x](http://a b)``) is reported by NL132.
One broken character is one finding: a host that is invalid only for the space, ``%`` or
parenthesis in it (``gi%}thub.com``, ``you](tube.com``) or for a stray ``:`` (``mailing-:list.x.org``,
not a host and a port) is reported once, and a URL that two readings find (a definition Markdown
refused, whose URL is also a bare one) is checked once.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..links.targets import targets
from ..links.url import local_host, url_problems
from ..model import Finding, Fix

ID = "NL130"
NAME = "malformed-url"
SEVERITY = "error"
FIXABLE = True
DEFAULTS = {"ascii-hosts": False}

_WHERE = {"link": "link", "image": "image", "definition": "reference definition", "autolink": "autolink",
          "bare": "URL", "front-matter": "front-matter URL", "html": "HTML link"}


# A URL wrapped in quotation marks: curly from a word processor, or straight ones
_QUOTED = re.compile(r"[“”„\"‘’'](?=(?:https?|mailto|ftp):|www\.)([^\s“”„\"‘’']+)[“”\"‘’']?")


def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Finding]:
    """Report each problem of each URL; fix the certain slips."""
    ascii_hosts = bool(opts["ascii-hosts"])
    for target in targets(doc):
        quoted = _QUOTED.fullmatch(target.url) if target.source in ("link", "image", "definition") else None
        if quoted is not None:  # [x](“https://…”): pasted from a word processor with its quotes
            yield Finding(target.start, target.end, f"{_WHERE[target.source]}: the URL is in quotation marks, "
                          "so it is read as a relative path; delete them",
                          Fix.replace(target.start, target.end, quoted.group(1), "Delete the quotation marks",
                                      reshapes=True))
            continue
        for p in url_problems(target.url, target.source, ascii_hosts, target.angle) + local_host(target.url, target.source):
            start, end = target.start + p.start, target.start + p.end
            where = _WHERE[target.source] + (f" `{target.key}`" if target.source == "front-matter" else "")
            fix = None
            if p.replacement is not None:
                title = "Add the scheme" if "has no scheme" in p.message else \
                    "Write the host in Latin letters" if "look-alike" in p.message else "Repair the URL"
                fix = Fix.replace(start, end, p.replacement, title, p.safe, reshapes=True)  # a new destination
            yield Finding(start, end, f"{where}: {p.message}", fix)
        if target.source == "bare" and target.start > 0 and doc.text[target.start - 1].isalpha() \
                and target.url[:4].lower() in ("http", "www."):
            # "seehttps://…": a lost space glued the URL to the word before it
            yield Finding(target.start - 1, target.end, "bare URL glued to the word before it; add a space",
                          Fix.insert(target.start, " ", "Insert a space before the URL"))
