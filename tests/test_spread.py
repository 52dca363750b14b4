"""Tests of smlessons.spread: lesson 7's figures, comparisons and explorer."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import plotly.graph_objects as go
import pytest

from smlessons.checks import question
from smlessons.diffusion import independent_cascade
from smlessons.networks import class_network, karate_club
from smlessons.spread import (
    NETWORKS,
    SpreadExplorer,
    StrategyComparison,
    compare_strategies,
    reach_figure,
    spread_explorer,
    spread_figure,
)


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
    assert [t.name for t in fig.data] == ["a", "b", "everyone (10)"]
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
    assert "step 0 (seeds) (1)" in names and "highlighted" in names
    assert any(n.startswith("not reached") for n in names)
    assert fig.layout.meta["reached"] == c.size and fig.layout.meta["people"] == 24
    shown = sum(len(t.x) for t in fig.data if t.name.startswith(("step", "not reached")))
    assert shown == 24
    assert f"{c.size} of 24 reached" in fig.layout.title.text


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
    assert list(c.sizes) == ["random", "degree", "community", "bridge"]
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
    assert seen[-1] == (10, 10) and len(seen) == 10


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


def test_lesson5_answers_follow_from_the_model(G):
    c = compare_strategies(G, p=0.3, runs=200, k=3, rng=0)
    assert question("spread-best-strategy").evaluate(c.best).correct
    worst = min(c.mean(), key=c.mean().get)
    assert question("spread-least-strategy").evaluate(worst).correct
    hi = compare_strategies(G, ["degree"], p=0.4, runs=200, rng=0).mean()["degree"]
    lo = compare_strategies(G, ["degree"], p=0.2, runs=200, rng=0).mean()["degree"]
    assert lo < hi / 2  # "c": it falls by more than half
    assert question("spread-halve-p").evaluate("c").correct
    assert not question("spread-halve-p").evaluate("a").correct


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


def test_explorer_controls_change_the_next_run():
    e = SpreadExplorer(runs=20)
    first = dict(e.last)
    e.network.value = list(NETWORKS)[1]
    e.strategy.value = "bridge"
    e.seeds.value = 2
    e.p.value = 0.5
    e.button.click()
    assert e.last["network"] == list(NETWORKS)[1] and e.last["strategy"] == "bridge"
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


def test_lesson5_notebook_stores_no_widget_state():
    path = Path(__file__).resolve().parents[1] / "notebooks" / "07-how-a-message-spreads.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in nb["metadata"]
    assert path.stat().st_size < 1_000_000


def test_docstring_examples_run():
    import doctest

    import smlessons.spread as module

    result = doctest.testmod(module, extraglobs={"nx": nx})
    assert result.failed == 0 and result.attempted > 0
