"""Public API of the meetings app."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, Event

from samenspel.core.services import audit
from samenspel.instruments.services import attach
from samenspel.meetings.models import Aanmelding, Bijeenkomst, Kind, Verslagpunt
from samenspel.trajectories.services import record, submit_inbreng

__all__ = [
    "Bijeenkomst",
    "FullError",
    "cancel",
    "create_bijeenkomst",
    "ical",
    "previous_stamtafel_host",
    "point_to_inbreng",
    "register",
    "save_report",
]


class FullError(Exception):
    """The meeting has reached its capacity."""


def previous_stamtafel_host(gemeente, before=None) -> str:
    """The host of the municipality's latest stamtafel: the next one rotates to another party."""
    qs = Bijeenkomst.objects.filter(gemeente=gemeente, kind=Kind.STAMTAFEL)
    if before is not None:
        qs = qs.filter(starts_at__lt=before)
    latest = qs.order_by("-starts_at").first()
    return latest.host if latest else ""


@transaction.atomic
def create_bijeenkomst(user, traject, phase: str, title: str, data: dict) -> Bijeenkomst:
    use = attach(user, traject, "bijeenkomst", phase, title)
    return Bijeenkomst.objects.create(use=use, gemeente=traject.gemeente, **data)


@transaction.atomic
def register(user, bijeenkomst: Bijeenkomst) -> Aanmelding:
    locked = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    existing = Aanmelding.objects.filter(bijeenkomst=locked, user=user).first()
    if existing:
        return existing
    if Aanmelding.objects.filter(bijeenkomst=locked).count() >= locked.capacity:
        raise FullError
    aanmelding = Aanmelding.objects.create(bijeenkomst=locked, user=user)
    audit(user, "create", aanmelding, gemeente=locked.gemeente, personal_data=True)
    return aanmelding


@transaction.atomic
def cancel(user, bijeenkomst: Bijeenkomst) -> None:
    deleted, _rows = Aanmelding.objects.filter(bijeenkomst=bijeenkomst, user=user).delete()
    if deleted:
        audit(
            user,
            "delete",
            bijeenkomst,
            gemeente=bijeenkomst.gemeente,
            personal_data=True,
            detail="registration cancelled",
        )


@transaction.atomic
def save_report(user, bijeenkomst: Bijeenkomst, report: str, new_points: list[str]) -> None:
    bijeenkomst.report = report
    bijeenkomst.save(update_fields=["report"])
    Verslagpunt.objects.bulk_create(
        [Verslagpunt(bijeenkomst=bijeenkomst, text=p) for p in new_points if p.strip()]
    )
    with override("nl"):
        record(
            bijeenkomst.use.traject,
            user,
            "verslag",
            _("Report published: %(title)s") % {"title": bijeenkomst.use.title},
        )
    audit(user, "change", bijeenkomst, gemeente=bijeenkomst.gemeente, detail="report")


@transaction.atomic
def point_to_inbreng(user, punt: Verslagpunt):
    """The point as input on the trajectory, made once however often this is asked."""
    punt = Verslagpunt.objects.select_for_update().get(pk=punt.pk)
    if punt.inbreng_id:
        return punt.inbreng
    bijeenkomst = punt.bijeenkomst
    inbreng = submit_inbreng(
        None,
        bijeenkomst.use.traject,
        punt.text,
        source=f"{bijeenkomst.get_kind_display()}: {bijeenkomst.use.title}",
    )
    punt.inbreng = inbreng
    punt.save(update_fields=["inbreng"])
    return inbreng


def ical(bijeenkomst: Bijeenkomst, url: str, stamp: datetime) -> str:
    """The meeting as an iCalendar (RFC 5545) file; the icalendar library escapes and folds."""
    location = bijeenkomst.place or bijeenkomst.online_url
    description = _("Hosted by %(host)s.") % {"host": bijeenkomst.host}
    if bijeenkomst.online_url:
        description += f" {bijeenkomst.online_url}"
    event = Event()
    event.add("uid", f"bijeenkomst-{bijeenkomst.pk}@samenspel")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", bijeenkomst.starts_at.astimezone(UTC))
    event.add("dtend", bijeenkomst.ends_at.astimezone(UTC))
    event.add("summary", bijeenkomst.use.title)
    event.add("location", location)
    event.add("description", description)
    event.add("url", url)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Samenspel//Bijeenkomst//NL")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode()
