# SPDX-License-Identifier: EUPL-1.2
"""LEXIMIN over the LP relaxation of the quota polytope: the upper bound of every stage.

A lottery over panels has expected counts per type that meet the size row, every quota row and
every household row, and lie between zero and the type's size: its expected count vector lies in
the polytope ``Q`` those rows define (the panels' convex hull is inside ``Q``). LEXIMIN over
``Q`` is a plain sequence of linear programs, no column generation: maximise the smallest free
probability ``z``; the free types with a positive dual cannot rise above ``z`` in any optimum
(complementary slackness) and are fixed there; repeat. Each stage's optimum bounds the same
stage over real lotteries from above, and when the LEXIMIN point of ``Q`` is itself a lottery
(``decomposition``) it *is* the LEXIMIN lottery, since the LEXIMIN point of a convex set is
unique (Flanigan, Gölz, Gupta, Hennig and Procaccia, Nature 596, 2021, Methods, for LEXIMIN as
a sequence of LPs).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from samenspel.engines.sortition.highs import add_panel_rows, quiet_highs
from samenspel.engines.sortition.typespace import TypeSpace

DUAL_TOLERANCE = 1e-9
"""A free type whose stage dual exceeds this is fixed at the stage's value."""


@dataclass(frozen=True)
class RelaxedStage:
    value: float
    types: np.ndarray  # indices of the types fixed at ``value``
    seconds: float


@dataclass(frozen=True)
class RelaxedLeximin:
    """``probabilities[t]``: type ``t``'s LEXIMIN probability over ``Q``; ``stages`` in order."""

    probabilities: np.ndarray
    stages: tuple[RelaxedStage, ...]

    def counts(self, space: TypeSpace) -> np.ndarray:
        """The LEXIMIN point as expected panel seats per type."""
        counts: np.ndarray = self.probabilities * space.size
        return counts


def relaxed_leximin(space: TypeSpace) -> RelaxedLeximin:
    """LEXIMIN over the relaxation ``Q`` (see the module docstring)."""
    t = space.count
    h = quiet_highs()
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    h.addVars(t, np.zeros(t), space.size.astype(float))
    add_panel_rows(h, space)
    first = h.getNumRow()
    z = t
    h.addVar(0.0, 1.0)
    h.changeColCost(z, -1.0)
    for i in range(t):
        h.addRow(0.0, highspy.kHighsInf, 2, np.array([i, z], np.int32), [1.0 / space.size[i], -1.0])
    free = np.ones(t, dtype=bool)
    value = np.zeros(t)
    stages: list[RelaxedStage] = []
    while free.any():
        started = time.perf_counter()
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"relaxation LP: HiGHS status {h.modelStatusToString(status)}")
        level = min(-float(h.getInfo().objective_function_value), 1.0)
        duals = np.abs(np.asarray(h.getSolution().row_dual)[first:])
        fix = free & (duals > DUAL_TOLERANCE)
        if not fix.any():
            if level >= 1.0 - DUAL_TOLERANCE:  # z sits at its bound: all free types reach 1
                fix = free.copy()
            else:
                fix[np.flatnonzero(free)[np.argmax(duals[free])]] = True
        for fixed in np.flatnonzero(fix):
            h.changeCoeff(first + int(fixed), z, 0.0)
            h.changeRowBounds(first + int(fixed), level, highspy.kHighsInf)
        free &= ~fix
        value[fix] = level
        stages.append(RelaxedStage(level, np.flatnonzero(fix), time.perf_counter() - started))
    return RelaxedLeximin(value, tuple(stages))
