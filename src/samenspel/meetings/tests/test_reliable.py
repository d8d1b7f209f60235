# SPDX-License-Identifier: EUPL-1.2
"""Meetings people can rely on (issue 13, item 7): no date in the past, edit and cancel with the
registrants told, a description, a waiting list, registration until the start, the report after."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspel.core.models import LongWork, Notification
from samenspel.meetings import services
from samenspel.meetings.models import Aanmelding
from samenspel.people.models import Role
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.models import TimelineEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    gemeente = make_gemeente()
    organiser = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=organiser)
    return {
        "gemeente": gemeente,
        "organiser": organiser,
        "traject": traject,
        "b": make_bijeenkomst(traject, user=organiser, capacity=2),
    }


def _residents(world, n):
    return [make_user(Role.INWONER, world["gemeente"]) for _ in range(n)]


def _url(world, name):
    return reverse(name, args=[world["gemeente"].slug, world["b"].pk])


def _form(world, **changes):
    b = world["b"]
    local = timezone.localtime(b.starts_at)
    data = {
        "title": b.use.title,
        "kind": b.kind,
        "description": b.description,
        "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(b.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": b.place,
        "host": b.host,
        "capacity": b.capacity,
    }
    return {**data, **changes}


def test_the_waiting_list_moves_up_on_cancellation(
    client, world, django_capture_on_commit_callbacks
):
    first, second, third, fourth = _residents(world, 4)
    for person in (first, second, third, fourth):
        services.register(person, world["b"])
    assert list(Aanmelding.objects.filter(waiting=True).values_list("user", flat=True)) == [
        third.pk,
        fourth.pk,
    ]
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(world, "meetings:register"), {"cancel": "1"})
    assert set(services.registered(world["b"]).values_list("user", flat=True)) == {
        second.pk,
        third.pk,
    }
    told = Notification.objects.get(recipient=third)
    assert "plek vrijgekomen" in told.subject
    assert not Notification.objects.filter(recipient=fourth).exists()
    assert [m.to for m in mail.outbox if "plek" in m.subject] == [[third.email]]


def test_a_full_meeting_offers_the_waiting_list(client, world):
    for person in _residents(world, 2):
        services.register(person, world["b"])
    late = make_user(Role.INWONER, world["gemeente"])
    client.force_login(late)
    assert "Op de wachtlijst" in client.get(_url(world, "meetings:detail")).content.decode()
    response = client.post(_url(world, "meetings:register"), follow=True)
    assert "u staat op de wachtlijst" in response.content.decode()
    assert Aanmelding.objects.get(user=late).waiting


def test_changing_the_time_tells_registrants_and_waiting(client, world, no_staff_mfa):
    registered, waiting = _residents(world, 2)[0], None
    services.register(registered, world["b"])
    world["b"].capacity = 1
    world["b"].save()
    waiting = make_user(Role.INWONER, world["gemeente"])
    services.register(waiting, world["b"])
    client.force_login(world["organiser"])
    later = timezone.localtime(world["b"].starts_at) + timedelta(days=1)
    response = client.post(
        _url(world, "meetings:edit"),
        _form(
            world,
            starts_at=later.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(later + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            description="We praten over het park.",
        ),
    )
    assert response.status_code == 302
    told = Notification.objects.filter(subject__startswith="Gewijzigd")
    assert {n.recipient for n in told} == {registered, waiting}
    assert TimelineEvent.objects.filter(kind="meeting_changed").count() == 1
    page = client.get(_url(world, "meetings:detail")).content.decode()
    assert "We praten over het park." in page

    # A change of the description alone bothers no one.
    world["b"].refresh_from_db()
    client.post(_url(world, "meetings:edit"), _form(world, description="Over het park."))
    assert Notification.objects.filter(subject__startswith="Gewijzigd").count() == 2


def test_a_meeting_is_not_moved_to_the_past(client, world, no_staff_mfa):
    client.force_login(world["organiser"])
    response = client.post(
        _url(world, "meetings:edit"),
        _form(world, starts_at="2020-05-01T19:00", ends_at="2020-05-01T21:00"),
    )
    assert response.status_code == 200
    assert "kan niet in het verleden beginnen" in response.content.decode()


def test_the_capacity_is_not_set_below_the_registrations(client, world, no_staff_mfa):
    for person in _residents(world, 2):
        services.register(person, world["b"])
    client.force_login(world["organiser"])
    response = client.post(_url(world, "meetings:edit"), _form(world, capacity=1))
    assert response.status_code == 200 and "kan niet lager" in response.content.decode()


def test_raising_the_capacity_moves_the_waiting_list_up(client, world, no_staff_mfa):
    people = _residents(world, 3)
    for person in people:
        services.register(person, world["b"])
    client.force_login(world["organiser"])
    client.post(_url(world, "meetings:edit"), _form(world, capacity=3))
    assert services.registered(world["b"]).count() == 3


def test_cancelling_the_meeting_tells_everyone_and_closes_registration(client, world, no_staff_mfa):
    people = _residents(world, 3)  # two registered, one waiting
    for person in people:
        services.register(person, world["b"])
    client.force_login(world["organiser"])
    response = client.post(_url(world, "meetings:cancel"), {"reason": "De zaal is dicht."})
    assert response.status_code == 302
    told = Notification.objects.filter(subject__startswith="Afgezegd")
    assert {n.recipient for n in told} == set(people)
    assert "De zaal is dicht." in told.first().body
    event = TimelineEvent.objects.get(kind="meeting_cancelled")
    assert "De zaal is dicht." in event.message
    world["b"].refresh_from_db()
    assert world["b"].is_cancelled and not services.registration_open(world["b"])
    with pytest.raises(services.RegistrationClosed):
        services.register(make_user(Role.INWONER, world["gemeente"]), world["b"])
    page = client.get(_url(world, "meetings:detail")).content.decode()
    assert "Deze bijeenkomst is afgezegd." in page and "De zaal is dicht." in page
    # Cancelled once: a second cancellation tells no one again.
    services.cancel_bijeenkomst(world["organiser"], world["b"], "Nogmaals.")
    assert Notification.objects.filter(subject__startswith="Afgezegd").count() == 3


def test_many_registrants_are_told_as_long_work(
    client, world, no_staff_mfa, django_capture_on_commit_callbacks
):
    world["b"].capacity = services.TELL_DIRECTLY + 5
    world["b"].save()
    people = _residents(world, services.TELL_DIRECTLY + 1)
    for person in people:
        services.register(person, world["b"])
    client.force_login(world["organiser"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, "meetings:cancel"), {"reason": "Storm."})
    work = LongWork.objects.get()
    assert response["Location"] == reverse("long_work", args=[work.pk])
    assert (work.status, work.total, work.result) == ("done", len(people), {"told": len(people)})
    assert Notification.objects.filter(subject__startswith="Afgezegd").count() == len(people)


def test_registration_closes_when_the_meeting_starts(world):
    b = world["b"]
    assert services.registration_open(b, now=b.starts_at - timedelta(minutes=1))
    assert not services.registration_open(b, now=b.starts_at)


def test_the_report_is_written_once_the_meeting_has_started(client, world, no_staff_mfa):
    client.force_login(world["organiser"])
    page = client.get(_url(world, "meetings:report")).content.decode()
    assert "zodra de bijeenkomst is begonnen" in page and 'name="report"' not in page
    client.post(_url(world, "meetings:report"), {"report": "Te vroeg.", "points": ""})
    world["b"].refresh_from_db()
    assert world["b"].report == ""
    with pytest.raises(services.ReportTooEarly):
        services.save_report(world["organiser"], world["b"], "Te vroeg.", [])

    world["b"].starts_at = timezone.now() - timedelta(minutes=5)
    world["b"].ends_at = timezone.now() + timedelta(hours=1)
    world["b"].save()
    response = client.post(_url(world, "meetings:report"), {"report": "Goed.", "points": ""})
    assert response.status_code == 302
    world["b"].refresh_from_db()
    assert world["b"].report == "Goed."
