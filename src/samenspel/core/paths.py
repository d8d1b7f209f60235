"""Where the shared reference data lives (``../shared`` beside the checkout by default)."""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    override = os.environ.get("SAMENSPEL_SHARED_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3].parent / "shared"
