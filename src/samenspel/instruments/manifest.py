# SPDX-License-Identifier: EUPL-1.2
"""The manifest an instrument declares in its app's ``instrument.py`` (one per instrument)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from samenspel.people.services import ASSURANCE_ORDER, AssuranceLevel

# How sure the platform is of who someone is, weakest first (ARCHITECTURE: people): given by the
# person, proven with a code from a letter to their address, or proven with DigiD.
# The levels themselves are the people app's.
DECLARED, CODE, DIGID = AssuranceLevel.DECLARED, AssuranceLevel.CODE, AssuranceLevel.DIGID
ASSURANCE_LEVELS = ASSURANCE_ORDER


def setting(
    default: Any,
    *,
    label: Any,
    help_text: Any = "",
    min_value: int | None = None,
    max_value: int | None = None,
    max_length: int = 200,
    choices: Sequence[tuple[str, Any]] = (),
) -> Any:
    """One typed setting of an instrument: a dataclass field with its label and limits.

    ``label`` and ``help_text`` are shown in the generated form (use gettext_lazy); ``min_value``
    and ``max_value`` bound an ``int``, ``max_length`` and ``choices`` a ``str``.
    """
    return field(
        default=default,
        metadata={
            "label": label,
            "help_text": help_text,
            "min_value": min_value,
            "max_value": max_value,
            "max_length": max_length,
            "choices": tuple(choices),
        },
    )


@dataclass(frozen=True)
class Action:
    """A verb of an instrument: a ``rules`` permission checked against the use (so it can ask
    "is this person an organiser of this use?") and the assurance level the person needs."""

    key: str
    label: str | Promise
    permission: str
    assurance: str = DECLARED


@dataclass(frozen=True)
class Export:
    """A download of an instrument's data; ``public`` exports hold aggregate data only, the
    others are offered to the organisers of the use. The URL is reversed like the detail URL."""

    key: str
    label: str | Promise
    url_name: str
    public: bool


@dataclass(frozen=True)
class InstrumentManifest:
    """Everything Samenspel needs to know about an instrument, in one place.

    ``settings`` is a dataclass type with a default for every field (declare them with
    ``setting``): the typed settings of one use, read back as that dataclass. ``phase_settings``,
    when given, is a second such dataclass whose values may differ per phase of the trajectory.
    ``create_url_name`` is reversed with (gemeente slug, traject pk) to attach a new use; the
    use's page ``detail_url_name`` and the exports with (gemeente slug, ``object_id(use)``).
    ``on_phase_change(use, old_phase, new_phase)`` is called after the trajectory of a use has
    changed phase. ``avg_export`` and ``avg_erase`` return and erase the personal data the
    instrument holds about one user (AVG articles 15 and 17). ``code_landing(use)`` is the URL a
    resident is taken to after redeeming a letter's code for this use (default: the use's page);
    the instrument recognises the letter with ``reach.services.redemption(session, use)``.
    """

    key: str
    label: str | Promise
    description: str | Promise
    phases: frozenset[str]
    settings: type
    create_url_name: str
    detail_url_name: str
    attach_permission: str
    object_id: Callable[[Any], int] = field(default=lambda use: use.pk)
    phase_settings: type | None = None
    actions: tuple[Action, ...] = ()
    exports: tuple[Export, ...] = ()
    on_phase_change: Callable[[Any, str, str], None] | None = None
    avg_export: Callable[[Any], list[dict]] = field(default=lambda user: [])
    avg_erase: Callable[[Any], int] = field(default=lambda user: 0)
    code_landing: Callable[[Any], str] | None = None

    def action(self, key: str) -> Action:
        return next(a for a in self.actions if a.key == key)
