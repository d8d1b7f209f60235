# SPDX-License-Identifier: EUPL-1.2
"""System check: every instrument's URLs resolve (URLs are loaded after the registry)."""

from __future__ import annotations

from django.core.checks import Error, register
from django.urls import NoReverseMatch, reverse


@register()
def check_instrument_urls(app_configs, **kwargs):
    from samenspel.instruments.registry import registry

    errors = []
    for manifest in registry:
        names = [
            manifest.create_url_name,
            manifest.detail_url_name,
            *(e.url_name for e in manifest.exports),
        ]
        for name in names:
            try:
                reverse(name, args=["gemeente", 1])
            except NoReverseMatch:
                errors.append(
                    Error(
                        f"Instrument {manifest.key!r}: URL {name!r} does not resolve "
                        "with (gemeente slug, id).",
                        id="instruments.E001",
                    )
                )
    return errors
