# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the reach app (objects: the InstrumentUse whose letters these are).

Address files and letters are personal data: only the use's organisers see them, not the
platform's beheerder (who, as a superuser, passes every ``has_perm``), so the views ask
:func:`may_manage` rather than ``has_perm``."""

import rules

from samenspel.instruments.api import is_organiser
from samenspel.people.api import Role, has_role

# The municipality's periods (retention, no second letter, code validity): its officials and
# the griffie.
rules.add_perm("reach.set_policy", has_role(Role.AMBTENAAR, Role.GRIFFIER))


def may_manage(user, use) -> bool:
    """Is this person an organiser of ``use`` (superusers included only if they are one)?"""
    return bool(is_organiser.test(user, use))
