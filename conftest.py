# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by the app test suites and the cross-cutting suites in tests/."""

import os

import pytest


@pytest.fixture
def no_staff_mfa(settings):
    settings.SAMENSPEL_REQUIRE_STAFF_MFA = False
    return settings


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(request):
    """On PostgreSQL, a connection that a live-server thread of the browser tests left open
    stops the test database from being dropped at the end: end such sessions first."""
    if not os.environ.get("POSTGRES_DB"):
        yield
        return
    request.getfixturevalue("django_db_setup")  # torn down after this fixture
    yield
    from django.db import connection

    with request.getfixturevalue("django_db_blocker").unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
