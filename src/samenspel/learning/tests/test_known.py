# SPDX-License-Identifier: EUPL-1.2
"""The indicators the panel and the budget record, counted by hand."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from samenspel.budgeting import services as budgeting
from samenspel.learning.known import Period, compute
from samenspel.panel.models import Invitation, Response
from samenspel.people.models import Role
from samenspel.testing import (
    make_begroting,
    make_consultation,
    make_member,
    make_traject,
    make_user,
    make_zeist,
)

pytestmark = pytest.mark.django_db

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def test_panel_response_is_the_share_of_invitations_answered_in_the_period():
    gemeente = make_zeist()
    official = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=official, phase="participatie")
    consultation = make_consultation(traject, user=official)
    in_year = timezone.make_aware(timezone.datetime(2026, 3, 1, 12))
    invitations = [
        Invitation.objects.create(
            consultation=consultation, member=make_member(gemeente), invited=in_year
        )
        for _n in range(8)
    ]
    Invitation.objects.create(  # before the period: not counted
        consultation=consultation,
        member=make_member(gemeente),
        invited=in_year - timedelta(days=365),
    )
    for invitation in invitations[:3]:
        Response.objects.create(consultation=consultation, invitation=invitation, submitted=in_year)
    Response.objects.create(consultation=consultation, invitation=invitations[3])  # not sent
    assert compute("panel_response", traject, YEAR) == Decimal("37.5")  # 3 of 8
    assert compute("panel_response", make_traject(gemeente), YEAR) is None


def test_proposals_adopted_counts_the_councils_adopting_decisions_in_the_period():
    gemeente = make_zeist()
    official = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=official, phase="participatie")
    begroting = make_begroting(traject, user=official, projects=(1_000, 2_000, 3_000, 4_000))
    decisions = [
        ("adopted", date(2026, 5, 1)),
        ("amended", date(2026, 6, 1)),
        ("rejected", date(2026, 6, 1)),
        ("adopted", date(2025, 12, 31)),  # the year before
    ]
    for voorstel, (decision, day) in zip(
        begroting.voorstellen.order_by("number"), decisions, strict=True
    ):
        budgeting.decide(official, voorstel, {"decision": decision, "decision_date": day})
    assert compute("proposals_adopted", traject, YEAR) == 2
