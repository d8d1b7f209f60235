# SPDX-License-Identifier: EUPL-1.2
"""Background tasks of the assemblies app (long work with a progress page)."""

from __future__ import annotations

from django_tasks import task

from samenspel.assemblies import services
from samenspel.core.services import long_work


@task()
@long_work
def prepare_draw(progress, draw_id: int) -> dict:
    return services.prepare(progress, draw_id)
