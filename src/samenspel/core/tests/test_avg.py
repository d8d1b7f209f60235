"""AVG: a person can download and erase their data; input stays public without its author."""

import json

import pytest
from django.urls import reverse

from samenspel.core.models import AuditEvent
from samenspel.people.models import Role, User
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.models import Inbreng
from samenspel.trajectories.services import submit_inbreng

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_with_data():
    gemeente = make_gemeente()
    traject = make_traject(gemeente)
    resident = make_user(Role.INWONER, gemeente, email="ilse@example.org")
    submit_inbreng(resident, traject, "Meer speelplekken in de wijk.")
    from samenspel.meetings.services import register

    register(resident, make_bijeenkomst(traject))
    return resident


def test_download_contains_every_app(client, resident_with_data):
    client.force_login(resident_with_data)
    response = client.get(reverse("my_data") + "?download=1")
    data = json.loads(response.content)
    assert data["core"]["account"]["email"] == "ilse@example.org"
    assert data["trajectories"][0]["text"] == "Meer speelplekken in de wijk."
    assert len(data["instrument:bijeenkomst"]) == 1
    assert AuditEvent.objects.filter(action="export", personal_data=True).exists()


def test_erasure_needs_confirmation_and_keeps_input_anonymous(client, resident_with_data):
    client.force_login(resident_with_data)
    wrong = client.post(reverse("my_data"), {"confirm": "iemand@example.org"})
    assert wrong.status_code == 200 and User.objects.filter(email="ilse@example.org").exists()
    client.post(reverse("my_data"), {"confirm": "ILSE@example.org"})
    assert not User.objects.filter(email="ilse@example.org").exists()
    assert Inbreng.objects.get().author is None
    assert AuditEvent.objects.filter(action="erase").exists()
