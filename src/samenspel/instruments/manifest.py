"""The manifest an instrument declares in its app's ``instrument.py`` (one per instrument)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Action:
    """A verb of an instrument that can be authorised (a ``rules`` permission name)."""

    key: str
    label: str | Promise
    permission: str


@dataclass(frozen=True)
class Export:
    """A download of an instrument's data; ``public`` exports hold aggregate data only."""

    key: str
    label: str | Promise
    url_name: str
    public: bool


@dataclass(frozen=True)
class InstrumentManifest:
    """Everything Samenspel needs to know about an instrument, in one place.

    ``settings`` is a dataclass type with defaults: the typed global settings of one use.
    ``create_url_name`` is reversed with (gemeente slug, traject pk) to attach a new use;
    ``detail_url`` gives the page of one use. ``avg_export`` and ``avg_erase`` return and erase
    the personal data the instrument holds about one user (AVG articles 15 and 17).
    """

    key: str
    label: str | Promise
    description: str | Promise
    phases: frozenset[str]
    settings: type
    create_url_name: str
    detail_url: Callable[[Any], str]
    attach_permission: str
    actions: tuple[Action, ...] = ()
    exports: tuple[Export, ...] = ()
    avg_export: Callable[[Any], list[dict]] = field(default=lambda user: [])
    avg_erase: Callable[[Any], int] = field(default=lambda user: 0)
