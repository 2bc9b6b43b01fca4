"""Quotation marks: the shared pairing, the seed article, and fixes that converge.

Convergence is the point of the last group: damaging a clean article and fixing it must give
the clean article back, whatever the order in which the fixes happen to apply.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import config, engine, fix_text, lint_text
from newslint.document import Document
from newslint.quotes import analyse, contraction

DATA = Path(__file__).parent / "data"
QUOTE_RULES = ("NL110", "NL111", "NL112", "NL113", "NL114", "NL115", "NL116", "NL117", "NL118")
ONLY_QUOTES = config.Config(select=QUOTE_RULES)


def _article(body: str, front: str = "title: Talks\n") -> str:
    return f"---\n{front}---\n\n{body}\n"


def _roles(body: str, front: str = "title: Talks\n") -> list[tuple[str, str]]:
    q = analyse(Document(_article(body, front)))
    assert q is not None
    return [(m.ch, m.role) for m in q.marks]


def _found(text: str, cfg: config.Config = ONLY_QUOTES) -> set[tuple[int, str]]:
    return {(f.line, f.rule) for f in lint_text(text, config=cfg)}


# -- the pairing --------------------------------------------------------------------------------


def test_apostrophes_are_not_quotation_marks() -> None:
    roles = _roles("“It’s the ’90s, rock ’n’ roll at the Smiths’ house,” she said, goin’ home.")
    assert [r for _, r in roles] == ["open", "apostrophe", "apostrophe", "apostrophe", "apostrophe",
                                     "close", "apostrophe"]


def test_a_plural_possessive_inside_a_single_quotation_does_not_break_the_pairing() -> None:
    text = _article("‘I went to the Smiths’ house,’ he said.")
    assert not lint_text(text, config=ONLY_QUOTES)


def test_a_closing_mark_closes_the_opener_drawn_like_it_when_two_doubles_nest() -> None:
    # a lone “ inside a quotation in straight marks is the stray one, not the outer "
    q = analyse(Document(_article('He noted, "So far, this is useful for later “payments too, as it lets us skip".')))
    assert q is not None and [m.ch for m in q.unclosed] == ["“"]
    # properly nested quotations of the other glyph still pair, inner with inner
    for body in ('“The reviewers said "not yet" to the patch,” she wrote.',
                 '"The reviewers said “not yet” to the patch," she wrote.'):
        q = analyse(Document(_article(body)))
        assert q is not None and not q.unclosed and not q.stray, body


def test_a_double_mark_before_s_is_an_apostrophe_when_the_open_quotation_closes_later() -> None:
    # OCR's ” for ’ inside a quotation: the quotation's own ” comes later in the paragraph
    found = _found(_article("“There are many agencies, and I think it”s interesting to see them,” said Maron."))
    assert found == {(5, "NL117")}
    # a quoted plural still closes its quotation, inside another one too, and then nothing closes later
    for body in ("The survey counted many “yes”s and “no”s, and “we will decide,” one said.",
                 "“There were too many “yes”s,” she said."):
        assert (5, "NL117") not in _found(_article(body)) and (5, "NL111") not in _found(_article(body)), body


def test_a_double_mark_before_an_ending_is_an_apostrophe_only_where_a_contraction_can_be() -> None:
    assert all(contraction(*p) for p in (("we", "re"), ("don", "t"), ("agency", "s"), ("I", "m"), ("you", "ve"),
                                          ("he", "ll"), ("she", "d"), ("Maria", "ll")))
    assert not any(contraction(*p) for p in (("he", "re"), ("ca", "t"), ("the", "re"), ("it", "m"), ("wi", "ll"),
                                             ("goo", "d")))
    text = _article("The team will be he”re on Monday, and we”re ready.")
    assert {(f.rule, f.message.split(";")[0]) for f in lint_text(text, config=ONLY_QUOTES)} == {
        ("NL111", "” inside the word “here”"), ("NL117", "double quotation mark (”) used as an apostrophe")}


def test_a_mark_in_a_word_of_another_language_pairs_with_nothing_when_no_closing_mark_is_spare() -> None:
    pt = "lang: pt\n"
    assert _roles("O mem“bro falou, e “sim” disse ela.", pt)[0] == ("“", "none")  # in the word
    assert _roles("Ele chamou o“projeto” de erro.", pt) == [("“", "open"), ("”", "close")]  # glued, paired
    assert _roles("“O pro”jeto é bom”, disse.", pt) == [("“", "open"), ("”", "none"), ("”", "close")]
    assert _roles("O ministro disse“a proposta é boa, e a equipa disse que sim.", pt) == [("“", "open")]
    fr = "lang: fr\n"  # (» closes « with its space before it)
    assert _roles("Il a dit\u202f: «\u00a0Nous ver“rons\u00a0».", fr)[1] == ("“", "none")


def test_primes_after_digits() -> None:
    # (the ' of 6'2 sits between two digits: never a quotation mark, so not even scanned)
    assert _roles("“He is 6'2\" tall,” she said of the 27\" screen and a 6' fence.") == [
        ("“", "open"), ('"', "prime"), ("”", "close"), ('"', "prime"), ("'", "prime")]


def test_a_quotation_over_several_paragraphs() -> None:
    body = "“First paragraph, no closing mark.\n\n“Second paragraph, none either.\n\n“Third,” he said."
    assert not lint_text(_article(body), config=ONLY_QUOTES)


def test_a_paragraph_that_ends_with_a_comma_lost_its_closing_mark_there() -> None:
    # the convention accepts a quotation left open at a sentence's end, not after a comma
    body = "“We will go on,\n\n“Then we stop,” she said."
    assert _found(_article(body)) == {(5, "NL110")}
    fixed = fix_text(_article(body), config=ONLY_QUOTES, unsafe=True)[0]
    assert "“We will go on,”\n\n“Then" in fixed and not lint_text(fixed, config=ONLY_QUOTES)
    assert not _found(_article("“We will go on.\n\n“Then we stop,” she said."))
    # outside English the comma follows the closing mark (»…«, sagte er): the convention stands
    german = "„Wir gehen weiter,\n\n„Dann halten wir an“, sagte sie."
    assert not _found(_article(german, "title: Gespräche\nlang: de\n"))


def test_a_straight_quotation_inside_a_curly_one_takes_the_next_level_in_one_safe_fix() -> None:
    # (it took “no” first, then quote-nesting's unsafe fix to ‘no’)
    body = "“He said \"no\" to me,” she said, and “we left,” he said. “Fine,” said the clerk."
    fixed, remaining = fix_text(_article(body), config=ONLY_QUOTES)[:2]
    assert "“He said ‘no’ to me,”" in fixed and not remaining
    german = "„Er sagte \"nein\" zu mir“, sagte sie, „und wir gingen“, sagte er. „Gut“, sagte sie."
    fixed, remaining = fix_text(_article(german, "title: Gespräche\nlang: de\n"), config=ONLY_QUOTES)[:2]
    assert "„Er sagte ‚nein‘ zu mir“" in fixed and not remaining


def test_a_quotation_that_does_not_reopen_each_paragraph_is_one_finding() -> None:
    body = "“First paragraph, no closing mark.\n\nSecond paragraph, no opening mark,” he said."
    assert _found(_article(body)) == {(7, "NL110")}
    fixed = fix_text(_article(body), config=ONLY_QUOTES, unsafe=True)[0]
    assert "\n“Second paragraph" in fixed and not lint_text(fixed, config=ONLY_QUOTES)


def test_a_quotation_left_open_before_a_paragraph_with_its_own_quotation_is_unclosed() -> None:
    body = "“First paragraph, no closing mark.\n\n“Second quotation,” he said, “is another.”\n\nDone."
    assert not _found(_article(body))  # the convention: the second paragraph reopens it
    body = "“First paragraph, no closing mark.\n\nThen he said “another thing.”"
    assert _found(_article(body)) == {(5, "NL110")}


def test_a_quotation_introducing_a_list_may_close_at_its_end() -> None:
    body = "The manifesto says:\n\n“We value:\n\n- people over processes;\n- software over documents.”"
    assert not lint_text(_article(body), config=ONLY_QUOTES)
    body = "“We value:\n\n- people over processes;\n\nAfter the list, nothing closed it."
    assert _found(_article(body)) == {(5, "NL110")}


def test_entities_pair_but_are_never_reported() -> None:
    body = "&#8220;Only with him,” he said, and “not again&rdquo; she said."
    assert not lint_text(_article(body), config=ONLY_QUOTES)


def test_quotes_in_code_urls_html_and_shortcodes_are_not_prose() -> None:
    body = ('Run `echo "x` or see <https://example.com/?q="a>, <b title="a “b">x</b>,\n'
            '<a href="{{< ref "page.md" >}}">a page</a>, [a link]({{< ref "p.md" >}} "A title")\n'
            'and {{< quote text="a “mark" >}}.')
    assert not lint_text(_article(body), config=ONLY_QUOTES)


def test_language_from_front_matter_then_config() -> None:
    russian = "«Путин назвал события „провокацией“», — сказал он."
    assert not lint_text(_article(russian, "title: Переговоры\nlang: ru\n"), config=ONLY_QUOTES)
    assert not lint_text(_article(russian), config=config.Config(select=QUOTE_RULES, language="ru"))
    # English by default: « » in English text are foreign; in a Cyrillic paragraph they are that
    # text's own marks (an English post with its Ukrainian version below), not reported
    assert (5, "NL115") in _found(_article("«Putin called the events „a provocation“», he said."))
    assert (5, "NL115") not in _found(_article(russian))
    german = "„Nur mit ihm“, sagte er."
    assert not lint_text(_article(german, "title: Gespräche\nlanguage: de-DE\n"), config=ONLY_QUOTES)
    # the config's language may carry a region too (de-DE, en_GB): its language still applies
    for tag in ("de-DE", "de_AT", "DE"):
        assert not lint_text(_article(german), config=config.Config(select=QUOTE_RULES, language=tag))
        assert (5, "NL115") in _found(_article("“Nur mit ihm”, sagte er."),
                                      config.Config(select=QUOTE_RULES, language=tag))


def test_a_language_without_a_profile_is_left_alone() -> None:
    assert analyse(Document(_article("«x» “y", "title: x\nlang: xx\n"))) is None


def test_style_auto_leaves_a_straight_article_alone() -> None:
    body = 'He called it "a logical choice" and said it\'s "the only way."'
    assert not lint_text(_article(body), config=ONLY_QUOTES)


def test_style_option_is_checked() -> None:
    cfg = config.from_mapping({"select": list(QUOTE_RULES), "rules": {"straight-quotes": {"style": "fancy"}}})
    with pytest.raises(config.ConfigError, match="style: expected one of 'auto', 'curly', 'straight'"):
        lint_text(_article('“x” and "y"'), config=cfg)


# -- the seed article ---------------------------------------------------------------------------


SEED = (DATA / "pentagon-negotiations.md").read_text(encoding="utf-8")


def test_seed_findings() -> None:
    assert _found(SEED) == {(22, "NL114"), (26, "NL117"), (30, "NL114"), (32, "NL112"), (34, "NL114")}


def test_seed_fix_changes_exactly_those_lines_and_converges() -> None:
    fixed, remaining = fix_text(SEED, config=ONLY_QUOTES)
    assert not remaining
    before, after = SEED.splitlines(), fixed.splitlines()
    assert len(before) == len(after)
    assert [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b] == [22, 26, 30, 32, 34]
    assert "“not allow this to grow into something more terrible.”" in after[21]
    assert "Istanbul’s Dolmabahce" in after[25]
    assert "a “certain imprint” on them" in after[29]
    assert "ultimatums,” he pointed out" in after[31]
    assert "is “hardly possible,” Peskov" in after[33]
    assert fix_text(fixed, config=ONLY_QUOTES)[0] == fixed


def test_seed_fix_with_every_default_rule_is_stable() -> None:
    fixed, _ = fix_text(SEED)
    assert '"' not in fixed.split("---", 2)[2] and "Istanbul's" not in fixed and ", ”he" not in fixed
    assert fix_text(fixed)[0] == fixed


# -- convergence: damage a clean article, fix it, get the clean article back --------------------


CLEAN = fix_text(SEED, config=ONLY_QUOTES)[0]

DAMAGES = {
    "straight pair": [("“Topical issues", '"Topical issues'), ("Ukraine,” the Russian", 'Ukraine," the Russian')],
    "straight single quotes": [("“do not crave”", "“do not 'crave'”")],
    "straight apostrophe": [("Istanbul’s", "Istanbul's")],
    "apostrophe turned": [("Istanbul’s", "Istanbul‘s")],
    "space on the wrong side": [("Ukraine,” he concluded", "Ukraine, ”he concluded")],
    "space on the wrong side after a word": [("do not crave” his", "do not crave ”his")],
    "space on the wrong side before another quotation": [("certain imprint” on", "certain imprint ”on")],
    "space inside": [("“Freezing the", "“ Freezing the"), ("Russia,” said", "Russia, ” said")],
    "guillemets": [("“hardly possible,”", "«hardly possible,»")],
    "reversed closing mark": [("Russia,” said", "Russia,“ said")],
    "reversed opening mark": [("“Freezing the", "”Freezing the")],
    "opening mark glued to the word before": [("is “hardly", "is“hardly"), ("a “certain", "a“certain")],
    "opening mark out of place after a word": [("is “hardly", "is“ hardly")],
    "mark typed into a word": [("these", "the”se")],
}


def _damage(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_the_clean_article_is_clean() -> None:
    assert "“do not crave”" in CLEAN  # the damages below start from real text
    assert not lint_text(CLEAN, config=ONLY_QUOTES)


@pytest.mark.parametrize("name", sorted(DAMAGES))
def test_fixing_a_damaged_article_restores_it(name: str) -> None:
    if name == "straight single quotes":  # the clean text has no single quotes: add a pair first
        clean = _damage(CLEAN, [("“do not crave”", "“do not ‘crave’”")])
        damaged = _damage(clean, [("‘crave’", "'crave'")])
    else:
        clean, damaged = CLEAN, _damage(CLEAN, DAMAGES[name])
    assert damaged != clean
    assert fix_text(damaged, config=ONLY_QUOTES)[0] == clean


def test_all_damages_at_once_converge_to_the_same_text() -> None:
    damaged = CLEAN
    for name in ("straight pair", "straight apostrophe", "space on the wrong side", "guillemets"):
        damaged = _damage(damaged, DAMAGES[name])
    assert fix_text(damaged, config=ONLY_QUOTES)[0] == CLEAN


def test_fixes_do_not_depend_on_pass_order() -> None:
    """Applying one rule's fixes at a time, in any order, reaches the same text."""
    damaged = CLEAN
    for name in ("straight pair", "straight apostrophe", "space on the wrong side", "reversed closing mark"):
        damaged = _damage(damaged, DAMAGES[name])
    results = set()
    for order in (QUOTE_RULES, tuple(reversed(QUOTE_RULES))):
        text = damaged
        for _ in range(3):
            for rule in order:
                text = fix_text(text, config=config.Config(select=(rule,)))[0]
        results.add(text)
    results.add(fix_text(damaged, config=ONLY_QUOTES)[0])
    assert len(results) == 1


def test_fix_document_is_deterministic() -> None:
    damaged = _damage(CLEAN, DAMAGES["straight pair"] + DAMAGES["space inside"])
    st = engine.settings(ONLY_QUOTES)
    outs = {engine.fix_document(Document(damaged), st)[0].source for _ in range(3)}
    assert len(outs) == 1


# -- hostile input ------------------------------------------------------------------------------

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(list("\"'“”‘’«»„‚‹›″´ ,.!?\n*_-—(") + ["\n\n", "word", "s", "6", "`x`", "<b>",
                                                                "&#8220;", "\\\"", "- ", "> ", "{{< x >}}"])
_BODIES = st.lists(_PIECES, max_size=80).map("".join)
_LANGS = st.sampled_from(["en", "ru", "de", "fr", "xx"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BODIES, _LANGS)
@example('"\n\n&#8220;', "ru")  # a paragraph that is only an entity has no prose span
def test_quote_rules_never_crash_and_fixes_converge(body: str, lang: str) -> None:
    text = _article(body, f"title: x\nlang: {lang}\n")
    assert not [f for f in lint_text(text, config=ONLY_QUOTES) if f.rule == "NL999"]
    for unsafe in (False, True):
        once = fix_text(text, config=ONLY_QUOTES, unsafe=unsafe)[0]
        assert fix_text(once, config=ONLY_QUOTES, unsafe=unsafe)[0] == once
