# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "samenspel.home"
    verbose_name = _("My Samenspel")

    def ready(self) -> None:
        from samenspel.core.api import PersonalDataHook, register_personal_data

        def export(user):
            from samenspel.home.models import Visit

            return list(Visit.objects.filter(user=user).values("previous", "latest"))

        def erase(user) -> int:
            from samenspel.home.models import Visit

            return Visit.objects.filter(user=user).delete()[0]

        register_personal_data(PersonalDataHook("home", export, erase))
