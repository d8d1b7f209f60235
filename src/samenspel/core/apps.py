from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samenspel.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from samenspel.core.avg import PersonalDataHook, register

        def export(user):
            from samenspel.core.models import Notification

            return {
                "account": {
                    "email": user.email,
                    "name": user.name,
                    "date_joined": user.date_joined.isoformat(),
                },
                "notifications": list(
                    Notification.objects.filter(recipient=user).values("created", "subject")
                ),
            }

        def erase(user) -> int:
            from samenspel.core.models import Notification

            return Notification.objects.filter(recipient=user).delete()[0]

        register(PersonalDataHook("core", export, erase))
