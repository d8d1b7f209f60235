# SPDX-License-Identifier: EUPL-1.2
"""Raking: weights that make the respondents' margins equal the population's.

Raking, or iterative proportional fitting (Deming & Stephan 1940, "On a least squares adjustment
of a sampled frequency table when the expected marginal totals are known", *Annals of
Mathematical Statistics* 11), cycles through the attributes; for each it multiplies the weight
of every respondent with value ``v`` by ``population share of v / weighted share of v``. A cycle
that changes no margin by more than ``tolerance`` ends the fit. Raking is the multiplicative
("raking ratio") case of calibration estimation (Deville & Särndal 1992, "Calibration estimators
in survey sampling", *JASA* 87).

Trimming: after each cycle the weights are rescaled to mean 1 and clipped to
``[bounds.lower, bounds.upper]``, and raking continues, so the result meets the bounds and
comes as close to the margins as they allow (trimming within raking, as in Kalton &
Flores-Cervantes 2003, "Weighting methods", *Journal of Official Statistics* 19). When the
bounds make the margins unreachable, :attr:`RakingResult.converged` is false and
:attr:`RakingResult.max_margin_error` says how far off they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from samenspel.engines.population import PopulationMargins
from samenspel.engines.weighting.estimates import design_effect, kish_effective_sample_size


class WeightingError(ValueError):
    """The responses cannot be weighted to the margins; the message names the cause."""


@dataclass(frozen=True)
class TrimBounds:
    """Weights are kept within ``[lower, upper]`` times the mean weight."""

    lower: float = 0.2
    upper: float = 5.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.lower <= 1.0 <= self.upper:
            raise WeightingError(
                f"trim bounds must satisfy 0 <= lower <= 1 <= upper, not "
                f"[{self.lower}, {self.upper}]"
            )


@dataclass(frozen=True)
class RakingResult:
    """Weights, in the order of the responses, and how well they fit.

    Untrimmed weights have mean 1; trimmed ones lie within the bounds, with a mean close to 1.
    """

    weights: NDArray[np.float64]
    converged: bool
    iterations: int
    max_margin_error: float
    weighted_margins: Mapping[str, Mapping[str, float]]
    unweighted_margins: Mapping[str, Mapping[str, float]]
    trimmed: int

    @property
    def effective_sample_size(self) -> float:
        """Kish's effective sample size of the weights."""
        return kish_effective_sample_size(self.weights)

    @property
    def design_effect(self) -> float:
        """Kish's design effect due to weighting, ``n / n_eff``."""
        return design_effect(self.weights)


def _codes(
    responses: Sequence[Mapping[str, str]], population: PopulationMargins
) -> tuple[list[NDArray[np.int64]], list[NDArray[np.float64]], list[list[str]]]:
    codes, targets, values = [], [], []
    for attribute, shares in population.shares().items():
        index = {value: i for i, value in enumerate(shares)}
        column = []
        for number, response in enumerate(responses, start=1):
            value = response.get(attribute)
            if value is None or value == "":
                raise WeightingError(f"response {number} has no value for {attribute!r}")
            if value not in index:
                raise WeightingError(
                    f"response {number} has {attribute!r} = {value!r}, which the population "
                    "margins do not list"
                )
            column.append(index[value])
        code = np.array(column, dtype=np.int64)
        counts = np.bincount(code, minlength=len(index))
        for value, i in index.items():
            if counts[i] == 0 and shares[value] > 0:
                raise WeightingError(
                    f"no respondent has {attribute!r} = {value!r}, which is "
                    f"{shares[value]:.1%} of the population; merge it with a neighbouring "
                    "category or leave the attribute out"
                )
        codes.append(code)
        targets.append(np.array(list(shares.values())))
        values.append(list(shares))
    return codes, targets, values


def _margins(
    weights: NDArray[np.float64],
    codes: list[NDArray[np.int64]],
    targets: list[NDArray[np.float64]],
) -> list[NDArray[np.float64]]:
    total = weights.sum()
    return [
        np.bincount(c, weights=weights, minlength=len(t)) / total
        for c, t in zip(codes, targets, strict=True)
    ]


def rake(
    responses: Sequence[Mapping[str, str]],
    population: PopulationMargins,
    *,
    bounds: TrimBounds | None = None,
    max_iterations: int = 1000,
    tolerance: float = 1e-10,
) -> RakingResult:
    """Rake ``responses`` (each a mapping attribute → value) to ``population``.

    ``bounds`` (none by default) trims the weights relative to their mean. Raises
    :class:`WeightingError` when a population value with a positive share has no respondent,
    or a response lacks an attribute or has a value the margins do not list.
    """
    if not responses:
        raise WeightingError("there are no responses to weight")
    codes, targets, values = _codes(responses, population)
    n = len(responses)
    weights = np.ones(n)
    unweighted = _margins(weights, codes, targets)
    iterations, error = 0, float("inf")
    while iterations < max_iterations and error > tolerance:
        iterations += 1
        for code, target in zip(codes, targets, strict=True):
            share = np.bincount(code, weights=weights, minlength=len(target)) / weights.sum()
            factor = np.divide(target, share, out=np.zeros_like(target), where=share > 0)
            weights = weights * factor[code]
        weights = weights * (n / weights.sum())
        if bounds is not None:
            weights = np.clip(weights, bounds.lower, bounds.upper)
        error = max(
            float(np.abs(m - t).max())
            for m, t in zip(_margins(weights, codes, targets), targets, strict=True)
        )
    trimmed = 0
    if bounds is not None:
        trimmed = int(np.sum(np.isclose(weights, bounds.lower) | np.isclose(weights, bounds.upper)))

    def named(margins: list[NDArray[np.float64]]) -> dict[str, dict[str, float]]:
        return {
            attribute: dict(zip(names, map(float, m), strict=True))
            for attribute, names, m in zip(population.attributes, values, margins, strict=True)
        }

    return RakingResult(
        weights=weights,
        converged=error <= tolerance,
        iterations=iterations,
        max_margin_error=error,
        weighted_margins=named(_margins(weights, codes, targets)),
        unweighted_margins=named(unweighted),
        trimmed=trimmed,
    )
