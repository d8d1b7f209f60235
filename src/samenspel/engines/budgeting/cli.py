# SPDX-License-Identifier: EUPL-1.2
"""``samenspel pb``: count, explain and recount participatory budgets from pabulib files.

Exit codes: 0 done (for ``recount``: the result follows from the ballots), 1 the published
result does not follow, 2 the file or the options cannot be used (the message says why).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

RULES = ("mes", "greedy", "phragmen")
SATISFACTIONS = ("cost", "cardinality", "cardinal", "borda")
COMPLETIONS = ("add1", "greedy", "none")

# pabulib META ``rule`` values that name a rule this engine counts.
META_RULES = {
    "equalshares/add1": "mes_cost_add1",
    "equalshares": "mes_cost",
    "greedy": "greedy_cost",
    "phragmen": "seq_phragmen",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pb = subparsers.add_parser("pb", help="count participatory budgets (pabulib .pb files)")
    pb.set_defaults(handler=lambda args: _usage(pb))
    sub = pb.add_subparsers(dest="pb_command", metavar="SUBCOMMAND")

    count = sub.add_parser("count", help="count a .pb file under a rule")
    _rule_options(count)
    count.add_argument("--json", action="store_true", help="print JSON")
    count.set_defaults(handler=handle_count)

    explain = sub.add_parser("explain", help="why a project won or lost")
    _rule_options(explain, completion="add1")
    explain.add_argument("--project", required=True, help="project id")
    explain.add_argument("--lang", choices=("nl", "en"), default="nl")
    explain.set_defaults(handler=handle_explain)

    recount = sub.add_parser(
        "recount", help="check that a published result follows from the ballots"
    )
    recount.add_argument("file", help="pabulib .pb file")
    recount.add_argument(
        "--result",
        default="selected",
        help="comma-separated project ids, or 'selected' for the file's selected column",
    )
    recount.add_argument(
        "--rule-id", help="rule id to recount with (default: the file's META rule)"
    )
    recount.set_defaults(handler=handle_recount)


def _rule_options(parser: argparse.ArgumentParser, completion: str = "none") -> None:
    parser.add_argument("file", help="pabulib .pb file")
    parser.add_argument("--rule", choices=RULES, default="mes")
    parser.add_argument("--satisfaction", choices=SATISFACTIONS, default="cost")
    parser.add_argument("--completion", choices=COMPLETIONS, default=completion)
    parser.add_argument(
        "--exact", action="store_true", help="equal shares in exact arithmetic throughout (slow)"
    )


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _load(path: str) -> Any:
    from samenspel.engines.budgeting.pabulib import PabulibError, read_pb

    try:
        return read_pb(path)
    except PabulibError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
    except OSError as exc:
        print(f"{path}: {exc.strerror}", file=sys.stderr)
    return None


def _counted(args: argparse.Namespace) -> tuple[Any, Any] | None:
    from samenspel.engines.budgeting.rules import count, rule_id

    election = _load(args.file)
    if election is None:
        return None
    completion = None if args.completion == "none" else args.completion
    try:
        rid = rule_id(args.rule, args.satisfaction, completion if args.rule == "mes" else None)
        return election, count(election, rid, exact=args.exact)
    except ValueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return None


def _number(value: Any) -> int | float:
    return int(value) if value == int(value) else float(value)


def handle_count(args: argparse.Namespace) -> int:
    counted = _counted(args)
    if counted is None:
        return 2
    election, outcome = counted
    if args.json:
        payload = {
            "selected": list(outcome.selected),
            "rule": args.rule,
            "satisfaction": args.satisfaction if args.rule != "phragmen" else None,
            "completion": None if args.completion == "none" else args.completion,
            "rule_id": outcome.rule,
            "budget": _number(outcome.budget),
            "budget_used": _number(outcome.total_cost),
        }
        if outcome.increment is not None:
            payload["add1_increment_per_voter"] = outcome.increment
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    for pid in outcome.selected:
        name = election.project(pid).column("name") or ""
        print(f"{pid}\t{_number(election.project(pid).cost)}\t{name}".rstrip())
    print(
        f"# {outcome.rule}: {len(outcome.selected)} projects, "
        f"{_number(outcome.total_cost)} of {_number(outcome.budget)}",
        file=sys.stderr,
    )
    return 0


def handle_explain(args: argparse.Namespace) -> int:
    from samenspel.engines.budgeting.explain import explain

    counted = _counted(args)
    if counted is None:
        return 2
    election, outcome = counted
    if args.project not in election.index:
        print(f"{args.file}: no project {args.project!r}", file=sys.stderr)
        return 2
    print(explain(election, outcome, args.project, args.lang))
    return 0


def handle_recount(args: argparse.Namespace) -> int:
    from samenspel.engines.budgeting.rules import RULE_IDS, count

    election = _load(args.file)
    if election is None:
        return 2
    stated = election.meta_value("rule") or ""
    rid = args.rule_id or META_RULES.get(stated)
    if rid not in RULE_IDS:
        print(
            f"{args.file}: cannot recount under rule {args.rule_id or stated!r}; "
            f"give --rule-id (one of {', '.join(RULE_IDS)})",
            file=sys.stderr,
        )
        return 2
    if args.result == "selected":
        if "selected" not in election.project_header:
            print(f"{args.file}: no selected column; give --result", file=sys.stderr)
            return 2
        published = {p.id for p in election.projects if p.column("selected") == "1"}
    else:
        published = {pid.strip() for pid in args.result.split(",") if pid.strip()}
    unknown = sorted(published - set(election.index))
    if unknown:
        print(f"{args.file}: unknown projects in the result: {', '.join(unknown)}", file=sys.stderr)
        return 2
    outcome = count(election, rid)
    counted = set(outcome.selected)
    if counted == published:
        print(f"OK: the result follows from the ballots under {rid}.")
        return 0
    print(f"DIFFERENT: under {rid} the ballots give another result.")
    if published - counted:
        print(f"  published but not counted: {', '.join(sorted(published - counted))}")
    if counted - published:
        print(f"  counted but not published: {', '.join(sorted(counted - published))}")
    return 1
