# SPDX-License-Identifier: EUPL-1.2
"""A municipality's theme: its stylesheet of colour tokens, its logo and its favicon."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from samenspel.municipalities.services import get_gemeente
from samenspel.municipalities.theme import image_type, stylesheet

#: The URLs carry the theme's version, so a long cache is safe.
CACHE = "public, max-age=86400"


@require_GET
def theme_css(request, slug):
    gemeente = get_gemeente(slug)
    response = HttpResponse(
        stylesheet(gemeente.theme_primary, gemeente.theme_link), content_type="text/css"
    )
    response["Cache-Control"] = CACHE
    return response


def _picture(field):
    """The picture from storage; it is small (checked on upload), so read whole."""
    if not field:
        raise Http404
    with field.open("rb") as handle:
        content = handle.read()
    kind = image_type(content[:8])
    if kind is None:
        raise Http404
    response = HttpResponse(content, content_type=kind)
    response["Cache-Control"] = CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def logo(request, slug):
    return _picture(get_gemeente(slug).logo)


@require_GET
def favicon(request, slug):
    return _picture(get_gemeente(slug).favicon)
