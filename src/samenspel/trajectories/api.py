# SPDX-License-Identifier: EUPL-1.2
"""Declarations other apps build on: the phases, the base of every model that belongs to a
trajectory, and who may see a trajectory.

Import-light (no services), so other apps' ``models.py`` and ``rules.py`` may import it.
"""

from samenspel.trajectories.models import PHASE_ORDER, InbrengStatus, Phase, TrajectPart
from samenspel.trajectories.rules import can_view_traject

__all__ = ["PHASE_ORDER", "InbrengStatus", "Phase", "TrajectPart", "can_view_traject"]
