# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "samenspel.trajectories"
    verbose_name = _("Trajectories")

    def ready(self) -> None:
        from samenspel.core.api import PersonalDataHook, register_personal_data

        def export(user):
            from samenspel.trajectories.models import Inbreng

            return list(
                Inbreng.objects.filter(author=user).values(
                    "traject__title", "text", "created", "status", "explanation"
                )
            )

        def erase(user) -> int:
            # Input stays part of the public record, without its author.
            from samenspel.trajectories.models import Inbreng

            return Inbreng.objects.filter(author=user).update(author=None)

        register_personal_data(PersonalDataHook("trajectories", export, erase))
