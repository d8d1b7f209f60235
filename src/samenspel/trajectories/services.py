# SPDX-License-Identifier: EUPL-1.2
"""Public API of the trajectories app: every change is one transaction and a timeline event."""

from __future__ import annotations

from datetime import datetime, timedelta
from statistics import median

from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
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
    Role,
    gemeente_ids_with_roles,
    province_ids,
    users_with_roles,
)
from samenspel.trajectories.forms import TrajectForm
from samenspel.trajectories.models import (
    CLOSED_FOR_INPUT,
    CLOSED_STATUSES,
    EXPLAINED_STATUSES,
    OPEN_STATUSES,
    PHASE_ORDER,
    Ankerpunt,
    AnkerpuntVersie,
    AntwoordVersie,
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


class FrameNotMet(PhaseChangeError):
    """The council's frame does not allow this phase yet; ``unmet`` says what is missing."""

    def __init__(self, unmet: list[str]) -> None:
        super().__init__(" ".join(unmet))
        self.unmet = unmet


class ReasonRequired(ValueError):
    """This change undoes something promised in public: it needs a reason."""


class AnswerStays(ValueError):
    """An answer given in public stays: input that was answered does not go back to waiting."""


#: Who hears of a phase change that went ahead without the council's frame: the council.
FRAME_GUARDS = frozenset({Role.RAADSLID, Role.GRIFFIER})


#: Sent (sender=Traject, traject=…, old=…, new=…) after a phase change has committed; the
#: instruments app tells each attached instrument through it (trajectories import no instrument).
phase_changed = Signal()


def visible_trajecten(user, gemeente) -> QuerySet[Traject]:
    """The trajectories of a municipality that this user may see (a non-public one too where
    they gave input: they keep access to it and its answers)."""
    qs = Traject.objects.filter(gemeente=gemeente)
    if getattr(user, "is_superuser", False):
        return qs
    if gemeente.pk in gemeente_ids_with_roles(user, STAFF_ROLES) or (
        gemeente.provincie_id in province_ids(user)
    ):
        return qs
    if getattr(user, "is_authenticated", False):
        given = Inbreng.objects.filter(author=user).values("traject_id")
        return qs.filter(Q(is_public=True) | Q(pk__in=given))
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
        return qs.filter(status__in=CLOSED_STATUSES)
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


def closing_needs_reason(traject: Traject) -> bool:
    """Whether making this trajectory non-public undoes something promised: people gave input."""
    return traject.is_public and traject.inbreng.exists()


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
def update_traject(user, traject: Traject, data: dict, gebieden=None, reason: str = "") -> Traject:
    """Change a trajectory's details. Making one with input non-public needs ``reason``: it goes
    on the timeline and to the council; the contributors keep access to their input."""
    closing = data.get("is_public") is False and closing_needs_reason(traject)
    if closing and not reason.strip():
        raise ReasonRequired(_("Say why this trajectory with input is no longer public."))
    changed = [field for field, value in data.items() if getattr(traject, field) != value]
    for field, value in data.items():
        setattr(traject, field, value)
    traject.save()
    if gebieden is not None:
        traject.gebieden.set(gebieden)
        changed.append("gebieden")
    if changed:
        record(traject, user, "changed", gettext_noop("Trajectory details changed."))
    if closing:
        record(
            traject,
            user,
            "private",
            gettext_noop("The trajectory is no longer public: %(reason)s"),
            reason=reason,
        )
        _inform_council_and_college(
            traject,
            gettext_noop("%(title)s is no longer public"),
            gettext_noop(
                "The trajectory was made non-public after people gave input. They keep "
                "access to their input and its answers.\nReason: %(reason)s"
            ),
            title=traject.title,
            reason=reason,
        )
    audit(user, "change", traject, gemeente=traject.gemeente, detail=",".join(changed))
    return traject


def unmet_frame(traject: Traject, to_phase: str) -> list[str]:
    """What the council's frame still asks before ``to_phase`` (empty: the way is clear).

    Participation needs the council's anchor points and the process agreements; decision-making
    needs every input answered, or deferred with a reason."""
    unmet = []
    if to_phase == Phase.PARTICIPATIE:
        if not traject.ankerpunten.exists():
            unmet.append(_("The council has not set anchor points yet."))
        if not Procesafspraken.objects.filter(traject=traject).exists():
            unmet.append(_("There are no process agreements yet."))
    if to_phase == Phase.BESLUITVORMING:
        waiting = traject.inbreng.filter(status__in=OPEN_STATUSES).count()
        if waiting:
            unmet.append(
                _("%(count)s input still waits for an answer or a reason to defer it.")
                % {"count": waiting}
            )
    return unmet


@transaction.atomic
def change_phase(
    user, traject: Traject, to_phase: str, reason: str, override_reason: str = ""
) -> PhaseChange:
    """Move the trajectory to ``to_phase``. Where the council's frame is not met, only an
    ``override_reason`` lets it go ahead (the college or an official); the override is on the
    public timeline and the council and griffier are told."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if to_phase not in traject.next_phases():
        raise PhaseChangeError(_("This phase cannot follow the current phase."))
    unmet = unmet_frame(traject, to_phase) if to_phase != Phase.GESTOPT else []
    if unmet and not override_reason.strip():
        raise FrameNotMet(unmet)
    change = PhaseChange.objects.create(
        traject=traject,
        from_phase=traject.phase,
        to_phase=to_phase,
        changed_by=user,
        reason=reason,
        overridden="\n".join(unmet),
        override_reason=override_reason if unmet else "",
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
    if unmet:
        _record_override(user, traject, change)
    audit(user, "change", traject, gemeente=traject.gemeente, detail=f"phase {to_phase}")
    old_phase = change.from_phase
    transaction.on_commit(
        lambda: phase_changed.send(sender=Traject, traject=traject, old=old_phase, new=to_phase)
    )
    return change


def _record_override(user, traject: Traject, change: PhaseChange) -> None:
    params = {
        "title": traject.title,
        "new": label(Phase(change.to_phase).label),
        "override": change.override_reason,
    }
    record(
        traject,
        user,
        "override",
        gettext_noop("Went to phase “%(new)s” without the council's frame: %(override)s"),
        **params,
    )
    notify(
        users_with_roles(traject.gemeente, FRAME_GUARDS),
        subject=gettext_noop("%(title)s went to phase “%(new)s” without the council's frame"),
        body=gettext_noop("Not met:\n%(unmet)s\n\nReason to go ahead: %(override)s"),
        url=traject.get_absolute_url(),
        gemeente=traject.gemeente,
        params={**params, "unmet": change.overridden},
    )


def overrides_for(gemeente) -> QuerySet[PhaseChange]:
    """The phase changes of a municipality that went ahead without the council's frame, newest
    first (public: they are on each trajectory's timeline)."""
    return (
        PhaseChange.objects.filter(gemeente=gemeente)
        .exclude(overridden="")
        .select_related("traject", "changed_by")
        .order_by("-changed_at", "-id")
    )


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


def is_answered(inbreng: Inbreng) -> bool:
    """Whether the input has a public answer (or a public reason to answer later)."""
    return inbreng.status in EXPLAINED_STATUSES


@transaction.atomic
def answer_inbreng(user, inbreng: Inbreng, status: str, explanation: str) -> Inbreng:
    """Answer input, or revise the answer: each answer is a new public version and the earlier
    ones stay readable. Answered input never goes back to waiting."""
    inbreng = Inbreng.objects.select_for_update().select_related("traject").get(pk=inbreng.pk)
    if is_answered(inbreng) and status in OPEN_STATUSES:
        raise AnswerStays(_("Answered input cannot go back; give a revised answer instead."))
    if (inbreng.status, inbreng.explanation) == (status, explanation):
        return inbreng  # the same answer again (a double submit) adds nothing
    inbreng.status = status
    inbreng.explanation = explanation
    closing = status not in OPEN_STATUSES
    inbreng.answered_at = timezone.now() if closing else None
    inbreng.answered_by = user if closing else None
    inbreng.save()
    revision = False
    if closing:
        last = inbreng.versies.order_by("-number").values_list("number", flat=True).first()
        revision = last is not None
        AntwoordVersie.objects.create(
            inbreng=inbreng,
            gemeente_id=inbreng.gemeente_id,
            number=(last or 0) + 1,
            status=status,
            explanation=explanation,
            answered_by=user,
        )
    traject = inbreng.traject
    status_label = label(dict(InbrengStatus.choices).get(status, status))
    sentence = (
        gettext_noop("Answer to input revised: %(status)s.")
        if revision
        else gettext_noop("Input answered: %(status)s.")
    )
    record(traject, user, "feedback", sentence, status=status_label)
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


# ---- what the homes of /mijn/ ask (each a fixed number of queries, whatever the data size) --


def inbreng_by(user) -> QuerySet[Inbreng]:
    """The input this person gave, newest first, with its trajectory and municipality."""
    return Inbreng.objects.filter(author=user).select_related("traject__gemeente")


def trajecten_taking_input(gemeente_ids) -> QuerySet[Traject]:
    """The public trajectories of these municipalities that take input now."""
    return (
        Traject.objects.filter(gemeente_id__in=gemeente_ids, is_public=True)
        .exclude(phase__in=CLOSED_FOR_INPUT)
        .select_related("gemeente")
        .order_by("gemeente__name", "-updated", "-id")
    )


def trajecten_without_frame(gemeente_ids) -> QuerySet[Traject]:
    """Running trajectories that still lack the council's ankerpunten or procesafspraken; each
    says which (``has_ankerpunten``, ``has_procesafspraken``)."""
    return (
        Traject.objects.filter(gemeente_id__in=gemeente_ids)
        .exclude(phase=Phase.GESTOPT)
        .annotate(
            has_ankerpunten=Exists(Ankerpunt.objects.filter(traject=OuterRef("pk"))),
            has_procesafspraken=Exists(Procesafspraken.objects.filter(traject=OuterRef("pk"))),
        )
        .filter(Q(has_ankerpunten=False) | Q(has_procesafspraken=False))
        .select_related("gemeente")
        .order_by("created", "id")
    )


def events_since(gemeente_ids, since: datetime | None) -> QuerySet[TimelineEvent]:
    """Timeline events of these municipalities after ``since`` (all of them when None), newest
    first; for their staff, who may see every trajectory."""
    events = TimelineEvent.objects.filter(gemeente_id__in=gemeente_ids)
    if since is not None:
        events = events.filter(created__gt=since)
    return events.select_related("traject__gemeente")


def open_feedback(gemeente_ids) -> QuerySet[Inbreng]:
    """Input that still waits for an answer, oldest first, with the official who runs its
    trajectory (who answers it)."""
    return (
        Inbreng.objects.filter(gemeente_id__in=gemeente_ids, status__in=OPEN_STATUSES)
        .select_related("traject__gemeente", "traject__created_by")
        .order_by("created", "id")
    )


#: How long after a phase change its council information letter counts as still to be sent.
LETTER_PERIOD = timedelta(weeks=4)


def letters_to_send(gemeente_ids, now: datetime | None = None) -> QuerySet[PhaseChange]:
    """Per trajectory that changed phase in the last ``LETTER_PERIOD``, its latest change: each
    asks for a council information letter (the trajectory's raadsinformatiebrief), newest
    first."""
    since = (now or timezone.now()) - LETTER_PERIOD
    latest = PhaseChange.objects.filter(traject=OuterRef("traject")).order_by("-changed_at", "-id")
    return (
        PhaseChange.objects.filter(gemeente_id__in=gemeente_ids, changed_at__gte=since)
        .exclude(from_phase="")
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .select_related("traject__gemeente")
        .order_by("-changed_at", "-id")
    )


def trajecten_run_by(user, gemeente_ids) -> QuerySet[Traject]:
    """The trajectories this official started in these municipalities, with how much input
    still waits."""
    return (
        Traject.objects.filter(created_by=user, gemeente_id__in=gemeente_ids)
        .select_related("gemeente")
        .annotate(open_inbreng=Count("inbreng", filter=Q(inbreng__status__in=OPEN_STATUSES)))
    )


def trajecten_of(gemeente_ids) -> QuerySet[Traject]:
    return Traject.objects.filter(gemeente_id__in=gemeente_ids).select_related("gemeente")


def phase_counts(gemeente_ids) -> dict[int, dict[str, int]]:
    """Per municipality: how many trajectories are in each phase."""
    counts: dict[int, dict[str, int]] = {gid: {} for gid in gemeente_ids}
    rows = (
        Traject.objects.filter(gemeente_id__in=gemeente_ids)
        .values_list("gemeente_id", "phase")
        .annotate(n=Count("id"))
        .order_by()
    )
    for gemeente_id, phase, n in rows:
        counts[gemeente_id][phase] = n
    return counts


def feedback_figures(gemeente_ids) -> dict[int, dict]:
    """Per municipality: input received, input answered, and the median time to answer in days
    (None when nothing was answered yet)."""
    figures = {gid: {"received": 0, "answered": 0, "median_days": None} for gid in gemeente_ids}
    totals = (
        Inbreng.objects.filter(gemeente_id__in=gemeente_ids)
        .values_list("gemeente_id")
        .annotate(received=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)))
        .order_by()
    )
    for gemeente_id, received, answered in totals:
        figures[gemeente_id].update(received=received, answered=answered)
    waits: dict[int, list[float]] = {}
    answered = Inbreng.objects.filter(gemeente_id__in=gemeente_ids, answered_at__isnull=False)
    for gemeente_id, created, answered_at in answered.values_list(
        "gemeente_id", "created", "answered_at"
    ):
        assert answered_at is not None  # (filtered above)
        waits.setdefault(gemeente_id, []).append((answered_at - created).total_seconds() / 86400)
    for gemeente_id, days in waits.items():
        figures[gemeente_id]["median_days"] = round(median(days))
    return figures


def inbreng_times(traject: Traject, start: datetime, end: datetime) -> list[tuple]:
    """When each contribution to this trajectory received in [start, end) came in, and when it
    was answered (None while it waits): for the indicators of an experiment."""
    return list(
        Inbreng.objects.filter(traject=traject, created__gte=start, created__lt=end)
        .order_by("created", "id")
        .values_list("created", "answered_at")
    )


__all__ = [
    "PHASE_ORDER",
    "InbrengStatus",
    "Phase",
    "PhaseChangeError",
    "Traject",
    "LETTER_PERIOD",
    "add_ankerpunt",
    "ankerpunten_with_history",
    "AnswerStays",
    "answer_inbreng",
    "change_phase",
    "closing_needs_reason",
    "FrameNotMet",
    "is_answered",
    "overrides_for",
    "ReasonRequired",
    "unmet_frame",
    "create_traject",
    "events_since",
    "feedback_figures",
    "TrajectInvalid",
    "create_checked_traject",
    "create_traject",
    "filter_inbreng",
    "filter_trajecten",
    "get_visible_traject",
    "inbreng_by",
    "inbreng_times",
    "letters_to_send",
    "open_feedback",
    "pending_overview",
    "phase_counts",
    "phase_changed",
    "public_inbreng",
    "public_timeline",
    "public_trajecten",
    "public_trajecten_with_counts",
    "record",
    "save_belang",
    "save_procesafspraken",
    "submit_inbreng",
    "trajecten_of",
    "trajecten_run_by",
    "trajecten_taking_input",
    "trajecten_without_frame",
    "update_ankerpunt",
    "update_traject",
    "visible_trajecten",
]
