# SPDX-License-Identifier: EUPL-1.2
"""Thin helpers around HiGHS (``highspy``): the panel oracle shared by every algorithm.

The oracle answers "which quota-feasible panel maximises a weighted count of its members?", the
pricing problem of column generation (Flanigan et al., Nature 596, 2021, Methods). Panels are
count vectors over types (see ``typespace``), so the integer program has one variable per type.
"""

from __future__ import annotations

import highspy
import numpy as np

from samenspel.engines.sortition.typespace import TypeSpace


def quiet_highs() -> highspy.Highs:
    """A silent, single-threaded (hence deterministic) HiGHS instance."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    return h


def add_panel_rows(h: highspy.Highs, space: TypeSpace, first_col: int = 0) -> None:
    """Rows shared by all panel models: size ``k``, every quota, one per shared household."""
    t = space.count
    cols = np.arange(first_col, first_col + t, dtype=np.int32)
    h.addRow(space.k, space.k, t, cols, np.ones(t))
    for q in range(space.quota_matrix.shape[0]):
        nz = np.flatnonzero(space.quota_matrix[q])
        h.addRow(float(space.lower[q]), float(space.upper[q]), nz.size, cols[nz], np.ones(nz.size))
    for group in space.household_groups:
        h.addRow(0.0, 1.0, group.size, cols[group], np.ones(group.size))


class PanelOracle:
    """Finds the quota-feasible panel of largest weight, with HiGHS.

    ``quick(weights)`` solves the LP relaxation (milliseconds): its optimum bounds every panel's
    weight from above, and when it is integral it is the best panel. Otherwise the integral
    part is kept and a small MIP completes the fractional rest, giving a good (not necessarily
    best) panel. ``best(weights)`` runs the full MIP: the best panel and the solver's dual bound.
    Both also return the other improving panels the branch and bound met: free extra columns.
    ``floor`` (optional) is a least count per type that every panel must seat.
    """

    def __init__(self, space: TypeSpace, floor: np.ndarray | None = None) -> None:
        self.space = space
        t = space.count
        self._cols = np.arange(t, dtype=np.int32)
        self._floor = np.zeros(t) if floor is None else floor.astype(float)
        self._mip = self._model()
        self._mip.changeColsIntegrality(t, self._cols, np.full(t, highspy.HighsVarType.kInteger))
        self._mip.setOptionValue("mip_rel_gap", 1e-7)
        self._mip.setOptionValue("mip_abs_gap", 5e-8)
        self._mip.setOptionValue("mip_improving_solution_save", True)
        self._lp = self._model()
        self.mip_calls = 0
        self.lp_calls = 0

    def _model(self) -> highspy.Highs:
        h = quiet_highs()
        h.addVars(self.space.count, self._floor, self.space.size.astype(float))
        add_panel_rows(h, self.space)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        return h

    def _run_mip(self, weights: np.ndarray) -> tuple[np.ndarray, float, list[np.ndarray]]:
        h = self._mip
        h.changeColsCost(self.space.count, self._cols, weights.astype(float))
        h.run()
        self.mip_calls += 1
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"panel oracle: HiGHS status {h.modelStatusToString(status)}")
        counts = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
        others = []
        for saved in h.getSavedMipSolutions():
            other = np.rint(np.asarray(saved.col_value)).astype(np.int64)
            if not np.array_equal(other, counts) and self.space.meets_quotas(other):
                others.append(other)
        return counts, float(h.getInfo().mip_dual_bound), others

    def best(self, weights: np.ndarray) -> tuple[np.ndarray, float, list[np.ndarray]]:
        """The best panel, the dual bound on any panel's weight, and other panels found."""
        counts, bound, others = self._run_mip(weights)
        return counts, max(bound, float(weights @ counts)), others

    def quick(self, weights: np.ndarray) -> tuple[np.ndarray | None, float, list[np.ndarray]]:
        """A good panel (or ``None``), an upper bound from the LP relaxation, other panels."""
        h = self._lp
        h.changeColsCost(self.space.count, self._cols, weights.astype(float))
        h.run()
        self.lp_calls += 1
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None, np.inf, []
        x = np.asarray(h.getSolution().col_value)
        bound = float(h.getInfo().objective_function_value)
        rounded = np.rint(x)
        integral = np.abs(x - rounded) < 1e-9
        if integral.all():
            counts = rounded.astype(np.int64)
            return (counts, bound, []) if self.space.meets_quotas(counts) else (None, bound, [])
        # Keep the integral part and let a small MIP complete the rest; when that part leaves
        # no feasible completion, keep only the types the LP left out.
        for keep in (integral, integral & (rounded == self._floor)):
            fixed = self._cols[keep]
            self._mip.changeColsBounds(fixed.size, fixed, rounded[keep], rounded[keep])
            try:
                counts, _, others = self._run_mip(weights)
            except RuntimeError:
                continue
            finally:
                self._mip.changeColsBounds(
                    fixed.size, fixed, self._floor[keep], self.space.size[fixed].astype(float)
                )
            return counts, bound, others
        return None, bound, []

    def feasible_panel(self) -> np.ndarray | None:
        """Any panel meeting the quotas, or ``None`` when there is none."""
        try:
            return self.best(np.zeros(self.space.count))[0]
        except RuntimeError:
            return None


def swap_neighbours(
    space: TypeSpace, panel: np.ndarray, price: np.ndarray, threshold: float, limit: int
) -> list[np.ndarray]:
    """Up to ``limit`` panels one swap (a member out, another type in) away from ``panel``.

    Only swaps that keep every quota and whose weight under ``price`` exceeds ``threshold`` are
    returned, best first; types in a shared household are never swapped in. Column generation
    adds them next to the oracle's panel: more useful columns per (costly) pricing round.
    """
    members = np.flatnonzero(panel)
    per_quota = space.quota_matrix @ panel
    after = per_quota[None, None, :] + (
        space.quota_matrix.T[None, :, :] - space.quota_matrix.T[members][:, None, :]
    )
    ok = np.all((after >= space.lower) & (after <= space.upper), axis=2)
    ok &= (panel < space.size)[None, :] & ~space.in_household[None, :]
    gain = price[None, :] - price[members][:, None]
    value = float(price @ panel) + gain
    ok &= value > threshold
    order = np.argsort(-np.where(ok, value, -np.inf), axis=None)[: min(limit, int(ok.sum()))]
    result = []
    for flat in order:
        out, enter = divmod(int(flat), space.count)
        neighbour = panel.copy()
        neighbour[members[out]] -= 1
        neighbour[enter] += 1
        result.append(neighbour)
    return result
