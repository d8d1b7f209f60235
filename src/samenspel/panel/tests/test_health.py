# SPDX-License-Identifier: EUPL-1.2
"""The panel's health page: composition against the population, gaps, invitations per member,
joined and lost, and a recruitment proposal per wijk."""

import pytest
from django.urls import reverse

from samenspel.demo.panel import synthetic_members
from samenspel.panel import services
from samenspel.panel.models import Member
from samenspel.people.models import Role
from samenspel.testing import make_user, make_zeist

pytestmark = pytest.mark.django_db


def test_health_names_the_largest_gaps_and_proposes_letters(client, no_staff_mfa):
    zeist = make_zeist()
    synthetic_members(zeist, count=300)
    services.leave(Member.objects.first())
    report = services.health(zeist)
    assert report["size"] == 299 and report["left"] == 1
    largest = report["largest_gaps"][0]
    assert abs(largest["gap"]) == max(
        abs(r["gap"])
        for block in report["composition"]
        for r in block["rows"]
        if r["gap"] is not None
    )
    under = [r for r in report["composition"][2]["rows"] if r["gap"] is not None and r["gap"] < 0]
    assert report["recruitment"] and len(report["recruitment"]) <= 3
    first = report["recruitment"][0]
    assert first["letters"] == -(-first["members"] * 100 // 8) and under
    assert sum(row["members"] for row in report["invitations"]) == 299
    official = make_user(Role.AMBTENAAR, zeist)
    client.force_login(official)
    page = client.get(reverse("panel:health", args=[zeist.slug])).content.decode()
    assert "Grootste verschillen met alle inwoners" in page and first["wijk"] in page
