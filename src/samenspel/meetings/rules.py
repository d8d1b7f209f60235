import rules

from samenspel.people.api import Role, has_role, is_member_of

can_manage = has_role(Role.AMBTENAAR, Role.GRIFFIER)
rules.add_perm("meetings.manage", can_manage)
rules.add_perm("meetings.register", is_member_of)
