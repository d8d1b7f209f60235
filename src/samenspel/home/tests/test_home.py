# SPDX-License-Identifier: EUPL-1.2
"""“Mijn Samenspel”: every role lands on its home and sees its own sections, of its own
municipalities only."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenspel.core.services import erase_person, export_personal_data
from samenspel.home.models import Visit
from samenspel.home.services import VISIT_GAP, home, phase_chart, record_visit
from samenspel.people.models import Role, User
from samenspel.testing import make_gemeente, make_provincie, make_traject, make_user
from samenspel.trajectories import services as trajectories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


SECTIONS = {
    "inwoner@zeist.demo": ["My input", "My registrations for meetings", "take input now"],
    "raadslid@zeist.demo": ["without the council", "Latest changes", "Council information"],
    "griffier@zeist.demo": ["without the council", "waiting for an answer, oldest first"],
    "ambtenaar@zeist.demo": ["My trajectories", "Feedback queue", "Meetings I organise"],
    "wethouder@zeist.demo": ["by phase and by rung", "All trajectories"],
    "provincie@utrecht.demo": ["Trajectories per municipality by phase", "Median time"],
}


@pytest.mark.parametrize("email", sorted(SECTIONS))
def test_each_role_sees_its_sections_with_demo_data(email, demo, client, no_staff_mfa, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(User.objects.get(email=email))
    page = client.get(reverse("home:mijn"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for heading in SECTIONS[email]:
        assert heading in page, heading
    assert "Messages" in page


def test_resident_sees_answer_registration_and_no_other_municipality(demo, client):
    client.force_login(User.objects.get(email="inwoner@zeist.demo"))
    page = client.get(reverse("home:mijn"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Stamtafel over de Z-battle" in page
    assert "Heusden" not in page


def test_login_lands_on_home(client):
    make_user(Role.INWONER, make_gemeente(), email="ilse@example.org")
    response = client.post(
        reverse("account_login"), {"login": "ilse@example.org", "password": "wachtwoord-123"}
    )
    assert response.headers["Location"] == reverse("home:mijn")


def test_staff_see_only_their_own_municipality(client, no_staff_mfa):
    own, other = make_gemeente(), make_gemeente()
    make_traject(own, title="Eigen traject")
    hidden = make_traject(other, title="Traject elders", is_public=False)
    trajectories.submit_inbreng(None, hidden, "Inbreng elders")
    for role in (Role.RAADSLID, Role.AMBTENAAR, Role.COLLEGELID, Role.INWONER):
        client.force_login(make_user(role, own))
        page = client.get(reverse("home:mijn")).content.decode()
        assert "Traject elders" not in page and "Inbreng elders" not in page, role
    client.force_login(make_user(Role.COLLEGELID, own))
    assert "Eigen traject" in client.get(reverse("home:mijn")).content.decode()


def test_province_staff_see_their_province_only(client, no_staff_mfa):
    provincie = make_provincie()
    make_gemeente("Binnenstad", provincie=provincie)
    make_gemeente("Buitenland")
    client.force_login(make_user(Role.PROVINCIE, provincie=provincie))
    page = client.get(reverse("home:mijn")).content.decode()
    assert "Binnenstad" in page and "Buitenland" not in page


def test_changes_since_the_previous_visit(client, no_staff_mfa):
    gemeente = make_gemeente()
    user = make_user(Role.GRIFFIER, gemeente)
    first = timezone.now() - timedelta(days=2)
    assert record_visit(user, first) is None
    # A reload within the gap keeps the same "previous visit".
    assert record_visit(user, first + VISIT_GAP / 2) is None
    make_traject(gemeente, title="Nieuw sinds gisteren")
    client.force_login(user)
    page = client.get(reverse("home:mijn"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Changed since your previous visit" in page and "Nieuw sinds gisteren" in page
    later = timezone.now() + VISIT_GAP * 2
    assert record_visit(user, later) is not None
    events = trajectories.events_since([gemeente.pk], later - VISIT_GAP)
    assert not events.exists()


def test_phase_chart_scales_to_the_longest_bar():
    gemeente = make_gemeente()
    rows = [
        {
            "gemeente": gemeente,
            "total": 4,
            "phases": [
                {"phase": "verkenning", "label": "x", "count": 1, "colour": "#000"},
                {"phase": "participatie", "label": "y", "count": 3, "colour": "#111"},
            ],
        }
    ]
    chart = phase_chart(rows)
    widths = [s["width"] for s in chart["bars"][0]["segments"]]
    assert widths == [100.0, 300.0]
    assert chart["height"] > 0 and len(chart["legend"]) == 7


def test_province_rows_count_trajectories_and_input_apart():
    provincie = make_provincie()
    gemeente = make_gemeente(provincie=provincie)
    traject = make_traject(gemeente)
    make_traject(gemeente)
    for text in ("een", "twee", "drie"):
        trajectories.submit_inbreng(None, traject, text)
    user = make_user(Role.PROVINCIE, provincie=provincie)
    (section,) = home(user, None)["sections"]
    (row,) = section.data["rows"]
    assert (row["total"], row["received"], row["answered"]) == (2, 3, 0)
    assert row["median_days"] is None


def test_one_letter_per_trajectory():
    gemeente = make_gemeente()
    traject = make_traject(gemeente)
    for phase in ("kaderstelling", "participatie"):
        trajectories.change_phase(
            None, traject, phase, "Volgende stap.", override_reason="Het kader volgt later."
        )
    (letter,) = trajectories.letters_to_send([gemeente.pk])
    assert letter.to_phase == "participatie"


def test_visits_are_exported_and_erased():
    user = make_user(Role.INWONER, make_gemeente())
    record_visit(user)
    assert len(export_personal_data(user)["home"]) == 1
    assert erase_person(user)["home"] == 1
    assert not Visit.objects.exists()
