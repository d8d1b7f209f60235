# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from samenspel.engines.advice import Kader, load_default_kader

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[dict]:
    return [yaml.safe_load(path.read_text("utf-8")) for path in sorted(CASES.glob("*.yaml"))]


@pytest.fixture(scope="session")
def kader() -> Kader:
    return load_default_kader()
