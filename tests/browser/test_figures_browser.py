"""The course's plotly figures in a real JupyterLab, light and dark theme.

A notebook draws the lessons' figures (a network with a highlighted path,
the karate club, the multiplex reach bars, a media chart, a reach curve, the
layers of the multiplex class) the
way the lessons draw them, plus one figure in the old style (white
background) as a control. In each theme the test screenshots every figure
and measures:

- glare: the share of bright pixels (luminance above 0.6) in the figure; in
  the dark theme the course's figures must have almost none, while the
  control (a white rectangle) must be flagged, which shows that the
  measure can fail;
- text contrast: the fill colour plotly gives every text on the figure's
  background against the background measured behind the figure (the
  notebook's own, since the figure is transparent); a heatmap's cell values
  sit on their cells and are left out;
- bar labels: in the reach bars, no bar label ("0 of 6") overlaps a
  category name ("TikTok").

Screenshots go to ``test-artifacts/`` (light and dark).
"""

from __future__ import annotations

import json

import harness
import pytest
from harness import DARK_THEME, LIGHT_THEME, open_notebook, run_all, scratch_notebook, set_theme

pytestmark = pytest.mark.browser

CELLS = (
    "from smlessons.datasets import class_network, karate_club, multiplex_class\n"
    "from smlessons.engine import independent_cascade, shortest_path\n"
    "from smlessons.figures import draw_network, media, multiplex, spread\n"
    "G = class_network(); path = shortest_path(G, 'Ana', 'Omar')",
    "draw_network(G, color_by='degree', highlight=path, highlight_ties=list(zip(path, path[1:])),\n"
    "             title='A shortest path from Ana to Omar')",
    "draw_network(karate_club(), color_by='betweenness', highlight=[0, 33])",
    "multiplex.media_reach_figure(multiplex_class(), 'Pia')",
    "media.tie_types_figure()",
    "spread.reach_figure(independent_cascade(G, ['Pia'], 0.3, rng=3))",
    "multiplex.draw_layers(multiplex_class(), highlight='Ana')",
    "multiplex.draw_multiplex(multiplex_class())",
    "multiplex.overlap_figure(multiplex_class())",
    "multiplex.removal_figure(multiplex_class())",
    # the control: the old look, a white figure
    "import plotly.graph_objects as go\n"
    "go.Figure(go.Scatter(x=[0, 1], y=[0, 1]), layout=dict(template='none', paper_bgcolor='white',\n"
    "          plot_bgcolor='white', height=300, title='control: a white figure'))",
)
CONTROL = 9  # index of the control among the figures

_MEASURE_JS = """(i) => {
  const fig = document.querySelectorAll('.jp-RenderedPlotly')[i];
  // texts on the figure's (transparent) background; a heatmap's cell values sit on their cells
  const texts = [...fig.querySelectorAll('text')].filter(
      t => t.textContent.trim() && t.getBBox().width > 0 && !t.closest('.heatmaplayer'));
  const colours = texts.map(t => getComputedStyle(t).fill);
  const box = (sel) => [...fig.querySelectorAll(sel)].map(t => {
      const r = t.getBoundingClientRect(); return {text: t.textContent, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom}; });
  return {colours: [...new Set(colours)], ticks: box('.ytick text'), bars: box('.bartext')};
}"""


def _rgb(css: str) -> tuple:
    nums = [float(v) for v in css[css.index("(") + 1 : css.index(")")].replace(",", " ").split()[:3]]
    return tuple(nums)


def _luminance(rgb) -> float:
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _pixels(png: bytes):
    """(width, height, rows of (r, g, b)) of a PNG screenshot, without extra packages."""
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, width = 8, [], 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6), "expected an 8-bit RGB(A) screenshot"
            step = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(data)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * step
    rows, prev = [], bytearray(stride)
    i = 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - step] if x >= step else 0
            b, c = prev[x], prev[x - step] if x >= step else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, step)])
        prev = line
    return width, height, rows


def _glare(png: bytes) -> tuple:
    """(share of bright pixels, the most common colour: the background)."""
    from collections import Counter

    _, _, rows = _pixels(png)
    pixels = [p for row in rows[::2] for p in row[::2]]
    bright = sum(1 for p in pixels if _luminance(p) > 0.6)
    return bright / len(pixels), Counter(pixels).most_common(1)[0][0]


@pytest.fixture(scope="module")
def figures_page(browser, lab_server):
    context = harness.new_context(browser)
    page = context.new_page()
    page.set_default_timeout(30_000)
    path = scratch_notebook(lab_server, "figures-themes.ipynb", CELLS)
    open_notebook(page, lab_server, path)
    run_all(page)
    page.wait_for_function(
        f"() => document.querySelectorAll('.jp-RenderedPlotly .main-svg').length >= {2 * len(CELLS) - 2}"
    )
    yield page
    context.close()


def test_figures_do_not_glare_in_the_dark_theme_and_their_text_reads_in_both(figures_page, artifacts):
    page = figures_page
    figures = page.locator(".jp-RenderedPlotly")
    count = figures.count()
    assert count == len(CELLS) - 1
    report, failures = {}, []
    for theme in (LIGHT_THEME, DARK_THEME):
        set_theme(page, theme)
        page.wait_for_timeout(300)
        for i in range(count):
            fig = figures.nth(i)
            fig.scroll_into_view_if_needed()
            png = fig.screenshot(path=str(artifacts / f"figure-{i}-{'dark' if theme == DARK_THEME else 'light'}.png"))
            bright, background = _glare(png)
            measured = page.evaluate(_MEASURE_JS, i)
            worst = min((_contrast(_rgb(c), background) for c in measured["colours"]), default=None)
            report[f"{theme} figure {i}"] = {
                "bright share": round(bright, 3), "background": background,
                "lowest text contrast": None if worst is None else round(worst, 2),
            }  # fmt: skip
            if i == CONTROL:
                continue
            if theme == DARK_THEME and bright > 0.05:
                failures.append(f"figure {i} glares in the dark theme: {bright:.0%} bright pixels")
            if worst is not None and worst < 4.0:
                failures.append(f"figure {i} in {theme}: text contrast {worst:.2f}:1")
    print(json.dumps(report, indent=1))
    (artifacts / "figures-themes.json").write_text(json.dumps(report, indent=1) + "\n")
    # the measure can fail: the white control figure glares in the dark theme
    assert report[f"{DARK_THEME} figure {CONTROL}"]["bright share"] > 0.5
    set_theme(page, LIGHT_THEME)
    assert not failures, "\n".join(failures)


def test_bar_labels_do_not_run_into_category_names(figures_page):
    page = figures_page
    measured = page.evaluate(_MEASURE_JS, 2)  # the reach bars of Pia's friends
    ticks, bars = measured["ticks"], measured["bars"]
    assert ticks and bars and any(b["text"].startswith("0 of") for b in bars)
    clashes = [
        (t["text"], b["text"])
        for t in ticks
        for b in bars
        if t["x0"] < b["x1"] + 2 and b["x0"] < t["x1"] + 2 and t["y0"] < b["y1"] and b["y0"] < t["y1"]
    ]
    assert not clashes, f"bar labels run into category names: {clashes}"
