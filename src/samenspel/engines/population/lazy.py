# SPDX-License-Identifier: EUPL-1.2
"""Lazy public names for the panel engines' packages (PEP 562).

``samenspel`` imports every engine package to find its ``cli``; a package whose ``__init__``
imported numpy or HiGHS would slow down every command. With :func:`lazy_attributes` a package
lists where each public name lives and imports the module when the name is first used.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that finds ``name`` in ``package.homes[name]``."""

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{homes[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
