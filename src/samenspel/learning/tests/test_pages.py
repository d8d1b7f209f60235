# SPDX-License-Identifier: EUPL-1.2
"""The pages of an experiment, through the forms an official fills in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenspel.learning.models import Experiment, Lesson
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_staff_mfa")]


def test_an_official_sets_up_an_experiment_and_records_a_moment(client):
    gemeente = make_gemeente()
    official = make_user(Role.AMBTENAAR, gemeente)
    resident = make_user(Role.INWONER, gemeente)
    traject = make_traject(gemeente, user=official)
    client.force_login(official)
    url = reverse("learning:experiment_create", args=[gemeente.slug]) + f"?traject={traject.pk}"
    form = client.get(url).content.decode()
    assert traject.title in form
    response = client.post(
        url,
        {
            "traject": traject.pk,
            "title": traject.title,
            "initiator": "samenleving",
            "theme": "initiatieven",
            "instrument": "spelregels_zelfbeheer",
            "learning_question": "Neemt de buurt het over?",
            "responsible": official.pk,
            "started_on": "2025-01-01",
            "sharing": "provincie",
        },
    )
    experiment = Experiment.objects.get()
    assert experiment.traject == traject
    assert response.url == reverse("learning:experiment", args=[gemeente.slug, experiment.pk])
    moment_url = reverse("learning:moment_create", args=[gemeente.slug, experiment.pk])
    page = client.get(moment_url).content.decode()
    assert "2025-06-30" in page  # the next period, filled in
    first = experiment.indicators.get(position=0)
    response = client.post(
        moment_url,
        {
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            f"indicator_{first.pk}": "4",
            "samenleving_well": "De buurt pakte het op.",
            "samenleving_sad": "",
        },
    )
    assert response.status_code == 302
    moment = experiment.moments.get()
    detail = client.get(response.url).content.decode()
    assert "De buurt pakte het op." in detail
    page = client.get(reverse("learning:experiment", args=[gemeente.slug, experiment.pk]))
    assert "<svg" in page.content.decode() and moment.period_end.year == 2025
    # The same end date twice is refused next to the field.
    again = client.post(
        moment_url, {"period_start": "2025-01-01", "period_end": "2025-06-30"}
    ).content.decode()
    assert "id_period_end_error" in again
    # A resident fills in the participants' questionnaire.
    client.force_login(resident)
    evaluation = reverse("learning:evaluate_participant", args=[gemeente.slug, experiment.pk])
    assert client.get(evaluation).status_code == 200
    response = client.post(
        evaluation, {"design_score": 4, "experience_score": 5, "impact_score": 3}
    )
    assert response.status_code == 302 and experiment.evaluations.count() == 1
    assert (
        client.get(reverse("learning:experiment", args=[gemeente.slug, experiment.pk])).status_code
        == 404
    )
    # Not for an experiment on a trajectory that is not public.
    traject.is_public = False
    traject.save()
    assert client.get(evaluation).status_code == 403


def test_a_lesson_goes_on_the_wall(client):
    gemeente = make_gemeente()
    raadslid = make_user(Role.RAADSLID, gemeente)
    client.force_login(raadslid)
    url = reverse("learning:lesson_create", args=[gemeente.slug])
    refused = client.post(url, {"kind": "succes", "text": "Vroeg informeren.", "theme": "raad",
                                "sharing": "provincie"})  # fmt: skip
    assert refused.status_code == 200 and not Lesson.objects.exists()
    response = client.post(
        url,
        {"kind": "succes", "text": "Vroeg informeren.", "theme": "raad", "sharing": "provincie",
         "corners": ["raad", "college"]},
    )  # fmt: skip
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert lesson.corners == ["raad", "college"] and lesson.approved_at
    wall = client.get(reverse("learning:lessons", args=[gemeente.slug])).content.decode()
    assert "Vroeg informeren." in wall
