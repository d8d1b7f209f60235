# SPDX-License-Identifier: EUPL-1.2
"""CSV formats: sortition-algorithms' files and the Nature 2021 replication data.

* Quotas: ``feature,value,min,max[,min_flex,max_flex]`` (sortition-algorithms; also its
  ``category,name,...`` spelling) or ``category,feature,min,max`` (the replication repository of
  Flanigan et al., Nature 596, 2021). Flex columns are read and ignored: they only matter for
  the reference library's own relaxation.
* People: one row per respondent with a column per quota category. The id column is the one
  named, else ``nationbuilder_id`` (sortition-algorithms' default), else ``id`` (the published
  pool of a draw, ``people_csv``); a file with neither (the replication respondents) gets row
  numbers 1..n as ids. Optional household columns (for example address and postcode) are
  joined into a household key.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from samenspel.engines.sortition.model import InputError, Instance, Quota

ID_COLUMNS = ("nationbuilder_id", "id")
"""Id columns looked for, in this order, when none is named."""

_QUOTA_HEADERS = (("feature", "value"), ("category", "name"), ("category", "feature"))


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        rows = [{key: (value or "").strip() for key, value in row.items()} for row in reader]
    return header, rows


def read_quotas(path: Path) -> tuple[Quota, ...]:
    """Read a quota file in either format (see the module docstring)."""
    header, rows = _rows(path)
    names = next((pair for pair in _QUOTA_HEADERS if set(pair) <= set(header)), None)
    if names is None or not {"min", "max"} <= set(header):
        raise InputError(
            f"{path.name}: needs columns feature,value,min,max or category,feature,min,max "
            f"(found {','.join(header)})"
        )
    quotas = []
    for line, row in enumerate(rows, start=2):
        try:
            low, high = int(row["min"]), int(row["max"])
        except ValueError:
            raise InputError(
                f"{path.name} line {line}: min and max must be whole numbers"
            ) from None
        quotas.append(Quota(row[names[0]], row[names[1]], low, high))
    return tuple(quotas)


def read_instance(
    people: Path,
    quotas_file: Path,
    k: int,
    *,
    id_column: str | None = None,
    household_columns: Sequence[str] = (),
) -> Instance:
    """Read and check an instance; raises ``InputError`` naming the row or quota at fault."""
    quotas = read_quotas(quotas_file)
    header, rows = _rows(people)
    categories = tuple(dict.fromkeys(q.category for q in quotas))
    missing = [c for c in (*categories, *household_columns) if c not in header]
    if id_column is not None and id_column not in header:
        missing.insert(0, id_column)
    if missing:
        raise InputError(f"{people.name}: missing column(s) {', '.join(missing)}")
    id_column = id_column or next((c for c in ID_COLUMNS if c in header), None)
    ids = tuple(row[id_column] if id_column else str(i) for i, row in enumerate(rows, start=1))
    households = None
    if household_columns:
        keys = ("|".join(row[c].casefold() for c in household_columns) for row in rows)
        households = tuple(key if key.strip("|") else None for key in keys)
    return Instance(
        ids=ids,
        categories=categories,
        features=tuple(tuple(row[c] for c in categories) for row in rows),
        quotas=quotas,
        k=k,
        households=households,
    )


HOUSEHOLD_COLUMN = "household"


def people_csv(instance: Instance) -> str:
    """The published pool as ``read_instance`` reads it back: ``id``, one column per category
    and, when households count, ``household`` (give pseudonymous lower-case keys, such as hex
    digests; re-read with ``household_columns=["household"]``). Never names or addresses."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    households = instance.households
    writer.writerow(["id", *instance.categories, *([HOUSEHOLD_COLUMN] if households else [])])
    for i, (person, values) in enumerate(zip(instance.ids, instance.features, strict=True)):
        writer.writerow([person, *values, *([households[i] or ""] if households else [])])
    return out.getvalue()


def categories_csv(instance: Instance) -> str:
    """The quotas as ``feature,value,min,max``, as ``read_quotas`` reads them back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["feature", "value", "min", "max"])
    writer.writerows([q.category, q.value, q.min, q.max] for q in instance.quotas)
    return out.getvalue()
