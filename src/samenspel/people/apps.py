from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "samenspel.people"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from samenspel.core.avg import PersonalDataHook, register
        from samenspel.people.services import erase_account, export_account

        register(PersonalDataHook("people", export_account, erase_account))
