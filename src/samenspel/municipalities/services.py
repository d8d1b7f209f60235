"""Public API of the municipalities app."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from samenspel.municipalities.models import Gebied, Gemeente, Provincie, size_class_for

__all__ = ["Gebied", "Gemeente", "Provincie", "gemeenten_with_counts", "size_class_for"]


def gemeenten_with_counts() -> QuerySet[Gemeente]:
    """All municipalities with their number of public trajectories, in one query."""
    return Gemeente.objects.select_related("provincie").annotate(
        public_trajecten=Count("trajecten", filter=Q(trajecten__is_public=True), distinct=True)
    )
