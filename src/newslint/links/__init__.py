"""The links of an article, found once and shared by the link and URL rules (NL13x).

One module a concern, each analysis memoised on the document (``doc.memo("links.…")``), so
the rules that ask for the same thing cost one pass:

    view.py      the link view: the text with what is never link syntax (code, HTML,
                 templates, URLs, entities, escapes) blanked, so brackets left are syntax
    markdown.py  the Markdown links, images and reference uses, and the link reference
                 definitions (also those kramdown accepts and CommonMark does not)
    targets.py   every URL the article points at, with its exact span: link and image
                 destinations, autolinks, definitions, bare URLs, HTML href/src, front matter
    broken.py    link syntax that renders as text (broken-link-syntax, NL132)
    url.py       one URL's syntax problems: scheme slips, spaces, stray "%", parentheses, mailto
    host.py      one URL's host: RFC 3986 and DNS names, IDN (UTS 46), punycode, look-alikes
    problem.py   Problem: what is wrong with one URL, where in it, and its repair
"""
