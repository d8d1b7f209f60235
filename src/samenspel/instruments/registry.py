"""The instrument registry: instruments register once and are validated at start-up."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from samenspel.instruments.manifest import InstrumentManifest

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
        import rules

        from samenspel.trajectories.api import Phase

        for manifest in self:
            problems = []
            if not KEY_PATTERN.match(manifest.key):
                problems.append("key must be lower-case letters, digits and underscores")
            unknown = set(manifest.phases) - set(Phase.values)
            if not manifest.phases or unknown:
                problems.append(f"unknown or no phases: {sorted(unknown)}")
            if not dataclasses.is_dataclass(manifest.settings):
                problems.append("settings must be a dataclass")
            else:
                missing = [
                    f.name
                    for f in dataclasses.fields(manifest.settings)
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                ]
                if missing:
                    problems.append(f"settings without a default: {missing}")
            perms = [manifest.attach_permission, *(a.permission for a in manifest.actions)]
            for perm in perms:
                if not rules.perm_exists(perm):
                    problems.append(f"permission {perm!r} is not defined")
            if len({a.key for a in manifest.actions}) != len(manifest.actions):
                problems.append("duplicate action keys")
            if problems:
                raise ManifestError(f"Instrument {manifest.key!r}: " + "; ".join(problems))


registry = Registry()
