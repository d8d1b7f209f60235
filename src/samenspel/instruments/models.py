"""An instrument attached to a trajectory in one of its phases."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspel.trajectories.api import Phase, TrajectPart


class InstrumentUse(TrajectPart):
    traject = models.ForeignKey(
        "trajectories.Traject", on_delete=models.CASCADE, related_name="instrument_uses"
    )
    instrument = models.CharField(_("instrument"), max_length=40)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    config = models.JSONField(_("settings"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("instrument in use")
        verbose_name_plural = _("instruments in use")

    def __str__(self) -> str:
        return self.title

    @property
    def manifest(self):
        from samenspel.instruments.registry import registry

        return registry.get(self.instrument)

    def get_absolute_url(self) -> str:
        return self.manifest.detail_url(self)
