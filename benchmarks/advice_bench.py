# SPDX-License-Identifier: EUPL-1.2
"""Time one advice on the default kader, counterfactual and unknowns included.

Run: uv run python benchmarks/advice_bench.py
The target is well under 50 ms, so the questionnaire can re-advise live as answers change.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from samenspel.engines.advice import advise, load_default_kader

CASES = Path(__file__).parents[1] / "src/samenspel/engines/advice/tests/cases"
ROUNDS = 20


def main() -> None:
    started = time.perf_counter()
    kader = load_default_kader()
    load_ms = (time.perf_counter() - started) * 1000
    cases = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(CASES.glob("*.yaml"))]
    cases.append({"name": "(geen antwoorden)", "answers": {}})
    print(f"kader {kader.version_id}: {len(kader.questions)} vragen, {len(kader.rules)} regels")
    print(f"kader laden en controleren: {load_ms:.1f} ms (eenmalig)")
    timings: list[float] = []
    for case in cases:
        advise(kader, case["answers"])  # warm up
        runs = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            advise(kader, case["answers"])
            runs.append((time.perf_counter() - started) * 1000)
        timings += runs
        print(f"  {case['name']:<40} mediaan {statistics.median(runs):6.2f} ms")
    worst = max(timings)
    print(
        f"advies met tegenfeitelijk en onbekenden: mediaan {statistics.median(timings):.2f} ms, "
        f"slechtste {worst:.2f} ms (doel: ruim onder 50 ms)"
    )


if __name__ == "__main__":
    main()
