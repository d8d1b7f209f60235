# SPDX-License-Identifier: EUPL-1.2
"""What the timeline stores is data: the sentence is rendered in the reader's language
(issue 13, item 8), and rows from before keep their Dutch sentence."""

from datetime import date

import pytest
from django.utils import translation

from samenspel.advice import services as advice
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories import services
from samenspel.trajectories.models import TimelineEvent

pytestmark = pytest.mark.django_db


def _texts(traject, language):
    with translation.override(language):
        return [e.text for e in TimelineEvent.objects.filter(traject=traject).order_by("id")]


def test_the_timeline_reads_in_english_and_in_dutch(client):
    gemeente = make_gemeente()
    official = make_user(Role.AMBTENAAR, gemeente)
    traject = services.create_traject(
        official,
        gemeente,
        {"title": "Speeltuin", "description": "Een nieuwe speeltuin.", "initiator": "college"},
    )
    services.add_ankerpunt(official, traject, {"text": "Veilig spelen", "set_on": date(2026, 1, 5)})
    services.change_phase(official, traject, "kaderstelling", "Tijd voor de raad")
    advies = advice.give_advice(official, traject, {"kennis_benutten": 5})
    advice.record_choice(official, advies, "informeren", advies.stance, "Eerst verkennen")
    english = _texts(traject, "en")
    assert english == [
        "Trajectory started in phase “exploration”.",
        "The council set an anchor point: Veilig spelen",
        "Phase changed from “exploration” to “framing by the council”: Tijd voor de raad",
        f"Advice on working together: {advice.label('rung', advies.rung, 'en')}, "
        f"stance {advice.label('stance', advies.stance, 'en')}.",
        "Chosen way of working: inform (advice: "
        f"{advice.label('rung', advies.rung, 'en')}). Reason: Eerst verkennen",
    ]
    dutch = _texts(traject, "nl")
    assert dutch[0] == "Traject gestart in de fase “verkenning”."
    assert dutch[4].startswith("Gekozen manier van samenwerken: informeren")
    # The page shows the reader's language.
    client.cookies["django_language"] = "en"
    page = client.get(traject.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Trajectory started in phase “exploration”." in page


def test_rows_written_before_keep_their_sentence():
    traject = make_traject(make_gemeente())
    old = TimelineEvent.objects.create(
        traject=traject, kind="belang", message="Belangenkaart: Jongeren (ontbreekt)."
    )
    with translation.override("en"):
        assert old.text == "Belangenkaart: Jongeren (ontbreekt)."


def test_notifications_read_in_the_readers_language_and_mail_in_dutch(
    mailoutbox, django_capture_on_commit_callbacks
):
    gemeente = make_gemeente()
    official = make_user(Role.AMBTENAAR, gemeente)
    council = make_user(Role.RAADSLID, gemeente)
    traject = make_traject(gemeente, user=official)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.change_phase(official, traject, "kaderstelling", "Tijd voor de raad")
    assert mailoutbox[-1].subject.endswith("is nu in de fase “kaderstelling door de raad”")
    note = council.notifications.latest("id")
    with translation.override("en"):
        assert note.subject_text == f"{traject.title} is now in phase “framing by the council”"
        assert note.body_text.startswith("Phase changed from “exploration”")
    with translation.override("nl"):
        assert note.subject_text.endswith("is nu in de fase “kaderstelling door de raad”")
