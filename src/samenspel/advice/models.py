# SPDX-License-Identifier: EUPL-1.2
"""Each municipality's kader (versioned) and the advice stored on a trajectory."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from samenspel.engines.advice import MAX_KADER_CHARS, RUNGS, STANCES
from samenspel.trajectories.api import TrajectPart

RUNG_CHOICES = [(r, r) for r in RUNGS]
STANCE_CHOICES = [(s, s) for s in STANCES]


class KaderVersie(models.Model):
    """One saved version of a kader; ``gemeente`` is empty for Samenspel's shipped default.

    Versions are never changed: every saved change is a new row, so an advice can always be
    reproduced with the exact kader it was given with.
    """

    gemeente = models.ForeignKey(
        "municipalities.Gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kader_versies",
    )
    number = models.PositiveIntegerField(_("version"))
    version_id = models.CharField(max_length=120)
    source = models.TextField(_("kader (YAML)"), max_length=MAX_KADER_CHARS)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "number"], name="unique_kader_version"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("source"), MAX_KADER_CHARS),
                name="kader_source_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente or 'Samenspel'} v{self.number}"


class Advies(TrajectPart):
    """The advice for a trajectory, with the choice the officials actually made."""

    traject = models.ForeignKey(
        "trajectories.Traject", on_delete=models.CASCADE, related_name="adviezen"
    )
    kader = models.ForeignKey(KaderVersie, on_delete=models.PROTECT, related_name="adviezen")
    answers = models.JSONField()
    result = models.JSONField()
    rung = models.CharField(_("advised rung"), max_length=20, choices=RUNG_CHOICES)
    stance = models.CharField(_("advised stance"), max_length=20, choices=STANCE_CHOICES)
    role = models.CharField(_("advised role"), max_length=20)
    chosen_rung = models.CharField(
        _("chosen rung"), max_length=20, choices=RUNG_CHOICES, blank=True
    )
    chosen_stance = models.CharField(
        _("chosen stance"), max_length=20, choices=STANCE_CHOICES, blank=True
    )
    deviation_reason = models.TextField(_("reason for deviating"), max_length=4000, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chosen_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        get_latest_by = "created"

    def __str__(self) -> str:
        return f"{self.traject}: {self.rung}"

    @property
    def chosen(self) -> bool:
        return bool(self.chosen_rung)

    @property
    def followed(self) -> bool:
        return self.chosen_rung == self.rung and self.chosen_stance == self.stance
