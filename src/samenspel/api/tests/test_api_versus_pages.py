# SPDX-License-Identifier: EUPL-1.2
"""The API shows exactly what the public pages show: per municipality of the demo the same
trajectories, per trajectory the same input and answers; nothing that is not public, and no
personal data (no e-mail address, no name of a person) in any answer."""

import html
import re

import pytest
from django.urls import reverse

from samenspel.municipalities.services import Gemeente
from samenspel.people.models import User

pytestmark = pytest.mark.django_db


def _api_items(client, path: str, **params) -> list[dict]:
    items, page = [], 1
    while True:
        response = client.get(path, {**params, "pagina": page})
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["results"]
        if not body["next"]:
            return items
        page += 1


def _page_traject_ids(client, gemeente) -> set[int]:
    ids: set[int] = set()
    page = 1
    link = re.compile(rf'href="/gemeenten/{gemeente.slug}/trajecten/(\d+)/"')
    while True:
        response = client.get(
            reverse("trajectories:gemeente", args=[gemeente.slug]), {"pagina": page}
        )
        found = {int(pk) for pk in link.findall(response.content.decode())}
        if not found - ids:
            return ids
        ids |= found
        page += 1


def _page_inbreng(client, traject) -> tuple[set[str], set[str]]:
    url = reverse("trajectories:feedback", args=[traject["gemeente"], traject["id"]])
    text = client.get(url).content.decode()
    quotes = re.findall(r'<blockquote class="utrecht-paragraph">(.*?)</blockquote>', text, re.S)
    answers = re.findall(r"</strong> (.*?)</p>", text, re.S)
    return {html.unescape(q) for q in quotes}, {html.unescape(a) for a in answers}


def test_api_lists_what_the_pages_list(client, demo):
    gemeenten = list(Gemeente.objects.all())
    assert len(gemeenten) >= 3
    api_gemeenten = {g["slug"] for g in _api_items(client, "/api/v1/gemeenten")}
    assert api_gemeenten == {g.slug for g in gemeenten}
    compared = {"trajecten": 0, "bijdragen": 0, "antwoorden": 0}
    for gemeente in gemeenten:
        trajecten = _api_items(client, "/api/v1/trajecten", gemeente=gemeente.slug)
        assert {t["id"] for t in trajecten} == _page_traject_ids(client, gemeente), gemeente
        for traject in trajecten:
            bijdragen = _api_items(client, "/api/v1/bijdragen", traject=traject["id"])
            texts, answers = _page_inbreng(client, traject)
            assert {b["tekst"] for b in bijdragen} == texts
            assert {b["antwoord"] for b in bijdragen if b["antwoord"]} == answers
            compared["bijdragen"] += len(texts)
            compared["antwoorden"] += len(answers)
        compared["trajecten"] += len(trajecten)
    assert all(compared.values()), compared  # the comparison compared something
    assert demo["hidden"].pk not in {t["id"] for t in _api_items(client, "/api/v1/trajecten")}
    assert client.get(f"/api/v1/trajecten/{demo['hidden'].pk}").status_code == 404


def test_no_personal_data_in_any_answer(client, demo):
    answers = []
    for resource in ("gemeenten", "trajecten", "bijdragen", "bijeenkomsten"):
        for item in _api_items(client, f"/api/v1/{resource}"):
            key = item["slug"] if resource == "gemeenten" else item["id"]
            detail = client.get(f"/api/v1/{resource}/{key}")
            assert detail.status_code == 200
            answers.append(detail.content.decode())
        answers.append(client.get(f"/api/v1/{resource}").content.decode())
    everything = "\n".join(answers)
    assert "Meer bankjes op het plein" in everything  # the input is there, its author is not
    for user in User.objects.all():
        assert user.email not in everything
        assert not user.name or user.name not in everything, user.name
    for hidden in ("Verborgen plan", "Niet publieke inbreng"):
        assert hidden not in everything
