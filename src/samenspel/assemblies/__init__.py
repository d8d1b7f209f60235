# SPDX-License-Identifier: EUPL-1.2
"""Lot-drawn citizens' assemblies (burgerraad) on a trajectory."""
