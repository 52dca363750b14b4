"""Every figure of the course, in plotly, with one look.

:mod:`~smlessons.figures.theme` registers the course's plotly template (its
colourway and a dark variant); the other modules draw networks, layers,
spreading messages and the platform table with it.
"""

from __future__ import annotations

from ..lazy import attach

#: Where each public name lives (imported on first use, so that importing
#: the package stays light).
_EXPORTS = {
    "AudienceTable": "tables",
    "COLOURSCALE": "theme",
    "COLOURWAY": "theme",
    "DARK_BACKGROUND": "theme",
    "DARK_GRID": "theme",
    "DARK_NEUTRAL": "theme",
    "DARK_TEMPLATE": "theme",
    "EDGE": "theme",
    "FeedComparison": "spread",
    "GRID": "theme",
    "HIGHLIGHT": "theme",
    "LIGHT_BACKGROUND": "theme",
    "MAX_EDGES": "network",
    "NEUTRAL": "theme",
    "STRATEGY_NAMES": "spread",
    "SYMBOLS": "theme",
    "StrategyComparison": "spread",
    "TEMPLATE": "theme",
    "audience_table": "tables",
    "cascade_text": "spread",
    "combinations_figure": "multiplex",
    "compare_feed": "spread",
    "compare_strategies": "spread",
    "contrast": "theme",
    "draw_layers": "multiplex",
    "draw_multiplex": "multiplex",
    "draw_network": "network",
    "draw_without": "multiplex",
    "edge_coordinates": "placement",
    "formats_matrix_figure": "media",
    "launch_timeline_figure": "media",
    "layout": "placement",
    "layout_problems": "placement",
    "media_reach_figure": "multiplex",
    "medium_colours": "multiplex",
    "overlap_figure": "multiplex",
    "reach_figure": "spread",
    "relative_luminance": "theme",
    "removal_figure": "multiplex",
    "removal_text": "multiplex",
    "spread_figure": "spread",
    "template": "theme",
    "tie_types_figure": "media",
    "use": "theme",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
