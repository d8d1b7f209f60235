# SPDX-License-Identifier: EUPL-1.2
"""Weighted estimates with margins of error, and the precision that weighting costs.

Kish (1965, *Survey Sampling*, §11.7) measures what unequal weights cost: the effective sample
size ``n_eff = (Σw)² / Σw²`` is the size of an unweighted sample with the same precision, and the
design effect due to weighting is ``deff = n / n_eff = 1 + CV²(w)``.

Margins of error use that effective size in the simple-random-sampling formulas:

- a share: ``p̂ = Σ w·[answer = a] / Σ w``, ``SE = √(p̂(1 − p̂) / n_eff)``;
- a mean: ``ȳ = Σ w·y / Σ w``, ``SE = √(s²_w / n_eff)`` with ``s²_w = Σ w·(y − ȳ)² / Σ w``;

and ``margin of error = z·SE`` with ``z`` the normal quantile of the confidence level (1.96 at
95 %). This ignores the variance that calibration removes and any clustering, so it is an
approximation, usually on the cautious side for raked weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class Estimate:
    """A weighted estimate with its standard error and margin of error."""

    estimate: float
    standard_error: float
    margin_of_error: float
    effective_sample_size: float


def kish_effective_sample_size(weights: ArrayLike) -> float:
    """``(Σw)² / Σw²`` (Kish 1965).

    >>> kish_effective_sample_size([1.0, 1.0, 2.0])
    2.6666666666666665
    """
    w = np.asarray(weights, dtype=float)
    return float(w.sum() ** 2 / np.square(w).sum())


def design_effect(weights: ArrayLike) -> float:
    """Kish's design effect due to weighting: ``n / n_eff``."""
    w = np.asarray(weights, dtype=float)
    return len(w) / kish_effective_sample_size(w)


def _z(confidence: float) -> float:
    return NormalDist().inv_cdf((1.0 + confidence) / 2.0)


def weighted_shares(
    weights: ArrayLike, answers: Sequence[str], confidence: float = 0.95
) -> dict[str, Estimate]:
    """The weighted share of each answer; empty answers (no answer) are left out."""
    w = np.asarray(weights, dtype=float)
    answered = np.array([a != "" for a in answers], dtype=bool)
    w = w[answered]
    given = [a for a in answers if a != ""]
    n_eff = kish_effective_sample_size(w)
    z = _z(confidence)
    result = {}
    for answer in sorted(set(given)):
        p = float(w[np.array([a == answer for a in given])].sum() / w.sum())
        se = float(np.sqrt(p * (1.0 - p) / n_eff))
        result[answer] = Estimate(p, se, z * se, n_eff)
    return result


def weighted_mean(weights: ArrayLike, values: ArrayLike, confidence: float = 0.95) -> Estimate:
    """The weighted mean of ``values``; NaN values (no answer) are left out."""
    w = np.asarray(weights, dtype=float)
    y = np.asarray(values, dtype=float)
    keep = ~np.isnan(y)
    w, y = w[keep], y[keep]
    mean = float(np.average(y, weights=w))
    variance = float(np.average(np.square(y - mean), weights=w))
    n_eff = kish_effective_sample_size(w)
    se = float(np.sqrt(variance / n_eff))
    return Estimate(mean, se, _z(confidence) * se, n_eff)
