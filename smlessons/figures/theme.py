"""The course's one plotly look: a template and colours that read in light and dark themes.

JupyterLab's plotly renderer draws a figure exactly as its JSON says: it
does not follow the JupyterLab theme. A figure with a white background is a
bright rectangle in the dark theme. So every figure of the course uses
:data:`TEMPLATE`: transparent paper and plot backgrounds (the notebook's own
background shows through, white or near-black), text and axes in one
neutral grey (:data:`NEUTRAL`) chosen for the best contrast against both
backgrounds, and a colourway (:data:`COLOURWAY`) whose colours each stand at
least 3:1 against both (the contrast WCAG asks of graphics). That is how the
course's figures read in JupyterLab's dark theme: nothing switches, the
figure lets the notebook's background through.

This module is the one place for the course's colours: the figure modules
(and the lesson 8 campaign, the instructor's report) take their colours by
name from here (:data:`COLOURWAY`, :data:`HIGHLIGHT`, :data:`EDGE`,
:data:`NEUTRAL`, :data:`COLOURSCALE`, the marker shapes :data:`SYMBOLS`) and
their template from :func:`template`.

Two templates are registered with plotly (``plotly.io.templates``) when
plotly is first used through this module:

- ``"smlessons"`` (:data:`TEMPLATE`): for any background, the default;
- ``"smlessons_dark"`` (:data:`DARK_TEMPLATE`): the same colourway, text and
  axes in a light grey (:data:`DARK_NEUTRAL`) for a page known to be dark
  (slides, an exported page); :func:`use` ``("dark")`` makes it plotly's
  default, and the course's figures follow.

Figure functions pass the template object itself (``template=template()``),
so that a figure looks the same whatever other template a student has set
as plotly's default; a student's own figures can use ``template="smlessons"``.

The colours import without plotly (:mod:`smlessons.engine` needs none of
them, and importing the colours stays light); plotly is imported when a
template is first used.
"""

from __future__ import annotations

from functools import cache

__all__ = [
    "TEMPLATE",  # noqa: F822 (built on first use by __getattr__ below)
    "DARK_TEMPLATE",  # noqa: F822 (likewise)
    "template",
    "use",
    "NEUTRAL",
    "DARK_NEUTRAL",
    "DARK_GRID",
    "GRID",
    "EDGE",
    "HIGHLIGHT",
    "COLOURWAY",
    "COLOURSCALE",
    "SYMBOLS",
    "LIGHT_BACKGROUND",
    "DARK_BACKGROUND",
    "relative_luminance",
    "contrast",
]

#: The notebook backgrounds the colours are chosen against: JupyterLab's
#: light theme (white) and its dark theme (``--jp-layout-color0``, #111).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#111111"

#: Text, axis lines and marker outlines: the grey with the best worst-case
#: contrast against both backgrounds (about 4.3:1 on each).
NEUTRAL = "#797979"
#: Grid lines: the neutral grey, faint.
GRID = "rgba(121, 121, 121, 0.25)"
#: Ties in network drawings.
EDGE = "#8a8a8a"
#: Highlighted people and ties (a path, a bridge, the seeds of a cascade).
HIGHLIGHT = "#D55E00"
#: One colour per category, in order. Every colour has a contrast of at least
#: 3:1 against both backgrounds, and none is the highlight colour. Network
#: drawings also give each category its own marker shape, so colour is never
#: the only cue.
COLOURWAY = (
    "#4477AA",
    "#EE6677",
    "#228833",
    "#B8860B",
    "#0F8F8F",
    "#AA3377",
    "#9467BD",
    "#9C755F",
    "#7F7F7F",
    "#A0522D",
    "#6A6AFF",
    "#3A923A",
)

#: Numbers on a colour scale (degree, betweenness, overlap): dark to light,
#: readable by colour-blind readers, and with no white end that would glare
#: in a dark theme.
COLOURSCALE = "Viridis"
#: One marker shape per category, in order, beside its colour from
#: :data:`COLOURWAY`: a category is never told by colour alone.
SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "cross",
    "star",
    "triangle-down",
    "pentagon",
    "hexagon",
    "x",
    "triangle-left",
    "star-square",
)

#: Text and axes of the dark variant: a light grey, about 11:1 on the dark background.
DARK_NEUTRAL = "#c8c8c8"
#: Grid lines of the dark variant.
DARK_GRID = "rgba(200, 200, 200, 0.2)"

_TRANSPARENT = "rgba(0, 0, 0, 0)"
_NAMES = {"light": "smlessons", "dark": "smlessons_dark"}


def _build(text: str, grid: str):
    import plotly.graph_objects as go

    axis = {
        "color": text,
        "linecolor": text,
        "gridcolor": grid,
        "zerolinecolor": grid,
        "tickcolor": text,
        "automargin": True,
    }
    return go.layout.Template(
        layout={
            "font": {"family": "sans-serif", "size": 12, "color": text},
            "title": {"font": {"size": 15, "color": text}},
            "paper_bgcolor": _TRANSPARENT,
            "plot_bgcolor": _TRANSPARENT,
            "colorway": list(COLOURWAY),
            "xaxis": axis,
            "yaxis": axis,
            "legend": {"font": {"color": text}, "bgcolor": _TRANSPARENT},
            "hoverlabel": {"align": "left"},
            "hovermode": "closest",
        },
        data={"bar": [{"textfont": {"color": text}, "outsidetextfont": {"color": text}}]},
    )


@cache
def _templates() -> dict:
    import plotly.io as pio

    built = {"light": _build(NEUTRAL, GRID), "dark": _build(DARK_NEUTRAL, DARK_GRID)}
    for variant, name in _NAMES.items():
        pio.templates[name] = built[variant]
    return built


def __getattr__(name):
    # the templates are built (and plotly imported) on first use
    if name == "TEMPLATE":
        return _templates()["light"]
    if name == "DARK_TEMPLATE":
        return _templates()["dark"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def template():
    """The course's template a figure should use now: :data:`DARK_TEMPLATE`
    when plotly's default is ``"smlessons_dark"`` (see :func:`use`), else
    :data:`TEMPLATE`.

    Examples
    --------
    >>> from smlessons.figures.theme import TEMPLATE
    >>> template() is TEMPLATE
    True
    """
    import plotly.io as pio

    built = _templates()
    return built["dark"] if pio.templates.default == _NAMES["dark"] else built["light"]


def use(variant: str = "light") -> None:
    """Make the course's ``"light"`` (any background) or ``"dark"`` template plotly's default.

    The course's figures follow (:func:`template`), and so do a student's
    own plotly figures.

    Raises
    ------
    ValueError
        If `variant` is neither ``"light"`` nor ``"dark"``.

    Examples
    --------
    >>> import plotly.io as pio
    >>> from smlessons.figures.theme import DARK_TEMPLATE, TEMPLATE
    >>> before = pio.templates.default
    >>> use("dark"); template() is DARK_TEMPLATE
    True
    >>> use("light"); template() is TEMPLATE
    True
    >>> pio.templates.default = before
    >>> use("dim")
    Traceback (most recent call last):
    ...
    ValueError: the course's templates are 'light' and 'dark', not 'dim'
    """
    if variant not in _NAMES:
        raise ValueError(f"the course's templates are 'light' and 'dark', not {variant!r}")
    import plotly.io as pio

    _templates()
    pio.templates.default = _NAMES[variant]


def relative_luminance(colour: str) -> float:
    """The relative luminance (WCAG 2) of a ``#rrggbb`` colour, from 0 (black) to 1 (white).

    Examples
    --------
    >>> relative_luminance("#ffffff"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"expected a colour like '#1a2b3c', got {colour!r}")
    channels = [int(text[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours, from 1 to 21.

    Examples
    --------
    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    >>> contrast(NEUTRAL, LIGHT_BACKGROUND) > 4.2 and contrast(NEUTRAL, DARK_BACKGROUND) > 4.2
    True
    >>> contrast(DARK_NEUTRAL, DARK_BACKGROUND) > 11
    True
    """
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
