# SPDX-License-Identifier: EUPL-1.2
"""The instrument registry validates manifests at start-up."""

import datetime
from dataclasses import dataclass

import pytest

from samenspel.instruments.manifest import Action, InstrumentManifest, setting
from samenspel.instruments.registry import ManifestError, Registry, registry


@dataclass(frozen=True)
class Settings:
    size: int = setting(10, label="Size", min_value=1)


@dataclass(frozen=True)
class Unlabelled:
    size: int = 10


@dataclass(frozen=True)
class Moment:
    at: datetime.datetime | None = setting(None, label="At")


@dataclass(frozen=True)
class BadDefault:
    size: int = setting(0, label="Size", min_value=1)


@dataclass(frozen=True)
class Listed:
    names: list = setting((), label="Names")


def _manifest(**changes) -> InstrumentManifest:
    values = {
        "key": "proef",
        "label": "Proef",
        "description": "",
        "phases": frozenset({"participatie"}),
        "settings": Settings,
        "create_url_name": "meetings:create",
        "detail_url_name": "meetings:detail",
        "attach_permission": "instruments.attach",
    }
    return InstrumentManifest(**{**values, **changes})


def test_shipped_instruments_are_registered():
    assert "bijeenkomst" in registry
    registry.validate()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "Bad Key"}, "key"),
        ({"phases": frozenset({"nooit"})}, "phases"),
        ({"settings": dict}, "dataclass"),
        ({"attach_permission": "nope.nothing"}, "permission"),
        ({"actions": (Action("a", "A", "instruments.attach"),) * 2}, "duplicate"),
        ({"settings": Unlabelled}, "needs a label"),
        ({"phase_settings": Moment}, "a moment in time is not a setting"),
        ({"settings": BadDefault}, "the default must be at least 1"),
        ({"phase_settings": Listed}, "unsupported type"),
        ({"actions": (Action("a", "A", "instruments.attach", assurance="paspoort"),)}, "assurance"),
    ],
)
def test_invalid_manifests_are_refused(changes, message):
    local = Registry()
    local.register(_manifest(**changes))
    with pytest.raises(ManifestError, match=message):
        local.validate()


def test_a_key_registers_once():
    local = Registry()
    local.register(_manifest())
    with pytest.raises(ManifestError):
        local.register(_manifest())
