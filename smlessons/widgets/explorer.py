"""The spread explorer: ipywidgets controls to pick a network, a probability, a strategy and a number of seeds, and see the message spread.

from smlessons.widgets import spread_explorer
spread_explorer()
"""

from __future__ import annotations

import html
from numbers import Real

import numpy as np

from ..engine import diffusion
from ..engine.diffusion import STRATEGIES, strategy_name
from ..figures.spread import STRATEGY_NAMES, reach_figure, spread_figure
from ..i18n import N_, format_number, translator

__all__ = [
    "NETWORKS",
    "SpreadExplorer",
    "spread_explorer",
]


def _class():
    from ..datasets.networks import class_network

    return class_network()


def _karate():
    from ..datasets.networks import karate_club

    return karate_club()


#: The networks the explorer offers: ``{label: function returning the graph}``
#: (the menu shows a label in the explorer's language; the value stays the key).
NETWORKS = {
    N_("The class of lesson 4 (24 people, synthetic)"): _class,
    N_("Zachary's karate club (34 people, real: Zachary 1977)"): _karate,
}


# ---------------------------------------------------------------------------
# The explorer


class SpreadExplorer:
    """Controls to run a spreading message and see it: the lesson-7 explorer.

    A network menu, a probability slider, a strategy menu, a seeds slider
    (each slider's value written beside it in the explorer's language), a
    Run button, a progress bar for the many runs, and an output area that
    shows the reach over time and the network coloured by when each person
    was reached, for one run, and the average over `runs` runs. Once a
    setting changes, the summary says that it is of the last run until Run
    is pressed again.

    Display it as the last line of a cell. Its text form (what a plain
    console or a notebook checker sees) is stable:
    ``SpreadExplorer(network=..., p=..., strategy=..., seeds=...)``.

    Parameters
    ----------
    networks : dict, optional
        ``{label: graph or function returning a graph}``; by default
        :data:`NETWORKS`.
    p : float, default 0.2
    strategy : str, default "degree"
    seeds : int, default 1
    runs : int, default 200
        Runs averaged at each press of Run.
    rng : int, default 0
        The seed: each press of Run uses ``rng`` plus the number of presses
        before it, so a session replays the same way.
    run : bool, default True
        Run once at once, so the output is not empty.
    language : str, optional
        The language of the labels, the summary and the figures (``"en"`` or
        ``"it"``); by default the environment's.

    Attributes
    ----------
    last : dict or None
        What the last run did: ``network``, ``p``, ``strategy``, ``k``,
        ``seeds``, ``reached`` (one run), ``mean`` (over `runs`), ``runs``,
        ``title`` (of the network figure).

    Raises
    ------
    ValueError
        On an unknown strategy, p outside [0, 1], seeds < 1, runs < 1, or
        no networks.
    """

    def __init__(
        self,
        networks=None,
        *,
        p: float = 0.2,
        strategy: str = "degree",
        seeds: int = 1,
        runs: int = 200,
        rng: int = 0,
        run: bool = True,
        language: str | None = None,
    ):
        import ipywidgets as w

        t = translator(language)
        self.language = t.language

        networks = dict(NETWORKS if networks is None else networks)
        if not networks:
            raise ValueError("give at least one network to explore")
        strategy = strategy_name(strategy)
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {strategy!r}: choose from {', '.join(map(repr, STRATEGIES))}")
        if not isinstance(p, Real) or isinstance(p, bool) or not 0 <= p <= 1:
            raise ValueError(f"p is a probability between 0 and 1, got {p!r}")
        for name, value in (("seeds", seeds), ("runs", runs)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")
        self._networks = networks
        self._graphs: dict = {}
        self._rng = int(rng)
        self._presses = 0
        self.runs = runs
        self.last = None
        # Widened below to the longest label in the explorer's language.
        style = {"description_width": "160px"}
        layout = w.Layout(width="480px")
        self.network = w.Dropdown(
            options=[(t.template(label), label) for label in networks],
            description=t.gettext("Network"),
            style=style,
            layout=layout,
        )
        self.p = w.FloatSlider(
            value=float(p),
            min=0.0,
            max=1.0,
            step=0.05,
            description=t.gettext("Chance to share (p)"),
            style=style,
            layout=layout,
            readout=False,  # ipywidgets writes 0.20 in every language: the label beside it writes 0,20 in Italian
        )
        self.p_value = w.Label(self._p_text(p), layout=w.Layout(width="4em"))
        self.p.observe(lambda change: setattr(self.p_value, "value", self._p_text(change["new"])), names="value")
        self.strategy = w.Dropdown(
            options=[(t.gettext(STRATEGY_NAMES[s]), s) for s in STRATEGIES],
            value=strategy,
            description=t.gettext("Seed with"),
            style=style,
            layout=layout,
        )
        self.seeds = w.IntSlider(
            value=seeds, min=1, max=5, description=t.gettext("Seeds"), style=style, layout=layout, readout=False
        )
        # Both sliders' values in labels of one width, so that they line up in one column.
        self.seeds_value = w.Label(str(seeds), layout=w.Layout(width="4em"))
        self.seeds.observe(lambda change: setattr(self.seeds_value, "value", str(change["new"])), names="value")
        self.button = w.Button(
            description=t.gettext("Run"),
            button_style="primary",
            icon="play",
            tooltip=t.gettext("Run the message once, and average over many runs"),
        )
        self.progress = w.IntProgress(
            value=0, min=0, max=runs, description=t.gettext("Runs"), style=style, layout=w.Layout(width="480px")
        )
        # Wide enough for the longest label ("Chance to share (p)" in English) in any theme's
        # font: about 8px a character, and never under 160px.
        labelled = (self.network, self.p, self.strategy, self.seeds, self.progress)
        label_px = max(160, 8 * max(len(c.description) for c in labelled))
        # The menus as wide as their longest option (about 7.5px a character, and room for the arrow):
        # "Il club di karate di Zachary (34 persone, reale: Zachary 1977)" was cut off at 480px.
        longest = max(len(label) for label, _ in (*self.network.options, *self.strategy.options))
        total = f"{max(480, label_px + int(7.5 * longest) + 48)}px"
        for control in labelled:
            control.style.description_width = f"{label_px}px"
            control.layout.width = total
        self.summary = w.HTML()
        for control in (self.network, self.p, self.strategy, self.seeds):  # the summary is of the last run
            control.observe(lambda _change: self._settings_changed(), names="value")
        self.output = w.Output()
        self.button.on_click(lambda _b: self.run())
        controls = w.VBox(
            [
                self.network,
                w.HBox([self.p, self.p_value]),
                self.strategy,
                w.HBox([self.seeds, self.seeds_value]),
                w.HBox([self.button, self.progress]),
            ]
        )
        self.widget = w.VBox([controls, self.summary, self.output])
        self.widget.add_class("sm-spread-explorer")
        if run:
            self.run()

    def _settings_changed(self) -> None:
        """Say, above the last run's summary, that it is not of the settings now shown (once)."""
        if self.last is None or self.summary.value.startswith(_STALE):
            return
        t = translator(self.language)
        self.summary.value = (
            _STALE + t.gettext("Settings changed: press Run to see them.") + "</i><br>" + self.summary.value
        )

    def _p_text(self, p: float) -> str:
        """The slider's value as the explorer's language writes it: ``0.20`` or ``0,20``."""
        return format_number(float(p), self.language, 2, grouping=False)

    def graph(self):
        """The network chosen in the menu (built once)."""
        name = self.network.value
        if name not in self._graphs:
            g = self._networks[name]
            self._graphs[name] = g() if callable(g) else g
        return self._graphs[name]

    def run(self) -> dict:
        """Run with the current settings; update the output; return :attr:`last`."""
        G = self.graph()
        p, strategy, k = float(self.p.value), self.strategy.value, int(self.seeds.value)
        seed = self._rng + self._presses
        self._presses += 1
        gen = np.random.default_rng(seed)
        chosen = diffusion.choose_seeds(G, strategy, k, rng=gen)
        one = diffusion.independent_cascade(G, chosen, p, rng=gen)
        self.progress.value = 0
        step = max(1, self.runs // 20)  # a few updates, not one message per run

        def tick(done, total):
            if done % step == 0 or done == total:
                self.progress.value = done

        sizes = diffusion.run_many(G, strategy, p, self.runs, k=k, rng=gen, progress=tick)
        t = translator(self.language)
        figures = (
            reach_figure({t.gettext("this run"): one}, total=len(G), height=300, language=t.language),
            spread_figure(G, one, height=420, language=t.language),
        )
        self.figures = figures
        self.last = {
            "network": self.network.value,
            "p": p,
            "strategy": strategy,
            "k": k,
            "seeds": list(chosen),
            "reached": one.size,
            "mean": round(float(sizes.mean()), 1),
            "runs": self.runs,
            "title": figures[1].layout.title.text,
        }
        self.summary.value = t.gettext(
            "<b>Seeds:</b> {seeds}. <b>This run</b> reached {reached} of {people} people; "
            "<b>on average over {runs} runs</b>, {mean} people (smallest {smallest}, largest {largest}).",
            seeds=html.escape(", ".join(map(str, chosen))),
            reached=one.size,
            people=len(G),
            runs=self.runs,
            mean=format_number(self.last["mean"], t.language, 1, grouping=False),
            smallest=sizes.min(),
            largest=sizes.max(),
        )
        # Set the Output widget's outputs directly rather than capturing
        # display() in it: the same on screen, and safe when a notebook is
        # executed headless without storing widget state.
        self.output.outputs = tuple(_display_data(fig) for fig in figures)
        return self.last

    def __repr__(self) -> str:
        return (
            f"SpreadExplorer(network={self.network.value!r}, p={self.p.value:g}, "
            f"strategy={self.strategy.value!r}, seeds={self.seeds.value})"
        )

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        bundle = dict(bundle or {})
        bundle["text/plain"] = repr(self)
        return bundle


_STALE = '<i class="sm-stale">'  # marks the notice that the summary is of earlier settings


def _display_data(obj) -> dict:
    """A display_data output for `obj`, as a kernel would send it."""
    # Not the shell's display formatter: a plotly figure's _ipython_display_
    # would then publish itself in the running cell instead of returning data.
    data = dict(obj._repr_mimebundle_() or {}) if hasattr(obj, "_repr_mimebundle_") else {}
    data.setdefault("text/plain", translator().gettext("A figure (run the notebook to see it)"))
    return {"output_type": "display_data", "data": data, "metadata": {}}


def spread_explorer(networks=None, **options) -> SpreadExplorer:
    """Build a :class:`SpreadExplorer` (display it as the last line of a cell)."""
    return SpreadExplorer(networks, **options)
