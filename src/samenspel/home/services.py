# SPDX-License-Identifier: EUPL-1.2
"""Public API of the home app: “Mijn Samenspel”, a section per role a person holds.

Every section reads the other apps through their services, limited to the municipalities (or
provinces) where the person holds that role, and takes a fixed number of queries whatever the
size of the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.advice.services import rungs_in
from samenspel.core.services import notifications_of
from samenspel.engines.advice import RUNGS
from samenspel.home.models import Visit
from samenspel.learning.services import council_overview, notes_to_approve
from samenspel.meetings.services import organised_by, registrations_of
from samenspel.municipalities.services import gemeenten_in_provinces
from samenspel.people.services import SOCIETY_ROLES, Role, memberships_of
from samenspel.trajectories.services import (
    PHASE_ORDER,
    Phase,
    events_since,
    feedback_figures,
    inbreng_by,
    letters_to_send,
    open_feedback,
    phase_counts,
    trajecten_of,
    trajecten_run_by,
    trajecten_taking_input,
    trajecten_without_frame,
)

__all__ = ["LIST_LENGTH", "VISIT_GAP", "home", "phase_chart", "record_visit"]

#: How many rows each list on the home shows; the rest is counted.
LIST_LENGTH = 10
#: Page views closer together than this are one visit ("since your last visit" stays put).
VISIT_GAP = timedelta(minutes=30)
#: Every phase, stopped last: the rows of the overviews by phase.
ALL_PHASES = [*PHASE_ORDER, Phase.GESTOPT]
COUNCIL_ROLES = (Role.RAADSLID, Role.GRIFFIER)


def record_visit(user, now: datetime | None = None) -> datetime | None:
    """Record a visit to the home and return when the previous visit was (None at the first)."""
    now = now or timezone.now()
    visit, created = Visit.objects.get_or_create(user=user, defaults={"latest": now})
    if created:
        return None
    if now - visit.latest > VISIT_GAP:
        visit.previous = visit.latest
    visit.latest = now
    visit.save(update_fields=["previous", "latest"])
    return visit.previous


@dataclass
class Listing:
    """The first ``LIST_LENGTH`` rows of a query, and how many there are in all."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _listing(rows: QuerySet) -> Listing:
    items = list(rows[:LIST_LENGTH])
    return Listing(items, len(items) if len(items) < LIST_LENGTH else rows.count())


@dataclass
class Section:
    """One block of the home: ``key`` picks its template; ``held`` says which roles (where)."""

    key: str
    title: str
    held: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def _held(memberships) -> list[str]:
    return [
        _("%(role)s in %(place)s")
        % {"role": m.get_role_display(), "place": m.gemeente or m.provincie}
        for m in memberships
    ]


def _ids(memberships) -> list[int]:
    return sorted({m.gemeente_id for m in memberships})


def resident_section(user, memberships) -> Section:
    return Section(
        "resident",
        _("Taking part"),
        _held(memberships),
        {
            "inbreng": _listing(inbreng_by(user)),
            "registrations": _listing(registrations_of(user)),
            "near": _listing(trajecten_taking_input(_ids(memberships))),
        },
    )


def council_section(memberships, previous_visit: datetime | None) -> Section:
    ids = _ids(memberships)
    return Section(
        "council",
        _("Council and griffie"),
        _held(memberships),
        {
            "without_frame": _listing(trajecten_without_frame(ids)),
            "changes": _listing(events_since(ids, previous_visit)),
            "previous_visit": previous_visit,
            "feedback": _listing(open_feedback(ids)),
            "letters": _listing(letters_to_send(ids)),
            "experiments": council_overview(ids),
        },
    )


def official_section(user, memberships) -> Section:
    ids = _ids(memberships)
    return Section(
        "official",
        _("Official"),
        _held(memberships),
        {
            "mine": _listing(trajecten_run_by(user, ids)),
            "queue": _listing(open_feedback(ids)),
            "meetings": _listing(organised_by(user)),
            "gemeenten": [m.gemeente for m in memberships],
            "notes": _listing(notes_to_approve(user)),
        },
    )


def college_section(memberships) -> Section:
    """The municipality's trajectories by phase and rung (Samenspel has no portfolios yet: the
    college is shown all of them)."""
    ids = _ids(memberships)
    trajecten = sorted(trajecten_of(ids), key=lambda t: (ALL_PHASES.index(t.phase), t.title))
    rungs = rungs_in(ids)
    columns = [*RUNGS, ""]
    counts = {phase: dict.fromkeys(columns, 0) for phase in ALL_PHASES}
    for traject in trajecten:
        traject.rung = rungs.get(traject.pk, "")  # type: ignore[attr-defined]  # for the table
        counts[traject.phase][traject.rung] += 1  # type: ignore[attr-defined]
    return Section(
        "college",
        _("College"),
        _held(memberships),
        {
            "rungs": RUNGS,
            "matrix": [
                {"phase": Phase(phase).label, "counts": [counts[phase][c] for c in columns]}
                for phase in ALL_PHASES
                if any(counts[phase].values())
            ],
            "trajecten": trajecten,
        },
    )


#: A colour per phase for the province's chart (the Okabe–Ito palette, safe for colour-blind
#: readers; the table beside the chart carries the same figures as text).
PHASE_COLOURS: dict[str, str] = {
    Phase.VERKENNING: "#56B4E9",
    Phase.KADERSTELLING: "#0072B2",
    Phase.PARTICIPATIE: "#009E73",
    Phase.BESLUITVORMING: "#E69F00",
    Phase.TERUGKOPPELING: "#D55E00",
    Phase.EVALUATIE: "#CC79A7",
    Phase.GESTOPT: "#6B6B6B",
}
CHART_LABEL_WIDTH = 170
CHART_BAR_WIDTH = 400
CHART_ROW = 30
CHART_BAR = 20
CHART_LEGEND_ROW = 24
CHART_LEGEND_COLUMN = 215
CHART_LEGEND_COLUMNS = 3


def phase_chart(rows: list[dict]) -> dict:
    """Geometry of a horizontal bar per municipality, split by phase, with a legend below."""
    longest = max((row["total"] for row in rows), default=0) or 1
    scale = CHART_BAR_WIDTH / longest
    bars = []
    for index, row in enumerate(rows):
        y = index * CHART_ROW
        x = CHART_LABEL_WIDTH
        segments = []
        for phase in row["phases"]:
            if phase["count"]:
                width = phase["count"] * scale
                segments.append({**phase, "x": round(x, 1), "width": round(width, 1)})
                x += width
        bars.append(
            {
                "name": row["gemeente"].name,
                "total": row["total"],
                "y": y,
                "text_y": y + CHART_BAR - 5,
                "end_x": round(x + 6, 1),
                "segments": segments,
            }
        )
    legend_top = len(rows) * CHART_ROW + 10
    rows_of_legend = -(-len(ALL_PHASES) // CHART_LEGEND_COLUMNS)
    legend = [
        {
            "label": Phase(phase).label,
            "colour": PHASE_COLOURS[phase],
            "x": (i % CHART_LEGEND_COLUMNS) * CHART_LEGEND_COLUMN,
            "y": legend_top + (i // CHART_LEGEND_COLUMNS) * CHART_LEGEND_ROW,
        }
        for i, phase in enumerate(ALL_PHASES)
    ]
    return {
        "bars": bars,
        "legend": legend,
        "bar_height": CHART_BAR,
        "label_x": CHART_LABEL_WIDTH - 8,
        "width": max(
            CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 40, CHART_LEGEND_COLUMNS * CHART_LEGEND_COLUMN
        ),
        "height": legend_top + rows_of_legend * CHART_LEGEND_ROW,
    }


def province_section(memberships) -> Section:
    gemeenten = list(gemeenten_in_provinces({m.provincie_id for m in memberships}))
    ids = [g.pk for g in gemeenten]
    counts = phase_counts(ids)
    figures = feedback_figures(ids)
    rows = [
        {
            "gemeente": gemeente,
            "phases": [
                {
                    "phase": phase,
                    "label": Phase(phase).label,
                    "count": counts[gemeente.pk].get(phase, 0),
                    "colour": PHASE_COLOURS[phase],
                }
                for phase in ALL_PHASES
            ],
            "total": sum(counts[gemeente.pk].values()),
            **figures[gemeente.pk],
        }
        for gemeente in gemeenten
    ]
    return Section(
        "province",
        _("Province"),
        _held(memberships),
        {
            "rows": rows,
            "chart": phase_chart(rows),
            "phases": [Phase(p).label for p in ALL_PHASES],
            "provinces": [m.provincie for m in memberships],
        },
    )


def home(user, previous_visit: datetime | None) -> dict:
    """What /mijn/ shows this person: their inbox and a section per kind of role they hold."""
    memberships = memberships_of(user)

    def holding(*roles) -> list:
        return [m for m in memberships if m.role in roles]

    sections = []
    if society := holding(*SOCIETY_ROLES):
        sections.append(resident_section(user, society))
    if council := holding(*COUNCIL_ROLES):
        sections.append(council_section(council, previous_visit))
    if officials := holding(Role.AMBTENAAR):
        sections.append(official_section(user, officials))
    if college := holding(Role.COLLEGELID):
        sections.append(college_section(college))
    if province := holding(Role.PROVINCIE):
        sections.append(province_section(province))
    return {
        "sections": sections,
        "inbox": _listing(notifications_of(user)),
        "previous_visit": previous_visit,
    }
