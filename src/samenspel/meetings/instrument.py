"""The bijeenkomst instrument's manifest (DOMAIN §5)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import Action, Export, InstrumentManifest, registry
from samenspel.trajectories.api import Phase


@dataclass(frozen=True)
class BijeenkomstSettings:
    registration_open: bool = True


def _detail_url(use) -> str:
    return reverse("meetings:detail", args=[use.traject.gemeente.slug, use.bijeenkomst.pk])


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
        create_url_name="meetings:create",
        detail_url=_detail_url,
        attach_permission="instruments.attach",
        actions=(
            Action("register", _("Register"), "meetings.register"),
            Action("manage", _("Manage and report"), "meetings.manage"),
        ),
        exports=(Export("ical", _("Calendar file"), "meetings:ical", public=True),),
        avg_export=_avg_export,
        avg_erase=_avg_erase,
    )
)
