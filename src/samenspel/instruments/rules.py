import rules

from samenspel.people.models import Role
from samenspel.people.rules import has_role

rules.add_perm("instruments.attach", has_role(Role.AMBTENAAR, Role.GRIFFIER))
