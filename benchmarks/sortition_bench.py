# SPDX-License-Identifier: EUPL-1.2
"""Sortition benchmark: Samenspel's LEXIMIN and maximin against sortition-algorithms' maximin.

One command: ``uv run python benchmarks/sortition_bench.py [--data DIR]``. Every instance in
``DIR`` (default ``../shared/data/sortition`` beside the repository; the tests' subset is
``src/samenspel/engines/sortition/tests/data/reference``; the layout is described in
``samenspel.engines.sortition.instances``) is run by each method in a fresh child process, so
wall time and peak memory (max RSS) are per run. The reference library
(sortition-algorithms, GPL, a dev dependency used only here and never copied) runs its maximin
on the highspy backend under a time cap. Options: ``--skip-reference``, ``--only NAME,...``
(substrings), ``--methods`` (a subset of ``METHODS``), ``--cap SECONDS`` (reference cap,
default 240), ``--json FILE``.

``--selection`` times the whole selection instead (``samenspel sortition select``): LEXIMIN,
then the rounding to ``--panels`` (default 1000) equally likely panels, each step separately,
on the largest instance of ``DIR`` (n = 1,727, k = 110) and on a seeded synthetic pool of 2,000
respondents with 4 features for a 30-seat panel (``synthetic_pool``).

The machine is shared: wall times are noisy (see ``benchmarks/sortition.md``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samenspel.engines.sortition.model import Instance

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "sortition"
METHODS = ("samenspel-leximin", "samenspel-maximin", "reference-maximin")
SELECTION = ("syn_sf_e_110", "pool_2000_30")

FEATURES = {
    "age": ({"16-24": 14, "25-44": 32, "45-64": 33, "65+": 21}, {"16-24": 0.6, "65+": 1.6}),
    "gender": ({"vrouw": 51, "man": 49}, {}),
    "wijk": ({f"wijk-{w}": s for w, s in enumerate((18, 15, 14, 13, 12, 10, 10, 8))}, {}),
    "education": ({"laag": 30, "middel": 38, "hoog": 32}, {"laag": 0.5, "hoog": 1.7}),
}
"""Population shares (per cent) and the skew of who answers (older, higher educated)."""


def synthetic_pool(n: int = 2000, k: int = 30, seed: int = 15) -> Instance:
    """A seeded pool skewed like real respondents, quotas at the population share +-1 seat."""
    import random

    from samenspel.engines.sortition.model import Instance, Quota

    rng = random.Random(seed)
    features = []
    for _ in range(n):
        row = []
        for shares, skew in FEATURES.values():
            values = list(shares)
            weights = [shares[v] * skew.get(v, 1.0) for v in values]
            row.append(rng.choices(values, weights)[0])
        features.append(tuple(row))
    quotas = tuple(
        Quota(category, value, max(0, int(k * share / 100) - 1), int(k * share / 100 + 0.999) + 1)
        for category, (shares, _) in FEATURES.items()
        for value, share in shares.items()
    )
    return Instance(
        ids=tuple(f"r{i:04d}" for i in range(1, n + 1)),
        categories=tuple(FEATURES),
        features=tuple(features),
        quotas=quotas,
        k=k,
    )


def _selection(data: Path, name: str, m: int) -> dict:
    import samenspel.engines.sortition.leximin  # noqa: F401  (its imports stay out of the timing)
    from samenspel.engines.sortition import compute, round_to_panels
    from samenspel.engines.sortition.instances import load
    from samenspel.engines.sortition.typespace import build_types

    instance = synthetic_pool() if name == "pool_2000_30" else load(data, name)
    started, cpu_started = time.perf_counter(), time.process_time()
    result = compute(instance)
    computed, cpu_computed = time.perf_counter(), time.process_time()
    lottery = round_to_panels(instance, result, m)
    rounded, cpu_rounded = time.perf_counter(), time.process_time()
    return {
        "leximin": computed - started,
        "rounding": rounded - computed,
        "seconds": rounded - started,
        "cpu_leximin": cpu_computed - cpu_started,
        "cpu_rounding": cpu_rounded - cpu_computed,
        "n": instance.n,
        "k": instance.k,
        "types": build_types(instance).count,
        "panels": len(result.weights),
        "m": m,
        "min": result.min_probability,
        "change": float(abs(lottery.change).max()),
        "bound": float(lottery.bound.max()),
    }


def _samenspel(data: Path, name: str, algorithm: str) -> dict:
    import samenspel.engines.sortition.leximin  # noqa: F401  (its imports stay out of the timing)
    from samenspel.engines.sortition import compute
    from samenspel.engines.sortition.instances import load
    from samenspel.engines.sortition.typespace import build_types

    instance = load(data, name)
    started = time.perf_counter()
    result = compute(instance, algorithm)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "min": result.min_probability,
        "gap": result.certified_gap,
        "stages": len(result.stages),
        "n": instance.n,
        "k": instance.k,
        "types": build_types(instance).count,
    }


def _reference(data: Path, name: str) -> dict:
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
    from sortition_algorithms.features import read_in_features
    from sortition_algorithms.people import read_in_people
    from sortition_algorithms.settings import Settings

    from samenspel.engines.sortition.instances import load

    instance = load(data, name)
    quota_rows = [
        {"feature": q.category, "value": q.value, "min": str(q.min), "max": str(q.max)}
        for q in instance.quotas
    ]
    people_rows = [
        {"id": person, **dict(zip(instance.categories, values, strict=True))}
        for person, values in zip(instance.ids, instance.features, strict=True)
    ]
    started = time.perf_counter()
    features, _, _ = read_in_features(["feature", "value", "min", "max"], quota_rows, instance.k)
    people, _ = read_in_people(
        ["id", *instance.categories],
        people_rows,
        features,
        Settings(id_column="id", columns_to_keep=[]),
    )
    committees, probabilities, _ = find_distribution_maximin(
        features, people, instance.k, [], "highspy"
    )
    seconds = time.perf_counter() - started
    marginal = dict.fromkeys(instance.ids, 0.0)
    for committee, probability in zip(committees, probabilities, strict=True):
        for person in committee:
            marginal[person] += probability
    return {"seconds": seconds, "min": min(marginal.values()), "gap": None}


def child(data: Path, method: str, name: str, m: int) -> None:
    if method == "selection":
        result = _selection(data, name, m)
    elif method == "reference-maximin":
        result = _reference(data, name)
    else:
        result = _samenspel(data, name, method.split("-")[1])
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run(data: Path, method: str, name: str, cap: float | None, m: int = 1000) -> dict:
    command = [sys.executable, __file__, "--data", str(data), "--panels", str(m)]
    command += ["--child", method, name]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap, check=False)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "note": f"no result within {cap:.0f} s"}
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        return {"seconds": None, "note": lines[-1][:60]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


def _cell(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder with the instances (default: %(default)s)",
    )
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "INSTANCE"), help=argparse.SUPPRESS)
    parser.add_argument("--skip-reference", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated instance name substrings")
    parser.add_argument("--cap", type=float, default=240.0, help="reference time cap (s)")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset")
    parser.add_argument("--json", help="also write the raw results to this file")
    parser.add_argument("--selection", action="store_true", help="time LEXIMIN + rounding")
    parser.add_argument("--panels", type=int, default=1000, metavar="M", help="for --selection")
    args = parser.parse_args(argv)
    if not (args.data / "synthetic").is_dir():
        parser.error(f"no sortition instances in {args.data}; give --data DIR")
    if args.child:
        child(args.data, *args.child, args.panels)
        return 0
    if args.selection:
        return selection_table(args.data, args.panels, args.json)

    from samenspel.engines.sortition.instances import instance_files

    wanted = [w for w in args.only.split(",") if w]
    names = [n for n in instance_files(args.data) if not wanted or any(w in n for w in wanted)]
    methods = [m for m in args.methods.split(",") if m in METHODS]
    if args.skip_reference:
        methods = [m for m in methods if m != "reference-maximin"]
    header = (
        "| instance | n | k | types | method | wall s | min probability | certified gap "
        "| stages | peak MB | ref maximin s / ours |"
    )
    print(header)
    print("|---" * 11 + "|")
    results: dict[str, dict[str, dict]] = {}
    for name in names:
        results[name] = {}
        for method in methods:
            cap = args.cap if method == "reference-maximin" else None
            results[name][method] = run(args.data, method, name, cap)
            print(f"  ({name} {method}: done)", file=sys.stderr, flush=True)
        ours = next(iter(results[name].values()))
        reference = results[name].get("reference-maximin", {})
        for method in methods:
            r = results[name][method]
            ratio = None
            if reference.get("seconds") and r.get("seconds") and method != "reference-maximin":
                ratio = reference["seconds"] / r["seconds"]
            note = r.get("note", "")
            print(
                f"| {name} | {ours.get('n', '')} | {ours.get('k', '')} | {ours.get('types', '')} "
                f"| {method} | {_cell(r.get('seconds'), '.1f')} {note} "
                f"| {_cell(r.get('min'), '.7f')} | {_cell(r.get('gap'), '.1e')} "
                f"| {r.get('stages', '')} | {_cell(r.get('peak_mb'), '.0f')} "
                f"| {_cell(ratio, '.1f')} |",
                flush=True,
            )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)
    return 0


def selection_table(data: Path, m: int, json_file: str | None) -> int:
    """The whole selection, step by step, on the two instances of ``SELECTION``."""
    print(
        "| instance | n | k | types | LEXIMIN panels | LEXIMIN s (CPU) | rounding s (CPU) "
        "| total s | m | min probability | max change | guaranteed bound | peak MB |"
    )
    print("|---" * 13 + "|")
    results = {}
    for name in SELECTION:
        r = results[name] = run(data, "selection", name, None, m)
        if r.get("seconds") is None:
            print(f"| {name} | {r.get('note', '')} |" + " |" * 11, flush=True)
            continue
        print(
            f"| {name} | {r['n']} | {r['k']} | {r['types']} | {r['panels']} "
            f"| {r['leximin']:.1f} ({r['cpu_leximin']:.1f}) "
            f"| {r['rounding']:.1f} ({r['cpu_rounding']:.1f}) | {r['seconds']:.1f} | {r['m']} "
            f"| {r['min']:.7f} | {r['change']:.5f} | {r['bound']:.3f} | {r['peak_mb']:.0f} |",
            flush=True,
        )
    if json_file:
        with open(json_file, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
