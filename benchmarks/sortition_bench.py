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

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "sortition"
METHODS = ("samenspel-leximin", "samenspel-maximin", "reference-maximin")


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


def child(data: Path, method: str, name: str) -> None:
    if method == "reference-maximin":
        result = _reference(data, name)
    else:
        result = _samenspel(data, name, method.split("-")[1])
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run(data: Path, method: str, name: str, cap: float | None) -> dict:
    command = [sys.executable, __file__, "--data", str(data), "--child", method, name]
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
    args = parser.parse_args(argv)
    if not (args.data / "synthetic").is_dir():
        parser.error(f"no sortition instances in {args.data}; give --data DIR")
    if args.child:
        child(args.data, *args.child)
        return 0

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


if __name__ == "__main__":
    sys.exit(main())
