# SPDX-License-Identifier: EUPL-1.2
"""Public API of the trajectories app: every change is one transaction and a timeline event."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.dispatch import Signal
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samenspel.core.http import require
from samenspel.core.services import audit, notify
from samenspel.municipalities.services import get_gemeente
from samenspel.people.services import (
    INFORMED_ROLES,
    STAFF_ROLES,
    gemeente_ids_with_roles,
    province_ids,
    users_with_roles,
)
from samenspel.trajectories.forms import TrajectForm
from samenspel.trajectories.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    PHASE_ORDER,
    Ankerpunt,
    AnkerpuntVersie,
    Belang,
    Inbreng,
    InbrengStatus,
    Phase,
    PhaseChange,
    Procesafspraken,
    TimelineEvent,
    Traject,
)


class PhaseChangeError(ValueError):
    pass


#: Sent (sender=Traject, traject=…, old=…, new=…) after a phase change has committed; the
#: instruments app tells each attached instrument through it (trajectories import no instrument).
phase_changed = Signal()


def visible_trajecten(user, gemeente) -> QuerySet[Traject]:
    """The trajectories of a municipality that this user may see."""
    qs = Traject.objects.filter(gemeente=gemeente)
    if getattr(user, "is_superuser", False):
        return qs
    if gemeente.pk in gemeente_ids_with_roles(user, STAFF_ROLES) or (
        gemeente.provincie_id in province_ids(user)
    ):
        return qs
    return qs.filter(is_public=True)


def filter_trajecten(
    qs: QuerySet[Traject], *, fase: str = "", domein: str = "", gebied=None, q: str = ""
) -> QuerySet[Traject]:
    """The filters of a municipality's trajectory list (its page and the API): phase, domain,
    area and a search in title, description and dossiers."""
    if fase:
        qs = qs.filter(phase=fase)
    if domein:
        qs = qs.filter(domein=domein)
    if gebied is not None:
        qs = qs.filter(gebieden=gebied)
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(dossiers__icontains=q)
        )
    return qs.distinct()


def public_trajecten() -> QuerySet[Traject]:
    """Every public trajectory, with what its public pages show alongside."""
    return (
        Traject.objects.filter(is_public=True)
        .select_related("gemeente", "procesafspraken")
        .prefetch_related(
            "gebieden",
            Prefetch("ankerpunten__versies", queryset=AnkerpuntVersie.objects.order_by("number")),
        )
        .order_by("-updated", "-id")
    )


def public_trajecten_with_counts(gemeente) -> QuerySet[Traject]:
    """A municipality's public trajectories with per trajectory the number of anchor points, of
    contributions and of answered contributions (aggregates only: the open-data export)."""
    answered = Q(inbreng__status__in=CLOSED_STATUSES)
    return (
        Traject.objects.filter(gemeente=gemeente, is_public=True)
        .prefetch_related("gebieden")
        .annotate(
            n_ankerpunten=Count("ankerpunten", distinct=True),
            n_inbreng=Count("inbreng", distinct=True),
            n_beantwoord=Count("inbreng", filter=answered, distinct=True),
        )
        .order_by("-updated", "-id")
    )


#: How many timeline events a trajectory's page shows, newest first.
EVENTS_SHOWN = 50


def public_timeline(traject: Traject) -> QuerySet[TimelineEvent]:
    """The public events of a trajectory's timeline, newest first."""
    return TimelineEvent.objects.filter(traject=traject, public=True)


def filter_inbreng(qs: QuerySet[Inbreng], status: str = "") -> QuerySet[Inbreng]:
    """The input filter of the feedback page and the API: ``open`` (awaiting an answer) or
    ``beantwoord`` (answered)."""
    if status == "open":
        return qs.filter(status__in=OPEN_STATUSES)
    if status == "beantwoord":
        return qs.exclude(status__in=OPEN_STATUSES)
    return qs


def public_inbreng() -> QuerySet[Inbreng]:
    """The input on public trajectories (as the feedback pages show it: never its author)."""
    return Inbreng.objects.filter(traject__is_public=True).select_related("traject__gemeente")


def get_visible_traject(request, slug: str, pk: int, perm: str = "") -> Traject:
    """The trajectory, if this request's user may see it (else 404), and, when ``perm`` is
    given, may act on it (else 403, or login for anonymous users)."""
    gemeente = get_gemeente(slug)
    traject = get_object_or_404(Traject, gemeente=gemeente, pk=pk)
    traject.gemeente = gemeente
    if not request.user.has_perm("trajectories.view_traject", traject):
        # Not even its existence is shown to those who may not see it.
        raise Http404
    if perm:
        require(request, perm, traject)
    return traject


def record(traject: Traject, actor, kind: str, message: str) -> TimelineEvent:
    return TimelineEvent.objects.create(
        traject=traject,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        message=message[:500],
    )


def _inform_council_and_college(traject: Traject, subject: str, body: str) -> None:
    notify(
        users_with_roles(traject.gemeente, INFORMED_ROLES),
        subject=subject,
        body=body,
        url=traject.get_absolute_url(),
        gemeente=traject.gemeente,
    )


@transaction.atomic
def create_traject(user, gemeente, data: dict, gebieden=()) -> Traject:
    traject = Traject.objects.create(gemeente=gemeente, created_by=user, **data)
    traject.gebieden.set(gebieden)
    PhaseChange.objects.create(
        traject=traject,
        from_phase="",
        to_phase=traject.phase,
        changed_by=user,
        reason="created",
    )
    with override("nl"):
        record(
            traject,
            user,
            "created",
            _("Trajectory started in phase “%(phase)s”.") % {"phase": traject.get_phase_display()},
        )
        _inform_council_and_college(
            traject,
            _("New trajectory in %(gemeente)s: %(title)s")
            % {"gemeente": gemeente.name, "title": traject.title},
            _("A new trajectory has started. You are informed from minute one.\n\n%(text)s")
            % {"text": traject.description},
        )
    audit(user, "create", traject, gemeente=gemeente)
    return traject


class TrajectInvalid(ValueError):
    """The data for a new trajectory does not pass the page's checks; ``errors`` per field."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("invalid trajectory")
        self.errors = errors


def create_checked_traject(user, gemeente, data: dict) -> Traject:
    """Check ``data`` (the fields of the page's form) as the page does, then create it."""
    form = TrajectForm(data, gemeente=gemeente)
    if not form.is_valid():
        raise TrajectInvalid(
            {f: [e["message"] for e in es] for f, es in form.errors.get_json_data().items()}
        )
    cleaned = {k: v for k, v in form.cleaned_data.items() if k != "gebieden"}
    return create_traject(user, gemeente, cleaned, form.cleaned_data["gebieden"])


@transaction.atomic
def update_traject(user, traject: Traject, data: dict, gebieden=None) -> Traject:
    changed = [field for field, value in data.items() if getattr(traject, field) != value]
    for field, value in data.items():
        setattr(traject, field, value)
    traject.save()
    if gebieden is not None:
        traject.gebieden.set(gebieden)
        changed.append("gebieden")
    if changed:
        with override("nl"):
            record(traject, user, "changed", _("Trajectory details changed."))
    audit(user, "change", traject, gemeente=traject.gemeente, detail=",".join(changed))
    return traject


@transaction.atomic
def change_phase(user, traject: Traject, to_phase: str, reason: str) -> PhaseChange:
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if to_phase not in traject.next_phases():
        raise PhaseChangeError(_("This phase cannot follow the current phase."))
    change = PhaseChange.objects.create(
        traject=traject,
        from_phase=traject.phase,
        to_phase=to_phase,
        changed_by=user,
        reason=reason,
    )
    old_label = traject.get_phase_display()
    traject.phase = to_phase
    traject.save(update_fields=["phase", "updated"])
    with override("nl"):
        values = {"old": old_label, "new": traject.get_phase_display(), "reason": reason}
        record(
            traject,
            user,
            "phase",
            _("Phase changed from “%(old)s” to “%(new)s”: %(reason)s") % values,
        )
        _inform_council_and_college(
            traject,
            _("%(title)s is now in phase “%(new)s”") % {"title": traject.title, **values},
            _("Phase changed from “%(old)s” to “%(new)s”.\nReason: %(reason)s") % values,
        )
    audit(user, "change", traject, gemeente=traject.gemeente, detail=f"phase {to_phase}")
    old_phase = change.from_phase
    transaction.on_commit(
        lambda: phase_changed.send(sender=Traject, traject=traject, old=old_phase, new=to_phase)
    )
    return change


#: What a change of an anchor point may touch: the date the council set it stays as recorded.
ANKERPUNT_CHANGEABLE = ("text", "held", "held_note")  # the fields of AnkerpuntContent


def _ankerpunt_version(user, ankerpunt: Ankerpunt, number: int) -> AnkerpuntVersie:
    return AnkerpuntVersie.objects.create(
        ankerpunt=ankerpunt,
        gemeente_id=ankerpunt.gemeente_id,
        number=number,
        changed_by=user,
        **{field: getattr(ankerpunt, field) for field in ANKERPUNT_CHANGEABLE},
    )


@transaction.atomic
def add_ankerpunt(user, traject: Traject, data: dict) -> Ankerpunt:
    """Record an anchor point the council set (the griffier does, on the council's behalf)."""
    ankerpunt = Ankerpunt.objects.create(traject=traject, created_by=user, **data)
    _ankerpunt_version(user, ankerpunt, 1)
    with override("nl"):
        record(
            traject,
            user,
            "ankerpunt",
            _("The council set an anchor point: %(text)s") % {"text": ankerpunt.text},
        )
    audit(user, "create", ankerpunt, gemeente=traject.gemeente)
    return ankerpunt


@transaction.atomic
def update_ankerpunt(user, ankerpunt: Ankerpunt, data: dict) -> Ankerpunt:
    """Change an anchor point's text or whether it held; each change is a new public version.

    Only the fields of ``ANKERPUNT_CHANGEABLE`` change; saving without a change adds nothing.
    """
    ankerpunt = Ankerpunt.objects.select_for_update().select_related("traject").get(pk=ankerpunt.pk)
    changed = [f for f in ANKERPUNT_CHANGEABLE if f in data and data[f] != getattr(ankerpunt, f)]
    if not changed:
        return ankerpunt
    for field in changed:
        setattr(ankerpunt, field, data[field])
    ankerpunt.save(update_fields=changed)
    last = ankerpunt.versies.order_by("-number").values_list("number", flat=True).first()
    _ankerpunt_version(user, ankerpunt, (last or 0) + 1)
    with override("nl"):
        record(
            ankerpunt.traject,
            user,
            "ankerpunt",
            _("Anchor point changed on behalf of the council: %(text)s") % {"text": ankerpunt.text},
        )
    audit(user, "change", ankerpunt, gemeente=ankerpunt.gemeente, detail=",".join(changed))
    return ankerpunt


def ankerpunten_with_history(traject: Traject) -> list[Ankerpunt]:
    """The trajectory's anchor points, each with ``changes``: per change, the version before and
    the version after (who changed it on behalf of the council, and when)."""
    ankerpunten = list(
        traject.ankerpunten.prefetch_related(
            Prefetch("versies", queryset=AnkerpuntVersie.objects.select_related("changed_by"))
        )
    )
    for ankerpunt in ankerpunten:
        versions = list(ankerpunt.versies.all())
        ankerpunt.changes = [  # type: ignore[attr-defined]  # for the template
            {"before": before, "after": after}
            for before, after in zip(versions, versions[1:], strict=False)
        ]
    return ankerpunten


@transaction.atomic
def save_procesafspraken(user, traject: Traject, data: dict) -> Procesafspraken:
    afspraken, created = Procesafspraken.objects.update_or_create(traject=traject, defaults=data)
    with override("nl"):
        record(traject, user, "procesafspraken", _("Process agreements recorded."))
    audit(user, "create" if created else "change", afspraken, gemeente=traject.gemeente)
    return afspraken


@transaction.atomic
def save_belang(user, traject: Traject, data: dict, belang: Belang | None = None) -> Belang:
    belang = belang or Belang(traject=traject)
    for field, value in data.items():
        setattr(belang, field, value)
    belang.save()
    with override("nl"):
        record(
            traject,
            user,
            "belang",
            _("Stakeholder map: %(name)s (%(status)s).")
            % {"name": belang.name, "status": belang.get_status_display()},
        )
    audit(user, "change", belang, gemeente=traject.gemeente)
    return belang


@transaction.atomic
def submit_inbreng(user, traject: Traject, text: str, source: str = "") -> Inbreng:
    inbreng = Inbreng.objects.create(traject=traject, author=user, text=text, source=source)
    with override("nl"):
        record(traject, user, "inbreng", _("New input received."))
    audit(user, "create", inbreng, gemeente=traject.gemeente, personal_data=True)
    return inbreng


@transaction.atomic
def answer_inbreng(user, inbreng: Inbreng, status: str, explanation: str) -> Inbreng:
    inbreng.status = status
    inbreng.explanation = explanation
    closing = status not in OPEN_STATUSES
    inbreng.answered_at = timezone.now() if closing else None
    inbreng.answered_by = user if closing else None
    inbreng.save()
    traject = inbreng.traject
    with override("nl"):
        record(
            traject,
            user,
            "feedback",
            _("Input answered: %(status)s.") % {"status": inbreng.get_status_display()},
        )
        if inbreng.author_id:
            notify(
                [inbreng.author],
                subject=_("What was done with your input on “%(title)s”")
                % {"title": traject.title},
                body=_("Status: %(status)s\n\n%(explanation)s")
                % {"status": inbreng.get_status_display(), "explanation": explanation},
                url=reverse("trajectories:feedback", args=[traject.gemeente.slug, traject.pk]),
                gemeente=traject.gemeente,
            )
    audit(user, "change", inbreng, gemeente=traject.gemeente, detail=f"status {status}")
    return inbreng


def pending_overview(gemeente, now=None) -> QuerySet[Traject]:
    """Per trajectory: how much input still waits for an answer, and since when."""
    now = now or timezone.now()
    open_q = Q(inbreng__status__in=OPEN_STATUSES)
    return (
        Traject.objects.filter(gemeente=gemeente)
        .annotate(
            open_inbreng=Count("inbreng", filter=open_q),
            total_inbreng=Count("inbreng"),
            oldest_open=Min("inbreng__created", filter=open_q),
            overdue=Count(
                "inbreng", filter=open_q & Q(inbreng__created__lt=now - timedelta(weeks=6))
            ),
        )
        .filter(total_inbreng__gt=0)
        .order_by("oldest_open", "title")
    )


__all__ = [
    "PHASE_ORDER",
    "InbrengStatus",
    "Phase",
    "PhaseChangeError",
    "Traject",
    "add_ankerpunt",
    "ankerpunten_with_history",
    "answer_inbreng",
    "change_phase",
    "TrajectInvalid",
    "create_checked_traject",
    "create_traject",
    "filter_inbreng",
    "filter_trajecten",
    "get_visible_traject",
    "pending_overview",
    "phase_changed",
    "public_inbreng",
    "public_timeline",
    "public_trajecten",
    "public_trajecten_with_counts",
    "record",
    "save_belang",
    "save_procesafspraken",
    "submit_inbreng",
    "update_ankerpunt",
    "update_traject",
    "visible_trajecten",
]
