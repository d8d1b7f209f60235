# SPDX-License-Identifier: EUPL-1.2
"""``{% instrument_uses traject %}``: the instruments attached to a trajectory, by phase, for the
trajectory pages (so the trajectories app shows them without importing this app)."""

from django import template

from samenspel.instruments.services import uses_by_phase

register = template.Library()


@register.inclusion_tag("instruments/_uses.html")
def instrument_uses(traject):
    return {"instrument_phases": uses_by_phase(traject)}
