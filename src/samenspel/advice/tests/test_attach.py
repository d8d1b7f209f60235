# SPDX-License-Identifier: EUPL-1.2
"""The decision aid and the instrument registry share their keys: an advised instrument that
the platform has can be attached to the trajectory straight from the advice."""

import pytest
from django.urls import reverse

from samenspel.advice import services
from samenspel.engines.advice import default_kader_text, load_kader
from samenspel.instruments.services import registry
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user

pytestmark = pytest.mark.django_db

# Answers that advise a meeting first (the engine's case "woonvisie zonder vertrouwen").
ANSWERS = {
    "initiator": "gemeente",
    "domein": "fysiek",
    "dossiers": ["wonen"],
    "kennis_benutten": 5,
    "betrekken": 5,
    "vertrouwen_overlaten": 4,
    "gewenste_rol": "samenwerking",
    "vertrouwen_samenleving_overheid": "nee",
}


def test_every_instrument_of_the_platform_can_be_advised():
    kader = load_kader(default_kader_text())
    offered = {i.id for i in kader.instruments if i.platform}
    assert {m.key for m in registry} <= offered
    # The keys the coming instruments will register under (issues: panel, lottery, budget).
    assert {"bijeenkomst", "burgerraad", "begroting", "raadpleging"} <= offered


def test_the_advice_offers_to_attach_what_the_registry_has(client, no_staff_mfa):
    gemeente = make_gemeente()
    ambtenaar = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=ambtenaar)
    advies = services.give_advice(ambtenaar, traject, ANSWERS)
    advised = [i["id"] for i in advies.result["instruments"]]
    assert advised[0] == "bijeenkomst" and "burgerraad" in advised
    url = reverse("advice:advies", args=[gemeente.slug, traject.pk])
    attach = reverse("meetings:create", args=[gemeente.slug, traject.pk])

    client.force_login(ambtenaar)
    page = client.get(url).content.decode()
    # One link per advised instrument the registry has (the meeting first; more as they come).
    registered = {m.key for m in registry}
    assert page.count("Koppel aan traject") == len([i for i in advised if i in registered])
    assert f'href="{attach}"' in page

    client.force_login(make_user(Role.INWONER, gemeente))
    page = client.get(url).content.decode()
    assert "Koppel aan traject" not in page and "Stamtafel en andere ontmoetingen" in page
