# SPDX-License-Identifier: EUPL-1.2
"""Consultations: building, inviting under the fatigue limit, answering by the personal link,
weighted results (a case computed by hand), feedback."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspel.panel import services
from samenspel.panel.models import Invitation, Member, Question, Response, Status
from samenspel.panel.readability import douma
from samenspel.people.models import Role
from samenspel.testing import (
    ZEIST_PROFILE,
    make_consultation,
    make_member,
    make_redeemed_letter,
    make_traject,
    make_user,
    make_zeist,
)
from samenspel.trajectories.models import Inbreng

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    zeist = make_zeist()
    official = make_user(Role.AMBTENAAR, zeist)
    traject = make_traject(zeist, user=official)
    return zeist, official, traject


def test_douma_reading_ease():
    easy = douma("Wat vindt u van het park?")
    hard = douma(
        "Welke beleidsprioriteiten acht u noodzakelijk ten aanzien van de herontwikkeling "
        "van maatschappelijke voorzieningen binnen de gemeentelijke organisatiestructuur?"
    )
    # 6 words, 1 sentence, 6 syllables: 206.835 − 0.93·6 − 77·6/6 = 124.3
    assert (easy.words, easy.sentences, easy.syllables, easy.score) == (6, 1, 6, 124.3)
    assert not easy.above_b1 and hard.above_b1


def test_builder_warns_above_b1_and_checks_conditions(client, world, no_staff_mfa):
    zeist, official, traject = world
    client.force_login(official)
    page = client.get(reverse("panel:create", args=[zeist.slug, traject.pk]))
    assert page.status_code == 200
    client.post(
        reverse("panel:create", args=[zeist.slug, traject.pk]),
        {"title": "Het park", "phase": traject.phase, "intro": "Wat vindt u?"},
    )
    consultation = services.Consultation.objects.get()
    add = reverse("panel:question_add", args=[zeist.slug, consultation.pk])
    done = client.post(
        add,
        {
            "kind": "single",
            "text": "Gaat u naar het park?",
            "options": "Ja\nNee",
            "budget": 100,
        },
        follow=True,
    )
    assert "De vraag is bewaard." in done.content.decode()
    first = Question.objects.get()
    refused = client.post(
        add,
        {
            "kind": "open",
            "text": "Waarom?",
            "budget": 100,
            "show_if": first.pk,
            "show_if_value": "Soms",
        },
    )
    assert "Kies een van de antwoorden op die vraag: Ja, Nee" in refused.content.decode()
    warned = client.post(
        add,
        {
            "kind": "open",
            "text": "Welke maatschappelijke voorzieningen beschouwt u als onmisbaar binnen de "
            "gemeentelijke parkontwikkelingsstrategie?",
            "budget": 100,
            "show_if": first.pk,
            "show_if_value": "Ja",
        },
        follow=True,
    )
    assert "moeilijk te lezen" in warned.content.decode()
    preview = client.get(reverse("panel:preview", args=[zeist.slug, consultation.pk]))
    body = preview.content.decode()
    assert body.count("Gaat u naar het park?") == 2 and "Telefoon" in body


def _invite(consultation, member, when=None):
    return Invitation.objects.create(
        consultation=consultation, member=member, invited=when or timezone.now()
    )


def test_answering_by_the_personal_link_saves_progress_and_follows_conditions(client, world):
    zeist, official, traject = world
    consultation = make_consultation(traject, user=official, questions=("single",))
    first = consultation.questions.get()
    follow = Question.objects.create(
        consultation=consultation,
        position=2,
        kind="open",
        text="Waarom?",
        show_if=first,
        show_if_value="Ja",
    )
    services.Consultation.objects.filter(pk=consultation.pk).update(status=Status.OPEN)
    invitation = _invite(consultation, make_member(zeist))
    url = reverse("panel:answer", args=[invitation.pk, services.token(invitation.pk)])
    assert client.get(reverse("panel:answer", args=[invitation.pk, "x" * 32])).status_code == 404
    page = client.get(url).content.decode()
    assert "Vraag 1?" in page and "Waarom?" not in page
    client.post(url, {str(first.pk): "Ja", "send": "1"})  # a new question appears: not sent
    response = Response.objects.get()
    assert response.answers == {str(first.pk): "Ja"} and response.submitted is None
    assert "Waarom?" in client.get(url).content.decode()
    client.post(url, {str(first.pk): "Ja", str(follow.pk): "Omdat het mooi is.", "send": "1"})
    response.refresh_from_db()
    assert response.submitted and response.answers[str(follow.pk)] == "Omdat het mooi is."
    assert response.attributes == ZEIST_PROFILE
    assert "Dank u wel" in client.get(url).content.decode()


def test_proposal_and_sending_respect_the_fatigue_limit(
    client, world, no_staff_mfa, django_capture_on_commit_callbacks
):
    zeist, official, traject = world
    consultation = make_consultation(traject, user=official)
    fresh = [make_member(zeist) for _ in range(3)]
    tired = make_member(zeist)
    recent = make_member(zeist)
    # Four invitations in 12 months: three of the panel and one letter of another instrument.
    other = make_consultation(traject, user=official)
    for days in (300, 200, 100):
        _invite(
            make_consultation(traject, user=official), tired, timezone.now() - timedelta(days=days)
        )
    make_redeemed_letter(tired.user, other.use, timezone.localdate() - timedelta(days=50))
    _invite(make_consultation(traject, user=official), recent, timezone.now() - timedelta(days=5))
    client.force_login(official)
    url = reverse("panel:propose", args=[zeist.slug, consultation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"mode": "all", "size": 10, "attributes": ["gender"]})
    consultation.refresh_from_db()
    assert consultation.proposal["selected"] == sorted(m.pk for m in fresh)
    assert consultation.proposal["excluded"] == 2
    page = client.get(url).content.decode()
    assert "Verstuur de uitnodiging aan 3 leden" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("panel:send", args=[zeist.slug, consultation.pk]))
    assert set(consultation.invitations.values_list("member_id", flat=True)) == {
        m.pk for m in fresh
    }
    invitations = [m for m in mail.outbox if "Uw mening gevraagd" in m.subject]
    assert len(invitations) == 3 and "/raadpleging/" in invitations[0].body
    # Reminders: at most two.
    for _round in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("panel:remind", args=[zeist.slug, consultation.pk]))
    assert len([m for m in mail.outbox if m.subject.startswith("Herinnering")]) == 6


def test_weighted_margins_equal_the_population_on_a_case_computed_by_hand(world):
    """30 men and 15 women answer, each spread evenly over the three education levels. Raking
    to Zeist's margins then has a closed form: w(g, e) = (P_g / S_g) · (P_e / S_e)."""
    zeist, official, traject = world
    panel = services.panel_of(zeist)
    panel.attributes = ["gender", "education"]
    panel.save()
    consultation = make_consultation(traject, user=official, questions=("single",))
    question = consultation.questions.get()
    levels = ("laag", "middelbaar", "hoog")
    rows = [("man", levels[i % 3], "Ja") for i in range(30)]
    rows += [("vrouw", levels[i % 3], "Nee") for i in range(15)]
    Response.objects.bulk_create(
        [
            Response(
                consultation=consultation,
                attributes={"gender": g, "education": e},
                answers={str(question.pk): a},
                submitted=timezone.now(),
            )
            for g, e, a in rows
        ]
    )
    result = services.results(consultation)
    population = services.population(zeist, ["gender", "education"]).shares()
    assert len(result["margins"]) == 5
    for row in result["margins"]:
        assert abs(row["weighted"] - row["population"]) < 1e-6
    shares = {row["population"] for row in result["margins"]}
    assert shares == {s for values in population.values() for s in values.values()}
    # By hand: men are 2/3 of the respondents, so all the "Ja" weight is P(man).
    p_man = population["gender"]["man"]
    ja = next(i for i in result["questions"][0]["items"] if i["value"] == "Ja")
    assert ja["unweighted"] == 66.7 and ja["weighted"] == round(100 * p_man, 1)
    weights = services._weights(consultation, [{"gender": g, "education": e} for g, e, _a in rows])
    hand = (p_man / (30 / 45)) * (population["education"]["laag"] / (1 / 3))
    assert abs(weights["weights"][0] - hand) < 1e-9


def test_no_group_under_ten_is_shown(world):
    zeist, official, traject = world
    consultation = make_consultation(traject, user=official, questions=("single",))
    question = consultation.questions.get()
    for _answered in range(9):
        Response.objects.create(
            consultation=consultation,
            attributes=ZEIST_PROFILE,
            answers={str(question.pk): "Ja"},
            submitted=timezone.now(),
        )
    assert services.results(consultation)["too_few"]
    for answer in ["Ja"] * 6 + ["Nee"] * 3:
        Response.objects.create(
            consultation=consultation,
            attributes=ZEIST_PROFILE,
            answers={str(question.pk): answer},
            submitted=timezone.now(),
        )
    items = {i["value"]: i for i in services.results(consultation)["questions"][0]["items"]}
    assert items["Ja"]["count"] == 15 and items["Nee"]["count"] is None
    assert items["Nee"]["weighted"] is None and items["Weet niet"]["unweighted"] is None


def test_closing_feedback_reaches_the_trajectory_and_every_respondent(
    client, world, no_staff_mfa, django_capture_on_commit_callbacks
):
    zeist, official, traject = world
    consultation = make_consultation(traject, user=official)
    question = consultation.questions.get()
    members = [make_member(zeist) for _ in range(3)]
    for member in members[:2]:
        services.save_answers(_invite(consultation, member), {str(question.pk): "Ja"}, submit=True)
    _invite(consultation, members[2])
    services.Consultation.objects.filter(pk=consultation.pk).update(status=Status.OPEN)
    client.force_login(official)
    detail = reverse("panel:detail", args=[zeist.slug, consultation.pk])
    not_yet = client.get(reverse("panel:feedback", args=[zeist.slug, consultation.pk]))
    assert "Sluit de raadpleging eerst" in not_yet.content.decode()
    client.post(reverse("panel:close", args=[zeist.slug, consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED
    assert not services.overview(zeist)[0]["overdue"]
    services.Consultation.objects.filter(pk=consultation.pk).update(
        closed=timezone.now() - timedelta(days=50)
    )
    assert services.overview(zeist)[0]["overdue"]
    assert (
        "te laat sinds" in client.get(reverse("panel:overview", args=[zeist.slug])).content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("panel:feedback", args=[zeist.slug, consultation.pk]),
            {"status": "overgenomen", "text": "De raad volgt het panel: het park blijft groen."},
        )
    inbreng = Inbreng.objects.get(traject=traject)
    assert inbreng.status == "overgenomen" and "Panelraadpleging" in inbreng.source
    page = client.get(reverse("trajectories:feedback", args=[zeist.slug, traject.pk]))
    assert "het park blijft groen" in page.content.decode()
    told = sorted(to for m in mail.outbox for to in m.to)
    assert told == sorted(m.user.email for m in members[:2])
    state = services.overview(zeist)[0]
    assert state["given"] and state["days"] == 50 and not state["overdue"]
    assert "het park blijft groen" in client.get(detail).content.decode()


def test_results_page_chart_table_and_csv_without_personal_data(client, world, no_staff_mfa):
    zeist, official, traject = world
    consultation = make_consultation(traject, user=official, questions=("single", "scale5", "open"))
    questions = list(consultation.questions.all())
    members = [make_member(zeist) for _ in range(12)]
    for number, member in enumerate(members):
        services.save_answers(
            _invite(consultation, member),
            {
                str(questions[0].pk): "Ja",
                str(questions[1].pk): str(1 + number % 5),
                str(questions[2].pk): "Meer bankjes.",
            },
            submit=True,
        )
    client.force_login(official)
    page = client.get(reverse("panel:results", args=[zeist.slug, consultation.pk]))
    body = page.content.decode()
    assert '<svg role="img"' in body and "<caption>Vraag 1?</caption>" in body
    assert "Effectieve steekproefgrootte" in body
    response = client.get(reverse("panel:csv", args=[zeist.slug, consultation.pk]))
    text = response.content.decode()
    assert text.count("\n") == 13 and "Meer bankjes." in text
    for member in members:
        assert member.user.email not in text
    assert "45-64" not in text and "WK035501" not in text
    factsheet = client.get(reverse("panel:factsheet", args=[zeist.slug, consultation.pk]))
    assert factsheet.status_code == 200
    # Tags on open answers, counted from 10.
    tag_url = reverse("panel:tag", args=[zeist.slug, consultation.pk, questions[2].pk])
    for response_id in consultation.responses.values_list("pk", flat=True):
        client.post(tag_url, {"response": response_id, "tags": "bankjes, groen"})
    result = services.results(consultation)
    assert result["questions"][2]["tags"] == [
        {"name": "bankjes", "count": 12},
        {"name": "groen", "count": 12},
    ]
    assert Member.objects.count() == 12
