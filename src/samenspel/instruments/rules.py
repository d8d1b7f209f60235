# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the instruments app (objects: a Traject to attach to, or an InstrumentUse)."""

import rules

from samenspel.instruments.services import ORGANISER_ROLES, organised_use_ids
from samenspel.people.api import Role, has_role, is_platform_admin


@rules.predicate
def is_named_organiser(user, use) -> bool:
    return use.pk in organised_use_ids(user)


# An organiser of this use who still works for its municipality (an organiser who leaves the
# organisation loses the use with the role).
is_organiser = is_named_organiser & has_role(*ORGANISER_ROLES)

rules.add_perm("instruments.attach", has_role(*ORGANISER_ROLES))
rules.add_perm("instruments.organise", is_organiser | is_platform_admin)
rules.add_perm(
    "instruments.manage_organisers", is_organiser | has_role(Role.GRIFFIER) | is_platform_admin
)
