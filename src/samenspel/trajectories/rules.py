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
    from samenspel.trajectories.models import Phase

    return traject.phase not in (Phase.GESTOPT, Phase.EVALUATIE)


can_view_traject = is_public_traject | is_staff_of | is_province_of | is_platform_admin
can_edit_traject = has_role(Role.AMBTENAAR, Role.COLLEGELID)

rules.add_perm("trajectories.view_traject", can_view_traject)
rules.add_perm("trajectories.add_traject", can_edit_traject)
rules.add_perm("trajectories.change_traject", can_edit_traject)
rules.add_perm("trajectories.change_phase", is_ambtenaar_of)
# The griffier records and changes the council's anchor points on its behalf (each change is a
# public version); a single council member does not.
rules.add_perm("trajectories.add_ankerpunt", has_role(Role.GRIFFIER))
rules.add_perm("trajectories.change_procesafspraken", is_ambtenaar_of | has_role(Role.GRIFFIER))
rules.add_perm("trajectories.change_belangen", is_ambtenaar_of)
rules.add_perm("trajectories.add_inbreng", is_member_of & can_view_traject & is_open_for_input)
rules.add_perm("trajectories.answer_inbreng", is_ambtenaar_of)
rules.add_perm("trajectories.view_staff_pages", is_staff_of | is_province_of | is_platform_admin)
rules.add_perm("trajectories.view_inbreng_authors", is_staff_of)
