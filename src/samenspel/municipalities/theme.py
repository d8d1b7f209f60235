# SPDX-License-Identifier: EUPL-1.2
"""A municipality's own look: colour tokens checked for WCAG AA contrast, logo and favicon
checked for size and type, and the small stylesheet that applies them on its pages."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
#: WCAG 2.1 AA for normal text (success criterion 1.4.3).
AA_CONTRAST = 4.5
WHITE = "#ffffff"
LOGO_MAX_BYTES = 200 * 1024
FAVICON_MAX_BYTES = 50 * 1024
#: Raster images only: an uploaded SVG can carry script.
IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x00\x00\x01\x00": "image/x-icon",
}


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour ``#rrggbb`` (WCAG 2.1 definition)."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def check_colour(value: str) -> None:
    """A colour as ``#rrggbb`` that white text (and a white page) reads against at AA level."""
    if not HEX.match(value):
        raise ValidationError(
            _("Give the colour as # followed by six hexadecimal digits, such as #1a1a4e."),
            code="format",
        )
    ratio = contrast(value, WHITE)
    if ratio < AA_CONTRAST:
        raise ValidationError(
            _(
                "The contrast with white is %(ratio)s to 1; readable text needs at least "
                "%(least)s to 1. Choose a darker colour."
            )
            % {"ratio": number_format(ratio, 1), "least": number_format(AA_CONTRAST, 1)},
            code="contrast",
        )


def image_type(head: bytes) -> str | None:
    """The image type from a file's first bytes, or None when it is not an accepted type."""
    return next((t for sig, t in IMAGE_SIGNATURES.items() if head.startswith(sig)), None)


def _check_image(upload, most: int, types: tuple[str, ...], wrong_type: str) -> None:
    if upload.size > most:
        raise ValidationError(
            _("The file is larger than %(kb)s KB.") % {"kb": most // 1024}, code="size"
        )
    upload.seek(0)
    kind = image_type(upload.read(8))
    upload.seek(0)
    if kind not in types:
        raise ValidationError(wrong_type, code="type")


def check_logo(upload) -> None:
    types = ("image/png", "image/jpeg")
    _check_image(upload, LOGO_MAX_BYTES, types, _("Upload the logo as a PNG or JPEG picture."))


def check_favicon(upload) -> None:
    types = ("image/png", "image/x-icon")
    _check_image(upload, FAVICON_MAX_BYTES, types, _("Upload the favicon as a PNG or ICO file."))


def stylesheet(primary: str, link: str) -> str:
    """The tokens of one municipality on top of the example theme (loaded after it)."""
    lines = []
    if primary:
        lines += [
            f"--samenspel-brand: {primary};",
            "--samenspel-brand-text: #fff;",
            *(
                f"--basis-color-action-1-inverse-bg-{state}: {primary};"
                for state in ("default", "hover", "active")
            ),
            *(
                f"--basis-color-action-1-{part}-{state}: {primary};"
                for part in ("color", "border")
                for state in ("default", "hover", "active")
            ),
            "--basis-color-action-1-inverse-color-default: #fff;",
            "--basis-color-action-1-inverse-color-hover: #fff;",
            "--basis-color-action-1-inverse-color-active: #fff;",
        ]
    if link:
        lines += [
            f"--basis-color-action-2-color-{state}: {link};"
            for state in ("default", "hover", "active")
        ]
    body = "\n  ".join(lines)
    return f".voorbeeld-theme {{\n  {body}\n}}\n" if lines else ""
