# SPDX-License-Identifier: EUPL-1.2
"""The council's frame holds, and nothing promised is quietly undone (issue 13, items 3 and 4)."""

from datetime import date

import pytest
from django.urls import reverse

from samenspel.core.models import Notification
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories import services
from samenspel.trajectories.models import Inbreng, InbrengStatus, Phase, TimelineEvent, Traject

pytestmark = pytest.mark.django_db

PROCESAFSPRAKEN = {
    "wie_beslist": "De raad.",
    "rollen": "Iedereen denkt mee.",
    "wat_met_inbreng": "Wordt gewogen.",
    "terugkoppeling": "Binnen zes weken.",
    "raad_informeren": "Elke maand.",
}


@pytest.fixture
def world():
    gemeente = make_gemeente()
    ambtenaar = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=ambtenaar)
    services.change_phase(ambtenaar, traject, Phase.KADERSTELLING, "De raad stelt kaders.")
    return {
        "gemeente": gemeente,
        "traject": Traject.objects.get(pk=traject.pk),
        "ambtenaar": ambtenaar,
        "collegelid": make_user(Role.COLLEGELID, gemeente),
        "raadslid": make_user(Role.RAADSLID, gemeente),
        "griffier": make_user(Role.GRIFFIER, gemeente),
        "inwoner": make_user(Role.INWONER, gemeente),
    }


def _frame(world):
    services.add_ankerpunt(
        world["griffier"], world["traject"], {"text": "Het park blijft.", "set_on": date.today()}
    )
    services.save_procesafspraken(world["ambtenaar"], world["traject"], PROCESAFSPRAKEN)


def _url(world, name, *extra):
    return reverse(name, args=[world["gemeente"].slug, world["traject"].pk, *extra])


def test_participation_without_anchor_points_is_refused(client, world, no_staff_mfa):
    with pytest.raises(services.FrameNotMet) as refused:
        services.change_phase(world["ambtenaar"], world["traject"], Phase.PARTICIPATIE, "Door.")
    assert len(refused.value.unmet) == 2  # no anchor points, no process agreements

    client.force_login(world["ambtenaar"])
    response = client.post(
        _url(world, "trajectories:phase"), {"to_phase": "participatie", "reason": "Door."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "De raad heeft nog geen ankerpunten vastgesteld." in page
    assert "Er zijn nog geen procesafspraken." in page
    assert Traject.objects.get(pk=world["traject"].pk).phase == Phase.KADERSTELLING

    _frame(world)
    services.change_phase(world["ambtenaar"], world["traject"], Phase.PARTICIPATIE, "Door.")
    assert not services.overrides_for(world["gemeente"]).exists()


def test_an_override_with_a_reason_is_public_and_tells_the_council(client, world, no_staff_mfa):
    client.force_login(world["collegelid"])  # the college may go ahead, with a reason
    response = client.post(
        _url(world, "trajectories:phase"),
        {
            "to_phase": "participatie",
            "reason": "Inwoners denken mee.",
            "override_reason": "De raad vergadert pas na de zomer.",
        },
    )
    assert response.status_code == 302
    change = services.overrides_for(world["gemeente"]).get()
    assert change.traject == world["traject"] and change.changed_by == world["collegelid"]
    assert "ankerpunten" in change.overridden
    told = Notification.objects.filter(subject__contains="without the council's frame")
    assert {n.recipient for n in told} == {world["raadslid"], world["griffier"]}
    assert "De raad vergadert pas na de zomer." in told.first().body_text
    event = TimelineEvent.objects.get(traject=world["traject"], kind="override")
    assert event.public and "De raad vergadert pas na de zomer." in event.text
    client.logout()
    page = client.get(world["traject"].get_absolute_url()).content.decode()
    assert "zonder het kader van de raad" in page and "De raad vergadert pas na de zomer." in page


def test_decision_making_needs_every_input_answered_or_deferred(world):
    _frame(world)
    traject = world["traject"]
    services.change_phase(world["ambtenaar"], traject, Phase.PARTICIPATIE, "Door.")
    first = services.submit_inbreng(world["inwoner"], traject, "Meer bankjes in het park.")
    second = services.submit_inbreng(world["inwoner"], traject, "Een speeltuin erbij.")
    services.answer_inbreng(world["ambtenaar"], first, InbrengStatus.OVERGENOMEN, "Komt er.")
    with pytest.raises(services.FrameNotMet):
        services.change_phase(world["ambtenaar"], traject, Phase.BESLUITVORMING, "Door.")
    services.answer_inbreng(
        world["ambtenaar"], second, InbrengStatus.UITGESTELD, "Hoort bij de begroting van 2027."
    )
    services.change_phase(world["ambtenaar"], traject, Phase.BESLUITVORMING, "Door.")
    assert Traject.objects.get(pk=traject.pk).phase == Phase.BESLUITVORMING


def test_whether_an_anchor_point_held_is_recorded_in_the_evaluation(client, world, no_staff_mfa):
    _frame(world)
    ankerpunt = world["traject"].ankerpunten.get()
    client.force_login(world["griffier"])
    url = _url(world, "trajectories:ankerpunt_edit", ankerpunt.pk)
    assert 'name="held"' not in client.get(url).content.decode()
    Traject.objects.filter(pk=world["traject"].pk).update(phase=Phase.EVALUATIE)
    assert (
        "Vastleggen of het standhield"
        in client.get(world["traject"].get_absolute_url()).content.decode()
    )
    response = client.post(
        url, {"text": ankerpunt.text, "held": "True", "held_note": "Het park bleef."}
    )
    assert response.status_code == 302
    ankerpunt.refresh_from_db()
    assert ankerpunt.held is True and ankerpunt.versies.count() == 2


def test_a_revised_answer_keeps_the_earlier_one_visible(client, world, no_staff_mfa):
    inbreng = services.submit_inbreng(world["inwoner"], world["traject"], "Meer bankjes.")
    services.answer_inbreng(world["ambtenaar"], inbreng, InbrengStatus.OVERGENOMEN, "Komen er.")
    client.force_login(world["ambtenaar"])
    response = client.post(
        _url(world, "trajectories:answer", inbreng.pk),
        {"status": "deels_overgenomen", "explanation": "Twee bankjes, niet vijf."},
    )
    assert response.status_code == 302
    inbreng.refresh_from_db()
    assert inbreng.explanation == "Twee bankjes, niet vijf."
    assert [(v.number, v.explanation) for v in inbreng.versies.all()] == [
        (1, "Komen er."),
        (2, "Twee bankjes, niet vijf."),
    ]
    client.logout()
    page = client.get(_url(world, "trajectories:feedback")).content.decode()
    assert "Twee bankjes, niet vijf." in page and "Komen er." in page
    assert "Eerdere antwoorden" in page
    assert TimelineEvent.objects.filter(kind="feedback", message__contains="revised").exists()


def test_answered_input_cannot_go_back_to_received(client, world, no_staff_mfa):
    inbreng = services.submit_inbreng(world["inwoner"], world["traject"], "Meer bankjes.")
    services.answer_inbreng(world["ambtenaar"], inbreng, InbrengStatus.OVERGENOMEN, "Komen er.")
    with pytest.raises(services.AnswerStays):
        services.answer_inbreng(world["ambtenaar"], inbreng, InbrengStatus.ONTVANGEN, "")
    client.force_login(world["ambtenaar"])
    url = _url(world, "trajectories:answer", inbreng.pk)
    assert 'value="ontvangen"' not in client.get(url).content.decode()
    response = client.post(url, {"status": "ontvangen", "explanation": ""})
    assert response.status_code == 200
    inbreng.refresh_from_db()
    assert (inbreng.status, inbreng.explanation) == ("overgenomen", "Komen er.")


def _edit(client, world, **extra):
    traject = world["traject"]
    data = {
        "title": traject.title,
        "description": traject.description,
        "initiator": traject.initiator,
        "domein": traject.domein,
        "dossiers": "",
        **extra,
    }
    return client.post(_url(world, "trajectories:edit"), data)


def test_making_a_trajectory_with_input_non_public_needs_a_reason(client, world, no_staff_mfa):
    traject = world["traject"]
    inbreng = services.submit_inbreng(world["inwoner"], traject, "Meer bankjes in het park.")
    services.answer_inbreng(world["ambtenaar"], inbreng, InbrengStatus.OVERGENOMEN, "Komen er.")
    with pytest.raises(services.ReasonRequired):
        services.update_traject(world["ambtenaar"], traject, {"is_public": False})

    client.force_login(world["collegelid"])
    response = _edit(client, world)  # "is_public" unchecked, no reason
    assert response.status_code == 200
    assert "zeg waarom" in response.content.decode()
    assert Traject.objects.get(pk=traject.pk).is_public

    response = _edit(client, world, private_reason="Er speelt een aanbesteding.")
    assert response.status_code == 302
    assert not Traject.objects.get(pk=traject.pk).is_public
    told = Notification.objects.filter(subject__contains="no longer public")
    assert {n.recipient for n in told} == {
        world["raadslid"],
        world["griffier"],
        world["collegelid"],
    }
    event = TimelineEvent.objects.get(traject=traject, kind="private")
    assert "Er speelt een aanbesteding." in event.text

    # The contributor keeps their input and its answer; others no longer see the trajectory.
    client.force_login(world["inwoner"])
    feedback = client.get(_url(world, "trajectories:feedback"))
    assert feedback.status_code == 200 and "Komen er." in feedback.content.decode()
    other = make_user(Role.INWONER, world["gemeente"])
    client.force_login(other)
    assert client.get(_url(world, "trajectories:feedback")).status_code == 404
    assert client.get(_url(world, "trajectories:inbreng_create")).status_code == 404
    client.logout()
    assert client.get(traject.get_absolute_url()).status_code == 404


def test_a_contributor_of_a_non_public_trajectory_sees_only_their_own_input(client, world):
    traject = world["traject"]
    services.submit_inbreng(world["inwoner"], traject, "Mijn eigen idee voor het park.")
    services.submit_inbreng(make_user(), traject, "Het idee van iemand anders.")
    services.update_traject(
        world["ambtenaar"], traject, {"is_public": False}, reason="Aanbesteding."
    )
    client.force_login(world["inwoner"])
    page = client.get(_url(world, "trajectories:feedback")).content.decode()
    assert "Mijn eigen idee voor het park." in page
    assert "Het idee van iemand anders." not in page
    # Their own input does not make them staff: they give no new input on it.
    assert client.get(_url(world, "trajectories:inbreng_create")).status_code == 403


def test_a_trajectory_without_input_goes_non_public_without_a_reason(world):
    services.update_traject(world["ambtenaar"], world["traject"], {"is_public": False})
    assert not Traject.objects.get(pk=world["traject"].pk).is_public
    assert not Notification.objects.filter(subject__contains="no longer public").exists()


def test_the_admin_writes_no_history_and_no_answers(admin_client, world, no_staff_mfa):
    assert admin_client.get(reverse("admin:trajectories_timelineevent_add")).status_code == 403
    assert admin_client.get(reverse("admin:trajectories_antwoordversie_add")).status_code == 403
    inbreng = services.submit_inbreng(world["inwoner"], world["traject"], "Meer bankjes.")
    services.answer_inbreng(world["ambtenaar"], inbreng, InbrengStatus.OVERGENOMEN, "Komen er.")
    url = reverse("admin:trajectories_inbreng_change", args=[inbreng.pk])
    admin_client.post(url, {"status": "ontvangen", "explanation": "", "text": inbreng.text})
    assert Inbreng.objects.get(pk=inbreng.pk).status == "overgenomen"
    traject_url = reverse("admin:trajectories_traject_change", args=[world["traject"].pk])
    assert 'name="is_public"' not in admin_client.get(traject_url).content.decode()


def test_the_phase_form_says_beforehand_what_the_frame_asks(client, world, no_staff_mfa):
    client.force_login(world["ambtenaar"])
    page = client.get(_url(world, "trajectories:phase")).content.decode()
    assert "vraagt het kader van de raad nog" in page and "procesafspraken" in page
    _frame(world)
    page = client.get(_url(world, "trajectories:phase")).content.decode()
    assert "vraagt het kader van de raad nog" not in page


def test_a_contributor_finds_a_non_public_trajectory_in_the_list(client, world):
    traject = world["traject"]
    services.submit_inbreng(world["inwoner"], traject, "Mijn eigen idee voor het park.")
    services.update_traject(world["ambtenaar"], traject, {"is_public": False}, reason="Tijdelijk.")
    listing = reverse("trajectories:gemeente", args=[world["gemeente"].slug])
    client.force_login(world["inwoner"])
    assert traject.title in client.get(listing).content.decode()
    client.force_login(make_user(Role.INWONER, world["gemeente"]))
    assert traject.title not in client.get(listing).content.decode()
