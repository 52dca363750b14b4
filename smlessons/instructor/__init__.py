"""The teacher's tools: grading, the report, the gradebook exports, the roster, the course folder and the command line."""

from __future__ import annotations

from ..lazy import attach

#: Where each public name lives (imported on first use, so that importing
#: the package stays light).
_EXPORTS = {}

__getattr__, __dir__, __all__ = attach(__name__, _EXPORTS)
