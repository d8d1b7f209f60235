# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the meetings app (objects: the meeting's InstrumentUse)."""

import rules

from samenspel.instruments.api import is_organiser
from samenspel.people.api import is_member_of, is_platform_admin

rules.add_perm("meetings.manage", is_organiser | is_platform_admin)
rules.add_perm("meetings.register", is_member_of)
