# SPDX-License-Identifier: EUPL-1.2
"""The restricted master LP of column generation over panels, shared by the stage-by-stage
LEXIMIN (``leximin``) and the exact finish of the decomposition (``decomposition``).

Flanigan, Gölz, Gupta, Hennig and Procaccia, Nature 596 (2021), Methods: the master finds the
best lottery over the panels found so far; its duals price new panels.
"""

from __future__ import annotations

import highspy
import numpy as np

from samenspel.engines.sortition.highs import quiet_highs, swap_neighbours
from samenspel.engines.sortition.typespace import TypeSpace

NEIGHBOURS = 10
"""Improving swap neighbours added with each priced panel."""


class Master:
    """The restricted master LP: columns are panels (counts per type), rows are types.

    Row ``t`` holds the panels' counts of type ``t`` divided by ``scale[t]`` (the type's size,
    so rows are probabilities, unless another ``scale`` is given); a free row must reach
    ``z``, a fixed one its ``floor``.
    """

    def __init__(
        self,
        space: TypeSpace,
        scale: np.ndarray | None = None,
        floor: np.ndarray | None = None,
    ) -> None:
        self.space = space
        self.scale = space.size if scale is None else scale
        # fixed value per type, NaN while free
        self._floor = np.full(space.count, np.nan) if floor is None else floor.copy()
        self._reset()

    def _reset(self) -> None:
        h = quiet_highs()
        h.setOptionValue("primal_feasibility_tolerance", 1e-9)
        h.setOptionValue("dual_feasibility_tolerance", 1e-9)
        h.setOptionValue("simplex_strategy", 4)  # primal: new columns keep the basis feasible
        h.setOptionValue("presolve", "off")  # keep the warm start
        h.addVar(0.0, 1.0)  # z
        h.changeColCost(0, -1.0)
        z = np.array([0], dtype=np.int32)
        for floor in self._floor:
            if np.isnan(floor):
                h.addRow(0.0, highspy.kHighsInf, 1, z, np.array([-1.0]))
            else:
                h.addRow(floor, highspy.kHighsInf, 0, z[:0], np.array([]))
        h.addRow(1.0, 1.0, 0, z[:0], np.array([]))
        self._h = h
        self._matrix = np.zeros((64, self.space.count))
        self._used = 0
        self._known: set[bytes] = set()

    def compact(self, keep: np.ndarray) -> None:
        """Start a fresh LP with only the columns ``keep``: later stages solve much faster
        without the thousands of panels earlier stages needed and no longer use."""
        kept = self.columns[keep].astype(np.int64)
        self._reset()
        for counts in kept:
            self.add(counts)

    def add(self, counts: np.ndarray) -> bool:
        key = counts.tobytes()
        if key in self._known:
            return False
        self._known.add(key)
        if self._used == self._matrix.shape[0]:
            self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
        self._matrix[self._used] = counts
        self._used += 1
        nz = np.flatnonzero(counts)
        rows = np.append(nz, self.space.count).astype(np.int32)
        values = np.append(counts[nz] / self.scale[nz], 1.0)
        self._h.addCol(0.0, 0.0, highspy.kHighsInf, rows.size, rows, values)
        return True

    @property
    def columns(self) -> np.ndarray:
        """The panels so far, one row of counts per type each (a view, not a copy)."""
        return self._matrix[: self._used]

    def fix(self, types: np.ndarray, value: float, keep: np.ndarray) -> None:
        """Fix ``types`` at ``value`` and restart the LP with the columns ``keep`` only."""
        self._floor[types] = value
        self.compact(keep)

    def solve(self) -> tuple[np.ndarray, np.ndarray]:
        """Weights of the columns and the type duals ``y`` (HiGHS's signs: >= 0 here; tiny
        negative round-off is cut off)."""
        h = self._h
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"master LP: HiGHS status {h.modelStatusToString(status)}")
        solution = h.getSolution()
        weights = np.maximum(np.asarray(solution.col_value)[1:], 0.0)
        duals = np.asarray(solution.row_dual)[: self.space.count]
        return weights / weights.sum(), np.maximum(duals, 0.0)


def normalise_duals(y: np.ndarray, free: np.ndarray) -> np.ndarray:
    """Make ``y`` a feasible dual: non-negative, free types summing to one."""
    y = np.maximum(y, 0.0)
    total = y[free].sum()
    if total <= 0:
        y = np.where(free, 1.0, y)
        total = free.sum()
    normalised: np.ndarray = y / total
    return normalised


def add_improving(master: Master, panels: list[np.ndarray], price: np.ndarray, mu: float) -> bool:
    """Add the panels whose reduced cost at the master's duals is positive, and their best
    improving swap neighbours."""
    improving = [p for p in panels if float(p @ price) > mu + 1e-12]
    for panel in list(improving):
        improving += swap_neighbours(master.space, panel, price, mu + 1e-12, NEIGHBOURS)
    added = [master.add(p) for p in improving]
    return any(added)
