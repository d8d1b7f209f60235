# SPDX-License-Identifier: EUPL-1.2
"""How many members to invite from each cell: an integer program solved by HiGHS.

A *cell* is a group of eligible members who share every attribute value (and expected response
rate). Given each cell's capacity :math:`c_k` (eligible members), expected response rate
:math:`r_k`, the margin of each attribute value (population share :math:`p_m`) and the sample
size :math:`N`, the program chooses integer counts :math:`x_k`:

.. math::

    \\min\\ t \\quad\\text{s.t.}\\quad \\sum_k x_k = N,\\quad 0 \\le x_k \\le c_k,\\quad
    R = \\sum_k r_k x_k,\\quad
    \\Bigl|\\sum_{k \\in m} r_k x_k - p_m R\\Bigr| \\le d_m \\le t \\ \\text{for every margin } m.

:math:`R` is the expected number of respondents and :math:`d_m` the gap of margin :math:`m` in
expected respondents, so the first stage minimises the largest gap (a minimax, or Chebyshev,
fit). Many count vectors reach that optimum; the second stage keeps :math:`t` at its optimum and
minimises :math:`\\sum_m d_m`, so that the other margins come as close as they can too.

With equal response rates (the usual case) :math:`R = N` and the targets :math:`p_m R` are
replaced by whole-member targets (:func:`apportion`, each within one member of
:math:`p_m N`), so every gap is a whole number and HiGHS proves optimality quickly. With
response rates the gaps are fractions of an expected respondent, and the program stops once it
is within one expected respondent of the optimum (in the second stage, one per margin). Either
way it starts from its linear relaxation rounded to whole members. Minimising the largest gap
in respondents rather than in shares slightly favours fewer expected respondents among
solutions that cannot match every margin exactly.

HiGHS (Huangfu & Hall 2018, "Parallelizing the dual revised simplex method", *Mathematical
Programming Computation* 10) solves the mixed-integer program by branch and cut; it is
deterministic for a given model and random seed, so the same panel, request and seed give the
same counts whenever the solver proves optimality, which :attr:`Allocation.optimal` reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

_INF = highspy.kHighsInf


@dataclass(frozen=True)
class Allocation:
    """Invitations per cell, and whether the solver proved them optimal (within its tolerance;
    false only when it stopped at the time limit)."""

    counts: NDArray[np.int64]
    optimal: bool


def allocate(
    capacities: NDArray[np.int64],
    rates: NDArray[np.float64],
    cell_margins: NDArray[np.int64],
    shares: NDArray[np.float64],
    margin_attributes: NDArray[np.int64],
    size: int,
    seed: int = 0,
    time_limit: float = 60.0,
) -> Allocation:
    """Solve the two-stage program of this module.

    ``cell_margins[k, j]`` is the index (into ``shares``) of the margin that cell ``k`` counts
    towards for attribute ``j``; ``margin_attributes[m]`` is the attribute of margin ``m``.
    ``time_limit`` (seconds, per stage) is a safety net. ``seed`` seeds the solver's
    own random choices, which decide among equally good count vectors.
    """
    n_cells = len(capacities)
    n_margins = len(shares)
    col_r, col_t = n_cells, n_cells + 1
    col_d = n_cells + 2 + np.arange(n_margins)
    n_cols = n_cells + 2 + n_margins
    uniform = bool(np.all(rates == rates[0]))
    tolerance = 1.0  # expected respondents
    if uniform:  # gaps in whole members, against whole-member targets
        rates = np.ones(n_cells)
        tolerance = 0.5
        constants = apportion(shares, margin_attributes, size).astype(float)
        r_coefficients = np.zeros(n_margins)
    else:  # gaps in expected respondents, against shares of the expected respondents
        constants = np.zeros(n_margins)
        r_coefficients = -shares

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", seed % 2_147_483_647)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", tolerance)
    lower = np.zeros(n_cols)
    upper = np.full(n_cols, _INF)
    upper[:n_cells] = capacities
    cost = np.zeros(n_cols)
    cost[col_t] = 1.0
    h.addCols(
        n_cols,
        cost,
        lower,
        upper,
        0,
        np.zeros(n_cols, np.int32),
        np.zeros(0, np.int32),
        np.zeros(0),
    )
    integral = np.arange(n_cols if uniform else n_cells, dtype=np.int32)
    h.changeColsIntegrality(len(integral), integral, np.ones(len(integral), dtype=np.uint8))

    rows: list[tuple[float, float, NDArray[np.int64], NDArray[np.float64]]] = []
    cells = np.arange(n_cells)
    rows.append((size, size, cells, np.ones(n_cells)))
    rows.append((0.0, 0.0, np.append(cells, col_r), np.append(rates, -1.0)))
    groups = [np.flatnonzero((cell_margins == m).any(axis=1)) for m in range(n_margins)]
    for m, group in enumerate(groups):
        index = np.concatenate([group, [col_r, col_d[m]]])
        rate = rates[group]
        rows.append((-_INF, constants[m], index, np.append(rate, [r_coefficients[m], -1.0])))
        rows.append((constants[m], _INF, index, np.append(rate, [r_coefficients[m], 1.0])))
        rows.append((-_INF, 0.0, np.array([col_d[m], col_t]), np.array([1.0, -1.0])))
    starts = np.cumsum([0] + [len(r[2]) for r in rows[:-1]]).astype(np.int32)
    h.addRows(
        len(rows),
        np.array([r[0] for r in rows], dtype=float),
        np.array([r[1] for r in rows], dtype=float),
        int(sum(len(r[2]) for r in rows)),
        starts,
        np.concatenate([r[2] for r in rows]).astype(np.int32),
        np.concatenate([r[3] for r in rows]).astype(float),
    )

    start = _rounded_start(h, capacities, rates, groups, r_coefficients, constants, size)
    h.setSolution(n_cols, np.arange(n_cols, dtype=np.int32), start)
    optimal = _run(h)
    first = np.array(h.getSolution().col_value)
    max_gap = float(first[col_t])
    # Second stage: hold the largest gap, minimise the sum of gaps.
    h.changeColBounds(col_t, 0.0, max_gap + 1e-7 * max(1.0, size))
    h.changeColCost(col_t, 0.0)
    h.changeColsCost(n_margins, col_d.astype(np.int32), np.ones(n_margins))
    if not uniform:
        h.setOptionValue("mip_abs_gap", tolerance * n_margins)
    h.setSolution(n_cols, np.arange(n_cols, dtype=np.int32), first)
    optimal = _run(h) and optimal
    counts = np.rint(np.array(h.getSolution().col_value)[:n_cells]).astype(np.int64)
    return Allocation(counts=counts, optimal=optimal)


def apportion(
    shares: NDArray[np.float64], margin_attributes: NDArray[np.int64], size: int
) -> NDArray[np.int64]:
    """Whole-member targets: per attribute, ``size`` split by the largest-remainder (Hamilton)
    method, ties to the earlier margin. Each target is within 1 of ``share × size``.

    >>> apportion(np.array([0.5, 0.3, 0.2, 0.55, 0.45]), np.array([0, 0, 0, 1, 1]), 7).tolist()
    [4, 2, 1, 4, 3]
    """
    quotas = shares * size
    targets = np.floor(quotas).astype(np.int64)
    for attribute in np.unique(margin_attributes):
        members = np.flatnonzero(margin_attributes == attribute)
        missing = size - int(targets[members].sum())
        order = members[np.argsort(-(quotas[members] - targets[members]), kind="stable")]
        targets[order[:missing]] += 1
    return targets


def _rounded_start(
    h: highspy.Highs,
    capacities: NDArray[np.int64],
    rates: NDArray[np.float64],
    groups: list[NDArray[np.int64]],
    r_coefficients: NDArray[np.float64],
    constants: NDArray[np.float64],
    size: int,
) -> NDArray[np.float64]:
    """A starting solution for the integer program: its linear relaxation's counts, rounded
    down, with the members still missing added to the cells with the largest remainders."""
    n_cells = len(capacities)
    cells = np.arange(n_cells, dtype=np.int32)
    h.changeColsIntegrality(n_cells, cells, np.zeros(n_cells, dtype=np.uint8))
    h.run()
    relaxed = np.array(h.getSolution().col_value)[:n_cells]
    h.changeColsIntegrality(n_cells, cells, np.ones(n_cells, dtype=np.uint8))
    counts = np.floor(relaxed + 1e-9)
    remainders = np.where(counts < capacities, relaxed - counts, -1.0)
    counts[np.argsort(-remainders, kind="stable")[: size - int(counts.sum())]] += 1
    respondents = float(rates @ counts)
    gaps = np.abs(
        [rates[g] @ counts[g] + r_coefficients[m] * respondents for m, g in enumerate(groups)]
        - constants
    )
    return np.concatenate([counts, [respondents, gaps.max()], gaps])


def _run(h: highspy.Highs) -> bool:
    """Run the solver; True when it proved optimality, an error when it found nothing."""
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return True
    if h.getInfo().primal_solution_status == 2:  # feasible incumbent at the time limit
        return False
    raise RuntimeError(f"HiGHS found no allocation: {h.modelStatusToString(status)}")
