# SPDX-License-Identifier: EUPL-1.2
"""The begroting instrument: set-up and its freezing, proposals, ballots, paper, the count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.budgeting import services
from samenspel.budgeting.models import (
    Begroting,
    Channel,
    Decision,
    Status,
    Stem,
    Uitslag,
    VoorstelStatus,
)
from samenspel.core.http import new_submission_token
from samenspel.municipalities.services import Gebied
from samenspel.people.models import Role
from samenspel.testing import make_begroting, make_gemeente, make_traject, make_user, make_voter

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(no_staff_mfa):
    gemeente = make_gemeente()
    official = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=official)
    return {"gemeente": gemeente, "official": official, "traject": traject}


def _open(world, projects=(40_000, 30_000, 50_000), **fields) -> Begroting:
    begroting = make_begroting(
        world["traject"], user=world["official"], projects=projects, **fields
    )
    return services.open_voting(world["official"], begroting)


def _choices(begroting, *numbers) -> dict[int, int]:
    by_number = {v.number: v.pk for v in begroting.voorstellen.all()}
    return {by_number[n]: 1 for n in numbers}


# ---- set-up ----------------------------------------------------------------------------------


def test_changing_the_ballot_or_the_rule_after_voting_opened_is_refused(world, client):
    begroting = _open(world)
    assert begroting.frozen["rule"] == "mes" and begroting.frozen["ballot_type"] == "knapsack"
    with pytest.raises(services.RulesFrozen):
        services.update_setup(world["official"], begroting, {"rule": "greedy"})
    with pytest.raises(services.RulesFrozen):
        services.update_setup(world["official"], begroting, {"ballot_type": "max_n"})
    with pytest.raises(services.RulesFrozen):
        services.add_deel(world["official"], begroting, "Extra", 5)
    # Through the page too: it says the rules are published and changes nothing.
    client.force_login(world["official"])
    url = reverse("budgeting:setup", args=[world["gemeente"].slug, begroting.pk])
    response = client.post(url, {"rule": "greedy", "ballot_type": "points", "total": 1})
    assert "niet meer veranderen" in response.content.decode()
    begroting.refresh_from_db()
    assert (begroting.rule, begroting.ballot_type, begroting.total) == ("mes", "knapsack", 100_000)


def test_setup_before_opening_changes_and_phragmen_needs_approval(world):
    begroting = make_begroting(world["traject"], user=world["official"])
    services.update_setup(world["official"], begroting, {"rule": "greedy"})
    begroting.refresh_from_db()
    assert begroting.rule == "greedy"
    # Voting does not open without an accepted proposal or with a closing time in the past.
    with pytest.raises(services.NotNow):
        services.open_voting(world["official"], begroting)


def test_parts_replace_the_whole_and_areas_have_their_own_budget(world):
    begroting = make_begroting(world["traject"], user=world["official"])
    wijk = Gebied.objects.create(gemeente=world["gemeente"], kind="wijk", name="Noord")
    services.add_deel(world["official"], begroting, "Noord", 40_000, wijk)
    services.add_deel(world["official"], begroting, "Zuid", 60_000)
    assert list(begroting.delen.values_list("name", "amount")) == [
        ("Noord", 40_000),
        ("Zuid", 60_000),
    ]


# ---- proposals -------------------------------------------------------------------------------


def test_a_cut_on_a_protected_line_is_refused_naming_the_frame(world, client):
    begroting = make_begroting(world["traject"], user=world["official"], kind="savings")
    services.add_post(
        world["official"],
        begroting,
        {"name": "Minimabeleid", "amount": 900_000, "protected": True, "frame": "Niet op armoede."},
    )
    sport = services.add_post(world["official"], begroting, {"name": "Sport", "amount": 500_000})
    services.open_proposals(world["official"], begroting)
    resident = make_voter(world["gemeente"])
    client.force_login(resident)
    url = reverse("budgeting:propose", args=[world["gemeente"].slug, begroting.pk])
    protected = begroting.posten.get(protected=True)
    data = {
        "title": "Minder bijzondere bijstand",
        "description": "Snijden in de bijstand.",
        "deel": begroting.delen.get().pk,
        "estimate": 50_000,
        "post": protected.pk,
        "submission": new_submission_token(),
    }
    page = client.post(url, data).content.decode()
    assert "Niet op armoede." in page and "Minimabeleid" in page
    assert not begroting.voorstellen.exists()
    # Every page of the instrument shows the frame.
    detail = client.get(begroting.get_absolute_url()).content.decode()
    assert "Niet op armoede." in detail
    response = client.post(
        url, {**data, "post": sport.pk, "title": "Sport", "submission": new_submission_token()}
    )
    voorstel = begroting.voorstellen.get()
    assert response.status_code == 302 and voorstel.post == sport
    assert voorstel.inbreng.status == "ontvangen"  # feedback is owed


def test_officials_check_merge_and_answer_in_public(world):
    begroting = make_begroting(world["traject"], user=world["official"])
    services.open_proposals(world["official"], begroting)
    deel = begroting.delen.get()
    resident = make_voter(world["gemeente"])
    first, second, third = (
        services.submit_voorstel(
            resident,
            begroting,
            {"title": t, "description": "Idee.", "deel": deel, "estimate": 10_000},
        )
        for t in ("Bankjes", "Meer bankjes", "Ijsbaan")
    )
    services.review(world["official"], first, "accepted", "Kan, iets duurder.", cost=12_000)
    services.review(world["official"], second, "merged", "Zelfde idee.", merged_into=first)
    services.review(world["official"], third, "rejected", "Geen plek voor.")
    first.refresh_from_db()
    assert first.amount == 12_000 and first.inbreng.status == "overgenomen"
    assert first.inbreng.explanation == "Kan, iets duurder."
    third.refresh_from_db()
    assert third.inbreng.status == "niet_overgenomen"
    assert [v.title for v in services.ballot_projects(begroting)] == ["Bankjes"]


# ---- voting ----------------------------------------------------------------------------------


def test_one_ballot_changeable_until_the_deadline_with_a_receipt(world):
    begroting = _open(world)
    voter = make_voter(world["gemeente"])
    stem, code = services.submit_ballot(voter, begroting, _choices(begroting, 1, 2))
    stem2, code2 = services.submit_ballot(voter, begroting, _choices(begroting, 3))
    assert stem.pk == stem2.pk and code != code2
    assert Stem.objects.count() == 1 and stem2.version == 2
    assert [k.voorstel.number for k in services.find_receipt(begroting, code2).keuzes.all()] == [3]
    assert services.find_receipt(begroting, code) is None  # the old receipt is replaced
    Begroting.objects.filter(pk=begroting.pk).update(closes_at=timezone.now() - timedelta(1))
    begroting.refresh_from_db()
    with pytest.raises(services.BallotRefused, match="gesloten"):
        services.submit_ballot(voter, begroting, _choices(begroting, 1))


def test_over_budget_and_outside_the_area_are_refused_clearly(world):
    begroting = _open(world)
    voter = make_voter(world["gemeente"])
    with pytest.raises(services.BallotRefused, match="meer dan het budget"):
        services.submit_ballot(voter, begroting, _choices(begroting, 1, 2, 3))
    assert not Stem.objects.exists()

    gemeente = world["gemeente"]
    noord = Gebied.objects.create(gemeente=gemeente, kind="wijk", name="Noord")
    zuid = Gebied.objects.create(gemeente=gemeente, kind="wijk", name="Zuid")
    wijkbudget = make_begroting(world["traject"], user=world["official"])
    part = services.add_deel(world["official"], wijkbudget, "Noord", 10_000, noord)
    services.open_proposals(world["official"], wijkbudget)
    v = services.submit_voorstel(
        None, wijkbudget, {"title": "Speeltuin", "description": "x", "deel": part, "estimate": 9}
    )
    services.review(world["official"], v, "accepted", "Goed.", cost=9_000)
    wijkbudget = services.open_voting(world["official"], wijkbudget)
    outsider = make_voter(gemeente, zuid)
    with pytest.raises(services.BallotRefused, match="alleen voor inwoners van dat gebied"):
        services.submit_ballot(outsider, wijkbudget, {v.pk: 1})
    services.submit_ballot(make_voter(gemeente, noord), wijkbudget, {v.pk: 1})


def test_a_binding_vote_needs_the_letters_code(world):
    from samenspel.people.services import grant_assurance

    begroting = _open(world, level="code")
    voter = make_voter(world["gemeente"])
    with pytest.raises(services.BallotRefused, match="code"):
        services.submit_ballot(voter, begroting, _choices(begroting, 1))
    grant_assurance(voter, world["gemeente"], "code", scope=f"use:{begroting.use.pk}")
    services.submit_ballot(voter, begroting, _choices(begroting, 1))


def test_the_ballot_page_shows_what_is_left_without_javascript(world, client):
    begroting = _open(world)
    client.force_login(make_voter(world["gemeente"]))
    url = reverse("budgeting:vote", args=[world["gemeente"].slug, begroting.pk])
    first = begroting.voorstellen.get(number=1)
    page = client.post(url, {f"p{first.pk}": "on", "check": "1"}).content.decode()
    assert "<strong data-left>60.000</strong>" in page
    assert not Stem.objects.exists()
    page = client.post(
        url,
        {
            **{f"p{v.pk}": "on" for v in begroting.voorstellen.all()},
            "cast": "1",
            "submission": new_submission_token(),
        },
    ).content.decode()
    assert "meer dan het budget" in page and not Stem.objects.exists()
    response = client.post(
        url, {f"p{first.pk}": "on", "cast": "1", "submission": new_submission_token()}
    )
    assert response.status_code == 302 and Stem.objects.count() == 1


def test_paper_ballots_need_two_officials_who_agree(world):
    begroting = _open(world)
    other = make_user(Role.AMBTENAAR, world["gemeente"])
    first = services.enter_paper(world["official"], begroting, "P1", _choices(begroting, 1))
    assert first.stem is None and not Stem.objects.exists()
    with pytest.raises(services.PaperMismatch):
        services.enter_paper(world["official"], begroting, "P1", _choices(begroting, 1))
    with pytest.raises(services.PaperMismatch):
        services.enter_paper(other, begroting, "P1", _choices(begroting, 2))
    entry = services.enter_paper(other, begroting, "P1", _choices(begroting, 1))
    assert entry.stem.channel == Channel.PAPER
    n = services.import_paper_csv(world["official"], begroting, "sheet;projects\nC1;1,2\nC2;3\n")
    assert n == 2 and Stem.objects.count() == 3
    with pytest.raises(services.BallotRefused, match="Regel 1"):
        services.import_paper_csv(world["official"], begroting, "C3;1,2,3\n")


# ---- the count -------------------------------------------------------------------------------


def _count(world, begroting):
    services.close_voting(world["official"], begroting)
    services.count_begroting(begroting)
    begroting.refresh_from_db()
    return begroting


def test_the_count_explains_every_project_and_recounts_alike(world):
    begroting = _open(world)
    for numbers in [(1, 2)] * 6 + [(3,)] * 5 + [(1,)] * 2:
        services.submit_ballot(
            make_voter(world["gemeente"]), begroting, _choices(begroting, *numbers)
        )
    begroting = _count(world, begroting)
    assert begroting.status == Status.COUNTED
    uitslag = Uitslag.objects.get()
    by_number = {v.number: v.pk for v in begroting.voorstellen.all()}
    assert by_number[1] in uitslag.selected
    assert uitslag.ballots == 13
    loser = next(pk for pk in by_number.values() if pk not in uitslag.selected)
    assert "niet gekozen" in uitslag.reasons[str(loser)]["nl"]
    assert "gekozen" in uitslag.reasons[str(uitslag.selected[0])]["nl"]
    assert services.recount(begroting) == {uitslag.deel_id: uitslag.selected}
    # The .pb file: the rule in META, selected column, anonymous voter ids; recounted alike.
    assert "rule;mes_cost_add1" in uitslag.pb and ";selected" in uitslag.pb
    public_ids = set(Stem.objects.values_list("public_id", flat=True))
    votes = uitslag.pb.split("VOTES\n")[1].splitlines()[1:]
    assert {line.split(";")[0] for line in votes} == public_ids and "user:" not in uitslag.pb
    published = begroting.frozen["projects"]
    assert sorted(services.recount_pb(uitslag.pb)) == sorted(
        published[str(pk)]["id"] for pk in uitslag.selected
    )
    # Every receipt can now say its ballot was counted as cast.
    assert Stem.objects.filter(counted_version=1).count() == 13


def test_participation_hides_groups_under_ten(world):
    begroting = _open(world)
    for i in range(12):
        services.submit_ballot(
            make_voter(world["gemeente"]),
            begroting,
            _choices(begroting, 1),
            age_band="25-44" if i < 11 else "65+",
        )
    figures = services.participation(begroting, {}, {})
    ages = {row["key"]: row["count"] for row in figures["ages"]}
    assert ages["25-44"] == 11 and ages["65+"] is None


def test_the_report_adds_up_the_councils_decisions(world):
    begroting = make_begroting(
        world["traject"], user=world["official"], projects=(10_000, 20_000, 30_000), kind="savings"
    )
    v1, v2, v3 = begroting.voorstellen.all()
    today = timezone.localdate()
    services.decide(world["official"], v1, {"decision": Decision.ADOPTED, "decision_date": today})
    services.decide(
        world["official"],
        v2,
        {"decision": Decision.AMENDED, "decision_date": today, "decision_amount": 15_000},
    )
    services.decide(world["official"], v3, {"decision": Decision.REJECTED, "decision_date": today})
    totals = services.report_totals(begroting)
    assert totals["adopted"] == 2 and totals["adopted_share"] == 67 and totals["saved"] == 25_000
    assert begroting.voorstellen.first().status == VoorstelStatus.ACCEPTED


def test_the_count_runs_as_long_work_from_the_organisers_page(
    world, client, django_capture_on_commit_callbacks
):
    from samenspel.core.models import LongWork

    begroting = _open(world)
    for _ in range(3):
        services.submit_ballot(make_voter(world["gemeente"]), begroting, _choices(begroting, 1))
    client.force_login(world["official"])
    slug = world["gemeente"].slug
    count_url = reverse("budgeting:count", args=[slug, begroting.pk])
    assert client.post(count_url).status_code == 302  # voting still open: refused, told why
    assert not LongWork.objects.exists()
    services.close_voting(world["official"], begroting)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(count_url)
    work = LongWork.objects.get()
    assert response["Location"] == reverse("long_work", args=[work.pk])
    assert work.status == "done", work.error
    page = client.get(reverse("budgeting:result", args=[slug, begroting.pk])).content.decode()
    assert "Project 1" in page and "is gekozen" in page


def test_points_and_at_most_n_ballots_are_checked_and_counted(world):
    points = _open(world, ballot_type="points", points=10, rule="greedy")
    voter = make_voter(world["gemeente"])
    by_number = {v.number: v.pk for v in points.voorstellen.all()}
    with pytest.raises(services.BallotRefused, match="12 punten"):
        services.submit_ballot(voter, points, {by_number[1]: 7, by_number[2]: 5})
    services.submit_ballot(voter, points, {by_number[1]: 7, by_number[2]: 3})
    services.submit_ballot(make_voter(world["gemeente"]), points, {by_number[3]: 10})
    points = _count(world, points)
    uitslag = Uitslag.objects.get(deel__begroting=points)
    assert "vote_type;cumulative" in uitslag.pb and "rule;greedy_cardinal" in uitslag.pb
    assert uitslag.support[str(by_number[1])] == 7
    assert services.recount(points) == {uitslag.deel_id: uitslag.selected}

    at_most = _open(world, ballot_type="max_n", max_choices=1, rule="phragmen")
    first, second = at_most.voorstellen.all()[:2]
    with pytest.raises(services.BallotRefused, match="hooguit 1"):
        services.submit_ballot(make_voter(world["gemeente"]), at_most, {first.pk: 1, second.pk: 1})
