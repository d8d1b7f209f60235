# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by the app test suites and the cross-cutting suites in tests/."""

import pytest


@pytest.fixture
def no_staff_mfa(settings):
    settings.SAMENSPEL_REQUIRE_STAFF_MFA = False
    return settings
