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

        autodiscover_modules("instrument")
        registry.validate()
        for manifest in registry:
            register_personal_data(
                PersonalDataHook(
                    f"instrument:{manifest.key}", manifest.avg_export, manifest.avg_erase
                )
            )
