# SPDX-License-Identifier: EUPL-1.2
"""The burgerraad instrument's manifest (docs/domain.md §5)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import Action, InstrumentManifest, registry, setting
from samenspel.trajectories.api import Phase


@dataclass(frozen=True)
class BurgerraadSettings:
    show_pool_summary: bool = setting(
        True,
        label=_("Show how many residents answered"),
        help_text=_("On the public page, in groups of at least 10 people."),
    )


def _object_id(use) -> int:
    return use.burgerraad.pk


def _code_landing(use) -> str:
    return reverse("assemblies:respond", args=[use.gemeente.slug, use.burgerraad.pk])


def _avg_export(user) -> list[dict]:
    from samenspel.assemblies.services import export_person_rows

    return export_person_rows(user)


def _avg_erase(user) -> int:
    from samenspel.assemblies.services import erase_person_rows

    return erase_person_rows(user)


manifest = registry.register(
    InstrumentManifest(
        key="burgerraad",
        label=_("Citizens' assembly by lot"),
        description=_(
            "A burgerraad: residents drawn by lot from those who answered a letter, in a fair "
            "and public draw that anyone can check, advise the council on one question."
        ),
        phases=frozenset({Phase.VERKENNING, Phase.KADERSTELLING, Phase.PARTICIPATIE}),
        settings=BurgerraadSettings,
        create_url_name="assemblies:create",
        detail_url_name="assemblies:detail",
        object_id=_object_id,
        attach_permission="instruments.attach",
        actions=(
            Action("respond", _("Answer the invitation"), "assemblies.respond"),
            Action("manage", _("Manage the pool and the draw"), "assemblies.manage"),
        ),
        avg_export=_avg_export,
        avg_erase=_avg_erase,
        code_landing=_code_landing,
    )
)
