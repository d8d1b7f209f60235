# SPDX-License-Identifier: EUPL-1.2
"""Anyone can take part: the declaration step, assurance levels per municipality, the rate limit."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from samenspel.core.models import AuditEvent
from samenspel.municipalities.services import Gebied
from samenspel.people.models import Assurance, Membership, Role
from samenspel.people.services import (
    AssuranceLevel,
    assurance_level,
    declare_organisation,
    declare_residence,
    erase_account,
    grant_assurance,
    meets,
)
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.models import Inbreng

pytestmark = pytest.mark.django_db


@pytest.fixture
def zeist():
    gemeente = make_gemeente("Zeist")
    official = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=official)
    wijk = Gebied.objects.create(gemeente=gemeente, kind="wijk", name="Zeist-West")
    return {"gemeente": gemeente, "traject": traject, "wijk": wijk, "official": official}


def test_levels_are_ordered_and_held_per_municipality_and_scope(zeist):
    gemeente, other = zeist["gemeente"], make_gemeente()
    person = make_user()
    assert assurance_level(person, gemeente) is None
    declare_residence(person, gemeente, zeist["wijk"])
    assert assurance_level(person, gemeente) == AssuranceLevel.DECLARED
    assert assurance_level(person, other) is None
    grant_assurance(person, gemeente, AssuranceLevel.CODE, scope="use:7")
    assert assurance_level(person, gemeente) == AssuranceLevel.DECLARED
    assert assurance_level(person, gemeente, scope="use:7") == AssuranceLevel.CODE
    grant_assurance(person, gemeente, AssuranceLevel.DIGID)
    assert assurance_level(person, gemeente, scope="use:8") == AssuranceLevel.DIGID
    assert meets(AssuranceLevel.DIGID, AssuranceLevel.CODE)
    assert not meets(AssuranceLevel.DECLARED, AssuranceLevel.CODE)
    assert not meets(None, AssuranceLevel.DECLARED)
    with pytest.raises(ValueError):
        grant_assurance(person, gemeente, "password")


def test_a_role_given_by_an_administrator_counts_as_declared(zeist):
    assert assurance_level(zeist["official"], zeist["gemeente"]) == AssuranceLevel.DECLARED


def test_declaring_makes_a_resident_or_an_organisation(zeist):
    gemeente = zeist["gemeente"]
    resident, entrepreneur = make_user(), make_user()
    declare_residence(resident, gemeente, zeist["wijk"])
    declare_organisation(entrepreneur, gemeente, "  Bakkerij De Korenschoof ")
    assert Membership.objects.get(user=resident).gebied == zeist["wijk"]
    member = Membership.objects.get(user=entrepreneur)
    assert (member.role, member.organisatie) == (Role.ORGANISATIE, "Bakkerij De Korenschoof")
    with pytest.raises(ValueError):
        declare_residence(make_user(), make_gemeente(), zeist["wijk"])  # wijk of another place
    with pytest.raises(ValueError):
        declare_organisation(make_user(), gemeente, " ")


def test_erasure_leaves_no_residence_or_assurance(zeist):
    person = make_user()
    declare_residence(person, zeist["gemeente"], zeist["wijk"])
    grant_assurance(person, zeist["gemeente"], AssuranceLevel.CODE, scope="use:1")
    erase_account(person)
    assert not Membership.objects.filter(user=person).exists()
    assert not Assurance.objects.filter(user=person).exists()


def test_a_person_without_a_role_declares_and_returns_to_the_input_form(client, zeist):
    gemeente, traject = zeist["gemeente"], zeist["traject"]
    person = make_user()
    client.force_login(person)
    form_url = reverse("trajectories:inbreng_create", args=[gemeente.slug, traject.pk])
    response = client.get(form_url)
    declare_url = reverse("people:declare", args=[gemeente.slug])
    assert response.status_code == 302 and response["Location"].startswith(declare_url)
    page = client.get(response["Location"]).content.decode()
    assert "Ik woon in Zeist" in page and "Zeist-West" in page
    response = client.post(
        response["Location"], {"role": Role.INWONER, "wijk": zeist["wijk"].pk, "next": form_url}
    )
    assert response["Location"] == form_url
    assert assurance_level(person, gemeente) == AssuranceLevel.DECLARED
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"text": "Meer bomen langs de Slotlaan."})
    assert response["Location"] == traject.get_absolute_url()
    assert Inbreng.objects.get(author=person).text == "Meer bomen langs de Slotlaan."


def test_the_declaration_step_refuses_unsafe_next_and_names_missing_organisation(client, zeist):
    gemeente = zeist["gemeente"]
    client.force_login(make_user())
    url = reverse("people:declare", args=[gemeente.slug])
    response = client.post(url, {"role": Role.ORGANISATIE, "organisatie": ""})
    assert "Vul de organisatie in" in response.content.decode()
    response = client.post(url, {"role": Role.INWONER, "next": "https://evil.example/"})
    assert response["Location"] == reverse("trajectories:gemeente", args=[gemeente.slug])


def test_anonymous_visitors_are_invited_to_take_part(client, zeist):
    gemeente, traject = zeist["gemeente"], zeist["traject"]
    page = client.get(traject.get_absolute_url()).content.decode()
    assert "Doe mee" in page
    form_url = reverse("trajectories:inbreng_create", args=[gemeente.slug, traject.pk])
    response = client.get(form_url)
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_meeting_registration_asks_a_newcomer_where_they_live(client, zeist):
    bijeenkomst = make_bijeenkomst(zeist["traject"], user=zeist["official"])
    person = make_user()
    client.force_login(person)
    detail = bijeenkomst.get_absolute_url()
    assert "Doe mee" in client.get(detail).content.decode()
    url = reverse("meetings:register", args=[zeist["gemeente"].slug, bijeenkomst.pk])
    response = client.post(url, HTTP_REFERER=f"http://testserver{detail}")
    assert "/doe-mee/" in response["Location"] and "next=" in response["Location"]
    declare_residence(person, zeist["gemeente"])
    client.post(url)
    assert bijeenkomst.aanmeldingen.filter(user=person).exists()


def test_new_input_is_limited_per_person_per_hour(client, zeist, settings):
    settings.SAMENSPEL_INPUT_PER_HOUR = 2
    cache.clear()
    gemeente, traject = zeist["gemeente"], zeist["traject"]
    person = make_user(Role.INWONER, gemeente)
    client.force_login(person)
    url = reverse("trajectories:inbreng_create", args=[gemeente.slug, traject.pk])
    for n in range(2):
        assert client.post(url, {"text": f"Idee nummer {n} voor de wijk."}).status_code == 302
    response = client.post(url, {"text": "Nog een idee voor de wijk."})
    assert response.status_code == 200
    assert "Wacht een uur" in response.content.decode()
    assert Inbreng.objects.filter(author=person).count() == 2
    # Another person is not held back.
    client.force_login(make_user(Role.INWONER, gemeente))
    assert client.post(url, {"text": "Mijn eerste idee voor de wijk."}).status_code == 302
    assert AuditEvent.objects.filter(object_type="trajectories.Inbreng").count() == 3


@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "account_reset_password",
        "account_logout",
        "mfa_index",
    ],
)
def test_account_pages_speak_to_the_resident_with_u(client, zeist, name):
    client.force_login(make_user(Role.INWONER, zeist["gemeente"]))
    response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    assert not re.findall(r"\b(?:je|jij|jouw|Je|Jij|Jouw)\b", text)
