# SPDX-License-Identifier: EUPL-1.2
"""The shortcut to LEXIMIN: the relaxation's LEXIMIN point, written as a lottery when it is one.

Checks that do not trust the code under test: a target built as a known mixture of panels must
come back as a lottery with exactly those expected counts; the relaxation's minimum bounds the
exhaustive LEXIMIN's (``test_exhaustive``) from above; and on a pool where the relaxation's
point is no lottery (found by the exhaustive computation: two people reach 1 in the real LEXIMIN
where the relaxation gives them 5/6) the decomposition says so and the stage-by-stage fallback
still gives the exhaustive LEXIMIN.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from samenspel.engines.sortition import compute
from samenspel.engines.sortition.decomposition import SLACK, decompose
from samenspel.engines.sortition.highs import PanelOracle
from samenspel.engines.sortition.model import Instance, Quota
from samenspel.engines.sortition.relaxation import relaxed_leximin
from samenspel.engines.sortition.typespace import build_types

from .conftest import random_instance
from .test_exhaustive import exhaustive_leximin


@pytest.mark.parametrize("seed", range(8))
def test_a_mixture_of_panels_comes_back_as_a_lottery(seed: int) -> None:
    rng = random.Random(seed)
    instance = random_instance(rng, rng.randint(12, 40), rng.randint(3, 8), 3, seed % 2 == 0)
    space = build_types(instance)
    oracle = PanelOracle(space)
    panels = np.array(
        [oracle.best(np.array([rng.random() for _ in range(space.count)]))[0] for _ in range(6)]
    )
    mixture = np.array([rng.random() for _ in panels])
    target = (mixture / mixture.sum()) @ panels

    found = decompose(space, target)

    assert found is not None
    counts, weights, _ = found
    assert all(space.meets_quotas(panel) for panel in counts)
    assert weights.sum() == pytest.approx(1.0)
    assert np.all(weights @ counts >= (1 - SLACK) * target - 1e-12)
    np.testing.assert_allclose(weights @ counts, target, atol=1e-6)


@pytest.mark.parametrize("seed", range(10))
def test_relaxation_bounds_the_real_leximin(seed: int) -> None:
    rng = random.Random(seed)
    instance = random_instance(rng, rng.randint(6, 10), rng.randint(2, 4), 3, seed % 3 == 0)
    space = build_types(instance)
    relaxed = relaxed_leximin(space).probabilities[space.type_of]
    assert relaxed.min() >= exhaustive_leximin(instance).min() - 1e-9


def _no_lottery_pool() -> Instance:
    rows = [
        "2000", "1101", "2020", "0011", "0100", "0100", "0000", "0011", "0000", "1101"
    ]  # fmt: skip
    bounds = {
        "c0": [(2, 3), (0, 2), (0, 1)],
        "c1": [(0, 1), (2, 4)],
        "c2": [(3, 3), (0, 1), (0, 1)],
        "c3": [(2, 3), (1, 3)],
    }
    quotas = tuple(
        Quota(category, f"v{value}", low, high)
        for category, limits in bounds.items()
        for value, (low, high) in enumerate(limits)
    )
    return Instance(
        ids=tuple(f"p{i}" for i in range(len(rows))),
        categories=tuple(bounds),
        features=tuple(tuple(f"v{digit}" for digit in row) for row in rows),
        quotas=quotas,
        k=4,
    )


def test_no_lottery_falls_back_to_column_generation_by_stage() -> None:
    instance = _no_lottery_pool()
    space = build_types(instance)
    relaxed = relaxed_leximin(space)
    expected = exhaustive_leximin(instance)
    assert relaxed.probabilities[space.type_of][4] == pytest.approx(5 / 6)
    assert expected[4] == pytest.approx(1.0)

    assert decompose(space, relaxed.counts(space)) is None
    result = compute(instance, "leximin")
    np.testing.assert_allclose(result.probabilities, expected, atol=1e-7)
    assert result.certified_gap <= 1e-6
