# SPDX-License-Identifier: EUPL-1.2
"""Run the task worker as its own process, with a heartbeat the health endpoint checks."""

from __future__ import annotations

import threading

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from samenspel.core.health import beat_while_alive


class Command(DatabaseWorkerCommand):
    help = (
        "Run the task worker (django-tasks' database worker) and record a heartbeat in the "
        "shared cache every SAMENSPEL_WORKER_HEARTBEAT_INTERVAL seconds."
    )

    def handle(self, **options) -> None:
        threading.Thread(
            target=beat_while_alive,
            args=(settings.SAMENSPEL_WORKER_HEARTBEAT_INTERVAL,),
            name="heartbeat",
            daemon=True,
        ).start()
        super().handle(**options)
