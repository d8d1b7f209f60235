# SPDX-License-Identifier: EUPL-1.2
"""Every create view of learning counts each rendered form once (core.http.submit_once)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.learning import services
from samenspel.learning.models import Experiment, Group, Lesson, Moment
from samenspel.people.models import Role
from samenspel.testing import (
    make_experiment,
    make_gemeente,
    make_provincie,
    make_traject,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_staff_mfa")]


def _twice(client, url: str, data: dict) -> None:
    token = re.search(r'name="submission" value="([^"]+)"', client.get(url).content.decode())
    assert token, url
    for _ in range(2):
        assert client.post(url, {**data, "submission": token.group(1)}).status_code == 302


def test_each_create_form_counts_once(client):
    provincie = make_provincie()
    gemeente = make_gemeente(provincie=provincie)
    other = make_gemeente(provincie=provincie)
    official = make_user(Role.AMBTENAAR, gemeente)
    colleague = make_user(Role.AMBTENAAR, other)
    traject = make_traject(gemeente, user=official)
    client.force_login(official)
    _twice(
        client,
        reverse("learning:experiment_create", args=[gemeente.slug]),
        {
            "traject": traject.pk,
            "title": "Experiment",
            "initiator": "samenleving",
            "theme": "beleid",
            "instrument": "bijeenkomst",
            "learning_question": "Wat leren we?",
            "responsible": official.pk,
            "started_on": "2025-01-01",
            "sharing": "gemeente",
        },
    )
    assert Experiment.objects.count() == 1
    experiment = make_experiment(gemeente, user=official)
    _twice(
        client,
        reverse("learning:moment_create", args=[gemeente.slug, experiment.pk]),
        {"period_start": "2025-01-01", "period_end": "2025-06-30"},
    )
    assert Moment.objects.count() == 1
    _twice(
        client,
        reverse("learning:lesson_create", args=[gemeente.slug]),
        {"kind": "succes", "text": "Les", "theme": "raad", "sharing": "gemeente",
         "corners": ["raad"]},
    )  # fmt: skip
    assert Lesson.objects.count() == 1
    client.force_login(make_user(Role.PROVINCIE, provincie=provincie))
    _twice(
        client,
        reverse("learning:group_create", args=[provincie.slug]),
        {"name": "Groep", "theme": "raad", "members": [official.pk, colleague.pk]},
    )
    group = Group.objects.get()
    session = services.schedule_session(official, group, timezone.now(), "Arnhem")
    _twice(
        client,
        reverse("learning:session_notes", args=[provincie.slug, session.pk]),
        {"author": colleague.pk, "kind": "behoefte", "text": "Meer tijd.",
         "corners": ["ambtenaren"], "instrument": ""},
    )  # fmt: skip
    assert session.notes.count() == 1
