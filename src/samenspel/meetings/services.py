# SPDX-License-Identifier: EUPL-1.2
"""Public API of the meetings app."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, Event

from samenspel.core.services import audit, start_long_work
from samenspel.instruments.services import attach, save_settings
from samenspel.meetings.models import Aanmelding, Bijeenkomst, Kind, Verslagpunt
from samenspel.trajectories.services import Phase, record, submit_inbreng

__all__ = [
    "Bijeenkomst",
    "FullError",
    "RegistrationClosed",
    "cancel",
    "close_registration",
    "create_bijeenkomst",
    "ical",
    "previous_stamtafel_host",
    "public_bijeenkomsten",
    "point_to_inbreng",
    "register",
    "registration_open",
    "save_report",
    "start_mailing",
]


class FullError(Exception):
    """The meeting has reached its capacity."""


class RegistrationClosed(Exception):
    """Registration is closed in this phase of the trajectory, or the meeting is too near."""


def registration_open(bijeenkomst: Bijeenkomst, now: datetime | None = None) -> bool:
    """Open in the trajectory's current phase (a phase setting) until the set number of hours
    before the start (a setting of the use)."""
    use = bijeenkomst.use
    if not use.settings_in().registration_open:
        return False
    closes = bijeenkomst.starts_at - timedelta(hours=use.settings.close_hours_before)
    return (now or timezone.now()) < closes


def close_registration(use, phase: str) -> None:
    """The phase hook: close registration in ``phase`` (evaluation, stopped) and say so on the
    trajectory's timeline. Organisers may open it again in the use's settings."""
    current = use.settings_in(phase)
    if not current.registration_open:
        return
    save_settings(None, use, phase_settings={phase: replace(current, registration_open=False)})
    with override("nl"):
        record(
            use.traject,
            None,
            "instrument",
            _("Registration for %(title)s closed: the trajectory is now in phase “%(phase)s”.")
            % {"title": use.title, "phase": Phase(phase).label},
        )


def public_bijeenkomsten():
    """The meetings of public trajectories, with their report points (never who registered)."""
    return (
        Bijeenkomst.objects.filter(use__traject__is_public=True)
        .select_related("use__traject", "gemeente")
        .prefetch_related("punten__inbreng")
        .order_by("starts_at", "id")
    )


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
    if not registration_open(locked):
        raise RegistrationClosed
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


def start_mailing(user, bijeenkomst: Bijeenkomst, subject: str, body: str):
    """E-mail everyone registered, as long work (the addresses are read by the task, so they
    are never stored with it); returns the LongWork to follow."""
    from samenspel.meetings.tasks import mail_registrants

    use = bijeenkomst.use
    audit(
        user,
        "export",
        bijeenkomst,
        gemeente=bijeenkomst.gemeente,
        personal_data=True,
        detail="e-mail to the registrants",
    )
    with override("nl"):
        title = _("E-mail to the registrants of %(title)s") % {"title": use.title}
    return start_long_work(
        mail_registrants,
        bijeenkomst.pk,
        subject,
        body,
        title=title,
        owner=user,
        about=bijeenkomst,
        gemeente=bijeenkomst.gemeente,
        url=reverse("meetings:detail", args=[bijeenkomst.gemeente.slug, bijeenkomst.pk]),
    )


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
