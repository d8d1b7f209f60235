# SPDX-License-Identifier: EUPL-1.2
"""Public API of the people app: who holds which role where."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from samenspel.core.http import LoginRequired
from samenspel.people.models import (
    ASSURANCE_ORDER,
    INFORMED_ROLES,
    SOCIETY_ROLES,
    STAFF_ROLES,
    TWO_FACTOR_ROLES,
    Assurance,
    AssuranceLevel,
    Membership,
    Role,
    User,
)

__all__ = [
    "ASSURANCE_ORDER",
    "AssuranceLevel",
    "DeclarationNeeded",
    "assurance_level",
    "confirm_email",
    "declare_organisation",
    "declare_residence",
    "grant_assurance",
    "meets",
    "require_participant",
    "INFORMED_ROLES",
    "SOCIETY_ROLES",
    "STAFF_ROLES",
    "TWO_FACTOR_ROLES",
    "Role",
    "User",
    "holds_any_role",
    "memberships_of",
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


def memberships_of(user) -> list[Membership]:
    """Every role this person holds, with its municipality or province."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("gemeente", "provincie")
        .order_by("role", "gemeente__name", "provincie__name")
    )


def users_with_roles(gemeente, roles: Iterable[str]):
    return User.objects.filter(
        is_active=True, memberships__gemeente=gemeente, memberships__role__in=list(roles)
    ).distinct()


# ---- taking part: residents and organisations join themselves ------------------------------


class DeclarationNeeded(Exception):
    """Raised by ``require_participant`` for a person who has not yet said how they belong to
    this municipality; the people middleware sends them to that short step and back."""

    def __init__(self, gemeente):
        super().__init__(gemeente.slug)
        self.gemeente = gemeente


def _forget_roles(user) -> None:
    user.__dict__.pop(_CACHE_ATTR, None)


@transaction.atomic
def _join(user, gemeente, role: str, **details) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user, role=role, gemeente=gemeente, defaults=details
    )
    grant_assurance(user, gemeente, AssuranceLevel.DECLARED)
    _forget_roles(user)
    return membership


def declare_residence(user, gemeente, wijk=None) -> Membership:
    """The person says they live in this municipality (and, optionally, in which of its
    areas): they become one of its residents, with assurance level *declared*."""
    if wijk is not None and wijk.gemeente_id != gemeente.pk:
        raise ValueError("the district lies in another municipality")
    return _join(user, gemeente, Role.INWONER, gebied=wijk)


def declare_organisation(user, gemeente, organisatie: str) -> Membership:
    """The person speaks for an organisation or enterprise in this municipality."""
    if not organisatie.strip():
        raise ValueError("an organisation needs a name")
    return _join(user, gemeente, Role.ORGANISATIE, organisatie=organisatie.strip())


def grant_assurance(user, gemeente, level: str, *, scope: str = "") -> Assurance:
    """Record that this person's identity is assured at ``level`` in this municipality; with a
    ``scope`` (an instrument use's key, for a code from a letter) only for that use."""
    if level not in ASSURANCE_ORDER:
        raise ValueError(f"unknown assurance level {level!r}")
    assurance, _created = Assurance.objects.get_or_create(
        user=user, gemeente=gemeente, level=level, scope=scope
    )
    return assurance


def assurance_level(user, gemeente, scope: str = "") -> str | None:
    """The highest level at which this person's identity is assured in this municipality (for
    ``scope``, levels granted for it count too); None when they have not taken part there. A
    role an administrator gave, and a platform administrator, count as *declared*."""
    if not getattr(user, "is_authenticated", False) or gemeente is None:
        return None
    levels = set(
        Assurance.objects.filter(user=user, gemeente=gemeente, scope__in={"", scope})
        .values_list("level", flat=True)
        .distinct()
    )
    if roles_in(user, gemeente) or user.is_superuser:
        levels.add(AssuranceLevel.DECLARED)
    ranked = [level for level in ASSURANCE_ORDER if level in levels]
    return ranked[-1] if ranked else None


def meets(level: str | None, needed: str) -> bool:
    """Does ``level`` (None: none at all) reach the level ``needed``?"""
    return level is not None and ASSURANCE_ORDER.index(level) >= ASSURANCE_ORDER.index(needed)


def require_participant(user, gemeente) -> None:
    """Make sure the person may take part here: anonymous people log in first (LoginRequired),
    a person who has not said how they belong to this municipality does so first
    (DeclarationNeeded)."""
    if not getattr(user, "is_authenticated", False):
        raise LoginRequired
    if assurance_level(user, gemeente) is None:
        raise DeclarationNeeded(gemeente)


def confirm_email(user) -> None:
    """Record the account's e-mail address as confirmed (for accounts an administrator or the
    demo makes; people who sign up confirm it through the link in their mail)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def export_account(user) -> dict:
    """The account, its roles, e-mail addresses and second factors (AVG article 15)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    memberships = Membership.objects.filter(user=user).select_related(
        "gemeente", "provincie", "gebied"
    )
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
                "district": m.gebied.name if m.gebied else None,
                "organisation": m.organisatie or None,
            }
            for m in memberships
        ],
        "assurance": [
            {"gemeente": a.gemeente.name, "level": a.get_level_display(), "since": a.created}
            for a in Assurance.objects.filter(user=user).select_related("gemeente")
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
        for qs in (
            Membership.objects,
            Assurance.objects,
            EmailAddress.objects,
            Authenticator.objects,
        )
    )
