# SPDX-License-Identifier: EUPL-1.2
"""An instrument attached to a trajectory in one of its phases, and the people organising it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.instruments import config
from samenspel.trajectories.api import Phase, TrajectPart


class InstrumentUse(TrajectPart):
    traject = models.ForeignKey(
        "trajectories.Traject", on_delete=models.CASCADE, related_name="instrument_uses"
    )
    instrument = models.CharField(_("instrument"), max_length=40)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    # The manifest's typed settings (``settings``), and per phase of the trajectory its
    # ``phase_settings`` ({phase: {...}}); read them back through ``settings`` and
    # ``settings_in``, write them through ``services.save_settings``.
    config = models.JSONField(_("settings"), default=dict, blank=True)
    phase_config = models.JSONField(_("settings per phase"), default=dict, blank=True)
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

    @property
    def settings(self) -> Any:
        """The use's settings as the manifest's dataclass."""
        return config.read(self.manifest.settings, self.config)

    def settings_in(self, phase: str | None = None) -> Any:
        """The phase settings for ``phase`` (default: the trajectory's current phase), as the
        manifest's ``phase_settings`` dataclass."""
        phase_settings = self.manifest.phase_settings
        if phase_settings is None:
            raise TypeError(f"{self.instrument} has no phase settings")
        phase = phase or self.traject.phase
        return config.read(phase_settings, self.phase_config.get(phase))

    def instrument_url(self, url_name: str) -> str:
        """A page of the instrument for this use (its detail page, an export)."""
        return reverse(url_name, args=[self.gemeente.slug, self.manifest.object_id(self)])

    def get_absolute_url(self) -> str:
        return self.instrument_url(self.manifest.detail_url_name)


class Organiser(models.Model):
    """A person who organises one instrument use: its creator, and whoever they or the
    griffie name (for a burgerraad: the griffie or named officials)."""

    use = models.ForeignKey(InstrumentUse, on_delete=models.CASCADE, related_name="organisers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organised_uses"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        constraints = [models.UniqueConstraint(fields=["use", "user"], name="one_organiser_row")]

    def __str__(self) -> str:
        return f"{self.user} – {self.use}"

    def save(self, *args, **kwargs):
        if not self.gemeente_id:
            self.gemeente_id = self.use.gemeente_id
        super().save(*args, **kwargs)
