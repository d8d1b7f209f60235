# SPDX-License-Identifier: EUPL-1.2
"""Health of a running installation: the database, the shared cache and the task worker.

The task worker (``manage.py run_worker``) records a heartbeat in the shared cache every few
seconds; the health endpoint reports the worker dead when the last heartbeat is too old.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "samenspel:worker-heartbeat"


def record_heartbeat() -> None:
    """Note in the shared cache that a task worker is alive now."""
    cache.set(HEARTBEAT_KEY, time.time(), timeout=None)


def beat_while_alive(interval: float) -> None:
    """Record a heartbeat every ``interval`` seconds while the main thread runs (a thread body)."""
    while threading.main_thread().is_alive():
        try:
            record_heartbeat()
        except Exception:  # the next beat retries; a stale heartbeat shows on the health page
            logger.exception("Could not record the task worker's heartbeat")
        finally:
            connections.close_all()
        time.sleep(interval)


def database_status() -> str:
    try:
        for alias in connections:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return "fail"
    return "ok"


def worker_status(last_heartbeat: float | None) -> str:
    """``ok``, ``stale`` or ``missing``; ``inline`` when tasks run inside the request."""
    if isinstance(task_backends["default"], ImmediateBackend):
        return "inline"
    if last_heartbeat is None:
        return "missing"
    if time.time() - last_heartbeat > settings.SAMENSPEL_WORKER_HEARTBEAT_MAX_AGE:
        return "stale"
    return "ok"


def health() -> tuple[bool, dict[str, str]]:
    """Whether everything is healthy, and the status of each part (no details: it is public)."""
    database = database_status()
    try:
        last_heartbeat = cache.get(HEARTBEAT_KEY)
        cache_state = "ok"
    except Exception:  # any backend's failure (a missing table, Redis away) means unhealthy
        logger.exception("Health check: the cache does not answer")
        last_heartbeat, cache_state = None, "fail"
    worker = worker_status(last_heartbeat) if cache_state == "ok" else "unknown"
    parts = {"database": database, "cache": cache_state, "worker": worker}
    healthy = database == cache_state == "ok" and worker in {"ok", "inline"}
    return healthy, {"status": "ok" if healthy else "fail", **parts}
