# SPDX-License-Identifier: EUPL-1.2
"""Nash welfare lottery: maximise the sum of the logarithms of the selection probabilities.

One of the fairness objectives compared by Flanigan et al. (Nature 596, 2021, Supplementary
Information). Solved here by Frank-Wolfe over type-level panels, starting from the maximin
lottery (every probability positive): each step prices panels by the gradient and moves towards
the best one with an exact line search. The oracle's LP bound gives the Frank-Wolfe gap, an
upper bound on how much welfare is still missing; it is reported as the stage's bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from samenspel.engines.sortition.highs import PanelOracle
from samenspel.engines.sortition.model import StageLog
from samenspel.engines.sortition.typespace import TypeSpace

ITERATIONS = 300
RELATIVE_GAP = 1e-6


def _welfare(space: TypeSpace, seats: np.ndarray) -> float:
    return float(space.size @ np.log(seats / space.size))


def _step(space: TypeSpace, seats: np.ndarray, direction: np.ndarray) -> float:
    """Exact line search on [0, 1]: the derivative is decreasing, so bisect on its sign."""
    low, high = 0.0, 1.0
    for _ in range(50):
        mid = (low + high) / 2
        with np.errstate(divide="ignore"):
            slope = float(np.sum(space.size * direction / (seats + mid * direction)))
        low, high = (mid, high) if slope > 0 else (low, mid)
    return low


def nash(
    space: TypeSpace,
    counts: np.ndarray,
    weights: np.ndarray,
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, tuple[StageLog, ...]]:
    """Improve the lottery ``(counts, weights)`` towards maximal Nash welfare."""
    started = time.perf_counter()
    oracle = PanelOracle(space)
    panels = {row.tobytes(): i for i, row in enumerate(counts)}
    columns, mass = list(counts), list(weights)
    seats = weights @ counts
    gap = np.inf
    iteration = 0
    for iteration in range(1, ITERATIONS + 1):
        gradient = space.size / seats
        panel, bound, _ = oracle.quick(gradient)
        if panel is None:
            panel, bound, _ = oracle.best(gradient)
        gap = bound - float(gradient @ seats)
        if gap <= RELATIVE_GAP * space.size.sum():
            break
        gamma = _step(space, seats, panel - seats)
        if gamma <= 0:
            break
        mass = [(1 - gamma) * m for m in mass]
        key = panel.tobytes()
        if key not in panels:
            panels[key] = len(columns)
            columns.append(panel)
            mass.append(0.0)
        mass[panels[key]] += gamma
        seats = (1 - gamma) * seats + gamma * panel
        if progress is not None and iteration % 25 == 0:
            progress(f"nash: step {iteration}, welfare {_welfare(space, seats):.6f}, gap {gap:.2e}")
    value = _welfare(space, seats)
    log = StageLog(
        1,
        value,
        value + max(gap, 0.0),
        space.count,
        int(space.size.sum()),
        len(columns),
        iteration,
        time.perf_counter() - started,
    )
    return np.asarray(columns), np.asarray(mass), (log,)
