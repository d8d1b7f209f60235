# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the budgeting app (objects: the begroting's InstrumentUse)."""

import rules

from samenspel.instruments.api import is_organiser
from samenspel.people.api import is_member_of, is_platform_admin

rules.add_perm("budgeting.manage", is_organiser | is_platform_admin)
rules.add_perm("budgeting.take_part", is_member_of)
