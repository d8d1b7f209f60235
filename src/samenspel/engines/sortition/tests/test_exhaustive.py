# SPDX-License-Identifier: EUPL-1.2
"""LEXIMIN against an independent exhaustive computation on pools small enough to enumerate.

The reference lists every quota-feasible panel of people (no types, no column generation) and
runs the textbook LEXIMIN sequence with HiGHS: maximise the smallest free probability, then fix
exactly the people whose probability cannot rise above it (one LP per person), and repeat.
"""

from __future__ import annotations

import itertools
import random

import highspy
import numpy as np
import pytest

from samenspel.engines.sortition import compute, panel_problems
from samenspel.engines.sortition.model import Instance

from .conftest import random_instance


def _lp(panels: np.ndarray, free: np.ndarray, floor: np.ndarray, target: int | None) -> float:
    """Max z (target None) or max p_target, over lotteries with p_free >= z / p >= floor."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    count, n = panels.shape
    h.addVars(count, np.zeros(count), np.ones(count))
    h.addVar(-1.0, 1.0)
    h.addRow(1.0, 1.0, count, np.arange(count, dtype=np.int32), np.ones(count))
    for i in range(n):
        idx = np.append(np.arange(count), count).astype(np.int32)
        if target is None and free[i]:
            h.addRow(0.0, highspy.kHighsInf, count + 1, idx, np.append(panels[:, i], -1.0))
        else:
            h.addRow(floor[i], highspy.kHighsInf, count, idx[:-1], panels[:, i].astype(float))
    if target is None:
        h.changeColCost(count, 1.0)
    else:
        h.changeColsCost(count, np.arange(count, dtype=np.int32), panels[:, target].astype(float))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return float(h.getInfo().objective_function_value)


def exhaustive_leximin(instance: Instance) -> np.ndarray:
    panels = np.array(
        [
            np.isin(np.arange(instance.n), combo)
            for combo in itertools.combinations(range(instance.n), instance.k)
            if not panel_problems(instance, list(combo))
        ],
        dtype=np.int64,
    )
    free = np.ones(instance.n, dtype=bool)
    floor = np.zeros(instance.n)
    while free.any():
        z = _lp(panels, free, floor, None)
        floor[free] = z - 1e-10
        for i in np.flatnonzero(free).tolist():
            if _lp(panels, np.zeros_like(free), np.where(free, z - 1e-10, floor), i) <= z + 1e-8:
                free[i] = False
                floor[i] = z - 1e-10
        floor[free] = 0.0
    return floor + 1e-10


@pytest.mark.parametrize("seed", range(12))
def test_leximin_equals_exhaustive_lp(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(6, 10)
    instance = random_instance(rng, n, rng.randint(2, 4), rng.randint(2, 3), seed % 3 == 0)
    expected = exhaustive_leximin(instance)
    result = compute(instance, "leximin")
    np.testing.assert_allclose(np.sort(result.probabilities), np.sort(expected), atol=1e-7)
    np.testing.assert_allclose(result.probabilities, expected, atol=1e-7)
    assert result.certified_gap is not None and result.certified_gap <= 1e-6
