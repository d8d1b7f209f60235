# SPDX-License-Identifier: EUPL-1.2
import rules

from samenspel.people.api import Role, has_role

# A municipality's officials make and revoke its API keys (for its case system and the like).
rules.add_perm("api.manage_keys", has_role(Role.AMBTENAAR))
