# SPDX-License-Identifier: EUPL-1.2
"""Reduce a pool to types: people who are interchangeable for every quota.

Two respondents with the same feature values can swap places in any panel without breaking a
quota, so LEXIMIN gives them the same probability (Flanigan et al., Nature 596, 2021, use this
symmetry implicitly). Working on types turns a panel into a vector of counts per type, which keeps
the pricing problems and the LEXIMIN stages small. "At most one per household" breaks the
symmetry between two people only if one of them shares a household: such people get a type of
their own per (feature values, household), and a household row caps the panel at one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samenspel.engines.sortition.model import Instance


@dataclass(frozen=True)
class TypeSpace:
    """Types of an instance.

    ``size[t]`` people belong to type ``t``; ``members[t]`` lists them (person indices, in pool
    order); ``type_of[i]`` is person ``i``'s type. ``quota_matrix[q, t]`` is 1 when type ``t``
    counts for quota ``q``; ``lower``/``upper`` are the quota bounds. ``household_groups`` lists,
    per shared household, the types that may contribute at most one member together.
    """

    size: np.ndarray
    members: tuple[np.ndarray, ...]
    type_of: np.ndarray
    quota_matrix: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    k: int
    household_groups: tuple[np.ndarray, ...]

    @property
    def in_household(self) -> np.ndarray:
        """Whether each type belongs to a shared household."""
        flags = np.zeros(self.count, dtype=bool)
        for group in self.household_groups:
            flags[group] = True
        return flags

    @property
    def count(self) -> int:
        return int(self.size.size)

    def person_probabilities(self, expected_counts: np.ndarray) -> np.ndarray:
        """Spread each type's expected panel seats equally over its members."""
        probabilities: np.ndarray = (expected_counts / self.size)[self.type_of]
        return probabilities

    def meets_quotas(self, counts: np.ndarray) -> bool:
        """Whether a panel given as counts per type meets size, quotas and households."""
        per_quota = self.quota_matrix @ counts
        return bool(
            counts.sum() == self.k
            and np.all(counts >= 0)
            and np.all(counts <= self.size)
            and np.all(per_quota >= self.lower)
            and np.all(per_quota <= self.upper)
            and all(counts[group].sum() <= 1 for group in self.household_groups)
        )


def build_types(instance: Instance) -> TypeSpace:
    """Group the pool into types (see the module docstring)."""
    shared: set[str] = set()
    if instance.households is not None:
        seen: set[str] = set()
        for key in instance.households:
            if key is not None:
                (shared if key in seen else seen).add(key)
    index: dict[tuple[tuple[str, ...], str | None], int] = {}
    type_of = np.empty(instance.n, dtype=np.int64)
    for person, values in enumerate(instance.features):
        household = instance.households[person] if instance.households is not None else None
        features = (values, household if household in shared else None)
        type_of[person] = index.setdefault(features, len(index))
    size = np.bincount(type_of, minlength=len(index))
    order = np.argsort(type_of, kind="stable")
    members = tuple(np.split(order, np.cumsum(size)[:-1]))
    keys = list(index)
    column = {category: c for c, category in enumerate(instance.categories)}
    quota_matrix = np.zeros((len(instance.quotas), len(keys)), dtype=np.int64)
    for q, quota in enumerate(instance.quotas):
        c = column[quota.category]
        quota_matrix[q] = [values[c] == quota.value for values, _ in keys]
    groups: dict[str, list[int]] = {}
    for t, (_, household) in enumerate(keys):
        if household is not None:
            groups.setdefault(household, []).append(t)
    return TypeSpace(
        size=size,
        members=members,
        type_of=type_of,
        quota_matrix=quota_matrix,
        lower=np.array([q.min for q in instance.quotas], dtype=np.int64),
        upper=np.array([q.max for q in instance.quotas], dtype=np.int64),
        k=instance.k,
        household_groups=tuple(np.array(g, dtype=np.int64) for g in groups.values()),
    )
