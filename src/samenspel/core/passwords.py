# SPDX-License-Identifier: EUPL-1.2
"""Password rules: Django's validators, with messages of our own that the Dutch catalogue
translates in plain language (Django's Dutch for these two lags behind or reads awkwardly)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext, ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return gettext("This password is too much like your %(verbose_name)s.")
