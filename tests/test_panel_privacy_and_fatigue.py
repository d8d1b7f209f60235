# SPDX-License-Identifier: EUPL-1.2
"""The burgerpanel across apps: after leaving, no table holds the member's personal data; the
fatigue limit holds whatever the history, counting letters of other instruments; a sample of
the demo panel matches the population."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samenspel.core.services import erase_person
from samenspel.demo.panel import synthetic_members
from samenspel.panel import services
from samenspel.panel.models import Invitation, Member, Response
from samenspel.people.models import Role
from samenspel.testing import (
    make_consultation,
    make_member,
    make_redeemed_letter,
    make_traject,
    make_user,
    make_zeist,
)


def _rows_mentioning(*needles: str) -> list[str]:
    """Every row of every table whose values (text, JSON) contain one of ``needles``."""
    found = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for values in model.objects.values_list(*fields):
            text = json.dumps(values, default=str, ensure_ascii=False)
            if any(n in text for n in needles):
                found.append(f"{model._meta.label}: {text[:200]}")
    return found


def _rows_pointing_to(user) -> list[str]:
    """Rows of the panel's tables that refer to the person or their membership."""
    found = []
    for model in apps.get_app_config("panel").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is type(user):
                found += [
                    f"{model._meta.label}.{field.name}"
                    for _pk in model.objects.filter(**{field.name: user}).values_list("pk")
                ]
    return found


@pytest.mark.django_db
def test_after_leaving_no_table_holds_the_members_panel_data(django_capture_on_commit_callbacks):
    zeist = make_zeist()
    official = make_user(Role.AMBTENAAR, zeist)
    traject = make_traject(zeist, user=official)
    consultation = make_consultation(traject, user=official, questions=("single", "open"))
    user = make_user(email="lid.panel@example.org")
    member = make_member(zeist, user=user, age_band="65+", household="eenpersoons")
    invitation = Invitation.objects.create(
        consultation=consultation, member=member, invited=timezone.now()
    )
    first, second = consultation.questions.all()
    services.save_answers(
        invitation, {str(first.pk): "Ja", str(second.pk): "Een bankje."}, submit=True
    )
    member_label = f"panel.Member:{member.pk}"
    services.leave(member)

    # Leaving: the panel holds nothing that points to the person; the answers stay unlinked.
    assert _rows_pointing_to(user) == []
    assert not Member.objects.exists()
    response = Response.objects.get()
    assert response.invitation.member_id is None and response.answers[str(second.pk)]
    assert services.export_member(user) == []
    assert member_label not in json.dumps(services.export_member(user))

    # Erasing the account too: no table, the audit log included, holds the address or name.
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user)
    assert _rows_mentioning("lid.panel@example.org", user.name) == []
    assert Response.objects.get().answers[str(first.pk)] == "Ja"


@pytest.mark.django_db
def test_a_sample_of_400_of_the_demo_panel_is_within_3_points():
    zeist = make_zeist()
    official = make_user(Role.AMBTENAAR, zeist)
    synthetic_members(zeist)
    consultation = make_consultation(make_traject(zeist, user=official), user=official)
    proposal = services.compute_proposal(
        consultation, "sample", 400, list(services.ATTRIBUTES), seed=20261127
    )
    assert len(proposal["selected"]) == 400
    panel_gap = max(
        abs(v["panel"] - v["population"])
        for block in proposal["composition"]
        for v in block["values"]
    )
    assert panel_gap > 0.05  # the demo panel is skewed…
    assert proposal["max_gap"] <= 0.03  # …and the sample is not


class FatigueLimitProperty(TestCase):
    """Over random histories (invitations of the panel and letters of other instruments), no
    member is ever invited beyond the limit."""

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        histories=st.lists(
            st.tuples(
                st.lists(st.integers(min_value=0, max_value=500), max_size=5),
                st.lists(st.integers(min_value=0, max_value=500), max_size=3),
            ),
            min_size=1,
            max_size=8,
        ),
        max_per_year=st.integers(min_value=1, max_value=4),
        min_days=st.integers(min_value=0, max_value=60),
    )
    def test_nobody_is_invited_beyond_the_limit(self, histories, max_per_year, min_days):
        zeist = make_zeist()
        panel = services.panel_of(zeist)
        panel.max_per_year, panel.min_days = max_per_year, min_days
        panel.save()
        official = make_user(Role.AMBTENAAR, zeist)
        traject = make_traject(zeist, user=official)
        other = make_consultation(traject, user=official)  # stands for any other instrument
        now = timezone.now()
        today = timezone.localdate(now)
        members = []
        for panel_days, letter_days in histories:
            member = make_member(zeist)
            for days in panel_days:
                Invitation.objects.create(
                    consultation=make_consultation(traject, user=official),
                    member=member,
                    invited=now - timedelta(days=days),
                )
            for days in letter_days:
                make_redeemed_letter(member.user, other.use, today - timedelta(days=days))
            members.append((member, [*panel_days, *letter_days]))
        consultation = make_consultation(traject, user=official)
        consultation.proposal = services.compute_proposal(
            consultation, "all", 1, ["gender"], seed=1, now=now
        )
        consultation.save(update_fields=["proposal"])
        services.send(official, consultation, now=now)
        invited = set(consultation.invitations.values_list("member_id", flat=True))
        for member, days in members:
            past = [d for d in days if d < 365]
            allowed = len(past) < max_per_year and all(d >= min_days for d in past)
            assert (member.pk in invited) == allowed, (days, max_per_year, min_days)
