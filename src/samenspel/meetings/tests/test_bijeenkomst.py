# SPDX-License-Identifier: EUPL-1.2
"""The bijeenkomst instrument: registration with a capacity, iCal, rotating host, report."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samenspel.instruments.services import uses_by_phase
from samenspel.meetings import services
from samenspel.meetings.forms import BijeenkomstForm
from samenspel.meetings.models import Verslagpunt
from samenspel.people.models import Role
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.models import InbrengStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject():
    return make_traject(make_gemeente())


def test_attached_per_phase_on_the_trajectory(traject):
    bijeenkomst = make_bijeenkomst(traject)
    groups = uses_by_phase(traject)
    assert [(g["phase"], [u.pk for u in g["uses"]]) for g in groups] == [
        (traject.phase, [bijeenkomst.use.pk])
    ]


def test_capacity_is_enforced_with_a_waiting_list(traject):
    bijeenkomst = make_bijeenkomst(traject, capacity=1)
    first = services.register(make_user(Role.INWONER, traject.gemeente), bijeenkomst)
    second = services.register(make_user(Role.INWONER, traject.gemeente), bijeenkomst)
    assert (first.waiting, second.waiting) == (False, True)
    assert services.registered(bijeenkomst).count() == 1


def test_ical_file_follows_rfc_5545(traject):
    starts = datetime(2026, 12, 10, 18, 30, tzinfo=UTC)
    bijeenkomst = make_bijeenkomst(traject, starts_at=starts)
    text = services.ical(bijeenkomst, "https://example.org/b/1", starts - timedelta(days=1))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
    assert "DTSTART:20261210T183000Z" in lines and "DTEND:20261210T203000Z" in lines
    assert all(len(line.encode()) <= 75 for line in lines)


def test_ical_download(client, traject):
    bijeenkomst = make_bijeenkomst(traject)
    response = client.get(reverse("meetings:ical", args=[traject.gemeente.slug, bijeenkomst.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def test_the_stamtafel_host_rotates(traject):
    make_bijeenkomst(traject, host="Bibliotheek")
    starts = datetime.now(UTC) + timedelta(days=30)
    data = {
        "title": "Tweede stamtafel",
        "phase": traject.phase,
        "kind": "stamtafel",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Raadhuis",
        "host": "bibliotheek",
        "capacity": 10,
    }
    form = BijeenkomstForm(data, traject=traject)
    assert not form.is_valid() and "host" in form.errors
    form = BijeenkomstForm({**data, "host": "Sportvereniging"}, traject=traject)
    assert form.is_valid(), form.errors


def test_meeting_needs_place_or_link_and_a_later_end(traject):
    starts = datetime.now(UTC) + timedelta(days=3)
    form = BijeenkomstForm(
        {
            "title": "Inloop",
            "phase": traject.phase,
            "kind": "inloopavond",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "host": "Gemeente",
            "capacity": 0,
        },
        traject=traject,
    )
    assert not form.is_valid()
    assert {"place", "ends_at", "capacity"} <= set(form.errors)


def test_report_points_become_input_with_feedback_owed(traject):
    bijeenkomst = make_bijeenkomst(traject, starts_at=timezone.now() - timedelta(hours=1))
    services.save_report(None, bijeenkomst, "Goede avond.", ["Meer groen", ""])
    punt = Verslagpunt.objects.get(bijeenkomst=bijeenkomst)
    inbreng = services.point_to_inbreng(None, punt)
    assert inbreng.status == InbrengStatus.ONTVANGEN and inbreng.traject == traject
    assert services.point_to_inbreng(None, punt) == inbreng


def form_data(traject, starts: str, ends: str) -> dict:
    return {
        "title": "Inloopavond",
        "phase": traject.phase,
        "kind": "inloopavond",
        "starts_at": starts,
        "ends_at": ends,
        "place": "Raadhuis",
        "host": "Gemeente",
        "capacity": 10,
    }


@pytest.mark.parametrize(
    ("starts", "ends", "field", "error"),
    [
        # Year 1 in Amsterdam time is before year 1 in UTC: converting it overflowed (HTTP 500).
        ("0001-01-01T00:00", "0001-01-01T02:00", "starts_at", "kan niet in het verleden"),
        ("2020-05-01T19:00", "2020-05-01T21:00", "starts_at", "kan niet in het verleden"),
        ("9999-12-31T22:00", "9999-12-31T23:00", "starts_at", "hoogstens twee jaar"),
        ("+30d", "+40d", "ends_at", "hoogstens zeven dagen"),
    ],
)
def test_a_new_meeting_is_not_dated_in_the_past_nor_out_of_range(
    client, traject, no_staff_mfa, starts, ends, field, error
):
    def moment(value: str) -> str:
        if value.startswith("+"):
            return (datetime.now(UTC) + timedelta(days=int(value[1:-1]))).strftime("%Y-%m-%dT%H:%M")
        return value

    client.force_login(make_user(Role.AMBTENAAR, traject.gemeente))
    url = reverse("meetings:create", args=[traject.gemeente.slug, traject.pk])
    response = client.post(url, form_data(traject, moment(starts), moment(ends)))
    assert response.status_code == 200
    assert error in response.content.decode().split(f'id="id_{field}_error"')[1].split("</div>")[0]
    assert not services.Bijeenkomst.objects.exists()


def test_a_title_cannot_inject_a_property_into_the_calendar_file(client, traject):
    bijeenkomst = make_bijeenkomst(traject)
    bijeenkomst.use.title = "Stamtafel\rURL:https://kwaadwillend.example\rX-TRAP:1"
    bijeenkomst.use.save()
    response = client.get(reverse("meetings:ical", args=[traject.gemeente.slug, bijeenkomst.pk]))
    text = response.content.decode()
    lines = text.split("\r\n")
    assert "\r" not in "".join(lines) and not any(line.startswith("X-TRAP") for line in lines)
    event = Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["URL"]).endswith(bijeenkomst.get_absolute_url())
    assert str(event["SUMMARY"]).startswith("Stamtafel") and "kwaadwillend" in event["SUMMARY"]
