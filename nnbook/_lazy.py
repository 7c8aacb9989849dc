"""Lazy re-exports (PEP 562), shared by :mod:`nnbook` and :mod:`nnbook.pytorch`.

A package lists where each public name is defined; a name's module is
imported the first time the name is used. Importing a package therefore
costs nothing, and a chapter depends on exactly the modules whose names it
uses, which lets the book re-execute only the chapters an edit affects.
"""

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any


def attach(
    package: str, sources: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Make a package's ``__getattr__`` and ``__dir__`` from ``name -> module``.

    Examples
    --------
    >>> getattr_, dir_ = attach("nnbook", {"sigmoid": "activations.smooth"})
    >>> getattr_("sigmoid").__module__
    'nnbook.activations.smooth'
    """

    def getattr_(name: str) -> Any:  # lazily: any public object
        try:
            module = sources[name]
        except KeyError:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg) from None
        value = getattr(import_module(f"{package}.{module}"), name)
        vars(sys.modules[package])[name] = value  # later look-ups skip this
        return value

    def dir_() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(sources))

    return getattr_, dir_
