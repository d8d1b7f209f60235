# SPDX-License-Identifier: EUPL-1.2
"""Provinces, municipalities (gemeenten) and their areas (kernen, wijken, buurten)."""

from __future__ import annotations

import hashlib

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.theme import check_colour, check_favicon, check_logo

# docs/domain.md §1: CBS size classes used in the research.
KLEIN_BELOW = 30_000
GROOT_ABOVE = 60_000


class SizeClass(models.TextChoices):
    KLEIN = "klein", _("small (< 30,000 inhabitants)")
    MIDDELGROOT = "middelgroot", _("medium (30,000–60,000 inhabitants)")
    GROOT = "groot", _("large (> 60,000 inhabitants)")


def size_class_for(inhabitants: int) -> str:
    """Size class per docs/domain.md §1: klein < 30,000; middelgroot 30,000–60,000;
    groot > 60,000."""
    if inhabitants < KLEIN_BELOW:
        return SizeClass.KLEIN
    if inhabitants > GROOT_ABOVE:
        return SizeClass.GROOT
    return SizeClass.MIDDELGROOT


class Provincie(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Gemeente(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(unique=True)
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("A CBS code looks like GM0355."))],
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"))
    inhabitants_reference_date = models.DateField(_("reference date of inhabitants"), null=True)
    provincie = models.ForeignKey(
        Provincie, on_delete=models.PROTECT, related_name="gemeenten", verbose_name=_("province")
    )
    # The municipality's own look on top of the example theme (empty: the example theme).
    theme_primary = models.CharField(
        _("main colour"),
        max_length=7,
        blank=True,
        validators=[check_colour],
        help_text=_("For the page header and the main buttons, with white text on it."),
    )
    theme_link = models.CharField(
        _("link colour"),
        max_length=7,
        blank=True,
        validators=[check_colour],
        help_text=_("For links on the white page."),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="gemeenten/logo/",
        max_length=200,
        blank=True,
        validators=[check_logo],
        help_text=_("PNG or JPEG, at most 200 KB; shown in the page header."),
    )
    favicon = models.FileField(
        _("favicon"),
        upload_to="gemeenten/favicon/",
        max_length=200,
        blank=True,
        validators=[check_favicon],
        help_text=_("PNG or ICO, at most 50 KB; the small picture in the browser tab."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def has_theme(self) -> bool:
        return bool(self.theme_primary or self.theme_link or self.logo or self.favicon)

    @property
    def theme_version(self) -> str:
        """Changes whenever the theme does, so browsers fetch the new stylesheet and pictures."""
        parts = (self.theme_primary, self.theme_link, self.logo.name or "", self.favicon.name or "")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]

    @property
    def size_class(self) -> str:
        return size_class_for(self.inhabitants)

    def get_size_class_display(self) -> str:
        return str(SizeClass(self.size_class).label)


class GebiedKind(models.TextChoices):
    KERN = "kern", _("village or town")
    WIJK = "wijk", _("district")
    BUURT = "buurt", _("neighbourhood")


class Gebied(models.Model):
    """An area of a municipality; areas nest (a buurt within a wijk or kern)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="gebieden")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("part of"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=GebiedKind.choices)
    name = models.CharField(_("name"), max_length=150)
    cbs_code = models.CharField(_("CBS code"), max_length=10, blank=True)
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "kind", "name"], name="unique_gebied_name")
        ]

    def __str__(self) -> str:
        return self.name
