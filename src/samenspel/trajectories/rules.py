# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the trajectories app (objects: a Gemeente or a Traject)."""

from __future__ import annotations

import rules

from samenspel.people.api import (
    Role,
    has_role,
    is_ambtenaar_of,
    is_member_of,
    is_platform_admin,
    is_province_of,
    is_staff_of,
)


@rules.predicate
def is_public_traject(user, traject) -> bool:
    return bool(traject.is_public)


@rules.predicate
def is_open_for_input(user, traject) -> bool:
    from samenspel.trajectories.models import CLOSED_FOR_INPUT

    return traject.phase not in CLOSED_FOR_INPUT


@rules.predicate
def is_contributor(user, traject) -> bool:
    """Gave input on this trajectory: they keep access to it and its answers."""
    if not getattr(user, "is_authenticated", False):
        return False
    return traject.inbreng.filter(author=user).exists()


can_view_traject = (
    is_public_traject | is_staff_of | is_province_of | is_platform_admin | is_contributor
)
can_edit_traject = has_role(Role.AMBTENAAR, Role.COLLEGELID)

rules.add_perm("trajectories.view_traject", can_view_traject)
rules.add_perm("trajectories.add_traject", can_edit_traject)
rules.add_perm("trajectories.change_traject", can_edit_traject)
# The college (the process's principal) and officials move a trajectory on; where the council's
# frame is not met they may still go ahead, with a reason the council hears of.
rules.add_perm("trajectories.change_phase", can_edit_traject)
# The griffier records and changes the council's anchor points on its behalf (each change is a
# public version); a single council member does not.
rules.add_perm("trajectories.add_ankerpunt", has_role(Role.GRIFFIER))
rules.add_perm("trajectories.change_procesafspraken", is_ambtenaar_of | has_role(Role.GRIFFIER))
rules.add_perm("trajectories.change_belangen", is_ambtenaar_of)
rules.add_perm(
    "trajectories.add_inbreng",
    is_member_of & (is_public_traject | is_staff_of) & is_open_for_input,
)
# Anyone, also without an account yet, is invited to take part in a public trajectory that takes
# input ("Doe mee"): logging in and saying how they belong to the municipality come on the way.
rules.add_perm("trajectories.take_part", is_public_traject & is_open_for_input)
rules.add_perm("trajectories.answer_inbreng", is_ambtenaar_of)
rules.add_perm("trajectories.view_staff_pages", is_staff_of | is_province_of | is_platform_admin)
rules.add_perm("trajectories.view_inbreng_authors", is_staff_of)
