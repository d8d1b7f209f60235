# SPDX-License-Identifier: EUPL-1.2
"""Background tasks of the budgeting app (long work through the core service)."""

from __future__ import annotations

from django_tasks import task

from samenspel.budgeting.models import Begroting
from samenspel.budgeting.services import count_begroting
from samenspel.core.services import Progress, long_work


@task()
@long_work
def count_votes(progress: Progress, begroting_id: int) -> dict:
    """Count the stored ballots of every part by the frozen rule."""
    return count_begroting(Begroting.objects.get(pk=begroting_id), progress)
