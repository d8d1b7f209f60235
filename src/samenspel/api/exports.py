# SPDX-License-Identifier: EUPL-1.2
"""Open data: a municipality's public trajectories as CSV (figures per trajectory, no person)."""

from __future__ import annotations

import csv
from typing import IO

from samenspel.trajectories.services import public_trajecten_with_counts

COLUMNS = [
    "id",
    "titel",
    "fase",
    "domein",
    "initiatiefnemer",
    "dossiers",
    "gebieden",
    "ankerpunten",
    "bijdragen",
    "beantwoord",
    "bijgewerktOp",
    "url",
]

#: A cell starting with one of these is a formula to a spreadsheet: it is written as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def write_trajecten_csv(out: IO[str], gemeente, base_url: str) -> None:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for traject in public_trajecten_with_counts(gemeente):
        counts = [getattr(traject, name) for name in ("n_ankerpunten", "n_inbreng", "n_beantwoord")]
        row = [
            traject.pk,
            traject.title,
            traject.phase,
            traject.domein,
            traject.initiator,
            ", ".join(traject.dossier_list),
            ", ".join(gebied.name for gebied in traject.gebieden.all()),
            *counts,  # annotations of the query
            traject.updated.date().isoformat(),
            base_url + traject.get_absolute_url(),
        ]
        writer.writerow([_cell(value) for value in row])
