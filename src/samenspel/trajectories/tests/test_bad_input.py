# SPDX-License-Identifier: EUPL-1.2
"""Bad input gets a Dutch error next to its field, never a server error (HTTP 500)."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from samenspel.municipalities.models import Gebied
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(no_staff_mfa):
    gemeente = make_gemeente()
    traject = make_traject(gemeente, title="Het slot")
    Gebied.objects.create(gemeente=gemeente, kind="wijk", name="Centrum")
    return {"gemeente": gemeente, "traject": traject}


def error_of(page: str, field_id: str) -> str:
    return page.split(f'id="{field_id}-error"')[1].split("</p>")[0]


@pytest.mark.parametrize(
    ("query", "field", "error"),
    [
        ("gebied=%C2%B2", "f-gebied", "Selecteer een geldige keuze"),  # ² is a digit to isdigit
        ("gebied=99999999999999999999999", "f-gebied", "Selecteer een geldige keuze"),
        ("q=%00", "f-q", "Null-tekens zijn niet toegestaan"),  # PostgreSQL refuses NUL
        ("q=" + "x" * 201, "f-q", "niet meer dan 200 tekens"),
        ("fase=onbekend", "f-fase", "Selecteer een geldige keuze"),
    ],
)
def test_a_bad_filter_is_named_next_to_its_field(world, client, query, field, error):
    url = reverse("trajectories:gemeente", args=[world["gemeente"].slug])
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert error in error_of(page, field)
    assert "Het slot" in page  # the other filters still apply


def test_a_good_filter_still_filters(world, client):
    other = make_traject(world["gemeente"], title="De haven")
    other.gebieden.add(Gebied.objects.get())
    url = reverse("trajectories:gemeente", args=[world["gemeente"].slug])
    page = client.get(f"{url}?gebied={Gebied.objects.get().pk}&q=haven").content.decode()
    assert "De haven" in page and "Het slot" not in page


@pytest.mark.parametrize("area", ["99999999999999999999999", "-99999999999999999999999", "²"])
def test_a_huge_area_id_on_a_trajectory_edit_is_an_unknown_choice(world, client, area):
    client.force_login(make_user(Role.AMBTENAAR, world["gemeente"]))
    traject = world["traject"]
    url = reverse("trajectories:edit", args=[world["gemeente"].slug, traject.pk])
    data = {
        "title": "Het slot, herzien",
        "description": "Een traject.",
        "initiator": "samenleving",
        "domein": "fysiek",
        "gebieden": [area],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode().split("id_gebieden_error")[1]
    response = client.post(url, {**data, "description": "x" * 10_001})
    page = response.content.decode()
    assert "niet meer dan 10000 tekens" in page.split("id_description_error")[1]


def test_every_text_field_has_a_maximum_length():
    """Forms built from the models get it too (and show the error next to the field)."""
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for app in ("trajectories", "meetings", "advice")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField) and not field.max_length
    ]
    assert unbounded == []
