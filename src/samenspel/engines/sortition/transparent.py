# SPDX-License-Identifier: EUPL-1.2
"""Transparent draws: a short list of equally likely panels, published and verifiable.

Flanigan, Kehne and Procaccia, "Fair sortition made transparent", NeurIPS 2021: round the
optimal lottery to ``m`` panels of weight ``1/m`` each, so that the draw itself can be done in
public (numbered balls, a public number) while every person's probability moves little. How
often each LEXIMIN panel appears is chosen in ``rounding`` (which states the guaranteed bound);
members of a type then take their seats in turn, so two members of one type differ by at most
one panel.

Before the draw ``announce`` gives the public record: engine and solver versions, the
pseudonymous pool (ids and feature values), the quotas, each person's LEXIMIN probability, the
``m`` panels as lists of ids and the SHA-256 digest of that list. ``publish`` adds the seed or
public number and the drawn panel. ``verify`` names what does not match: a person's feature
value, a quota, the digest, a panel that breaks a quota, the recomputed list, or the draw.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import highspy
import numpy as np

from samenspel.engines.sortition.feasibility import panel_problems
from samenspel.engines.sortition.model import Distribution, InputError, Instance
from samenspel.engines.sortition.rounding import bound, multiplicities

FORMAT = "samenspel-sortition-lottery/2"

REQUIRED: tuple[str, ...] = ("algorithm", "k", "m", "inputs_sha256", "categories", "people")
REQUIRED += ("quotas", "panels", "panels_sha256")
"""Fields every record has; after the draw also ``seed``, ``public_number``, ``index``,
``panel``."""

SHOWN = 5
"""At most this many differing people or panels are named one by one."""


@dataclass(frozen=True)
class Lottery:
    """``m`` equally likely panels (sorted person indices) and each person's probability."""

    panels: tuple[tuple[int, ...], ...]
    probabilities: np.ndarray
    change: np.ndarray
    """``probabilities`` minus the unrounded lottery's probabilities."""
    bound: np.ndarray
    """Per person, the largest ``|change|`` the rounding guarantees (``rounding.bound``)."""

    @property
    def m(self) -> int:
        return len(self.panels)


def round_to_panels(instance: Instance, distribution: Distribution, m: int) -> Lottery:
    """Round ``distribution`` to ``m`` equally likely concrete panels (see module docstring)."""
    if m < 1:
        raise InputError("the number of panels m must be at least 1")
    counts, weights, type_of = distribution.panel_counts, distribution.weights, distribution.type_of
    sizes = np.bincount(type_of, minlength=counts.shape[1])
    members = [np.flatnonzero(type_of == t) for t in range(sizes.size)]
    times = multiplicities(counts, weights, sizes, m)
    order = sorted(np.flatnonzero(times), key=lambda j: tuple(counts[j]))
    turn = np.zeros(sizes.size, dtype=np.int64)
    panels = []
    for j in order:
        for _ in range(times[j]):
            seats: list[int] = []
            for t in np.flatnonzero(counts[j]):
                take = int(counts[j, t])
                seats.extend(members[t][(turn[t] + np.arange(take)) % sizes[t]].tolist())
                turn[t] += take
            panels.append(tuple(sorted(seats)))
    seats_per_person = np.bincount(np.concatenate(panels), minlength=instance.n)
    probabilities = seats_per_person / m
    return Lottery(
        tuple(panels),
        probabilities,
        probabilities - distribution.probabilities,
        bound(counts, weights, sizes, m)[type_of],
    )


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


def _canonical(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def input_digest(instance: Instance) -> str:
    """SHA-256 of the instance in a canonical form (ids, features, quotas, size, households)."""
    return hashlib.sha256(
        _canonical(
            [
                instance.ids,
                instance.categories,
                instance.features,
                [[q.category, q.value, q.min, q.max] for q in instance.quotas],
                instance.k,
                instance.households,
            ]
        )
    ).hexdigest()


def panels_digest(panels: list[list[str]]) -> str:
    """SHA-256 of the published list of panels (lists of ids), in canonical JSON."""
    return hashlib.sha256(_canonical(panels)).hexdigest()


def versions() -> dict[str, str]:
    """The engine's and the solver's versions: a recomputation may depend on them."""
    try:
        engine = version("samenspel")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        engine = "unknown"
    return {"engine": f"samenspel {engine}", "solver": f"HiGHS {highspy.Highs().version()}"}


def announce(instance: Instance, distribution: Distribution, lottery: Lottery) -> dict[str, Any]:
    """The public record before the draw: pool, quotas, probabilities and the ``m`` panels."""
    panels = [[instance.ids[i] for i in panel] for panel in lottery.panels]
    return {
        "format": FORMAT,
        **versions(),
        "algorithm": distribution.algorithm,
        "k": instance.k,
        "m": lottery.m,
        "inputs_sha256": input_digest(instance),
        "categories": list(instance.categories),
        "people": [
            [person, *values]
            for person, values in zip(instance.ids, instance.features, strict=True)
        ],
        "quotas": [[q.category, q.value, q.min, q.max] for q in instance.quotas],
        "probabilities": [round(float(p), 12) for p in distribution.probabilities],
        "max_probability_change": float(np.abs(lottery.change).max()),
        "panels": panels,
        "panels_sha256": panels_digest(panels),
    }


def publish(
    instance: Instance,
    distribution: Distribution,
    lottery: Lottery,
    index: int,
    *,
    seed: str | None = None,
    number: int | None = None,
) -> dict[str, Any]:
    """The public record after the draw: ``announce`` plus how the panel was drawn, and it."""
    return with_draw(announce(instance, distribution, lottery), index, seed=seed, number=number)


def with_draw(
    record: dict[str, Any], index: int, *, seed: str | None, number: int | None
) -> dict[str, Any]:
    """An announced ``record`` with the seed or public number and the panel at ``index``."""
    return {
        **record,
        "seed": seed,
        "public_number": number,
        "index": index,
        "panel": list(record["panels"][index]),
    }


def verify(instance: Instance, record: dict[str, Any]) -> list[str]:
    """Problems found when checking ``record`` against ``instance`` (empty: confirmed).

    The inputs are compared first (people, feature values, quotas, size); then the digest of
    the list of panels, every panel against the quotas, the list against a recomputation, and
    the drawn panel against the seed or number.
    """
    if record.get("format") != FORMAT:
        return [f"not a {FORMAT} record (format {record.get('format')!r})"]
    missing = [key for key in REQUIRED if key not in record]
    if missing:
        return [f"the record lacks {', '.join(missing)}"]
    problems = _input_problems(instance, record)
    if problems:
        return problems
    panels: list[list[str]] = record["panels"]
    if panels_digest(panels) != record["panels_sha256"]:
        problems.append(
            "digest mismatch: the list of panels does not have the published SHA-256 digest"
        )
    if len(panels) != record["m"]:
        problems.append(f"the record lists {len(panels)} panels, not m = {record['m']}")
    problems += _panel_list_problems(instance, panels, "published panel")
    problems += _recomputation_problems(instance, record)
    drawn = record.get("panel")
    if drawn is not None:
        problems += _panel_list_problems(instance, [drawn], "the drawn panel")
    return problems


def _input_problems(instance: Instance, record: dict[str, Any]) -> list[str]:
    problems = []
    if list(instance.categories) != record["categories"]:
        problems.append(
            f"the categories are {', '.join(instance.categories)}, the record has "
            f"{', '.join(record['categories'])}"
        )
        return problems
    published = {row[0]: tuple(row[1:]) for row in record["people"]}
    mine = dict(zip(instance.ids, instance.features, strict=True))
    for label, ids in (
        ("not in the published pool", [p for p in instance.ids if p not in published]),
        ("in the published pool but missing here", [p for p in published if p not in mine]),
    ):
        if ids:
            problems.append(f"{len(ids)} person(s) {label}: {', '.join(ids[:SHOWN])}")
    differing = [p for p in instance.ids if p in published and published[p] != mine[p]]
    for person in differing[:SHOWN]:
        for category, here, there in zip(
            instance.categories, mine[person], published[person], strict=False
        ):
            if here != there:
                problems.append(
                    f"person {person}: {category} is {here!r}, the published pool has {there!r}"
                )
    if len(differing) > SHOWN:
        problems.append(f"and {len(differing) - SHOWN} more people whose feature values differ")
    quotas = [[q.category, q.value, q.min, q.max] for q in instance.quotas]
    if quotas != record["quotas"]:
        published_quotas = {(c, v): (lo, hi) for c, v, lo, hi in record["quotas"]}
        for quota in instance.quotas:
            there = published_quotas.get((quota.category, quota.value))
            if there != (quota.min, quota.max):
                problems.append(
                    f"quota {quota.label}: the record has "
                    + ("none" if there is None else f"[{there[0]}, {there[1]}]")
                )
        if not any(p.startswith("quota") for p in problems):
            problems.append("the quotas are listed differently from the record")
    if instance.k != record["k"]:
        problems.append(f"panel size {instance.k}, the record has {record['k']}")
    if not problems and input_digest(instance) != record["inputs_sha256"]:
        problems.append(
            "digest mismatch: the inputs (pool order or households) differ from the ones the "
            "draw was made from"
        )
    return problems


def _panel_list_problems(instance: Instance, panels: list[list[str]], name: str) -> list[str]:
    index = {person: i for i, person in enumerate(instance.ids)}
    problems = []
    for number, panel in enumerate(panels, start=1):
        unknown = [p for p in panel if p not in index]
        label = name if len(panels) == 1 else f"{name} {number}"
        if unknown:
            problems.append(f"{label} has unknown id(s): {', '.join(unknown[:SHOWN])}")
            continue
        for problem in panel_problems(instance, [index[p] for p in panel]):
            problems.append(f"{label} does not satisfy {problem}")
    return problems[:SHOWN] + (
        [f"and {len(problems) - SHOWN} more problems with {name}s"] if len(problems) > SHOWN else []
    )


def _recomputation_problems(instance: Instance, record: dict[str, Any]) -> list[str]:
    from samenspel.engines.sortition.engine import compute

    distribution = compute(instance, record["algorithm"])
    lottery = round_to_panels(instance, distribution, record["m"])
    recomputed = [[instance.ids[i] for i in panel] for panel in lottery.panels]
    problems = []
    if recomputed != record["panels"]:
        first = next(
            (
                i
                for i, (a, b) in enumerate(zip(recomputed, record["panels"], strict=False))
                if a != b
            ),
            min(len(recomputed), len(record["panels"])),
        )
        note = ""
        if {key: record.get(key) for key in versions()} != versions():
            here = versions()
            note = (
                f" (the record was made with {record.get('engine')} and {record.get('solver')}, "
                f"this is {here['engine']} and {here['solver']})"
            )
        problems.append(
            f"the published list of panels differs from the recomputed one from panel "
            f"{first + 1} on{note}"
        )
    if "index" not in record:
        return problems
    if not {"seed", "public_number", "panel"} <= set(record):
        return [*problems, "the record has an index but lacks seed, public_number or panel"]
    index = draw_index(lottery.m, seed=record["seed"], number=record["public_number"])
    if index != record["index"]:
        problems.append(f"the seed or number gives panel {index + 1}, not {record['index'] + 1}")
    drawn = sorted(instance.ids[i] for i in lottery.panels[index])
    if drawn != sorted(record["panel"]):
        problems.append("the published panel is not the drawn panel of the recomputed list")
    return problems
