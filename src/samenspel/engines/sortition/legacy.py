# SPDX-License-Identifier: EUPL-1.2
"""The greedy sequential method ("legacy") that panels were drawn with before LEXIMIN.

As described by Flanigan et al. (Nature 596, 2021, Methods, "LEGACY"): seats are filled one at a
time; each time, among the quota values still short of their minimum, the one whose shortfall is
largest relative to the respondents still available for it is chosen, and a respondent with that
value is drawn uniformly (anyone available once every minimum is met). Respondents who would
break a maximum, or share a household with a member, drop out of the running; a draw that gets
stuck starts again. Its selection probabilities have no closed form: they are estimated from
``draws`` seeded draws, so no certificate exists.
"""

from __future__ import annotations

import numpy as np

from samenspel.engines.sortition.model import Instance
from samenspel.engines.sortition.typespace import TypeSpace


def _draw(
    instance: Instance,
    rows: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    household: np.ndarray,
    rng: np.random.Generator,
) -> list[int] | None:
    seated = np.zeros(lower.size, dtype=np.int64)
    available = np.ones(instance.n, dtype=bool)
    panel: list[int] = []
    for _ in range(instance.k):
        if not available.any():
            return None
        supply = np.bincount(rows[available].ravel(), minlength=lower.size)
        short = (seated < lower) & (supply > 0)
        if (seated < lower).any() and not short.any():
            return None
        candidates = available
        if short.any():
            urgency = np.where(short, (lower - seated) / np.maximum(supply, 1), -1.0)
            best = np.flatnonzero(urgency == urgency.max())
            quota = best[rng.integers(best.size)]
            candidates = available & np.any(rows == quota, axis=1)
        person = int(rng.choice(np.flatnonzero(candidates)))
        panel.append(person)
        seated[rows[person]] += 1
        available[person] = False
        if household[person] >= 0:
            available &= household != household[person]
        full = seated >= upper
        available &= ~np.any(full[rows], axis=1)
    return panel if np.all(seated >= lower) else None


def legacy(
    instance: Instance, space: TypeSpace, *, seed: int = 0, draws: int = 1000
) -> tuple[np.ndarray, np.ndarray]:
    """``draws`` legacy panels as type counts, equally weighted (an empirical lottery)."""
    rng = np.random.default_rng(seed)
    column = {c: i for i, c in enumerate(instance.categories)}
    row_of = {(q.category, q.value): r for r, q in enumerate(instance.quotas)}
    quoted = sorted({column[q.category] for q in instance.quotas})
    rows = np.array(
        [
            [row_of[instance.categories[c], values[c]] for c in quoted]
            for values in instance.features
        ],
        dtype=np.int64,
    ).reshape(instance.n, len(quoted))
    keys = {key: i for i, key in enumerate(dict.fromkeys(instance.households or ()))}
    household = np.array(
        [keys[key] if key is not None else -1 for key in instance.households or [None] * instance.n]
    )
    panels = []
    for _ in range(50 * draws):
        panel = _draw(instance, rows, space.lower, space.upper, household, rng)
        if panel is not None:
            panels.append(np.bincount(space.type_of[panel], minlength=space.count))
            if len(panels) == draws:
                break
    if not panels:
        raise RuntimeError("the legacy method got stuck on every attempt")
    return np.asarray(panels), np.full(len(panels), 1.0 / len(panels))
