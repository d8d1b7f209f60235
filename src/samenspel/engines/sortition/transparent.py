# SPDX-License-Identifier: EUPL-1.2
"""Transparent draws: a short list of equally likely panels, published and verifiable.

Flanigan, Kehne and Procaccia, "Fair sortition made transparent", NeurIPS 2021: round the
optimal lottery to ``m`` panels of weight ``1/m`` each, so that the draw itself can be done in
public (numbered balls, a public number) while every person's probability moves little. Here
each panel's multiplicity ``m * weight`` is rounded down or up, the choice made by an integer
program minimising the largest change of any type's probability (started from largest-remainder
rounding, deterministic node limit); members of a type then take their seats in turn, so two
members of one type differ by at most one panel. ``publish`` gives the list with anonymised
feature values; ``verify`` recomputes it from the inputs and checks the drawn panel.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

from samenspel.engines.sortition.highs import quiet_highs
from samenspel.engines.sortition.model import Distribution, InputError, Instance

FORMAT = "samenspel-sortition-lottery/1"


@dataclass(frozen=True)
class Lottery:
    """``m`` equally likely panels (sorted person indices) and each person's probability."""

    panels: tuple[tuple[int, ...], ...]
    probabilities: np.ndarray
    change: np.ndarray
    """``probabilities`` minus the unrounded lottery's probabilities."""

    @property
    def m(self) -> int:
        return len(self.panels)


def _multiplicities(distribution: Distribution, sizes: np.ndarray, m: int) -> np.ndarray:
    counts, weights = distribution.panel_counts, distribution.weights
    target = m * weights
    low = np.floor(target)
    start = low.copy()
    start[np.argsort(low - target, kind="stable")[: m - int(low.sum())]] += 1
    j, t = counts.shape
    h = quiet_highs()
    h.setOptionValue("mip_max_nodes", 500)
    h.addVars(j, low, np.ceil(target))
    h.changeColsIntegrality(
        j, np.arange(j, dtype=np.int32), np.full(j, highspy.HighsVarType.kInteger)
    )
    h.addVar(0.0, highspy.kHighsInf)  # the largest change of a type's seat share
    h.changeColCost(j, 1.0)
    cols = np.arange(j, dtype=np.int32)
    h.addRow(m, m, j, cols, np.ones(j))
    expected = target @ counts
    for type_ in range(t):
        share = counts[:, type_] / sizes[type_]
        idx = np.append(cols, j).astype(np.int32)
        h.addRow(
            -highspy.kHighsInf, expected[type_] / sizes[type_], j + 1, idx, np.append(share, -1.0)
        )
        h.addRow(
            expected[type_] / sizes[type_], highspy.kHighsInf, j + 1, idx, np.append(share, 1.0)
        )
    solution = highspy.HighsSolution()
    deviation = np.abs((start - target) @ counts / sizes).max()
    solution.col_value = [*start, float(deviation)]
    h.setSolution(solution)
    h.run()
    found = (
        np.asarray(h.getSolution().col_value)[:j] if h.getInfo().primal_solution_status else start
    )
    panel: np.ndarray = np.rint(found).astype(np.int64)
    return panel


def round_to_panels(instance: Instance, distribution: Distribution, m: int) -> Lottery:
    """Round ``distribution`` to ``m`` equally likely concrete panels (see module docstring)."""
    if m < 1:
        raise InputError("the number of panels m must be at least 1")
    type_of = distribution.type_of
    sizes = np.bincount(type_of, minlength=distribution.panel_counts.shape[1])
    members = [np.flatnonzero(type_of == t) for t in range(sizes.size)]
    times = _multiplicities(distribution, sizes, m)
    order = sorted(np.flatnonzero(times), key=lambda j: tuple(distribution.panel_counts[j]))
    turn = np.zeros(sizes.size, dtype=np.int64)
    panels = []
    for j in order:
        for _ in range(times[j]):
            seats: list[int] = []
            for t in np.flatnonzero(distribution.panel_counts[j]):
                take = int(distribution.panel_counts[j, t])
                seats.extend(members[t][(turn[t] + np.arange(take)) % sizes[t]].tolist())
                turn[t] += take
            panels.append(tuple(sorted(seats)))
    seats_per_person = np.bincount(np.concatenate(panels), minlength=instance.n)
    probabilities = seats_per_person / m
    return Lottery(tuple(panels), probabilities, probabilities - distribution.probabilities)


def draw_index(m: int, *, seed: str | None = None, number: int | None = None) -> int:
    """Which of the ``m`` panels is drawn: a public number 1..m, or a published seed."""
    if number is not None:
        if not 1 <= number <= m:
            raise InputError(f"the public number must lie between 1 and {m}")
        return number - 1
    if seed is None:
        raise InputError("a draw needs a public number or a seed")
    digest = hashlib.sha256(f"samenspel-sortition-draw:{seed}".encode()).hexdigest()
    return int(digest, 16) % m


def input_digest(instance: Instance) -> str:
    """SHA-256 of the instance in a canonical form (ids, features, quotas, size, households)."""
    canonical = json.dumps(
        [
            instance.ids,
            instance.categories,
            instance.features,
            [[q.category, q.value, q.min, q.max] for q in instance.quotas],
            instance.k,
            instance.households,
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def publish(
    instance: Instance,
    distribution: Distribution,
    lottery: Lottery,
    index: int,
    *,
    seed: str | None = None,
    number: int | None = None,
) -> dict[str, Any]:
    """The public record: anonymised panels, how the draw was made, and the drawn panel."""
    return {
        "format": FORMAT,
        "algorithm": distribution.algorithm,
        "k": instance.k,
        "m": lottery.m,
        "inputs_sha256": input_digest(instance),
        "categories": list(instance.categories),
        "panels": [_anonymised(instance, panel) for panel in lottery.panels],
        "seed": seed,
        "public_number": number,
        "index": index,
        "panel": [instance.ids[i] for i in lottery.panels[index]],
    }


def _anonymised(instance: Instance, panel: tuple[int, ...]) -> list[list[str]]:
    return sorted(list(instance.features[i]) for i in panel)


def verify(instance: Instance, record: dict[str, Any]) -> list[str]:
    """Problems found when recomputing ``record`` from ``instance`` (empty: confirmed)."""
    from samenspel.engines.sortition.engine import compute

    if record.get("format") != FORMAT:
        return [f"not a {FORMAT} record"]
    if record["inputs_sha256"] != input_digest(instance):
        return ["the inputs differ from the ones the draw was made from"]
    distribution = compute(instance, record["algorithm"])
    lottery = round_to_panels(instance, distribution, record["m"])
    problems = []
    if [_anonymised(instance, p) for p in lottery.panels] != record["panels"]:
        problems.append("the published list of panels differs from the recomputed one")
    index = draw_index(lottery.m, seed=record["seed"], number=record["public_number"])
    if index != record["index"]:
        problems.append(f"the seed or number gives panel {index + 1}, not {record['index'] + 1}")
    drawn = sorted(instance.ids[i] for i in lottery.panels[index])
    if drawn != sorted(record["panel"]):
        problems.append("the published panel is not the drawn panel of the recomputed list")
    return problems
