# SPDX-License-Identifier: EUPL-1.2
"""Public API of the meetings app."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from icalendar import Calendar, Event

from samenspel.core.services import audit, label, notify, start_long_work
from samenspel.instruments.services import attach, organised_use_ids, save_settings
from samenspel.meetings.models import Aanmelding, Bijeenkomst, Kind, Verslagpunt
from samenspel.trajectories.services import Phase, record, submit_inbreng

__all__ = [
    "Bijeenkomst",
    "RegistrationClosed",
    "ReportTooEarly",
    "cancel",
    "cancel_bijeenkomst",
    "close_registration",
    "create_bijeenkomst",
    "update_bijeenkomst",
    "calendar_feed",
    "ical",
    "may_report",
    "registered",
    "tell_registrants",
    "previous_stamtafel_host",
    "public_bijeenkomsten",
    "point_to_inbreng",
    "organised_by",
    "participants",
    "register",
    "registrations_of",
    "registration_open",
    "save_report",
    "start_mailing",
]


class RegistrationClosed(Exception):
    """Registration is closed in this phase of the trajectory, the meeting is too near or has
    started, or it was cancelled."""


class ReportTooEarly(Exception):
    """The report of a meeting is written once it has started."""


#: Up to this many people are told of a change at once; more, and it runs as long work.
TELL_DIRECTLY = 50


def registration_open(bijeenkomst: Bijeenkomst, now: datetime | None = None) -> bool:
    """Open in the trajectory's current phase (a phase setting) until the set number of hours
    before the start (a setting of the use), and never once it starts or is cancelled."""
    use = bijeenkomst.use
    if bijeenkomst.is_cancelled or not use.settings_in().registration_open:
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
    record(
        use.traject,
        None,
        "instrument",
        gettext_noop(
            "Registration for %(title)s closed: the trajectory is now in phase “%(phase)s”."
        ),
        title=use.title,
        phase=label(Phase(phase).label),
    )


def public_bijeenkomsten():
    """The meetings of public trajectories, with their report points (never who registered)."""
    return (
        Bijeenkomst.objects.filter(use__traject__is_public=True)
        .select_related("use__traject", "gemeente")
        .prefetch_related("punten__inbreng")
        .order_by("starts_at", "id")
    )


def previous_stamtafel_host(gemeente, before=None, exclude=None) -> str:
    """The host of the municipality's latest stamtafel (other than ``exclude``, the meeting
    being edited): the next one rotates to another party."""
    qs = Bijeenkomst.objects.filter(gemeente=gemeente, kind=Kind.STAMTAFEL).exclude(pk=exclude)
    if before is not None:
        qs = qs.filter(starts_at__lt=before)
    latest = qs.order_by("-starts_at").first()
    return latest.host if latest else ""


@transaction.atomic
def registrations_of(user):
    """This person's registrations, the next meeting first."""
    return (
        Aanmelding.objects.filter(user=user)
        .select_related("bijeenkomst__use__gemeente")
        .order_by("-bijeenkomst__starts_at")
    )


def organised_by(user):
    """The meetings this person organises, newest first, with their number of registrations."""
    return (
        Bijeenkomst.objects.filter(use_id__in=organised_use_ids(user))
        .select_related("use__gemeente")
        .annotate(registered=Count("aanmeldingen"))
        .order_by("-starts_at")
    )


def participants(traject, start: datetime, end: datetime) -> int:
    """How many people had a place (not on a waiting list) at this trajectory's meetings that
    started in [start, end) and were not cancelled."""
    return Aanmelding.objects.filter(
        bijeenkomst__use__traject=traject,
        bijeenkomst__starts_at__gte=start,
        bijeenkomst__starts_at__lt=end,
        bijeenkomst__cancelled_at__isnull=True,
        waiting=False,
    ).count()


def create_bijeenkomst(user, traject, phase: str, title: str, data: dict) -> Bijeenkomst:
    use = attach(user, traject, "bijeenkomst", phase, title)
    return Bijeenkomst.objects.create(use=use, gemeente=traject.gemeente, **data)


def registered(bijeenkomst: Bijeenkomst):
    """The registrations that have a place (not those on the waiting list)."""
    return bijeenkomst.aanmeldingen.filter(waiting=False)


def _fill_from_waiting_list(bijeenkomst: Bijeenkomst) -> None:
    """Give free places to the first on the waiting list, and tell each of them."""
    free = bijeenkomst.capacity - registered(bijeenkomst).count()
    if free <= 0:
        return
    moving = list(
        bijeenkomst.aanmeldingen.filter(waiting=True)
        .select_related("user")
        .order_by("created", "id")[:free]
    )
    if not moving:
        return
    Aanmelding.objects.filter(pk__in=[a.pk for a in moving]).update(waiting=False)
    title = bijeenkomst.use.title
    with override("nl"):
        notify(
            [a.user for a in moving],
            subject=_("A place came free: you are registered for %(title)s") % {"title": title},
            body=_(
                "You were on the waiting list for %(title)s. A place came free, so you are now "
                "registered. Cannot come after all? Please cancel, so the next person can."
            )
            % {"title": title},
            url=bijeenkomst.get_absolute_url(),
            gemeente=bijeenkomst.gemeente,
        )
    for aanmelding in moving:
        audit(
            None,
            "change",
            aanmelding,
            gemeente=bijeenkomst.gemeente,
            personal_data=True,
            detail="moved up from the waiting list",
        )


@transaction.atomic
def register(user, bijeenkomst: Bijeenkomst) -> Aanmelding:
    """Register for the meeting; when it is full, a place on the waiting list."""
    locked = Bijeenkomst.objects.select_for_update().select_related("use").get(pk=bijeenkomst.pk)
    existing = Aanmelding.objects.filter(bijeenkomst=locked, user=user).first()
    if existing:
        return existing
    if not registration_open(locked):
        raise RegistrationClosed
    full = registered(locked).count() >= locked.capacity
    aanmelding = Aanmelding.objects.create(bijeenkomst=locked, user=user, waiting=full)
    audit(user, "create", aanmelding, gemeente=locked.gemeente, personal_data=True)
    return aanmelding


@transaction.atomic
def cancel(user, bijeenkomst: Bijeenkomst) -> None:
    """Cancel a registration (or leave the waiting list); the first on the list moves up."""
    locked = Bijeenkomst.objects.select_for_update().select_related("use").get(pk=bijeenkomst.pk)
    deleted, _rows = Aanmelding.objects.filter(bijeenkomst=locked, user=user).delete()
    if deleted:
        audit(
            user,
            "delete",
            locked,
            gemeente=locked.gemeente,
            personal_data=True,
            detail="registration cancelled",
        )
        if not locked.is_cancelled:
            _fill_from_waiting_list(locked)


def tell_registrants(user, bijeenkomst: Bijeenkomst, subject: str, body: str):
    """Tell everyone registered or waiting, in their inbox and by e-mail (core notifications):
    directly when they are few, else as long work, which is returned to follow."""
    from samenspel.meetings.tasks import notify_registrants

    people = bijeenkomst.aanmeldingen.select_related("user")
    if people.count() <= TELL_DIRECTLY:
        notify(
            [a.user for a in people],
            subject=subject,
            body=body,
            url=bijeenkomst.get_absolute_url(),
            gemeente=bijeenkomst.gemeente,
        )
        return None
    with override("nl"):
        title = _("Telling the registrants of %(title)s") % {"title": bijeenkomst.use.title}
    return _registrants_work(notify_registrants, user, bijeenkomst, subject, body, title)


def _registrants_work(task, user, bijeenkomst: Bijeenkomst, subject: str, body: str, title: str):
    """Run ``task`` (bijeenkomst pk, subject, body) over the registrants as long work."""
    return start_long_work(
        task,
        bijeenkomst.pk,
        subject,
        body,
        title=title,
        owner=user,
        about=bijeenkomst,
        gemeente=bijeenkomst.gemeente,
        url=bijeenkomst.get_absolute_url(),
    )


#: What registrants are told of when it changes.
TOLD_OF = ("starts_at", "ends_at", "place", "online_url")


@transaction.atomic
def update_bijeenkomst(user, bijeenkomst: Bijeenkomst, title: str, data: dict):
    """Change a meeting; when the time or the place changes, the registrants are told. Returns
    the long work that tells them, when there are many."""
    locked = Bijeenkomst.objects.select_for_update().select_related("use").get(pk=bijeenkomst.pk)
    told = [field for field in TOLD_OF if field in data and data[field] != getattr(locked, field)]
    for field, value in data.items():
        setattr(locked, field, value)
    locked.save()
    use = locked.use
    if use.title != title:
        use.title = title
        use.save(update_fields=["title"])
    _fill_from_waiting_list(locked)
    audit(user, "change", locked, gemeente=locked.gemeente, detail=",".join(data))
    if not told:
        return None
    with override("nl"):
        values = {
            "title": title,
            "when": date_format(timezone.localtime(locked.starts_at), "l j F Y, H:i"),
            "where": locked.place or locked.online_url,
        }
        record(use.traject, user, "meeting_changed", _("Meeting changed: %(title)s") % values)
        return tell_registrants(
            user,
            locked,
            _("Changed: %(title)s") % values,
            _("The meeting %(title)s has changed.\nWhen: %(when)s\nWhere: %(where)s") % values,
        )


@transaction.atomic
def cancel_bijeenkomst(user, bijeenkomst: Bijeenkomst, reason: str):
    """Cancel the meeting (once): registration closes, the timeline says so and everyone
    registered or waiting is told. Returns the long work that tells them, when there are many."""
    locked = Bijeenkomst.objects.select_for_update().select_related("use").get(pk=bijeenkomst.pk)
    if locked.is_cancelled:
        return None
    locked.cancelled_at = timezone.now()
    locked.cancel_reason = reason
    locked.save(update_fields=["cancelled_at", "cancel_reason"])
    audit(user, "change", locked, gemeente=locked.gemeente, detail="cancelled")
    with override("nl"):
        values = {"title": locked.use.title, "reason": reason}
        record(
            locked.use.traject,
            user,
            "meeting_cancelled",
            _("Meeting cancelled: %(title)s. %(reason)s") % values,
        )
        return tell_registrants(
            user,
            locked,
            _("Cancelled: %(title)s") % values,
            _("The meeting %(title)s is cancelled.\nReason: %(reason)s") % values,
        )


def may_report(bijeenkomst: Bijeenkomst, now: datetime | None = None) -> bool:
    """A report is of what happened: it can be written once the meeting has started."""
    return not bijeenkomst.is_cancelled and (now or timezone.now()) >= bijeenkomst.starts_at


@transaction.atomic
def save_report(user, bijeenkomst: Bijeenkomst, report: str, new_points: list[str]) -> None:
    if not may_report(bijeenkomst):
        raise ReportTooEarly
    bijeenkomst.report = report
    bijeenkomst.save(update_fields=["report"])
    Verslagpunt.objects.bulk_create(
        [Verslagpunt(bijeenkomst=bijeenkomst, text=p) for p in new_points if p.strip()]
    )
    record(
        bijeenkomst.use.traject,
        user,
        "verslag",
        gettext_noop("Report published: %(title)s"),
        title=bijeenkomst.use.title,
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
    return _registrants_work(mail_registrants, user, bijeenkomst, subject, body, title)


def ical(bijeenkomst: Bijeenkomst, url: str, stamp: datetime) -> str:
    """The meeting as an iCalendar (RFC 5545) file; the icalendar library escapes and folds."""
    return calendar_feed([(bijeenkomst, url)], stamp, name=bijeenkomst.use.title)


def calendar_feed(meetings: Iterable[tuple[Bijeenkomst, str]], stamp: datetime, name: str) -> str:
    """Meetings (each with the address of its page) as one iCalendar (RFC 5545) document that
    calendar apps can subscribe to; a cancelled meeting stays in it, marked cancelled."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Samenspel//Bijeenkomst//NL")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", " ".join(name.split()))  # a name on one line
    for bijeenkomst, url in meetings:
        calendar.add_component(_event(bijeenkomst, url, stamp))
    return calendar.to_ical().decode()


def _event(bijeenkomst: Bijeenkomst, url: str, stamp: datetime) -> Event:
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
    event.add("status", "CANCELLED" if bijeenkomst.is_cancelled else "CONFIRMED")
    return event
