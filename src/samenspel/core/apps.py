# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samenspel.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from samenspel.core.avg import PersonalDataHook, erase_inbox, export_core, register

        register(PersonalDataHook("core", export_core, erase_inbox))
