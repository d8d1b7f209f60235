import rules

from samenspel.people.api import Role, has_role

rules.add_perm("instruments.attach", has_role(Role.AMBTENAAR, Role.GRIFFIER))
