"""Permissions of the reach app (objects: the InstrumentUse whose letters these are).

Address files and letters are personal data: only the use's organisers see them (not the
platform's beheerder, who has no task with them)."""

import rules

from samenspel.instruments.api import is_organiser

rules.add_perm("reach.manage", is_organiser)
