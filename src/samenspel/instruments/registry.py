# SPDX-License-Identifier: EUPL-1.2
"""The instrument registry: instruments register once and are validated at start-up."""

from __future__ import annotations

import re
from collections.abc import Iterator

from samenspel.instruments import config
from samenspel.instruments.manifest import ASSURANCE_LEVELS, InstrumentManifest

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


class ManifestError(ValueError):
    """A manifest that does not meet the contract; raised at start-up."""


class Registry:
    def __init__(self) -> None:
        self._manifests: dict[str, InstrumentManifest] = {}

    def register(self, manifest: InstrumentManifest) -> InstrumentManifest:
        if manifest.key in self._manifests:
            raise ManifestError(f"Instrument {manifest.key!r} is registered twice.")
        self._manifests[manifest.key] = manifest
        return manifest

    def __iter__(self) -> Iterator[InstrumentManifest]:
        return iter(sorted(self._manifests.values(), key=lambda m: m.key))

    def __contains__(self, key: str) -> bool:
        return key in self._manifests

    def get(self, key: str) -> InstrumentManifest:
        return self._manifests[key]

    def for_phase(self, phase: str) -> list[InstrumentManifest]:
        return [m for m in self if phase in m.phases]

    def validate(self) -> None:
        """Check every manifest; raise ManifestError naming the instrument and the problem."""
        for manifest in self:
            problems = _problems(manifest)
            if problems:
                raise ManifestError(f"Instrument {manifest.key!r}: " + "; ".join(problems))


def _settings_problems(name: str, cls: object) -> list[str]:
    if not config.is_settings_class(cls):
        return [f"{name} must be a dataclass"]
    try:
        config.fields_of(cls)
    except TypeError as exc:
        return [f"{name}: {exc}"]
    return []


def _problems(manifest: InstrumentManifest) -> list[str]:
    import rules

    from samenspel.trajectories.api import Phase

    problems = []
    if not KEY_PATTERN.match(manifest.key):
        problems.append("key must be lower-case letters, digits and underscores")
    unknown = set(manifest.phases) - set(Phase.values)
    if not manifest.phases or unknown:
        problems.append(f"unknown or no phases: {sorted(unknown)}")
    problems += _settings_problems("settings", manifest.settings)
    if manifest.phase_settings is not None:
        problems += _settings_problems("phase_settings", manifest.phase_settings)
    perms = [manifest.attach_permission, *(a.permission for a in manifest.actions)]
    for perm in perms:
        if not rules.perm_exists(perm):
            problems.append(f"permission {perm!r} is not defined")
    if len({a.key for a in manifest.actions}) != len(manifest.actions):
        problems.append("duplicate action keys")
    for action in manifest.actions:
        if action.assurance not in ASSURANCE_LEVELS:
            problems.append(f"action {action.key!r}: unknown assurance level {action.assurance!r}")
    if len({e.key for e in manifest.exports}) != len(manifest.exports):
        problems.append("duplicate export keys")
    return problems


registry = Registry()
