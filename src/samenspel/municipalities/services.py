# SPDX-License-Identifier: EUPL-1.2
"""Public API of the municipalities app."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from samenspel.municipalities.models import Gebied, Gemeente, Provincie, size_class_for

__all__ = [
    "Gebied",
    "Gemeente",
    "Provincie",
    "gemeenten_with_counts",
    "get_gemeente",
    "size_class_for",
]


def gemeenten_with_counts() -> QuerySet[Gemeente]:
    """All municipalities with their number of public trajectories, in one query."""
    return Gemeente.objects.select_related("provincie").annotate(
        public_trajecten=Count("trajecten", filter=Q(trajecten__is_public=True), distinct=True)
    )


def get_gemeente(slug: str) -> Gemeente:
    """The municipality with this slug, with its province; 404 when there is none."""
    return get_object_or_404(Gemeente.objects.select_related("provincie"), slug=slug)
