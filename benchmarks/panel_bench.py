# SPDX-License-Identifier: EUPL-1.2
"""Benchmark the burgerpanel through the platform (database, views, tasks).

Run with ``uv run python benchmarks/panel_bench.py``. It builds a throw-away SQLite test
database with the test settings (tasks run at once, e-mail stays in memory), then times:

1. **Proposing 400 of a 20,000-member panel from the web page** (target under 5 s): a POST of
   the proposal form as the consultation's organiser, which runs the proposal task (fatigue
   histories of every member, including letters of other instruments, then the sample matching
   the CBS margins on five attributes) and redirects to its progress page; timed until the
   proposal is stored.
2. **Weighting 5,000 responses** (target under 1 s): raking to five attributes with trimmed
   weights and the effective sample size, as the results use it.
3. **The results page of a consultation with 5,000 responses** (target under 300 ms): a GET of
   the page as its organiser, every question kind, charts and tables rendered; once computed
   (the shared cache cleared before each run) and once as the cache keeps it until an answer,
   a tag or an invitation changes.

Each is run ``--runs`` times; the median and the worst are printed with the CPU time, and the
exit code is 1 when a median misses its target. The panel is the sampling engine's skewed
synthetic panel over Zeist's margins (Bron: CBS), with random invitation histories.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.conf.test")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

KINDS = ("single", "multiple", "scale5", "scale10", "ranking", "open", "matrix", "budget")


def timed(label: str, runs: int, work: Callable[[], object], target: float) -> bool:
    walls, cpus = [], []
    for _run in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    median = statistics.median(walls)
    print(
        f"{label}: median {median * 1000:.0f} ms (CPU {statistics.median(cpus) * 1000:.0f} ms), "
        f"worst {max(walls) * 1000:.0f} ms over {runs} runs; target {target * 1000:.0f} ms"
    )
    return median <= target


def build(members: int, responses: int):
    from samenspel.demo.panel import plausible_answer, synthetic_members
    from samenspel.panel import services
    from samenspel.panel.models import Invitation, Member, Response
    from samenspel.people.models import Role
    from samenspel.testing import make_consultation, make_traject, make_user, make_zeist

    zeist = make_zeist()
    official = make_user(Role.AMBTENAAR, zeist)
    traject = make_traject(zeist, user=official)
    started = time.perf_counter()
    synthetic_members(zeist, count=members)
    rng = np.random.default_rng(2026)
    ids = list(Member.objects.filter(gemeente=zeist).values_list("pk", flat=True))
    now = timezone.now()
    history = []
    for days in (330, 240, 150, 60, 20):  # earlier consultations, each to a quarter of the panel
        earlier = make_consultation(traject, user=official)
        chosen = rng.choice(ids, size=len(ids) // 4, replace=False)
        history += [
            Invitation(consultation=earlier, member_id=int(pk), invited=now - timedelta(days))
            for pk in chosen
        ]
    Invitation.objects.bulk_create(history, batch_size=5000)
    consultation = make_consultation(traject, user=official)
    answered = make_consultation(traject, user=official, questions=KINDS)
    questions = list(answered.questions.all())
    profiles = list(Member.objects.filter(gemeente=zeist).values_list("attributes", flat=True))
    Response.objects.bulk_create(
        [
            Response(
                consultation=answered,
                attributes=profile,
                answers={
                    str(q.pk): plausible_answer(q.kind, services.options_of(q), profile, rng)
                    for q in questions
                },
                submitted=now - timedelta(days=int(rng.integers(0, 14))),
            )
            for profile in profiles[:responses]
        ],
        batch_size=2000,
    )
    print(
        f"built {members} members, {len(history)} earlier invitations and {responses} "
        f"responses in {time.perf_counter() - started:.1f} s"
    )
    return zeist, official, consultation, answered


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--responses", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile the results page")
    args = parser.parse_args()

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(SAMENSPEL_REQUIRE_STAFF_MFA=False, ALLOWED_HOSTS=["*"]):
            return run(args)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def run(args) -> int:
    from samenspel.engines.weighting import TrimBounds, rake
    from samenspel.panel import services

    zeist, official, consultation, answered = build(args.members, args.responses)
    # As in a web worker: what building the data left in memory is not the page's garbage.
    gc.collect()
    gc.freeze()
    client = Client()
    client.force_login(official)
    propose = reverse("panel:propose", args=[zeist.slug, consultation.pk])
    form = {
        "mode": "sample",
        "size": args.size,
        "attributes": list(services.ATTRIBUTES),
    }

    def proposal() -> None:
        response = client.post(propose, form)
        assert response.status_code == 302, response.status_code
        consultation.refresh_from_db()
        assert len(consultation.proposal["selected"]) == args.size, consultation.proposal

    ok = timed(f"propose {args.size} of {args.members} from the web page", args.runs, proposal, 5.0)
    print(
        f"  left out by the fatigue limit: {consultation.proposal['excluded']}, "
        f"largest gap {100 * consultation.proposal['max_gap']:.2f} points"
    )

    rows = list(answered.responses.values_list("attributes", flat=True))
    margins = services.population(zeist)

    def weighting() -> None:
        result = rake(rows, margins, bounds=TrimBounds(*services.TRIM))
        assert result.effective_sample_size > 0

    ok &= timed(f"weight {len(rows)} responses", args.runs, weighting, 1.0)

    page = reverse("panel:results", args=[zeist.slug, answered.pk])
    client.get(page)  # templates compiled, caches warm

    def results() -> None:
        response = client.get(page)
        assert response.status_code == 200 and b"<svg" in response.content

    def computed() -> None:
        cache.clear()
        results()

    ok &= timed(f"results page with {len(rows)} responses, computed", args.runs, computed, 0.3)
    ok &= timed(f"results page with {len(rows)} responses, from the cache", args.runs, results, 0.3)
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(results)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    print(f"load: {os.getloadavg()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
