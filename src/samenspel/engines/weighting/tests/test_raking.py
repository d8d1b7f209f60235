# SPDX-License-Identifier: EUPL-1.2
"""Raking against hand-worked weights, known margins and Kish's formula."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from samenspel.engines.population import PopulationMargins
from samenspel.engines.weighting import (
    TrimBounds,
    WeightingError,
    design_effect,
    estimates,
    kish_effective_sample_size,
    rake,
    weighted_mean,
    weighted_shares,
)

HALVES = PopulationMargins.from_shares(
    {"gender": {"man": 0.5, "vrouw": 0.5}, "age": {"young": 0.5, "old": 0.5}}
)


def responses(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"gender": g, "age": a} for g, a in pairs]


def test_one_cycle_matches_hand_computation() -> None:
    # Respondents: (man, young), (man, old), (man, old), (vrouw, old); targets 50/50 each.
    # Start with weight 1 each (total 4).
    # Gender: men hold 3/4 of the weight, target 1/2 -> factor (1/2)/(3/4) = 2/3;
    #         women hold 1/4, target 1/2 -> factor 2.   Weights: 2/3, 2/3, 2/3, 2.
    # Age:    young hold (2/3)/4 = 1/6 -> factor (1/2)/(1/6) = 3;
    #         old hold (2/3 + 2/3 + 2)/4 = 5/6 -> factor (1/2)/(5/6) = 3/5.
    # Weights after one cycle: 2/3*3 = 2, 2/3*3/5 = 0.4, 0.4, 2*3/5 = 1.2 (sum still 4).
    data = responses(("man", "young"), ("man", "old"), ("man", "old"), ("vrouw", "old"))
    result = rake(data, HALVES, max_iterations=1)
    np.testing.assert_allclose(result.weights, [2.0, 0.4, 0.4, 1.2], rtol=1e-12)
    # Gender is off again after the age step: men (2 + 0.4 + 0.4)/4 = 0.7, not 0.5.
    assert not result.converged
    assert result.max_margin_error == pytest.approx(0.2)


def test_independent_sample_converges_to_hand_weights() -> None:
    # Cells: (man, young) 1, (man, old) 3, (vrouw, young) 1, (vrouw, old) 3; n = 8.
    # Population: man 0.4, vrouw 0.6; young 0.5, old 0.5.
    # Gender: men hold 4/8 = 0.5 -> factor 0.4/0.5 = 0.8; women 0.5 -> 0.6/0.5 = 1.2.
    # Age: young hold (0.8 + 1.2)/8 = 0.25 -> factor 0.5/0.25 = 2;
    #      old hold (3*0.8 + 3*1.2)/8 = 0.75 -> factor 0.5/0.75 = 2/3.
    # Weights: (man, young) 1.6, (man, old) 8/15, (vrouw, young) 2.4, (vrouw, old) 0.8.
    # Check gender: men 1.6 + 3*8/15 = 3.2 = 0.4*8; women 2.4 + 3*0.8 = 4.8 = 0.6*8: exact,
    # because gender and age are independent in the sample, so the second cycle changes nothing.
    population = PopulationMargins.from_shares(
        {"gender": {"man": 0.4, "vrouw": 0.6}, "age": {"young": 0.5, "old": 0.5}}
    )
    data = responses(
        ("man", "young"),
        *[("man", "old")] * 3,
        ("vrouw", "young"),
        *[("vrouw", "old")] * 3,
    )
    result = rake(data, population)
    expected = [1.6, *[8 / 15] * 3, 2.4, *[0.8] * 3]
    np.testing.assert_allclose(result.weights, expected, rtol=1e-12)
    assert result.converged
    assert result.iterations <= 2
    # Kish by hand: sum w = 8; sum w^2 = 2.56 + 3*64/225 + 5.76 + 3*0.64 = 832/75;
    # n_eff = 64 / (832/75) = 75/13; deff = 8 / (75/13) = 104/75.
    assert result.effective_sample_size == pytest.approx(75 / 13, rel=1e-12)
    assert result.design_effect == pytest.approx(104 / 75, rel=1e-12)


def test_known_margins_are_met_to_1e_6() -> None:
    rng = np.random.default_rng(11)
    population = PopulationMargins.from_shares(
        {
            "age_band": {"15-24": 0.14, "25-44": 0.28, "45-64": 0.33, "65+": 0.25},
            "education": {"laag": 0.24, "middelbaar": 0.34, "hoog": 0.42},
            "area": {"noord": 0.3, "zuid": 0.5, "west": 0.2},
        }
    )
    skew = {"age_band": [0.05, 0.2, 0.35, 0.4], "education": [0.1, 0.3, 0.6], "area": [0.3] * 3}
    data = [
        {
            attribute: list(values)[rng.choice(len(values), p=np.divide(w, sum(w)))]
            for (attribute, values), w in zip(
                population.shares().items(), skew.values(), strict=True
            )
        }
        for _ in range(2000)
    ]
    for bounds in (None, TrimBounds(0.2, 5.0)):
        result = rake(data, population, bounds=bounds)
        assert result.converged
        for attribute, values in population.shares().items():
            for value, share in values.items():
                assert abs(result.weighted_margins[attribute][value] - share) < 1e-6
                mask = np.array([r[attribute] == value for r in data])
                assert abs(result.weights[mask].sum() / result.weights.sum() - share) < 1e-6


def test_trimming_keeps_weights_in_bounds_and_reports_the_miss() -> None:
    # One young respondent among 20 must carry half the weight: weight 10 x mean, over 3.
    data = responses(("man", "young"), *[("man", "old")] * 9, *[("vrouw", "old")] * 10)
    result = rake(data, HALVES, bounds=TrimBounds(0.5, 3.0))
    assert result.weights.min() >= 0.5 - 1e-12
    assert result.weights.max() <= 3.0 + 1e-12
    assert not result.converged
    assert result.max_margin_error > 0.1
    assert result.trimmed >= 1


def test_a_margin_without_respondents_is_refused_by_name() -> None:
    data = responses(("man", "old"), ("vrouw", "old"))
    with pytest.raises(WeightingError, match=r"no respondent has 'age' = 'young'"):
        rake(data, HALVES)


def test_a_value_outside_the_margins_is_refused() -> None:
    data = responses(("man", "old"), ("x", "young"))
    with pytest.raises(WeightingError, match=r"'gender' = 'x'"):
        rake(data, HALVES)


def test_kish_matches_its_formula_on_random_weights() -> None:
    w = np.random.default_rng(5).uniform(0.2, 5.0, size=500)
    assert kish_effective_sample_size(w) == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert design_effect(w) == pytest.approx(500 * (w**2).sum() / w.sum() ** 2)
    assert kish_effective_sample_size(np.ones(37)) == pytest.approx(37)


def test_shares_and_means_with_hand_margins_of_error() -> None:
    # Weights 1, 1, 2: n_eff = 4^2 / 6 = 8/3.
    # Share of "ja" (answers ja, nee, ja): (1 + 2)/4 = 0.75; SE = sqrt(0.75*0.25/(8/3)).
    shares = weighted_shares([1.0, 1.0, 2.0], ["ja", "nee", "ja"])
    assert shares["ja"].estimate == pytest.approx(0.75)
    assert shares["ja"].standard_error == pytest.approx(np.sqrt(0.0703125))
    assert shares["ja"].margin_of_error == pytest.approx(1.959964 * np.sqrt(0.0703125), rel=1e-6)
    # Mean of 1, 2, 4: (1 + 2 + 8)/4 = 2.75; s2 = (1.75^2 + 0.75^2 + 2*1.25^2)/4 = 1.6875;
    # SE = sqrt(1.6875/(8/3)).
    mean = weighted_mean([1.0, 1.0, 2.0], [1.0, 2.0, 4.0])
    assert mean.estimate == pytest.approx(2.75)
    assert mean.standard_error == pytest.approx(np.sqrt(1.6875 * 3 / 8))
    # No answer is left out of both.
    assert weighted_shares([1.0, 9.0], ["ja", ""])["ja"].estimate == 1.0
    assert weighted_mean([1.0, 9.0], [3.0, float("nan")]).estimate == 3.0


def test_doctests() -> None:
    assert doctest.testmod(estimates).failed == 0
