"""The course's one plotly look: a template and colours that read in light and dark themes.

JupyterLab's plotly renderer draws a figure exactly as its JSON says: it
does not follow the JupyterLab theme. A figure with a white background is a
bright rectangle in the dark theme. So every figure of the course uses
:data:`TEMPLATE`: transparent paper and plot backgrounds (the notebook's own
background shows through, white or near-black), text and axes in one
neutral grey (:data:`NEUTRAL`) chosen for the best contrast against both
backgrounds, and a colourway (:data:`COLOURWAY`) whose colours each stand at
least 3:1 against both (the contrast WCAG asks of graphics).

The template is registered with plotly as ``"smlessons"``; figure functions
pass the object itself (``template=TEMPLATE``), so that a figure looks the
same whatever template a student has set as the default.

The colours import without plotly (:mod:`smlessons.engine.measures` uses them for
its layout-only functions); plotly is imported when :data:`TEMPLATE` is first
used.
"""

from __future__ import annotations

from functools import cache

__all__ = [
    "TEMPLATE",  # noqa: F822 (built on first use by __getattr__ below)
    "NEUTRAL",
    "GRID",
    "EDGE",
    "HIGHLIGHT",
    "COLOURWAY",
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

_TRANSPARENT = "rgba(0, 0, 0, 0)"
_AXIS = {
    "color": NEUTRAL,
    "linecolor": NEUTRAL,
    "gridcolor": GRID,
    "zerolinecolor": GRID,
    "tickcolor": NEUTRAL,
    "automargin": True,
}


@cache
def _template():
    import plotly.graph_objects as go
    import plotly.io as pio

    template = go.layout.Template(
        layout={
            "font": {"family": "sans-serif", "size": 12, "color": NEUTRAL},
            "title": {"font": {"size": 15, "color": NEUTRAL}},
            "paper_bgcolor": _TRANSPARENT,
            "plot_bgcolor": _TRANSPARENT,
            "colorway": list(COLOURWAY),
            "xaxis": _AXIS,
            "yaxis": _AXIS,
            "legend": {"font": {"color": NEUTRAL}, "bgcolor": _TRANSPARENT},
            "hoverlabel": {"align": "left"},
            "hovermode": "closest",
        },
        data={"bar": [{"textfont": {"color": NEUTRAL}, "outsidetextfont": {"color": NEUTRAL}}]},
    )
    pio.templates["smlessons"] = template
    return template


def __getattr__(name):
    # TEMPLATE is built (and plotly imported) on first use.
    if name == "TEMPLATE":
        return _template()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    """
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
