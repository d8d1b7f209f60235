# SPDX-License-Identifier: EUPL-1.2
"""The meeting on the instrument contract: typed settings read back and edited in the generated
form, registration open per phase, the phase hook that closes it in the evaluation phase,
organisers who manage it, and e-mail to all registrants as long work."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from samenspel.core.models import LongWork
from samenspel.instruments.services import add_organiser, save_settings
from samenspel.meetings import services
from samenspel.meetings.instrument import BijeenkomstPhaseSettings, BijeenkomstSettings
from samenspel.people.models import Role
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.models import PHASE_ORDER, TimelineEvent
from samenspel.trajectories.services import change_phase

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def world():
    gemeente = make_gemeente()
    organiser = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=organiser, phase="participatie")
    bijeenkomst = make_bijeenkomst(traject, user=organiser)
    return {"gemeente": gemeente, "organiser": organiser, "traject": traject, "b": bijeenkomst}


def _settings_url(world):
    return reverse("instruments:settings", args=[world["gemeente"].slug, world["b"].use.pk])


def test_settings_are_read_back_as_the_dataclass(world):
    use = world["b"].use
    assert use.settings == BijeenkomstSettings()
    assert use.settings_in() == BijeenkomstPhaseSettings(registration_open=True)
    use.config = {"registration_open": True, "close_hours_before": "soon"}  # an old use
    assert use.settings == BijeenkomstSettings()


def test_settings_edited_in_the_generated_form_change_the_meeting(client, world, no_staff_mfa):
    client.force_login(world["organiser"])
    data = {"algemeen-close_hours_before": "0", "algemeen-practical_info": ""}
    data |= {f"{phase}-registration_open": "on" for phase in PHASE_ORDER}
    assert client.post(_settings_url(world), data).status_code == 302
    detail = client.get(world["b"].get_absolute_url()).content.decode()
    assert "plaatsen vrij" in detail  # shown to organisers always
    inwoner = make_user(Role.INWONER, world["gemeente"])
    client.force_login(inwoner)
    assert "plaatsen vrij" not in client.get(world["b"].get_absolute_url()).content.decode()


def test_registration_open_is_a_setting_per_phase(world):
    b, inwoner = world["b"], make_user(Role.INWONER, world["gemeente"])
    closed = BijeenkomstPhaseSettings(registration_open=False)
    save_settings(world["organiser"], b.use, phase_settings={"participatie": closed})
    with pytest.raises(services.RegistrationClosed):
        services.register(inwoner, b)
    b.use.traject.phase = "besluitvorming"  # in another phase it stays open
    assert services.registration_open(b)


def test_registration_closes_hours_before_the_start(world):
    b = world["b"]
    save_settings(None, b.use, replace(b.use.settings, close_hours_before=24))
    assert services.registration_open(b, now=b.starts_at - timedelta(hours=25))
    assert not services.registration_open(b, now=b.starts_at - timedelta(hours=23))


def test_the_phase_hook_closes_registration_in_the_evaluation_phase(
    client, world, django_capture_on_commit_callbacks
):
    b, organiser, traject = world["b"], world["organiser"], world["traject"]
    inwoner = make_user(Role.INWONER, world["gemeente"])
    services.register(inwoner, b)
    with django_capture_on_commit_callbacks(execute=True):
        for phase in ("besluitvorming", "terugkoppeling"):
            traject = change_phase(organiser, traject, phase, "Volgende stap.").traject
    b.refresh_from_db()
    assert services.registration_open(b)
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(organiser, traject, "evaluatie", "Terugkijken.")
    b.refresh_from_db()
    assert not b.use.settings_in("evaluatie").registration_open
    assert b.use.settings_in("terugkoppeling").registration_open
    late = make_user(Role.INWONER, world["gemeente"])
    with pytest.raises(services.RegistrationClosed):
        services.register(late, b)
    assert services.register(inwoner, b)  # who registered stays registered
    event = TimelineEvent.objects.filter(traject=traject).latest("id")
    assert event.text == (
        "Aanmelden voor Stamtafel is gesloten: het traject is nu in de fase “evaluatie”."
    )
    client.force_login(late)
    assert "Aanmelden voor deze bijeenkomst is gesloten." in (
        client.get(b.get_absolute_url()).content.decode()
    )


def test_managing_a_meeting_is_for_its_organisers(client, world, no_staff_mfa):
    colleague = make_user(Role.AMBTENAAR, world["gemeente"])
    url = reverse("meetings:registrations", args=[world["gemeente"].slug, world["b"].pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    add_organiser(world["organiser"], world["b"].use, colleague)
    assert client.get(url).status_code == 200


def _register_some(world, count):
    return [
        services.register(make_user(Role.INWONER, world["gemeente"]), world["b"]).user
        for _ in range(count)
    ]


def test_e_mail_to_all_registrants_runs_as_long_work(
    client, world, no_staff_mfa, django_capture_on_commit_callbacks
):
    people = _register_some(world, 3)
    client.force_login(world["organiser"])
    url = reverse("meetings:mail", args=[world["gemeente"].slug, world["b"].pk])
    message = {"subject": "Zaal gewijzigd", "body": "We zitten in zaal 2."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, message)
    work = LongWork.objects.get()
    assert response["Location"] == reverse("long_work", args=[work.pk])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert (work.status, work.done, work.total, work.result) == ("done", 3, 3, {"sent": 3})
    assert work.message == "3 van 3 e-mails verstuurd"
    page = client.get(response["Location"]).content.decode()
    assert "Klaar" in page and 'value="100"' in page and "hx-trigger" not in page


@pytest.mark.django_db(transaction=True)
def test_e_mail_to_all_registrants_with_the_database_task_backend(client, world, no_staff_mfa):
    _register_some(world, 2)
    client.force_login(world["organiser"])
    url = reverse("meetings:mail", args=[world["gemeente"].slug, world["b"].pk])
    message = {"subject": "Herinnering", "body": "Tot donderdag!"}
    with override_settings(TASKS=DB_TASKS):
        first = client.post(url, message)
        second = client.post(url, message)  # a double click starts nothing twice
        assert first["Location"] == second["Location"]
        work = LongWork.objects.get()
        assert work.status == "queued" and work.task_id and not mail.outbox
        waiting = client.get(first["Location"]).content.decode()
        assert "Vernieuwen" in waiting and 'hx-trigger="every 2s"' in waiting
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    work.refresh_from_db()
    assert (work.status, work.done, work.total) == ("done", 2, 2)
    assert len(mail.outbox) == 2
    assert "Vernieuwen" not in client.get(first["Location"]).content.decode()
