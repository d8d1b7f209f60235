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
from django.utils.translation import gettext_noop

from samenspel.core.http import require
from samenspel.core.services import audit, label, notify
from samenspel.municipalities.services import get_gemeente
from samenspel.people.services import (
    INFORMED_ROLES,
    STAFF_ROLES,
    gemeente_ids_with_roles,
    province_ids,
    users_with_roles,
)
from samenspel.trajectories.models import (
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


def record(traject: Traject, actor, kind: str, sentence: str, /, **params) -> TimelineEvent:
    """Put what happened on the timeline: ``sentence`` is the English source sentence (mark it with
    ``gettext_noop``) with %(name)s places; ``params`` fill them, each a value as it is (a
    title, a reason), a ``label(...)`` to translate, or ``in_languages(nl=…, en=…)``. The
    sentence is rendered in each reader's language."""
    return TimelineEvent.objects.create(
        traject=traject,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        message=sentence[:500],
        params={k: v[:500] if isinstance(v, str) else v for k, v in params.items()},
    )


def _inform_council_and_college(traject: Traject, subject: str, body: str, **params) -> None:
    """Tell the council and the college; ``subject`` and ``body`` are source sentences
    (``gettext_noop``) filled with ``params``, shown in each reader's language."""
    notify(
        users_with_roles(traject.gemeente, INFORMED_ROLES),
        subject=subject,
        body=body,
        url=traject.get_absolute_url(),
        gemeente=traject.gemeente,
        params=params,
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
    record(
        traject,
        user,
        "created",
        gettext_noop("Trajectory started in phase “%(phase)s”."),
        phase=label(Phase(traject.phase).label),
    )
    _inform_council_and_college(
        traject,
        gettext_noop("New trajectory in %(gemeente)s: %(title)s"),
        gettext_noop("A new trajectory has started. You are informed from minute one.\n\n%(text)s"),
        gemeente=gemeente.name,
        title=traject.title,
        text=traject.description,
    )
    audit(user, "create", traject, gemeente=gemeente)
    return traject


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
        record(traject, user, "changed", gettext_noop("Trajectory details changed."))
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
    traject.phase = to_phase
    traject.save(update_fields=["phase", "updated"])
    record(
        traject,
        user,
        "phase",
        gettext_noop("Phase changed from “%(old)s” to “%(new)s”: %(reason)s"),
        old=label(Phase(change.from_phase).label),
        new=label(Phase(to_phase).label),
        reason=reason,
    )
    _inform_council_and_college(
        traject,
        gettext_noop("%(title)s is now in phase “%(new)s”"),
        gettext_noop("Phase changed from “%(old)s” to “%(new)s”.\nReason: %(reason)s"),
        title=traject.title,
        old=label(Phase(change.from_phase).label),
        new=label(Phase(to_phase).label),
        reason=reason,
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
    record(
        traject,
        user,
        "ankerpunt",
        gettext_noop("The council set an anchor point: %(text)s"),
        text=ankerpunt.text,
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
    record(
        ankerpunt.traject,
        user,
        "ankerpunt",
        gettext_noop("Anchor point changed on behalf of the council: %(text)s"),
        text=ankerpunt.text,
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
    record(traject, user, "procesafspraken", gettext_noop("Process agreements recorded."))
    audit(user, "create" if created else "change", afspraken, gemeente=traject.gemeente)
    return afspraken


@transaction.atomic
def save_belang(user, traject: Traject, data: dict, belang: Belang | None = None) -> Belang:
    belang = belang or Belang(traject=traject)
    for field, value in data.items():
        setattr(belang, field, value)
    belang.save()
    record(
        traject,
        user,
        "belang",
        gettext_noop("Stakeholder map: %(name)s (%(status)s)."),
        name=belang.name,
        status=label(Belang.Status(belang.status).label),
    )
    audit(user, "change", belang, gemeente=traject.gemeente)
    return belang


@transaction.atomic
def submit_inbreng(user, traject: Traject, text: str, source: str = "") -> Inbreng:
    inbreng = Inbreng.objects.create(traject=traject, author=user, text=text, source=source)
    record(traject, user, "inbreng", gettext_noop("New input received."))
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
    status_label = label(dict(InbrengStatus.choices).get(status, status))
    record(
        traject, user, "feedback", gettext_noop("Input answered: %(status)s."), status=status_label
    )
    if inbreng.author_id:
        notify(
            [inbreng.author],
            subject=gettext_noop("What was done with your input on “%(title)s”"),
            body=gettext_noop("Status: %(status)s\n\n%(explanation)s"),
            url=reverse("trajectories:feedback", args=[traject.gemeente.slug, traject.pk]),
            gemeente=traject.gemeente,
            params={"title": traject.title, "status": status_label, "explanation": explanation},
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
    "create_traject",
    "get_visible_traject",
    "pending_overview",
    "phase_changed",
    "record",
    "save_belang",
    "save_procesafspraken",
    "submit_inbreng",
    "update_ankerpunt",
    "update_traject",
    "visible_trajecten",
]
