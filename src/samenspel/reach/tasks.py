# SPDX-License-Identifier: EUPL-1.2
"""Background tasks of the reach app (long work with a progress page)."""

from __future__ import annotations

from django_tasks import task

from samenspel.core.services import long_work
from samenspel.reach import services


@task()
@long_work
def draw_sample(progress, batch_id: int) -> dict:
    return services.draw(progress, batch_id)


@task()
@long_work
def make_letters(progress, batch_id: int) -> dict:
    return services.make(progress, batch_id)
