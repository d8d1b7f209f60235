# SPDX-License-Identifier: EUPL-1.2
"""The ``samenspel`` command line.

Every engine that offers commands has a ``cli`` module with ``register(subparsers)``, which adds
its sub-command(s) and sets ``handler`` (a callable taking the parsed namespace and returning an
exit code). Registration must stay cheap: heavy imports belong inside the handler.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import samenspel.engines


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samenspel",
        description="Samenspel: engines for advice, sortition, budgeting and panels.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(samenspel.engines.__path__), key=lambda m: m.name):
        if not info.ispkg:
            continue
        try:
            module = importlib.import_module(f"samenspel.engines.{info.name}.cli")
        except ModuleNotFoundError as exc:
            if exc.name != f"samenspel.engines.{info.name}.cli":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    return int(handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
