# SPDX-License-Identifier: EUPL-1.2
"""Greedy utilitarian welfare: buy projects by satisfaction per euro until the money runs out.

The classic rule of most cities (pabulib: ``greedy``); see Faliszewski et al., IJCAI 2023, and
pabutools' ``greedy_utilitarian_welfare`` with an additive satisfaction. Projects are ordered by
total satisfaction divided by cost, highest first (a free project with support first of all;
ties: smaller project id as a string first); each is bought if it still fits the budget left.
All arithmetic is exact.
"""

from __future__ import annotations

from fractions import Fraction

from samenspel.engines.budgeting.model import Election, Loser, Outcome, RoundRecord
from samenspel.engines.budgeting.profile import GroupedProfile


def density_order(election: Election, profile: GroupedProfile) -> list[tuple[int, Fraction]]:
    """Project indices with their satisfaction per euro, in greedy order."""

    def density(j: int) -> tuple[int, Fraction]:
        total = Fraction(profile.total_util[j])
        cost = election.projects[j].cost
        if total > 0 and cost == 0:
            return (0, Fraction(0))
        return (1, -(total / cost) if total > 0 else Fraction(0))

    order = sorted(
        range(len(election.projects)), key=lambda j: (density(j), election.projects[j].id)
    )
    return [(j, -density(j)[1]) for j in order]


def greedy(
    election: Election, profile: GroupedProfile, start: tuple[int, ...] = ()
) -> tuple[list[int], list[RoundRecord], dict[int, Fraction]]:
    """Greedy selection after the projects in ``start``; also returns the budget left when
    each skipped project was considered."""
    left = election.budget - sum((election.projects[j].cost for j in start), Fraction(0))
    chosen: list[int] = []
    records: list[RoundRecord] = []
    skipped: dict[int, Fraction] = {}
    for j, value in density_order(election, profile):
        if j in start:
            continue
        project = election.projects[j]
        if project.cost <= left:
            left -= project.cost
            chosen.append(j)
            records.append(RoundRecord(project.id, project.cost, float(value)))
        else:
            skipped[j] = left
    return chosen, records, skipped


def greedy_outcome(election: Election, profile: GroupedProfile, rule: str) -> Outcome:
    """The outcome of greedy utilitarian welfare with the profile's satisfaction."""
    chosen, records, skipped = greedy(election, profile)
    losers = []
    for j, left in skipped.items():
        project = election.projects[j]
        supporters = int(profile.weight[profile.supporters(j)].sum())
        losers.append(
            Loser(
                project.id,
                "did_not_fit",
                supporters,
                budget_left=float(left),
                needed=float(project.cost - left),
            )
        )
    cost = sum((election.projects[j].cost for j in chosen), Fraction(0))
    return Outcome(
        rule,
        tuple(election.projects[j].id for j in chosen),
        election.budget,
        cost,
        tuple(records),
        tuple(losers),
    )
