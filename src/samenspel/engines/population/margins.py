# SPDX-License-Identifier: EUPL-1.2
"""Population margins and margin files.

A *margin* is the share of the population that has one value of one attribute (for example
``gender = vrouw: 0.5106``). The margins of one attribute sum to 1. Each margin carries where it
comes from (``source``) and the year its figures describe (``reference_year``), because the
attributes of one municipality are often published for different years.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

#: How far the shares of one attribute may be from summing to 1.
SHARE_TOLERANCE = 1e-6

REQUIRED_COLUMNS = ("attribute", "value", "share")
COLUMNS = (*REQUIRED_COLUMNS, "reference_year", "source", "note")


class MarginError(ValueError):
    """The margins are unusable; the message names the attribute or value at fault."""


@dataclass(frozen=True)
class Margin:
    """The population share of one value of one attribute."""

    attribute: str
    value: str
    share: float
    reference_year: int | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class PopulationMargins:
    """Validated margins: shares in [0, 1], summing to 1 per attribute, no duplicates."""

    margins: tuple[Margin, ...]

    def __post_init__(self) -> None:
        totals: dict[str, float] = {}
        seen: set[tuple[str, str]] = set()
        for margin in self.margins:
            key = (margin.attribute, margin.value)
            if not margin.attribute or not margin.value:
                raise MarginError(f"a margin has an empty attribute or value: {key}")
            if key in seen:
                raise MarginError(f"attribute {margin.attribute!r} lists {margin.value!r} twice")
            seen.add(key)
            if not (math.isfinite(margin.share) and 0.0 <= margin.share <= 1.0):
                raise MarginError(
                    f"attribute {margin.attribute!r} value {margin.value!r} has share "
                    f"{margin.share}, not between 0 and 1"
                )
            totals[margin.attribute] = totals.get(margin.attribute, 0.0) + margin.share
        for attribute, total in totals.items():
            if abs(total - 1.0) > SHARE_TOLERANCE:
                raise MarginError(
                    f"the shares of attribute {attribute!r} sum to {total:.6f}, not to 1"
                )

    @property
    def attributes(self) -> tuple[str, ...]:
        """The attributes, in the order they first appear."""
        return tuple(dict.fromkeys(m.attribute for m in self.margins))

    def shares(self) -> dict[str, dict[str, float]]:
        """``{attribute: {value: share}}``."""
        result: dict[str, dict[str, float]] = {}
        for margin in self.margins:
            result.setdefault(margin.attribute, {})[margin.value] = margin.share
        return result

    @classmethod
    def from_shares(cls, shares: Mapping[str, Mapping[str, float]]) -> PopulationMargins:
        """Margins without source or year, from ``{attribute: {value: share}}``."""
        return cls(
            tuple(
                Margin(attribute, value, float(share))
                for attribute, values in shares.items()
                for value, share in values.items()
            )
        )


def parse_margins(rows: Iterable[Mapping[str, str]]) -> PopulationMargins:
    """Margins from rows with the keys of a margin file (see :data:`COLUMNS`)."""
    margins = []
    for number, row in enumerate(rows, start=2):
        missing = [c for c in REQUIRED_COLUMNS if c not in row or row[c] is None]
        if missing:
            raise MarginError(f"the population file lacks the column(s) {', '.join(missing)}")
        try:
            share = float(row["share"])
        except ValueError:
            raise MarginError(f"line {number}: share {row['share']!r} is not a number") from None
        year = (row.get("reference_year") or "").strip()
        margins.append(
            Margin(
                attribute=row["attribute"].strip(),
                value=row["value"].strip(),
                share=share,
                reference_year=int(year) if year else None,
                source=(row.get("source") or "").strip(),
                note=(row.get("note") or "").strip(),
            )
        )
    if not margins:
        raise MarginError("the population file holds no margins")
    return PopulationMargins(tuple(margins))


def read_margins_csv(path: str | Path) -> PopulationMargins:
    """Read a margin file (``attribute,value,share[,reference_year,source,note]``)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return parse_margins(csv.DictReader(handle))


def write_margins_csv(margins: PopulationMargins, target: str | Path | TextIO) -> None:
    """Write a margin file with all :data:`COLUMNS`; shares get 10 decimals."""
    if isinstance(target, str | Path):
        with open(target, "w", newline="", encoding="utf-8") as handle:
            write_margins_csv(margins, handle)
        return
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in margins.margins:
        year = "" if m.reference_year is None else str(m.reference_year)
        writer.writerow([m.attribute, m.value, f"{m.share:.10f}", year, m.source, m.note])


def margins_to_text(margins: PopulationMargins) -> str:
    """The margin file's text, as :func:`write_margins_csv` writes it."""
    buffer = io.StringIO()
    write_margins_csv(margins, buffer)
    return buffer.getvalue()
