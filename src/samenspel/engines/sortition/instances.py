# SPDX-License-Identifier: EUPL-1.2
"""Benchmark instances laid out as in the sortition reference data (see its README).

A data folder holds ``sortition-algorithms-fixtures/`` (that library's test pool, used with a
panel of 22: ``sa_fixture_22``), ``synthetic/syn_*`` (stand-ins shaped like the Nature 2021
paper's private pools) and ``citizensassemblies-replication/data/example_*`` (the paper's public
demos). The tests read the subset in ``tests/data/reference``; the benchmark reads the full set
from the folder given on its command line.
"""

from __future__ import annotations

from pathlib import Path

from samenspel.engines.sortition.io import read_instance
from samenspel.engines.sortition.model import Instance


def instance_files(root: Path) -> dict[str, tuple[Path, Path, int]]:
    """Name -> (people file, quota file, panel size) of the instances in ``root``, smallest
    pool first."""
    fixture = root / "sortition-algorithms-fixtures"
    found = {"sa_fixture_22": (fixture / "candidates.csv", fixture / "features.csv", 22)}
    folders = [
        *sorted((root / "synthetic").glob("syn_*")),
        *sorted((root / "citizensassemblies-replication" / "data").glob("example_*")),
    ]
    for folder in folders:
        found[folder.name] = (
            folder / "respondents.csv",
            folder / "categories.csv",
            int(folder.name.rsplit("_", 1)[1]),
        )

    def pool_size(item: tuple[str, tuple[Path, Path, int]]) -> int:
        with item[1][0].open(encoding="utf-8") as handle:
            return sum(1 for line in handle if line.strip())

    return dict(sorted(found.items(), key=pool_size))


def load(root: Path, name: str) -> Instance:
    people, quotas, k = instance_files(root)[name]
    return read_instance(people, quotas, k)
