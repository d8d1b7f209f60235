# SPDX-License-Identifier: EUPL-1.2
"""Public API of the municipalities app."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from samenspel.municipalities.models import (
    GROOT_ABOVE,
    KLEIN_BELOW,
    Gebied,
    Gemeente,
    Provincie,
    SizeClass,
    size_class_for,
)
from samenspel.municipalities.theme import check_favicon, check_logo

__all__ = [
    "GROOT_ABOVE",
    "KLEIN_BELOW",
    "Gebied",
    "Gemeente",
    "Provincie",
    "SizeClass",
    "gemeenten_in_provinces",
    "gemeenten_with_counts",
    "get_gemeente",
    "set_theme",
    "size_class_for",
]


def gemeenten_with_counts() -> QuerySet[Gemeente]:
    """All municipalities with their number of public trajectories, in one query."""
    return Gemeente.objects.select_related("provincie").annotate(
        public_trajecten=Count("trajecten", filter=Q(trajecten__is_public=True), distinct=True)
    )


def gemeenten_in_provinces(provincie_ids) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(provincie_id__in=provincie_ids).select_related("provincie")


def get_gemeente(slug: str) -> Gemeente:
    """The municipality with this slug, with its province; 404 when there is none."""
    return get_object_or_404(Gemeente.objects.select_related("provincie"), slug=slug)


def set_theme(gemeente: Gemeente, *, primary="", link="", logo=None, favicon=None) -> Gemeente:
    """Give a municipality its own look; checks contrast, size and type (ValidationError)."""
    gemeente.theme_primary, gemeente.theme_link = primary, link
    colours = ("theme_primary", "theme_link")
    gemeente.clean_fields(exclude=[f.name for f in Gemeente._meta.fields if f.name not in colours])
    # Pictures are checked before they are stored, so a refused file leaves nothing behind.
    for name, upload, check in (("logo", logo, check_logo), ("favicon", favicon, check_favicon)):
        if upload is not None:
            check(upload)
            getattr(gemeente, name).save(upload.name, upload, save=False)
    gemeente.save()
    return gemeente
