# SPDX-License-Identifier: EUPL-1.2
"""Declarations other apps build on: the AVG hook each app that holds personal data registers.

Import-light (no models), so an app's ``ready()`` may import it.
"""

from samenspel.core.avg import PersonalDataHook
from samenspel.core.avg import register as register_personal_data

__all__ = ["PersonalDataHook", "register_personal_data"]
