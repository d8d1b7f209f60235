# SPDX-License-Identifier: EUPL-1.2
"""Monitoring experiments, lessons, intervision and the province's view."""
