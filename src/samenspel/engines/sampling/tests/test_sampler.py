# SPDX-License-Identifier: EUPL-1.2
"""The sampler: representative, never beyond the fatigue limit, fair within cells, seeded."""

from __future__ import annotations

import doctest
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samenspel.engines.population import PopulationMargins, read_margins_csv
from samenspel.engines.sampling import (
    DEFAULT_TILT,
    FatigueLimit,
    Member,
    SamplingError,
    allocation,
    draw_sample,
    skewed_panel,
)

ZEIST = Path(__file__).parents[2] / "population" / "data" / "GM0355.csv"


def within_limit(member: Member, max_per_year: int, min_days: int) -> bool:
    """The fatigue rule, written out independently of :class:`FatigueLimit`."""
    days = member.days_since_last_invitation
    return member.invitations_last_12_months + 1 <= max_per_year and (
        days is None or days >= min_days
    )


def shares_of(members: list[Member], attribute: str) -> dict[str, float]:
    counts = Counter(m.attributes[attribute] for m in members)
    return {value: count / len(members) for value, count in counts.items()}


def test_skewed_panel_of_1500_gives_400_within_3_points() -> None:
    population = read_margins_csv(ZEIST)
    panel = skewed_panel(population, 1500, seed=2026)
    # The panel is skewed: older and higher-educated residents over-represented.
    shares = population.shares()
    assert shares_of(list(panel), "age_band")["65+"] > shares["age_band"]["65+"] + 0.10
    assert shares_of(list(panel), "education")["hoog"] > shares["education"]["hoog"] + 0.10
    assert shares_of(list(panel), "age_band")["15-24"] < shares["age_band"]["15-24"] - 0.05

    sample = draw_sample(panel, population, 400, seed=7)
    by_id = {m.id: m for m in panel}
    chosen = [by_id[i] for i in sample.selected]
    assert len(set(sample.selected)) == 400
    assert all(within_limit(m, 4, 30) for m in chosen)
    for attribute, values in shares.items():
        counted = shares_of(chosen, attribute)
        for value, share in values.items():
            assert abs(counted.get(value, 0.0) - share) <= 0.03, (attribute, value)
    assert sample.max_gap <= 0.03
    assert sample.optimal
    excluded = {m.id for m in panel if not within_limit(m, 4, 30)}
    assert set(sample.excluded_by_fatigue) == excluded


@st.composite
def panel_with_exact_solution(
    draw: st.DrawFn,
) -> tuple[list[Member], PopulationMargins, int, int, int]:
    """A random panel, fatigue limit and size, and margins copied from a hidden subset of
    eligible members: that subset is an exact solution, by construction."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n_values = [draw(st.integers(2, 4)) for _ in range(draw(st.integers(1, 4)))]
    size = draw(st.integers(5, 120))
    max_per_year, min_days = draw(st.integers(1, 5)), draw(st.integers(0, 60))
    members = []
    for i in range(size):
        invitations = int(rng.integers(0, 6))
        members.append(
            Member(
                id=f"p{i}",
                attributes={f"a{j}": f"v{rng.integers(0, k)}" for j, k in enumerate(n_values)},
                invitations_last_12_months=invitations,
                days_since_last_invitation=int(rng.integers(0, 365)) if invitations else None,
            )
        )
    eligible = [m for m in members if within_limit(m, max_per_year, min_days)]
    assume(eligible)
    n = draw(st.integers(1, min(len(eligible), 40)))
    hidden = [eligible[i] for i in rng.choice(len(eligible), size=n, replace=False)]
    population = PopulationMargins.from_shares(
        {f"a{j}": shares_of(hidden, f"a{j}") for j in range(len(n_values))}
    )
    return members, population, n, max_per_year, min_days


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(panel_with_exact_solution(), st.integers(0, 1000))
def test_property_fatigue_never_broken_and_exact_margins_met(case, seed: int) -> None:
    members, population, n, max_per_year, min_days = case
    sample = draw_sample(
        members, population, n, seed=seed, fatigue=FatigueLimit(max_per_year, min_days)
    )
    by_id = {m.id: m for m in members}
    chosen = [by_id[i] for i in sample.selected]
    assert len(set(sample.selected)) == n
    assert all(within_limit(m, max_per_year, min_days) for m in chosen)
    for attribute in population.attributes:
        counted = shares_of(chosen, attribute)
        targets = population.shares()[attribute]
        for value in set(counted) | set(targets):
            assert abs(counted.get(value, 0.0) - targets.get(value, 0.0)) <= 0.03


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 5), st.integers(0, 60), st.integers(1, 200))
def test_property_fatigue_never_broken_for_any_margins(
    seed: int, max_per_year: int, min_days: int, size: int
) -> None:
    rng = np.random.default_rng(seed)
    population = PopulationMargins.from_shares(
        {
            "age_band": dict(zip(["jong", "midden", "oud"], rng.dirichlet([1, 1, 1]), strict=True)),
            "gender": dict(zip(["man", "vrouw"], rng.dirichlet([1, 1]), strict=True)),
        }
    )
    panel = skewed_panel(population, 150, seed=seed % 1000)
    eligible = [m for m in panel if within_limit(m, max_per_year, min_days)]
    for attribute, values in population.shares().items():
        assume({m.attributes[attribute] for m in panel} == set(values))
    fatigue = FatigueLimit(max_per_year, min_days)
    if size > len(eligible):
        with pytest.raises(SamplingError, match="fatigue limit"):
            draw_sample(panel, population, size, seed=seed, fatigue=fatigue)
        return
    sample = draw_sample(panel, population, size, seed=seed, fatigue=fatigue)
    by_id = {m.id: m for m in panel}
    assert len(set(sample.selected)) == size
    assert all(within_limit(by_id[i], max_per_year, min_days) for i in sample.selected)


def test_fatigue_limit_boundaries() -> None:
    limit = FatigueLimit()
    assert limit.allows(Member("a", {}, 3, 30))
    assert not limit.allows(Member("b", {}, 4, 200))
    assert not limit.allows(Member("c", {}, 0, 29))
    assert limit.allows(Member("d", {}, 0, None))


def gender_panel(men: int, women: int, **kwargs: Any) -> list[Member]:
    return [Member(f"m{i:02d}", {"gender": "man"}, **kwargs) for i in range(men)] + [
        Member(f"v{i:02d}", {"gender": "vrouw"}) for i in range(women)
    ]


HALF = PopulationMargins.from_shares({"gender": {"man": 0.5, "vrouw": 0.5}})


def test_uniform_chance_within_a_cell() -> None:
    # Population 50/50, 4 men and 10 women, sample 4: 2 of each, so each woman is invited with
    # probability 2/10. Over 400 seeds each woman's frequency should be 0.2 (sd 0.02).
    panel = gender_panel(4, 10)
    counts: Counter[str] = Counter()
    for seed in range(400):
        sample = draw_sample(panel, HALF, 4, seed=seed)
        counts.update(sample.selected)
        assert sum(i.startswith("m") for i in sample.selected) == 2
    for i in range(10):
        assert abs(counts[f"v{i:02d}"] / 400 - 0.2) < 0.07
    woman_cell = next(c for c in sample.cells if c.values == ("vrouw",))
    assert (woman_cell.eligible, woman_cell.invited) == (10, 2)


def test_same_seed_same_sample() -> None:
    population = read_margins_csv(ZEIST)
    panel = skewed_panel(population, 600, seed=1)
    first = draw_sample(panel, population, 100, seed=42)
    assert draw_sample(list(reversed(panel)), population, 100, seed=42).selected == first.selected
    assert draw_sample(panel, population, 100, seed=43).selected != first.selected


def test_equally_good_count_vectors_vary_with_the_seed() -> None:
    population = read_margins_csv(ZEIST)
    panel = skewed_panel(population, 1500, seed=2026)
    samples = [draw_sample(panel, population, 400, seed=seed) for seed in range(4)]
    vectors = {tuple(c.invited for c in s.cells) for s in samples}
    assert len(vectors) > 1
    assert all(s.max_gap <= 0.03 for s in samples)


def test_response_rates_invite_more_where_fewer_answer() -> None:
    # Men answer with 0.25, women with 0.5; to expect equal numbers of answers among 60
    # invitations: 0.25 x = 0.5 (60 - x), so x = 40 men and 20 women (10 answers each).
    panel = [Member(f"m{i:02d}", {"gender": "man"}, response_rate=0.25) for i in range(50)] + [
        Member(f"v{i:02d}", {"gender": "vrouw"}, response_rate=0.5) for i in range(50)
    ]
    sample = draw_sample(panel, HALF, 60, seed=3)
    assert sum(i.startswith("m") for i in sample.selected) == 40
    assert sample.expected_response_composition["gender"]["man"] == pytest.approx(0.5)
    assert sample.composition["gender"]["man"] == pytest.approx(2 / 3)


def test_response_rates_on_a_skewed_panel() -> None:
    population = read_margins_csv(ZEIST)
    # Young residents answer least; the panel is skewed in education only, so that it has
    # enough young members to invite about twice their population share.
    rates = {"15-24": 0.15, "25-44": 0.25, "45-64": 0.35, "65+": 0.5}
    tilt = {"education": DEFAULT_TILT["education"]}
    panel = [
        replace(m, response_rate=rates[m.attributes["age_band"]])
        for m in skewed_panel(population, 1500, seed=2026, tilt=tilt)
    ]
    sample = draw_sample(panel, population, 400, seed=1)
    assert sample.max_gap <= 0.03
    young = population.shares()["age_band"]["15-24"]
    assert sample.composition["age_band"]["15-24"] > young + 0.05


def test_scarce_group_reports_the_gap() -> None:
    # Only 5 men are eligible for a 50/50 sample of 40: 5 men, 35 women; gap 5/40 - 0.5.
    sample = draw_sample(gender_panel(5, 60), HALF, 40, seed=0)
    assert sample.largest_gaps(1)[0].gap == pytest.approx(-0.375)


@pytest.mark.parametrize(
    ("panel", "population", "size", "message"),
    [
        (gender_panel(3, 3, invitations_last_12_months=4), HALF, 4, "fatigue limit .* leaves 3"),
        (gender_panel(0, 5), HALF, 2, "no member has value 'man'"),
        ([Member("x", {"age": "oud"})], HALF, 1, "attribute 'gender' is missing for member 'x'"),
        (gender_panel(2, 2) + gender_panel(1, 0), HALF, 2, "'m00' occurs more than once"),
    ],
)
def test_impossible_requests_are_refused(panel, population, size, message) -> None:
    with pytest.raises(SamplingError, match=message):
        draw_sample(panel, population, size, seed=0)


def test_doctests() -> None:
    assert doctest.testmod(allocation).failed == 0
