# SPDX-License-Identifier: EUPL-1.2
"""Shared helpers: the reference instances in ``data/reference`` and small random pools."""

from __future__ import annotations

import random
from pathlib import Path

from samenspel.engines.sortition import instances
from samenspel.engines.sortition.model import Instance, Quota

HERE = Path(__file__).resolve().parent / "data"
DATA = HERE / "reference"


def load(name: str) -> Instance:
    """One of the reference instances (see ``data/reference/README.md``)."""
    return instances.load(DATA, name)


def random_instance(
    rng: random.Random, n: int, k: int, categories: int, households: bool
) -> Instance:
    """A random pool whose quotas admit at least one panel (built around a random panel)."""
    names = tuple(f"c{c}" for c in range(categories))
    values = [[f"v{v}" for v in range(rng.randint(2, 3))] for _ in names]
    features = tuple(tuple(rng.choice(vals) for vals in values) for _ in range(n))
    homes = None
    if households:
        homes = tuple(rng.choice([None, None, "h1", "h2", "h3"]) for _ in range(n))
    # A panel with one member per household at most, then quotas around its counts.
    order = list(range(n))
    rng.shuffle(order)
    panel, used = [], set()
    for person in order:
        home = homes[person] if homes else None
        if home in used:
            continue
        if home is not None:
            used.add(home)
        panel.append(person)
        if len(panel) == k:
            break
    k = len(panel)
    quotas = []
    for c, name in enumerate(names):
        for value in values[c]:
            seated = sum(features[i][c] == value for i in panel)
            quotas.append(
                Quota(name, value, max(0, seated - rng.randint(0, 1)), seated + rng.randint(0, 1))
            )
    return Instance(
        ids=tuple(f"p{i}" for i in range(n)),
        categories=names,
        features=features,
        quotas=tuple(quotas),
        k=k,
        households=homes,
    )
