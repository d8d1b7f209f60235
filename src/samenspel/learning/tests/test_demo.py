# SPDX-License-Identifier: EUPL-1.2
"""The demo's experiments: the indicators Samenspel knows, computed from its own records, match
what docs/domain.md's cases give by hand."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from samenspel.demo.cases import TRAJECTS
from samenspel.learning import services
from samenspel.learning.models import Experiment, Group, Lesson, Value
from samenspel.people.models import User

pytestmark = pytest.mark.django_db


def _by_hand(title: str) -> tuple[int, int]:
    """Input given on the case in cases.py, and how much of it was answered."""
    (case,) = [c for c in TRAJECTS if c["title"] == title]
    given = case.get("inbreng", [])
    return len(given), sum(1 for _text, status, _answer in given if status != "ontvangen")


def _values(experiment: Experiment, key: str) -> list:
    return list(
        Value.objects.filter(indicator__experiment=experiment, indicator__known=key)
        .order_by("moment__period_end")
        .values_list("number", flat=True)
    )


def test_known_indicators_on_the_demo_match_a_count_by_hand():
    call_command("load_demo", stdout=StringIO())
    buurt = Experiment.objects.get(title="Buurt bestuurt in Hedikhuizen")
    received, answered = _by_hand("Buurt bestuurt in Hedikhuizen")
    assert (received, answered) == (2, 1)
    # The demo gives its input today, in the second half year.
    assert _values(buurt, "input_received") == [0, received]
    assert _values(buurt, "input_answered") == [0, answered]
    assert _values(buurt, "median_days_to_answer") == [None, 0]  # answered the same day
    dorp = Experiment.objects.get(title="Dorpsondersteuners")
    assert _values(dorp, "input_received") == [0, _by_hand("Dorpsondersteuners")[0]]
    for experiment in (buurt, dorp):
        assert experiment.moments.count() == 2
        assert experiment.indicators.count() <= 10
        assert all(
            s.chart
            for s in services.experiment_figures(experiment)
            if s.indicator.known == ""
            and s.indicator.is_numeric
            and s.rows
            and s.rows[0]["number"] is not None
        )


def test_the_demo_has_lessons_of_gelderland_and_brabant_and_lochems_intervision_group():
    call_command("load_demo", stdout=StringIO())
    provinces = set(
        Lesson.objects.filter(approved_at__isnull=False).values_list(
            "gemeente__provincie__name", flat=True
        )
    )
    assert {"Gelderland", "Noord-Brabant"} <= provinces
    group = Group.objects.get()
    names = set(group.members.values_list("memberships__gemeente__name", flat=True))
    assert names == {"Lochem", "Aalten", "Apeldoorn", "Arnhem"}
    staff = User.objects.get(email="provincie@gelderland.demo")
    view = services.province_view(group.provincie)
    assert {lesson.gemeente.name for lesson in view["lessons"]} <= names
    waiting = Lesson.objects.get(session__group=group, approved_at__isnull=True)
    assert waiting not in services.visible_lessons(staff)
