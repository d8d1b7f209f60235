# SPDX-License-Identifier: EUPL-1.2
import rules

from samenspel.people.api import Role, has_role
from samenspel.trajectories.api import can_view_traject

rules.add_perm("advice.view_advies", can_view_traject)
rules.add_perm("advice.give_advies", has_role(Role.AMBTENAAR))
rules.add_perm("advice.edit_kader", has_role(Role.AMBTENAAR))
