from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "samenspel.instruments"
    verbose_name = _("Instruments")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from samenspel.instruments import checks  # noqa: F401  (registers the system check)
        from samenspel.instruments.registry import registry

        autodiscover_modules("instrument")
        registry.validate()
