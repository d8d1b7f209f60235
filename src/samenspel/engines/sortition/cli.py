# SPDX-License-Identifier: EUPL-1.2
"""``samenspel sortition``: select, verify and replace from the command line.

Exit codes: 0 done (or confirmed), 1 a verification or replacement failed, 2 bad input
(nothing is drawn).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from samenspel.engines.sortition import DEFAULT_PANELS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sortition", help="fair lotteries for citizens' assemblies (LEXIMIN and more)"
    )
    commands = parser.add_subparsers(dest="sortition_command", metavar="SUBCOMMAND", required=True)

    select = commands.add_parser("select", help="compute the lottery and draw a panel")
    _instance_arguments(select)
    select.add_argument(
        "--algorithm", default="leximin", choices=["leximin", "maximin", "nash", "legacy"]
    )
    select.add_argument(
        "--panels",
        type=int,
        default=DEFAULT_PANELS,
        metavar="M",
        help=f"round to M equally likely panels (default {DEFAULT_PANELS})",
    )
    _draw_arguments(select)
    select.add_argument("--json", action="store_true", help="print JSON")
    select.add_argument(
        "--publish",
        type=Path,
        metavar="FILE",
        help="write the public record (anonymised panel list and draw) to FILE",
    )
    select.set_defaults(handler=_select)

    verify = commands.add_parser("verify", help="recompute a published draw and confirm it")
    _instance_arguments(verify)
    verify.add_argument("--record", type=Path, required=True, help="the published record")
    verify.set_defaults(handler=_verify)

    replace = commands.add_parser("replace", help="replace drop-outs by the pre-fixed rule")
    _instance_arguments(replace)
    replace.add_argument("--record", type=Path, required=True, help="the published record")
    replace.add_argument("--drop", required=True, help="comma-separated ids of the drop-outs")
    replace.set_defaults(handler=_replace)


def _instance_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--people", type=Path, required=True, help="respondents CSV")
    parser.add_argument("--categories", type=Path, required=True, help="quotas CSV")
    parser.add_argument("--size", type=int, required=True, metavar="K", help="panel size")
    parser.add_argument(
        "--id-column", help="id column (default nationbuilder_id, else id, else row numbers)"
    )
    parser.add_argument(
        "--household-columns",
        default="",
        help="comma-separated address columns: at most one per household",
    )


def _draw_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--seed", default="0", help="published seed for the draw (default 0)")
    group.add_argument("--number", type=int, help="public number 1..M drawn at a meeting")


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(message: str) -> int:
    print(f"samenspel sortition: {message}", file=sys.stderr)
    return 2


def _load(args: argparse.Namespace) -> Any:
    from samenspel.engines.sortition.io import read_instance

    columns = [c.strip() for c in args.household_columns.split(",") if c.strip()]
    return read_instance(
        args.people, args.categories, args.size, id_column=args.id_column, household_columns=columns
    )


def _select(args: argparse.Namespace) -> int:
    from samenspel.engines.sortition.model import InputError
    from samenspel.engines.sortition.selection import select_panel

    seed = None if args.number is not None else args.seed
    try:
        instance = _load(args)
        selection = select_panel(
            instance,
            seed=seed,
            number=args.number,
            m=args.panels,
            algorithm=args.algorithm,
            progress=lambda _, message: _progress(message),
        )
    except (InputError, OSError) as error:
        return _fail(str(error))
    record, distribution, lottery = selection.record, selection.distribution, selection.lottery
    index = record["index"]
    if args.publish is not None:
        args.publish.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    result = {
        "probabilities": dict(zip(instance.ids, distribution.probabilities.tolist(), strict=True)),
        "min_probability": distribution.min_probability,
        "certified_gap": distribution.certified_gap,
        "panel": record["panel"],
        "algorithm": distribution.algorithm,
        "seed": seed,
        "public_number": args.number,
        "spread": distribution.spread,
        "panels": lottery.m,
        "panels_sha256": record["panels_sha256"],
        "drawn_index": index + 1,
        "max_probability_change": record["max_probability_change"],
        "guaranteed_max_change": float(lottery.bound.max()),
        "stages": [
            {
                "stage": s.stage,
                "value": s.value,
                "bound": s.bound,
                "gap": s.gap,
                "fixed_people": s.fixed_people,
            }
            for s in distribution.stages
        ],
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(
        f"algorithm {distribution.algorithm}: minimum probability "
        f"{distribution.min_probability:.6f}, spread {distribution.spread:.6f}, "
        f"certified gap {distribution.certified_gap}"
    )
    for person, p, change in zip(
        instance.ids, distribution.probabilities, lottery.change, strict=True
    ):
        print(f"  {person}\t{p:.6f}\t(after rounding to {lottery.m} panels: {change:+.6f})")
    print(f"panel {index + 1} of {lottery.m}: {', '.join(record['panel'])}")
    return 0


def _read_record(path: Path) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def _verify(args: argparse.Namespace) -> int:
    from samenspel.engines.sortition.model import InputError
    from samenspel.engines.sortition.transparent import verify

    try:
        problems = verify(_load(args), _read_record(args.record))
    except (InputError, OSError, ValueError, KeyError) as error:
        return _fail(str(error))
    for problem in problems:
        print(f"NOT CONFIRMED: {problem}")
    if not problems:
        print("confirmed: the published list and the drawn panel follow from the inputs")
    return 1 if problems else 0


def _replace(args: argparse.Namespace) -> int:
    from samenspel.engines.sortition.model import InputError
    from samenspel.engines.sortition.replacements import replace

    try:
        record = _read_record(args.record)
        key = str(record["seed"] if record["seed"] is not None else record["public_number"])
        panel, made = replace(
            _load(args), record["panel"], [d.strip() for d in args.drop.split(",")], key
        )
    except InputError as error:
        print(f"samenspel sortition: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError) as error:
        return _fail(str(error))
    print(
        json.dumps(
            {
                "panel": panel,
                "replacements": [
                    {"dropout": r.dropout, "replacement": r.replacement, "rank": r.rank}
                    for r in made
                ],
            },
            indent=1,
        )
    )
    return 0
