"""Public API of the meetings app."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

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


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets are folded."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start = [], 0
    limit = 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # keep UTF-8 sequences whole
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts)


def _ics_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ical(bijeenkomst: Bijeenkomst, url: str, stamp: datetime) -> str:
    """The meeting as an iCalendar (RFC 5545) file."""
    location = bijeenkomst.place or bijeenkomst.online_url
    description = _("Hosted by %(host)s.") % {"host": bijeenkomst.host}
    if bijeenkomst.online_url:
        description += f" {bijeenkomst.online_url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samenspel//Bijeenkomst//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:bijeenkomst-{bijeenkomst.pk}@samenspel",
        f"DTSTAMP:{_ics_time(stamp)}",
        f"DTSTART:{_ics_time(bijeenkomst.starts_at)}",
        f"DTEND:{_ics_time(bijeenkomst.ends_at)}",
        f"SUMMARY:{_ics_text(bijeenkomst.use.title)}",
        f"LOCATION:{_ics_text(location)}",
        f"DESCRIPTION:{_ics_text(description)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
