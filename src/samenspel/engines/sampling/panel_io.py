# SPDX-License-Identifier: EUPL-1.2
"""Reading the command line's members and responses files (CSV, UTF-8, header row).

Members file: ``id``, one column per attribute, ``invitations_last_12_months``,
``days_since_last_invitation`` (empty: never invited) and optionally ``response_rate``
(expected chance of answering, default 1). Responses file: optionally ``id``, one column per
attribute, and any answer columns.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from samenspel.engines.population import PopulationMargins
from samenspel.engines.sampling.sampler import Member, SamplingError

HISTORY_COLUMNS = ("invitations_last_12_months", "days_since_last_invitation")


def read_table(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV file, values stripped."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in reader]
        return list(reader.fieldnames or []), rows


def require_columns(
    header: Sequence[str], columns: Sequence[str], population: PopulationMargins, what: str
) -> None:
    """Refuse a file that lacks a needed column or a population attribute."""
    for column in columns:
        if column not in header:
            raise SamplingError(f"the {what} file has no column {column!r}")
    for attribute in population.attributes:
        if attribute not in header:
            raise SamplingError(
                f"attribute {attribute!r} of the population file is not a column of the {what} file"
            )


def _number(
    row: dict[str, str], column: str, line: int, kind: type[float] | type[int]
) -> float | int | None:
    text = row.get(column, "")
    if text == "":
        return None
    try:
        return kind(text)
    except ValueError:
        raise SamplingError(f"line {line}: {column} {text!r} is not a number") from None


def read_members(path: str | Path, population: PopulationMargins) -> list[Member]:
    """Members with the population's attributes, their history and response rate."""
    header, rows = read_table(path)
    require_columns(header, ("id", *HISTORY_COLUMNS), population, "members")
    members = []
    for line, row in enumerate(rows, start=2):
        invitations = _number(row, HISTORY_COLUMNS[0], line, int)
        rate = _number(row, "response_rate", line, float)
        members.append(
            Member(
                id=row["id"],
                attributes={a: row[a] for a in population.attributes},
                invitations_last_12_months=int(invitations or 0),
                days_since_last_invitation=_number(row, HISTORY_COLUMNS[1], line, int),  # type: ignore[arg-type]
                response_rate=1.0 if rate is None else float(rate),
            )
        )
    return members
