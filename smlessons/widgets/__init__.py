"""The course's widgets: the sorting board (anywidget) and the spread explorer (ipywidgets)."""

from __future__ import annotations

import importlib

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

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
