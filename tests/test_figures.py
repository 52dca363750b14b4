"""smlessons.figures: one template and colourway for every figure, readable on
JupyterLab's light and dark backgrounds."""

import json

import networkx as nx
import plotly.io as pio
import pytest

from smlessons.figures import theme as figures
from smlessons.figures.theme import (
    COLOURWAY,
    DARK_BACKGROUND,
    HIGHLIGHT,
    LIGHT_BACKGROUND,
    NEUTRAL,
    TEMPLATE,
    contrast,
)


def test_every_colour_stands_out_on_both_backgrounds():
    for colour in (*COLOURWAY, HIGHLIGHT, figures.EDGE):
        for background in (LIGHT_BACKGROUND, DARK_BACKGROUND):
            assert contrast(colour, background) >= 3, (colour, background)  # WCAG 1.4.11, graphics
    assert HIGHLIGHT not in COLOURWAY and len(set(COLOURWAY)) == len(COLOURWAY) >= 10


def test_text_grey_is_the_best_compromise_for_both_backgrounds():
    ratios = [contrast(NEUTRAL, b) for b in (LIGHT_BACKGROUND, DARK_BACKGROUND)]
    assert min(ratios) > 4.3
    # no other grey does better on the worse of the two backgrounds
    best = max(
        min(contrast(f"#{v:02x}{v:02x}{v:02x}", b) for b in (LIGHT_BACKGROUND, DARK_BACKGROUND)) for v in range(256)
    )
    assert min(ratios) >= best - 0.02


def test_contrast_is_computed_the_wcag_way():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the well-known AA grey
    with pytest.raises(ValueError, match="expected a colour"):
        contrast("grey", "#ffffff")


def test_the_template_is_transparent_and_registered():
    layout = TEMPLATE.layout
    for key in ("paper_bgcolor", "plot_bgcolor"):
        assert getattr(layout, key).replace(" ", "") == "rgba(0,0,0,0)"
    assert layout.font.color == NEUTRAL and tuple(layout.colorway) == COLOURWAY
    assert pio.templates["smlessons"] == TEMPLATE
    assert len(json.dumps(TEMPLATE.to_plotly_json())) < 3000  # small: it is stored in every figure


def _figures():
    from smlessons.datasets import multiplex, networks
    from smlessons.engine.diffusion import independent_cascade
    from smlessons.figures import media as media_figures
    from smlessons.figures import multiplex as multiplex_figures
    from smlessons.figures import network as network_figures
    from smlessons.figures import spread as spread_figures

    G = networks.class_network()
    M = multiplex.multiplex_class()
    cascade = independent_cascade(G, ["Pia"], 0.3, rng=3)
    yield "draw_network", network_figures.draw_network(G)
    yield "draw_layers", multiplex_figures.draw_layers(M, highlight="Ana")
    yield "draw_multiplex", multiplex_figures.draw_multiplex(M)
    yield "draw_without", multiplex_figures.draw_without(M, "Instagram")
    yield "overlap_figure", multiplex_figures.overlap_figure(M)
    yield "reach_figure", multiplex_figures.media_reach_figure(M, "Pia")
    yield "removal_figure", multiplex_figures.removal_figure(M)
    yield "formats_matrix_figure", media_figures.formats_matrix_figure()
    yield "tie_types_figure", media_figures.tie_types_figure()
    yield "launch_timeline_figure", media_figures.launch_timeline_figure()
    yield "spread_figures.reach_figure", spread_figures.reach_figure(cascade)
    yield "spread_figure", spread_figures.spread_figure(G, cascade)
    yield "compare_strategies", spread_figures.compare_strategies(G, runs=5, rng=1).figure()
    yield "combinations_figure", multiplex_figures.combinations_figure(M)


@pytest.mark.parametrize("name, fig", list(_figures()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_course_figure_uses_the_template_and_no_white_background(name, fig):
    assert fig.layout.template == TEMPLATE, name
    text = json.dumps(fig.to_plotly_json()["layout"], default=str).lower()
    for key in ("plot_bgcolor", "paper_bgcolor"):
        value = fig.layout[key]
        assert value is None or value.replace(" ", "") == "rgba(0,0,0,0)", f"{name}: {key} {value}"
    assert '"white"' not in text and "#ffffff" not in text and '#fff"' not in text, name


def test_importing_the_colours_does_not_import_plotly():
    import subprocess
    import sys

    code = "import sys; from smlessons.figures import COLOURWAY; import smlessons.engine.measures; print('plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_draw_network_of_a_tiny_network():
    from smlessons.figures.network import draw_network

    fig = draw_network(nx.path_graph(2))
    assert fig.layout.yaxis.scaleanchor == "x"
