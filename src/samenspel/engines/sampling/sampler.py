# SPDX-License-Identifier: EUPL-1.2
"""Choose whom to invite: a representative sample of panel members under a fatigue limit.

Method
------
1. **Fatigue first.** Members the :class:`FatigueLimit` rules out (too many invitations in the
   last 12 months, or one too recent) are removed before anything else, so no choice made later
   can break the limit. They are reported in :attr:`Sample.excluded_by_fatigue`.
2. **Cells.** The eligible members are grouped into cells of identical attribute values (and
   expected response rate).
3. **Counts per cell.** An integer program (:mod:`~samenspel.engines.sampling.allocation`) picks
   how many to invite from each cell so that, for every attribute, the shares among the expected
   respondents come as close to the population's as the panel allows: it minimises the largest
   gap, then the sum of gaps. Response rates make it invite more where fewer answer.
4. **Members within a cell.** From each cell the chosen number of members is drawn uniformly at
   random without replacement, with ``numpy.random.default_rng(seed)``, cells in sorted order
   and members sorted by id.

Fairness: members who share all attribute values (a cell) are interchangeable for every margin,
so any choice among them is an equally good sample. Step 4 gives each of them the same chance
of being invited, ``invited / eligible`` of their cell (see :attr:`Sample.cells`), which is
published with the result. Between cells, many count vectors are often equally good; the
solver's own random choices (HiGHS's ``random_seed``) get the draw's seed, so which of them is
chosen varies from draw to draw instead of always favouring the same groups. That is randomised
tie-breaking, not a uniform lottery over all equally good count vectors (which would need them
enumerated). The seed makes the whole draw reproducible.

This is stratified sampling with strata formed by crossing the attributes and allocation by
controlled selection towards marginal totals (Goodman & Kish 1950, "Controlled selection — a
technique in probability sampling", *JASA* 45).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from samenspel.engines.population import PopulationMargins
from samenspel.engines.sampling.allocation import allocate


class SamplingError(ValueError):
    """The request cannot be met; the message names what is wrong."""


@dataclass(frozen=True)
class FatigueLimit:
    """At most ``max_per_year`` invitations in 12 months (this one included), and none
    within ``min_days`` days of the previous one."""

    max_per_year: int = 4
    min_days: int = 30

    def allows(self, member: Member) -> bool:
        """Whether inviting ``member`` now stays within the limit."""
        recent = member.days_since_last_invitation
        return member.invitations_last_12_months < self.max_per_year and (
            recent is None or recent >= self.min_days
        )


@dataclass(frozen=True)
class Member:
    """A panel member: profile attributes, invitation history, expected response rate."""

    id: str
    attributes: Mapping[str, str]
    invitations_last_12_months: int = 0
    days_since_last_invitation: int | None = None
    response_rate: float = 1.0


@dataclass(frozen=True)
class Gap:
    """One attribute value: population share against the (expected) sample share."""

    attribute: str
    value: str
    population_share: float
    sample_share: float

    @property
    def gap(self) -> float:
        """Sample share minus population share (positive: over-represented)."""
        return self.sample_share - self.population_share


@dataclass(frozen=True)
class Cell:
    """Eligible members with the same values: how many there were and how many are invited.
    Each of them is invited with probability ``invited / eligible``."""

    values: tuple[str, ...]
    response_rate: float
    eligible: int
    invited: int


@dataclass(frozen=True)
class Sample:
    """The outcome of :func:`draw_sample`, with what is needed to explain it."""

    selected: tuple[str, ...]
    attributes: tuple[str, ...]
    composition: Mapping[str, Mapping[str, float]]
    expected_response_composition: Mapping[str, Mapping[str, float]]
    gaps: tuple[Gap, ...]
    excluded_by_fatigue: tuple[str, ...]
    cells: tuple[Cell, ...]
    seed: int
    optimal: bool

    @property
    def max_gap(self) -> float:
        """The largest absolute gap between expected response share and population share."""
        return max(abs(g.gap) for g in self.gaps)

    def largest_gaps(self, count: int = 5) -> tuple[Gap, ...]:
        """The ``count`` largest absolute gaps, largest first."""
        return self.gaps[:count]


def eligible_members(
    members: Sequence[Member], fatigue: FatigueLimit
) -> tuple[list[Member], list[Member]]:
    """Split members into (eligible, excluded by the fatigue limit)."""
    eligible: list[Member] = []
    excluded: list[Member] = []
    for member in members:
        (eligible if fatigue.allows(member) else excluded).append(member)
    return eligible, excluded


def _check_request(
    members: Sequence[Member], population: PopulationMargins, size: int
) -> dict[str, set[str]]:
    if size < 1:
        raise SamplingError(f"the sample size must be at least 1, not {size}")
    duplicates = [i for i, n in Counter(m.id for m in members).items() if n > 1]
    if duplicates:
        raise SamplingError(f"member id {duplicates[0]!r} occurs more than once")
    present = {a: {m.attributes.get(a, "") for m in members} for a in population.attributes}
    for attribute, values in present.items():
        if "" in values:
            member = next(m for m in members if not m.attributes.get(attribute))
            raise SamplingError(f"attribute {attribute!r} is missing for member {member.id!r}")
    for member in members:
        if not 0.0 < member.response_rate <= 1.0:
            raise SamplingError(
                f"member {member.id!r} has response rate {member.response_rate}, not in (0, 1]"
            )
    for margin in population.margins:
        if margin.share > 0 and margin.value not in present[margin.attribute]:
            raise SamplingError(
                f"no member has value {margin.value!r} of attribute {margin.attribute!r}, "
                f"which is {margin.share:.1%} of the population"
            )
    return present


def draw_sample(
    members: Sequence[Member],
    population: PopulationMargins,
    size: int,
    *,
    seed: int,
    fatigue: FatigueLimit | None = None,
    time_limit: float = 60.0,
) -> Sample:
    """Invite ``size`` members whose expected responses match ``population`` as closely as the
    panel allows, never breaking ``fatigue`` (default :class:`FatigueLimit`).

    Members' values not in the population margins count as a population share of 0. Raises
    :class:`SamplingError` for an impossible request: a size larger than the eligible members,
    an attribute a member lacks, a population value no member has.
    """
    fatigue = fatigue or FatigueLimit()
    present = _check_request(members, population, size)
    eligible, excluded = eligible_members(members, fatigue)
    if size > len(eligible):
        raise SamplingError(
            f"asked for {size} members, but the fatigue limit (at most "
            f"{fatigue.max_per_year} invitations a year, none within {fatigue.min_days} days) "
            f"leaves {len(eligible)} of {len(members)}"
        )

    attributes = population.attributes
    shares = population.shares()
    # Every margin, the population's values first, then values only members have (share 0).
    margins = [
        (a, v) for a in attributes for v in [*shares[a], *sorted(present[a] - shares[a].keys())]
    ]
    margin_index = {key: i for i, key in enumerate(margins)}
    targets = np.array([shares[a].get(v, 0.0) for a, v in margins])

    groups: dict[tuple[tuple[str, ...], float], list[Member]] = {}
    for member in eligible:
        key = (tuple(member.attributes[a] for a in attributes), member.response_rate)
        groups.setdefault(key, []).append(member)
    keys = sorted(groups)
    allocation = allocate(
        capacities=np.array([len(groups[k]) for k in keys], dtype=np.int64),
        rates=np.array([rate for _, rate in keys]),
        cell_margins=np.array(
            [
                [margin_index[(a, v)] for a, v in zip(attributes, values, strict=True)]
                for values, _ in keys
            ],
            dtype=np.int64,
        ).reshape(len(keys), len(attributes)),
        shares=targets,
        margin_attributes=np.array([attributes.index(a) for a, _ in margins], dtype=np.int64),
        size=size,
        seed=seed,
        time_limit=time_limit,
    )

    rng = np.random.default_rng(seed)
    selected: list[Member] = []
    cells = []
    for key, count in zip(keys, allocation.counts, strict=True):
        group = sorted(groups[key], key=lambda m: m.id)
        chosen: np.ndarray | list[int] = (
            rng.choice(len(group), size=int(count), replace=False) if count else []
        )
        selected.extend(group[i] for i in chosen)
        cells.append(Cell(key[0], key[1], len(group), int(count)))

    composition = _composition(selected, margins, lambda m: 1.0)
    expected = _composition(selected, margins, lambda m: m.response_rate)
    gaps = sorted(
        (Gap(a, v, float(targets[margin_index[(a, v)]]), expected[a][v]) for a, v in margins),
        key=lambda g: (-abs(g.gap), g.attribute, g.value),
    )
    return Sample(
        selected=tuple(sorted(m.id for m in selected)),
        attributes=attributes,
        composition=composition,
        expected_response_composition=expected,
        gaps=tuple(gaps),
        excluded_by_fatigue=tuple(sorted(m.id for m in excluded)),
        cells=tuple(cells),
        seed=seed,
        optimal=allocation.optimal,
    )


def _composition(
    selected: Sequence[Member],
    margins: Sequence[tuple[str, str]],
    weight: Callable[[Member], float],
) -> dict[str, dict[str, float]]:
    """Weighted shares of every margin's value among ``selected``."""
    totals: dict[tuple[str, str], float] = dict.fromkeys(margins, 0.0)
    for member in selected:
        w = weight(member)
        for attribute, value in member.attributes.items():
            if (attribute, value) in totals:
                totals[(attribute, value)] += w
    overall = sum(weight(m) for m in selected)
    result: dict[str, dict[str, float]] = {}
    for (attribute, value), total in totals.items():
        result.setdefault(attribute, {})[value] = total / overall
    return result
