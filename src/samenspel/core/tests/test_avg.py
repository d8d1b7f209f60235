# SPDX-License-Identifier: EUPL-1.2
"""AVG: a person can download and erase their data; input stays public without its author."""

import json
from unittest.mock import ANY

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from samenspel.core.models import AuditEvent
from samenspel.core.services import audit_personal_view, notify
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
    assert data["people"]["account"]["email"] == "ilse@example.org"
    assert data["trajectories"][0]["text"] == "Meer speelplekken in de wijk."
    assert len(data["instrument:bijeenkomst"]) == 1
    assert AuditEvent.objects.filter(action="export", personal_data=True).exists()


def test_download_holds_roles_last_login_audit_trail_and_notifications(client, resident_with_data):
    """Probe finding 8: the article-15 export lacked memberships, last login, audit events and
    notifications."""
    resident = resident_with_data
    gemeente = resident.memberships.get().gemeente
    notify([resident], subject="Uw inbreng is beantwoord", body="Zie de reactie.", url="/x/")
    audit_personal_view(make_user(Role.AMBTENAAR, gemeente), resident, gemeente=gemeente)
    TOTP.activate(resident, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(resident)
    data = json.loads(client.get(reverse("my_data") + "?download=1").content)["people"]
    assert data["account"]["last_login"] is not None
    assert data["memberships"] == [
        {
            "role": "inwoner",
            "gemeente": gemeente.name,
            "provincie": None,
            "since": ANY,
            "district": None,
            "organisation": None,
        }
    ]
    assert [f["type"] for f in data["two_factor"]] == ["TOTP Authenticator"]
    assert "secret" not in json.dumps(data["two_factor"]).lower()
    core = json.loads(client.get(reverse("my_data") + "?download=1").content)["core"]
    assert core["notifications"][0]["subject"] == "Uw inbreng is beantwoord"
    assert core["notifications"][0]["body"] == "Zie de reactie."
    own = {(e["action"], e["object_type"]) for e in core["audit_log"]["your_actions"]}
    assert {("create", "trajectories.Inbreng"), ("create", "meetings.Aanmelding")} <= own
    assert ("export", "people.User") in own  # the first download above
    opened = core["audit_log"]["your_data_opened_or_changed_by_others"]
    assert [e["action"] for e in opened] == ["view"]


def test_erasure_needs_confirmation_and_keeps_input_anonymous(client, resident_with_data):
    client.force_login(resident_with_data)
    wrong = client.post(reverse("my_data"), {"confirm": "iemand@example.org"})
    assert wrong.status_code == 200 and User.objects.filter(email="ilse@example.org").exists()
    client.post(reverse("my_data"), {"confirm": "ILSE@example.org"})
    assert not User.objects.filter(email="ilse@example.org").exists()
    assert Inbreng.objects.get().author is None
    assert AuditEvent.objects.filter(action="erase").exists()
