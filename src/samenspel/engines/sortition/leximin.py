# SPDX-License-Identifier: EUPL-1.2
"""LEXIMIN and maximin by column generation over type-level panels.

Flanigan, Gölz, Gupta, Hennig and Procaccia, "Fair algorithms for selecting citizens'
assemblies", Nature 596, 548-552 (2021): the LEXIMIN lottery maximises the smallest selection
probability, then the next smallest, and so on. Each stage is a linear program over the (huge)
set of quota-feasible panels, solved by column generation:

* the *master* LP (HiGHS simplex, warm-started as columns arrive) finds the best lottery over the
  panels found so far: maximise ``z`` with every free type's probability at least ``z`` and every
  type fixed in an earlier stage at least its fixed value;
* its duals ``y`` price panels: the *oracle* MIP finds the panel maximising ``sum_t y_t x_t /
  n_t``; a panel above the master's dual value ``mu`` enters the master;
* the oracle's dual bound ``B`` gives the certificate: no lottery reaches more than ``B -
  sum_fixed y_t v_t`` for the free types, so the stage gap is that bound minus the achieved ``z``.

At the end of a stage the free types with positive dual weight cannot rise above ``z`` (by
complementary slackness) and are fixed there. Maximin is the first stage alone.

That stage-by-stage sequence (``staged``) is the fallback. ``leximin`` first tries one shortcut:
the LEXIMIN point of the LP relaxation (``relaxation``), written as a lottery
(``decomposition``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from samenspel.engines.sortition.decomposition import decompose
from samenspel.engines.sortition.highs import PanelOracle
from samenspel.engines.sortition.master import Master, add_improving, normalise_duals
from samenspel.engines.sortition.model import StageLog
from samenspel.engines.sortition.relaxation import relaxed_leximin
from samenspel.engines.sortition.typespace import TypeSpace

Progress = Callable[[str], None]

GAP_TARGET = 5e-7
"""Column generation stops a stage once its certified gap is below this."""

SMOOTHING = 0.7
"""Wentges dual smoothing: price at ``a * best-bound duals + (1 - a) * master duals``."""

FIX_WEIGHT = 1e-9
"""Free types whose dual weight exceeds this are fixed at the end of a stage."""


def _seed_columns(oracle: PanelOracle, master: Master) -> None:
    """Start with panels that between them seat every type that can be seated at all.

    Each round prices the types no panel has seated yet (plus a little for the others, to
    spread seats) with the cheap LP-based oracle; this replaces many early rounds of column
    generation in which the master's minimum is still zero.
    """
    space = oracle.space
    covered = np.zeros(space.count, dtype=bool)
    rng = np.random.default_rng(0)
    while not covered.all():
        price = (np.where(covered, 0.01, 1.0) + 0.01 * rng.random(space.count)) / space.size
        panel, _, others = oracle.quick(price)
        panels = [] if panel is None else [panel, *others]
        if panel is None or not np.any(panel[~covered]):
            panel, _, others = oracle.best(np.where(covered, 0.0, 1.0))
            panels = [panel, *others]
            if not np.any(panel[~covered]):
                break  # the remaining types sit on no feasible panel
        for found in panels:
            master.add(found)
            covered |= found > 0


def leximin(
    space: TypeSpace,
    *,
    max_stages: int | None = None,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, tuple[StageLog, ...]]:
    """LEXIMIN lottery over type-level panels (``max_stages=1``: maximin).

    Returns the panels (rows of counts per type), their weights and the stage logs. The whole
    sequence first tries the LEXIMIN point of the LP relaxation, whose stages bound the real
    ones, written as a lottery (``decomposition``): when that succeeds it is the LEXIMIN
    lottery, every stage certified by the relaxation's optimum. When the point is no lottery,
    and for a capped sequence (maximin: its first stage is cheap on its own), column
    generation runs stage by stage (``staged``).
    """
    if max_stages is not None:
        return staged(space, max_stages=max_stages, progress=progress)
    started = time.perf_counter()
    relaxed = relaxed_leximin(space)
    found = decompose(space, relaxed.counts(space), progress=progress)
    if found is None:
        if progress is not None:
            progress("the relaxation's LEXIMIN point is no lottery: column generation by stage")
        return staged(space, progress=progress)
    panels, weights, steps = found
    probabilities = (weights @ panels) / space.size
    stages = []
    for number, stage in enumerate(relaxed.stages, start=1):
        value = float(probabilities[stage.types].min())
        stages.append(
            StageLog(
                stage=number,
                value=value,
                bound=max(stage.value, value),
                fixed_types=int(stage.types.size),
                fixed_people=int(space.size[stage.types].sum()),
                columns=len(panels),
                pricing_rounds=steps if number == 1 else 0,
                seconds=time.perf_counter() - started if number == 1 else stage.seconds,
            )
        )
    if progress is not None:
        progress(
            f"LEXIMIN: {len(relaxed.stages)} stages, p >= {stages[0].value:.7f}, "
            f"{len(panels)} panels after {steps} steps, {time.perf_counter() - started:.1f}s"
        )
    return panels, weights, tuple(stages)


def staged(
    space: TypeSpace,
    *,
    max_stages: int | None = None,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, tuple[StageLog, ...]]:
    """LEXIMIN by column generation, one stage after another (``max_stages=1``: maximin).

    Types not fixed when ``max_stages`` stops the sequence keep whatever the last master gave
    them.
    """
    oracle = PanelOracle(space)
    master = Master(space)
    if oracle.feasible_panel() is None:
        raise RuntimeError("no panel meets the quotas")
    _seed_columns(oracle, master)
    free = np.ones(space.count, dtype=bool)
    fixed_value = np.zeros(space.count)
    stages: list[StageLog] = []
    while free.any() and (max_stages is None or len(stages) < max_stages):
        started = time.perf_counter()
        rounds = 0
        center: np.ndarray | None = None
        best_upper = np.inf
        mispriced = 0
        while True:
            weights, y = master.solve()
            y = normalise_duals(y, free)
            columns = master.columns
            prob = (weights @ columns) / space.size
            value = float(prob[free].min())
            price = y / space.size
            mu = float((columns @ price).max())
            offset = float(y[~free] @ fixed_value[~free])
            rounds += 1
            alpha = SMOOTHING ** (mispriced + 1) if center is not None else 0.0
            queries = (
                [y]
                if alpha < 0.01 or center is None
                else [normalise_duals(alpha * center + (1 - alpha) * y, free), y]
            )
            found = False
            for query in queries:
                panel, bound, others = oracle.quick(query / space.size)
                upper = bound - float(query[~free] @ fixed_value[~free])
                if upper < best_upper:
                    best_upper, center = upper, query
                found = best_upper - value <= GAP_TARGET or add_improving(
                    master, [] if panel is None else [panel, *others], price, mu
                )
                if found:
                    break
            mispriced = 0 if found or len(queries) == 1 else mispriced + 1
            if progress is not None and rounds % 25 == 0:
                progress(
                    f"stage {len(stages) + 1}, round {rounds}: p >= {value:.7f}, "
                    f"bound {best_upper:.7f}, {len(master.columns)} panels"
                )
            if best_upper - value <= GAP_TARGET:
                break
            if found:
                continue
            panel, bound, others = oracle.best(price)
            if bound - offset < best_upper:
                best_upper, center = bound - offset, y
            if progress is not None:
                progress(
                    f"stage {len(stages) + 1}, round {rounds}: p >= {value:.7f}, "
                    f"bound {best_upper:.7f}, {len(master.columns)} panels"
                )
            if best_upper - value <= GAP_TARGET or not add_improving(
                master, [panel, *others], price, mu
            ):
                break
        upper = best_upper
        to_fix = free & (y > FIX_WEIGHT)
        if not to_fix.any():
            to_fix[np.flatnonzero(free)[np.argmax(y[free])]] = True
        fixed_value[to_fix] = value
        free &= ~to_fix
        scores = columns @ price
        master.fix(
            np.flatnonzero(to_fix),
            value,
            (weights > 0) | (scores >= np.sort(scores)[-min(space.count, scores.size)]),
        )
        log = StageLog(
            stage=len(stages) + 1,
            value=value,
            bound=max(upper, value),
            fixed_types=int(to_fix.sum()),
            fixed_people=int(space.size[to_fix].sum()),
            columns=len(master.columns),
            pricing_rounds=rounds,
            seconds=time.perf_counter() - started,
        )
        stages.append(log)
        if progress is not None:
            progress(
                f"stage {log.stage}: p={value:.7f} gap={log.gap:.1e} "
                f"fixed {int(free.size - free.sum())}/{free.size} types, "
                f"{log.columns} panels, {rounds} pricing rounds, {log.seconds:.1f}s"
            )
    weights, _ = master.solve()
    return master.columns.astype(np.int64), weights, tuple(stages)
