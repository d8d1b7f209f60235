# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "samenspel.reach"
    verbose_name = _("Reach")

    def ready(self) -> None:
        from samenspel.core.api import PersonalDataHook, register_personal_data
        from samenspel.reach.services import erase_person_rows, export_person_rows, use_closed
        from samenspel.trajectories.services import phase_changed

        register_personal_data(PersonalDataHook("reach", export_person_rows, erase_person_rows))
        phase_changed.connect(use_closed, dispatch_uid="reach.use_closed")
