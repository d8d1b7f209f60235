# SPDX-License-Identifier: EUPL-1.2
"""The health endpoint: the database, the shared cache and the task worker's heartbeat."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from samenspel.core.health import HEARTBEAT_KEY, record_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    """Tasks go to the database queue, for a worker process (as in production)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.delete(HEARTBEAT_KEY)
    return settings


def test_healthy_when_tasks_run_inline(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "worker": "inline"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_unhealthy_without_a_worker_heartbeat(client, queued_tasks):
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["worker"] == "missing"


def test_healthy_with_a_fresh_heartbeat(client, queued_tasks):
    record_heartbeat()
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["worker"] == "ok"


def test_unhealthy_with_a_stale_heartbeat(client, queued_tasks):
    cache.set(HEARTBEAT_KEY, time.time() - queued_tasks.SAMENSPEL_WORKER_HEARTBEAT_MAX_AGE - 1)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"


def test_health_answers_reads_only(client):
    assert client.post(reverse("health")).status_code == 405
    assert client.head(reverse("health")).status_code == 200
