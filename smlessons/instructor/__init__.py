"""The teacher's tools: grading, the report, the gradebook exports, the roster, the course folder and the command line."""

from __future__ import annotations

import importlib

#: Where each public name lives (imported on first use, so that importing
#: the package stays light).
_EXPORTS = {}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
