# SPDX-License-Identifier: EUPL-1.2
"""Everyone who sees non-public data must set up TOTP two-factor authentication first.

Until then such a person may only do what setting it up needs; changing the e-mail address or
the password stays blocked, so a stolen password alone cannot take the account over.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from samenspel.people.services import TWO_FACTOR_ROLES, DeclarationNeeded, holds_any_role

# Set up TOTP (allauth asks for the password again first), verify the e-mail address (allauth
# requires that before TOTP), switch the language and log out.
ENROLMENT_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "account_email_verification_sent",
        "account_confirm_email",
        "set_language",
    }
)
# On the e-mail page only the verification mail may be (re)sent: no address added or changed.
EMAIL_PAGE = "account_email"
EMAIL_PAGE_ALLOWED_ACTION = "action_send"


def needs_two_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or user.is_staff or holds_any_role(user, TWO_FACTOR_ROLES)):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _allowed_before_enrolment(request) -> bool:
    name = request.resolver_match.view_name if request.resolver_match else None
    if name in ENROLMENT_URL_NAMES:
        return True
    if name == EMAIL_PAGE:
        return request.method in ("GET", "HEAD") or (
            request.method == "POST"
            and EMAIL_PAGE_ALLOWED_ACTION in request.POST
            and not any(
                key.startswith("action_") and key != EMAIL_PAGE_ALLOWED_ACTION
                for key in request.POST
            )
        )
    return False


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            settings.SAMENSPEL_REQUIRE_STAFF_MFA
            and not _allowed_before_enrolment(request)
            and needs_two_factor(request.user)
        ):
            return redirect("mfa_activate_totp")
        return None


class DeclarationMiddleware:
    """Turns ``DeclarationNeeded`` into the short step "how do you belong to this municipality",
    which then continues to the page the person came for (for a form that was posted: the page
    that showed it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DeclarationNeeded):
            return None
        back = request.get_full_path()
        if request.method != "GET":
            back = request.META.get("HTTP_REFERER", "")
            if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                back = ""
        url = reverse("people:declare", args=[exception.gemeente.slug])
        return redirect(f"{url}?{urlencode({'next': back})}" if back else url)
