# SPDX-License-Identifier: EUPL-1.2
"""Requests that arrive at the same moment, on SQLite (a database file, WAL, immediate
transactions) and on PostgreSQL: no "database is locked", no server error, nothing made twice."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from samenspel.advice.models import KaderVersie
from samenspel.core.http import new_submission_token
from samenspel.core.models import Notification
from samenspel.engines.advice import default_kader_text
from samenspel.meetings.models import Aanmelding
from samenspel.people.models import Role
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.models import Phase, PhaseChange, Traject

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls in threads released together; each one's result or the exception it
    raised. Every thread has its own database connection, closed when it is done."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = calls[i]()
        except Exception as exc:  # noqa: BLE001 - the test looks at what each call gave
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def statuses(responses: list[object]) -> list[int]:
    """The status codes; a call that raised (a server error) fails the test with its error."""
    for response in responses:
        if isinstance(response, Exception):
            raise AssertionError(f"a request failed: {response!r}") from response
    return sorted(response.status_code for response in responses)  # type: ignore[attr-defined]


def test_twenty_residents_register_at_once(no_staff_mfa):
    """On SQLite the embedded default answered "database is locked" to some of them."""
    gemeente = make_gemeente()
    bijeenkomst = make_bijeenkomst(make_traject(gemeente), capacity=15)
    url = reverse("meetings:register", args=[gemeente.slug, bijeenkomst.pk])
    clients = [logged_in(make_user(Role.INWONER, gemeente)) for _ in range(20)]
    responses = at_once([lambda client=client: client.post(url) for client in clients])
    assert statuses(responses) == [302] * 20
    # Fifteen places, and five on the waiting list in the order they came.
    assert Aanmelding.objects.filter(bijeenkomst=bijeenkomst, waiting=False).count() == 15
    assert Aanmelding.objects.filter(bijeenkomst=bijeenkomst, waiting=True).count() == 5


def test_a_double_click_that_arrives_at_once_makes_one_trajectory(no_staff_mfa):
    gemeente = make_gemeente()
    make_user(Role.RAADSLID, gemeente)
    official = make_user(Role.AMBTENAAR, gemeente)
    url = reverse("trajectories:create", args=[gemeente.slug])
    data = {
        "title": "Een nieuw traject",
        "description": "Samen met inwoners.",
        "initiator": "college",
        "domein": "fysiek",
        "submission": new_submission_token(),
    }
    clients = [logged_in(official), logged_in(official)]
    responses = at_once([lambda client=client: client.post(url, data) for client in clients])
    assert statuses(responses) == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]  # type: ignore[index]
    assert Traject.objects.count() == 1 and Notification.objects.count() == 1


def test_two_phase_changes_at_once_change_the_phase_once(no_staff_mfa):
    """The second was a server error on PostgreSQL; now it is told, next to the field."""
    gemeente = make_gemeente()
    traject = make_traject(gemeente)
    url = reverse("trajectories:phase", args=[gemeente.slug, traject.pk])
    clients = [logged_in(make_user(Role.AMBTENAAR, gemeente)) for _ in range(2)]
    data = {"to_phase": Phase.KADERSTELLING, "reason": "De raad stelt kaders."}
    responses = at_once(
        [
            lambda client=client: client.post(url, {**data, "submission": new_submission_token()})
            for client in clients
        ]
    )
    assert statuses(responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)  # type: ignore[attr-defined]
    assert 'id="id_to_phase_error"' in refused.content.decode()  # type: ignore[attr-defined]
    assert PhaseChange.objects.filter(to_phase=Phase.KADERSTELLING).count() == 1


def test_kader_saves_at_once_become_versions_one_after_another(no_staff_mfa):
    """All but one were a server error on PostgreSQL (they took the same version number)."""
    gemeente = make_gemeente()
    url = reverse("advice:kader_edit", args=[gemeente.slug])
    clients = [logged_in(make_user(Role.AMBTENAAR, gemeente)) for _ in range(6)]
    data = {"source": default_kader_text(), "note": "Eigen kader"}
    responses = at_once(
        [
            lambda client=client: client.post(url, {**data, "submission": new_submission_token()})
            for client in clients
        ]
    )
    assert statuses(responses) == [302] * 6
    numbers = KaderVersie.objects.filter(gemeente=gemeente).values_list("number", flat=True)
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]
