# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "samenspel.reach"
    verbose_name = _("Reach")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from samenspel.core.api import PersonalDataHook, register_personal_data
        from samenspel.reach.services import (
            erase_person_rows,
            export_person_rows,
            logged_in,
            use_closed,
        )
        from samenspel.trajectories.services import phase_changed

        register_personal_data(PersonalDataHook("reach", export_person_rows, erase_person_rows))
        phase_changed.connect(use_closed, dispatch_uid="reach.use_closed")
        user_logged_in.connect(logged_in, dispatch_uid="reach.logged_in")
