# SPDX-License-Identifier: EUPL-1.2
"""Pure-Python engines: no Django, no settings, no database, no clock.

Each engine takes plain data and returns plain data. Randomness only enters as an explicit seed.
An engine that has a command line exposes ``samenspel.engines.<name>.cli.register(subparsers)``;
``samenspel.cli`` discovers it.
"""
