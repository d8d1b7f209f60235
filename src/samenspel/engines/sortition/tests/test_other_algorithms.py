# SPDX-License-Identifier: EUPL-1.2
"""Maximin, Nash welfare and the legacy method, checked against LEXIMIN and the quotas."""

from __future__ import annotations

import numpy as np
import pytest

from samenspel.engines.sortition import compute
from samenspel.engines.sortition.typespace import build_types

from .conftest import load


@pytest.fixture(scope="module")
def pool():
    return load("sa_fixture_22")


@pytest.fixture(scope="module")
def leximin(pool):
    return compute(pool, "leximin")


def test_maximin_has_the_leximin_minimum(pool, leximin) -> None:
    maximin = compute(pool, "maximin")
    assert maximin.min_probability == pytest.approx(leximin.min_probability, abs=1e-7)
    assert len(maximin.stages) == 1 and maximin.certified_gap <= 1e-6


def test_nash_welfare_is_at_least_leximins(pool, leximin) -> None:
    nash = compute(pool, "nash")
    welfare = float(np.log(nash.probabilities).sum())
    assert welfare >= float(np.log(leximin.probabilities).sum()) - 1e-6
    assert nash.min_probability <= leximin.min_probability + 1e-7
    assert np.isclose(nash.probabilities.sum(), pool.k)
    (stage,) = nash.stages
    assert stage.bound >= stage.value  # the Frank-Wolfe gap bounds the welfare still missing


def test_legacy_panels_meet_quotas_and_leximin_is_fairer() -> None:
    pool = load("syn_mass_24")
    leximin = compute(pool, "leximin")
    legacy = compute(pool, "legacy", seed=7, draws=200)
    space = build_types(pool)
    assert all(space.meets_quotas(panel) for panel in legacy.panel_counts)
    assert np.isclose(legacy.probabilities.sum(), pool.k)
    assert legacy.certified_gap is None
    assert legacy.min_probability <= leximin.min_probability
    again = compute(pool, "legacy", seed=7, draws=200)
    np.testing.assert_array_equal(again.probabilities, legacy.probabilities)
