# SPDX-License-Identifier: EUPL-1.2
"""The letter sample: which rows of an address file get a letter with a personal code.

:func:`draw_letters` draws a simple random or a stratified sample from an
:class:`~samenspel.engines.sampling.addresses.AddressFile`, at most one letter per address,
leaving out who opted out or was invited recently (:class:`Exclusions`).

Method
------
1. **Who may be drawn.** A row is left out when its address (:attr:`AddressRow.household_key`)
   or its person (:attr:`AddressRow.person_key`) opted out, or was last invited on or after
   ``Exclusions.invited_since`` (the caller computes that date from the period the
   municipality sets and today's date; the engine reads no clock). An opt-out or invitation
   recorded for an address covers everyone living there; one recorded for a person covers that
   person only.
2. **Random order.** Every row gets a draw key, the SHA-256 digest of the UTF-8 text
   ``samenspel-letters:{seed}:{identity}``, where ``identity`` is the row's person key (files
   of persons) or address key (files of addresses); rows are put in the order of their keys
   (compared as bytes), ties (the same person twice) by line number. A hash of the seed and
   the row's own content makes the order independent of the order of the rows in the file, and
   anyone with the file and the seed can recompute it in any language.
3. **One letter per address.** Of the rows that share an address, only the first in that order
   can be drawn: the address's *representative*. In a file of addresses each address has one
   row; in a file of persons this picks one resident per address uniformly at random, so a
   person's chance of a letter is divided by the number of eligible people at their address.
4. **Allocation** (stratified samples). Each stratum (a value of the chosen column) has a
   weight: its population share when ``population`` is given, otherwise the number of the
   file's rows with that value (all rows, before exclusions: the file describes the
   population), times its oversampling factor (default 1). The sample size is split in
   proportion to the weights by the largest-remainder (Hamilton) method: every stratum gets
   the whole part of its quota ``size × weight / Σ weights``, and the letters still missing go
   to the strata with the largest fractions, ties in the order of the digest of
   ``samenspel-letters:{seed}:stratum:{value}``. A stratum cannot get more letters than it has
   representatives: when a quota reaches that capacity the stratum gets all of them and the
   rest of the sample is divided again among the other strata in proportion to their weights
   (the usual remedy when an allocation exceeds a stratum, as in Cochran, *Sampling
   Techniques*, 3rd ed. 1977, ch. 5), which :func:`largest_remainder` does. The counts always
   sum to ``size``.
5. **Selection.** Each stratum (or, without strata, the whole file) sends letters to its first
   representatives in the order of step 2. With the digests taken as independent uniform
   keys, that order is a uniformly random permutation, and its first ``n`` are a simple
   random sample without replacement: within a stratum every representative has the same
   chance ``drawn / eligible``.

Everything follows from the file and the seed, so the same request gives the same sample. The
request is refused (:class:`~samenspel.engines.sampling.messages.LetterError`, a Dutch message
naming the cause) when the file has fewer eligible addresses than asked, the stratum column is
missing, a factor is not positive or names a value the file lacks.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from samenspel.engines.sampling.addresses import AddressFile, AddressRow, header_key
from samenspel.engines.sampling.messages import LetterError

#: The age bands of the population margins (:mod:`samenspel.engines.population`).
DEFAULT_AGE_BANDS = ("15-24", "25-44", "45-64", "65+")
#: The derived column of a file of persons: the age band reached in the reference year.
AGE_COLUMN = "leeftijdsgroep"
#: The age band of ages outside every band.
OTHER_AGES = "overig"
_AGE_KEYS = frozenset({"leeftijdsgroep", "leeftijdscategorie", "agegroup", "ageband"})
_DOMAIN = "samenspel-letters"


@dataclass(frozen=True)
class Exclusions:
    """Who is never drawn: keys (:attr:`AddressRow.household_key` or ``person_key``) that opted
    out, and each key's last invitation date, which excludes it from ``invited_since`` on."""

    opted_out: frozenset[str] = frozenset()
    last_invited: Mapping[str, date] = field(default_factory=dict)
    invited_since: date | None = None

    def reason(self, row: AddressRow) -> Literal["opted_out", "recent"] | None:
        """Why ``row`` may not be drawn, or ``None``."""
        keys = (
            (row.household_key,) if row.person_key is None else (row.household_key, row.person_key)
        )
        if not self.opted_out.isdisjoint(keys):
            return "opted_out"
        if self.invited_since is not None:
            for key in keys:
                last = self.last_invited.get(key)
                if last is not None and last >= self.invited_since:
                    return "recent"
        return None


@dataclass(frozen=True)
class Stratum:
    """One value of the stratum column: its weight (population share or rows in the file),
    oversampling factor, exact proportional quota, eligible addresses and letters drawn."""

    value: str
    weight: float
    factor: float
    quota: float
    eligible: int
    drawn: int


@dataclass(frozen=True)
class LetterSample:
    """The outcome of :func:`draw_letters`, with the counts needed to explain it."""

    selected: tuple[int, ...]  # line numbers in the file, ascending
    column: str | None
    strata: tuple[Stratum, ...]
    seed: int
    rows: int
    opted_out: int
    recently_invited: int
    addresses: int  # eligible addresses: representatives that could be drawn

    @property
    def per_stratum(self) -> dict[str, int]:
        """Letters per stratum value (empty for a simple random sample)."""
        return {s.value: s.drawn for s in self.strata}


def draw_letters(
    file: AddressFile,
    size: int,
    *,
    seed: int,
    strata: str | None = None,
    population: Mapping[str, float] | None = None,
    oversample: Mapping[tuple[str, str], float] | None = None,
    exclusions: Exclusions | None = None,
    age_bands: Sequence[str] = DEFAULT_AGE_BANDS,
) -> LetterSample:
    """Draw ``size`` rows of ``file`` to send a letter, by the method of this module.

    ``strata`` names the column to stratify by (a column of the file, or
    :data:`AGE_COLUMN` in a file of persons, banded by ``age_bands``); ``population`` gives each
    stratum value's population share (values the file lacks get no letters; values it lacks
    count as 0), otherwise the allocation follows the file. ``oversample`` maps
    ``(column, value)`` to a factor on that stratum's weight; without ``strata`` the factors'
    column becomes the stratum column. Raises
    :class:`~samenspel.engines.sampling.messages.LetterError` for an impossible request.
    """
    if size < 1:
        raise LetterError("size", size=size)
    column = _stratum_column(file, strata, oversample or {})
    factors = {value: factor for (_, value), factor in (oversample or {}).items()}
    if population is not None and column is None:
        raise LetterError("population_needs_strata")
    values = _stratum_values(file, column, age_bands)

    exclusions = exclusions or Exclusions()
    reasons = Counter[str]()
    seeded = hashlib.sha256(f"{_DOMAIN}:{seed}:".encode())
    eligible: list[tuple[bytes, int, int]] = []  # draw key, line, index in file.rows
    for index, row in enumerate(file.rows):
        reason = exclusions.reason(row)
        if reason is None:
            digest = seeded.copy()
            digest.update((row.person_key or row.household_key).encode())
            eligible.append((digest.digest(), row.line, index))
        else:
            reasons[reason] += 1
    eligible.sort()
    representatives: dict[str, int] = {}  # address -> index of its first row in draw order
    for _, _, index in eligible:
        representatives.setdefault(file.rows[index].household_key, index)
    if size > len(representatives):
        raise LetterError(
            "too_few",
            size=size,
            eligible=len(representatives),
            rows=len(file.rows),
            opted_out=reasons["opted_out"],
            recent=reasons["recent"],
            shared=len(eligible) - len(representatives),
        )
    counts_of = dict(
        seed=seed,
        rows=len(file.rows),
        opted_out=reasons["opted_out"],
        recently_invited=reasons["recent"],
        addresses=len(representatives),
    )
    if column is None or values is None:
        chosen = list(representatives.values())[:size]
        return LetterSample(
            selected=tuple(sorted(file.rows[i].line for i in chosen)),
            column=None,
            strata=(),
            **counts_of,
        )

    groups: dict[str, list[int]] = {}
    for index in representatives.values():  # in draw order
        groups.setdefault(values[index], []).append(index)
    base = _base_weights(values, population)
    for value in factors:
        if value not in base:
            raise LetterError("factor_value", column=column, value=value)
    weights = {value: w * Fraction(factors.get(value, 1.0)) for value, w in base.items()}
    capacities = {value: len(groups.get(value, ())) for value in weights}
    usable = sum(capacities[v] for v, w in weights.items() if w > 0)
    if usable < size:
        if usable == 0 and not any(weights.values()):
            raise LetterError("no_weight", column=column)
        raise LetterError("population_short", size=size, eligible=usable)
    order = sorted(weights, key=lambda value: _digest(f"{seed}:stratum:{value}"))
    counts = largest_remainder(weights, size, capacities, order)
    total = sum(weights.values())
    report = tuple(
        Stratum(
            value=value,
            weight=float(base[value]),
            factor=factors.get(value, 1.0),
            quota=float(size * weights[value] / total),
            eligible=capacities[value],
            drawn=counts[value],
        )
        for value in sorted(weights)
    )
    chosen = [index for value, n in counts.items() for index in groups.get(value, [])[:n]]
    return LetterSample(
        selected=tuple(sorted(file.rows[i].line for i in chosen)),
        column=column,
        strata=report,
        **counts_of,
    )


def largest_remainder(
    weights: Mapping[str, Fraction],
    size: int,
    capacities: Mapping[str, int],
    order: Sequence[str],
) -> dict[str, int]:
    """Split ``size`` over the keys of ``weights`` in proportion to them, by largest remainder,
    no key above its capacity: keys whose quota reaches their capacity get their capacity and
    the rest is split again among the others. Equal remainders go to the key earlier in
    ``order``. Needs ``size`` at most the capacity of the keys with a positive weight.

    >>> largest_remainder({"a": Fraction(1), "b": Fraction(1), "c": Fraction(1)}, 10,
    ...                   {"a": 9, "b": 9, "c": 2}, ["c", "b", "a"])
    {'a': 4, 'b': 4, 'c': 2}
    """
    counts = dict.fromkeys(weights, 0)
    active = [key for key in order if weights[key] > 0 and capacities[key] > 0]
    remaining = size
    while True:
        if not active:
            return counts
        total = sum(weights[key] for key in active)
        quotas = {key: remaining * weights[key] / total for key in active}
        full = [key for key in active if quotas[key] >= capacities[key]]
        if not full:
            break
        for key in full:
            counts[key] = capacities[key]
            remaining -= capacities[key]
            active.remove(key)
    for key in active:
        counts[key] = math.floor(quotas[key])
    missing = remaining - sum(counts[key] for key in active)
    by_remainder = sorted(active, key=lambda key: -(quotas[key] - counts[key]))  # stable
    for key in by_remainder[:missing]:
        counts[key] += 1
    return counts


def age_band(age: int, bands: Sequence[str]) -> str:
    """The band (``"25-44"``, or ``"65+"`` open above) that holds ``age``, or
    :data:`OTHER_AGES`.

    >>> age_band(44, DEFAULT_AGE_BANDS), age_band(65, DEFAULT_AGE_BANDS), age_band(9, ("15+",))
    ('25-44', '65+', 'overig')
    """
    for band in bands:
        low, dash, high = band.partition("-")
        if dash and int(low) <= age <= int(high):
            return band
        if band.endswith("+") and age >= int(band[:-1]):
            return band
    return OTHER_AGES


def available_columns(file: AddressFile) -> tuple[str, ...]:
    """The columns a sample of ``file`` may be stratified by."""
    return (*file.columns, AGE_COLUMN) if file.kind == "personen" else file.columns


def _stratum_column(
    file: AddressFile, strata: str | None, factors: Mapping[tuple[str, str], float]
) -> str | None:
    """The stratum column (resolved to its name in the file), checking the factors."""
    for (column, value), factor in factors.items():
        if not (math.isfinite(factor) and factor > 0):
            raise LetterError("factor", column=column, value=value, factor=factor)
    factor_columns = {column for column, _ in factors}
    if len(factor_columns) > 1:
        raise LetterError("factor_columns")
    named = strata if strata is not None else next(iter(factor_columns), None)
    if named is None:
        return None
    resolved = _resolve(file, named)
    if resolved is None:
        raise LetterError("no_column", column=named, columns=", ".join(available_columns(file)))
    for factor_column, value in factors:
        if _resolve(file, factor_column) != resolved:
            raise LetterError("factor_column", column=factor_column, value=value, strata=named)
    return resolved


def _resolve(file: AddressFile, name: str) -> str | None:
    if file.kind == "personen" and header_key(name) in _AGE_KEYS:
        return AGE_COLUMN
    return file.column(name)


def _stratum_values(
    file: AddressFile, column: str | None, bands: Sequence[str]
) -> list[str] | None:
    """Each row's stratum value (``None`` without strata); refuses a row without one."""
    if column is None:
        return None
    if column == AGE_COLUMN:
        year = file.reference_year
        values = [
            OTHER_AGES
            if year is None or row.birth_year is None  # not in a file of persons
            else age_band(year - row.birth_year, bands)
            for row in file.rows
        ]
    else:
        values = [row.value(column) for row in file.rows]
    for row, value in zip(file.rows, values, strict=True):
        if not value:
            raise LetterError("empty_value", line=row.line, column=column)
    return values


def _base_weights(
    values: Sequence[str], population: Mapping[str, float] | None
) -> dict[str, Fraction]:
    """Each stratum value's weight before its factor: its population share (0 for a value only
    the file has), or its rows in the file; exact (floats convert exactly to fractions)."""
    in_file = Counter(values)
    if population is None:
        return {value: Fraction(count) for value, count in in_file.items()}
    for value, share in population.items():
        if not (math.isfinite(share) and share >= 0):
            raise LetterError("shares", value=value, share=share)
    weights = dict.fromkeys(in_file, Fraction(0))
    weights.update((value, Fraction(share)) for value, share in population.items())
    return weights


def _digest(text: str) -> bytes:
    """The draw key of a row or stratum: SHA-256 of ``samenspel-letters:<text>``."""
    return hashlib.sha256(f"{_DOMAIN}:{text}".encode()).digest()
