# SPDX-License-Identifier: EUPL-1.2
"""Every operation of the committed OpenAPI document, exercised with generated requests on the
demo data: no server error, and every answer conforms to the document."""

import json
from pathlib import Path

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

DOCUMENT = Path(__file__).resolve().parent.parent / "openapi.json"
EXAMPLES = 50


@pytest.fixture
def keep_test_connection():
    """Requests through the WSGI application keep the test's database connection (as Django's
    test client does): else the end of the first request would close it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_conforms(demo, settings, keep_test_connection):
    settings.SAMENSPEL_API_RATES = {"read": 100_000, "key": 100_000}
    schema = schemathesis.openapi.from_dict(json.loads(DOCUMENT.read_text()))
    schema.app = get_wsgi_application()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # the same examples on every run: a failure is not luck
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            cache.clear()
            case.call_and_validate()

        check()
