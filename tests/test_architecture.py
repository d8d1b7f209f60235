# SPDX-License-Identifier: EUPL-1.2
"""The import contracts (pyproject.toml, checked by ``lint-imports`` in bin/test) bind every app:
a new app cannot slip past "apps use only each other's public modules" or "engines import no
app" by not being listed. (The layers contract is exhaustive, so lint-imports itself fails on an
unlisted module there.)"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "samenspel"
# The demo loader wires apps together, like urls.py; it is no app that others build on.
COMPOSERS = {"samenspel.demo"}


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _apps() -> set[str]:
    return {f"samenspel.{path.parent.name}" for path in PACKAGE.glob("*/apps.py")} - COMPOSERS


def test_every_app_uses_only_the_public_modules_of_the_others():
    contract = _contracts()["Apps use only each other's public modules (services, api; core.http)"]
    assert set(contract["modules"]) == _apps()


def test_the_engines_import_no_app():
    contract = _contracts()["Engines import no Django and no app"]
    assert _apps() | COMPOSERS <= set(contract["forbidden_modules"])
