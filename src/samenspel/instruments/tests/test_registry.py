"""The instrument registry validates manifests at start-up."""

from dataclasses import dataclass

import pytest

from samenspel.instruments.manifest import Action, InstrumentManifest
from samenspel.instruments.registry import ManifestError, Registry, registry


@dataclass(frozen=True)
class Settings:
    size: int = 10


def _manifest(**changes) -> InstrumentManifest:
    values = {
        "key": "proef",
        "label": "Proef",
        "description": "",
        "phases": frozenset({"participatie"}),
        "settings": Settings,
        "create_url_name": "meetings:create",
        "detail_url": lambda use: "/",
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
