# SPDX-License-Identifier: EUPL-1.2
"""The raadpleging instrument's manifest: a consultation of the municipality's panel."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import Action, Export, InstrumentManifest, registry, setting
from samenspel.trajectories.api import Phase


@dataclass(frozen=True)
class RaadplegingSettings:
    show_results_publicly: bool = setting(
        True,
        label=_("Publish the results once the consultation is closed"),
        help_text=_("Figures only, never about fewer than 10 people."),
    )


def _object_id(use) -> int:
    return use.raadpleging.pk


def _code_landing(use) -> str:
    """A recruitment letter's code leads to the panel's join form."""
    return reverse("panel:join", args=[use.gemeente.slug]) + f"?brief={use.pk}"


def _avg_export(user) -> list[dict]:
    from samenspel.panel.services import export_member

    return export_member(user)


def _avg_erase(user) -> int:
    from samenspel.panel.services import erase_member

    return erase_member(user)


manifest = registry.register(
    InstrumentManifest(
        key="raadpleging",
        label=_("Panel consultation"),
        description=_(
            "A questionnaire to the municipality's resident panel: a sample that matches the "
            "population, weighted results and feedback to every respondent."
        ),
        phases=frozenset({Phase.VERKENNING, Phase.KADERSTELLING, Phase.PARTICIPATIE}),
        settings=RaadplegingSettings,
        create_url_name="panel:create",
        detail_url_name="panel:detail",
        object_id=_object_id,
        attach_permission="instruments.attach",
        actions=(Action("manage", _("Build, send and report"), "panel.manage_consultation"),),
        exports=(
            Export("csv", _("Answers (CSV, without personal data)"), "panel:csv", public=False),
            Export("factsheet", _("Factsheet"), "panel:factsheet", public=False),
        ),
        avg_export=_avg_export,
        avg_erase=_avg_erase,
        code_landing=_code_landing,
    )
)
