# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the burgerraad's draw as the web page starts it, target under 60 s.

Run with ``uv run python benchmarks/burgerraad_bench.py`` (defaults: a pool of 2,000 synthetic
answers over Amersfoort's CBS population, skewed as real answers are, 30 seats, the four
features age band, gender, wijk and education, 100 panels). It makes a throw-away test database
(``DJANGO_SETTINGS_MODULE`` defaults to the test settings, whose task backend runs the long work
at once), freezes the pool with ``assemblies.services.start_preparation`` (the button on the
pool page) and reports the wall-clock time of the whole preparation (reading the pool, LEXIMIN,
the rounding to M panels, publishing the list), then the time of the draw itself
(``draw_panel``, the public number entered). Exit code 1 when the preparation exceeds 60 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="answers in the pool")
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--panels", type=int, default=100, help="M, panels published")
    parser.add_argument(
        "--features", default="age_band,gender,area,education", help="comma-separated"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.conf.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0)
    try:
        return _run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _run(args: argparse.Namespace) -> int:
    from samenspel.assemblies import services
    from samenspel.people.models import Role
    from samenspel.testing import make_burgerraad, make_gemeente, make_pool, make_traject, make_user

    gemeente = make_gemeente("Amersfoort")
    official = make_user(Role.AMBTENAAR, gemeente)
    burgerraad = make_burgerraad(
        make_traject(gemeente, user=official),
        user=official,
        seats=args.seats,
        features=args.features.split(","),
    )
    burgerraad.panels = args.panels
    burgerraad.save(update_fields=["panels"])
    make_pool(burgerraad, args.size, seed=2026)
    print(
        f"pool {args.size}, {args.seats} seats, features {args.features}, {args.panels} panels",
        flush=True,
    )
    started = time.perf_counter()
    work = services.start_preparation(official, burgerraad)
    prepared = time.perf_counter() - started
    work.refresh_from_db()
    draw = services.Draw.objects.get(burgerraad=burgerraad)
    print(f"preparation (LEXIMIN, rounding, publication): {prepared:.1f} s ({work.status})")
    started = time.perf_counter()
    services.draw_panel(official, draw, number=1)
    print(f"draw with the public number: {(time.perf_counter() - started) * 1000:.0f} ms")
    print(
        f"minimum probability {min(draw.probabilities):.4f}, spread "
        f"{max(draw.probabilities) - min(draw.probabilities):.4f}"
    )
    return 1 if prepared > 60 else 0


if __name__ == "__main__":
    sys.exit(main())
