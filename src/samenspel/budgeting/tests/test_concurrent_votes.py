# SPDX-License-Identifier: EUPL-1.2
"""Ballots that arrive at the same moment, with real threads, each on its own database
connection: on PostgreSQL (the second run of bin/test) and on SQLite. One voter's 50 submissions
leave one ballot, 1,000 voters leave 1,000, and a letter's code opens the vote once."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from datetime import date, timedelta
from queue import Empty, Queue

import pytest
from django.db import connections

from samenspel.budgeting import services
from samenspel.budgeting.models import Keuze, Stem
from samenspel.engines.sampling.codes import draw_codes, hash_code
from samenspel.people.models import AssuranceLevel, Role
from samenspel.people.services import assurance_level
from samenspel.reach import services as reach
from samenspel.reach.models import Batch, Code, Invitation
from samenspel.testing import make_begroting, make_gemeente, make_traject, make_user, make_voter

pytestmark = pytest.mark.django_db(transaction=True)

#: At most this many threads (and database connections) at once: PostgreSQL allows 100.
THREADS = 40


def at_once(calls: list[Callable[[], object]], threads: int = THREADS) -> list[object]:
    """Run the calls on ``threads`` threads released together, each taking the next call until
    none are left; each call's result or the exception it raised."""
    start = threading.Barrier(min(threads, len(calls)))
    todo: Queue[int] = Queue()
    for i in range(len(calls)):
        todo.put(i)
    results: list[object] = [None] * len(calls)

    def run() -> None:
        try:
            start.wait()
            while True:
                try:
                    i = todo.get_nowait()
                except Empty:
                    return
                try:
                    results[i] = calls[i]()
                except Exception as exc:  # noqa: BLE001 - the test looks at what each call gave
                    results[i] = exc
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run) for _ in range(min(threads, len(calls)))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def _open(projects=(40_000, 30_000, 50_000), **fields):
    gemeente = make_gemeente()
    official = make_user(Role.AMBTENAAR, gemeente)
    begroting = make_begroting(
        make_traject(gemeente, user=official), user=official, projects=projects, **fields
    )
    return services.open_voting(official, begroting), gemeente


def test_fifty_submissions_of_one_voter_at_once_leave_one_ballot(no_staff_mfa):
    begroting, gemeente = _open()
    voter = make_voter(gemeente)
    ids = [v.pk for v in begroting.voorstellen.order_by("number")]
    choices = [{ids[i % 3]: 1} for i in range(50)]
    results = at_once(
        [lambda c=c: services.submit_ballot(voter, begroting, c) for c in choices], threads=50
    )
    failures = [r for r in results if isinstance(r, Exception)]
    assert not failures, failures[:3]
    stem = Stem.objects.get()
    assert stem.version == 50
    # The stored ballot is exactly one of the submissions, whole: never a mix of two.
    assert Keuze.objects.filter(stem=stem).count() == 1
    codes = [code for _stem, code in results]  # type: ignore[misc]
    assert sum(services.find_receipt(begroting, code) is not None for code in codes) == 1


def test_a_thousand_voters_at_once_leave_a_thousand_ballots(no_staff_mfa):
    begroting, gemeente = _open()
    voters = [make_voter(gemeente) for _ in range(1000)]
    first = begroting.voorstellen.get(number=1).pk
    results = at_once(
        [lambda v=v: services.submit_ballot(v, begroting, {first: 1}) for v in voters]
    )
    failures = [r for r in results if isinstance(r, Exception)]
    assert not failures, failures[:3]
    assert Stem.objects.filter(begroting=begroting).count() == 1000
    assert Keuze.objects.filter(stem__begroting=begroting).count() == 1000
    assert Stem.objects.values("user").distinct().count() == 1000


def _letter_code(begroting, official) -> str:
    """One letter's code for the vote, as the reach app stores it (its hash only)."""
    use = begroting.use
    address_file = reach.upload(
        official,
        use,
        "Adressen",
        b"straat;huisnummer;postcode;woonplaats\nKerkstraat;1;3811 AB;Zeist\n",
    )
    assert not isinstance(address_file, reach.RejectedFile)
    batch = Batch.objects.create(
        address_file=address_file, use=use, gemeente=use.gemeente, size=1, seed=1
    )
    invitation = Invitation.objects.create(
        batch=batch, gemeente=use.gemeente, line=1, address_hash="a" * 64, invited_on=date.today()
    )
    (code,) = draw_codes(1, source=random.Random(7))
    Code.objects.create(
        invitation=invitation,
        use=use,
        gemeente=use.gemeente,
        digest=hash_code(code, reach.code_key()),
        expires_on=date.today() + timedelta(days=30),
    )
    return code


def test_a_voting_code_works_once_when_redeemed_at_once(no_staff_mfa):
    begroting, gemeente = _open(level="code")
    official = begroting.use.created_by
    code = _letter_code(begroting, official)
    residents = [make_voter(gemeente) for _ in range(20)]
    results = at_once(
        [lambda r=r, i=i: reach.redeem(r, f"10.0.0.{i}", code) for i, r in enumerate(residents)]
    )
    redeemed = [r for r in results if isinstance(r, reach.Redemption)]
    refused = [r for r in results if isinstance(r, reach.CodeRefused)]
    assert len(redeemed) == 1 and len(refused) == 19
    scope = f"use:{begroting.use.pk}"
    assured = [r for r in residents if assurance_level(r, gemeente, scope) == AssuranceLevel.CODE]
    assert len(assured) == 1
    # Only the one who redeemed it may cast the binding vote.
    first = begroting.voorstellen.get(number=1).pk
    services.submit_ballot(assured[0], begroting, {first: 1})
    others = [r for r in residents if r not in assured]
    with pytest.raises(services.BallotRefused):
        services.submit_ballot(others[0], begroting, {first: 1})
