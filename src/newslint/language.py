"""An article's language when its front matter does not name one: the prose, then the path.

The prose decides when it plainly can: the body's function words (``the``, ``et``, ``und``,
``y``…) are counted per language over its first few thousand characters, and a language wins
with at least ``_MIN_HITS`` of them and half as many again as any other. A short or mixed text
(a French quotation in an English article) says nothing, except a short one whose few function
words are Polish and whose letters are plainly Polish too (ł, ś, ż, ź, ą, ę… one letter in fifty
or more): a Polish notice of three sentences has too few function words to count. So is a
short Czech or Slovak one by its letters (ř, ě, ů are Czech alone, ľ, ĺ, ŕ Slovak, among many
accented letters), and a short German one by six German function words or more, three times any
other language's, with its umlauts or ß and no å, æ or ø (Swedish, Danish and Norwegian write
den and die too), and a short Swedish one by three of its own function words with its å; a short
Spanish one by ¿ or ¡, a Portuguese one by ã or õ, an Italian one by è standing alone (each with
more of its function words than any other language's), a Dutch, French or Italian one by six function words, thrice any other's, and a
Danish or Norwegian one by five of the words it spells its own way with its ø or æ. Swedish,
Finnish, Danish and Norwegian are told by their function words too. A notice too short to tell
is read again with its title and description, which are written in its language. Then the
path: Hugo names a translation in the file name (``index.fr.md``) or keeps each language in its
own content folder (``content/fr/…``). The prose comes first because a site's untranslated copies sit under the
other language's folder in English. Else the configured language applies, as before.

A French article checked as English has every ``?`` after its space reported, its guillemets
called foreign and its apostrophes counted against the wrong habit; a Spanish one has each
inciso dash (``—así—``) reported. Reading the language from the text spares them.

Text in Cyrillic letters (sixty or more, three times the Latin ones: a sentence or two) is told
by its letters, not its words: Ukrainian writes і, ї, є and ґ,
Russian ы, э and ъ, Belarusian ў (with і and ы), Bulgarian ъ without ы or э; a text whose letters
are mostly Cyrillic and that shows one set plainly is in that language (a Ukrainian article was
read as English before, and its «…» called foreign quotation marks). Serbian and Macedonian
(ј, љ, њ…) and a text that does not say clearly are left to the path and the configuration.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter

from .patterns import lazy

# Function words, each listed for the languages that use it often and the others do not
# (a word two languages share, such as ``la`` or ``que``, counts for both and decides nothing).
_WORDS = {
    "en": "the and of to that with for this are have it not you be at by from which has but or they their "
          "been were would we our can more about there these what when who into its than them some only "
          "just if how all he she his her is",
    "fr": "le la les des est et une du que qui dans pour pas sur au aux avec ce cette sont nous vous il "
          "elle ne plus mais ou leur été être ces très je",
    "de": "der die das und ist nicht mit ein eine einen einem einer den dem von zu für auf sich auch wir "
          "ihr sie werden wird sind bei aus nach wie oder aber noch nur über dass im zum zur hat haben "
          "kann diese dieser man unsere uns euch wenn es",
    "es": "el la los las y que del por una para es lo como más pero sus está este esta fue muy también "
          "sin sobre ya hay entre cuando todo todos donde porque desde hasta eso",
    "it": "il la di che per non sono è della delle dei degli gli anche più nel nella alla questo questa "
          "molto essere stato hanno cui dal dalla sul sulla perché come una",
    "pt": "que não dos em uma com ao são foi também pelo pela isso esse essa muito seu sua já há os "
          "como este esta por para",
    "nl": "het een van dat op voor zijn niet ook aan maar bij wordt worden deze dit naar heeft hebben "
          "nog wel geen onze ons jullie wij hun uit door",
    # Polish: the words Czech, Slovak and English do not share (not na, do, po, z, że, ale, jak)
    "pl": "się nie jest są oraz przez dla czy tylko jego tym także może już bardzo w który która które "
          "będzie został została można jednak również gdy lub tego tej być",
    # Czech and Slovak: the words each writes and Polish does not (jsou/sú, který/ktorý, pro/pre;
    # že and už are both theirs)
    "cs": "jsme jsou jsem není který která které také pro že nebo byl byla bylo což při než jejich "
          "podle může tento toto této jen když mezi ještě proto kde taky už",
    "sk": "sú som sme ktorý ktorá ktoré pre alebo tiež ako aj sa bol bola bolo keď že už len",
    # Swedish and Finnish (whose quotation marks are ”…”): words Danish and Norwegian do not share
    "sv": "och att är för inte ett jag från också när vid alla våra hade kunde mycket",
    # Danish and Norwegian (Bokmål): the words each spells its own way (af/av, efter/etter, hvad/hva,
    # mig/meg, blev/ble, nogle/noen, havde/hadde, meget/mye; Norwegian's infinitive å)
    "da": "af efter hvad mig dig blev nogle havde meget hvordan ud dag",
    "nb": "av etter hva meg deg ble noen hadde mye hvordan ut å",
    # (not ja, on, se: Polish ja, Czech on and se)
    "fi": "ei että oli kun mutta myös tai ovat olla ole olemme hän sekä vain kuin jos niin tämä "
          "joka jotka mukaan voi",
}
_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _WORDS.items():
    for _w in _words.split():
        _LANGS[_w] = _LANGS.get(_w, ()) + (_lang,)
_KNOWN = frozenset(_LANGS)


def function_words(lang: str) -> frozenset[str]:
    """The function words this module counts for ``lang`` (empty for a language it does not know)."""
    return _FUNCTION_SETS.get(lang, frozenset())


_FUNCTION_SETS = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
_SAMPLE = 2500  # characters of body prose read: enough for a hundred function words or more
_MIN_HITS = 12

# Hugo: ``name.fr.md`` (translation by file name) and ``content/fr/…`` (by content folder).
_CODES = frozenset(("en de fr es it pt nl pl ru uk be sv da nb nn no fi cs sk sl hr sr ro hu "
                    "el tr ca gl eu et lv lt ja zh ko ar he fa").split())
_FILE_SUFFIX = lazy(r"\.([a-z]{2})(?:[-_]([a-z]{2}))?\.(?:md|markdown|mdx)$", re.I)
_CONTENT_DIR = lazy(r"(?:^|[/\\])content[/\\]([a-z]{2})(?:[-_]([a-z]{2}))?[/\\]", re.I)


# Languages named rather than coded in the front matter (lang: Español, language: German): the
# name in the language itself and in English, lower case, each to its ISO 639-1 code.
_NAMES = {name: code for code, names in {
    "en": "english", "fr": "français francais french", "de": "deutsch german", "es": "español espanol spanish castellano",
    "it": "italiano italian", "pt": "português portugues portuguese", "nl": "nederlands dutch",
    "pl": "polski polish", "cs": "čeština cestina czech", "sk": "slovenčina slovencina slovak",
    "sv": "svenska swedish", "fi": "suomi finnish", "da": "dansk danish", "no": "norsk norwegian",
    "ru": "русский russian", "uk": "українська ukrainian", "ca": "català catala catalan",
}.items() for name in names.split()}


def from_name(value: str) -> str | None:
    """The code of a language the front matter names in words (``Español`` → ``es``), else None."""
    return _NAMES.get(value.strip().lower())


def from_path(path: str | None) -> str | None:
    """The language a Hugo path names (``index.fr.md``, ``content/fr/post.md``), or None."""
    if not path:
        return None
    for rx in (_FILE_SUFFIX(), _CONTENT_DIR()):
        m = rx.search(path)
        if m and m.group(1).lower() in _CODES:
            return m.group(1).lower() + (f"-{m.group(2).lower()}" if m.group(2) else "")
    return None


def from_prose(prose: str) -> str | None:
    """The language the prose is plainly written in, or None when it does not say clearly."""
    # Whitespace-split words, tallied in C; a word with punctuation attached (``end.``) is not
    # counted, which costs little, as function words rarely end a clause.
    sample = prose[:_SAMPLE].lower()
    the = sample.count(" the ")
    if the >= 5 and the >= sample.count(" de "):
        return "en"  # the common case, settled by two scans in C ("de" leads French, Spanish, Dutch…)
    if _CYRILLIC().search(sample):
        cyrillic = _cyrillic(sample)
        if cyrillic:
            return cyrillic
    tally = Counter(sample.split())
    counts: Counter[str] = Counter()
    for word in tally.keys() & _KNOWN:
        n = tally[word]
        for lang in _LANGS[word]:
            counts[lang] += n
    (best, n), *rest = counts.most_common(2) + [("", 0), ("", 0)]
    if n >= _MIN_HITS and 2 * n >= 3 * rest[0][1]:
        return best
    if counts["pl"] >= n and _polish_letters(sample):
        return "pl"  # a short Polish text: too few function words to count, but its letters tell it
    if counts["cs"] + counts["sk"] >= n:
        for lang, signs in (("cs", "ěřů"), ("sk", "ľĺŕ")):
            if sum(map(sample.count, signs)) >= _MIN_SIGNS and _diacritics_share(sample):
                return lang  # a short Czech or Slovak notice: ř, ě and ů are Czech alone, ľ, ĺ and ŕ Slovak
    if best == "sv" and n >= _MIN_SWEDISH and n >= 2 * rest[0][1] and "å" in sample:
        return "sv"  # a short Swedish notice: its own function words (twice any other's) and its å
    if best in ("da", "nb") and n >= _MIN_SWEDISH + 1 and n >= 3 * rest[0][1] and ("ø" in sample or "æ" in sample):
        return best  # a short Danish or Norwegian notice: its own spellings (thrice the other's) and its ø, æ
    if best == "es" and n >= _MIN_SWEDISH and n > rest[0][1] and ("¿" in sample or "¡" in sample):
        return "es"  # a short Spanish notice: more of its function words than any other's, and ¿ or ¡
    if best == "pt" and n >= _MIN_SWEDISH and n > rest[0][1] and ("ã" in sample or "õ" in sample):
        return "pt"  # a short Portuguese one: the same, and ã or õ
    if best == "it" and n >= _MIN_SWEDISH and n > rest[0][1] and " è " in sample:
        return "it"  # a short Italian one: the same, and è standing alone (Italian's "is"; no other language's word)
    if best in ("nl", "fr", "it") and n >= _MIN_SHORT and n >= 3 * rest[0][1]:
        return best  # a short Dutch, French or Italian one: six function words, thrice any other's
    if best == "de" and n >= _MIN_SHORT and n >= 3 * rest[0][1] and _german_letters(sample):
        return "de"  # a short German notice: its function words (thrice any other's), umlauts or ß
    return None


_CZECH_SLOVAK = "áäčďéěíĺľňóôŕřšťúůýž"
_MIN_SHORT = 6  # function words of one language, and of no other, in a short text with its letters
_MIN_SWEDISH = 3  # (Swedish's are its alone: och, att, är, inte, från, när are no Danish or Norwegian words)


def _diacritics_share(sample: str) -> bool:
    """Do Czech and Slovak accented letters make one letter in fifty or more of the sample (not a
    Czech name or two in another language's text: Dvořák, Škoda)?"""
    accented = sum(map(sample.count, _CZECH_SLOVAK))
    return accented >= _MIN_POLISH and 50 * accented >= sum(map(len, _LATIN_LETTERS().findall(sample)))


def _german_letters(sample: str) -> bool:
    """German umlauts or ß, and none of the Scandinavian letters (å, æ, ø) whose languages share
    a few words with German (den, die in Swedish, Danish and Norwegian copy)."""
    return sum(map(sample.count, "äöüß")) >= _MIN_SIGNS and not any(ch in sample for ch in "åæø")


_POLISH = "ąęłśźżćń"  # (ą and ę are Lithuanian too, ć Croatian: ł, ś, ż and ź are Polish alone)
_MIN_POLISH = 10      # Polish letters: a sentence or two of Polish has them (about 6 % of its letters)


def _polish_letters(sample: str) -> bool:
    """Does a sample whose function words lean Polish show Polish letters plainly: enough of
    them, ł, ś, ż or ź among them, and one letter in fifty or more (a Polish name or two in
    another language's text does not: Łódź, Wałęsa)?"""
    count = sample.count
    polish = sum(map(count, _POLISH))
    if polish < _MIN_POLISH or sum(map(count, "łśżź")) < _MIN_SIGNS:
        return False
    return 50 * polish >= sum(map(len, _LATIN_LETTERS().findall(sample)))


_WORD = lazy(r"[^\W\d_]+")  # (split at apostrophes: you've → you, ve; qu'il → qu, il)


def passage_counts(text: str) -> Counter[str]:
    """The function words of a sentence or paragraph, counted per language."""
    counts: Counter[str] = Counter()
    for word in _WORD().findall(text.lower()):
        for lang in _LANGS.get(word, ()):
            counts[lang] += 1
    return counts


def passage_language(counts: Counter[str]) -> str | None:
    """The language a sentence's function words (``passage_counts``) plainly name: two of them
    or more, and more than three times as many as any other language has, plus two (an English
    sentence in a French article, "P.S.: Have you been there yet?", and not a French one that
    names an English title, « How to Build the Future », beside its own words)."""
    (best, n), *rest = counts.most_common(2) + [("", 0), ("", 0)]
    return best if n >= 2 and n >= 3 * rest[0][1] + 2 else None


_CYRILLIC = lazy(r"[\u0430-\u045f]")
_CYRILLIC_LETTERS = lazy(r"[\u0430-\u045f]{2,}")
_LATIN_LETTERS = lazy(r"[a-z]{2,}")
_MIN_LETTERS = 60  # Cyrillic letters, in words of two or more: a sentence or two (three times the Latin ones)
_MIN_SIGNS = 3      # letters that tell the language apart


def _cyrillic(sample: str) -> str | None:
    """The language of a sample written mostly in Cyrillic letters, when its letters tell it."""
    cyrillic = sum(map(len, _CYRILLIC_LETTERS().findall(sample)))
    latin = sum(map(len, _LATIN_LETTERS().findall(sample)))
    if cyrillic < _MIN_LETTERS or cyrillic < 3 * latin:
        return None
    count = sample.count
    if sum(map(count, "јљњђћџѓќѕ")) >= _MIN_SIGNS:
        return None  # Serbian, Macedonian: no tables for them here
    ukrainian = sum(map(count, "іїєґ"))
    russian = sum(map(count, "ыэъё"))
    if count("ў") >= _MIN_SIGNS and count("ы") and count("і"):
        return "be"
    if ukrainian >= _MIN_SIGNS and ukrainian >= 3 * russian:
        return "uk"
    if russian >= _MIN_SIGNS and russian >= 3 * ukrainian:
        return "ru" if count("ы") + count("э") else "bg"
    return None


# An HTML element that declares the language of its text (<section lang="fr">, <div
# data-lang="fr" markdown="1">, xml:lang): multilingual posts keep each translation in one.
_DECLARED = lazy(r"<([A-Za-z][\w-]*)\b[^<>]*?\s(?:xml:lang|data-lang|lang)\s*=\s*[\"']?([A-Za-z]{2,3})\b[^<>]*>")


def declared_sections(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """The stretches of ``text`` after ``start`` inside an HTML element that declares its
    language (``lang``, ``xml:lang`` or ``data-lang``), with that language in lower case and
    without its region: from the end of the opening tag to the start of its closing tag (the
    end of the text when it is never closed), outermost first.

    One pass over the tags: each tag name keeps a stack of its open elements, so a closing tag
    ends the element of its name opened last (a search for each element's closing tag from its
    opening one took time in the square of the number of elements: 30,000 were minutes)."""
    if "lang" not in text:
        return []
    out: list[tuple[int, int, str]] = []
    open_by_name: dict[str, list[int | None]] = {}  # tag name → its open elements: index in out, or None
    for t in _TAG().finditer(text, start):
        if t.group(3):
            continue  # <tag/>
        stack = open_by_name.setdefault(t.group(2).lower(), [])
        if t.group(1):  # a closing tag
            if stack:
                k = stack.pop()
                if k is not None:
                    out[k] = (out[k][0], t.start(), out[k][2])
            continue
        declared = _DECLARED().match(text, t.start())
        if declared is None:
            stack.append(None)
        else:
            stack.append(len(out))
            out.append((t.end(), len(text), declared.group(2).lower()))
    return out


_TAG = lazy(r"<(/?)([A-Za-z][\w-]*)\b[^<>]*?(/?)>")


class Sections:
    """The language that ``declared_sections`` gives each offset (the innermost element's),
    found by bisection: a rule asks at every mark, and an article may have thousands of them."""

    def __init__(self, sections: list[tuple[int, int, str]]) -> None:
        # The innermost element at an offset is the one that contains it and opened last. A sweep
        # over the elements' ends and starts gives the offsets where that changes.
        bounds = sorted({p for s, e, _ in sections for p in (s, e)})
        starting: dict[int, list[int]] = {}
        ending: dict[int, list[int]] = {}
        for k, (s, e, _) in enumerate(sections):
            starting.setdefault(s, []).append(k)
            ending.setdefault(e, []).append(k)
        active: list[int] = []  # heap of -k: the element opened last on top
        ended: set[int] = set()
        self._at: list[int] = []
        self._lang: list[str | None] = []
        for p in bounds:
            ended.update(ending.get(p, ()))
            for k in starting.get(p, ()):
                heapq.heappush(active, -k)
            while active and -active[0] in ended:
                heapq.heappop(active)
            self._at.append(p)
            self._lang.append(sections[-active[0]][2] if active else None)

    def __bool__(self) -> bool:
        return bool(self._at)

    def at(self, offset: int) -> str | None:
        """The language an enclosing element declares at ``offset`` (the innermost), or None."""
        k = bisect.bisect_right(self._at, offset) - 1
        return self._lang[k] if k >= 0 else None
