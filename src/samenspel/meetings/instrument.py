# SPDX-License-Identifier: EUPL-1.2
"""The bijeenkomst instrument's manifest (docs/domain.md §5)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import Action, Export, InstrumentManifest, registry, setting
from samenspel.trajectories.api import Phase


@dataclass(frozen=True)
class BijeenkomstSettings:
    show_places_left: bool = setting(
        True,
        label=_("Show how many places are left"),
        help_text=_("On the public page of the meeting."),
    )
    close_hours_before: int = setting(
        0,
        label=_("Registration closes this many hours before the start"),
        help_text=_("0: registration stays open until the meeting starts."),
        min_value=0,
        max_value=336,
    )
    practical_info: str = setting(
        "",
        label=_("Practical information for registrants"),
        help_text=_("Shown to people who registered, for example what to bring."),
        max_length=500,
    )


@dataclass(frozen=True)
class BijeenkomstPhaseSettings:
    registration_open: bool = setting(
        True,
        label=_("Registration is open"),
        help_text=_("Closed automatically when the trajectory reaches its evaluation or stops."),
    )


def _object_id(use) -> int:
    return use.bijeenkomst.pk


def _on_phase_change(use, old_phase: str, new_phase: str) -> None:
    from samenspel.meetings.services import close_registration

    if new_phase in (Phase.EVALUATIE, Phase.GESTOPT):
        close_registration(use, new_phase)


def _avg_export(user) -> list[dict]:
    from samenspel.meetings.models import Aanmelding

    return [
        {"bijeenkomst": a.bijeenkomst.use.title, "aangemeld_op": a.created.isoformat()}
        for a in Aanmelding.objects.filter(user=user).select_related("bijeenkomst__use")
    ]


def _avg_erase(user) -> int:
    from samenspel.meetings.models import Aanmelding

    deleted, _rows = Aanmelding.objects.filter(user=user).delete()
    return deleted


manifest = registry.register(
    InstrumentManifest(
        key="bijeenkomst",
        label=_("Meeting"),
        description=_(
            "A stamtafel, information market, walk-in evening, city café or G1000: "
            "with registration, a calendar file and a public report."
        ),
        phases=frozenset(
            {
                Phase.VERKENNING,
                Phase.KADERSTELLING,
                Phase.PARTICIPATIE,
                Phase.BESLUITVORMING,
                Phase.TERUGKOPPELING,
                Phase.EVALUATIE,
            }
        ),
        settings=BijeenkomstSettings,
        phase_settings=BijeenkomstPhaseSettings,
        create_url_name="meetings:create",
        detail_url_name="meetings:detail",
        object_id=_object_id,
        attach_permission="instruments.attach",
        actions=(
            Action("register", _("Register"), "meetings.register"),
            Action("manage", _("Manage and report"), "meetings.manage"),
            Action("mail", _("E-mail the registrants"), "meetings.manage"),
        ),
        exports=(Export("ical", _("Add to my calendar (.ics)"), "meetings:ical", public=True),),
        on_phase_change=_on_phase_change,
        avg_export=_avg_export,
        avg_erase=_avg_erase,
    )
)
