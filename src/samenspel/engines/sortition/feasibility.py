# SPDX-License-Identifier: EUPL-1.2
"""Infeasible quotas: which quotas conflict, and the smallest relaxation that resolves them.

When no panel meets every quota, an integer program over types finds panel counts together with
a relaxation of each quota (in whole people: a lower minimum or a higher maximum) of smallest
total. The quotas it relaxes are the conflicting ones; the relaxed bounds are a feasible
suggestion. Nothing is drawn until the quotas are feasible.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from samenspel.engines.sortition.highs import add_panel_rows, quiet_highs
from samenspel.engines.sortition.model import InputError, Instance, Quota
from samenspel.engines.sortition.typespace import TypeSpace


@dataclass(frozen=True)
class Relaxation:
    """Quota ``quota`` relaxed to ``[new_min, new_max]``."""

    quota: Quota
    new_min: int
    new_max: int

    @property
    def people(self) -> int:
        return (self.quota.min - self.new_min) + (self.new_max - self.quota.max)

    def describe(self) -> str:
        return f"{self.quota.label} -> [{self.new_min}, {self.new_max}] ({self.people} people)"


class InfeasibleQuotas(InputError):
    """No panel meets the quotas; ``relaxations`` is the smallest fix (empty: none exists)."""

    def __init__(self, relaxations: tuple[Relaxation, ...]) -> None:
        self.relaxations = relaxations
        if relaxations:
            total = sum(r.people for r in relaxations)
            lines = "\n  ".join(r.describe() for r in relaxations)
            message = (
                f"no panel meets the quotas; conflicting quotas and the smallest relaxation "
                f"({total} people in total):\n  {lines}"
            )
        else:
            message = (
                "no panel meets the quotas, whatever the quotas (households or pool too small)"
            )
        super().__init__(message)


def smallest_relaxation(instance: Instance, space: TypeSpace) -> tuple[Relaxation, ...] | None:
    """Relaxations of least total size making the quotas feasible (``()`` if already feasible,
    ``None`` if no relaxation helps, e.g. too few households for the panel size)."""
    q = len(instance.quotas)
    h = quiet_highs()
    t = space.count
    h.addVars(t, np.zeros(t), space.size.astype(float))
    h.changeColsIntegrality(
        t, np.arange(t, dtype=np.int32), np.full(t, highspy.HighsVarType.kInteger)
    )
    add_panel_rows(h, space)
    # Slack columns: below[q] people under the minimum, above[q] people over the maximum allowed.
    h.addVars(2 * q, np.zeros(2 * q), np.full(2 * q, float(space.k)))
    for row in range(q):
        h.changeCoeff(1 + row, t + row, 1.0)
        h.changeCoeff(1 + row, t + q + row, -1.0)
    h.changeColsCost(2 * q, np.arange(t, t + 2 * q, dtype=np.int32), np.ones(2 * q))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    slack = np.rint(np.asarray(h.getSolution().col_value)[t:]).astype(np.int64)
    return tuple(
        Relaxation(quota, quota.min - int(slack[i]), quota.max + int(slack[q + i]))
        for i, quota in enumerate(instance.quotas)
        if slack[i] or slack[q + i]
    )


def require_feasible(instance: Instance, space: TypeSpace) -> None:
    """Raise ``InfeasibleQuotas`` unless some panel meets every quota."""
    relaxations = smallest_relaxation(instance, space)
    if relaxations is None or relaxations:
        raise InfeasibleQuotas(relaxations or ())


def panel_problems(instance: Instance, panel: list[int] | tuple[int, ...]) -> list[str]:
    """What is wrong with a concrete panel (person indices); empty when it meets everything."""
    problems = []
    if len(set(panel)) != len(panel):
        problems.append("a person sits on the panel twice")
    if len(panel) != instance.k:
        problems.append(f"{len(panel)} members instead of {instance.k}")
    column = {category: c for c, category in enumerate(instance.categories)}
    for quota in instance.quotas:
        seated = sum(instance.features[i][column[quota.category]] == quota.value for i in panel)
        if not quota.min <= seated <= quota.max:
            problems.append(f"quota {quota.label}: {seated} members")
    if instance.households is not None:
        keys = [instance.households[i] for i in panel if instance.households[i] is not None]
        if len(keys) != len(set(keys)):
            problems.append("two members share a household")
    return problems
