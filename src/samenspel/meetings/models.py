# SPDX-License-Identifier: EUPL-1.2
"""The bijeenkomst instrument: stamtafel, informatiemarkt, inloopavond, stadscafé, G1000…"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    STAMTAFEL = "stamtafel", _("stamtafel (regulars' table)")
    INFORMATIEMARKT = "informatiemarkt", _("information market")
    INLOOPAVOND = "inloopavond", _("walk-in evening")
    STADSCAFE = "stadscafe", _("city café")
    LAGERHUISDEBAT = "lagerhuisdebat", _("Lagerhuis debate")
    G1000 = "g1000", _("G1000 citizens' summit")
    GESPREKSTAFEL = "gesprekstafel", _("conversation table")


class Bijeenkomst(models.Model):
    use = models.OneToOneField(
        "instruments.InstrumentUse", on_delete=models.CASCADE, related_name="bijeenkomst"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=Kind.choices)
    description = models.TextField(
        _("description"),
        max_length=5000,
        blank=True,
        help_text=_("What the meeting is about and what participants can expect."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    host = models.CharField(_("host"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"))
    report = models.TextField(_("public report"), max_length=20000, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("why the meeting is cancelled"), max_length=2000, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(place="", online_url=""), name="meeting_has_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.use.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.use.gemeente.slug, self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Aanmelding(models.Model):
    """A registration for a meeting (personal data: name and e-mail address), or a place on its
    waiting list when it was full; the first on the list moves up when someone cancels."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="aanmeldingen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aanmeldingen"
    )
    created = models.DateTimeField(auto_now_add=True)
    waiting = models.BooleanField(_("on the waiting list"), default=False)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "user"], name="one_registration")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.bijeenkomst}"


class Verslagpunt(models.Model):
    """A point of the report; it can become input on the trajectory, with feedback owed."""

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="punten")
    text = models.TextField(_("point"), max_length=1000)
    inbreng = models.OneToOneField(
        "trajectories.Inbreng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verslagpunt",
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]
