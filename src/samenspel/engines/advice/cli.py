# SPDX-License-Identifier: EUPL-1.2
"""``samenspel advice``: print the advice for a JSON file of answers."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "advice",
        help="advies passende samenwerking: trede, houding, rol en instrumenten",
        description=(
            "Geeft het advies voor passende samenwerking bij de antwoorden in --answers "
            "(een JSON-object met vraag-ids als sleutels). Zonder --kader geldt het "
            "standaardkader van Samenspel."
        ),
    )
    parser.add_argument("--kader", metavar="FILE", help="kader in YAML (standaard: ingebouwd)")
    parser.add_argument("--answers", metavar="FILE", required=True, help="antwoorden in JSON")
    parser.add_argument("--json", action="store_true", help="geef het advies als JSON")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal (standaard nl)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from .engine import advise
    from .kader import load_default_kader, load_kader
    from .messages import InvalidInput, Problem
    from .report import report

    try:
        kader = load_kader(_read(args.kader, "kader")) if args.kader else load_default_kader()
        raw = _read(args.answers, "answers")
        try:
            answers = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidInput([Problem("answers", "json", {"error": str(exc)})]) from None
        advice = advise(kader, answers, lang=args.lang)
    except InvalidInput as exc:
        for line in exc.messages(args.lang):
            print(line, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(advice.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report(advice))
    return 0


def _read(path: str, field: str) -> str:
    from .messages import InvalidInput, Problem

    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput([Problem(field, "file", {"error": str(exc)})]) from None
