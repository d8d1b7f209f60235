# SPDX-License-Identifier: EUPL-1.2
"""Plain data for the sortition engine: the pool, the quotas and the results.

Everything here is a frozen dataclass over tuples or numpy arrays, so an instance can be handed
to any algorithm and a result can be published without the engine's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


class InputError(ValueError):
    """Inconsistent input: the message names the row, column or quota at fault."""


@dataclass(frozen=True)
class Quota:
    """At least ``min`` and at most ``max`` panel members with ``category`` = ``value``."""

    category: str
    value: str
    min: int
    max: int

    @property
    def label(self) -> str:
        return f"{self.category}={self.value} [{self.min}, {self.max}]"


@dataclass(frozen=True)
class Instance:
    """A pool of respondents, their feature values, the quotas and the panel size.

    ``features[i][c]`` is person ``i``'s value for ``categories[c]``. ``households[i]`` is a
    household key (for example a normalised address) or ``None``; when ``households`` is given,
    at most one member of a household may sit on the panel.
    """

    ids: tuple[str, ...]
    categories: tuple[str, ...]
    features: tuple[tuple[str, ...], ...]
    quotas: tuple[Quota, ...]
    k: int
    households: tuple[str | None, ...] | None = None

    def __post_init__(self) -> None:
        _check(self)

    @property
    def n(self) -> int:
        return len(self.ids)

    def with_size(self, k: int) -> Instance:
        return Instance(self.ids, self.categories, self.features, self.quotas, k, self.households)


@dataclass(frozen=True)
class StageLog:
    """One LEXIMIN stage (maximin is the first stage alone).

    ``value`` is the guaranteed probability reached by the distribution found; ``bound`` is the
    dual bound (no distribution can do better for the types still free), so ``gap = bound -
    value`` certifies the stage. ``fixed`` counts the people whose probability the stage fixed.
    """

    stage: int
    value: float
    bound: float
    fixed_types: int
    fixed_people: int
    columns: int
    pricing_rounds: int
    seconds: float

    @property
    def gap(self) -> float:
        return self.bound - self.value


@dataclass(frozen=True)
class Distribution:
    """A lottery over panels and what it means for each person.

    Panels are given per type (people with the same feature values, and household where that
    matters): ``panel_counts[j, t]`` members of type ``t`` sit on panel ``j``, chosen uniformly
    among the type's members, and panel ``j`` is drawn with probability ``weights[j]``.
    ``type_of[i]`` is person ``i``'s type and ``probabilities[i]`` their selection probability.
    ``certified_gap`` is the largest stage gap (``None`` where no certificate exists: legacy
    gives a Monte Carlo estimate, nash a Frank-Wolfe gap in ``stages``).
    """

    algorithm: str
    panel_counts: np.ndarray
    weights: np.ndarray
    type_of: np.ndarray
    probabilities: np.ndarray
    stages: tuple[StageLog, ...] = field(default=())
    certified_gap: float | None = None

    @property
    def min_probability(self) -> float:
        return float(self.probabilities.min())

    @property
    def spread(self) -> float:
        """Largest minus smallest selection probability."""
        return float(self.probabilities.max() - self.probabilities.min())


def _check(instance: Instance) -> None:
    """Refuse inconsistent data, naming the row or quota at fault (rows count from 1)."""
    first_row: dict[str, int] = {}
    for row, person in enumerate(instance.ids, start=1):
        if person in first_row:
            raise InputError(f"duplicate id {person!r}: pool rows {first_row[person]} and {row}")
        first_row[person] = row
    width = len(instance.categories)
    allowed: dict[str, set[str]] = {}
    seen: set[tuple[str, str]] = set()
    for quota in instance.quotas:
        if quota.category not in instance.categories:
            raise InputError(f"quota {quota.label}: the pool has no column {quota.category!r}")
        if (quota.category, quota.value) in seen:
            raise InputError(f"quota {quota.label}: listed twice")
        if not 0 <= quota.min <= quota.max:
            raise InputError(f"quota {quota.label}: needs 0 <= min <= max")
        seen.add((quota.category, quota.value))
        allowed.setdefault(quota.category, set()).add(quota.value)
    for row, values in enumerate(instance.features, start=1):
        if len(values) != width:
            raise InputError(f"pool row {row}: {len(values)} values for {width} categories")
        for category, value in zip(instance.categories, values, strict=True):
            if category in allowed and value not in allowed[category]:
                raise InputError(
                    f"pool row {row} (id {instance.ids[row - 1]!r}): {category}={value!r} "
                    "has no quota"
                )
    if instance.households is not None and len(instance.households) != instance.n:
        raise InputError("one household key per person is needed")
    if not 0 < instance.k <= instance.n:
        raise InputError(
            f"panel size {instance.k} must be between 1 and the pool size {instance.n}"
        )
    for category in allowed:
        minimums = [q for q in instance.quotas if q.category == category]
        if sum(q.min for q in minimums) > instance.k:
            raise InputError(
                f"quotas of {category!r}: minimums sum to {sum(q.min for q in minimums)}, above "
                f"the panel size {instance.k} ({', '.join(q.label for q in minimums)})"
            )
