# SPDX-License-Identifier: EUPL-1.2
"""Rate limits in the shared cache, so they hold across web workers and restarts."""

from __future__ import annotations

import time

from django.core.cache import cache


def take_turn(key: str, limit: int, period: int) -> bool:
    """Count one attempt for ``key``; False once more than ``limit`` attempts fall in the
    current window of ``period`` seconds."""
    window = int(time.time() // period)
    bucket = f"samenspel:rate:{key}:{window}"
    cache.add(bucket, 0, timeout=period)
    try:
        count = cache.incr(bucket)
    except ValueError:  # the window expired between add and incr
        cache.set(bucket, 1, timeout=period)
        count = 1
    return count <= limit
