# SPDX-License-Identifier: EUPL-1.2
"""Sequential Phragmén for participatory budgeting (approval ballots).

Phragmén's rule as a continuous process (Brill, Freeman, Janson, Lackner, "Phragmén's voting
methods and justified representation", AAAI 2017), extended to costs by Los, Christoff and Grossi
("Proportional budget allocations: towards a systematization", IJCAI 2022): every voter earns
money at the same speed; as soon as the supporters of a project together have its cost, they buy
it and their accounts are emptied (their *load* becomes the project's new maximal load
``(sum of supporters' loads + cost) / number of supporters``). The rule stops as soon as the next
project to be bought does not fit the budget (as pabutools does; projects costing more than the
whole budget are left out from the start; ties: smaller project id as a string).

Loads are floats for speed; the projects within :data:`TOLERANCE` of the minimum are compared
again in exact rationals (a voter's load is always the load of a round, so the exact sum is a
short sum over rounds).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from samenspel.engines.budgeting.model import Election, Loser, Outcome, RoundRecord
from samenspel.engines.budgeting.profile import GroupedProfile

TOLERANCE = 1e-9


def phragmen_outcome(election: Election, profile: GroupedProfile, rule: str) -> Outcome:
    """The outcome of sequential Phragmén (``profile`` must use cardinality satisfaction)."""
    projects = election.projects
    weight = profile.weight
    load_round = np.full(len(weight), -1, dtype=np.int64)
    load = np.zeros(len(weight))
    loads: list[Fraction] = []
    score = {j: int(profile.total_util[j]) for j in range(len(projects))}
    remaining = [j for j in range(len(projects)) if projects[j].cost <= election.budget]
    spent = Fraction(0)
    records: list[RoundRecord] = []
    chosen: list[int] = []
    while remaining:
        approx = {}
        for j in remaining:
            g = profile.supporters(j)
            approx[j] = (
                (float(np.dot(load[g], weight[g])) + float(projects[j].cost)) / score[j]
                if score[j]
                else np.inf
            )
        low = min(approx.values())
        close = [j for j in remaining if approx[j] <= low * (1 + TOLERANCE) or approx[j] == low]
        exact = {
            j: _exact_load(profile, j, projects[j].cost, score[j], load_round, loads) for j in close
        }
        best = min(exact.values(), key=lambda v: (v is None, v or 0))
        tied = sorted((j for j in close if exact[j] == best), key=lambda j: projects[j].id)
        if any(spent + projects[j].cost > election.budget for j in tied):
            break
        j = tied[0]
        g = profile.supporters(j)
        new_load = float(best) if best is not None else 0.0
        records.append(
            RoundRecord(
                projects[j].id,
                projects[j].cost,
                new_load,
                tuple((int(k), new_load - float(load[k])) for k in g),
            )
        )
        if best is not None:
            load[g] = new_load
            load_round[g] = len(loads)
            loads.append(best)
        spent += projects[j].cost
        chosen.append(j)
        remaining.remove(j)
    losers = []
    for j in range(len(projects)):
        if j in chosen:
            continue
        supporters = score[j]
        reason = "did_not_fit" if projects[j].cost > election.budget - spent else "stopped"
        if not supporters:
            reason = "no_support"
        losers.append(
            Loser(
                projects[j].id,
                reason,
                supporters,
                budget_left=float(election.budget - spent),
                needed=float(max(Fraction(0), projects[j].cost - (election.budget - spent))),
            )
        )
    return Outcome(
        rule,
        tuple(projects[j].id for j in chosen),
        election.budget,
        spent,
        tuple(records),
        tuple(losers),
        grouping=(election.ballots, profile.members),
    )


def _exact_load(
    profile: GroupedProfile,
    j: int,
    cost: Fraction,
    score: int,
    load_round: np.ndarray,
    loads: list[Fraction],
) -> Fraction | None:
    """The exact new maximal load of project ``j`` (None for a project nobody approves)."""
    if not score:
        return None
    g = profile.supporters(j)
    counts = np.bincount(load_round[g] + 1, weights=profile.weight[g], minlength=len(loads) + 1)
    total = sum((int(c) * loads[r] for r, c in enumerate(counts[1:]) if c), Fraction(0))
    return (total + cost) / score
