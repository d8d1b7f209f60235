# SPDX-License-Identifier: EUPL-1.2
"""How often each panel of a lottery appears among ``m`` equally likely panels.

B. Flanigan, G. Kehne, A. D. Procaccia, "Fair sortition made transparent", NeurIPS 2021, round
a lottery (panel ``j`` with weight ``w_j``) to a *uniform* lottery over ``m`` panels, so that the
draw can be made in public. Their Theorem 3.2 (a Beck-Fiala argument) shows that some rounding
keeps every selection probability within about ``k / m``; in their experiments integer
programming and local search get far closer. Here each panel appears ``x_j`` times with ``x_j``
one of ``floor(m w_j)`` and ``ceil(m w_j)`` and ``sum x_j = m``, chosen by two deterministic
local searches over unit swaps (one copy less of panel ``a``, one more of panel ``b``):

1. from largest-remainder rounding, the swap that most lowers ``sum_t (S_t - E_t)^2 / n_t``
   (``S_t`` seats of type ``t`` over the ``m`` panels, ``E_t`` its expected seats ``m *
   sum_j w_j c_jt``, ``n_t`` its size), until none does; in integer arithmetic (``E_t`` to
   ``1 / SCALE`` of a seat, ``1 / n_t`` as ``round(WEIGHT / n_t)``), so that ties and the result
   do not depend on the machine's floating point;
2. then, while one exists, the swap that most lowers the largest change of any person's
   probability (members of a type take their seats in turn, so they get ``floor(S_t / n_t)`` or
   ``ceil(S_t / n_t)`` of the ``m`` panels).

Guaranteed whatever the search finds (``bound``): every person ``i`` of type ``t`` has
``|p'_i - p_i| <= ((n_t - 1) / n_t + sum_j c_jt max(f_j, 1 - f_j) / n_t) / m``, the sum over
panels whose ``m w_j`` has a fractional part ``f_j > 0``. That bound is loose; the change
actually reached (``Lottery.change``) is published with the draw, and on the benchmark
instances it stays below ``3 / m`` (``benchmarks/sortition.md``).
"""

from __future__ import annotations

import numpy as np

SCALE = 1 << 10
"""Expected seats are held in units of ``1 / SCALE`` seat in the integer search."""

WEIGHT = 1 << 12
"""Type ``t`` weighs ``round(WEIGHT / n_t)`` (at least 1) in the integer search."""


def expected_seats(counts: np.ndarray, weights: np.ndarray, m: int) -> np.ndarray:
    """``E_t = m * sum_j w_j c_jt``, summed without BLAS (the same on every machine)."""
    seats: np.ndarray = (m * weights[:, None] * counts).sum(axis=0)
    return seats


def person_change(seats: np.ndarray, expected: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Per type, the largest ``|seats of a member - E_t / n_t|`` when ``S_t = seats`` seats are
    shared in turn (works on a vector of types or on rows of candidate vectors)."""
    share = expected / sizes
    low = seats // sizes
    change = np.abs(low - share)
    change = np.maximum(change, np.where(seats > low * sizes, np.abs(low + 1 - share), 0.0))
    result: np.ndarray = change
    return result


def bound(counts: np.ndarray, weights: np.ndarray, sizes: np.ndarray, m: int) -> np.ndarray:
    """The guaranteed largest change of a probability, per type (see the module docstring)."""
    target = m * weights
    fraction = target - np.floor(target)
    worst = np.where(fraction > 0, np.maximum(fraction, 1 - fraction), 0.0)
    seats: np.ndarray = (worst[:, None] * counts).sum(axis=0)
    result: np.ndarray = ((sizes - 1) / sizes + seats / sizes) / m
    return result


def multiplicities(
    counts: np.ndarray, weights: np.ndarray, sizes: np.ndarray, m: int
) -> np.ndarray:
    """``x_j``: how many of the ``m`` panels are panel ``j`` (see the module docstring)."""
    counts = counts.astype(np.int64)
    target = m * weights
    low = np.floor(target).astype(np.int64)
    high = np.ceil(target).astype(np.int64)
    times = low.copy()
    times[np.argsort(low - target, kind="stable")[: m - int(low.sum())]] += 1
    expected = expected_seats(counts, weights, m)
    times = _least_squares(counts, times, low, high, expected, sizes)
    return _least_largest(counts, times, low, high, expected, sizes)


def _least_squares(
    counts: np.ndarray,
    times: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    expected: np.ndarray,
    sizes: np.ndarray,
) -> np.ndarray:
    """Phase 1: steepest descent on ``sum_t omega_t (SCALE * S_t - E'_t)^2`` by unit swaps."""
    movable = np.flatnonzero(high > low)
    if movable.size < 2:
        return times
    omega = np.maximum(1, np.rint(WEIGHT / sizes)).astype(np.int64)
    part = counts[movable]
    weighted = part * omega
    # Entries are at most WEIGHT * k**2, far below 2**53: the float product is exact in any order.
    gram = np.rint(weighted.astype(float) @ part.T.astype(float)).astype(np.int64)
    diagonal = np.diag(gram).copy()
    residual = (times @ counts) * SCALE - np.rint(expected * SCALE).astype(np.int64)
    slope = weighted @ residual
    x = times[movable]
    lo, hi = low[movable], high[movable]
    for _ in range(4 * movable.size):
        down = np.flatnonzero(x > lo)
        up = np.flatnonzero(x < hi)
        if down.size == 0 or up.size == 0:
            break
        # Objective change / SCALE of moving one copy from panel a (row) to panel b (column).
        delta = 2 * (slope[up][None, :] - slope[down][:, None]) + SCALE * (
            diagonal[up][None, :] + diagonal[down][:, None] - 2 * gram[np.ix_(down, up)]
        )
        best = int(np.argmin(delta))
        if delta.flat[best] >= 0:
            break
        a, b = down[best // up.size], up[best % up.size]
        x[a] -= 1
        x[b] += 1
        slope += SCALE * (gram[:, b] - gram[:, a])
    times = times.copy()
    times[movable] = x
    return times


def _least_largest(
    counts: np.ndarray,
    times: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    expected: np.ndarray,
    sizes: np.ndarray,
) -> np.ndarray:
    """Phase 2: while a unit swap lowers the largest change of any person, make the best one."""
    times = times.copy()
    seats = times @ counts
    widest = int(counts.max(initial=0))
    shifts = np.arange(-widest, widest + 1)[:, None]
    types = np.arange(sizes.size)[None, :]
    for _ in range(4 * times.size):
        # change_after[widest + d, t]: type t's change once it has d more seats than now.
        change_after = person_change(seats[None, :] + shifts, expected[None, :], sizes[None, :])
        change = change_after[widest]
        worst = int(np.argmax(change))
        largest = float(change[worst])
        down = np.flatnonzero(times > low)
        up = np.flatnonzero(times < high)
        # Seats of the worst type must move towards its expectation: down when its best-served
        # member is the one furthest from it.
        share = expected[worst] / sizes[worst]
        fewest = seats[worst] // sizes[worst]
        most = fewest + (seats[worst] > fewest * sizes[worst])
        if most - share >= share - fewest:
            down = down[counts[down, worst] > 0]
        else:
            up = up[counts[up, worst] > 0]
        best: tuple[float, int, int] = (largest, -1, -1)
        for a in down:
            if up.size == 0:
                break
            shift = counts[up] - counts[a][None, :]
            reached = change_after[widest + shift, types].max(axis=1)
            i = int(np.argmin(reached))
            if reached[i] < best[0] - 1e-12:
                best = (float(reached[i]), int(a), int(up[i]))
        if best[1] < 0:
            break
        _, out, into = best
        times[out] -= 1
        times[into] += 1
        seats += counts[into] - counts[out]
    return times
