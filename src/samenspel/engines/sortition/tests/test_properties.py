# SPDX-License-Identifier: EUPL-1.2
"""Property tests over random pools (households included): every drawn panel meets every quota."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.engines.sortition import compute, draw_index, panel_problems, round_to_panels
from samenspel.engines.sortition.typespace import build_types

from .conftest import random_instance


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(8, 40),
    k=st.integers(2, 8),
    categories=st.integers(1, 3),
    households=st.booleans(),
    m=st.integers(1, 30),
)
def test_every_drawn_panel_meets_every_quota(
    seed: int, n: int, k: int, categories: int, households: bool, m: int
) -> None:
    instance = random_instance(random.Random(seed), n, k, categories, households)
    space = build_types(instance)
    result = compute(instance, "leximin")
    assert all(space.meets_quotas(panel) for panel in result.panel_counts)
    assert np.isclose(result.probabilities.sum(), instance.k)
    assert result.certified_gap <= 1e-6
    lottery = round_to_panels(instance, result, m)
    assert lottery.m == m
    for panel in lottery.panels:
        assert panel_problems(instance, panel) == []
    drawn = lottery.panels[draw_index(m, seed=str(seed))]
    assert panel_problems(instance, drawn) == []
    # Every probability stays within the rounding's guaranteed bound of LEXIMIN's.
    assert np.all(np.abs(lottery.change) <= lottery.bound + 1e-9)
