# SPDX-License-Identifier: EUPL-1.2
"""Participatory budgets and bezuinigingsdialogen (begroting) on a trajectory."""
