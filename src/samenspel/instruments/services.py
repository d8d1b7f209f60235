"""Public API of the instruments app."""

from __future__ import annotations

import dataclasses

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from samenspel.core.services import audit
from samenspel.instruments.models import InstrumentUse
from samenspel.instruments.registry import registry
from samenspel.trajectories.api import PHASE_ORDER, Phase

__all__ = ["InstrumentUse", "attach", "registry", "uses_by_phase"]


def uses_by_phase(traject) -> list[dict]:
    """The instruments attached to a trajectory, grouped by phase in phase order (one query)."""
    uses = list(InstrumentUse.objects.filter(traject=traject))
    labels = dict(Phase.choices)
    groups = []
    for phase in [*PHASE_ORDER, Phase.GESTOPT]:
        in_phase = [u for u in uses if u.phase == phase]
        if in_phase:
            groups.append({"phase": phase, "label": labels[phase], "uses": in_phase})
    return groups


@transaction.atomic
def attach(user, traject, key: str, phase: str, title: str, **settings) -> InstrumentUse:
    manifest = registry.get(key)
    if phase not in manifest.phases:
        raise ValueError(f"{key} cannot be attached to phase {phase}")
    values = dataclasses.asdict(manifest.settings(**settings))
    use = InstrumentUse.objects.create(
        traject=traject,
        instrument=key,
        phase=phase,
        title=title,
        config=values,
        created_by=user,
    )
    from samenspel.trajectories.services import record

    with override("nl"):
        record(
            traject,
            user,
            "instrument",
            _("%(instrument)s added: %(title)s") % {"instrument": manifest.label, "title": title},
        )
    audit(user, "create", use, gemeente=traject.gemeente)
    return use
