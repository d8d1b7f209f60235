# SPDX-License-Identifier: EUPL-1.2
"""Declarations other apps build on: the AVG hook each app that holds personal data registers,
and the minimum cell size of every public aggregate.

Import-light (no models), so an app's ``ready()`` may import it.
"""

from samenspel.core.avg import MIN_CELL, PersonalDataHook
from samenspel.core.avg import register as register_personal_data

__all__ = ["MIN_CELL", "PersonalDataHook", "register_personal_data"]
