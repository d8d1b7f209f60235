# SPDX-License-Identifier: EUPL-1.2
"""Indicators Samenspel knows from its own records, and fills in at a measuring moment.

A small registry: key → ``KnownIndicator`` with a function ``(traject, period) → value`` (a
Decimal, or None when there is nothing to measure). Each function reads another app through
its services. An app that records something worth following (the panel's response, the
proposals a budget adopted) adds one entry here, calling its own service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from statistics import median

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samenspel.budgeting.services import council_decisions
from samenspel.learning.models import Kind
from samenspel.meetings.services import participants
from samenspel.panel.services import invitations_answered
from samenspel.reach.services import letters_and_codes
from samenspel.trajectories.services import inbreng_times


@dataclass(frozen=True)
class Period:
    """The days from ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


Compute = Callable[..., Decimal | None]


@dataclass(frozen=True)
class KnownIndicator:
    key: str
    label: str | Promise
    kind: str
    compute: Compute


KNOWN: dict[str, KnownIndicator] = {}


def known(key: str, label: str | Promise, kind: str = Kind.COUNT) -> Callable[[Compute], Compute]:
    """Register ``function(traject, period)`` as the known indicator ``key``."""

    def register(function: Compute) -> Compute:
        KNOWN[key] = KnownIndicator(key, label, kind, function)
        return function

    return register


def compute(key: str, traject, period: Period) -> Decimal | None:
    """The value of known indicator ``key`` for this trajectory over ``period``; None without a
    trajectory or when the key is no longer known."""
    indicator = KNOWN.get(key)
    if traject is None or indicator is None:
        return None
    return indicator.compute(traject, period)


def choices() -> list[tuple[str, str | Promise]]:
    return [(k.key, k.label) for k in KNOWN.values()]


@known("input_received", _("Input received"))
def input_received(traject, period: Period) -> Decimal:
    return Decimal(len(inbreng_times(traject, period.since, period.until)))


@known("input_answered", _("Input received and answered"))
def input_answered(traject, period: Period) -> Decimal:
    times = inbreng_times(traject, period.since, period.until)
    return Decimal(sum(1 for _c, answered in times if answered and answered < period.until))


@known("median_days_to_answer", _("Median time to answer input (days)"))
def median_days_to_answer(traject, period: Period) -> Decimal | None:
    waits = [
        (answered - created).total_seconds() / 86400
        for created, answered in inbreng_times(traject, period.since, period.until)
        if answered and answered < period.until
    ]
    return Decimal(round(median(waits), 1)).quantize(Decimal("0.1")) if waits else None


@known("meeting_participants", _("Participants in meetings"))
def meeting_participants(traject, period: Period) -> Decimal:
    return Decimal(participants(traject, period.since, period.until))


@known("participants_per_1000", _("Participants in meetings per 1,000 inhabitants"))
def participants_per_1000(traject, period: Period) -> Decimal | None:
    inhabitants = traject.gemeente.inhabitants
    if not inhabitants:
        return None
    share = Decimal(participants(traject, period.since, period.until)) * 1000 / inhabitants
    return share.quantize(Decimal("0.01"))


@known("letters_sent", _("Letters sent"))
def letters_sent(traject, period: Period) -> Decimal:
    return Decimal(letters_and_codes(traject, period.since, period.until)[0])


@known("codes_used", _("Codes from letters used"))
def codes_used(traject, period: Period) -> Decimal:
    return Decimal(letters_and_codes(traject, period.since, period.until)[1])


@known("panel_response", _("Response of the panel to its invitations (%)"))
def panel_response(traject, period: Period) -> Decimal | None:
    invited, answered = invitations_answered(traject, period.since, period.until)
    return (Decimal(answered) * 100 / invited).quantize(Decimal("0.1")) if invited else None


@known("proposals_adopted", _("Proposals the council adopted"))
def proposals_adopted(traject, period: Period) -> Decimal:
    return Decimal(council_decisions(traject, period.start, period.end)[1])
