# SPDX-License-Identifier: EUPL-1.2
"""One call for a whole selection, for the command line and for a background task.

``prepare`` computes the lottery (LEXIMIN by default), rounds it to ``m`` equally likely panels
and returns the record to publish *before* the draw; ``draw`` adds the public number or seed
and the drawn panel to that record, without recomputing anything; ``select_panel`` does both.
``progress(fraction, message)``, when given, hears how far the work is: ``fraction`` moves from
0 to 1 at the boundaries of the steps (types and quotas, lottery, rounding, record) and the
messages report the lottery's own progress in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from samenspel.engines.sortition import DEFAULT_PANELS
from samenspel.engines.sortition.engine import DEFAULT_ALGORITHM, compute
from samenspel.engines.sortition.model import Distribution, InputError, Instance
from samenspel.engines.sortition.transparent import (
    Lottery,
    announce,
    draw_index,
    round_to_panels,
    with_draw,
)

Progress = Callable[[float, str], None]

LOTTERY_DONE = 0.75
"""The share of the work reported done once the lottery is computed (the rounding follows)."""


@dataclass(frozen=True)
class Selection:
    """The public ``record`` (JSON-ready), the lottery it comes from and its rounding."""

    record: dict[str, Any]
    distribution: Distribution
    lottery: Lottery


def prepare(
    instance: Instance,
    *,
    m: int = DEFAULT_PANELS,
    algorithm: str = DEFAULT_ALGORITHM,
    progress: Progress | None = None,
) -> Selection:
    """The lottery, its ``m`` panels and the record to publish before the draw.

    Raises ``InfeasibleQuotas`` (naming the smallest relaxation) when no panel meets the
    quotas, ``InputError`` for a bad ``m``.
    """

    def tell(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    if m < 1:
        raise InputError("the number of panels m must be at least 1")
    tell(0.0, f"{algorithm}: {instance.n} respondents, {instance.k} seats")
    distribution = compute(
        instance,
        algorithm,
        progress=None if progress is None else (lambda message: progress(0.05, message)),
    )
    tell(LOTTERY_DONE, f"rounding the lottery to {m} equally likely panels")
    lottery = round_to_panels(instance, distribution, m)
    tell(0.95, "writing the record")
    record = announce(instance, distribution, lottery)
    tell(1.0, f"{m} panels, SHA-256 {record['panels_sha256']}")
    return Selection(record, distribution, lottery)


def draw(
    record: dict[str, Any], *, seed: str | None = None, number: int | None = None
) -> dict[str, Any]:
    """The record after the draw: the seed or public number (1..m) and the panel it picks."""
    if seed is not None and number is not None:
        raise InputError("a draw takes a public number or a seed, not both")
    index = draw_index(record["m"], seed=seed, number=number)
    return with_draw(record, index, seed=seed, number=number)


def select_panel(
    instance: Instance,
    *,
    seed: str | None = None,
    number: int | None = None,
    m: int = DEFAULT_PANELS,
    algorithm: str = DEFAULT_ALGORITHM,
    progress: Progress | None = None,
) -> Selection:
    """``prepare`` and ``draw`` at once: the selection with its record after the draw."""
    prepared = prepare(instance, m=m, algorithm=algorithm, progress=progress)
    return Selection(
        draw(prepared.record, seed=seed, number=number),
        prepared.distribution,
        prepared.lottery,
    )
