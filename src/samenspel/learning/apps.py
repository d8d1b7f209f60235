# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "samenspel.learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from samenspel.core.api import PersonalDataHook, register_personal_data
        from samenspel.learning.services import erase_person, export_person

        register_personal_data(PersonalDataHook("learning", export_person, erase_person))
