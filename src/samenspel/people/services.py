# SPDX-License-Identifier: EUPL-1.2
"""Public API of the people app: who holds which role where."""

from __future__ import annotations

from collections.abc import Iterable

from samenspel.people.models import (
    INFORMED_ROLES,
    SOCIETY_ROLES,
    STAFF_ROLES,
    TWO_FACTOR_ROLES,
    Membership,
    Role,
    User,
)

__all__ = [
    "INFORMED_ROLES",
    "SOCIETY_ROLES",
    "STAFF_ROLES",
    "TWO_FACTOR_ROLES",
    "Role",
    "User",
    "holds_any_role",
    "roles_in",
    "users_with_roles",
    "province_ids",
    "export_account",
    "erase_account",
]

_CACHE_ATTR = "_samenspel_roles"


def _memberships(user) -> list[tuple[str, int | None, int | None]]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).values_list("role", "gemeente_id", "provincie_id")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def roles_in(user, gemeente) -> set[str]:
    """The roles a user holds in this municipality (province staff excluded)."""
    if gemeente is None:
        return set()
    return {role for role, gid, _pid in _memberships(user) if gid == gemeente.pk}


def province_ids(user) -> set[int]:
    return {pid for role, _gid, pid in _memberships(user) if role == Role.PROVINCIE and pid}


def holds_any_role(user, roles: Iterable[str]) -> bool:
    """Whether the user holds one of these roles anywhere (a municipality or a province)."""
    wanted = set(roles)
    return any(role in wanted for role, _gid, _pid in _memberships(user))


def gemeente_ids_with_roles(user, roles: Iterable[str]) -> set[int]:
    wanted = set(roles)
    return {gid for role, gid, _pid in _memberships(user) if gid and role in wanted}


def users_with_roles(gemeente, roles: Iterable[str]):
    return User.objects.filter(
        is_active=True, memberships__gemeente=gemeente, memberships__role__in=list(roles)
    ).distinct()


def export_account(user) -> dict:
    """The account, its roles, e-mail addresses and second factors (AVG article 15)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    memberships = Membership.objects.filter(user=user).select_related("gemeente", "provincie")
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        },
        "memberships": [
            {
                "role": m.get_role_display(),
                "gemeente": m.gemeente.name if m.gemeente else None,
                "provincie": m.provincie.name if m.provincie else None,
                "since": m.created,
            }
            for m in memberships
        ],
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        # Which second factors are set up and when they were used, never their secrets.
        "two_factor": [
            {"type": a.get_type_display(), "created": a.created_at, "last_used": a.last_used_at}
            for a in Authenticator.objects.filter(user=user)
        ],
    }


def erase_account(user) -> int:
    """Remove the roles, e-mail addresses and second factors (the account itself goes last)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return sum(
        qs.filter(user=user).delete()[0]
        for qs in (Membership.objects, EmailAddress.objects, Authenticator.objects)
    )
