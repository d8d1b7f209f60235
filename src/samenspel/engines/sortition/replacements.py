# SPDX-License-Identifier: EUPL-1.2
"""Replacements for members who drop out before the first meeting.

The rule is fixed before the draw: every respondent gets a rank from a hash of the published
seed (or public number) and their id, so anyone can recompute it. A drop-out is replaced by the
best-ranked respondent off the panel whose seat keeps every quota and household rule met.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from samenspel.engines.sortition.feasibility import panel_problems
from samenspel.engines.sortition.model import InputError, Instance


@dataclass(frozen=True)
class Replacement:
    """``replacement`` took the seat of ``dropout``; ``rank`` is their place in the order."""

    dropout: str
    replacement: str
    rank: int


def replacement_order(instance: Instance, key: str) -> list[int]:
    """Person indices, best rank first, from the hash of ``key`` and each id."""

    def rank(person: int) -> str:
        text = f"samenspel-sortition-replace:{key}:{instance.ids[person]}"
        return hashlib.sha256(text.encode()).hexdigest()

    return sorted(range(instance.n), key=rank)


def replace(
    instance: Instance, panel: list[str], dropouts: list[str], key: str
) -> tuple[list[str], tuple[Replacement, ...]]:
    """The panel after replacing ``dropouts`` one by one, and the replacements made."""
    index = {person: i for i, person in enumerate(instance.ids)}
    unknown = [p for p in [*panel, *dropouts] if p not in index]
    if unknown:
        raise InputError(f"unknown id(s): {', '.join(unknown)}")
    not_seated = [p for p in dropouts if p not in panel]
    if not_seated:
        raise InputError(f"not on the panel: {', '.join(not_seated)}")
    seats = [index[p] for p in panel]
    gone = {index[p] for p in dropouts}
    order = replacement_order(instance, key)
    made = []
    for dropout in dropouts:
        seats.remove(index[dropout])
        for rank, candidate in enumerate(order, start=1):
            if candidate in gone or candidate in seats:
                continue
            if not panel_problems(instance, [*seats, candidate]):
                seats.append(candidate)
                made.append(Replacement(dropout, instance.ids[candidate], rank))
                break
        else:
            raise InputError(f"no respondent can take the seat of {dropout} and keep every quota")
    return [instance.ids[i] for i in seats], tuple(made)
