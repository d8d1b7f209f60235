# SPDX-License-Identifier: EUPL-1.2
"""Public API of the learning app: experiments and their measuring moments, lessons on the
sticky wall, the library of shared experiments, intervision groups and the province's view.

Who sees what: a municipality's staff see its experiments and its approved lessons; an item
shared within the province is seen by the province's staff and by the staff of its other
municipalities; an item shared nationally by the staff of every municipality and province.
Nothing else leaves the municipality.
"""

from __future__ import annotations

import calendar
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samenspel.advice.services import label as rung_label
from samenspel.advice.services import lang, rungs_in
from samenspel.core.services import audit, notify
from samenspel.learning import known
from samenspel.learning.models import (
    MAX_INDICATORS,
    RHYTHM_MONTHS,
    Answer,
    Corner,
    Evaluation,
    Experiment,
    Group,
    Indicator,
    Kind,
    Lesson,
    Moment,
    Reflection,
    Respondent,
    Rhythm,
    Session,
    Sharing,
    Theme,
    Value,
)
from samenspel.municipalities.services import (
    GROOT_ABOVE,
    KLEIN_BELOW,
    Gemeente,
    Provincie,
    SizeClass,
    gemeenten_in_provinces,
)
from samenspel.people.services import (
    STAFF_ROLES,
    Role,
    holds_any_role,
    province_ids,
    users_with_roles,
)
from samenspel.people.services import gemeente_ids_with_roles as _ids_with_roles
from samenspel.trajectories.services import Phase, feedback_figures, trajecten_of

__all__ = [
    "Corner",
    "Experiment",
    "Group",
    "Lesson",
    "Session",
    "TooManyIndicators",
    "DEFAULT_INDICATORS",
    "add_indicator",
    "add_months",
    "add_lesson",
    "answer_central_question",
    "approve_lesson",
    "candidates",
    "council_overview",
    "create_experiment",
    "evaluate",
    "experiment_figures",
    "form_group",
    "library",
    "lessons_of",
    "next_period",
    "province_csv",
    "province_view",
    "record_moment",
    "remind",
    "schedule_session",
    "visible_experiments",
    "visible_lessons",
    "wall",
    "write_session_note",
]

#: How long before a measuring moment's end the responsible official is reminded.
REMIND_AHEAD = timedelta(days=14)

#: The five questions of docs/domain.md §6 (Heusden §17), every experiment's defaults; stored
#: as English source text and shown in the reader's language.
DEFAULT_INDICATORS: list[tuple[str, str, str]] = [
    (gettext_noop("How many initiatives came from society?"), Kind.COUNT, Rhythm.HALFJAAR),
    (
        gettext_noop("What was needed, and does this approach meet that need?"),
        Kind.TEXT,
        Rhythm.HALFJAAR,
    ),
    (
        gettext_noop(
            "What did society notice of the municipality's changing role, and what could be better?"
        ),
        Kind.TEXT,
        Rhythm.HALFJAAR,
    ),
    (
        gettext_noop("What did the municipality's own rules mean for the experiment?"),
        Kind.TEXT,
        Rhythm.JAAR,
    ),
    (gettext_noop("How much money did the experiment save (EUR)?"), Kind.AMOUNT, Rhythm.JAAR),
]
#: Known indicators every experiment on a trajectory starts with.
DEFAULT_KNOWN = ["input_received", "input_answered", "median_days_to_answer"]


class TooManyIndicators(ValueError):
    def __init__(self) -> None:
        super().__init__(_("An experiment has at most %(n)d indicators.") % {"n": MAX_INDICATORS})


# ---- who sees what ---------------------------------------------------------------------------


def staff_gemeente_ids(user) -> set[int]:
    return _ids_with_roles(user, STAFF_ROLES)


def may_use_library(user) -> bool:
    """Staff of a municipality or a province (and the platform beheerder) share knowledge."""
    return bool(getattr(user, "is_superuser", False)) or holds_any_role(
        user, {*STAFF_ROLES, Role.PROVINCIE}
    )


def _shared_with(user) -> Q:
    """Items shared with this person from outside their own municipality."""
    own = staff_gemeente_ids(user)
    provinces = province_ids(user) | set(
        Gemeente.objects.filter(pk__in=own).values_list("provincie_id", flat=True)
    )
    shared = Q(sharing=Sharing.PROVINCIE, gemeente__provincie_id__in=provinces)
    if may_use_library(user):
        shared |= Q(sharing=Sharing.LANDELIJK)
    return shared


def visible_experiments(user) -> QuerySet[Experiment]:
    experiments = Experiment.objects.select_related("gemeente__provincie", "traject")
    if getattr(user, "is_superuser", False):
        return experiments
    return experiments.filter(Q(gemeente_id__in=staff_gemeente_ids(user)) | _shared_with(user))


def visible_lessons(user) -> QuerySet[Lesson]:
    """Approved lessons of the person's own municipalities and those shared with them, and the
    person's own notes still waiting for their approval."""
    lessons = Lesson.objects.select_related("gemeente__provincie", "author")
    if getattr(user, "is_superuser", False):
        return lessons.filter(approved_at__isnull=False)
    own = Q(gemeente_id__in=staff_gemeente_ids(user)) | _shared_with(user)
    return lessons.filter((Q(approved_at__isnull=False) & own) | Q(author=user))


def may_see_experiment(user, experiment: Experiment) -> bool:
    return visible_experiments(user).filter(pk=experiment.pk).exists()


# ---- experiments -----------------------------------------------------------------------------


@transaction.atomic
def create_experiment(user, gemeente, data: dict, traject=None) -> Experiment:
    """Mark a trajectory (or, without one, an initiative from society) an experiment, with the
    five default indicators and, on a trajectory, the known ones."""
    experiment = Experiment.objects.create(
        gemeente=gemeente,
        traject=traject,
        created_by=user,
        responsible=data.pop("responsible", None) or user,
        **data,
    )
    rows = [Indicator(question=q, kind=k, rhythm=r) for q, k, r in DEFAULT_INDICATORS]
    if traject is not None:
        rows += [
            Indicator(question=str(known.KNOWN[key].label), kind=known.KNOWN[key].kind, known=key)
            for key in DEFAULT_KNOWN
        ]
    for position, indicator in enumerate(rows):
        indicator.experiment, indicator.position = experiment, position
    Indicator.objects.bulk_create(rows)
    audit(user, "create", experiment, gemeente=gemeente)
    return experiment


def update_experiment(user, experiment: Experiment, data: dict) -> Experiment:
    for name, value in data.items():
        setattr(experiment, name, value)
    experiment.save()
    audit(user, "change", experiment, gemeente=experiment.gemeente)
    return experiment


def add_indicator(user, experiment: Experiment, data: dict) -> Indicator:
    with transaction.atomic():
        count = Indicator.objects.select_for_update().filter(experiment=experiment).count()
        if count >= MAX_INDICATORS:
            raise TooManyIndicators
        if data.get("known"):
            data = {**data, "kind": known.KNOWN[data["known"]].kind}
        indicator = Indicator.objects.create(experiment=experiment, position=count, **data)
    audit(user, "create", indicator, gemeente=experiment.gemeente)
    return indicator


def update_indicator(user, indicator: Indicator, data: dict) -> Indicator:
    for name, value in data.items():
        setattr(indicator, name, value)
    indicator.save()
    audit(user, "change", indicator, gemeente=indicator.experiment.gemeente)
    return indicator


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def rhythm_months(experiment: Experiment) -> int:
    """Months between measuring moments: half a year when any indicator asks for it."""
    rhythms = {i.rhythm for i in experiment.indicators.all()}
    return min((RHYTHM_MONTHS[r] for r in rhythms), default=RHYTHM_MONTHS[Rhythm.HALFJAAR])


def next_period(experiment: Experiment) -> known.Period:
    """The period the next measuring moment covers: from the day after the latest moment (or the
    start) for half a year or a year."""
    latest = experiment.moments.order_by("-period_end").first()
    start = latest.period_end + timedelta(days=1) if latest else experiment.started_on
    return known.Period(start, add_months(start, rhythm_months(experiment)) - timedelta(days=1))


def _number(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation as error:
        raise ValueError(f"not a number: {raw!r}") from error


@transaction.atomic
def record_moment(
    user,
    experiment: Experiment,
    period: known.Period,
    entered: dict[int, Any],
    reflections: Iterable[tuple[str, str, str]],
) -> Moment:
    """Record a measuring moment: the known indicators are computed from Samenspel's records,
    the others come from ``entered`` (indicator id → number or text); ``reflections`` are
    (corner, what went well, what disappointed) per actor."""
    moment = Moment.objects.create(
        experiment=experiment,
        gemeente=experiment.gemeente,
        period_start=period.start,
        period_end=period.end,
        recorded_by=user,
    )
    values = []
    for indicator in experiment.indicators.all():
        if indicator.known:
            number = known.compute(indicator.known, experiment.traject, period)
            values.append(Value(moment=moment, indicator=indicator, number=number, computed=True))
        elif indicator.kind == Kind.TEXT:
            values.append(
                Value(moment=moment, indicator=indicator, text=entered.get(indicator.pk) or "")
            )
        else:
            number = _number(entered.get(indicator.pk))
            values.append(Value(moment=moment, indicator=indicator, number=number))
    Value.objects.bulk_create(values)
    Reflection.objects.bulk_create(
        [
            Reflection(moment=moment, corner=corner, went_well=well, disappointed=sad)
            for corner, well, sad in reflections
            if well or sad
        ]
    )
    experiment.reminded_for = None
    experiment.save(update_fields=["reminded_for"])
    audit(user, "create", moment, gemeente=experiment.gemeente)
    return moment


def answer_central_question(user, experiment: Experiment, year: int, verdict: str, reason: str):
    """The year's explicit answer to the central question, with its reason; one per year."""
    answer, _created = Answer.objects.update_or_create(
        experiment=experiment,
        year=year,
        defaults={"verdict": verdict, "reason": reason, "answered_by": user},
    )
    audit(user, "create", answer, gemeente=experiment.gemeente, detail=f"year {year}")
    return answer


def evaluate(user, experiment: Experiment, respondent: str, data: dict) -> Evaluation:
    """A filled-in questionnaire of the evaluation at the end; one per person (a second one
    replaces the first)."""
    evaluation, _created = Evaluation.objects.update_or_create(
        experiment=experiment, author=user, defaults={"respondent": respondent, **data}
    )
    return evaluation


STAGES = [
    ("design", gettext_noop("Design integrity")),
    ("experience", gettext_noop("Deliberative experience")),
    ("impact", gettext_noop("Pathways to impact")),
]


def evaluation_summary(experiment: Experiment) -> list[dict]:
    """Per OECD stage and kind of respondent: how many answered and the average score."""
    rows = list(
        experiment.evaluations.values_list("respondent", *[f"{s}_score" for s, _ in STAGES])
    )
    summary = []
    for index, (stage, label) in enumerate(STAGES, start=1):
        cells = []
        for respondent in Respondent.values:
            scores = [row[index] for row in rows if row[0] == respondent]
            cells.append(
                {
                    "n": len(scores),
                    "mean": round(sum(scores) / len(scores), 1) if scores else None,
                }
            )
        summary.append({"stage": stage, "label": _(label), "cells": cells})
    return summary


# ---- figures: a chart and a table per indicator ----------------------------------------------

CHART_WIDTH = 560
CHART_HEIGHT = 220
CHART_LEFT = 56
CHART_RIGHT = 48
CHART_TOP = 28
CHART_BOTTOM = 40


def _chart(points: list[tuple[str, Decimal]], baseline, target) -> dict | None:
    """Geometry of a line chart: the value at each moment, with the baseline and target as
    dashed lines. None when there is nothing to draw."""
    if not points:
        return None
    numbers = [float(v) for _label, v in points]
    references = [float(r) for r in (baseline, target) if r is not None]
    top = max([*numbers, *references, 0.0]) or 1.0
    bottom = min([*numbers, *references, 0.0])
    span = (top - bottom) or 1.0
    inner_w = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    inner_h = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    step = inner_w / max(len(points) - 1, 1)

    def y(value: float) -> float:
        return round(CHART_TOP + inner_h * (top - value) / span, 1)

    dots = [
        {
            "x": round(CHART_LEFT + (i * step if len(points) > 1 else inner_w / 2), 1),
            "y": y(float(value)),
            "label": label,
            "value": value,
        }
        for i, (label, value) in enumerate(points)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - CHART_RIGHT,
        "axis_y": CHART_HEIGHT - CHART_BOTTOM,
        "label_y": CHART_HEIGHT - CHART_BOTTOM + 20,
        "top_y": y(top),
        "bottom_y": y(bottom),
        "top": round(top, 2),
        "bottom": round(bottom, 2),
        "dots": dots,
        "line": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "baseline_y": y(float(baseline)) if baseline is not None else None,
        "target_y": y(float(target)) if target is not None else None,
    }


def moment_label(moment: Moment) -> str:
    return f"{moment.period_start:%d-%m-%Y} – {moment.period_end:%d-%m-%Y}"


@dataclass
class Series:
    indicator: Indicator
    rows: list[dict] = field(default_factory=list)
    chart: dict | None = None

    @property
    def trend(self) -> str:
        """up, down or flat: the latest value against the one before (numeric only)."""
        numbers = [r["number"] for r in self.rows if r["number"] is not None]
        if len(numbers) < 2 or numbers[-1] == numbers[-2]:
            return "flat"
        return "up" if numbers[-1] > numbers[-2] else "down"


def experiment_figures(experiment: Experiment) -> list[Series]:
    """Per indicator: its value at each measuring moment (the table) and its chart."""
    moments = list(
        experiment.moments.prefetch_related(
            Prefetch("values", queryset=Value.objects.select_related("indicator"))
        )
    )
    series = {i.pk: Series(i) for i in experiment.indicators.all()}
    for moment in moments:
        for value in moment.values.all():
            if value.indicator_id in series:
                series[value.indicator_id].rows.append(
                    {
                        "moment": moment,
                        "label": moment_label(moment),
                        "number": value.number,
                        "text": value.text,
                        "computed": value.computed,
                    }
                )
    for item in series.values():
        if item.indicator.is_numeric:
            points = [
                (f"{r['moment'].period_end:%m-%Y}", r["number"])
                for r in item.rows
                if r["number"] is not None
            ]
            item.chart = _chart(points, item.indicator.baseline, item.indicator.target)
    return list(series.values())


# ---- reminders ---------------------------------------------------------------------------------


def remind(today: date | None = None) -> int:
    """Remind each responsible official whose next measuring moment ends within two weeks (once
    per moment), in their inbox and by e-mail. Returns how many were reminded."""
    today = today or timezone.localdate()
    reminded = 0
    experiments = Experiment.objects.filter(responsible__isnull=False).select_related(
        "gemeente", "responsible"
    )
    for experiment in experiments.prefetch_related("indicators"):
        period = next_period(experiment)
        if period.end - REMIND_AHEAD > today or experiment.reminded_for == period.end:
            continue
        notify(
            [experiment.responsible],
            subject=gettext_noop("Measuring moment for %(title)s"),
            body=gettext_noop(
                "The measuring moment of the experiment %(title)s covers %(start)s to %(end)s. "
                "Please record the values and a short reflection per actor."
            ),
            url=reverse("learning:moment_create", args=[experiment.gemeente.slug, experiment.pk]),
            gemeente=experiment.gemeente,
            params={
                "title": experiment.title,
                "start": period.start.strftime("%d-%m-%Y"),
                "end": period.end.strftime("%d-%m-%Y"),
            },
        )
        experiment.reminded_for = period.end
        experiment.save(update_fields=["reminded_for"])
        reminded += 1
    return reminded


# ---- lessons on the sticky wall ------------------------------------------------------------


def add_lesson(user, gemeente, data: dict, corners: Iterable[str]) -> Lesson:
    """A note written by its author: approved as it is written."""
    lesson = Lesson(gemeente=gemeente, author=user, approved_at=timezone.now(), **data)
    for corner in corners:
        setattr(lesson, f"at_{corner}", True)
    lesson.save()
    audit(user, "create", lesson, gemeente=gemeente)
    return lesson


class NotTheAuthor(PermissionError):
    pass


def approve_lesson(user, lesson: Lesson, text: str | None = None) -> Lesson:
    """The author approves their note (and may correct its text); only then is it shared."""
    if lesson.author_id != user.pk:
        raise NotTheAuthor
    if text:
        lesson.text = text
    lesson.approved_at = timezone.now()
    lesson.save(update_fields=["text", "approved_at"])
    audit(user, "change", lesson, gemeente=lesson.gemeente, detail="approved")
    return lesson


def lessons_of(gemeente) -> QuerySet[Lesson]:
    """The municipality's approved lessons, for its own staff."""
    return Lesson.objects.filter(gemeente=gemeente, approved_at__isnull=False).select_related(
        "gemeente", "author"
    )


WALL_COLOURS = {
    Lesson.Kind.SUCCES: "#C8E6C9",
    Lesson.Kind.KNELPUNT: "#FFF3B0",
    Lesson.Kind.BEHOEFTE: "#C6E2F5",
}
#: The corners of the wall as the research drew them: council and college above, officials and
#: society below.
WALL_POSITIONS = {
    Corner.RAAD: (20, 20),
    Corner.COLLEGE: (380, 20),
    Corner.AMBTENAREN: (20, 230),
    Corner.SAMENLEVING: (380, 230),
}
BETWEEN = (200, 125)


def wall(lessons: Iterable[Lesson]) -> dict:
    """The sticky wall: per corner (and between the actors, for notes placed at more than one)
    how many success factors, bottlenecks and needs; the table and the SVG drawing."""
    kinds = Lesson.Kind.values
    counts = {c: dict.fromkeys(kinds, 0) for c in [*Corner.values, "between"]}
    for lesson in lessons:
        corners = lesson.corners
        for corner in corners:
            counts[corner][lesson.kind] += 1
        if len(corners) > 1:
            counts["between"][lesson.kind] += 1
    labels = {**{c: str(Corner(c).label) for c in Corner.values}, "between": _("between actors")}
    boxes = []
    for key, (x, y) in [*WALL_POSITIONS.items(), ("between", BETWEEN)]:
        notes = [
            {
                "kind": kind,
                "label": Lesson.Kind(kind).label,
                "count": counts[key][kind],
                "colour": WALL_COLOURS[Lesson.Kind(kind)],
                "x": x + 10 + i * 60,
                "y": y + 34,
            }
            for i, kind in enumerate(kinds)
        ]
        boxes.append({"key": key, "label": labels[key], "x": x, "y": y, "notes": notes})
    rows = [
        {"key": key, "label": labels[key], "counts": [counts[key][k] for k in kinds]}
        for key in [*Corner.values, "between"]
    ]
    return {
        "boxes": boxes,
        "rows": rows,
        "kinds": [Lesson.Kind(k).label for k in kinds],
        "legend": [
            {"label": Lesson.Kind(k).label, "colour": WALL_COLOURS[Lesson.Kind(k)]} for k in kinds
        ],
        "total": sum(sum(c.values()) for key, c in counts.items() if key != "between"),
    }


# ---- the library of shared experiments ------------------------------------------------------

SIZE_FILTERS = {
    SizeClass.KLEIN: Q(gemeente__inhabitants__lt=KLEIN_BELOW),
    SizeClass.MIDDELGROOT: Q(
        gemeente__inhabitants__gte=KLEIN_BELOW, gemeente__inhabitants__lte=GROOT_ABOVE
    ),
    SizeClass.GROOT: Q(gemeente__inhabitants__gt=GROOT_ABOVE),
}


def _filtered(items: QuerySet, filters: dict) -> QuerySet:
    if filters.get("theme"):
        items = items.filter(theme=filters["theme"])
    if filters.get("instrument"):
        items = items.filter(instrument=filters["instrument"])
    if filters.get("size"):
        items = items.filter(SIZE_FILTERS[filters["size"]])
    if filters.get("provincie"):
        items = items.filter(gemeente__provincie__slug=filters["provincie"])
    return items


def library(user, filters: dict) -> dict:
    """The experiments and lessons shared with this person (their own municipality's too, when
    shared), filtered by theme, instrument, size class, province and a search text."""
    experiments = _filtered(
        visible_experiments(user).exclude(sharing=Sharing.GEMEENTE), filters
    ).prefetch_related("indicators", "moments")
    lessons = _filtered(
        visible_lessons(user).filter(approved_at__isnull=False).exclude(sharing=Sharing.GEMEENTE),
        filters,
    )
    if text := filters.get("q"):
        experiments = experiments.filter(
            Q(title__icontains=text) | Q(learning_question__icontains=text)
        )
        lessons = lessons.filter(text__icontains=text)
    found = list(experiments)
    rungs = rungs_in({e.gemeente_id for e in found})
    for experiment in found:
        rung = rungs.get(experiment.traject_id, "")
        experiment.rung = rung_label("rung", rung, lang()) if rung else ""  # type: ignore[attr-defined]
    return {"experiments": found, "lessons": list(lessons[:200])}


def provinces() -> QuerySet[Provincie]:
    return Provincie.objects.order_by("name")


# ---- intervision -------------------------------------------------------------------------------


def candidates(provincie) -> list[tuple[Any, Gemeente]]:
    """The officials of the province's municipalities, with their municipality."""
    pairs = []
    for gemeente in gemeenten_in_provinces([provincie.pk]):
        pairs += [(u, gemeente) for u in users_with_roles(gemeente, [Role.AMBTENAAR])]
    return pairs


class GroupInvalid(ValueError):
    pass


def form_group(user, provincie, name: str, theme: str, members) -> Group:
    """A group of officials of the province's municipalities, from at least two of them."""
    allowed = {u.pk: g.pk for u, g in candidates(provincie)}
    members = list(members)
    if any(m.pk not in allowed for m in members):
        raise GroupInvalid(_("Choose officials of this province's municipalities."))
    if len({allowed[m.pk] for m in members}) < 2:
        raise GroupInvalid(_("Choose officials from at least two municipalities."))
    with transaction.atomic():
        group = Group.objects.create(provincie=provincie, name=name, theme=theme, created_by=user)
        group.members.set(members)
    audit(user, "create", group, detail=f"{len(members)} members")
    notify(
        members,
        subject=gettext_noop("You are in the intervision group %(name)s"),
        body=gettext_noop(
            "The province formed the intervision group %(name)s. You will hear when its "
            "sessions are."
        ),
        url=reverse("learning:group", args=[provincie.slug, group.pk]),
        params={"name": name},
    )
    return group


def groups_for(user, provincie) -> QuerySet[Group]:
    groups = Group.objects.filter(provincie=provincie).prefetch_related("members", "sessions")
    if provincie.pk in province_ids(user) or getattr(user, "is_superuser", False):
        return groups
    return groups.filter(members=user)


def schedule_session(user, group: Group, starts_at, place: str) -> Session:
    session = Session.objects.create(group=group, starts_at=starts_at, place=place)
    notify(
        group.members.all(),
        subject=gettext_noop("Intervision session of %(name)s"),
        body=gettext_noop("The next session of %(name)s is on %(when)s at %(place)s."),
        url=reverse("learning:group", args=[group.provincie.slug, group.pk]),
        params={
            "name": group.name,
            "when": timezone.localtime(starts_at).strftime("%d-%m-%Y %H:%M"),
            "place": place,
        },
    )
    audit(user, "create", session)
    return session


def member_gemeente(user, group: Group) -> Gemeente | None:
    """The municipality of the province where this member is an official."""
    ids = _ids_with_roles(user, [Role.AMBTENAAR])
    return gemeenten_in_provinces([group.provincie_id]).filter(pk__in=ids).first()


def write_session_note(user, session: Session, author, data: dict, corners) -> Lesson:
    """The facilitator writes down a participant's note; it becomes a lesson of the
    participant's municipality, shared only once the participant approved their own text."""
    gemeente = member_gemeente(author, session.group)
    if gemeente is None or not session.group.members.filter(pk=author.pk).exists():
        raise GroupInvalid(_("Only a member of the group can be the author of a note."))
    lesson = Lesson(
        gemeente=gemeente,
        author=author,
        session=session,
        theme=session.group.theme,
        sharing=Sharing.PROVINCIE,
        **data,
    )
    for corner in corners:
        setattr(lesson, f"at_{corner}", True)
    lesson.save()
    notify(
        [author],
        subject=gettext_noop("Please approve your note of the intervision session"),
        body=gettext_noop(
            "The facilitator wrote down your note of the session of %(name)s. It is shared "
            "once you approved it."
        ),
        url=reverse("learning:my_notes"),
        gemeente=gemeente,
        params={"name": session.group.name},
    )
    audit(user, "create", lesson, gemeente=gemeente, detail="intervision note")
    return lesson


def notes_to_approve(user) -> QuerySet[Lesson]:
    return Lesson.objects.filter(author=user, approved_at__isnull=True).select_related(
        "session__group", "gemeente"
    )


# ---- the province's view -------------------------------------------------------------------


def province_view(provincie) -> dict:
    """What the province sees of its municipalities: their shared lessons (the wall, by theme
    and size class), their shared experiments with indicator trends, the trajectories per
    municipality by phase and rung, and how fast they answer input."""
    gemeenten = list(gemeenten_in_provinces([provincie.pk]))
    ids = [g.pk for g in gemeenten]
    shared = Q(gemeente_id__in=ids) & ~Q(sharing=Sharing.GEMEENTE)
    lessons = list(
        Lesson.objects.filter(shared, approved_at__isnull=False).select_related("gemeente")
    )
    experiments = list(
        Experiment.objects.filter(shared)
        .select_related("gemeente")
        .prefetch_related("indicators", "answers")
    )
    for experiment in experiments:
        experiment.series = [  # type: ignore[attr-defined]  # for the template
            s
            for s in experiment_figures(experiment)
            if s.indicator.is_numeric and any(r["number"] is not None for r in s.rows)
        ]
    by_theme = {t: 0 for t in Theme.values}
    by_size = {s: 0 for s in SizeClass.values}
    for lesson in lessons:
        by_theme[lesson.theme] += 1
        by_size[lesson.gemeente.size_class] += 1
    rungs = rungs_in(ids)
    trajecten = sorted(trajecten_of(ids), key=lambda t: (t.gemeente.name, t.title))
    for traject in trajecten:
        rung = rungs.get(traject.pk, "")
        traject.rung = rung_label("rung", rung, lang()) if rung else ""  # type: ignore[attr-defined]
    figures = feedback_figures(ids)
    return {
        "gemeenten": gemeenten,
        "wall": wall(lessons),
        "lessons": lessons,
        "by_theme": [{"label": Theme(t).label, "count": n} for t, n in by_theme.items() if n],
        "by_size": [{"label": SizeClass(s).label, "count": n} for s, n in by_size.items()],
        "experiments": experiments,
        "trajecten": trajecten,
        "feedback": [{"gemeente": g, **figures[g.pk]} for g in gemeenten],
        "phase_labels": dict(Phase.choices),
    }


def province_csv(provincie) -> str:
    """The province's figures for its own reporting: one row per shared lesson and per
    municipality's feedback figures."""
    view = province_view(provincie)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Part"), _("Municipality"), _("Size class"), _("Kind"), _("Theme"),
                     _("Actors"), _("Text or figure")])  # fmt: skip
    for lesson in view["lessons"]:
        writer.writerow(
            [
                _("Lesson"),
                lesson.gemeente.name,
                lesson.gemeente.get_size_class_display(),
                lesson.get_kind_display(),
                lesson.get_theme_display(),
                ", ".join(lesson.corner_labels),
                lesson.text,
            ]
        )
    for row in view["feedback"]:
        writer.writerow(
            [
                _("Feedback"),
                row["gemeente"].name,
                row["gemeente"].get_size_class_display(),
                _("Input answered"),
                "",
                "",
                f"{row['answered']}/{row['received']}",
            ]
        )
        writer.writerow(
            [
                _("Feedback"),
                row["gemeente"].name,
                row["gemeente"].get_size_class_display(),
                _("Median time to answer (days)"),
                "",
                "",
                "" if row["median_days"] is None else row["median_days"],
            ]
        )
    return out.getvalue()


# ---- the council's half-yearly overview on its home --------------------------------------


def council_overview(gemeente_ids) -> list[Experiment]:
    """The municipality's experiments with their latest measuring moment and answer."""
    experiments = list(
        Experiment.objects.filter(gemeente_id__in=gemeente_ids)
        .select_related("gemeente")
        .prefetch_related(
            Prefetch("moments", queryset=Moment.objects.order_by("-period_end")),
            Prefetch("answers", queryset=Answer.objects.order_by("-year")),
        )
    )
    for experiment in experiments:
        moments, answers = list(experiment.moments.all()), list(experiment.answers.all())
        experiment.latest_moment = moments[0] if moments else None  # type: ignore[attr-defined]
        experiment.latest_answer = answers[0] if answers else None  # type: ignore[attr-defined]
    return experiments


# ---- personal data -------------------------------------------------------------------------


def export_person(user) -> dict:
    return {
        "lessons": list(
            Lesson.objects.filter(author=user).values("text", "kind", "created", "approved_at")
        ),
        "evaluations": list(
            Evaluation.objects.filter(author=user).values(
                "experiment__title", "design", "experience", "impact", "created"
            )
        ),
        "intervision_groups": list(Group.objects.filter(members=user).values("name", "theme")),
    }


def erase_person(user) -> int:
    """Notes not yet approved and questionnaires go; approved lessons stay without their
    author; the person leaves their intervision groups."""
    erased = Lesson.objects.filter(author=user, approved_at__isnull=True).delete()[0]
    erased += Evaluation.objects.filter(author=user).delete()[0]
    erased += Lesson.objects.filter(author=user).update(author=None)
    for group in Group.objects.filter(members=user):
        group.members.remove(user)
        erased += 1
    return erased
