# SPDX-License-Identifier: EUPL-1.2
"""A municipality's own theme: colours checked for WCAG AA, pictures for size and type, and
the stylesheet, logo and favicon on every page of that municipality (issue 13, item 8)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samenspel.municipalities.services import set_theme
from samenspel.municipalities.theme import (
    FAVICON_MAX_BYTES,
    LOGO_MAX_BYTES,
    check_colour,
    contrast,
    stylesheet,
)
from samenspel.testing import make_gemeente, make_traject

pytestmark = pytest.mark.django_db

THEME = Path(__file__).resolve().parents[2] / "demo" / "theme"
PNG = (THEME / "heusden-logo.png").read_bytes()


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    # The grey WCAG's own examples put at the AA edge.
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#1a1a4e", "#0b6b3a", "#767676"])
def test_dark_enough_colours_pass(colour):
    check_colour(colour)


@pytest.mark.parametrize(
    ("colour", "code"),
    [("#ffcc00", "contrast"), ("#777777", "contrast"), ("red", "format"), ("#12345", "format")],
)
def test_light_or_malformed_colours_are_refused_in_plain_dutch(colour, code):
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        check_colour(colour)
    assert caught.value.code == code
    if code == "contrast":
        assert "4,5 op 1" in caught.value.messages[0]


def test_pictures_are_checked_for_size_and_type_before_they_are_stored():
    gemeente = make_gemeente("Heusden")
    too_big = SimpleUploadedFile("logo.png", PNG + b"\0" * LOGO_MAX_BYTES)
    with pytest.raises(ValidationError) as caught:
        set_theme(gemeente, primary="#0b6b3a", logo=too_big)
    assert caught.value.code == "size"
    svg = SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>")
    with pytest.raises(ValidationError) as caught:
        set_theme(gemeente, logo=svg)
    assert caught.value.code == "type"
    big_icon = SimpleUploadedFile("f.png", PNG + b"\0" * FAVICON_MAX_BYTES)
    with pytest.raises(ValidationError):
        set_theme(gemeente, favicon=big_icon)
    gemeente.refresh_from_db()
    assert not gemeente.logo and not gemeente.favicon


def test_a_colour_without_contrast_is_not_saved():
    gemeente = make_gemeente("Heusden")
    with pytest.raises(ValidationError) as caught:
        set_theme(gemeente, primary="#ffcc00")
    assert "theme_primary" in caught.value.message_dict
    gemeente.refresh_from_db()
    assert gemeente.theme_primary == ""


def test_the_theme_is_on_every_page_of_its_municipality_only(client):
    heusden, zeist = make_gemeente("Heusden"), make_gemeente("Zeist")
    set_theme(
        heusden,
        primary="#0b6b3a",
        link="#0b5a32",
        logo=SimpleUploadedFile("logo.png", PNG),
        favicon=SimpleUploadedFile("favicon.png", (THEME / "heusden-favicon.png").read_bytes()),
    )
    traject = make_traject(heusden)
    css_url = reverse("municipalities:theme_css", args=[heusden.slug])
    for url in (reverse("trajectories:gemeente", args=[heusden.slug]), traject.get_absolute_url()):
        html = client.get(url).content.decode()
        assert css_url in html and reverse("municipalities:logo", args=[heusden.slug]) in html
        assert reverse("municipalities:favicon", args=[heusden.slug]) in html
        assert 'style="' not in html  # CSP style-src 'self': no inline styles
    assert (
        css_url
        not in client.get(reverse("trajectories:gemeente", args=[zeist.slug])).content.decode()
    )
    css = client.get(css_url)
    assert css["Content-Type"] == "text/css"
    assert "--samenspel-brand: #0b6b3a;" in css.content.decode()
    assert "--basis-color-action-2-color-default: #0b5a32;" in css.content.decode()
    logo = client.get(reverse("municipalities:logo", args=[heusden.slug]))
    assert logo["Content-Type"] == "image/png" and logo.content == PNG
    assert client.get(reverse("municipalities:logo", args=[zeist.slug])).status_code == 404


def test_without_a_theme_the_stylesheet_is_empty():
    assert stylesheet("", "") == ""
