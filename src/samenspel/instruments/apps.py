# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "samenspel.instruments"
    verbose_name = _("Instruments")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from samenspel.core.api import PersonalDataHook, register_personal_data
        from samenspel.instruments import checks  # noqa: F401  (registers the system check)
        from samenspel.instruments.registry import registry
        from samenspel.instruments.services import (
            erase_organiser_rows,
            export_organiser_rows,
            tell_instruments,
        )
        from samenspel.trajectories.services import phase_changed

        autodiscover_modules("instrument")
        registry.validate()
        for manifest in registry:
            register_personal_data(
                PersonalDataHook(
                    f"instrument:{manifest.key}", manifest.avg_export, manifest.avg_erase
                )
            )
        register_personal_data(
            PersonalDataHook("instruments:organisers", export_organiser_rows, erase_organiser_rows)
        )
        phase_changed.connect(tell_instruments, dispatch_uid="instruments.tell_instruments")
