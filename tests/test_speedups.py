"""The speed-ups change nothing: same tokens, same prose spans, same findings as the plain way.

mdblock skips markdown-it rules that cannot match a line; prose._scan_line tries the inline
pattern only where inline syntax can start; NL102/NL103 start their patterns at a literal.
Each is compared here with the straightforward version on generated Markdown built from the
constructs that interact at line starts (setext underlines, tables, lists, quotes, fences,
HTML, references, indented code, lazy continuation).
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import block_parsers
from conftest import block_tokens as tokens
from newslint import prose
from newslint.document import Document

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parent / "data"


STOCK, FAST = block_parsers()

LINES = [
    "Plain prose line.", "A second line of the same paragraph.", "", "", "===", "---", "- - -", "***", "___",
    "- item", "* item", "+ item", "1. first", "2) second", "10. ten", "   - indented item", "  continued",
    "> quoted", "> > nested quote", ">", "lazy continuation", "```", "```python", "~~~", "    indented code",
    "\tTabbed code", "# Heading", "###### Six", "####### seven", "#hashtag", "<div>", "</div>", "<!-- c -->",
    "<span>inline</span> text", "<p>", "[ref]: https://example.com 'T'", "[ref]", "[not a ref", "| a | b |",
    "|---|---|", "| 1 | 2 |", "a | b", "--- | ---", ":-- | --:", "-|-", "1 | 2", "Title", "=", "  ==  ",
    "*emphasis* start", "_under_ start", "2015 was a year.", "<https://auto.link>", "{{< shortcode >}}",
    "   > quote in indent", "- > quote in list", "1. # heading in list", "> - list in quote", "- ```",
    "  ```", "text with `code` and https://example.com/x.", "\\# escaped", "&amp; entity", "![img](x.png)",
    "a NUL \0 inside", "a CR\r\nline", "lone CR\rhere",
]


markdown = st.lists(st.sampled_from(LINES), min_size=1, max_size=40).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(markdown)
def test_block_tokens_are_those_of_stock_markdown_it(text: str) -> None:
    assert tokens(FAST, text) == tokens(STOCK, text)


def test_block_tokens_on_real_articles() -> None:
    paths = sorted(FIXTURES.rglob("*.md")) + sorted(DATA.glob("*.md"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert tokens(FAST, text) == tokens(STOCK, text), path


@settings(max_examples=200, deadline=None)
@given(markdown)
def test_prose_spans_are_those_of_the_stock_parser(text: str) -> None:
    doc = "---\ntitle: x\n---\n" + text + "\n"
    fast = Document(doc)
    original = prose._parser
    try:
        prose._parser = lambda: STOCK  # type: ignore[assignment]
        stock = Document(doc)
        assert [(b.kind, b.start, b.end, b.spans) for b in fast.blocks] == \
               [(b.kind, b.start, b.end, b.spans) for b in stock.blocks]
        assert fast.prose_index.masks == stock.prose_index.masks
        assert fast.prose_text == stock.prose_text
    finally:
        prose._parser = original  # type: ignore[assignment]


# -- the inline scan --------------------------------------------------------------------------


def reference_scan(line: str) -> tuple[list, list]:
    """The scan as first written: ``_INLINE.search`` from every position."""
    spans: list = []
    masks: list = []
    if not re.search(r"[`<{!\[\]&\\]|://|www\.", line):
        return ([(0, len(line))] if line else []), []
    pos = prose_from = 0
    while True:
        m = prose._INLINE.search(line, pos)
        if m is None:
            break
        kind = m.lastgroup or ""
        s, e = m.start(), m.end()
        if kind == "code":
            close = re.compile(r"(?<!`)`{%d}(?!`)" % (e - s)).search(line, e)
            if close is None:
                pos = e
                continue
            e = close.end()
        elif kind == "url":
            e = prose._trim_url(line, s, e)
        elif kind == "dest":
            s += 1
        if s > prose_from:
            spans.append((prose_from, s))
        masks.append((s, e, kind))
        prose_from = pos = e
    if prose_from < len(line):
        spans.append((prose_from, len(line)))
    return spans, masks


PIECES = ["word", " ", "`", "``", "<", ">", "<!--", "-->", "<b>", "</i>", "{{<", ">}}", "{{%", "{%", "%}", "{{",
          "}}", "![", "[", "]", "](", "(", ")", "[^1]", "https://", "http://", "ftp://", "ftps://", "www.",
          "example.com", ".", ",", "&amp;", "&#39;", "\\*", "\\", "<a@b.c>", "'", '"', "x", "wwww.", "h"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_inline_scan_is_that_of_a_search_from_every_position(line: str) -> None:
    spans: list = []
    masks: list = []
    prose._scan_line(line, 0, len(line), spans, masks)
    assert (spans, masks) == reference_scan(line)


# -- the two core rules -----------------------------------------------------------------------

SPACES = st.lists(st.sampled_from(["a", "b.", " ", "  ", "   ", "\t", "\u00a0", "\u202f", "\u2003", ",", ".", "!",
                                   "?", ";", ":", "...", "…", ".5", "\n", '"', "”", "»", "`x`", "A", "1", "Then", "Gov", "'", "s"]),
                  max_size=30).map("".join)


def _label_or_placeholder(pt: str, spaces: int, end: int) -> bool:
    """The rule's two places for a spaced ? or ! on purpose: a label's value not yet known
    ("_Dopad projektu:_ ?" at a line's end) and an ellipsis standing alone for a word ("the water
    in … ?")."""
    label = pt[max(0, spaces - 6): spaces].rstrip("*_")[-1:] == ":" and pt[end: end + 1] in ("\n", "\ue000", "")
    placeholder = re.compile(r"(?:^|\s)…\Z").search(pt, max(0, spaces - 12), spaces) is not None
    return label or placeholder


@settings(max_examples=600, deadline=None)
@given(SPACES)
def test_space_before_punctuation_matches_the_lookbehind_pattern(body: str) -> None:
    from newslint.rules import space_before_punctuation as rule

    doc = Document("---\ntitle: x\n---\n" + body + "\n")
    marks = re.escape(",.;:!?")
    # (since issue 4 a mark before another mark counts too, " .," as well as " ., ": the space
    # before a mark must not be judged by what the fix of the next mark's space leaves behind)
    # (and since 8026295 a comma or semicolon stuck to the next word: "Medinsky ,said")
    old = re.compile(r"(?<=[^\s\ue000])([ \t\u00a0\u202f]+)([%s])(?!\2|(?<=\.)…|(?<=[:;])[)\]])"
                     r"(?=[\s\ue000\"”’»)\]…]|[%s]|$|(?<=[,;])[^\W\d_])"
                     % (marks, re.escape(".!?,;:")), re.M)
    # (since multifix: a stop, "?" or "!" stuck to a capitalised word after a lower-case word,
    # "base .This", not a domain word, ".Gov"; and a comma, semicolon or stop typed twice after
    # the space, "home ,, then", "home .. Then", a stop only before a capital or the line end)
    swapped = re.compile(r"(?<=[^\s\ue000])([ \t\u00a0\u202f]+)([.?!])(?=[A-Z][a-z]+(?:['’][a-z]+)?(?:[\s,;:!?)”’\"\ue000]|$))", re.M)
    doubled = re.compile(r"(?<=[^\s\ue000])([ \t\u00a0\u202f]+)([,;.])(?=\2(?!\2|…))", re.M)
    pt = doc.prose_text

    def stop_ok(m: re.Match) -> bool:
        if m.re is doubled:
            nxt = pt[m.end(2) + 1: m.end(2) + 7].lstrip(" \t\u00a0\u202f")[:1]
            return m.group(2) != "." or nxt == "" or nxt.isupper() or nxt in "\n\ue000"
        if m.re is swapped:
            word = re.match(r"[A-Za-z]+", pt[m.end(2):]).group()
            left = pt[m.start(1) - 1]
            return word.lower() not in ("gov", "net") and (left.islower() or left in ")”’\"")
        return not (m.group(2) == "." and pt[m.end(2): m.end(2) + 7].lstrip(" \t\u00a0\u202f")[:1] == ".")

    found = sorted({(m.start(1), m.end(2), m) for r in (old, swapped, doubled) for m in r.finditer(pt)},
                   key=lambda t: t[:2])
    expected = sorted({(s, e) for s, e, m in found
                       if m.group(2) in ",.;:!?" and stop_ok(m)
                       and not (m.group(2) in ",;:" and pt[m.start(1) - 1] == m.group(2))
                       and not (m.group(2) == "." and pt[m.start(1) - 1] == ".")
                       and not (m.group(2) in "?!" and _label_or_placeholder(pt, m.start(1), m.end(2)))})
    # (a spaced ellipsis, ". . .", is left alone on purpose since issue 4)
    assert [(f.start, f.end) for f in rule.check(doc, {"marks": ",.;:!?", "french-space": "\u202f"})] == expected


@settings(max_examples=600, deadline=None)
@given(SPACES)
def test_repeated_space_patterns_match_the_lookbehind_patterns(body: str) -> None:
    from newslint.rules import repeated_space as rule

    text = Document("---\ntitle: x\n---\n" + body + "\n").prose_text
    old = re.compile(r"(?<=[^\s\ue000]) {2,}(?=[^\s\ue000])")
    runs = [m for m in rule._RUN().finditer(text) if text[m.start() - 1] != "\ue000" and text[m.end()] != "\ue000"]
    assert [m.span() for m in runs] == [m.span() for m in old.finditer(text)]  # (the runs between words)
    old_gap = re.compile(r"(?<=[.!?…])[\"”’)\]*_]*( +)(?=[\"“‘(\[*_]*[A-Z0-9])")
    double = sum(1 for m in old_gap.finditer(text) if len(m.group(1)) >= 2)
    # (since issue 4 the habit is read from the runs the rule found, not from a second pass)
    assert rule._two_space_habit(text, runs) == (double >= 2)


# -- missing-space-after-punctuation's per-text indexes ----------------------------------------

GLUED = st.lists(st.sampled_from(["Ab", "Cd", "ab", "x", "1", ".", ". ", ", ", "! ", "? ", " ", "_", "²", "é",
                                  "Cd,", "xAb", "Cdx", "\ue000", "\n"]), max_size=40).map("".join)


@settings(max_examples=800, deadline=None)
@given(GLUED, st.sampled_from(["Ab", "xAb", "ab1"]), st.sampled_from(["Cd", "Cd,", "Cdx", "Cdé"]))
def test_glued_stop_indexes_answer_as_a_search_of_the_whole_text(pt: str, left: str, right: str) -> None:
    from newslint.missingspace import wordhabits

    # how often left.right is written with no letter or digit glued to either end
    lead, tail = re.match(r"[^\W_]+", right).group(), right[len(re.match(r"[^\W_]+", right).group()):]
    whole = re.compile(r"(?<![^\W_])%s\.%s(?![^\W_])%s" % (re.escape(left), re.escape(lead), re.escape(tail)))
    assert wordhabits.glued_count(pt, left, right) == len(whole.findall(pt))

    def opens(word: str) -> bool:  # the search from every occurrence that the index replaced
        found, j = False, pt.find(word)
        while j >= 0:
            end = j + len(word)
            if end >= len(pt) or not pt[end].isalpha():
                before = pt[max(0, j - 3): j]
                if before[-1:] == " " and before[-2:-1] in ".!?":
                    found = True
                elif before[-1:] == " " and (before[-2:-1].islower() or before[-2:-1] == ","):
                    return False
            j = pt.find(word, j + 1)
        return found

    for word in ("Cd", "Cdx", "Ab", "Cdé"):
        assert (wordhabits.word_places(pt).get(word) is True) == opens(word), word


# -- the rule packs' shared candidate scan -------------------------------------------------------

WORDS = st.lists(st.sampled_from(["would", " ", "  ", "of", "Would", "_would", "x", "1", "12", "\n", "\u00a0", "-", "—",
                                  "“", "(", "\ue000", "[", "]", "click", "here", "é", "_", "could", "wouldn't",
                                  "first-come", "tow", "utilize", ".", ",", "ſ", "İ"]),
                 max_size=30).map("".join)


@settings(max_examples=800, deadline=None)
@given(WORDS)
def test_pack_candidate_scan_is_a_word_boundary_search_from_every_position(body: str) -> None:
    from newslint import packrules, packs
    from newslint.config import Config

    packs.pack_rules(Config())  # the shipped pack's rules register their prefixes
    assert packrules._WORD_START
    doc = Document("---\ntitle: x\n---\n" + body + "\n")
    found = packrules.candidates(doc)
    lowered = doc.prose_text.lower().replace("\n", " ").replace("\u00a0", " ")
    if len(lowered) != len(doc.prose_text):
        assert found is None
        return
    old = re.compile(r"\b(?=" + packrules._trie(packrules._WORD_START) + ")")
    assert found == (lowered, [m.start() for m in old.finditer(lowered)])


NAME_TEXT = st.lists(st.sampled_from([
    " ", "  ", "\n", "\n  ", "\u00a0", ". ", ", ", "Smith", "Smith’s", "Smith's", "Jo's", "John", "Mary", "Dr", "Dr.",
    "General", "The", "But", "de", "van", "Van", "O’Brien", "McDonald", "Jean-Paul", "Anna", "Ivanovich", "S.",
    "Bitcoin", "Core", "President", "This’s", "General’s", "Thanks", "Lloyd", "Austin", "said", "x", "İstanbul", "Émile"]), max_size=25).map("".join)


@settings(max_examples=800, deadline=None)
@given(NAME_TEXT)
def test_names_survey_of_one_word_runs_is_that_of_parse(text: str) -> None:
    from collections import Counter

    from newslint.names import data, mentions

    out = mentions._survey(text)
    runs = Counter(mentions._SEQ.findall(text))
    titles, stopwords, _ = data.words()
    bare: Counter[str] = Counter()
    full: dict[str, dict[str, int]] = {}
    titled: set[str] = set(mentions._ABBREVIATED().findall(text)) if not mentions._ABBREVIATIONS.isdisjoint(runs) else set()
    for run in runs.keys() - stopwords - titles:  # every run through parse(), as before the fast path
        p = mentions.parse(run)
        if p is None:
            continue
        if p.given:
            full.setdefault(p.surname, {}).setdefault(p.given, 0)
            full[p.surname][p.given] += runs[run]
        else:
            bare[p.surname] += runs[run]
            if p.titled:
                titled.add(p.surname)
    assert (out.bare, out.full, out.titled) == (bare, full, titled)


def reference_parse(run: str):
    """names.mentions.parse as it was before the survey's shortcut: every word walked."""
    from newslint.names import data
    from newslint.names.mentions import _INITIAL, _PATRONYMIC, _WORD, Parsed

    titles, stopwords, particles = data.words()
    words = [(w.start(), w.end(), w.group(0)) for w in _WORD().finditer(run)]
    ws, we, last = words[-1]
    if last.endswith(("’s", "'s")) and len(last) > 3:
        words[-1] = (ws, we - 2, last[:-2])
    titled = False
    i = 0
    while i < len(words):
        word = words[i][2]
        bare = word.rstrip(".")
        if bare in titles:
            titled = True
        elif bare in stopwords or word in particles or _INITIAL().match(word):
            titled = False
        else:
            break
        i += 1
    names = [w for w in words[i:] if w[2] not in particles and not _INITIAL().match(w[2])]
    if not names:
        return None
    ss, se, surname = names[-1]
    if len(names) == 1:
        return Parsed(surname, ss, se, titled=titled)
    for gs, ge, given in names[-3:-1]:  # (two words before the surname first: José Martín Martínez)
        if given in data.given_names() and not _PATRONYMIC().search(given):
            return Parsed(surname, ss, se, given, gs, ge, titled)
    return None


# Runs of several words: given names, titles, sentence words, particles, initials, possessives,
# a masked list indent after a line break, names that are given names too (Austin, Lloyd).
RUN_TEXT = st.lists(st.sampled_from([
    " ", " ", " ", "\n", "\n\ue000 ", "\n \ue000\ue000", "\u00a0", "Smith", "Smith’s", "Jo's", "John", "Mary",
    "Mr", "Dr", "General", "President", "The", "But", "In", "de", "van", "della", "O’Brien", "McDonald",
    "Jean-Paul", "Anna", "Ivanovich", "Petrovna", "S.", "J.", "Bitcoin", "Core", "Lloyd", "Austin", "Will",
    "Émile", "Łukasz", "Zelensky", "Volodymyr", "Kim"]), min_size=1, max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(RUN_TEXT)
def test_names_parse_and_read_agree_with_the_word_by_word_parse(text: str) -> None:
    from newslint.names import mentions

    for run in mentions._SEQ.findall(text):
        want = reference_parse(run)
        assert mentions.parse(run) == want, run
        assert mentions.read(run) == (None if want is None else (want.surname, want.given, want.titled)), run


# -- URLs that need no checking ----------------------------------------------------------------

@settings(max_examples=1500, deadline=None)
@given(st.from_regex(r"\Ahttps?://(?:[a-zA-Z0-9\-]{1,6}\.){0,3}[a-zA-Z0-9\-]{1,8}(?::[0-9]{1,5})?"
                     r"(?:[/?#][a-zA-Z0-9\-._~!$&'*+,;=:@/?#%()\[\] ]{0,12})?\Z"),
       st.sampled_from(["link", "image", "definition", "autolink", "bare", "front-matter"]), st.booleans())
def test_a_url_the_clean_pattern_takes_has_no_problem(url: str, source: str, ascii_hosts: bool) -> None:
    from newslint.links import url as one_url

    if one_url._CLEAN.fullmatch(url):
        assert one_url._url_problems(url, source, ascii_hosts, False) == ()
    assert one_url.url_problems(url, source, ascii_hosts) == one_url._url_problems(url, source, ascii_hosts, False)


def test_the_clean_pattern_takes_the_common_urls() -> None:
    from newslint.links import url as one_url

    for url in ("https://www.nytimes.com/2024/01/02/us/politics/x.html", "http://example.org",
                "https://a.b.co.uk/p?q=1&r=two#frag", "https://localhost:8080/"):
        assert one_url._CLEAN.fullmatch(url)
    for url in ("https://http//x.org", "https://-a.org", "https://1.2.3.4/", "https://a..b/", "https://a.org/%zz",
                "https://a.org/(x", "HTTPS://a.org", "https://a.org:99999/", "https://é.org/",
                "https://xn--pple-43d.com/", "https://www.XN--zz.de/"):
        assert not one_url._CLEAN.fullmatch(url)


# -- jsonschema only when something is invalid ------------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([0.0, 1.0, 1.5]) | st.text("ab", max_size=2),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("ab", max_size=2), inner, max_size=3),
                    max_leaves=8)


@settings(max_examples=500, deadline=None)
@given(JSON, JSON)
def test_fastschema_equal_is_jsonschemas(one, two) -> None:
    from jsonschema._utils import equal as reference

    from newslint.fastschema import equal

    assert equal(one, two) == reference(one, two)
    assert equal(one, one)


CONFIG_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-1, 3), st.text(max_size=6),
                          st.lists(st.sampled_from(["NL1", "ALL", "", "repeated-space", "x"]), max_size=3),
                          st.sampled_from(["error", "warning", "info", "fatal"]),
                          st.dictionaries(st.sampled_from(["content/**", "repeated-space", "NL102", "severity",
                                                           "enabled", "x"]),
                                          st.one_of(st.sampled_from(["error", "info", "loud"]), st.booleans(),
                                                    st.lists(st.sampled_from(["NL1", ""]), max_size=2),
                                                    st.dictionaries(st.sampled_from(["severity", "enabled", "marks"]),
                                                                    st.sampled_from(["error", "x", True, 3]),
                                                                    max_size=2)),
                                          max_size=3))
CONFIG_KEYS = ["include", "exclude", "respect-gitignore", "select", "ignore", "extend-select", "per-file-ignores",
               "fail-on", "language", "prose-fields", "allow-yaml-aliases", "rules", "cache", "cache-dir", "schemas",
               "selct"]


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(CONFIG_KEYS), CONFIG_VALUES, max_size=4))
def test_config_fast_check_agrees_with_jsonschema(table) -> None:
    from newslint import config
    from newslint.resources import load_json
    from newslint.schema import validator_for

    errors = list(validator_for(load_json("schemas", "config.schema.json")).iter_errors(table))
    assert config._config_fast_check()(table) == (not errors)


def test_a_valid_config_and_article_never_import_jsonschema(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "newslint.toml").write_text('fail-on = "error"\n[rules.repeated-space]\nseverity = "info"\n',
                                            encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: Talks resume\ndate: 2022-05-31T05:32:23+03:00\ntags: [war]\n---\n\n"
                                   "Talks resumed , officials said.\n", encoding="utf-8")
    code = ("import sys; from newslint.cli import main; sys.argv = ['newslint', 'check', '--no-cache', 'a.md']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('imported:', sorted(m for m in sys.modules if m.startswith('jsonschema')), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "NL102" in out.stdout  # it did lint
    assert "imported: []" in out.stderr, out.stderr


def test_a_run_on_one_article_imports_only_what_it_uses(tmp_path: Path) -> None:
    """A pre-commit run on one staged file pays for every import: the modules that only some
    runs need (user patterns, globs, a config file, temporary files, error hints, a fix) wait."""
    import subprocess
    import sys

    (tmp_path / "a.md").write_text("---\ntitle: Talks resume\ndate: 2022-05-31T05:32:23+03:00\ntags: [war]\n---\n\n"
                                   "Talks resumed , officials said. Keir Starmer met Starmer’s aides.\n", encoding="utf-8")
    late = ["regex", "pathspec", "tempfile", "shutil", "tomllib", "difflib", "importlib.resources", "zipfile"]
    code = ("import sys; from newslint.cli import main; sys.argv = ['newslint', 'check', '--no-cache', 'a.md']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('imported:', [m for m in {late!r} if m in sys.modules], file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "NL102" in out.stdout  # it did lint
    assert "imported: []" in out.stderr, out.stderr


def test_plugin_discovery_names_distributions_as_their_metadata_does() -> None:
    from importlib.metadata import distributions

    from newslint import plugins

    for dist in distributions(path=plugins.installed_paths()):
        name = dist.metadata["Name"] if dist.metadata else None
        if name:
            assert plugins._key(dist) == re.sub(r"[-_.]+", "-", name).lower(), name


def test_names_collect_word_boundary_is_the_regex_word_class() -> None:
    """names.corpus.collect tells a word character by str.isalnum() or "_", as \\w does."""
    word = re.compile(r"\w")
    for code in range(0x110000):
        c = chr(code)
        assert (word.match(c) is not None) == (c.isalnum() or c == "_"), hex(code)


# Text for the run pattern: words (capitalised, small, particles, initials, possessives, odd
# mixtures of capitals and small letters) and what can stand between them (spaces, line breaks
# with a masked indent, hyphens, apostrophes, full stops, nothing), in any order.
RUN_PIECES = st.lists(st.tuples(
    st.sampled_from(["Smith", "O’Brien", "McDonald", "Jean-Paul", "Anna-Maria", "Émile", "Łukasz", "Ab", "AB", "A",
                     "de", "della", "dellas", "del", "van", "von", "le", "deLa", "Dr.", "S.", "S", "’s", "'s", "s",
                     "x", "é", "Smith’sx", "Smith’s", "Jo'sé", "DeSantis", "Mc", "McD", "McDx", "O’", "O’b", "OB",
                     "Smith-", "Smith-jones", "-Jones", "1", "_"]),
    st.sampled_from([" ", " ", "", "\n", "\n \ue000", "\n\t", "\u00a0", "-", ".", ". ", "’", "'", ", "])),
    max_size=15).map(lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=3000, deadline=None)
@given(RUN_PIECES)
def test_names_run_pattern_finds_what_the_greedy_one_did(text: str) -> None:
    """mentions._SEQ holds its repeats (possessive): the same runs as the plain greedy pattern."""
    from newslint.names import data, mentions

    up, low = data.UPPER, data.LOWER
    greedy = re.compile(rf"{mentions._TOKEN}(?:{mentions._GAP}(?:(?:{data.particle_pattern()}|[{up}]\.)"
                        rf"{mentions._GAP})*{mentions._TOKEN})*(?:[’']s(?![{low}]))?")
    assert [m.span() for m in mentions._SEQ.finditer(text)] == [m.span() for m in greedy.finditer(text)]


def test_a_kept_spill_holds_each_result_as_it_was_yielded() -> None:
    """The CLI keeps the results in the engine's own spill (``lint_paths(keep=…)``) instead of
    pickling each into a second one: what the spill holds once the stream is done is what was
    yielded, cross-file findings (NL153 on the names tree) and line order included."""
    from newslint import config, engine
    from newslint.spill import Spill

    tree = DATA / "names-tree"
    st_ = engine.settings(config.Config(root=tree))
    paths = sorted(tree.rglob("*.md"))
    plain = list(engine.lint_paths(paths, st_, summaries=False))
    kept = Spill()
    yielded = list(engine.lint_paths(paths, st_, summaries=False, keep=kept))
    stored = list(kept)
    assert any(f.rule == "NL153" for r in plain for f in r.findings)
    for a, b, c in zip(plain, yielded, stored, strict=True):
        assert a.path == b.path == c.path
        assert a.findings == b.findings == c.findings
        assert a.errors == b.errors == c.errors and a.lines == b.lines == c.lines
