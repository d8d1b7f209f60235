# SPDX-License-Identifier: EUPL-1.2
"""What an instrument app needs to declare itself: the manifest's types, the registry, and the
"is organiser of this use" predicate for its rules (ARCHITECTURE: instruments)."""

from samenspel.instruments.config import SettingsError
from samenspel.instruments.manifest import (
    ASSURANCE_LEVELS,
    CODE,
    DECLARED,
    DIGID,
    Action,
    Export,
    InstrumentManifest,
    setting,
)
from samenspel.instruments.registry import registry
from samenspel.instruments.rules import is_organiser

__all__ = [
    "ASSURANCE_LEVELS",
    "CODE",
    "DECLARED",
    "DIGID",
    "Action",
    "Export",
    "InstrumentManifest",
    "SettingsError",
    "is_organiser",
    "registry",
    "setting",
]
