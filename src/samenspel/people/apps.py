# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "samenspel.people"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from samenspel.core.api import PersonalDataHook, register_personal_data
        from samenspel.people.services import erase_account, export_account

        register_personal_data(PersonalDataHook("people", export_account, erase_account))
