# SPDX-License-Identifier: EUPL-1.2
"""“Mijn Samenspel”: when a person last looked at their home, to show what changed since."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    """The latest visit to /mijn/ and the one before it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    previous = models.DateTimeField(_("previous visit"), null=True, blank=True)
    latest = models.DateTimeField(_("latest visit"))

    class Meta:
        verbose_name = _("visit to My Samenspel")
        verbose_name_plural = _("visits to My Samenspel")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.latest:%Y-%m-%d %H:%M}"
