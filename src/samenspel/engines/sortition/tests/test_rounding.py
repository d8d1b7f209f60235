# SPDX-License-Identifier: EUPL-1.2
"""Rounding to m equally likely panels: hand-computed cases and exhaustive LEXIMIN."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest

from samenspel.engines.sortition import compute, publish, round_to_panels
from samenspel.engines.sortition.model import Instance, Quota

from .conftest import random_instance
from .test_exhaustive import exhaustive_leximin


def three_men_one_woman() -> Instance:
    """Panels of two: two men, or a man and the woman. By hand: LEXIMIN draws the mixed panel
    with probability q, the woman sits with q and each man with (2 - q) / 3, so q = 1/2 and
    everyone has 1/2."""
    return Instance(
        ids=("a", "b", "c", "d"),
        categories=("gender",),
        features=(("man",), ("man",), ("man",), ("woman",)),
        quotas=(Quota("gender", "man", 1, 2), Quota("gender", "woman", 0, 1)),
        k=2,
    )


def test_two_panels_round_exactly() -> None:
    pool = three_men_one_woman()
    result = compute(pool)
    np.testing.assert_allclose(result.probabilities, [0.5] * 4, atol=1e-9)
    lottery = round_to_panels(pool, result, 2)
    # One panel of each kind, in the order of their counts per type (men, women): (1, 1) then
    # (2, 0); the men take their seats in turn: a with the woman, then b and c.
    assert lottery.panels == ((0, 3), (1, 2))
    np.testing.assert_allclose(lottery.probabilities, [0.5] * 4)


def test_three_panels_move_a_probability_by_one_sixth() -> None:
    pool = three_men_one_woman()
    lottery = round_to_panels(pool, compute(pool), 3)
    # m w = 1.5 for both panels: one of them appears twice. Either way the woman sits on 1 or
    # 2 of the 3 panels and the men share 4 or 5 seats: the largest change is 1/6.
    seats = [round(p * 3) for p in lottery.probabilities]
    assert sum(seats) == 6 and seats[3] in (1, 2)
    assert sorted(seats[:3]) in ([1, 1, 2], [1, 2, 2])
    assert Fraction(float(np.abs(lottery.change).max())).limit_denominator(100) == Fraction(1, 6)
    # The guaranteed bound is tight for the woman: 0.5 of a seat over 3 panels.
    assert lottery.bound[3] == pytest.approx(1 / 6)
    assert np.all(np.abs(lottery.change) <= lottery.bound + 1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_record_probabilities_are_the_exhaustive_leximin(seed: int) -> None:
    rng = random.Random(100 + seed)
    pool = random_instance(rng, rng.randint(6, 9), rng.randint(2, 4), 2, seed % 2 == 0)
    expected = exhaustive_leximin(pool)
    result = compute(pool)
    m = 12
    lottery = round_to_panels(pool, result, m)
    record = publish(pool, result, lottery, 0, seed="s")
    np.testing.assert_allclose(record["probabilities"], expected, atol=1e-7)
    # Each person's share of the m panels lies within the guaranteed bound of LEXIMIN.
    seats = np.array([sum(p in panel for panel in record["panels"]) for p in pool.ids])
    assert np.all(np.abs(seats / m - expected) <= lottery.bound + 1e-7)
    reached = np.abs(seats / m - expected).max()
    assert record["max_probability_change"] == pytest.approx(reached, abs=1e-7)
