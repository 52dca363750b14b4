"""Lazy exports for the subpackages: a public name is imported on first use.

Each subpackage's ``__init__`` lists where its public names live and hands
the list to :func:`attach`, as scientific Python's lazy loading does::

    __getattr__, __dir__, __all__ = attach(__name__, {"degree": "measures"})

so that ``import smlessons.engine`` imports nothing heavy until
``smlessons.engine.degree`` is asked for, and ``from smlessons.engine import
degree`` works as usual.

Examples
--------
>>> getattr_, dir_, all_ = attach("smlessons.engine", {"degree": "measures"})
>>> all_
['degree']
>>> getattr_("degree").__name__
'degree'
>>> getattr_("nothing")
Traceback (most recent call last):
...
AttributeError: module 'smlessons.engine' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["attach"]


def attach(package: str, exports: dict[str, str]):
    """``(__getattr__, __dir__, __all__)`` for `package`, whose public names live in its modules.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : dict
        ``{public name: module of the package that defines it}``.
    """

    def __getattr__(name: str):
        if name in exports:
            value = getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
            setattr(sys.modules[package], name, value)  # the next look-up is a plain attribute
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__, sorted(exports)
