"""Numbers in Italian texts: a decimal comma and a thousands point ("1.234", "0,3").

One helper, :func:`smlessons.i18n.format_number`, writes every number that
ends up inside a text a student reads (titles, labels, hover texts,
messages); the English texts stay what they were.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from smlessons.datasets import multiplex_class
from smlessons.datasets.platforms import TIES, tie_word
from smlessons.engine.multilayer import removal_effect
from smlessons.exercises import campaign as campaign_module
from smlessons.exercises.campaign import Campaign
from smlessons.figures import compare_strategies
from smlessons.figures.multiplex import combinations_figure, overlap_figure, removal_text
from smlessons.figures.spread import compare_feed
from smlessons.i18n import format_number

# -- the helper -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, options, en, it",
    [
        (1234, {}, "1,234", "1.234"),
        (1234567, {}, "1,234,567", "1.234.567"),
        (999, {}, "999", "999"),
        (-1234, {}, "-1,234", "-1.234"),
        (0.3, {}, "0.3", "0,3"),
        (0.15, {}, "0.15", "0,15"),
        (1.0, {}, "1", "1"),
        (3.94, {"decimals": 1}, "3.9", "3,9"),
        (0.456, {"decimals": 2}, "0.46", "0,46"),
        (1234.5, {"decimals": 1}, "1,234.5", "1.234,5"),
        (1234.5, {"decimals": 1, "grouping": False}, "1234.5", "1234,5"),
        (1234, {"grouping": False}, "1234", "1234"),
        (np.int64(2500), {}, "2,500", "2.500"),
        (np.float64(0.25), {}, "0.25", "0,25"),
        (7, {"decimals": 0}, "7", "7"),
    ],
)
def test_format_number_writes_each_languages_marks(value, options, en, it):
    assert format_number(value, "en", **options) == en
    assert format_number(value, "it", **options) == it


def test_format_number_follows_the_environment(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert format_number(1234.5, decimals=1) == "1.234,5"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert format_number(1234.5, decimals=1) == "1,234.5"


@pytest.mark.parametrize(
    "value, options, error, message",
    [
        ("3", {}, TypeError, "format_number needs a number, not str ('3')"),
        (True, {}, TypeError, "format_number needs a number, not bool"),
        (None, {}, TypeError, "format_number needs a number, not NoneType"),
        (1.5, {"decimals": 1.5}, TypeError, "decimals must be a whole number of digits, not float"),
        (1.5, {"decimals": -1}, ValueError, "decimals must be 0 or more, not -1"),
        (1.5, {"language": "fr"}, ValueError, "unknown language 'fr'"),
    ],
)
def test_format_number_refuses_bad_input_naming_it(value, options, error, message):
    options = {"language": "en", **options}
    with pytest.raises(error) as caught:
        format_number(value, **options)
    assert message in str(caught.value)


def test_campaign_keeps_no_number_formatter_of_its_own():
    assert not hasattr(campaign_module, "_decimal") and not hasattr(campaign_module, "_DECIMAL_MARK")
    assert campaign_module.format_number is format_number


# -- the campaign -------------------------------------------------------------------------


def test_the_campaign_table_shows_the_kinds_of_tie_in_italian():
    it = Campaign(language="it").media_table()._repr_markdown_().splitlines()
    en = Campaign(language="en").media_table()._repr_markdown_().splitlines()
    assert it[2].startswith("| WhatsApp | gruppo |") and it[3].startswith("| Instagram | follow |")
    assert en[2].startswith("| WhatsApp | group |") and en[3].startswith("| Instagram | follow |")
    assert not any("| group |" in line for line in it)


def test_every_kind_of_tie_has_a_word_in_both_languages():
    assert [tie_word(t, "en") for t in TIES] == list(TIES)  # English: the code itself
    assert {t: tie_word(t, "it") for t in TIES} == {
        "mutual": "reciproco",
        "follow": "follow",
        "group": "gruppo",
        "none": "nessuno",
    }
    with pytest.raises(ValueError, match="unknown kind of tie 'friends': the kinds are 'mutual'"):
        tie_word("friends", "it")


def test_the_campaigns_averages_and_p_use_the_decimal_comma_in_italian():
    c = Campaign(language="it", runs=50)
    result = c.plan(["WhatsApp"], [c.members[0]])
    text = str(result)
    english = str(Campaign(language="en", runs=50).plan(["WhatsApp"], [c.members[0]]))
    reached = format_number(float(result.in_target.mean()), "en", decimals=1)
    assert reached in english and reached.replace(".", ",") in text
    assert "0,3" in text and "0.3" not in text, f"p written with a point in Italian: {text}"
    assert "0.3" in english


# -- figures and messages --------------------------------------------------------------------


def _many_ties(n: int = 1600) -> nx.Graph:
    """A made-up class on two media with more than a thousand ties."""
    G = nx.Graph(media=["WhatsApp", "Instagram"], name="many ties")
    people = [f"p{i}" for i in range(80)]
    pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1 :]][:n]
    for k, (a, b) in enumerate(pairs):
        G.add_edge(a, b, platform=("WhatsApp",) if k % 3 else ("WhatsApp", "Instagram"))
    return G


def test_counts_in_multiplex_texts_have_the_thousands_point_in_italian():
    G = _many_ties()
    it = combinations_figure(G, language="it")
    en = combinations_figure(G, language="en")
    assert "1.600" in it.layout.title.text and "1,600" in en.layout.title.text
    assert it.data[0].text[0].startswith("1.066 ") and en.data[0].text[0].startswith("1,066 ")
    assert "1.066" in it.data[0].hovertext[0] and "1.600" in it.data[0].hovertext[0]
    assert list(it.data[0].x) == list(en.data[0].x)  # the plotted data are the same numbers
    removal_it = removal_text(removal_effect(G, "WhatsApp"), "it")
    removal_en = removal_text(removal_effect(G, "WhatsApp"), "en")
    assert "1.600" in removal_it and "1,600" in removal_en


def test_the_overlap_figure_writes_its_decimals_in_each_language():
    G = multiplex_class()
    it, en = overlap_figure(G, language="it"), overlap_figure(G, language="en")
    cells_it = [c for row in it.data[0].text for c in row if c]
    cells_en = [c for row in en.data[0].text for c in row if c]
    assert cells_en and all("." in c and "," not in c for c in cells_en)
    assert cells_it == [c.replace(".", ",") for c in cells_en]
    assert any(", " not in h and "0," in h for row in it.data[0].hovertext for h in row)


def test_spread_texts_write_p_with_a_comma_in_italian():
    G = nx.karate_club_graph()
    c = compare_strategies(G, ["random", "degree"], 0.2, runs=5, rng=1, language="it")
    assert "p = 0,2" in c.table() and "p = 0,2" in c.figure().layout.title.text
    assert "p = 0.2" in compare_strategies(G, ["random"], 0.2, runs=5, rng=1, language="en").table()
    for line in c.table().splitlines()[1:]:
        assert "." not in line.split("media")[1].split()[0], line  # the average: 12,3 not 12.3
    feed = compare_feed(G, [0, 5], p=0.1, feed_p=0.05, runs=5, rng=1, language="it")
    assert "p = 0,1" in feed.table() and "0,05" in feed.table()
    assert "0,1" in feed.figure().layout.title.text and "0,05" in feed.figure().layout.title.text


def test_a_network_figures_title_and_hover_write_numbers_in_italian():
    from smlessons.figures import draw_network

    G = nx.gnm_random_graph(1200, 2400, seed=1)
    it = draw_network(G, color_by="degree", max_edges=1500, language="it", labels=False)
    en = draw_network(G, color_by="degree", max_edges=1500, language="en", labels=False)
    assert "1.200" in it.layout.title.text and "2.400" in it.layout.title.text and "1.500" in it.layout.title.text
    assert "1,200" in en.layout.title.text and "2,400" in en.layout.title.text and "1,500" in en.layout.title.text
    K = nx.karate_club_graph()
    hovers_it = [h for t in draw_network(K, color_by="betweenness", language="it").data for h in (t.hovertext or [])]
    hovers_en = [h for t in draw_network(K, color_by="betweenness", language="en").data for h in (t.hovertext or [])]
    assert len(hovers_it) == 34 and hovers_it[0].endswith("betweenness 0,438")
    assert all(h.rsplit(" ", 1)[-1].count(".") == 1 for h in hovers_en)
    assert [h.rsplit(" ", 1)[-1].replace(".", ",") for h in hovers_en] == [h.rsplit(" ", 1)[-1] for h in hovers_it]


# -- answer keys' feedback ---------------------------------------------------------------------


def test_an_answer_keys_numbers_are_written_when_the_language_is_known():
    from smlessons.exercises.keys import compute_key
    from smlessons.exercises.messages import Number, number, render
    from smlessons.exercises.questions import question
    from smlessons.i18n import translator

    key = compute_key(question("media-overlap"))
    assert isinstance(key.facts["value"], Number) and str(key.facts["value"]) == "0.43"
    assert render(key.facts["value"], translator("it")) == "0,43"
    wrong = key.describe(("TikTok", "Minecraft"))
    assert "(overlap 0.09)" in render(wrong, translator("en"))
    assert "(sovrapposizione 0,09)" in render(wrong, translator("it"))
    with pytest.raises(TypeError, match="format_number needs a number, not str"):
        number("0.4", 2)


# -- the student's own answer, echoed back ------------------------------------------


@pytest.fixture
def answers_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLESSONS_ANSWERS_DIR", str(tmp_path))
    return tmp_path


def test_a_students_decimal_answer_is_echoed_in_the_questions_language(answers_dir, capsys):
    from smlessons.exercises import check

    check("review-class-ties-it", 0.123)
    out = capsys.readouterr().out
    assert "Non proprio: hai risposto 0,123." in out and "0,123 non è il numero di persone legate a Pia" in out
    assert "0.123" not in out
    check("review-class-ties", 0.123)
    out = capsys.readouterr().out
    assert "Not quite: you answered 0.123." in out and "0.123 is not how many people Pia is tied to" in out


@pytest.mark.parametrize(
    "answer, point, comma", [((0, 5), "0.5", "0,5"), ("2,5", "2.5", "2,5"), (" 12,75 ", "12.75", "12,75")]
)
def test_a_decimal_written_with_a_comma_is_explained(answers_dir, capsys, answer, point, comma):
    """``answer = 0,5`` is a pair of numbers in Python: the feedback says why, in both languages."""
    from smlessons.exercises import check

    check("review-class-ties-it", answer)
    out = capsys.readouterr().out
    assert f"in Python i numeri decimali si scrivono con il punto, {point}, non {comma}" in out
    check("review-class-ties", answer)
    out = capsys.readouterr().out
    assert f"in Python a decimal number is written with a point, {point}, not {comma}" in out


@pytest.mark.parametrize("answer", [(1, 2, 3), (0, -5), ("0", "5"), "0,5,1", "a,b", (0.5, 1)])
def test_other_pairs_and_lists_are_not_taken_for_a_decimal_comma(answers_dir, capsys, answer):
    from smlessons.exercises import check

    check("review-class-ties", answer)
    out = capsys.readouterr().out
    assert "decimal number is written with a point" not in out and "expects a number" in out
