# SPDX-License-Identifier: EUPL-1.2
"""Samenspel: a platform for lokale democratische vernieuwing in Dutch municipalities."""

__version__ = "0.1.0"
