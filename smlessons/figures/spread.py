"""Lesson 7's views of a spreading message: charts, comparisons, an explorer.

Built on :mod:`smlessons.engine.diffusion` (the models) and
:func:`smlessons.figures.network.draw_network` (the drawing):

- :func:`reach_figure`: how many people had the message after each step;
- :func:`spread_figure`: the network, each person coloured by the step at
  which the message reached them;
- :func:`compare_strategies`: many runs of each seeding strategy, as
  distributions (:class:`StrategyComparison`, with a box plot);
- :func:`compare_feed`: many runs with and without an algorithmic feed
  that shows each post to people who are not the sender's contacts
  (:class:`FeedComparison`, with a bar chart);
- :class:`SpreadExplorer` (:func:`spread_explorer`): ipywidgets controls to
  pick a network, a probability, a strategy and a number of seeds, and see
  the result.

Figures use ``plotly.graph_objects`` only. Not imported by
``import smlessons``::

    from smlessons.figures.spread import reach_figure, spread_figure, compare_strategies
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Real

import networkx as nx
import numpy as np

from ..engine import diffusion
from ..engine.diffusion import STRATEGIES, Cascade, strategy_name
from ..i18n import N_, format_number, translator
from .theme import COLOURWAY, NEUTRAL, template

__all__ = [
    "STRATEGY_NAMES",
    "reach_figure",
    "spread_figure",
    "StrategyComparison",
    "compare_strategies",
    "FeedComparison",
    "compare_feed",
    "cascade_text",
]

#: What each seeding strategy is called in the lesson (in English: translate with
#: ``translator(language).gettext(STRATEGY_NAMES[s])``).
STRATEGY_NAMES = {
    "random": N_("random people"),
    "degree": N_("the most connected people"),
    "community": N_("people of one community"),
    "broker": N_("brokers: people between groups (highest betweenness)"),
}


def _steps(duration: int, t) -> str:
    """How long a cascade ran, in words: no "in 0 steps", no "in 1 steps"."""
    if duration == 0:
        return t.gettext(", no further than the seeds")
    return t.ngettext(" in {count} step", " in {count} steps", duration, count=duration)


def cascade_text(cascade: Cascade, language: str | None = None) -> str:
    """One run of a model in words: whom it reached, and in how many steps.

    Examples
    --------
    >>> from smlessons.engine.diffusion import independent_cascade
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> cascade_text(independent_cascade(G, "a", 1.0), "en")
    'reached 3 of 3 people (100%) in 2 steps'
    >>> cascade_text(independent_cascade(G, "a", 0.0), "it")
    'ha raggiunto 1 persona su 3 (33%), senza andare oltre i seed'
    """
    t = translator(language)
    c = cascade
    text = t.ngettext(
        "reached {count} of {people} people ({share})",
        "reached {count} of {people} people ({share})",
        c.size,
        count=c.size,
        people=c.network.n,
        share=f"{c.fraction:.0%}",
    ) + _steps(c.duration, t)
    by_feed = getattr(c, "by_feed", None)
    if by_feed is not None:
        n = int(by_feed.sum())
        text += t.gettext(", {count} through the feed", count=n)
    return text


# ---------------------------------------------------------------------------
# Reach over time


def _curve(item, where: str) -> np.ndarray:
    if isinstance(item, Cascade):
        return item.reach_over_time()
    if isinstance(item, (str, bytes)) or not hasattr(item, "__iter__"):
        raise TypeError(
            f"{where} must be a Cascade (from independent_cascade) or a list of counts, not {type(item).__name__}"
        )
    values = list(item)
    if not values:
        raise ValueError(f"{where} is empty: a curve needs the count at step 0 at least")
    if not all(isinstance(v, (Real, np.integer)) and not isinstance(v, bool) for v in values):
        raise TypeError(f"{where} must hold numbers of people reached, got {values!r}")
    arr = np.asarray(values, dtype=float)
    if (arr < 0).any():
        raise ValueError(f"{where} has a negative count: {values!r}")
    if (np.diff(arr) < 0).any():
        raise ValueError(
            f"{where} goes down ({values!r}): reach over time counts everyone reached so far, so it never decreases"
        )
    return arr


def reach_figure(
    cascades, *, title: str | None = None, total: int | None = None, height: int = 360, language: str | None = None
):
    """A line chart of how many people had the message after each step.

    Parameters
    ----------
    cascades : Cascade, list of counts, a list of those, or dict
        One cascade (see :func:`smlessons.engine.diffusion.independent_cascade`), one
        curve (people reached by step 0, 1, 2, ...: cumulative counts), a
        list of cascades or curves, or ``{name: cascade or curve}`` to name
        the lines.
    title : str, optional
    total : int, optional
        The size of the network, drawn as a dashed line (by default that of
        the first cascade, if any).
    height : int, default 360

    Returns
    -------
    plotly.graph_objects.Figure
        One line per cascade (a cascade that stopped before the longest goes
        on dotted, at its final reach, in a trace without a legend entry);
        ``fig.layout.meta["final"]`` lists the people reached at the end of each.

    Raises
    ------
    TypeError
        If an item is neither a cascade nor a list of numbers.
    ValueError
        If nothing is given, or a curve is empty, negative or goes down.

    Examples
    --------
    >>> fig = reach_figure({"a": [1, 3, 6], "b": [2, 2]})
    >>> [t.name for t in fig.data if t.showlegend is not False], fig.layout.meta["final"]
    (['a', 'b'], [6, 2])
    """
    import plotly.graph_objects as go

    t = translator(language)
    if isinstance(cascades, Mapping):
        items = list(cascades.items())
    elif isinstance(cascades, Cascade):
        items = [(t.gettext("cascade"), cascades)]
    elif isinstance(cascades, (str, bytes)) or not hasattr(cascades, "__iter__"):
        raise TypeError(
            f"expected a Cascade, a list of counts, or a list or dict of them, not {type(cascades).__name__}"
        )
    else:
        seq = list(cascades)
        if seq and all(isinstance(v, (Real, np.integer)) and not isinstance(v, bool) for v in seq):
            items = [(t.gettext("cascade"), seq)]  # one curve
        else:
            items = [(t.gettext("run {number}", number=i + 1), c) for i, c in enumerate(seq)]
    if not items:
        raise ValueError("nothing to draw: give at least one cascade or curve")
    curves = [(str(name), _curve(c, f"{name!r}")) for name, c in items]
    if total is None:
        first = next((c for _, c in items if isinstance(c, Cascade)), None)
        total = first.network.n if first is not None else None
    fig = go.Figure()
    for k, (name, y) in enumerate(curves):
        fig.add_trace(
            go.Scatter(
                x=list(range(len(y))),
                y=y.tolist(),
                mode="lines+markers",
                name=name,
                legendgroup=name,
                line=dict(color=COLOURWAY[k % len(COLOURWAY)], width=2),
                hovertemplate=t.gettext("step {x}: {y} people reached", x="%{x}", y="%{y}") + f"<extra>{name}</extra>",
            )
        )
    longest = max(len(y) for _, y in curves)
    for k, (name, y) in enumerate(curves):
        if len(y) < longest:  # a cascade that stopped keeps its reach: dotted on to the longest one's end
            fig.add_trace(
                go.Scatter(
                    x=[len(y) - 1, longest - 1],
                    y=[int(y[-1]), int(y[-1])],
                    mode="lines",
                    name=name,
                    legendgroup=name,  # hidden with its curve from the legend
                    line=dict(color=COLOURWAY[k % len(COLOURWAY)], dash="dot", width=2),
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    if total is not None:
        fig.add_trace(
            go.Scatter(
                x=[0, max(longest - 1, 1)],
                y=[total, total],
                mode="lines",
                name=t.gettext("everyone ({total})", total=total),
                line=dict(color=NEUTRAL, dash="dash", width=1),
                hoverinfo="skip",
            )
        )
    final = [int(y[-1]) for _, y in curves]
    if title is None:
        title = t.gettext("Reach over time: people who have the message after each step")
    fig.update_layout(
        title=dict(text=title, x=0.01, xanchor="left"),
        height=height,
        template=template(),
        margin=dict(l=60, r=20, t=60, b=50),
        xaxis=dict(title=dict(text=t.gettext("step")), dtick=1, rangemode="tozero"),
        yaxis=dict(title=dict(text=t.gettext("people reached (so far)")), rangemode="tozero"),
        meta={"final": final},
        showlegend=len(curves) > 1 or total is not None,
    )
    return fig


# ---------------------------------------------------------------------------
# The network, coloured by when each person was reached


def spread_figure(
    G,
    cascade: Cascade,
    *,
    title: str | None = None,
    seed: int = 0,
    pos=None,
    height: int | None = None,
    language: str | None = None,
):
    """The network, each person coloured by the step the message reached them.

    Parameters
    ----------
    G : networkx graph
        The network the cascade ran on (the same people).
    cascade : Cascade
    title : str, optional
    seed : int, default 0
        Seed of the layout.
    pos : dict, optional
        Positions, as for :func:`~smlessons.figures.network.draw_network`.
    height : int, optional
        As for :func:`~smlessons.figures.network.draw_network` (by default what the network needs).

    Returns
    -------
    plotly.graph_objects.Figure
        People in groups "step 0 (seeds)", "step 1", ... and "not reached",
        each with a legend entry; the seeds are circled.
        ``fig.layout.meta`` has ``"reached"`` and ``"people"``.

    Raises
    ------
    TypeError
        If `cascade` is not a Cascade.
    ValueError
        If the cascade ran on other people than those of `G`.

    Examples
    --------
    >>> from smlessons.engine import independent_cascade
    >>> from smlessons.engine.diffusion import independent_cascade
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> fig = spread_figure(G, independent_cascade(G, "a", 1.0))
    >>> sorted(t.name for t in fig.data if t.name.startswith("step"))
    ['step 0, the seeds (1)', 'step 1 (1)', 'step 2 (1)']
    """
    from .network import draw_network

    if not isinstance(cascade, Cascade):
        raise TypeError(f"cascade must be a Cascade (from independent_cascade), not {type(cascade).__name__}")
    if not isinstance(G, nx.Graph):
        raise TypeError(f"G must be a networkx graph, not {type(G).__name__}")
    if set(G) != set(cascade.network.labels):
        extra = next(iter(set(cascade.network.labels) - set(G)), None)
        missing = next(iter(set(G) - set(cascade.network.labels)), None)
        raise ValueError(
            "the cascade ran on another network: "
            + (
                f"{extra!r} is in the cascade but not in G"
                if extra is not None
                else f"{missing!r} is in G but not in the cascade"
            )
        )
    t = translator(language)
    when = cascade.when()
    colour = {
        u: (
            t.gettext("not reached")
            if s is None
            else (t.gettext("step 0, the seeds") if s == 0 else t.gettext("step {number}", number=s))
        )
        for u, s in when.items()
    }
    if title is None:
        title = t.gettext(
            "When each person got the message: {count} of {people} reached",
            count=cascade.size,
            people=cascade.network.n,
        ) + _steps(cascade.duration, t)
    fig = draw_network(
        G,
        color_by=colour,
        highlight=cascade.seeds,
        highlight_name=t.gettext("seeds"),
        title=title,
        seed=seed,
        pos=pos,
        height=height,
        language=t.language,
    )
    fig.update_layout(meta={**dict(fig.layout.meta or {}), "reached": cascade.size, "people": cascade.network.n})
    return fig


# ---------------------------------------------------------------------------
# Strategies over many runs


@dataclass(frozen=True)
class StrategyComparison:
    """Many runs of several seeding strategies on one network.

    Attributes
    ----------
    sizes : dict
        ``{strategy: numpy array of people reached per run}``.
    p : float
    runs, k, people : int
        Runs per strategy, seeds per run, size of the network.
    """

    sizes: Mapping[str, np.ndarray] = field(repr=False)
    p: float
    runs: int
    k: int
    people: int
    language: str | None = field(default=None, repr=False)

    def mean(self) -> dict:
        """``{strategy: average number of people reached}``, rounded to 0.1."""
        return {s: round(float(v.mean()), 1) for s, v in self.sizes.items()}

    def share_above(self, fraction: float = 0.5) -> dict:
        """``{strategy: share of runs that reached more than `fraction` of the network}``."""
        return {s: round(float((v > fraction * self.people).mean()), 2) for s, v in self.sizes.items()}

    @property
    def best(self) -> str:
        """The strategy with the highest average reach (first in order on a tie)."""
        means = {s: float(v.mean()) for s, v in self.sizes.items()}
        return max(means, key=means.get)

    def table(self) -> str:
        """A plain-text summary, one line per strategy."""
        t = translator(self.language)
        lines = [
            t.gettext(
                "{runs} runs per strategy, {seeds}, p = {p}, {people} people",
                runs=self.runs,
                seeds=_seeds(self.k, t),
                p=format_number(self.p, t.language),
                people=self.people,
            )
        ]
        for s, v in self.sizes.items():
            q1, med, q3 = np.percentile(v, [25, 50, 75])
            line = t.gettext(
                "average {mean}   middle half {low} to {high}   smallest {smallest}, largest {largest}",
                mean=format_number(v.mean(), t.language, 1, grouping=False).rjust(5),
                low=format_number(q1, t.language, grouping=False),
                high=format_number(q3, t.language, grouping=False),
                smallest=v.min(),
                largest=v.max(),
            )
            lines.append(f"  {s:<10} {line}")
        return "\n".join(lines)

    def figure(self, *, height: int = 380):
        """A box plot per strategy (the box holds the middle half of the runs; the dashed line is the average)."""
        import plotly.graph_objects as go

        t = translator(self.language)
        fig = go.Figure()
        for k, (s, v) in enumerate(self.sizes.items()):
            fig.add_trace(
                go.Box(
                    y=v.tolist(),
                    name=_wrap(t.gettext(STRATEGY_NAMES[s]) if s in STRATEGY_NAMES else s),
                    boxmean=True,
                    boxpoints=False,
                    marker=dict(color=COLOURWAY[k % len(COLOURWAY)]),
                )
            )
        fig.update_layout(
            title=dict(
                text=t.gettext(
                    "People reached over {runs} runs per strategy (p = {p}, {seeds})",
                    runs=self.runs,
                    p=format_number(self.p, t.language),
                    seeds=_seeds(self.k, t),
                ),
                x=0.01,
                xanchor="left",
            ),
            height=height,
            template=template(),
            margin=dict(l=60, r=20, t=60, b=70),
            xaxis=dict(tickangle=0, automargin=True),
            yaxis=dict(title=dict(text=t.gettext("people reached")), range=[0, self.people + 1]),
            showlegend=False,
            meta={"mean": self.mean()},
        )
        return fig

    def __str__(self) -> str:
        return self.table()


def _seeds(k: int, t) -> str:
    return t.ngettext("{count} seed", "{count} seeds", k, count=k)


def _wrap(label: str, width: int = 16) -> str:
    """A label broken into lines of about `width` characters (plotly's ``<br>``), so axis labels sit level and whole."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def _generators(rng, n: int) -> list:
    """`n` independent generators from one seed (or a generator)."""
    if isinstance(rng, np.random.Generator):
        return rng.spawn(n)
    return [np.random.default_rng(s) for s in np.random.SeedSequence(rng).spawn(n)]


def compare_strategies(
    G,
    strategies=STRATEGIES,
    p: float = 0.2,
    runs: int = 200,
    *,
    k: int = 1,
    rng=0,
    progress=None,
    language: str | None = None,
) -> StrategyComparison:
    """Run the Independent Cascade model `runs` times for each seeding strategy.

    Each strategy gets its own random stream from `rng`, so adding a strategy
    does not change the others' results.

    Parameters
    ----------
    G : networkx graph or CompactNetwork
    strategies : sequence of str, default all of :data:`~smlessons.engine.diffusion.STRATEGIES`
    p : float, default 0.2
        The chance that a person passes the message to each contact.
    runs : int, default 200
    k : int, default 1
        Seeds per run.
    rng : int or numpy.random.Generator, default 0
    progress : callable, optional
        Called as ``progress(done, total)`` over all runs of all strategies.

    Returns
    -------
    StrategyComparison

    Raises
    ------
    ValueError
        If `strategies` is empty, repeats or names an unknown strategy; and
        for what :func:`~smlessons.engine.diffusion.run_many` rejects (p, runs, k).

    Examples
    --------
    >>> c = compare_strategies(nx.karate_club_graph(), ["random", "degree"], 0.2, runs=50, rng=1)
    >>> sorted(c.sizes), c.sizes["degree"].shape
    (['degree', 'random'], (50,))
    """
    if isinstance(strategies, str):
        strategies = [strategies]
    strategies = [strategy_name(s) for s in strategies]  # "bridge" is the broker strategy's older name
    if not strategies:
        raise ValueError(f"give at least one strategy, from {', '.join(map(repr, STRATEGIES))}")
    for s in strategies:
        if s not in STRATEGIES:
            raise ValueError(f"unknown strategy {s!r}: choose from {', '.join(map(repr, STRATEGIES))}")
    if len(set(strategies)) != len(strategies):
        raise ValueError(f"strategies lists a strategy twice: {strategies!r}")
    net = diffusion.compact(G)
    gens = _generators(rng, len(strategies))
    total = len(strategies) * runs if isinstance(runs, int) else 0
    sizes = {}
    for i, (s, gen) in enumerate(zip(strategies, gens)):
        report = None
        if progress is not None:
            report = lambda done, _n, i=i: progress(i * runs + done, total)  # noqa: E731
        graph = G if isinstance(G, nx.Graph) else net
        sizes[s] = diffusion.run_many(
            graph if s in ("community", "broker") else net, s, p, runs, k=k, rng=gen, progress=report
        )
    return StrategyComparison(sizes=sizes, p=float(p), runs=int(runs), k=int(k), people=net.n, language=language)


# ---------------------------------------------------------------------------
# Ties only, or ties and a feed


@dataclass(frozen=True)
class FeedComparison:
    """Many runs of :func:`smlessons.engine.diffusion.feed_cascade` at several feed sizes.

    Attributes
    ----------
    runs : dict
        ``{feed: FeedRuns}``: for each feed size (0 is ties only), the people
        reached per run and how many of them through the feed.
    p, feed_p : float
        The chance that a tie, and that a feed exposure, passes the message on.
    seeds : str
        Who started the message (names, or a strategy and its number of seeds).
    people : int
    """

    runs: Mapping[int, diffusion.FeedRuns] = field(repr=False)
    p: float
    feed_p: float
    seeds: str
    people: int
    language: str | None = field(default=None, repr=False)

    def mean(self) -> dict:
        """``{feed: average number of people reached}``, rounded to 0.1."""
        return {f: round(r.mean(), 1) for f, r in self.runs.items()}

    def mean_by_feed(self) -> dict:
        """``{feed: average number of people the feed itself reached}``, rounded to 0.1."""
        return {f: round(float(r.by_feed.mean()), 1) for f, r in self.runs.items()}

    def table(self) -> str:
        """A plain-text summary, one line per feed size."""
        t = translator(self.language)
        first = next(iter(self.runs.values()))
        lines = [
            t.gettext(
                "{runs} runs each, seeds: {seeds}, p = {p} along ties, feed_p = {feed_p} in the feed, {people} people",
                runs=len(first.sizes),
                seeds=self.seeds,
                p=format_number(self.p, t.language),
                feed_p=format_number(self.feed_p, t.language),
                people=self.people,
            )
        ]
        labels = {
            f: t.gettext("ties only") if f == 0 else t.gettext("feed shows each post to {count}", count=f)
            for f in self.runs
        }
        width = max(26, *map(len, labels.values()))  # the columns line up in every language
        for f, r in self.runs.items():
            label = labels[f]
            line = t.gettext(
                "average {mean}   of whom through the feed {by_feed}",
                mean=format_number(r.mean(), t.language, 1, grouping=False).rjust(5),
                by_feed=format_number(r.by_feed.mean(), t.language, 1, grouping=False).rjust(4),
            )
            lines.append(f"  {label:<{width}} {line}")
        return "\n".join(lines)

    def figure(self, *, height: int = 360):
        """Stacked bars: the average reach through ties (and seeds) and through the feed."""
        import plotly.graph_objects as go

        t = translator(self.language)
        names = [t.gettext("ties only") if f == 0 else t.gettext("feed: {count} per post", count=f) for f in self.runs]
        ties = [round(float(r.by_ties.mean()), 1) for r in self.runs.values()]
        fed = [round(float(r.by_feed.mean()), 1) for r in self.runs.values()]
        fig = go.Figure(
            [
                go.Bar(x=names, y=ties, name=t.gettext("seeds and ties"), marker=dict(color=COLOURWAY[0])),
                go.Bar(x=names, y=fed, name=t.gettext("through the feed"), marker=dict(color=COLOURWAY[1])),
            ]
        )
        fig.update_layout(
            barmode="stack",
            title=dict(
                text=t.gettext(
                    "Average people reached (p = {p} along ties, {feed_p} in the feed)",
                    p=format_number(self.p, t.language),
                    feed_p=format_number(self.feed_p, t.language),
                ),
                x=0.01,
                xanchor="left",
            ),
            height=height,
            template=template(),
            margin=dict(l=60, r=20, t=60, b=60),
            yaxis=dict(title=dict(text=t.gettext("people reached (average)")), range=[0, self.people + 1]),
            meta={"mean": self.mean(), "by_feed": self.mean_by_feed()},
        )
        return fig

    def __str__(self) -> str:
        return self.table()


def compare_feed(
    G,
    seeds,
    p: float = 0.3,
    feeds=(0, 2, 4),
    *,
    feed_p: float | None = None,
    runs: int = 200,
    k: int = 1,
    rng=0,
    language: str | None = None,
) -> FeedComparison:
    """Run the message many times with ties only and with feeds of several sizes.

    Each feed size gets its own random stream from `rng`, so adding one does
    not change the others' results.

    Parameters
    ----------
    G : networkx graph or CompactNetwork
    seeds : people, or a strategy name
        As for :func:`~smlessons.engine.diffusion.run_many_feed`.
    p : float, default 0.3
        The chance that a tie passes the message on.
    feeds : sequence of int, default (0, 2, 4)
        Feed sizes to compare: how many non-contacts see each post (0: ties only).
    feed_p : float, optional
        The chance that someone the feed shows the post to takes it up
        (by default `p`).
    runs : int, default 200
    k : int, default 1
        Seeds per run, for a strategy.
    rng : int or numpy.random.Generator, default 0

    Returns
    -------
    FeedComparison

    Raises
    ------
    ValueError
        If `feeds` is empty or repeats a size; and as
        :func:`~smlessons.engine.diffusion.run_many_feed`.

    Examples
    --------
    >>> c = compare_feed(nx.Graph([("a", "b"), ("c", "d")]), "a", 1.0, (0, 1), feed_p=1.0, runs=5)
    >>> c.mean(), c.mean_by_feed()
    ({0: 2.0, 1: 4.0}, {0: 0.0, 1: 1.0})
    """
    feeds = [feeds] if isinstance(feeds, (int, np.integer)) else list(feeds)
    if not feeds:
        raise ValueError("give at least one feed size, e.g. feeds=(0, 2)")
    if len(set(feeds)) != len(feeds):
        raise ValueError(f"feeds lists a size twice: {feeds!r}")
    net = diffusion.compact(G)
    graph = G if isinstance(G, nx.Graph) else net
    gens = _generators(rng, len(feeds))
    results = {
        int(f) if isinstance(f, (int, np.integer)) else f: diffusion.run_many_feed(
            graph, seeds, p, runs, feed=f, feed_p=feed_p, k=k, rng=gen
        )
        for f, gen in zip(feeds, gens)
    }
    if isinstance(seeds, str) and strategy_name(seeds) in STRATEGIES:
        who = translator(language).gettext("{count} by {strategy}", count=k, strategy=repr(strategy_name(seeds)))
    else:
        who = ", ".join(map(str, [seeds] if isinstance(seeds, str) or not hasattr(seeds, "__iter__") else seeds))
    return FeedComparison(
        runs=results,
        p=float(p),
        feed_p=float(p if feed_p is None else feed_p),
        seeds=who,
        people=net.n,
        language=language,
    )
