# SPDX-License-Identifier: EUPL-1.2
"""Shared helpers: the pabulib elections and their reference outcomes in ``data/pabulib``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from samenspel.engines.budgeting.model import Election
from samenspel.engines.budgeting.pabulib import read_pb

PABULIB = Path(__file__).resolve().parent / "data" / "pabulib"


def expected_files() -> list[Path]:
    return sorted((PABULIB / "expected").glob("*.json"))


@cache
def election(name: str) -> Election:
    return read_pb(PABULIB / f"{name}.pb")


@cache
def expected(name: str) -> dict:
    return json.loads((PABULIB / "expected" / f"{name}.json").read_text())
