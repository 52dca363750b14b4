"""smlessons.figures: one template and colourway for every figure, readable on
JupyterLab's light and dark backgrounds."""

import json
import re
from pathlib import Path

import networkx as nx
import plotly.io as pio
import pytest

from smlessons.figures import theme as figures
from smlessons.figures.theme import (
    COLOURWAY,
    DARK_BACKGROUND,
    DARK_NEUTRAL,
    DARK_TEMPLATE,
    HIGHLIGHT,
    LIGHT_BACKGROUND,
    NEUTRAL,
    TEMPLATE,
    contrast,
    template,
    use,
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


def test_the_dark_variant_is_registered_with_the_same_colourway_and_lighter_text():
    layout = DARK_TEMPLATE.layout
    assert pio.templates["smlessons_dark"] == DARK_TEMPLATE != TEMPLATE
    assert tuple(layout.colorway) == COLOURWAY and layout.font.color == DARK_NEUTRAL
    for key in ("paper_bgcolor", "plot_bgcolor"):
        assert getattr(layout, key).replace(" ", "") == "rgba(0,0,0,0)"
    assert contrast(DARK_NEUTRAL, DARK_BACKGROUND) >= 7 > contrast(NEUTRAL, DARK_BACKGROUND)  # AAA on dark
    assert layout.xaxis.color == layout.yaxis.color == layout.title.font.color == DARK_NEUTRAL


@pytest.fixture
def plotly_default():
    before = pio.templates.default
    yield
    pio.templates.default = before


def test_use_makes_a_variant_plotlys_default_and_the_figures_follow(plotly_default):
    from smlessons.datasets import networks
    from smlessons.figures import network as network_figures

    assert template() is TEMPLATE
    use("dark")
    assert pio.templates.default == "smlessons_dark" and template() is DARK_TEMPLATE
    assert network_figures.draw_network(networks.class_network()).layout.template == DARK_TEMPLATE
    use("light")
    assert pio.templates.default == "smlessons" and template() is TEMPLATE
    pio.templates.default = "plotly_dark"  # a student's own choice: the course's figures keep their look
    assert template() is TEMPLATE
    with pytest.raises(ValueError, match="the course's templates are 'light' and 'dark', not 'Dark'"):
        use("Dark")


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


#: Every colour a course figure may name: the theme's.
THEME_COLOURS = {*COLOURWAY, NEUTRAL, HIGHLIGHT, figures.EDGE, figures.GRID, "rgba(0, 0, 0, 0)"}


def _colours(node, key=""):
    """Every colour string under a key naming a colour (not a colour scale) in a figure's JSON."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "template":
                yield from _colours(v, k)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _colours(v, key)
    elif isinstance(node, str) and "color" in key.lower() and key != "colorscale":
        yield node


def test_the_colour_check_can_fail():
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[0], y=[0], marker=dict(color=["#88CCEE", COLOURWAY[0]], line=dict(color="#333"))))
    assert set(_colours(fig.to_plotly_json())) - THEME_COLOURS == {"#88CCEE", "#333"}


@pytest.mark.parametrize("name, fig", list(_figures()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_course_figure_takes_its_colours_from_the_theme(name, fig):
    assert set(_colours(fig.to_plotly_json())) <= THEME_COLOURS, name


def test_the_campaign_figure_uses_the_theme():
    from smlessons.exercises.campaign import Campaign

    fig = Campaign().plan(["instagram", "whatsapp"], ["carla", "jamal"]).figure()
    assert fig.layout.template == TEMPLATE
    assert set(_colours(fig.to_plotly_json())) <= THEME_COLOURS


#: A colour or a plotly style written in code: a hex colour, rgb()/rgba() (but transparent), a named template or scale.
WRITTEN_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|\brgba?\((?!0, 0, 0, 0\))|plotly_white|\"Viridis\"")


def test_no_colour_is_written_outside_the_theme():
    for written in ('color="#333"', "'#88CCEE'", "rgb(1, 2, 3)", 'template="plotly_white"', 'colorscale="Viridis"'):
        assert WRITTEN_COLOUR.search(written), written
    assert not WRITTEN_COLOUR.search('color="rgba(0, 0, 0, 0)"  # see issue #12')
    package = Path(figures.__file__).resolve().parents[1]
    files = [*package.glob("figures/*.py"), package / "exercises" / "campaign.py"]
    assert len(files) == 9
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in files
        if path.name != "theme.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITTEN_COLOUR.search(line)
    ]
    assert not found, "\n".join(found)


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
