# SPDX-License-Identifier: EUPL-1.2
"""Pages stay fast as data grows: the same number of SQL queries with 10 and with 1,000 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.core.models import Notification
from samenspel.municipalities.models import Gebied, Gemeente
from samenspel.people.models import Membership, Role
from samenspel.testing import make_gemeente, make_provincie, make_traject, make_user
from samenspel.trajectories.models import Inbreng, TimelineEvent, Traject

pytestmark = pytest.mark.django_db


def _grow(n: int):
    provincie = make_provincie()
    gemeente = make_gemeente(provincie=provincie)
    Gemeente.objects.bulk_create(
        [
            Gemeente(
                name=f"G{i}",
                slug=f"g-{n}-{i}",
                cbs_code=f"GM{(5000 if n < 100 else 6000) + i:04d}",
                inhabitants=1000 + i,
                provincie=provincie,
            )
            for i in range(n)
        ]
    )
    gebied = Gebied.objects.create(gemeente=gemeente, kind="wijk", name="Centrum")
    traject = make_traject(gemeente)
    traject.gebieden.add(gebied)
    trajecten = Traject.objects.bulk_create(
        [
            Traject(
                gemeente=gemeente,
                title=f"T{i}",
                description="x",
                initiator="samenleving",
                domein="fysiek",
            )
            for i in range(n)
        ]
    )
    Traject.gebieden.through.objects.bulk_create(
        [Traject.gebieden.through(traject_id=t.pk, gebied_id=gebied.pk) for t in trajecten]
    )
    author = make_user(Role.INWONER, gemeente)
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(traject=traject, gemeente=gemeente, kind="x", message=f"e{i}")
            for i in range(n)
        ]
    )
    Inbreng.objects.bulk_create(
        [
            Inbreng(traject=t, gemeente=gemeente, author=author, text=f"idee {i}")
            for i, t in enumerate([traject] * n + trajecten)
        ]
    )
    return gemeente, traject


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["home", "gemeente", "detail", "feedback", "brief"])
def test_queries_do_not_grow_with_rows(page, client):
    counts = []
    for n in (10, 1000):
        gemeente, traject = _grow(n)
        url = {
            "home": reverse("trajectories:home"),
            "gemeente": reverse("trajectories:gemeente", args=[gemeente.slug]),
            "detail": traject.get_absolute_url(),
            "feedback": reverse("trajectories:feedback", args=[gemeente.slug, traject.pk]),
            "brief": reverse("trajectories:raadsinformatiebrief", args=[gemeente.slug, traject.pk]),
        }[page]
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts


def test_home_queries_do_not_grow_with_rows(client, no_staff_mfa):
    """/mijn/ of a person holding every role, with 10 and with 1,000 of everything it lists."""
    counts = []
    for n in (10, 1000):
        gemeente, _traject = _grow(n)
        user = make_user(Role.PROVINCIE, provincie=gemeente.provincie)
        Membership.objects.bulk_create(
            [
                Membership(user=user, role=role, gemeente=gemeente)
                for role in (
                    Role.INWONER,
                    Role.RAADSLID,
                    Role.GRIFFIER,
                    Role.AMBTENAAR,
                    Role.COLLEGELID,
                )
            ]
        )
        Traject.objects.filter(gemeente=gemeente).update(created_by=user)
        Inbreng.objects.filter(gemeente=gemeente).update(author=user)
        Notification.objects.bulk_create(
            [Notification(recipient=user, gemeente=gemeente, subject=f"s{i}") for i in range(n)]
        )
        client.force_login(user)
        counts.append(_count(client, reverse("home:mijn")))
    assert counts[0] == counts[1], counts
