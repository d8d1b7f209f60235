# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates on roles; other apps combine these in their own rules.py."""

from __future__ import annotations

import rules

from samenspel.people.models import Role
from samenspel.people.services import STAFF_ROLES, province_ids, roles_in


def _gemeente_of(obj):
    return getattr(obj, "gemeente", obj)


def has_role(*wanted: str):
    """Predicate: the user holds one of these roles in the object's municipality."""
    wanted_set = set(wanted)

    @rules.predicate(name=f"has_role({','.join(sorted(wanted_set))})")
    def predicate(user, obj) -> bool:
        return bool(roles_in(user, _gemeente_of(obj)) & wanted_set)

    return predicate


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def is_province_of(user, obj) -> bool:
    gemeente = _gemeente_of(obj)
    return gemeente is not None and gemeente.provincie_id in province_ids(user)


is_staff_of = has_role(*STAFF_ROLES)
is_member_of = has_role(*Role.values)
is_ambtenaar_of = has_role(Role.AMBTENAAR)
