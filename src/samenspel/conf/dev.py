"""Local development: the demo on SQLite."""

from samenspel.conf.base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
