# SPDX-License-Identifier: EUPL-1.2
"""Write a point of expected counts as a lottery over real panels, or find that it is not one.

The target is the LEXIMIN point ``X`` of the relaxation (``relaxation``). It is a lottery exactly
when its distance to the convex hull of the quota-feasible panels is zero, and Wolfe's
minimum-norm-point algorithm finds that distance with nothing but a linear oracle over panels
(P. Wolfe, "Finding the nearest point in a polytope", Mathematical Programming 11, 128-149,
1976). It keeps a *corral*: a few affinely independent panels whose convex combination ``Y``
is nearest to ``X`` so far. Each major step asks the oracle for the panel furthest in the
direction ``X - Y``; when even the best panel is no further than ``Y``, ``X`` is separated from
every lottery and the caller falls back to column generation stage by stage. Otherwise the panel
joins the corral and minor steps move ``Y`` to the nearest point of the corral's affine hull,
dropping panels whose weight would turn negative. Unlike the column generation master LP, whose
extreme duals price one corner of the problem after another, the direction ``X - Y`` points at
what is still missing everywhere at once; on the largest benchmark instance this takes about
30 s where column generation took more than half an hour.

Only panels on the face of ``Q`` that contains ``X`` can carry weight in a lottery whose
expected counts are ``X``: a row tight at ``X`` is an average of the panels' values, each on
the same side, so every panel must meet it with equality; likewise a type at zero or at its
full size. The oracle searches that face alone.

The affine minimiser of the corral ``P`` (columns ``p_i = c_i - X``) is ``a = v / sum(v)`` with
``(1 1^T + P^T P) v = 1``; the triangular factor ``R`` of that matrix (``R^T R``) is kept up to
date as panels come and go (Wolfe's own bookkeeping), so a step costs two triangular solves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import cast

import numpy as np
from scipy.linalg import solve_triangular

from samenspel.engines.sortition.highs import PanelOracle
from samenspel.engines.sortition.master import Master, add_improving, normalise_duals
from samenspel.engines.sortition.typespace import TypeSpace

Progress = Callable[[str], None]

FACE_TOLERANCE = 1e-7
"""A row or bound within this of its limit at ``X`` counts as tight."""

SLACK = 1e-7
"""Success: every type's expected count is at least ``(1 - SLACK) X_t``. Once the corral gets
there (or stalls in round-off first), the exact LP over the panels found gives the final
weights (``_finish``), never worse than the corral's own."""

GIVE_UP = 1e-4
"""When the exact oracle finds no panel closer to the target while some type is further than
this below its share, the target is taken as no lottery (below it, round-off could be why)."""

FINISH_ROUNDS = 200
"""Column generation rounds the finish may take before giving up."""

EXACT = 1e-10
"""Past ``SLACK``, the finish goes on towards this while a round cuts the shortfall by at
least a quarter (``POLISH``): on small pools a few cheap rounds give the last digits."""

POLISH = 0.75

MAX_STEPS_PER_TYPE = 20
"""Wolfe's major steps allowed per type (plus 1,000); ``syn_sf_e_110`` needs about 1.5."""

REFACTOR_EVERY = 256
"""Major steps between fresh factorisations of ``R`` (round-off builds up in the updates)."""

WEIGHT_FLOOR = 1e-14
"""Corral weights at or below this are dropped."""


def face_oracle(space: TypeSpace, target: np.ndarray) -> PanelOracle:
    """The panel oracle restricted to the face of ``Q`` that contains ``target``."""
    per_quota = space.quota_matrix @ target
    at_lower = np.abs(per_quota - space.lower) < FACE_TOLERANCE
    at_upper = np.abs(per_quota - space.upper) < FACE_TOLERANCE
    empty = target < FACE_TOLERANCE
    full = target > space.size - FACE_TOLERANCE
    face = dataclasses.replace(
        space,
        lower=np.where(at_upper, space.upper, space.lower),
        upper=np.where(at_lower, space.lower, space.upper),
        size=np.where(empty, 0, space.size),
    )
    return PanelOracle(face, floor=np.where(full & ~empty, space.size, 0))


class _Corral:
    """Panels ``c_i`` with weights, stored as ``p_i = c_i - X`` with Wolfe's factor ``R``."""

    def __init__(self, target: np.ndarray) -> None:
        self.target = target
        self.points = np.zeros((target.size, 0))
        self.weights = np.zeros(0)
        self.r: np.ndarray = np.zeros((0, 0))

    @property
    def panels(self) -> np.ndarray:
        panels: np.ndarray = np.rint(self.points.T + self.target).astype(np.int64)
        return panels

    def add(self, panel: np.ndarray) -> bool:
        """Add a panel with weight zero; ``False`` if it is affinely dependent on the corral."""
        p = panel - self.target
        size = self.weights.size
        column: np.ndarray | list[float] = (
            solve_triangular(self.r, 1.0 + self.points.T @ p, trans="T") if size else []
        )
        rest = 1.0 + p @ p - float(np.dot(column, column))
        if rest <= 1e-12 * (1.0 + p @ p):
            return False
        r = np.zeros((size + 1, size + 1))
        r[:size, :size] = self.r
        r[:size, size] = column
        r[size, size] = np.sqrt(rest)
        self.r = r
        self.points = np.column_stack([self.points, p])
        self.weights = np.append(self.weights, 0.0)
        return True

    def remove(self, i: int) -> None:
        """Drop panel ``i`` and restore ``R`` to triangular form with Givens rotations."""
        r = np.delete(self.r, i, axis=1)
        for j in range(i, r.shape[1]):
            a, b = r[j, j], r[j + 1, j]
            norm = np.hypot(a, b)
            top, bottom = r[j, j:].copy(), r[j + 1, j:].copy()
            r[j, j:] = (a * top + b * bottom) / norm
            r[j + 1, j:] = (a * bottom - b * top) / norm
        self.r = r[:-1]
        self.points = np.delete(self.points, i, axis=1)
        self.weights = np.delete(self.weights, i)

    def refactor(self) -> None:
        stacked = np.vstack([np.ones(self.weights.size), self.points])
        # numpy's stubs give every mode the pair (Q, R); mode "r" returns R alone.
        r = cast(np.ndarray, np.linalg.qr(stacked, mode="r"))
        self.r = r * np.where(np.diag(r) < 0, -1.0, 1.0)[:, None]

    def nearest(self) -> None:
        """Wolfe's minor steps: move to the affine minimiser, dropping panels on the way."""
        while True:
            ones = np.ones(self.weights.size)
            v = solve_triangular(self.r, solve_triangular(self.r, ones, trans="T"))
            affine = v / v.sum()
            if np.all(affine > WEIGHT_FLOOR):
                self.weights = affine
                return
            falling = affine <= WEIGHT_FLOOR
            theta = float(np.min(self.weights[falling] / (self.weights[falling] - affine[falling])))
            self.weights = theta * affine + (1.0 - theta) * self.weights
            for i in np.flatnonzero(self.weights <= WEIGHT_FLOOR)[::-1]:
                self.remove(int(i))
            self.weights = self.weights / self.weights.sum()


def decompose(
    space: TypeSpace,
    target: np.ndarray,
    *,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Panels and weights whose expected counts are ``target`` (each type at least
    ``(1 - SLACK)`` of it), with the number of major steps; ``None`` when ``target`` is not a
    lottery, or when neither the corral (within ``MAX_STEPS_PER_TYPE``) nor the exact LP
    after it gets there."""
    oracle = face_oracle(space, target)
    start, _, _ = oracle.quick(target / np.maximum(space.size, 1))
    if start is None:
        try:
            start = oracle.best(np.zeros(space.count))[0]
        except RuntimeError:
            return None  # no panel on the face: the target is no lottery
    corral = _Corral(target)
    corral.add(start)
    corral.weights[:] = 1.0
    pool = np.zeros((0, space.count))
    positive = target > FACE_TOLERANCE
    for step in range(MAX_STEPS_PER_TYPE * space.count + 1000):
        x = corral.points @ corral.weights
        distance = float(x @ x)
        reached = float(np.min(1.0 + x[positive] / target[positive], initial=1.0))
        if reached >= 1.0 - SLACK:
            break
        if progress is not None and step % 200 == 0 and step:
            progress(f"lottery: {step} steps, every type at >= {reached:.7f} of its share")
        panel = None
        if pool.shape[0]:
            scores = (pool - target) @ x
            best = int(np.argmin(scores))
            if scores[best] <= distance / 2:
                panel, pool = pool[best], np.delete(pool, best, axis=0)
        if panel is None:
            improving = _improving_panel(oracle, target, x, distance)
            if improving is None:
                if reached < 1.0 - GIVE_UP:
                    return None  # the exact oracle separates the target from every lottery
                break
            panel, others = improving
            if others:
                pool = np.vstack([pool, others])
        if not corral.add(panel):
            break  # round-off: the panel is no longer told apart from the corral's hull
        corral.nearest()
        if step % REFACTOR_EVERY == REFACTOR_EVERY - 1:
            corral.refactor()
    panels = [*corral.panels, *pool.astype(np.int64)]
    if progress is not None:
        progress(f"lottery: {step} steps, an exact LP over {len(panels)} panels finishes")
    found = _finish(space, oracle, target, panels, progress)
    return None if found is None else (*found, step)


def _finish(
    space: TypeSpace,
    oracle: PanelOracle,
    target: np.ndarray,
    panels: list[np.ndarray],
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """The exact LP over ``panels`` (the column generation master, with shares of the target
    in place of probabilities: maximise ``z`` with every type at least ``z X_t``), and column
    generation on it while it gains (``POLISH``). The lottery once it reaches ``1 - SLACK``;
    ``None`` when it does not (or when the exact oracle proves it cannot)."""
    positive = target > FACE_TOLERANCE
    master = Master(
        space,
        scale=np.where(positive, target, 1.0),
        floor=np.where(positive, np.nan, 0.0),
    )
    for known in panels:
        master.add(known)
    deficit = np.inf
    for number in range(FINISH_ROUNDS):
        weights, duals = master.solve()
        columns = master.columns
        reached = float(((weights @ columns) / master.scale)[positive].min(initial=1.0))
        if progress is not None:
            progress(f"lottery: round {number}, every type at >= {reached:.10f} of its share")
        if reached >= 1.0 - SLACK and (reached >= 1.0 - EXACT or 1.0 - reached > POLISH * deficit):
            keep = weights > 0
            return columns[keep].astype(np.int64), weights[keep]
        deficit = 1.0 - reached
        price = np.where(positive, normalise_duals(duals, positive) / master.scale, 0.0)
        mu = float((columns @ price).max())
        panel, _, others = oracle.quick(price)
        if panel is None or float(panel @ price) <= mu + 1e-12:
            panel, _, others = oracle.best(price)
        if not add_improving(master, [panel, *others], price, mu):
            return None
    return None


def _improving_panel(
    oracle: PanelOracle, target: np.ndarray, x: np.ndarray, distance: float
) -> tuple[np.ndarray, list[np.ndarray]] | None:
    """A panel closer to ``target`` than the corral along ``-x`` (quick oracle, else the exact
    one), with the other improving panels met; ``None`` when the exact oracle has none."""
    weights = -x / np.abs(x).max()

    def improving(panel: np.ndarray | None) -> bool:
        return panel is not None and float((panel - target) @ x) < distance * (1.0 - 1e-6)

    panel, _, others = oracle.quick(weights)
    if not improving(panel):
        panel, _, others = oracle.best(weights)
        if not improving(panel):
            return None
    assert panel is not None
    return panel, [other for other in others if improving(other)]
