# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the panel app: consultations (objects: their InstrumentUse) belong to their
organisers; the panel itself (object: the Gemeente) to the municipality's officials."""

import rules

from samenspel.instruments.api import is_organiser
from samenspel.people.api import is_ambtenaar_of, is_platform_admin

rules.add_perm("panel.manage_consultation", is_organiser | is_platform_admin)
rules.add_perm("panel.manage_panel", is_ambtenaar_of | is_platform_admin)
