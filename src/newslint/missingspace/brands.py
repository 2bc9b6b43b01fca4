"""A stop before a name written with a lower-case letter before its capital (``on Friday.iOS
users``, ``the new app.eBay sellers``): typography's scan keeps these stops apart from those before a
capital. Not a code name (``chart.xAxis``, ``the http.rCookie field``).
"""

from __future__ import annotations

from typing import Any

from ..patterns import lazy
from ..resources import english_words
from .wordhabits import stands_alone
from .glued import CAMEL, OPENERS, has_code, tokens
from .stops import CODE_NOUN


# A stop, then a name written with a lower-case letter before its capital (iOS, eBay, iPhone), then
# the clause goes on
DOT_BRAND = lazy(r"\.(?=[a-z][A-Z][A-Za-z]*(?:['’]s)?[,;:!?)”’]?(?:[ \n]|\Z))")
_BRAND = lazy(r"[a-z][A-Z][A-Za-z]*")


def brand_opens(pt: str, i: int, latin: Any, text: str) -> bool:
    """on Friday.iOS users, the new app.eBay sellers: after a plain English word (not an initial,
    an identifier or a name in CamelCase) and a stop, a name such as iOS or eBay opens the next
    sentence. Not a code name (chart.xAxis, the http.rCookie field): in an article that shows code
    only a name the article also writes alone, and never one the article writes so twice."""
    left, right = tokens(pt, i)
    word = left.lstrip(OPENERS)
    brand = _BRAND().match(right)
    if brand is None or not (len(word) > 1 and word.isalpha()) or CAMEL().search(word) \
            or not (word in english_words() or word.lower() in english_words()):
        return False
    name = brand.group()
    if CODE_NOUN().match(pt, i + 1 + len(right)) or pt.count(f"{word}.{name}") > 1:
        return False
    return not has_code(text) or stands_alone(latin(), name)
