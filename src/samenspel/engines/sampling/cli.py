# SPDX-License-Identifier: EUPL-1.2
"""``samenspel panel``: sample whom to invite, weight what comes back, write margin files.
``samenspel letters sample``: draw addresses from an address file to send a letter.

Impossible requests (more members than the fatigue limit leaves, shares not summing to 1, an
attribute missing from a file, a population value no member has; an unreadable address file,
fewer eligible addresses than asked, a missing stratum column, a factor that is not positive)
are refused with a message naming the cause and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samenspel.engines.sampling.addresses import RejectedFile
    from samenspel.engines.sampling.letters import LetterSample

EXIT_REFUSED = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``panel`` with its sub-commands ``sample``, ``weight`` and ``margins``."""
    panel = subparsers.add_parser("panel", help="burgerpanel: sampling and weighting")
    commands = panel.add_subparsers(dest="panel_command", metavar="SUBCOMMAND", required=True)

    sample = commands.add_parser(
        "sample", help="choose members to invite, matching the population under a fatigue limit"
    )
    sample.add_argument("--members", required=True, help="members CSV (id, attributes, history)")
    sample.add_argument("--population", required=True, help="margins CSV (attribute,value,share)")
    sample.add_argument("--size", required=True, type=int, help="number of members to invite")
    sample.add_argument("--max-per-year", type=int, default=4, help="invitations per 12 months")
    sample.add_argument("--min-days", type=int, default=30, help="days since the last invitation")
    sample.add_argument(
        "--seed", type=int, help="random seed (default: a fresh one, printed with the result)"
    )
    sample.add_argument("--json", action="store_true", help="print JSON")
    sample.set_defaults(handler=_refusing(_sample))

    weight = commands.add_parser("weight", help="rake responses to the population margins")
    weight.add_argument("--responses", required=True, help="responses CSV (id, attributes, …)")
    weight.add_argument("--population", required=True, help="margins CSV (attribute,value,share)")
    weight.add_argument("--min-weight", type=float, default=0.2, help="trim below (× mean)")
    weight.add_argument("--max-weight", type=float, default=5.0, help="trim above (× mean)")
    weight.add_argument("--no-trim", action="store_true", help="do not trim the weights")
    weight.add_argument(
        "--question",
        action="append",
        default=[],
        help="a column whose weighted answer shares to report (repeatable)",
    )
    weight.add_argument("--json", action="store_true", help="print JSON")
    weight.set_defaults(handler=_refusing(_weight))

    margins = commands.add_parser(
        "margins", help="write a municipality's population margins from CBS figures"
    )
    margins.add_argument("--municipality", required=True, help="CBS code, e.g. GM0355")
    margins.add_argument(
        "--cbs-table",
        help="full Kerncijfers wijken en buurten file (CSV/JSON); default: the demo excerpt",
    )
    margins.add_argument("--reference-year", type=int, default=2024, help="year of --cbs-table")
    margins.add_argument("--table-id", default="85984NED", help="CBS table id of --cbs-table")
    margins.add_argument("--output", help="margins CSV to write (default: standard output)")
    margins.set_defaults(handler=_refusing(_margins))

    letters = subparsers.add_parser("letters", help="letters by post: address samples")
    letter_commands = letters.add_subparsers(
        dest="letters_command", metavar="SUBCOMMAND", required=True
    )
    draw = letter_commands.add_parser(
        "sample", help="draw rows of an address file to send a letter, one per address"
    )
    draw.add_argument(
        "--addresses", required=True, help="address file (CSV of BAG addresses or BRP persons)"
    )
    draw.add_argument("--size", required=True, type=int, help="number of letters")
    draw.add_argument("--strata", help="column to stratify by, e.g. wijk or leeftijdsgroep")
    draw.add_argument(
        "--oversample",
        action="append",
        default=[],
        metavar="COLUMN=VALUE:FACTOR",
        help="weigh a stratum by FACTOR, e.g. wijk=WK030701:1.5 (repeatable)",
    )
    draw.add_argument(
        "--population",
        help="margins CSV (attribute,value,share): allocate by the population, not the file",
    )
    draw.add_argument("--exclude", help="CSV of addresses or persons not to invite")
    draw.add_argument(
        "--reference-year", type=int, help="year the file describes (needed for years of birth)"
    )
    draw.add_argument(
        "--seed", type=int, help="random seed (default: a fresh one, printed with the result)"
    )
    draw.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of messages")
    draw.add_argument("--json", action="store_true", help="print JSON")
    draw.set_defaults(handler=_letters_sample)


def _refusing(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the panel engines' refusals and unreadable files into a message and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (ValueError, OSError, KeyError) as exc:
            print(f"samenspel panel: refused: {exc}", file=sys.stderr)
            return EXIT_REFUSED

    return run


def _sample(args: argparse.Namespace) -> int:
    import secrets

    from samenspel.engines.population import read_margins_csv
    from samenspel.engines.sampling.panel_io import read_members
    from samenspel.engines.sampling.sampler import FatigueLimit, draw_sample

    population = read_margins_csv(args.population)
    members = read_members(args.members, population)
    seed = args.seed if args.seed is not None else secrets.randbelow(2**32)
    sample = draw_sample(
        members,
        population,
        args.size,
        seed=seed,
        fatigue=FatigueLimit(max_per_year=args.max_per_year, min_days=args.min_days),
    )
    if args.json:
        json.dump(
            {
                "selected": list(sample.selected),
                "composition": sample.composition,
                "expected_response_composition": sample.expected_response_composition,
                "population": population.shares(),
                "largest_gaps": [
                    {"attribute": g.attribute, "value": g.value, "gap": g.gap}
                    for g in sample.largest_gaps()
                ],
                "excluded_by_fatigue": len(sample.excluded_by_fatigue),
                "excluded_ids": list(sample.excluded_by_fatigue),
                "optimal": sample.optimal,
                "seed": sample.seed,
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    print(f"Invited {len(sample.selected)} of {len(members)} members (seed {sample.seed}).")
    print(f"Left out by the fatigue limit: {len(sample.excluded_by_fatigue)}.")
    print(f"\n{'attribute':<12} {'value':<16} {'population':>10} {'sample':>8} {'gap (pp)':>9}")
    for attribute in sample.attributes:
        for value, share in sample.expected_response_composition[attribute].items():
            target = population.shares()[attribute].get(value, 0.0)
            print(
                f"{attribute:<12} {value:<16} {target:>10.1%} {share:>8.1%} "
                f"{100 * (share - target):>+9.2f}"
            )
    gaps = ", ".join(
        f"{g.attribute}={g.value} {100 * g.gap:+.2f} pp" for g in sample.largest_gaps(3)
    )
    print(f"\nLargest gaps: {gaps}")
    if not sample.optimal:
        print("The solver stopped at its time limit; the counts may not be optimal.")
    print("\nSelected:")
    print("\n".join(sample.selected))
    return 0


def _weight(args: argparse.Namespace) -> int:
    from samenspel.engines.population import read_margins_csv
    from samenspel.engines.sampling.panel_io import read_table, require_columns
    from samenspel.engines.weighting import TrimBounds, rake, weighted_shares

    population = read_margins_csv(args.population)
    header, rows = read_table(args.responses)
    require_columns(header, args.question, population, "responses")
    bounds = None if args.no_trim else TrimBounds(args.min_weight, args.max_weight)
    result = rake(rows, population, bounds=bounds)
    ids = [row.get("id") or str(number) for number, row in enumerate(rows, start=1)]
    estimates = {
        q: weighted_shares(result.weights, [row[q] for row in rows]) for q in args.question
    }
    if args.json:
        json.dump(
            {
                "weights": dict(zip(ids, map(float, result.weights), strict=True)),
                "weighted_margins": result.weighted_margins,
                "unweighted_margins": result.unweighted_margins,
                "effective_sample_size": result.effective_sample_size,
                "design_effect": result.design_effect,
                "converged": result.converged,
                "iterations": result.iterations,
                "max_margin_error": result.max_margin_error,
                "trimmed": result.trimmed,
                "estimates": {
                    q: {
                        a: {"share": e.estimate, "margin_of_error": e.margin_of_error}
                        for a, e in answers.items()
                    }
                    for q, answers in estimates.items()
                },
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    state = "converged" if result.converged else "did NOT converge"
    print(
        f"Raking {state} after {result.iterations} cycles "
        f"(largest margin error {result.max_margin_error:.2e}; {result.trimmed} weights trimmed)."
    )
    print(
        f"Effective sample size (Kish) {result.effective_sample_size:.1f} of {len(rows)}; "
        f"design effect {result.design_effect:.3f}."
    )
    print(f"\n{'attribute':<12} {'value':<16} {'population':>10} {'raw':>8} {'weighted':>9}")
    shares = population.shares()
    for attribute, values in result.weighted_margins.items():
        for value, weighted in values.items():
            raw = result.unweighted_margins[attribute][value]
            print(
                f"{attribute:<12} {value:<16} {shares[attribute][value]:>10.1%} {raw:>8.1%} "
                f"{weighted:>9.1%}"
            )
    for question, answers in estimates.items():
        print(f"\n{question} (weighted share ± 95% margin of error):")
        for answer, e in answers.items():
            print(f"  {answer:<20} {e.estimate:>7.1%} ± {e.margin_of_error:.1%}")
    print("\nid,weight")
    for identifier, w in zip(ids, result.weights, strict=True):
        print(f"{identifier},{w:.6f}")
    return 0


def _margins(args: argparse.Namespace) -> int:
    from samenspel.engines.population import (
        demo_margins,
        import_kwb_margins,
        write_margins_csv,
    )

    if args.cbs_table:
        margins = import_kwb_margins(
            args.cbs_table, args.municipality, args.reference_year, args.table_id
        )
    else:
        margins = demo_margins(args.municipality)
    write_margins_csv(margins, args.output or sys.stdout)
    return 0


#: The population margins' attribute for a stratum column of an address file.
MARGIN_ATTRIBUTES = {"wijk": "area", "geslacht": "gender", "leeftijdsgroep": "age_band"}


def _letters_sample(args: argparse.Namespace) -> int:
    """Draw the sample; print it, or each reason it is refused (in ``--lang``)."""
    import secrets

    from samenspel.engines.sampling.messages import LetterError

    try:
        sample = _draw_letters(args, secrets.randbelow(2**32) if args.seed is None else args.seed)
    except LetterError as exc:
        print(f"samenspel letters: {exc.message(args.lang)}", file=sys.stderr)
        return EXIT_REFUSED
    except (OSError, ValueError) as exc:  # an unreadable or inconsistent margins file
        print(f"samenspel letters: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    if args.json:
        result = {"selected": list(sample.selected), "per_stratum": sample.per_stratum}
        json.dump({**result, "seed": sample.seed}, sys.stdout, indent=2)
        print()
        return 0
    print(
        f"Drew {len(sample.selected)} of {sample.rows} rows (seed {sample.seed}): "
        f"{sample.addresses} addresses could be drawn; {sample.opted_out} rows opted out, "
        f"{sample.recently_invited} invited recently."
    )
    if sample.strata:
        print(
            f"\n{sample.column:<16} {'weight':>10} {'factor':>7} {'quota':>9} "
            f"{'eligible':>9} {'drawn':>6}"
        )
        for s in sample.strata:
            print(
                f"{s.value:<16} {s.weight:>10.4g} {s.factor:>7.3g} {s.quota:>9.2f} "
                f"{s.eligible:>9} {s.drawn:>6}"
            )
    print("\nSelected rows (line numbers):")
    print("\n".join(map(str, sample.selected)))
    return 0


def _draw_letters(args: argparse.Namespace, seed: int) -> LetterSample:
    from samenspel.engines.population import read_margins_csv
    from samenspel.engines.sampling.addresses import (
        RejectedFile,
        read_address_file,
        read_exclusion_file,
    )
    from samenspel.engines.sampling.letters import (
        AGE_COLUMN,
        DEFAULT_AGE_BANDS,
        Exclusions,
        draw_letters,
    )
    from samenspel.engines.sampling.messages import LetterError

    with open(args.addresses, "rb") as handle:
        read = read_address_file(handle.read(), reference_year=args.reference_year)
    if isinstance(read, RejectedFile):
        raise LetterError("file", file=args.addresses, problems=_problems(read, args.lang))
    opted_out: frozenset[str] = frozenset()
    if args.exclude:
        with open(args.exclude, "rb") as handle:
            opted_out, rejected = read_exclusion_file(
                handle.read(), reference_year=args.reference_year
            )
        if rejected is not None:
            raise LetterError("file", file=args.exclude, problems=_problems(rejected, args.lang))
    oversample = dict(_factor(text) for text in args.oversample)
    shares = None
    bands: tuple[str, ...] = DEFAULT_AGE_BANDS
    if args.population:
        named = args.strata or next(iter(oversample), ("", ""))[0]
        if not named:
            raise LetterError("population_needs_strata")
        column = read.column(named) or named
        attribute = MARGIN_ATTRIBUTES.get(column, column)
        all_shares = read_margins_csv(args.population).shares()
        if attribute not in all_shares:
            raise LetterError("population_attribute", file=args.population, attribute=attribute)
        shares = all_shares[attribute]
        if attribute == MARGIN_ATTRIBUTES[AGE_COLUMN]:
            bands = tuple(shares)
    return draw_letters(
        read,
        args.size,
        seed=seed,
        strata=args.strata,
        population=shares,
        oversample=oversample,
        exclusions=Exclusions(opted_out=opted_out),
        age_bands=bands,
    )


def _problems(rejected: RejectedFile, lang: str) -> str:
    return "".join(f"\n  {line}" for line in rejected.messages(lang))


def _factor(text: str) -> tuple[tuple[str, str], float]:
    """``COLUMN=VALUE:FACTOR`` (a decimal comma is fine) as ``((column, value), factor)``."""
    from samenspel.engines.sampling.messages import LetterError

    stratum, colon, number = text.rpartition(":")
    column, equals, value = stratum.partition("=")
    try:
        factor = float(number.replace(",", "."))
    except ValueError:
        colon = ""
    if not (colon and equals and column and value):
        raise LetterError("factor_format", text=text)
    return (column, value), factor
