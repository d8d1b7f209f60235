# SPDX-License-Identifier: EUPL-1.2
"""Declarations other apps build on: the roles and the permission predicates on them, which
apps combine in their own ``rules.py``."""

from samenspel.people.models import Role
from samenspel.people.rules import (
    has_role,
    is_ambtenaar_of,
    is_member_of,
    is_platform_admin,
    is_province_of,
    is_staff_of,
)

__all__ = [
    "Role",
    "has_role",
    "is_ambtenaar_of",
    "is_member_of",
    "is_platform_admin",
    "is_province_of",
    "is_staff_of",
]
