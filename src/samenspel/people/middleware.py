"""Every staff role must have TOTP two-factor authentication before using Samenspel."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect

from samenspel.people.services import STAFF_ROLES, gemeente_ids_with_roles

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")


def needs_two_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or gemeente_ids_with_roles(user, STAFF_ROLES)):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.SAMENSPEL_REQUIRE_STAFF_MFA
            and not request.path.startswith(ALLOWED_PREFIXES)
            and needs_two_factor(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
