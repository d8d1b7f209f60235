"""Synthetic panels for tests, benchmarks and demos: skewed the way real panels are.

Each member's values are drawn independently per attribute with probability proportional to
``population share × tilt``; the default tilt over-represents older and higher-educated
residents, as panels usually do. Invitation histories are random too, so some members are
ruled out by the fatigue limit.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from samenspel.engines.population import PopulationMargins
from samenspel.engines.sampling.sampler import Member

#: Older and higher-educated residents join panels more readily.
DEFAULT_TILT: Mapping[str, Mapping[str, float]] = {
    "age_band": {"15-24": 0.4, "25-44": 0.8, "45-64": 1.3, "65+": 1.8},
    "education": {"laag": 0.5, "middelbaar": 0.9, "hoog": 1.8},
}

_INVITATIONS = np.arange(6)
_INVITATION_ODDS = np.array([0.35, 0.25, 0.15, 0.1, 0.1, 0.05])


def skewed_panel(
    population: PopulationMargins,
    size: int,
    *,
    seed: int,
    tilt: Mapping[str, Mapping[str, float]] = DEFAULT_TILT,
) -> tuple[Member, ...]:
    """``size`` members with ids ``m00001``…, values skewed by ``tilt``, random histories."""
    rng = np.random.default_rng(seed)
    columns = {}
    for attribute, shares in population.shares().items():
        values = list(shares)
        odds = np.array([shares[v] * tilt.get(attribute, {}).get(v, 1.0) for v in values])
        picks = rng.choice(len(values), size=size, p=odds / odds.sum())
        columns[attribute] = [values[i] for i in picks]
    invitations = rng.choice(_INVITATIONS, size=size, p=_INVITATION_ODDS)
    days = rng.integers(1, 365, size=size)
    width = len(str(size))
    return tuple(
        Member(
            id=f"m{i + 1:0{width}d}",
            attributes={a: column[i] for a, column in columns.items()},
            invitations_last_12_months=int(invitations[i]),
            days_since_last_invitation=int(days[i]) if invitations[i] else None,
        )
        for i in range(size)
    )
