"""Tests of smlessons.figures.spread: lesson 7's figures, comparisons and explorer."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import plotly.graph_objects as go
import pytest

from smlessons.datasets.networks import class_network, karate_club
from smlessons.engine.diffusion import independent_cascade
from smlessons.exercises.questions import question
from smlessons.figures.network import draw_network
from smlessons.figures.spread import (
    FeedComparison,
    StrategyComparison,
    compare_feed,
    compare_strategies,
    reach_figure,
    spread_figure,
)
from smlessons.i18n import format_number
from smlessons.widgets.explorer import NETWORKS, SpreadExplorer, spread_explorer


@pytest.fixture(scope="module")
def G():
    return class_network()


# -- reach_figure -----------------------------------------------------------


def test_reach_figure_of_one_cascade_draws_its_curve_and_the_total(G):
    c = independent_cascade(G, ["Pia"], 0.3, rng=3)
    fig = reach_figure(c)
    assert isinstance(fig, go.Figure)
    assert list(fig.data[0].y) == c.reach_over_time().tolist()
    assert fig.data[-1].name == "everyone (24)"
    assert fig.layout.meta["final"] == [c.size]


def test_reach_figure_accepts_curves_lists_and_named_dicts(G):
    assert reach_figure([1, 2, 4]).layout.meta["final"] == [4]
    fig = reach_figure({"a": [1, 3], "b": np.array([2, 2, 5])}, total=10)
    assert [t.name for t in fig.data if t.showlegend is not False] == ["a", "b", "everyone (10)"]
    # A cascade that stopped keeps its reach: its curve goes on, dotted, to the end of the longest
    # (lesson 7's "broadcast, no sharing" was one point hidden under the other curve's first).
    (on,) = [t for t in fig.data if t.showlegend is False]
    assert (on.name, list(on.x), list(on.y), on.line.dash) == ("a", [1, 2], [3, 3], "dot")
    assert on.legendgroup == "a" == fig.data[0].legendgroup
    alone = reach_figure({"broadcast": [9], "sharing": [9, 12, 15]})
    assert [(t.name, list(t.x), list(t.y)) for t in alone.data if t.showlegend is False] == [
        ("broadcast", [0, 2], [9, 9])
    ]
    assert all(t.showlegend is not False for t in reach_figure({"x": [1, 2], "y": [1, 3]}).data)  # same length
    runs = [independent_cascade(G, ["Ana"], 0.5, rng=r) for r in range(3)]
    assert [t.name for t in reach_figure(runs).data][:3] == ["run 1", "run 2", "run 3"]


@pytest.mark.parametrize(
    "bad, error, message",
    [
        ([], ValueError, "nothing to draw"),
        ({}, ValueError, "nothing to draw"),
        ([[]], ValueError, "is empty"),
        ([3, 2], ValueError, "never decreases"),
        ([[1, -1]], ValueError, "negative"),
        ("abc", TypeError, "expected a Cascade"),
        (5, TypeError, "expected a Cascade"),
        ([["a", "b"]], TypeError, "numbers of people"),
        ({"x": "abc"}, TypeError, "must be a Cascade"),
    ],
)
def test_reach_figure_rejects_bad_input_clearly(bad, error, message):
    with pytest.raises(error, match=message):
        reach_figure(bad)


# -- spread_figure ----------------------------------------------------------


def test_spread_figure_colours_people_by_step_and_circles_the_seeds(G):
    c = independent_cascade(G, ["Pia"], 0.3, rng=3)
    fig = spread_figure(G, c)
    names = [t.name for t in fig.data]
    assert "step 0, the seeds (1)" in names and "seeds" in names and "highlighted" not in names
    assert any(n.startswith("not reached") for n in names)
    assert fig.layout.meta["reached"] == c.size and fig.layout.meta["people"] == 24
    shown = sum(len(t.x) for t in fig.data if t.name.startswith(("step", "not reached")))
    assert shown == 24
    assert f"{c.size} of 24 reached" in fig.layout.title.text
    # Hovering says when the person got the message, in the figure's language ("step 1", not "value step 1").
    hovers = [h for t in fig.data if t.hovertext is not None for h in t.hovertext]
    assert any(h.startswith("<b>Pia</b>") and h.endswith("<br>step 0, the seeds") for h in hovers)
    assert sum(h.endswith("<br>not reached") for h in hovers) == 24 - c.size
    assert not any("value" in h for h in hovers)
    italian = [h for t in spread_figure(G, c, language="it").data if t.hovertext is not None for h in t.hovertext]
    assert sum(h.endswith("<br>messaggio non arrivato") for h in italian) == 24 - c.size  # one person: no plural
    assert not any("valore" in h for h in italian)
    # A dict of numbers still says what they are.
    numbers = draw_network(nx.path_graph(3), color_by={0: 1.5, 1: 2, 2: 3})
    assert any("<br>value 1.5" in h for t in numbers.data if t.hovertext is not None for h in t.hovertext)


def test_spread_figure_title_says_step_and_steps_in_words():
    H = nx.path_graph(["a", "b", "c"])
    assert spread_figure(H, independent_cascade(H, "b", 1.0)).layout.title.text.endswith("3 of 3 reached in 1 step")
    assert spread_figure(H, independent_cascade(H, "a", 1.0)).layout.title.text.endswith("in 2 steps")
    alone = spread_figure(H, independent_cascade(H, "a", 0.0)).layout.title.text
    assert alone.endswith("1 of 3 reached, no further than the seeds") and "0 step" not in alone


def test_spread_figure_rejects_a_cascade_of_another_network(G):
    other = independent_cascade(karate_club(), [0], 0.1, rng=0)
    with pytest.raises(ValueError, match="the cascade ran on another network"):
        spread_figure(G, other)
    with pytest.raises(TypeError, match="cascade must be a Cascade"):
        spread_figure(G, [1, 2])
    with pytest.raises(TypeError, match="G must be a networkx graph"):
        spread_figure("G", independent_cascade(G, ["Ana"], 0.1, rng=0))


# -- compare_strategies -----------------------------------------------------


def test_compare_strategies_gives_one_distribution_per_strategy(G):
    c = compare_strategies(G, p=0.3, runs=200, k=3, rng=0)
    assert isinstance(c, StrategyComparison)
    assert list(c.sizes) == ["random", "degree", "community", "broker"]
    assert all(v.shape == (200,) and v.min() >= 3 and v.max() <= 24 for v in c.sizes.values())
    assert c.best == "degree"
    assert min(c.mean(), key=c.mean().get) == "community"
    assert set(c.share_above(0.5)) == set(c.sizes)
    fig = c.figure()
    assert [t.type for t in fig.data] == ["box"] * 4
    assert fig.layout.meta["mean"] == c.mean()
    assert "200 runs per strategy" in str(c)


def test_compare_strategies_is_reproducible_and_streams_are_independent(G):
    a = compare_strategies(G, ["random", "degree"], 0.3, runs=50, rng=4)
    b = compare_strategies(G, ["random", "degree"], 0.3, runs=50, rng=4)
    assert all(np.array_equal(a.sizes[s], b.sizes[s]) for s in a.sizes)
    alone = compare_strategies(G, ["random"], 0.3, runs=50, rng=4)
    assert np.array_equal(alone.sizes["random"], a.sizes["random"])
    gen = compare_strategies(G, ["random"], 0.3, runs=10, rng=np.random.default_rng(1))
    assert gen.sizes["random"].shape == (10,)


def test_compare_strategies_reports_progress_over_all_runs(G):
    seen = []
    compare_strategies(G, ["random", "degree"], 0.2, runs=5, rng=0, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(5, 10), (10, 10)]  # after each strategy's batch of runs


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(strategies=[]), "at least one strategy"),
        (dict(strategies=["loudest"]), "unknown strategy 'loudest'"),
        (dict(strategies=["degree", "degree"]), "twice"),
        (dict(p=1.5), "p"),
        (dict(runs=0), "runs"),
        (dict(k=0), "k must be"),
    ],
)
def test_compare_strategies_rejects_bad_input(G, kwargs, message):
    with pytest.raises(ValueError, match=message):
        compare_strategies(G, **{"runs": 5, **kwargs})


def test_lesson7_warm_up_answer_follows_from_the_model(G):
    c = compare_strategies(G, p=0.3, runs=200, k=3, rng=0)
    q = question("spread-best-strategy")
    right = "b"
    assert q.answers() == ["(b)"]
    assert c.best == "degree" and "most connected" in q.options[right]
    assert q.evaluate(right).correct and not q.evaluate("d").correct


@pytest.mark.parametrize(
    "qid, right",
    [
        ("spread-rerun", "b"),
        ("spread-bridge-overlap", "b"),
        ("spread-halve-p", "c"),
        ("spread-halve-p-high", "a"),
        ("spread-sharing-adds", "c"),
        ("spread-feed", "b"),
        ("spread-feed-strategies", "a"),
        ("spread-threshold-edge", "a"),
        ("spread-copenhagen-bridge", "b"),
        ("spread-copenhagen-media", "b"),
    ],
)
def test_lesson7_choice_questions_accept_one_letter_and_explain_every_wrong_one(qid, right):
    q = question(qid)
    assert q.kind == "choice" and q.level in ("predict", "explain")
    assert q.evaluate(right).correct
    for letter in q.options:
        if letter != right:
            verdict = q.evaluate(letter)
            assert not verdict.correct and q.feedback[letter] in verdict.message


# -- compare_feed -------------------------------------------------------------


def test_compare_feed_gives_one_result_per_feed_size(G):
    c = compare_feed(G, ["Pia"], p=0.3, feeds=(0, 2, 4), feed_p=0.1, runs=100, rng=1)
    assert isinstance(c, FeedComparison)
    assert list(c.runs) == [0, 2, 4] and all(r.sizes.shape == (100,) for r in c.runs.values())
    assert c.mean_by_feed()[0] == 0.0 and c.mean()[4] > c.mean()[0]
    assert c.seeds == "Pia" and c.people == 24 and c.feed_p == 0.1
    text = str(c)
    assert "ties only" in text and "feed shows each post to 4" in text and "100 runs each" in text
    fig = c.figure()
    assert [t.type for t in fig.data] == ["bar", "bar"]
    assert fig.layout.barmode == "stack" and fig.layout.meta["mean"] == c.mean()
    ties, fed = fig.data
    assert [round(a + b, 1) for a, b in zip(ties.y, fed.y)] == [pytest.approx(v, abs=0.11) for v in c.mean().values()]


def test_compare_feed_streams_are_independent_and_strategies_work(G):
    a = compare_feed(G, "degree", 0.3, (0, 2), feed_p=0.1, runs=30, k=2, rng=5)
    b = compare_feed(G, "degree", 0.3, (0, 2, 4), feed_p=0.1, runs=30, k=2, rng=5)
    assert np.array_equal(a.runs[2].sizes, b.runs[2].sizes)
    assert a.seeds == "2 by 'degree'" and a.feed_p == 0.1
    assert compare_feed(G, ["Pia"], 0.3, 2, runs=5).feed_p == 0.3  # feed_p defaults to p


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(feeds=()), "at least one feed size"),
        (dict(feeds=(2, 2)), "twice"),
        (dict(feeds=(-1,)), "feed must be a whole number >= 0"),
        (dict(feed_p=2.0), "feed_p must be a probability"),
        (dict(runs=0), "runs must be a whole number"),
    ],
)
def test_compare_feed_rejects_bad_input(G, kwargs, message):
    with pytest.raises(ValueError, match=message):
        compare_feed(G, ["Pia"], **{"runs": 5, **kwargs})


# -- the explorer -----------------------------------------------------------


def test_explorer_runs_at_once_and_has_a_stable_text_form():
    e = spread_explorer()
    assert isinstance(e, SpreadExplorer)
    assert repr(e) == (
        "SpreadExplorer(network='The class of lesson 4 (24 people, synthetic)', p=0.2, strategy='degree', seeds=1)"
    )
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"] == repr(e)
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert e.last["seeds"] == ["Pia"] and e.last["strategy"] == "degree"
    assert len(e.output.outputs) == 2 and all(o["output_type"] == "display_data" for o in e.output.outputs)
    assert e.progress.value == e.progress.max == 200


def test_explorer_labels_fit_their_space():
    # "Chance to share (p)" was cut off at 110px ("Chance to sha..."): about
    # 7.5px per character at the default 13px font, plus room to spare.
    e = SpreadExplorer(run=False)
    for control in (e.network, e.p, e.strategy, e.seeds, e.progress):
        width = int(control.style.description_width.rstrip("px"))
        assert width >= 8 * len(control.description), control.description


@pytest.mark.parametrize("language", ["en", "it"])
def test_explorer_says_when_its_summary_is_of_earlier_settings(language):
    # A student who drags p and reads the summary must not take the last run's figures for the new p.
    e = SpreadExplorer(runs=20, language=language)
    notice = "Settings changed: press Run" if language == "en" else "Impostazioni cambiate: premi Avvia"
    before = e.summary.value
    assert notice not in before
    e.p.value = 0.5
    assert e.summary.value.startswith('<i class="sm-stale">') and notice in e.summary.value
    assert e.summary.value.endswith(before)  # the last run's summary is still there, below
    e.seeds.value = 2
    e.strategy.value = "random"
    assert e.summary.value.count(notice) == 1
    assert e.seeds_value.value == "2" and not e.seeds.readout  # shown beside the slider, like p
    e.button.click()
    assert notice not in e.summary.value and e.last["p"] == 0.5 and e.last["k"] == 2


@pytest.mark.parametrize("language", ["en", "it"])
def test_explorer_menus_show_their_longest_option(language):
    # "Il club di karate di Zachary (34 persone, reale: Zachary 1977)" was cut off in a 480px control.
    e = SpreadExplorer(run=False, language=language)
    for menu in (e.network, e.strategy):
        room = int(menu.layout.width.rstrip("px")) - int(menu.style.description_width.rstrip("px"))
        assert room >= 7.5 * max(len(label) for label, _ in menu.options) + 40, (menu.description, room)
    assert len({c.layout.width for c in (e.network, e.p, e.strategy, e.seeds, e.progress)}) == 1  # aligned


def test_the_italian_explorer_fits_its_labels_and_writes_a_decimal_comma():
    # "Prob. di condivisione (p)" is longer than the English label the 160px were made for;
    # the summary's average was written 3.5 in Italian, not 3,5.
    e = SpreadExplorer(runs=20, language="it")
    assert e.p.description == "Prob. di condivisione (p)"
    for control in (e.network, e.p, e.strategy, e.seeds, e.progress):
        width = int(control.style.description_width.rstrip("px"))
        assert width >= 8 * len(control.description), control.description
    mean = format_number(e.last["mean"], "it", 1)
    assert "," in mean and f"{mean} persone" in e.summary.value, e.summary.value
    assert f"{e.last['mean']} persone" not in e.summary.value
    assert SpreadExplorer(run=False).p.style.description_width == "160px"  # English: as before
    # The slider's value is written beside it in the explorer's language (ipywidgets' readout is not).
    assert not e.p.readout and e.p_value.value == "0,20"
    e.p.value = 0.35
    assert e.p_value.value == "0,35"
    english = SpreadExplorer(run=False)
    english.p.value = 0.05
    assert english.p_value.value == "0.05"


def test_the_feed_table_s_columns_line_up_in_italian():
    c = compare_feed(class_network(), ["Pia"], 0.3, (0, 4), feed_p=0.1, runs=5, language="it")
    rows = c.table().splitlines()[1:]
    assert rows[1].startswith("  il feed mostra ogni post a 4 ")
    assert len({row.index("media") for row in rows}) == 1, rows


def test_explorer_last_run_records_what_the_lesson_shows():
    # Formerly shown to students as sorted(explorer.last) in lesson 7.
    e = spread_explorer(runs=20)
    assert sorted(e.last) == ["k", "mean", "network", "p", "reached", "runs", "seeds", "strategy", "title"]
    assert e.last["title"].startswith("When each person got the message:")
    fig = spread_figure(class_network(), independent_cascade(class_network(), ["Pia"], 0.3, rng=3))
    assert (fig.layout.meta["reached"], fig.layout.meta["people"]) == (6, 24)  # lesson 7's first cascade


def test_explorer_controls_change_the_next_run():
    e = SpreadExplorer(runs=20)
    first = dict(e.last)
    e.network.value = list(NETWORKS)[1]
    e.strategy.value = "broker"
    e.seeds.value = 2
    e.p.value = 0.5
    e.button.click()
    assert e.last["network"] == list(NETWORKS)[1] and e.last["strategy"] == "broker"
    assert e.last["k"] == 2 and e.last["p"] == 0.5 and len(e.last["seeds"]) == 2
    assert e.last != first
    assert e.summary.value.startswith("<b>Seeds:</b>")


def test_explorer_replays_the_same_way():
    a, b = SpreadExplorer(runs=10, strategy="random"), SpreadExplorer(runs=10, strategy="random")
    assert a.last == b.last
    a.run(), b.run()
    assert a.last == b.last


def test_explorer_accepts_graphs_and_rejects_bad_options():
    e = SpreadExplorer({"path": nx.path_graph(5)}, p=1.0, runs=3)
    assert e.last["reached"] == 5
    with pytest.raises(ValueError, match="unknown strategy"):
        SpreadExplorer(strategy="loud", run=False)
    with pytest.raises(ValueError, match="p is a probability"):
        SpreadExplorer(p=2, run=False)
    with pytest.raises(ValueError, match="seeds must be a whole number"):
        SpreadExplorer(seeds=0, run=False)
    with pytest.raises(ValueError, match="runs must be a whole number"):
        SpreadExplorer(runs=0, run=False)
    with pytest.raises(ValueError, match="at least one network"):
        SpreadExplorer({}, run=False)


def test_lesson7_notebook_stores_no_widget_state():
    path = Path(__file__).resolve().parents[1] / "notebooks" / "07-how-a-message-spreads.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in nb["metadata"]
    assert path.stat().st_size < 1_000_000


def test_box_plot_labels_sit_level_on_short_lines_and_seeds_are_counted_in_words(G):
    c = compare_strategies(G, p=0.3, runs=20, k=3, rng=0)
    fig = c.figure()
    assert fig.layout.xaxis.tickangle == 0
    for trace in fig.data:
        assert all(len(line) <= 16 for line in trace.name.split("<br>")), trace.name
    assert "3 seeds" in str(c) and "3 seeds" in fig.layout.title.text
    one = compare_strategies(G, ["degree"], p=0.3, runs=5, k=1, rng=0)
    assert "1 seed," in str(one) and "(p = 0.3, 1 seed)" in one.figure().layout.title.text
