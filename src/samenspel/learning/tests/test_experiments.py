# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspel.learning import known, services
from samenspel.learning.known import Period
from samenspel.learning.models import MAX_INDICATORS, Value
from samenspel.people.models import Role
from samenspel.testing import make_experiment, make_gemeente, make_traject, make_user
from samenspel.trajectories import services as trajectories
from samenspel.trajectories.models import Inbreng

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def world():
    gemeente = make_gemeente()
    official = make_user(Role.AMBTENAAR, gemeente)
    resident = make_user(Role.INWONER, gemeente)
    traject = make_traject(gemeente, user=official)
    return gemeente, official, resident, traject


def _inbreng(traject, resident, official, created: date, answered_after: timedelta | None):
    inbreng = trajectories.submit_inbreng(resident, traject, "Een idee.")
    Inbreng.objects.filter(pk=inbreng.pk).update(created=_at(created))
    if answered_after is not None:
        inbreng.refresh_from_db()
        trajectories.answer_inbreng(official, inbreng, "overgenomen", "We doen het.")
        Inbreng.objects.filter(pk=inbreng.pk).update(answered_at=_at(created) + answered_after)
    return inbreng


def test_an_experiment_starts_with_the_five_questions_and_the_known_indicators(world):
    gemeente, official, _resident, traject = world
    experiment = make_experiment(gemeente, user=official, traject=traject)
    indicators = list(experiment.indicators.all())
    assert [i.question for i in indicators[:5]] == [q for q, _k, _r in services.DEFAULT_INDICATORS]
    assert [i.known for i in indicators[5:]] == services.DEFAULT_KNOWN
    assert experiment.responsible == official
    # Without a trajectory (an initiative from society) there is nothing to compute.
    assert make_experiment(gemeente, user=official).indicators.count() == 5


def test_at_most_ten_indicators(world):
    gemeente, official, _resident, traject = world
    experiment = make_experiment(gemeente, user=official, traject=traject)
    for n in range(MAX_INDICATORS - experiment.indicators.count()):
        services.add_indicator(
            official, experiment, {"question": f"Vraag {n}", "kind": "aantal", "rhythm": "jaar"}
        )
    with pytest.raises(services.TooManyIndicators):
        services.add_indicator(
            official, experiment, {"question": "Te veel", "kind": "aantal", "rhythm": "jaar"}
        )


def test_known_indicators_are_computed_from_the_records_of_the_period(world):
    gemeente, official, resident, traject = world
    _inbreng(traject, resident, official, date(2025, 2, 1), timedelta(days=4))
    _inbreng(traject, resident, official, date(2025, 3, 1), timedelta(days=10))
    _inbreng(traject, resident, official, date(2025, 5, 1), None)
    _inbreng(traject, resident, official, date(2025, 8, 1), timedelta(days=1))  # next period
    period = Period(date(2025, 1, 1), date(2025, 6, 30))
    assert known.compute("input_received", traject, period) == 3
    assert known.compute("input_answered", traject, period) == 2
    assert known.compute("median_days_to_answer", traject, period) == Decimal("7.0")
    assert known.compute("meeting_participants", traject, period) == 0
    assert known.compute("participants_per_1000", traject, period) == 0
    assert known.compute("input_received", None, period) is None


def test_recording_two_moments_gives_a_series_with_a_chart(world):
    gemeente, official, resident, traject = world
    experiment = make_experiment(gemeente, user=official, traject=traject)
    _inbreng(traject, resident, official, date(2025, 2, 1), timedelta(days=2))
    first = services.next_period(experiment)
    assert (first.start, first.end) == (date(2025, 1, 1), date(2025, 6, 30))
    count = experiment.indicators.get(position=0)
    text = experiment.indicators.get(position=1)
    services.record_moment(
        official,
        experiment,
        first,
        {count.pk: "3", text.pk: "Een ontmoetingsplek."},
        [("samenleving", "De buurt pakte het op.", "Weinig jongeren.")],
    )
    second = services.next_period(experiment)
    assert (second.start, second.end) == (date(2025, 7, 1), date(2025, 12, 31))
    services.record_moment(official, experiment, second, {count.pk: "5"}, [])
    figures = {s.indicator.pk: s for s in services.experiment_figures(experiment)}
    assert [r["number"] for r in figures[count.pk].rows] == [3, 5]
    assert figures[count.pk].trend == "up"
    assert len(figures[count.pk].chart["dots"]) == 2
    assert figures[text.pk].chart is None and figures[text.pk].rows[0]["text"]
    received = experiment.indicators.get(known="input_received")
    assert [r["number"] for r in figures[received.pk].rows] == [1, 0]
    assert Value.objects.filter(indicator=received, computed=True).count() == 2


def test_the_responsible_official_is_reminded_once_per_moment(
    world, django_capture_on_commit_callbacks
):
    gemeente, official, _resident, traject = world
    experiment = make_experiment(gemeente, user=official, traject=traject)
    assert services.remind(date(2025, 6, 1)) == 0  # more than two weeks ahead
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind(date(2025, 6, 20)) == 1
    assert services.remind(date(2025, 6, 21)) == 0
    note = official.notifications.get()
    assert note.params["title"] == experiment.title
    assert note.url == reverse("learning:moment_create", args=[gemeente.slug, experiment.pk])
    assert [m.to for m in mail.outbox] == [[official.email]]
    assert "30-06-2025" in mail.outbox[0].body


def test_the_central_question_is_answered_once_a_year(world):
    gemeente, official, _resident, traject = world
    experiment = make_experiment(gemeente, user=official, traject=traject)
    services.answer_central_question(official, experiment, 2025, "deels", "Nog niet overal.")
    services.answer_central_question(official, experiment, 2025, "ja", "Toch wel.")
    assert list(experiment.answers.values_list("year", "verdict")) == [(2025, "ja")]


def test_the_evaluation_sums_up_the_three_stages(world):
    gemeente, official, resident, traject = world
    experiment = make_experiment(gemeente, user=official, traject=traject)
    scores = {"design_score": 4, "experience_score": 5, "impact_score": 2}
    services.evaluate(resident, experiment, "deelnemer", scores)
    services.evaluate(official, experiment, "organisator", {**scores, "impact_score": 3})
    summary = {row["stage"]: row["cells"] for row in services.evaluation_summary(experiment)}
    assert summary["impact"] == [{"n": 1, "mean": 2.0}, {"n": 1, "mean": 3.0}]


def test_the_daily_command_reminds(world):
    from io import StringIO

    from django.core.management import call_command

    gemeente, official, _resident, traject = world
    make_experiment(gemeente, user=official, traject=traject, started_on=timezone.localdate())
    out = StringIO()
    call_command("remind_measuring_moments", stdout=out)
    assert out.getvalue().strip() == "0 reminded."


def test_meeting_participants_against_the_population(world):
    from samenspel.meetings.services import register
    from samenspel.testing import make_bijeenkomst

    gemeente, official, resident, traject = world  # 45,000 inhabitants
    bijeenkomst = make_bijeenkomst(traject, user=official)
    register(resident, bijeenkomst)
    register(make_user(Role.INWONER, gemeente), bijeenkomst)
    day = timezone.localdate(bijeenkomst.starts_at)
    period = Period(day, day)
    assert known.compute("meeting_participants", traject, period) == 2
    assert known.compute("participants_per_1000", traject, period) == Decimal("0.04")
