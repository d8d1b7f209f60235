# SPDX-License-Identifier: EUPL-1.2
"""django-allauth's account adapter, with error messages of our own (plain Dutch with "u")."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is switched off. Ask the municipality for help."),
        "email_password_mismatch": _("The e-mail address or the password is not right."),
        "email_taken": _("There is already an account with this e-mail address. Log in instead."),
        "enter_current_password": _("Fill in your current password."),
        "incorrect_code": _("This code is not right. Check it and try again."),
        "incorrect_password": _("This password is not right."),
        "invalid_or_expired_key": _("This link no longer works: it is too old or was used."),
        "invalid_password_reset": _("This link no longer works: it is too old or was used."),
        "too_many_login_attempts": _("Too many failed attempts. Please try again later."),
        "unknown_email": _("There is no account with this e-mail address."),
        "unverified_primary_email": _("Confirm your e-mail address first."),
        "rate_limited": _("Too many requests in a short time. Please wait a moment."),
    }
