# SPDX-License-Identifier: EUPL-1.2
"""A trajectory's life: informed from minute one, phase history, feedback owed
(docs/domain.md §4)."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from samenspel.core.models import AuditEvent, Notification
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories import services
from samenspel.trajectories.models import Inbreng, InbrengStatus, Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    gemeente = make_gemeente("Zeist")
    other = make_gemeente("Heusden")
    return {
        "gemeente": gemeente,
        "ambtenaar": make_user(Role.AMBTENAAR, gemeente),
        "raadslid": make_user(Role.RAADSLID, gemeente),
        "griffier": make_user(Role.GRIFFIER, gemeente),
        "wethouder": make_user(Role.COLLEGELID, gemeente),
        "inwoner": make_user(Role.INWONER, gemeente),
        "raadslid_elders": make_user(Role.RAADSLID, other),
    }


def test_council_and_college_are_informed_from_minute_one(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        traject = make_traject(world["gemeente"], user=world["ambtenaar"])
    informed = {world["raadslid"], world["griffier"], world["wethouder"]}
    notes = Notification.objects.filter(url=traject.get_absolute_url())
    assert {n.recipient for n in notes} == informed
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in informed)
    assert not Notification.objects.filter(recipient=world["raadslid_elders"]).exists()
    assert not Notification.objects.filter(recipient=world["inwoner"]).exists()


def test_every_phase_change_is_history_timeline_and_notification(
    world, django_capture_on_commit_callbacks
):
    traject = make_traject(world["gemeente"], user=world["ambtenaar"])
    with django_capture_on_commit_callbacks(execute=True):
        services.change_phase(world["ambtenaar"], traject, Phase.KADERSTELLING, "Raad stelt kaders")
    traject.refresh_from_db()
    assert traject.phase == Phase.KADERSTELLING
    change = traject.phase_changes.last()
    assert (change.from_phase, change.to_phase, change.changed_by, change.reason) == (
        Phase.VERKENNING,
        Phase.KADERSTELLING,
        world["ambtenaar"],
        "Raad stelt kaders",
    )
    assert traject.events.filter(kind="phase").count() == 1
    assert len(mail.outbox) == 3


def test_phases_cannot_be_skipped_and_stopping_is_final(world):
    traject = make_traject(world["gemeente"], user=world["ambtenaar"])
    with pytest.raises(services.PhaseChangeError):
        services.change_phase(world["ambtenaar"], traject, Phase.EVALUATIE, "te vroeg")
    services.change_phase(world["ambtenaar"], traject, Phase.GESTOPT, "geen draagvlak")
    traject.refresh_from_db()
    assert traject.next_phases() == []


def test_closing_input_requires_a_public_explanation(world, client, no_staff_mfa):
    traject = make_traject(world["gemeente"], user=world["ambtenaar"])
    inbreng = services.submit_inbreng(world["inwoner"], traject, "Meer bankjes in het park.")
    client.force_login(world["ambtenaar"])
    url = reverse("trajectories:answer", args=[traject.gemeente.slug, traject.pk, inbreng.pk])
    response = client.post(url, {"status": InbrengStatus.OVERGENOMEN, "explanation": " "})
    assert response.status_code == 200
    assert "Explain publicly" in response.content.decode() or "Leg openbaar uit" in (
        response.content.decode()
    )
    inbreng.refresh_from_db()
    assert inbreng.status == InbrengStatus.ONTVANGEN
    # The database refuses it too, whatever code path tries.
    inbreng.status = InbrengStatus.NIET_OVERGENOMEN
    with pytest.raises(IntegrityError), transaction.atomic():
        inbreng.save()


def test_answer_notifies_the_author_and_shows_on_the_public_page(world, client, no_staff_mfa):
    traject = make_traject(world["gemeente"], user=world["ambtenaar"])
    inbreng = services.submit_inbreng(world["inwoner"], traject, "Meer bankjes in het park.")
    services.answer_inbreng(
        world["ambtenaar"],
        inbreng,
        InbrengStatus.DEELS_OVERGENOMEN,
        "Er komen twee bankjes bij de vijver.",
    )
    assert Notification.objects.filter(recipient=world["inwoner"]).count() == 1
    page = client.get(reverse("trajectories:feedback", args=[traject.gemeente.slug, traject.pk]))
    assert "Er komen twee bankjes bij de vijver." in page.content.decode()
    assert world["inwoner"].email not in page.content.decode()


def test_pending_overview_counts_open_input_and_its_age(world):
    traject = make_traject(world["gemeente"], user=world["ambtenaar"])
    first = services.submit_inbreng(world["inwoner"], traject, "Eerste punt van aandacht.")
    services.submit_inbreng(world["inwoner"], traject, "Tweede punt van aandacht.")
    services.answer_inbreng(world["ambtenaar"], first, InbrengStatus.OVERGENOMEN, "Gedaan.")
    row = services.pending_overview(world["gemeente"]).get()
    assert (row.open_inbreng, row.total_inbreng) == (1, 2)
    assert row.oldest_open == Inbreng.objects.get(status=InbrengStatus.ONTVANGEN).created


def test_failed_action_saves_nothing(world, monkeypatch):
    traject = make_traject(world["gemeente"], user=world["ambtenaar"])

    def broken(*args, **kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(services, "_inform_council_and_college", broken)
    with pytest.raises(RuntimeError):
        services.change_phase(world["ambtenaar"], traject, Phase.KADERSTELLING, "kaders")
    traject.refresh_from_db()
    assert traject.phase == Phase.VERKENNING
    assert traject.phase_changes.count() == 1


def test_changes_are_audited(world):
    traject = make_traject(world["gemeente"], user=world["ambtenaar"])
    services.submit_inbreng(world["inwoner"], traject, "Een idee voor de wijk.")
    assert AuditEvent.objects.filter(action="create", object_type="trajectories.Traject").exists()
    assert AuditEvent.objects.filter(personal_data=True, actor=world["inwoner"]).exists()
