# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: invite 400 from a synthetic panel of 100,000 (a large city) in under 5 seconds.

Run with ``uv run python benchmarks/sampling_bench.py``. The panel uses Amersfoort's margins
(33 wijken, five attributes, so about 2,000 non-empty cells) and is skewed like real panels;
about a fifth of it is ruled out by the fatigue limit. Timed: :func:`draw_sample` (fatigue
filter, cells, the HiGHS program, the seeded draw, the report), median and worst of the runs.
A second case gives every age band its own expected response rate, which makes the program
fractional and slower. Exit code 1 when the median of the first case exceeds the budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from samenspel.engines.population import read_margins_csv
from samenspel.engines.sampling import draw_sample, skewed_panel

MARGINS = Path(__file__).parents[1] / "src/samenspel/engines/population/data/GM0307.csv"
RATES = {"15-24": 0.15, "25-44": 0.25, "45-64": 0.35, "65+": 0.5}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds")
    args = parser.parse_args()

    population = read_margins_csv(MARGINS)
    start = time.perf_counter()
    panel = skewed_panel(population, args.members, seed=2026)
    print(f"panel of {args.members:,} generated in {time.perf_counter() - start:.2f} s")
    rated = [replace(m, response_rate=RATES[m.attributes["age_band"]]) for m in panel]

    median = 0.0
    for label, members in (("equal response rates", panel), ("rates per age band", rated)):
        times = []
        for seed in range(args.runs):
            start = time.perf_counter()
            sample = draw_sample(members, population, args.size, seed=seed)
            times.append(time.perf_counter() - start)
        median = median or statistics.median(times)
        print(
            f"{label}: sample {args.size} of {args.members:,}: "
            f"median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
            f"over {args.runs} runs; {len(sample.cells):,} cells, "
            f"{len(sample.excluded_by_fatigue):,} left out by fatigue, "
            f"largest gap {100 * sample.max_gap:.2f} pp, optimal {sample.optimal}"
        )
    verdict = "within" if median <= args.budget else "OVER"
    print(f"{verdict} the {args.budget:.0f} s budget (equal response rates, median)")
    return 0 if median <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
