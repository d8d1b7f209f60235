# SPDX-License-Identifier: EUPL-1.2
"""A rush on the ballot: 1,000 residents open the ballot page and vote within one minute,
against gunicorn with the production settings on PostgreSQL; then 100,000 stored approval
ballots counted with equal shares (add1) from the database.

    uv run python benchmarks/voting_rush.py --pg-port 5432 [--voters 1000] [--ballots 100000]

It needs a PostgreSQL server it may create a database on (``--pg-host``, ``--pg-port``,
``--pg-user``; trust or a password in ``PGPASSWORD``); the database ``samenspel_rush`` is made
afresh. The voters are logged in by sessions made beforehand (logging in is not what is timed).
Targets (issue 16): p95 under 300 ms, no errors, no ballot lost or doubled; the count under 60 s.
The last line is ``voters N; ballots stored N; duplicates N; errors N; p50 X ms; p95 Y ms``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
HOST = "rush.samenspel.example"
DATABASE = "samenspel_rush"
PROXIED = {"X-Forwarded-Proto": "https", "Host": HOST, "Accept-Language": "nl"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')


# ---- inside Django (run as a child process with the production settings) --------------------


def _setup(voters: int, ballots: int) -> dict:
    """The municipality, an open vote with six projects, the voters with a session each, and a
    second, closed vote with ``ballots`` stored approval ballots to count."""
    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from samenspel.budgeting import services
    from samenspel.municipalities.services import Gemeente, Provincie
    from samenspel.people.models import Membership, Role, User
    from samenspel.people.services import declare_residence
    from samenspel.trajectories.services import create_traject

    provincie = Provincie.objects.create(name="Utrecht", slug="utrecht")
    gemeente = Gemeente.objects.create(
        name="Zeist", slug="zeist", cbs_code="GM0355", inhabitants=66_641, provincie=provincie
    )
    official = User.objects.create_user("ambtenaar@rush.example", None, name="Ambtenaar")
    Membership.objects.create(user=official, role=Role.AMBTENAAR, gemeente=gemeente)
    traject = create_traject(
        official,
        gemeente,
        {
            "title": "Wijkbudget",
            "description": "Stem mee.",
            "initiator": "college",
            "domein": "fysiek",
            "dossiers": "",
            "is_public": True,
        },
    )

    def vote(title: str, total: int, costs: list[int]):
        begroting = services.create_begroting(
            official,
            traject,
            "participatie",
            title,
            {"kind": "spending", "total": total, "closes_at": timezone.now() + timedelta(1)},
        )
        services.open_proposals(official, begroting)
        deel = begroting.delen.get()
        for n, cost in enumerate(costs, start=1):
            voorstel = services.submit_voorstel(
                None,
                begroting,
                {"title": f"Plan {n}", "description": "Plan.", "deel": deel, "estimate": cost},
            )
            services.review(official, voorstel, "accepted", "Haalbaar.", cost)
        return services.open_voting(official, begroting)

    rush = vote("Wijkbudget 2027", 100_000, [18_000, 6_000, 12_000, 15_000, 22_000, 9_000, 40_000])
    cookies = []
    for i in range(voters):
        user = User.objects.create_user(f"inwoner{i}@rush.example", None, name=f"Inwoner {i}")
        declare_residence(user, gemeente)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)

    source = random.Random(2026)
    costs = [source.randrange(20_000, 200_000, 1_000) for _ in range(40)]
    counted = vote("Stadsbudget (100.000 stemmen)", 1_000_000, costs)
    ids = list(counted.voorstellen.order_by("number").values_list("pk", flat=True))
    stored = []
    for n in range(ballots):
        picked = source.sample(range(len(ids)), source.randint(1, 6))
        chosen, spent = {}, 0
        for i in picked:
            if spent + costs[i] <= 1_000_000:
                chosen[ids[i]] = 1
                spent += costs[i]
        stored.append((f"rush-{n}", chosen))
        if len(stored) == 10_000:
            services.import_ballots(counted, stored)
            stored = []
    if stored:
        services.import_ballots(counted, stored)
    services.close_voting(official, counted)
    return {
        "vote": f"/gemeenten/zeist/begrotingen/{rush.pk}/stemmen/",
        "projects": {str(v.pk): v.amount for v in rush.voorstellen.all()},
        "budget": rush.total,
        "counted": counted.pk,
        "sessions": cookies,
        "rush": rush.pk,
    }


def _count(begroting_id: int) -> dict:
    from samenspel.budgeting.models import Begroting, Stem
    from samenspel.budgeting.services import count_begroting

    begroting = Begroting.objects.get(pk=begroting_id)
    started = time.perf_counter()
    count_begroting(begroting)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "ballots": Stem.objects.filter(begroting=begroting).count()}


def _check(begroting_id: int) -> dict:
    from django.db.models import Count

    from samenspel.budgeting.models import Stem

    stems = Stem.objects.filter(begroting_id=begroting_id)
    doubled = stems.values("user").annotate(n=Count("id")).filter(n__gt=1).count()
    return {
        "stored": stems.count(),
        "voters": stems.values("user").distinct().count(),
        "duplicates": doubled,
    }


def child(phase: str, argument: int, extra: int) -> None:
    import django

    django.setup()
    result = {
        "setup": lambda: _setup(argument, extra),
        "count": lambda: _count(argument),
        "check": lambda: _check(argument),
    }[phase]()
    print("RESULT " + json.dumps(result))


# ---- outside: the server, the voters, the figures -----------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(args, static_root: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SAMENSPEL_", "POSTGRES_", "SQLITE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="samenspel.conf.production",
        DJANGO_SECRET_KEY="benchmark-only-secret-" + "0123456789abcdef" * 3,
        DJANGO_ALLOWED_HOSTS=HOST,
        SAMENSPEL_ENCRYPTION_KEY="c2FtZW5zcGVsLXByb2R1Y3Rpb24tdGVzdC1rZXkhISE=",
        SAMENSPEL_STATIC_ROOT=static_root,
        SAMENSPEL_LOG_LEVEL="WARNING",
        POSTGRES_DB=DATABASE,
        POSTGRES_USER=args.pg_user,
        POSTGRES_HOST=args.pg_host,
        POSTGRES_PORT=str(args.pg_port),
    )
    return env


def run_child(env, phase: str, argument: int, extra: int = 0) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", phase, str(argument), str(extra)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if done.returncode or line is None:
        sys.exit(f"{phase} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return json.loads(line.removeprefix("RESULT "))


def manage(env, *command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command, "-v", "0"], env=env, cwd=ROOT, check=True
    )


class Voter:
    """One resident's browser: cookies, the ballot page, the vote."""

    def __init__(self, port: int, session: str) -> None:
        self.port = port
        self.cookies = {"sessionid": session}

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        headers = {**PROXIED, **(headers or {})}
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content.decode(), elapsed


def vote(port: int, session: str, url: str, choices: list[str], at: float, times, errors):
    time.sleep(max(0.0, at - time.monotonic()))
    voter = Voter(port, session)
    try:
        status, _headers, page, elapsed = voter.request("GET", url)
        times.append(elapsed)
        if status != 200:
            errors.append(f"GET {status}")
            return
        form = {
            "csrfmiddlewaretoken": CSRF.search(page).group(1),  # type: ignore[union-attr]
            "submission": SUBMISSION.search(page).group(1),  # type: ignore[union-attr]
            "cast": "1",
            "age_band": "25-44",
            "old_enough": "on",
            **{f"p{pk}": "on" for pk in choices},
        }
        status, headers, _page, elapsed = voter.request(
            "POST",
            url,
            urlencode(form),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{url}",
            },
        )
        times.append(elapsed)
        if status != 302 or not headers["Location"].endswith(url):
            errors.append(f"POST {status}")
    except Exception as exc:  # noqa: BLE001 - counted as an error of the rush
        errors.append(repr(exc))


def within_budget(projects: dict[str, int], budget: int, source: random.Random) -> list[str]:
    chosen, spent = [], 0
    for pk in source.sample(list(projects), len(projects)):
        if spent + projects[pk] <= budget and source.random() < 0.6:
            chosen.append(pk)
            spent += projects[pk]
    return chosen or [min(projects, key=projects.get)]  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("PGPORT", 5432)))
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=50.0, help="arrivals spread over")
    parser.add_argument("--clients", type=int, default=100, help="connections at once, at most")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), int(args.child[2]))
        return

    psql = ["psql", "-h", args.pg_host, "-p", str(args.pg_port), "-U", args.pg_user, "-qd"]
    subprocess.run([*psql, "postgres", "-c", f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
    subprocess.run([*psql, "postgres", "-c", f"CREATE DATABASE {DATABASE}"], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(args, str(Path(tmp) / "static"))
        manage(env, "migrate")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--noinput")
        print(f"setting up {args.voters} voters and {args.ballots:,} stored ballots…", flush=True)
        world = run_child(env, "setup", args.voters, args.ballots)

        port = free_port()
        log = (Path(tmp) / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:samenspel.conf.gunicorn"]
            + ["samenspel.wsgi", "--bind", f"127.0.0.1:{port}"],
            env={**env, "DJANGO_SETTINGS_MODULE": "samenspel.conf.production"},
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    # Up; it says 503 while no task worker runs, which the rush does not need.
                    if Voter(port, "").request("GET", "/gezondheid/")[0] in (200, 503):
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    log.flush()
                    tail = (Path(tmp) / "gunicorn.log").read_text()[-3000:]
                    sys.exit(f"gunicorn did not answer:\n{tail}")
                time.sleep(0.5)
            source = random.Random(1)
            times: list[float] = []
            errors: list[str] = []
            start = time.monotonic() + 1
            arrivals = sorted(source.uniform(0, args.seconds) for _ in world["sessions"])
            began = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                for session, at in zip(world["sessions"], arrivals, strict=True):
                    choices = within_budget(world["projects"], world["budget"], source)
                    pool.submit(
                        vote, port, session, world["vote"], choices, start + at, times, errors
                    )
            wall = time.monotonic() - began
        finally:
            server.terminate()
            server.wait(30)
            log.close()
        checked = run_child(env, "check", world["rush"])
        counted = run_child(env, "count", world["counted"])
        load = os.getloadavg()
        cut = statistics.quantiles([t * 1000 for t in times], n=100)
        print(f"rush took {wall:.1f} s (arrivals over {args.seconds:.0f} s); load {load[0]:.2f}")
        if errors:
            print("first errors:", "; ".join(errors[:5]))
        print(
            f"count {counted['ballots']:,} stored approval ballots (mes_cost_add1, from the "
            f"database): {counted['seconds']:.1f} s"
        )
        print(
            f"voters {len(world['sessions'])}; ballots stored {checked['stored']}; "
            f"duplicates {checked['duplicates']}; errors {len(errors)}; "
            f"p50 {statistics.median(times) * 1000:.0f} ms; p95 {cut[94]:.0f} ms"
        )


if __name__ == "__main__":
    main()
