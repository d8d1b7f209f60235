"""Declarations an instrument app builds on: the manifest it declares in its ``instrument.py``
and the registry it registers the manifest with."""

from samenspel.instruments.manifest import Action, Export, InstrumentManifest
from samenspel.instruments.registry import registry

__all__ = ["Action", "Export", "InstrumentManifest", "registry"]
