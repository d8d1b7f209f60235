# SPDX-License-Identifier: EUPL-1.2
"""Who sees which lessons and experiments: the own municipality, the province, the country."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenspel.learning import services
from samenspel.people.models import Role
from samenspel.testing import (
    make_experiment,
    make_gemeente,
    make_lesson,
    make_provincie,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_staff_mfa")]


@pytest.fixture
def country():
    gelderland, brabant = make_provincie("Gelderland"), make_provincie("Noord-Brabant")
    lochem = make_gemeente("Lochem", provincie=gelderland, inhabitants=34_289)
    aalten = make_gemeente("Aalten", provincie=gelderland, inhabitants=27_308)
    heusden = make_gemeente("Heusden", provincie=brabant, inhabitants=46_026)
    author_l = make_user(Role.AMBTENAAR, lochem)
    author_h = make_user(Role.AMBTENAAR, heusden)
    lessons = {
        "lochem_raad": make_lesson(lochem, author=author_l, corners=["raad"]),
        "lochem_between": make_lesson(
            lochem, author=author_l, corners=["college", "samenleving"], kind="knelpunt"
        ),
        "lochem_own": make_lesson(lochem, author=author_l, sharing="gemeente"),
        "aalten_need": make_lesson(aalten, corners=["ambtenaren"], kind="behoefte"),
        "heusden_national": make_lesson(heusden, author=author_h, sharing="landelijk"),
        "heusden_province": make_lesson(heusden, author=author_h, sharing="provincie"),
        "heusden_own": make_lesson(heusden, author=author_h, sharing="gemeente"),
    }
    experiments = {
        "lochem": make_experiment(lochem, user=author_l, sharing="provincie"),
        "heusden_national": make_experiment(heusden, user=author_h, sharing="landelijk"),
        "heusden_province": make_experiment(heusden, user=author_h, sharing="provincie"),
        "heusden_own": make_experiment(heusden, user=author_h, sharing="gemeente"),
    }
    staff = make_user(Role.PROVINCIE, provincie=gelderland)
    return {
        "gelderland": gelderland,
        "staff": staff,
        "lessons": lessons,
        "experiments": experiments,
        "lochem": lochem,
        "heusden": heusden,
    }


def test_gelderland_sees_its_lessons_by_actor_and_national_ones_of_others(country, client):
    staff, lessons = country["staff"], country["lessons"]
    visible = set(services.visible_lessons(staff))
    assert {
        lessons["lochem_raad"],
        lessons["lochem_between"],
        lessons["aalten_need"],
        lessons["heusden_national"],
    } == visible
    view = services.province_view(country["gelderland"])
    assert {lesson.pk for lesson in view["lessons"]} == {
        lessons["lochem_raad"].pk,
        lessons["lochem_between"].pk,
        lessons["aalten_need"].pk,
    }
    counts = {row["key"]: row["counts"] for row in view["wall"]["rows"]}
    # columns: success factors, bottlenecks, needs
    assert counts["raad"] == [1, 0, 0]
    assert counts["college"] == [0, 1, 0] and counts["samenleving"] == [0, 1, 0]
    assert counts["ambtenaren"] == [0, 0, 1]
    assert counts["between"] == [0, 1, 0]
    assert {e.pk for e in view["experiments"]} == {country["experiments"]["lochem"].pk}

    client.force_login(staff)
    page = client.get(reverse("learning:province", args=["provincie-" + "x"]))
    assert page.status_code == 404
    page = client.get(reverse("learning:province", args=[country["gelderland"].slug]))
    text = page.content.decode()
    assert lessons["lochem_raad"].text in text and lessons["aalten_need"].text in text
    for key in ("lochem_own", "heusden_own", "heusden_province", "heusden_national"):
        assert lessons[key].text not in text, key
    library = client.get(reverse("learning:library")).content.decode()
    assert lessons["heusden_national"].text in library
    assert country["experiments"]["heusden_national"].title in library
    for key in ("heusden_own", "heusden_province"):
        assert lessons[key].text not in library
        assert country["experiments"][key].title not in library


def test_never_an_unshared_item_of_another_provinces_municipality(country, client):
    staff = country["staff"]
    heusden = country["heusden"]
    client.force_login(staff)
    for key in ("heusden_own", "heusden_province"):
        experiment = country["experiments"][key]
        url = reverse("learning:experiment", args=[heusden.slug, experiment.pk])
        assert client.get(url).status_code == 404
    national = country["experiments"]["heusden_national"]
    url = reverse("learning:experiment", args=[heusden.slug, national.pk])
    assert client.get(url).status_code == 200
    # The municipality's own pages stay its own.
    assert client.get(reverse("learning:lessons", args=[heusden.slug])).status_code == 403
    assert client.get(reverse("learning:experiments", args=[heusden.slug])).status_code == 403
    csv = client.get(reverse("learning:province_csv", args=[country["gelderland"].slug]))
    body = csv.content.decode()
    assert country["lessons"]["lochem_raad"].text in body
    assert "Heusden" not in body


def test_province_filters_in_the_library(country, client):
    official = make_user(Role.AMBTENAAR, country["lochem"])
    client.force_login(official)
    url = reverse("learning:library")
    everything = client.get(url).content.decode()
    assert country["experiments"]["lochem"].title in everything
    assert country["experiments"]["heusden_national"].title in everything
    brabant = client.get(url, {"provincie": "noord-brabant-x"}).content.decode()
    assert country["experiments"]["lochem"].title in brabant  # an unknown choice: no filter
    small = client.get(url, {"size": "klein"}).content.decode()
    assert country["experiments"]["heusden_national"].title not in small
    medium = client.get(url, {"size": "middelgroot", "q": "zelfbeheer"}).content.decode()
    assert country["experiments"]["heusden_national"].title in medium
