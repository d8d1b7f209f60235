# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the learning app (objects: a Gemeente, an Experiment, a Lesson, a Provincie,
an intervision Group or Session)."""

from __future__ import annotations

import rules

from samenspel.people.api import (
    Role,
    has_role,
    is_ambtenaar_of,
    is_member_of,
    is_platform_admin,
    is_staff_of,
)
from samenspel.people.services import province_ids


@rules.predicate
def sees_experiment(user, experiment) -> bool:
    """Staff of its municipality, or someone it was shared with."""
    from samenspel.learning.services import may_see_experiment

    return may_see_experiment(user, experiment)


@rules.predicate
def is_public_experiment(user, experiment) -> bool:
    """An initiative from society, or an experiment on a public trajectory: its participants may
    be asked how it went."""
    return experiment.traject is None or experiment.traject.is_public


@rules.predicate
def shares_knowledge(user) -> bool:
    from samenspel.learning.services import may_use_library

    return may_use_library(user)


@rules.predicate
def works_for_province(user, provincie) -> bool:
    """Province staff of this province (the object: a province, a group or a session)."""
    if hasattr(provincie, "group"):
        provincie = provincie.group
    return getattr(provincie, "provincie_id", provincie.pk) in province_ids(user)


@rules.predicate
def is_group_member(user, group) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False)) and group.members.filter(pk=user.pk).exists()
    )


# The platform beheerder may do everything, except approve someone else's note.
can_run_experiment = has_role(Role.AMBTENAAR, Role.COLLEGELID) | is_platform_admin
official = is_ambtenaar_of | is_platform_admin
province_staff = works_for_province | is_platform_admin

rules.add_perm("learning.view_experiments", is_staff_of | is_platform_admin)
rules.add_perm("learning.add_experiment", can_run_experiment)
rules.add_perm("learning.view_experiment", sees_experiment)
rules.add_perm("learning.change_experiment", can_run_experiment)
rules.add_perm("learning.record_moment", official)
rules.add_perm("learning.answer_central_question", can_run_experiment)
rules.add_perm("learning.evaluate_as_organiser", official)
rules.add_perm(
    "learning.evaluate_as_participant",
    (is_member_of & is_public_experiment) | is_staff_of | is_platform_admin,
)
rules.add_perm("learning.view_lessons", is_staff_of | is_platform_admin)
rules.add_perm("learning.add_lesson", is_staff_of | is_platform_admin)
rules.add_perm("learning.use_library", shares_knowledge)
rules.add_perm("learning.view_province", province_staff)
rules.add_perm("learning.form_groups", province_staff)
rules.add_perm("learning.view_group", province_staff | is_group_member)
rules.add_perm("learning.write_notes", province_staff)
