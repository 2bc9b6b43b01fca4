"""The semantic front-matter rules beyond their fixtures: dates, YAML 1.1 readings, fixes in CRLF files."""

from __future__ import annotations

from datetime import date

import pytest

from newslint import dates, fix_text, lint_text
from newslint.validation import classify_yaml11


@pytest.mark.parametrize("text, has_time, has_zone", [
    ("2022-05-31T05:32:23+03:00", True, True),
    ("2014-01-10 12:06:21 +1100", True, True),   # Jekyll's documented form
    ("2023-02-02 09:13:00 -0500", True, True),   # Hugo/GSA
    ("2016-01-01 9:00:00 -5", True, True),       # YAML 1.1 timestamp: one-digit hour and offset
    ("2019-03-26 08:47:23 +0000 UTC", True, True),
    ("2016-07-02 17:50:04 UTC+01:00", True, True),  # Nikola's form, which Jekyll reads
    ("2016-07-02 17:50:04 GMT-5", True, True),
    ("2022-05-31T05:32:23.123Z", True, True),
    ("2022-05-31 05:32:23", True, False),
    ("2022-05-31T09:00", True, False),
    ("2022-05-31", False, False),
    ("15 Oct 2023", False, False),               # Hugo
])
def test_dates_read(text: str, has_time: bool, has_zone: bool) -> None:
    stamp = dates.parse(text)
    assert stamp is not None and (stamp.has_time, stamp.has_zone) == (has_time, has_zone)


@pytest.mark.parametrize("text", ["2016-07-02 17:50:04 UTC+25:00", "31.05.2022", "May 31, 2022", "2022-02-30", "2022-05-31T25:00:00", "", None, 2022])
def test_dates_refused(text: object) -> None:
    assert dates.parse(text) is None


def test_dates_utc_with_offset_is_that_offset() -> None:
    a, b = dates.parse("2016-07-02 17:50:04 UTC+01:00"), dates.parse("2016-07-02T16:50:04Z")
    assert a and b and dates.compare(a, b) == 0


def test_dates_compare_instants_and_days() -> None:
    a, b = dates.parse("2022-05-31T05:32:23+03:00"), dates.parse("2022-05-31T01:00:00Z")
    assert a and b and dates.compare(b, a) == -1  # 01:00Z is 04:00+03:00
    day = dates.parse("2022-05-31")
    assert day and dates.compare(day, a) == 0      # same calendar day, time unknown
    assert dates.today("2022-06-01") == date(2022, 6, 1)
    assert dates.impossible("2022-02-30") and not dates.impossible("31.05.2022")


@pytest.mark.parametrize("raw, expected", [
    ("yes", ("bool", "true")), ("NO", ("bool", "false")), ("off", ("bool", "false")), ("y", None), ("N", None),
    ("017", ("octal", "15")), ("1:20", ("base60", "80")), ("190:20:30", ("base60", "685230")),
    ("1.10", ("float", "1.1")), ("true", None), ("0", None), ("2022", None), ("1.5", None), ("0.0", None),
    ("Yesterday", None), ("0o17", None), ("10", None),
])
def test_yaml11_readings(raw: str, expected: tuple[str, str] | None) -> None:
    assert classify_yaml11(raw) == expected


def test_null_list_fix_in_a_crlf_file_keeps_every_other_byte() -> None:
    text = "---\r\ntitle: Talks resume\r\ntags:   # to fill in\r\nstories: ~\r\n---\r\n\r\nBody.\r\n"
    fixed, remaining = fix_text(text)
    assert fixed == "---\r\ntitle: Talks resume\r\ntags: []   # to fill in\r\nstories: []\r\n---\r\n\r\nBody.\r\n"
    assert not [f for f in remaining if f.rule == "NL009"]


def test_blank_lines_before_json_front_matter() -> None:
    text = '\n\n{\n  "title": "Talks resume"\n}\n\nBody.\n'
    assert [(f.rule, f.line) for f in lint_text(text) if f.rule.startswith("NL0")] == [("NL003", 1)]
    fixed, _ = fix_text(text)
    assert fixed == text[2:]


def test_unsafe_renames_wait_for_safe_front_matter_fixes() -> None:
    # (a letter mistyped in a key whose value is no list of names: the rename is unsafe; a letter
    # dropped, catgories, would be safe, and so would catigories: [politics])
    text = "---\ntitle: Talks resume\ntags:\ncatigories: politics\n---\n\nBody.\n"
    fixed, _ = fix_text(text, unsafe=True)
    assert fixed == "---\ntitle: Talks resume\ntags: []\ncategories: politics\n---\n\nBody.\n"
    safe_only, remaining = fix_text(text)
    assert safe_only == "---\ntitle: Talks resume\ntags: []\ncatigories: politics\n---\n\nBody.\n"
    assert [f.rule for f in remaining if f.rule.startswith("NL0")] == ["NL007"]


def test_future_date_bad_option_is_an_error() -> None:
    from pathlib import Path

    from newslint import config

    cfg = config.from_mapping({"rules": {"future-date": {"today": "tomorrow"}}}, root=Path.cwd())
    with pytest.raises(config.ConfigError, match="expected YYYY-MM-DD"):  # before any article is read
        lint_text("---\ntitle: T\ndate: 2022-05-31\n---\n", config=cfg)


@pytest.mark.parametrize("zone, expected", [("+03:00", "date: 2022-05-31T05:32:23+03:00"),
                                            ("Europe/Berlin", "date: 2022-05-31T05:32:23+02:00"),
                                            ("Europe/Berlin", None)])
def test_timezone_option_fixes_in_the_value_style(zone: str, expected: str | None) -> None:
    from pathlib import Path

    from newslint import config

    cfg = config.from_mapping({"rules": {"date-without-timezone": {"timezone": zone}}}, root=Path.cwd())
    text = "---\ntitle: T\ndate: 2022-05-31T05:32:23\n---\n" if expected else "---\ntitle: T\ndate: 2022-01-31 05:32\n---\n"
    fixed, remaining = fix_text(text, config=cfg, unsafe=True)
    assert (expected or "date: 2022-01-31 05:32 +0100") in fixed.splitlines()
    assert not [f for f in remaining if f.rule == "NL013"]


def test_unknown_timezone_option_is_an_error() -> None:
    from pathlib import Path

    from newslint import config

    cfg = config.from_mapping({"rules": {"date-without-timezone": {"timezone": "Mars/Olympus"}}}, root=Path.cwd())
    with pytest.raises(config.ConfigError, match="unknown time zone 'Mars/Olympus'"):
        lint_text("---\ntitle: T\ndate: 2022-05-31 05:32:23\n---\n", config=cfg)


@pytest.mark.parametrize("line,message", [
    ('date = 2022-13-31', "TOML: `date` = 2022-13-31 is not a real date"),
    ('date = 2022-02-30T05:32:23Z', "TOML: `date` = 2022-02-30T05:32:23Z is not a real date"),
    ('date = 2022-05-31 05:32', "TOML: `date` = 2022-05-31 05:32 is not a date or time TOML reads"),
    ('title = "Talks resume', "TOML: a quoted string is not closed on its line"),
])
def test_toml_errors_say_what_is_wrong(line: str, message: str) -> None:
    """tomllib says "Expected newline or end of document" for a month 13: the finding says which key and why."""
    text = f'+++\nkind = "news"\n{line}\n+++\n\nBody.\n'
    found = [f for f in lint_text(text) if f.rule == "NL001"]
    assert len(found) == 1 and found[0].message.startswith(message), found
    assert found[0].line == 3


def _tree(root, rare: dict[str, str], common: dict[str, str], n_common: int) -> list:
    """``n_common`` articles with the ``common`` keys and one with the ``rare`` ones; lint the tree."""
    from pathlib import Path

    from newslint import config, engine

    def article(i: int, keys: dict[str, str]) -> str:
        extra = "".join(f"{k}: {v}\n" for k, v in keys.items())
        return f"---\ntitle: Story {i}\ndate: 2024-03-05\n{extra}---\n\nThe talks resumed, officials said.\n"

    for i in range(n_common):
        (root / f"a{i}.md").write_text(article(i, common), encoding="utf-8")
    (root / "odd.md").write_text(article(99, rare), encoding="utf-8")
    st = engine.settings(config.Config(root=Path(root), select=("NL007",)))
    results = engine.lint_paths(sorted(Path(root).glob("*.md")), st)
    return [(Path(r.path).name, f.line, f.message) for r in results for f in r.findings]


def test_a_key_most_articles_of_the_tree_write_otherwise_is_a_slip(tmp_path) -> None:
    common = {"sponsor_logo": "a.png", "topics": "[design]"}
    found = _tree(tmp_path, {"sponsor_lgo": "a.png", "topic": "[design]"}, common, 20)
    assert found == [("odd.md", 4, "key `sponsor_lgo` is in 1 article of this tree, `sponsor_logo` in 20 others: "
                                   "did you mean `sponsor_logo`?"),
                     ("odd.md", 5, "key `topic` is in 1 article of this tree, `topics` in 20 others: "
                                   "did you mean `topics`?")]


def test_a_short_key_is_the_singular_of_the_trees_plural(tmp_path) -> None:
    """tag: in one article where twenty write tags: (a three-letter key, its plural the tree's
    habit); not tab: or tog:, one letter from it but no plural of it."""
    found = _tree(tmp_path, {"tag": "[design]", "tab": "x"}, {"tags": "[design]"}, 20)
    assert found == [("odd.md", 4, "key `tag` is in 1 article of this tree, `tags` in 20 others: "
                                   "did you mean `tags`?")]


def test_too_few_articles_or_a_habit_are_no_evidence(tmp_path) -> None:
    common = {"sponsor_logo": "a.png", "topics": "[design]"}
    # four articles are too few; a key in common use (topic) needs twenty
    assert _tree(tmp_path, {"sponsor_lgo": "a.png"}, common, 4) == []
    assert _tree(tmp_path, {"topic": "[design]"}, common, 10) == []
    (tmp_path / "odd2.md").write_text("---\ntitle: x\nsponsor_lgo: b.png\n---\n\nText.\n", encoding="utf-8")
    (tmp_path / "odd3.md").write_text("---\ntitle: y\nsponsor_lgo: c.png\n---\n\nText.\n", encoding="utf-8")
    assert _tree(tmp_path, {"sponsor_lgo": "a.png"}, common, 20) == []  # three articles: a key of its own


def test_a_key_in_common_use_in_a_few_articles_against_many_is_a_slip(tmp_path) -> None:
    """topic in three articles where sixty write topics: three slips; in four, a habit of its own."""
    common = {"topics": "[design]"}
    for i in (2, 3):
        (tmp_path / f"odd{i}.md").write_text(f"---\ntitle: x\ntopic: [a]\n---\n\nText.\n", encoding="utf-8")
    found = _tree(tmp_path, {"topic": "[design]"}, common, 60)
    assert sorted(name for name, _, _ in found) == ["odd.md", "odd2.md", "odd3.md"], found
    assert found[0][2] == "key `topic` is in 3 articles of this tree, `topics` in 60 others: did you mean `topics`?"
    (tmp_path / "odd4.md").write_text("---\ntitle: x\ntopic: [a]\n---\n\nText.\n", encoding="utf-8")
    assert _tree(tmp_path, {"topic": "[design]"}, common, 60) == []
    # three against forty: not twenty times as many
    for p in tmp_path.glob("*.md"):
        p.unlink()
    for i in (2, 3):
        (tmp_path / f"odd{i}.md").write_text("---\ntitle: x\ntopic: [a]\n---\n\nText.\n", encoding="utf-8")
    assert _tree(tmp_path, {"topic": "[design]"}, common, 40) == []


def test_ruby_symbol_keys_are_the_keys_they_name_across_the_tree(tmp_path) -> None:
    """Two Awestruct articles (:title: :layout: :author:) in a tree of twenty that write title:
    use the same keys, not slips for them."""
    common = {"layout": "post", "author": "kim"}
    for i in range(2):
        (tmp_path / f"sym{i}.md").write_text(f"---\n:layout: post\n:title: Story {i}\n:author: lisa\n---\n\n"
                                             "The talks resumed, officials said.\n", encoding="utf-8")
    assert _tree(tmp_path, {"layout": "post"}, common, 20) == []


@pytest.mark.parametrize("key, fixed", [
    ("titl", "title"),  # a letter dropped from the missing required key, and no word: safe
    ("tile", None),  # a word of its own (a field named on purpose?): unsafe, --fix leaves it
    ("Title", "title"),  # the required key in another case: schema-violation renames it, safe
])
def test_a_missing_required_key_is_renamed_only_when_certain(key: str, fixed: str | None) -> None:
    text = f"---\n{key}: Talks resume\n---\n\nBody.\n"
    out, _ = fix_text(text)
    assert out == (text.replace(key, fixed, 1) if fixed else text)


@pytest.mark.parametrize("text", [
    # keys below the first prose paragraph: a value's paragraph, then more keys; no sure place
    "---\ntitle: T\nexcerpt: <p>One.</p>\n\n<p>Two: more.</p>\n\nauthors:\n- ann\n\nBody text.\n",
])
def test_unclosed_front_matter_without_a_sure_place_has_no_fix(text: str) -> None:
    found = [f for f in lint_text(text) if f.rule == "NL001"]
    assert found and all(f.fix is None for f in found)


@pytest.mark.parametrize("text, fixed, line", [
    # no blank line between the keys and the body: YAML reads no line at the margin that is no key
    ("---\ntitle: T\ndate: 2022-05-31\nThe body starts here.\n",
     "---\ntitle: T\ndate: 2022-05-31\n---\nThe body starts here.\n", 4),
    # two blank lines: the body follows its fence after one (reported from the first: the
    # writer's fence may have stood before them or after them)
    ("---\ntitle: T\n\n\nBody.\n", "---\ntitle: T\n\n---\n\nBody.\n", 3),
    # a comment paragraph between keys is no body
    ("---\ntitle: T\n\n# Make it better\nweight: 1\n\nBody.\n",
     "---\ntitle: T\n\n# Make it better\nweight: 1\n---\n\nBody.\n", 6),
    # a quoted value going on at the margin is no body; front matter alone: the fence goes last
    ('---\ntitle: T\nexcerpt: "One and\ntwo."\nauthors:\n- ann\n',
     '---\ntitle: T\nexcerpt: "One and\ntwo."\nauthors:\n- ann\n---\n', 7),
    ("---\ntitle: T\n# 1 -- visible\nweight: 1\n", "---\ntitle: T\n# 1 -- visible\nweight: 1\n---\n", 5),
])
def test_a_lost_closing_fence_is_reported_and_put_back_where_it_belongs(text: str, fixed: str, line: int) -> None:
    found = [f for f in lint_text(text) if f.rule == "NL001"]
    assert [(f.line, f.message.split(";")[1].strip()) for f in found] == [(line, "its closing `---` belongs here")]
    assert fix_text(text)[0] == fixed


def test_unclosed_front_matter_before_a_heading_is_closed_unsafely() -> None:
    text = "---\ntitle: T\ndate: 2022-05-31\n\n# Heading\n\nBody text.\n"
    (found,) = [f for f in lint_text(text) if f.rule == "NL001"]
    assert found.fix is not None and not found.fix.safe
    assert found.fix.edits[0].start == text.index("\n\n# Heading") + 1


MDX_EXPORTED_META = """import { Image } from "@/components/media";
import card from "./card.jpg";

export const meta = {
  title: "Welcoming James to Tailwind Labs",
  date: "2021-03-08T19:00:00.0Z",
  image: card,
};

James is joining our team full-time.
"""


def test_mdx_metadata_exported_as_an_object_is_no_missing_front_matter() -> None:
    """An .mdx article whose metadata is an exported object (Tailwind's blog, mdx-js's) has no
    front matter to miss; the same text as .md, or an .mdx exporting no object, is reported."""
    assert not [f for f in lint_text(MDX_EXPORTED_META, "post.mdx") if f.rule == "NL002"]
    assert [f.rule for f in lint_text(MDX_EXPORTED_META, "post.md") if f.rule == "NL002"] == ["NL002"]
    plain = 'import card from "./card.jpg";\nexport const draft = true;\n\nJames joins the team.\n'
    assert [f.rule for f in lint_text(plain, "post.mdx") if f.rule == "NL002"] == ["NL002"]


# -- a block with a syntax error: the rest of it is still checked ---------------------------------

@pytest.mark.parametrize("broken", [
    "title: Talks resume: both sides agree",  # an unquoted colon
    '\ttitle: Talks resume',  # a tab
    'title: "Talks resume',  # a quote never closed
    "tags: [politics, budget",  # a list never closed
    "</figure>\ntitle: Talks resume",  # a stray line of markup
])
def test_a_syntax_error_does_not_hide_the_other_keys_slips(broken: str) -> None:
    text = (f"---\n{broken}\ndate: 2024-13-45\ndescriptoin: Talks resume\nauthor:\n"
            f"lastmod: 2024-01-01T10:00:00Z\n---\n\nBody.\n")
    found = {(f.rule, f.line) for f in lint_text(text) if f.rule.startswith("NL0")}
    syntax = [line for rule, line in found if rule == "NL001"]
    assert len(syntax) == 1 and syntax[0] <= 3
    later = broken.count("\n")  # (the lines the broken entry takes up)
    assert {("NL010", 3 + later), ("NL007", 4 + later), ("NL008", 5 + later)} <= found
    # the schema runs on what is read, but a key left out with the broken entry is not "missing"
    assert not [f for f in lint_text(text) if f.rule == "NL010" and "required" in f.message]


def test_the_broken_line_is_left_out_and_offsets_hold() -> None:
    from newslint.document import Document

    text = "---\ntitle: Talks\ntags:\n  - politics\n\t- budget\ndate: 2024-01-05\n---\n\nBody.\n"
    fm = Document(text, None).front_matter
    assert fm.errors and fm.partial
    assert fm.data == {"title": "Talks", "tags": ["politics"], "date": "2024-01-05"}  # (the tab's line is gone)
    start, end = fm.locate(("date",))
    assert text[start:end] == "2024-01-05"  # offsets still index the document


def test_a_key_indented_by_mistake_leaves_the_key_above_it_checked() -> None:
    # (YAML reads "  title: …" as more of lastmod's value; the slip is the indented line's)
    text = "---\ndate: 2024-01-05\nlastmod: 2023-01-01\n  title: Talks resume\n---\n\nBody.\n"
    found = {(f.rule, f.line) for f in lint_text(text) if f.rule.startswith("NL0")}
    assert found == {("NL001", 4), ("NL011", 3)}


@pytest.mark.parametrize("broken", ["\t- politics", "[- politics"])
def test_a_key_whose_only_value_breaks_is_left_out_whole(broken: str) -> None:
    from newslint.document import Document

    # (left out alone, the line would leave `tags:` looking empty: a null-list finding and a fix
    # that writes `tags: []` over a list that is there)
    text = f"---\ntitle: Talks\ntags:\n{broken}\ndate: 2024-01-05\n---\n\nBody.\n"
    fm = Document(text, None).front_matter
    assert fm.errors and fm.partial and fm.data == {"title": "Talks", "date": "2024-01-05"}
    assert not [f for f in lint_text(text) if f.rule == "NL009"]


@pytest.mark.parametrize("text", [
    # every entry broken: more than the salvage will leave out
    "---\na: [1\nb: [2\nc: [3\nd: [4\ne: [5\n---\n\nBody.\n",
    # a TOML table's header broken: its keys would be read into the table above it
    '+++\ntitle = "Talks"\n[params\nkicker = "Budget"\n+++\n\nBody.\n',
], ids=["yaml-every-entry", "toml-table-header"])
def test_a_block_that_cannot_be_read_even_in_part_stays_unread(text: str) -> None:
    from newslint.document import Document

    fm = Document(text, None).front_matter
    assert fm.errors and fm.data is None and not fm.partial


def test_a_block_read_in_part_keeps_its_repairs() -> None:
    # the unquoted colon's fix still applies, and the misspelt key's rename too, in one run
    text = "---\ntitle: Talks resume: both sides agree\ndescriptoin: Talks\n---\n\nBody.\n"
    fixed, remaining = fix_text(text)
    assert fixed == "---\ntitle: \"Talks resume: both sides agree\"\ndescription: Talks\n---\n\nBody.\n"
    assert not [f for f in remaining if f.rule in ("NL001", "NL007")]


def test_a_toml_syntax_error_does_not_hide_the_other_keys_slips() -> None:
    text = ('+++\ntitle = "Talks resume\ndate = 2024-01-05\ndescriptoin = "Talks"\nlastmod = 2023-01-01\n'
            '\n[params]\nkicker = "Budget"\n+++\n\nBody.\n')
    found = {(f.rule, f.line) for f in lint_text(text) if f.rule.startswith("NL0")}
    assert found == {("NL001", 2), ("NL007", 4), ("NL011", 5)}


def test_a_lost_closing_fence_does_not_hide_the_article() -> None:
    text = "---\ntitle: Talks\ndescriptoin: Talks resume\n\nThe talks  resumed on Monday.\n"
    found = {(f.rule, f.line) for f in lint_text(text)}
    assert found == {("NL001", 4), ("NL007", 3), ("NL103", 5)}  # (NL001 where the fence belongs)
    fixed, remaining = fix_text(text)  # (one run: the fence, the key and the space)
    assert fixed == "---\ntitle: Talks\ndescription: Talks resume\n---\n\nThe talks resumed on Monday.\n"
    assert not remaining


def test_a_block_closed_at_the_end_of_the_file_is_not_unclosed() -> None:
    # (its end is the end of the text, as an unclosed block's is: no body is looked for inside it)
    text = "---\ntitle: Talks\n\nMore text , inside the block\n---"
    assert {f.rule for f in lint_text(text)} == {"NL001"}


# -- several syntax errors in one block: each reported in one run -----------------------------------

_KEYS = ["title: Talks resume in Istanbul", "date: 2022-05-31", "tags:", "  - politics", "  - budget",
         "summary: The delegations agreed", "author: Jane Doe", "layout: post"]
_SLIPS = {  # (line index, what it becomes)
    "tab": (1, "\tdate: 2022-05-31"),
    "indented item": (4, "\t- budget"),
    "glued dash": (4, "  -budget"),
    "unquoted colon": (5, "summary: The delegations agreed: talks resume"),
    "lost colon": (5, "summary The delegations agreed"),
    "no space": (5, "summary:The delegations agreed"),
    "lost quote": (6, 'author: "Jane Doe'),
    "lost bracket": (7, "layout: [post"),
}


def _article(lines: list[str]) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n\nThe talks resumed on Monday, officials said.\n"


def _syntax(text: str) -> list[tuple]:
    """NL001 findings as line, column, message and fix (edits relative to the finding)."""
    return sorted((f.line, f.column, f.message, f.fix and (f.fix.safe, [(e.start - f.start, e.end - f.start, e.text)
                                                                         for e in f.fix.edits]))
                  for f in lint_text(text) if f.rule == "NL001")


@pytest.mark.parametrize("upper, lower", [
    (u, lo) for u in _SLIPS for lo in _SLIPS if _SLIPS[u][0] + 1 < _SLIPS[lo][0]])
def test_a_second_syntax_error_is_reported_as_when_the_first_is_mended(upper: str, lower: str) -> None:
    both, alone_upper, alone_lower = list(_KEYS), list(_KEYS), list(_KEYS)
    for lines, slips in ((both, (upper, lower)), (alone_upper, (upper,)), (alone_lower, (lower,))):
        for slip in slips:
            at, line = _SLIPS[slip]
            lines[at] = line
    found = _syntax(_article(both))
    # each at its line, as it is reported alone, with its own fix: none is a consequence of the other
    assert found == sorted(_syntax(_article(alone_upper)) + _syntax(_article(alone_lower)))
    assert {line for line, *_ in found} == {_SLIPS[upper][0] + 2, _SLIPS[lower][0] + 2}
    fixed, _ = fix_text(_article(both))
    assert fix_text(fixed)[0] == fixed  # fixing twice is fixing once
    if fix_text(_article(alone_upper))[0] == fix_text(_article(alone_lower))[0] == _article(_KEYS):
        assert fixed == _article(_KEYS)  # both repairs in one run give the original back


def test_three_syntax_errors_are_reported_and_fixed_in_one_run() -> None:
    text = _article(["title: Talks resume: both sides agree", "date: 2022-05-31", 'author: "Jane Doe',
                     "layout: post", "tags: [politics, budget", "summary: The delegations agreed"])
    assert [(line, message.split(";")[0]) for line, _, message, _ in _syntax(text)] == [
        (2, "YAML: a colon followed by a space inside an unquoted value"),
        (4, "YAML: a quoted value that is never closed"),
        (6, "YAML: a list in `[…]` that is never closed, or whose items lack a comma between them")]
    fixed, remaining = fix_text(text)
    assert fixed == _article(['title: "Talks resume: both sides agree"', "date: 2022-05-31", 'author: "Jane Doe"',
                              "layout: post", "tags: [politics, budget]", "summary: The delegations agreed"])
    assert not [f for f in remaining if f.rule == "NL001"]


@pytest.mark.parametrize("block", [
    # left out alone, the tab's line leaves the quoted value's second line on its own: mending the
    # tab gives it back its first line, so it is no error of its own
    '\ttitle: "Talks resume in Istanbul,\nboth sides agree"\nlayout: post',
    "\ttitle: 'Talks resume: both\nsides agree'\nlayout: post",
])
def test_an_error_that_leaving_a_broken_line_out_makes_is_not_reported(block: str) -> None:
    text = "---\nslug: talks\n" + block + "\n---\n\nBody.\n"
    assert [line for line, *_ in _syntax(text)] == [3]


def test_a_later_syntax_error_leaves_the_line_alone_enough() -> None:
    from newslint.document import Document

    # (the tab's line alone is left out, as when it is the only slip: `title` is still read)
    text = _article(["title: Talks", "\tdate: 2022-05-31", "summary: Talks: resume", "layout: post"])
    fm = Document(text).front_matter
    assert fm.partial and fm.data == {"title": "Talks", "layout": "post"}
    assert [e.start for e in fm.errors] == [text.index("\tdate"), text.index(": resume")]


def test_a_key_that_lost_its_colon_is_reported_in_a_block_read_in_part() -> None:
    # (read as the key `summary 'Event`; the block has a slip of its own above it)
    text = _article(['title: "Talks resume', "date: 2022-05-31", "summary 'Event: talks resume'"])
    assert [(line, message[:25]) for line, _, message, _ in _syntax(text)] == [
        (2, "YAML: a quoted value that"), (4, "`summary 'Event` is read ")]


def test_two_toml_syntax_errors_are_both_reported() -> None:
    text = ('+++\ntitle = "Talks resume\ndate = 2022-05-31\ntags = ["politics", "budget"\n'
            'summary = "Talks"\nauthor "Jane Doe"\n+++\n\nBody.\n')
    assert [(f.line, f.message) for f in lint_text(text) if f.rule == "NL001"] == [
        (2, "TOML: a quoted string is not closed on its line"), (4, "TOML: Unclosed array"),
        (6, "TOML: Expected '=' after a key in a key/value pair")]


def test_a_lost_toml_closing_fence_does_not_hide_the_article() -> None:
    text = ('+++\ntitle = "Talks"\ndescriptoin = "Talks resume"\n\n[params]\nkicker = "Budget"\n\n'
            "The talks  resumed on Monday.\n")
    found = {(f.rule, f.line) for f in lint_text(text)}
    assert found == {("NL001", 7), ("NL007", 3), ("NL103", 8)}
    fixed, remaining = fix_text(text)  # (one run: the fence, the key and the space)
    assert fixed == ('+++\ntitle = "Talks"\ndescription = "Talks resume"\n\n[params]\nkicker = "Budget"\n+++\n\n'
                     "The talks resumed on Monday.\n")
    assert not remaining


@pytest.mark.parametrize("text", [
    # keys below the first paragraph: no sure place
    '+++\ntitle = "T"\n\nBody text.\n\nweight = 3\ndraft = true\n',
    # a multi-line string with a blank line in it: what follows the blank is the string's
    '+++\ntitle = "T"\nsummary = """\nOne.\n\nTwo.\n"""\n\nBody text.\n',
])
def test_a_toml_block_without_a_sure_end_stays_front_matter(text: str) -> None:
    from newslint.document import Document

    doc = Document(text)
    assert doc.front_matter.errors and doc.body_start == len(text) and doc.front_matter.data is None
    assert all(f.fix is None for f in lint_text(text) if f.rule == "NL001")


def test_a_lost_toml_fence_before_the_body_without_a_blank_line_is_put_back() -> None:
    text = '+++\ntitle = "T"\nThe body starts here.\n'  # (TOML reads no line without "=" either)
    assert [(f.line, f.fix is not None and f.fix.safe) for f in lint_text(text) if f.rule == "NL001"] == [(3, True)]
    assert fix_text(text)[0] == '+++\ntitle = "T"\n+++\nThe body starts here.\n'


def test_a_lost_toml_fence_before_a_heading_is_put_back_unsafely() -> None:
    text = '+++\ntitle = "T"\n\n# Heading\n\nBody text.\n'
    (found,) = [f for f in lint_text(text) if f.rule == "NL001"]
    assert found.fix is not None and not found.fix.safe and found.fix.edits[0].text == "+++\n"


def test_a_line_of_a_toml_string_left_open_by_an_error_is_no_error_of_its_own() -> None:
    # (left out with the broken entry up to `chapter 3 = x`, the string's other lines would be read
    # as keys: they are its text; the slip after the string is the block's own)
    text = ('+++\ntitle = "T"\nsummary = """Intro \\x\nchapter = 3\nThe 2022 report.\n"""\n'
            'date = 2022-05-31\nauthor "Jane"\n+++\n\nBody.\n')
    assert [f.line for f in lint_text(text) if f.rule == "NL001"] == [3, 8]


@pytest.mark.parametrize("text", [
    "---\ndate: {created: 2023-12-31, updated: 2023-12-30}\n---\n\nBody.\n",
    '+++\ntitle = "Talks"\n[date]\ncreated = "2023-12-31"\nupdated = "2023-12-30"\n+++\n\nBody.\n',  # (not inline: see below)
    '{"date": {"created": "2023-12-31", "updated": "2023-12-30"}}\n\nBody.\n',
])
def test_mkdocs_blog_date_mapping_findings_point_at_the_inner_value(text: str) -> None:
    # MkDocs Material's blog: date.created is the article's date, date.updated its update
    found = [f for f in lint_text(text) if f.rule == "NL011"]
    assert len(found) == 1
    f = found[0]
    assert text[f.start:f.end].strip('"') == "2023-12-30"  # (so its line and column are the inner value's)
    assert f.message.startswith("`date.updated` (2023-12-30) is earlier than `date.created` (2023-12-31)")
    future = text.replace("2023-12-31", "2202-12-31").replace("2023-12-30", "2202-12-30")
    spans = sorted(future[f.start:f.end].strip('"') for f in lint_text(future) if f.rule == "NL012")
    assert spans == ["2202-12-30", "2202-12-31"]


def test_mkdocs_blog_date_in_a_toml_inline_table_is_found_at_its_key() -> None:
    # (TOML positions are by line: inside an inline table the finding falls back to the key)
    text = '+++\ndate = {created = "2023-12-31", updated = "2023-12-30"}\n+++\n\nBody.\n'
    found = [f for f in lint_text(text) if f.rule == "NL011"]
    assert len(found) == 1 and text[found[0].start:found[0].end] == "date"


def test_the_article_dates_helper() -> None:
    meta = {"date": {"created": "2023-12-31", "updated": "2024-01-02", "event": "2030-01-01"}, "lastmod": "2023-01-01"}
    pub = dates.published(meta, ["date"])
    mod = dates.modified(meta, ["date"], ["lastmod"])
    assert pub and pub.name == "date.created" and pub.stamp and pub.stamp.day == date(2023, 12, 31)
    assert mod and mod.name == "date.updated"  # (the mapping's own update wins over a lastmod Material does not read)
    assert [d.name for d in dates.entries(meta, "date")] == ["date.created", "date.updated"]  # (not a custom date)
    assert dates.modified({"date": {"created": "2023-12-31"}, "lastmod": "2024-01-02"}, ["date"], ["lastmod"]).name == "lastmod"
    # a plain key that happens to be called created is a plain date
    plain = {"created": "2023-12-31", "lastmod": "2024-01-02"}
    assert dates.modified(plain, ["created"], ["lastmod"]).name == "lastmod"
    # a mapping without created is an unreadable date, not a missing one
    bad = dates.published({"date": {"updated": "2024-01-02"}, "publishDate": "2023-01-01"}, ["date", "publishDate"])
    assert bad and bad.name == "date" and bad.stamp is None


def test_a_key_indented_under_a_value_is_named_as_such() -> None:
    text = "---\ntitle: Talks resume\n  author: Jane Doe\n---\n\nBody.\n"
    [found] = [f for f in lint_text(text) if f.rule == "NL001"]
    assert found.line == 3 and "`author:` is indented under the value of `title`" in found.message
    assert found.fix is not None and found.fix.safe


def test_a_toml_key_set_twice_names_the_key_and_both_lines() -> None:
    text = '+++\ntitle = "Talks"\ndate = 2022-05-31\ntitle = "Talks resume"\n+++\n\nBody.\n'
    [found] = [f for f in lint_text(text) if f.rule == "NL001"]
    assert (found.line, found.column) == (4, 1)
    assert "`title` is set twice, on lines 2 and 4" in found.message


def test_list_as_string_fix_is_the_same_in_every_process(tmp_path) -> None:
    """Two list indents as common as each other: the fix takes the first written, whatever the
    process's string hashing (a set's order once chose, and changed from one run to the next)."""
    import os
    import subprocess

    from conftest import newslint_command

    text = ("---\ntitle: Talks resume\nauthors:\n - newsroom\ncategories:\n  - politics\n"
            "tags: diplomacy, ukraine, peace talks\n---\n\nBody.\n")
    outputs = set()
    for seed in range(6):
        path = tmp_path / f"a{seed}.md"
        path.write_text(text, encoding="utf-8")
        subprocess.run([*newslint_command(), "check", "--no-cache", "--fix", "--unsafe-fixes", "-q", str(path)],
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}, capture_output=True, check=False)
        outputs.add(path.read_text(encoding="utf-8"))
    assert outputs == {text.replace("tags: diplomacy, ukraine, peace talks\n",
                                    "tags:\n - diplomacy\n - ukraine\n - peace talks\n")}
