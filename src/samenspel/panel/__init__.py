# SPDX-License-Identifier: EUPL-1.2
"""The resident panel (burgerpanel) and its consultations (raadpleging)."""
