"""The public benchmark instances in the shared data directory (see its README).

The directory is ``../shared/data/sortition`` next to the repository root, or
``$SAMENSPEL_SHARED_DIR/data/sortition``. Names: ``syn_*`` (synthetic stand-ins for the Nature
2021 paper's private pools), ``example_small_20`` and ``example_large_200`` (the paper's public
demos) and ``sa_fixture_22`` (sortition-algorithms' test pool with a panel of 22).
"""

from __future__ import annotations

import os
from pathlib import Path

from samenspel.engines.sortition.io import read_instance
from samenspel.engines.sortition.model import Instance

REPO_ROOT = Path(__file__).resolve().parents[4]


def data_dir() -> Path:
    shared = Path(os.environ.get("SAMENSPEL_SHARED_DIR", REPO_ROOT / ".." / "shared"))
    return (shared / "data" / "sortition").resolve()


def instance_files() -> dict[str, tuple[Path, Path, int]]:
    """Name -> (people file, quota file, panel size), smallest pool first."""
    root = data_dir()
    found = {
        "sa_fixture_22": (
            root / "sortition-algorithms-fixtures" / "candidates.csv",
            root / "sortition-algorithms-fixtures" / "features.csv",
            22,
        )
    }
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


def load(name: str) -> Instance:
    people, quotas, k = instance_files()[name]
    return read_instance(people, quotas, k)
