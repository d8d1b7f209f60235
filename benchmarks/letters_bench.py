# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: draw 1,000 letters from 100,000 addresses, stratified by wijk, in under 2 seconds.

Run with ``uv run python benchmarks/letters_bench.py``. The address file is synthetic: 100,000
addresses spread over Amersfoort's 31 wijken in proportion to their CBS populations
(:func:`synthetic_address_file`). Timed separately, median and worst over the runs (one seed
each): reading the CSV (:func:`read_address_file`), the sample (:func:`draw_letters`) with the
allocation proportional to the population and to the file, the same with 5,000 addresses
opted out and 5,000 invited recently, and drawing and hashing 1,000 personal codes. Wall-clock
and CPU time are both shown: on a shared machine the CPU time is the steadier figure. Exit
code 1 when the median wall-clock time of the first sample case exceeds the budget.

``--letters N`` (default 10,000; 0 leaves it out) then renders N letters as one PDF the way the
letters task does (``reach.services.letters_pdf``: the letter laid out once, each letter's
address, code and QR code stamped on it a chunk at a time in two worker processes, joined with
pypdf), with addresses from the file and fresh codes, and reports wall-clock time, the CPU time
of the process and of its workers, the peak memory of the process, of the largest worker and
their sum (the two workers and the process together), and the PDF's size; the issue's budget is
3 minutes and 1 GiB. It needs Django's settings (no database): ``DJANGO_SETTINGS_MODULE``
defaults to the test settings.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from samenspel.engines.population import read_margins_csv
from samenspel.engines.sampling import (
    AddressFile,
    Exclusions,
    draw_codes,
    draw_letters,
    hash_code,
    read_address_file,
    synthetic_address_file,
)

MARGINS = Path(__file__).parents[1] / "src/samenspel/engines/population/data/GM0307.csv"


def timed(label: str, runs: int, work: Callable[[int], object]) -> float:
    """Run ``work(seed)`` for seeds 0 … runs - 1; print the medians; return the wall median."""
    walls, cpus = [], []
    for seed in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work(seed)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    median = statistics.median(walls)
    print(
        f"{label}: median {median:.2f} s (CPU {statistics.median(cpus):.2f} s), "
        f"worst {max(walls):.2f} s over {runs} runs"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--addresses", type=int, default=100_000)
    parser.add_argument("--size", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds")
    parser.add_argument("--letters", type=int, default=10_000, help="letters as PDF (0: none)")
    parser.add_argument("--pdf-budget", type=float, default=180.0, help="seconds")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    shares = read_margins_csv(MARGINS).shares()["area"]
    start = time.perf_counter()
    data = synthetic_address_file(shares, args.addresses, seed=2026)
    print(
        f"{args.addresses:,} addresses ({len(data) / 1e6:.1f} MB) generated in "
        f"{time.perf_counter() - start:.2f} s"
    )
    timed("read the CSV", args.runs, lambda _: read_address_file(data, reference_year=None))
    extract = read_address_file(data, reference_year=None)
    assert isinstance(extract, AddressFile)

    size = args.size
    median = timed(
        f"sample {size:,} by wijk, population shares",
        args.runs,
        lambda seed: draw_letters(extract, size, seed=seed, strata="wijk", population=shares),
    )
    timed(
        f"sample {size:,} by wijk, file shares",
        args.runs,
        lambda seed: draw_letters(extract, size, seed=seed, strata="wijk"),
    )
    keys = [row.household_key for row in random.Random(1).sample(extract.rows, 10_000)]
    exclusions = Exclusions(
        opted_out=frozenset(keys[:5000]),
        last_invited=dict.fromkeys(keys[5000:], date(2026, 6, 1)),
        invited_since=date(2026, 1, 1),
    )
    timed(
        f"sample {size:,} by wijk, 10,000 excluded",
        args.runs,
        lambda seed: draw_letters(
            extract, size, seed=seed, strata="wijk", population=shares, exclusions=exclusions
        ),
    )
    key = b"benchmark key, 32 bytes long...."
    timed(
        f"draw and hash {size:,} codes",
        args.runs,
        lambda _: [hash_code(code, key) for code in draw_codes(size)],
    )
    pdf_ok = args.letters == 0 or letters_as_pdf(extract, args.letters, args.pdf_budget)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    verdict = "within" if median <= args.budget else "OVER"
    print(f"{verdict} the {args.budget:.0f} s budget (sample by wijk, population shares, median)")
    return 0 if median <= args.budget and pdf_ok else 1


def letters_as_pdf(extract: AddressFile, count: int, budget: float) -> bool:
    """Render ``count`` letters to one PDF as the letters task does; print time and memory."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.conf.test")
    import django

    django.setup()
    from samenspel.engines.sampling import format_code
    from samenspel.instruments.services import InstrumentUse
    from samenspel.municipalities.services import Gemeente
    from samenspel.reach import services

    batch = services.Batch(
        gemeente=Gemeente(name="Amersfoort"),
        use=InstrumentUse(title="Gelote burgerraad"),
        signatory="L. Bolsius",
        signatory_role="burgemeester",
        expires_on=date(2027, 3, 1),
        size=count,
        seed=1,
    )
    rows = extract.rows[:count]
    codes = draw_codes(len(rows))

    def chunks():
        for start in range(0, len(rows), services.CHUNK):
            yield [
                services.Letter(services.address_lines(row), format_code(code))
                for row, code in zip(
                    rows[start : start + services.CHUNK],
                    codes[start : start + services.CHUNK],
                    strict=True,
                )
            ]

    services.render_letters(batch, next(chunks())[:1])  # load WeasyPrint and the fonts
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = services.letters_pdf(batch, chunks())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    worker_peak = workers.ru_maxrss / 1024  # the largest worker
    total = peak + 2 * worker_peak
    print(
        f"{len(rows):,} letters as PDF in chunks of {services.CHUNK}: {wall:.1f} s "
        f"(CPU {cpu:.1f} s in the process, {workers.ru_utime + workers.ru_stime:.1f} s in its "
        f"workers), peak memory {peak:.0f} MiB, largest worker {worker_peak:.0f} MiB, together "
        f"at most {total:.0f} MiB, PDF {len(pdf) / 1e6:.1f} MB"
    )
    ok = wall <= budget and total < 1024
    verdict = "within" if ok else "OVER"
    print(f"{verdict} the {budget:.0f} s and 1 GiB budget (letters as PDF)")
    return ok


if __name__ == "__main__":
    sys.exit(main())
