# SPDX-License-Identifier: EUPL-1.2
"""One entry point for every algorithm: ``compute(instance, algorithm)``.

Stable algorithm ids (``ALGORITHMS``): ``leximin`` (default), ``maximin``, ``nash``, ``legacy``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from samenspel.engines.sortition.model import Distribution, Instance, StageLog
from samenspel.engines.sortition.typespace import TypeSpace, build_types

Progress = Callable[[str], None]

ALGORITHMS = ("leximin", "maximin", "nash", "legacy")
DEFAULT_ALGORITHM = "leximin"


def compute(
    instance: Instance,
    algorithm: str = DEFAULT_ALGORITHM,
    *,
    seed: int = 0,
    draws: int = 1000,
    progress: Progress | None = None,
) -> Distribution:
    """The selection lottery of ``algorithm`` for ``instance``.

    Raises ``InfeasibleQuotas`` (with the smallest relaxation) when no panel meets the quotas.
    ``seed`` and ``draws`` only matter for ``legacy``, whose probabilities are estimated from
    ``draws`` sampled panels.
    """
    from samenspel.engines.sortition.feasibility import require_feasible

    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose from {', '.join(ALGORITHMS)}")
    space = build_types(instance)
    require_feasible(instance, space)
    if algorithm == "legacy":
        from samenspel.engines.sortition.legacy import legacy

        counts, weights = legacy(instance, space, seed=seed, draws=draws)
        return _distribution("legacy", space, counts, weights, (), None)
    from samenspel.engines.sortition.leximin import leximin

    counts, weights, stages = leximin(
        space, max_stages=None if algorithm == "leximin" else 1, progress=progress
    )
    if algorithm == "nash":
        from samenspel.engines.sortition.nash import nash

        counts, weights, stages = nash(space, counts, weights, progress=progress)
        return _distribution("nash", space, counts, weights, stages, None)
    gap = max(stage.gap for stage in stages)
    return _distribution(algorithm, space, counts, weights, stages, gap)


def _distribution(
    algorithm: str,
    space: TypeSpace,
    counts: np.ndarray,
    weights: np.ndarray,
    stages: tuple[StageLog, ...],
    gap: float | None,
) -> Distribution:
    keep = weights > 1e-12
    counts, weights = counts[keep], weights[keep] / weights[keep].sum()
    return Distribution(
        algorithm=algorithm,
        panel_counts=counts,
        weights=weights,
        type_of=space.type_of,
        probabilities=space.person_probabilities(weights @ counts),
        stages=stages,
        certified_gap=gap,
    )
