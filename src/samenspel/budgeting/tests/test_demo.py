# SPDX-License-Identifier: EUPL-1.2
"""The demo's budgets: the Amsterdam count downloaded from the public page recounts alike, the
bezuinigingsdialoog's report adds up, and the open vote takes a demo resident's ballot."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspel.budgeting import services
from samenspel.budgeting.models import Begroting, Uitslag
from samenspel.demo.budgeting import AMSTERDAM_PB
from samenspel.engines.budgeting import count, parse_pb
from samenspel.people.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_the_demos_pb_file_from_the_public_page_recounts_to_the_published_winners(demo, client):
    begroting = Begroting.objects.get(use__title__startswith="Buurtbudget Rijnbuurt West")
    slug = begroting.gemeente.slug
    page = client.get(reverse("budgeting:result", args=[slug, begroting.pk])).content.decode()
    link = reverse("budgeting:pb", args=[slug, begroting.pk])
    assert link in page
    uitslag = Uitslag.objects.get(deel__begroting=begroting)
    response = client.get(f"{link}?deel={uitslag.deel_id}")
    assert response.status_code == 200
    election = parse_pb(response.content.decode())
    assert election.meta_value("rule") == "mes_cost_add1"
    outcome = count(election, election.meta_value("rule"))
    marked = {p.id for p in election.projects if p.column("selected") == "1"}
    assert set(outcome.selected) == marked
    published = {begroting.frozen["projects"][str(pk)]["id"] for pk in uitslag.selected}
    assert set(outcome.selected) == published
    # The same projects as the reference library chose from the original file, by name.
    expected = json.loads(
        (AMSTERDAM_PB.parent / "expected" / f"{AMSTERDAM_PB.stem}.json").read_text()
    )["rules"]["mes_cost_add1"]["selected"]
    original = parse_pb(AMSTERDAM_PB.read_text(encoding="utf-8"))
    names = {original.project(pid).column("name")[:120] for pid in expected}
    assert {p.column("name") for p in election.projects if p.id in marked} == names
    assert services.recount(begroting) == {uitslag.deel_id: uitslag.selected}
    assert election.meta_value("num_votes") == "212"


def test_the_bezuinigingsdialoog_report_and_the_open_vote(demo, client):
    dialoog = Begroting.objects.get(kind="savings")
    totals = services.report_totals(dialoog)
    assert totals["proposals"] == 10 and totals["adopted"] == 8 and totals["rejected"] == 1
    assert dialoog.posten.get(protected=True).name == "Minimabeleid"
    report = client.get(reverse("budgeting:report", args=[dialoog.gemeente.slug, dialoog.pk]))
    assert "Minimabeleid" in report.content.decode()

    vote = Begroting.objects.get(status="voting")
    resident = User.objects.get(email="inwoner@zeist.demo")
    first = vote.voorstellen.get(number=1)
    stem, code = services.submit_ballot(resident, vote, {first.pk: 1}, age_band="25-44")
    assert services.find_receipt(vote, code) == stem
