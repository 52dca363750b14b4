"""The course's widgets: the sorting board (anywidget) and the spread explorer (ipywidgets)."""

from __future__ import annotations

from ..lazy import attach

#: Where each public name lives (imported on first use, so that importing
#: the package stays light).
_EXPORTS = {
    "NETWORKS": "explorer",
    "SortingBoard": "sorting_board",
    "SpreadExplorer": "explorer",
    "card_order": "sorting_board",
    "spread_explorer": "explorer",
    "student_name": "sorting_board",
}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
