# SPDX-License-Identifier: EUPL-1.2
"""Test settings: fast hashing, e-mail in Django's outbox, tasks run immediately."""

import os
from pathlib import Path
from tempfile import gettempdir

from samenspel.conf.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]  # allauth: False turns them all off
MEDIA_ROOT = Path(gettempdir()) / f"samenspel-test-media-{os.getpid()}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A database file as in production (not Django's shared in-memory test database), so tests
    # of concurrent requests meet SQLite's real locking; without waiting for the disk.
    sqlite = DATABASES["default"]  # noqa: F405
    sqlite["TEST"] = {"NAME": str(Path(gettempdir()) / f"samenspel-test-{os.getpid()}.sqlite3")}
    sqlite["OPTIONS"] = {
        **sqlite["OPTIONS"],
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;",
    }
