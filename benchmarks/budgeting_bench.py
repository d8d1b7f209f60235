# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: Samenspel's budgeting engine against pabutools on the pabulib reference files.

One command: ``uv run python benchmarks/budgeting_bench.py [--data DIR]``, where ``DIR`` holds the
pabulib ``.pb`` files and their ``expected/*.json`` (default ``../shared/data/pabulib`` beside the
repository; the tests' subset is ``src/samenspel/engines/budgeting/tests/data/pabulib``). For
every file and rule with a stored reference outcome it prints Samenspel's time (parsing
included; wall clock, and its CPU time, which other users of a shared machine disturb less),
pabutools' time, their ratio (by wall clock), Samenspel's peak memory and whether the outcomes
agree.

pabutools' time is either measured live in this run (``--live``: files whose name contains one
of the given words, with ``--reference-timeout``) or taken from ``expected/*.json`` (marked
``stored``: the median of 3 runs of pabutools 1.2.3 on a 2-core machine of this kind, the rule
call only). Each count runs in a fresh child process so that peak memory is its own.

The machine is shared: timings are noisy; run it twice when a number matters.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "pabulib"
BIG_THREE = ("Hungary_Budapest_2024", "Poland_Warszawa_2023_Mokotow", "Poland_Warszawa_2026")


def _samenspel(path: str, rule: str, confirm: bool, queue: mp.Queue) -> None:
    from samenspel.engines.budgeting.mes import confirm_add1
    from samenspel.engines.budgeting.pabulib import read_pb
    from samenspel.engines.budgeting.rules import count

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    outcome = count(read_pb(path), rule)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    confirmed = None
    if confirm:
        satisfaction = rule.split("_")[1]
        confirmed = confirm_add1(read_pb(path), outcome, satisfaction)
    queue.put(
        (elapsed, (peak - base) / 1024, sorted(outcome.selected), outcome.mes_runs, confirmed, cpu)
    )


def _pabutools(path: str, call: str, queue: mp.Queue) -> None:
    from pabutools.election import (  # noqa: F401 (used by the stored call)
        Additive_Borda_Sat,
        Additive_Cardinal_Sat,
        Cardinality_Sat,
        Cost_Sat,
        parse_pabulib,
    )
    from pabutools.rules import (  # noqa: F401 (used by the stored call)
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    instance, profile = parse_pabulib(path)
    start = time.perf_counter()
    outcome = eval(call)  # the exact call stored with the reference outcome
    elapsed = time.perf_counter() - start
    queue.put((elapsed, sorted(p.name for p in outcome)))


def _in_child(target, args: tuple, timeout: float | None):
    context = mp.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return queue.get() if not queue.empty() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder with the .pb files and expected/*.json (default: %(default)s)",
    )
    parser.add_argument("--files", help="comma-separated words; only files containing one")
    parser.add_argument("--rules", help="comma-separated rule ids (default: all stored)")
    parser.add_argument(
        "--live",
        default="",
        help="comma-separated words: run pabutools live on files containing one ('all' = all)",
    )
    parser.add_argument("--reference-timeout", type=float, default=600.0)
    parser.add_argument(
        "--no-confirm", action="store_true", help="skip the exact confirmation of the big three"
    )
    args = parser.parse_args(argv)
    if not (args.data / "expected").is_dir():
        parser.error(f"no pabulib files with expected/*.json in {args.data}; give --data DIR")
    words = [w for w in (args.files or "").split(",") if w]
    rules = [r for r in (args.rules or "").split(",") if r]
    live_words = [w for w in args.live.split(",") if w]

    rows = []
    header = (
        f"{'file':<42} {'rule':<22} {'samenspel_s':>11} {'cpu_s':>7} {'pabutools_s':>11} "
        f"{'source':>7} {'ratio':>8} {'peak_MB':>8} {'runs':>5}  same"
    )
    print(header)
    print("-" * len(header))
    for path in sorted((args.data / "expected").glob("*.json")):
        name = path.stem
        if words and not any(w in name for w in words):
            continue
        expected = json.loads(path.read_text())
        pb = str(args.data / f"{name}.pb")
        for rule, ref in expected["rules"].items():
            if rules and rule not in rules:
                continue
            big = name in BIG_THREE and rule == "mes_cost_add1"
            ours = _in_child(_samenspel, (pb, rule, big and not args.no_confirm), None)
            elapsed, peak, selected, runs, confirmed, cpu = ours
            live = live_words and ("all" in live_words or any(w in name for w in live_words))
            ref_time, source, same = ref.get("pabutools_time_s_median"), "stored", None
            if ref["selected"] is not None:
                same = selected == sorted(ref["selected"])
            if live:
                got = _in_child(_pabutools, (pb, ref["call"]), args.reference_timeout)
                if got is None:
                    ref_time, source = None, "timeout"
                else:
                    ref_time, source = got[0], "live"
                    same = selected == got[1]
            ratio = ref_time / elapsed if ref_time else None
            if big and confirmed is not None:
                same = "exact-confirmed" if confirmed else "EXACT-MISMATCH"
            rows.append((name, rule, elapsed, ref_time, source, ratio, peak, runs, same, cpu))
            shown = f"{ref_time:.3f}" if ref_time else f">{args.reference_timeout:.0f}"
            print(
                f"{name[:42]:<42} {rule:<22} {elapsed:>11.3f} {cpu:>7.3f} {shown:>11} "
                f"{source:>7} {(f'{ratio:.0f}x' if ratio else '-'):>8} {peak:>8.1f} {runs:>5}  "
                f"{same}",
                flush=True,
            )
    _summary(rows)
    return 0


def _summary(rows: list[tuple]) -> None:
    slow = [r for r in rows if r[1] == "mes_cost_add1" and r[3] is not None and r[3] > 10 and r[5]]
    print()
    if slow:
        ratios = [r[5] for r in slow]
        worst = min(slow, key=lambda r: r[5])
        print(
            f"mes_cost_add1 where pabutools takes > 10 s: {len(slow)} files, median ratio "
            f"{statistics.median(ratios):.0f}x, lowest {worst[5]:.0f}x ({worst[0]})"
        )
        # The machine is shared: Samenspel's CPU time is less disturbed by others' load.
        by_cpu = [r[3] / r[9] for r in slow]
        worst_cpu = min(slow, key=lambda r: r[3] / r[9])
        print(
            f"  the same with Samenspel's CPU time: median {statistics.median(by_cpu):.0f}x, "
            f"lowest {worst_cpu[3] / worst_cpu[9]:.0f}x ({worst_cpu[0]})"
        )
    for r in rows:
        if r[0] in BIG_THREE and r[1] == "mes_cost_add1":
            print(f"{r[0]}: counted in {r[2]:.1f} s, CPU {r[9]:.1f} s ({r[8]})")
    mismatches = [r for r in rows if r[8] is False]
    print(f"outcome mismatches: {len(mismatches)}")
    total = sum(r[2] for r in rows)
    print(f"Samenspel total: {total:.1f} s over {len(rows)} counts")


if __name__ == "__main__":
    sys.exit(main())
