# SPDX-License-Identifier: EUPL-1.2
"""Local development and the demo on SQLite."""

from samenspel.conf.base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo runs without a task worker and lets the printed demo logins in without TOTP.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SAMENSPEL_REQUIRE_STAFF_MFA = False
