"""Shared helpers: the pabulib data in ../shared/data/pabulib (or $SAMENSPEL_SHARED_DIR)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from samenspel.engines.budgeting.model import Election
from samenspel.engines.budgeting.pabulib import read_pb

REPO_ROOT = Path(__file__).resolve().parents[5]


def shared_dir() -> Path:
    return Path(os.environ.get("SAMENSPEL_SHARED_DIR", REPO_ROOT.parent / "shared"))


def pabulib_dir() -> Path:
    return shared_dir() / "data" / "pabulib"


def expected_files() -> list[Path]:
    return sorted((pabulib_dir() / "expected").glob("*.json"))


@cache
def election(name: str) -> Election:
    return read_pb(pabulib_dir() / f"{name}.pb")


@cache
def expected(name: str) -> dict:
    return json.loads((pabulib_dir() / "expected" / f"{name}.json").read_text())
