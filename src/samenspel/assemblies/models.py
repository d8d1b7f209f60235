# SPDX-License-Identifier: EUPL-1.2
"""The burgerraad instrument: its set-up, the residents who answered their letter (the pool),
the public draw and the replacements (docs/domain.md §5)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Burgerraad(models.Model):
    """The set-up of one lot-drawn citizens' assembly: what it answers, what the council
    promises, its seats and dates, and the features its panel is stratified on."""

    use = models.OneToOneField(
        "instruments.InstrumentUse", on_delete=models.CASCADE, related_name="burgerraad"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )
    question = models.TextField(_("question the burgerraad answers"), max_length=1000)
    mandate = models.TextField(_("mandate"), max_length=3000)
    promise = models.TextField(
        _("what the council promises to do with the advice"), max_length=3000
    )
    seats = models.PositiveIntegerField(_("number of seats"))
    meeting_dates = models.JSONField(_("meeting dates"), default=list)
    compensation = models.CharField(_("compensation offered"), max_length=300)
    features = models.JSONField(_("features to stratify on"), default=list)
    extra_question = models.CharField(
        _("a question of your own to stratify on"), max_length=200, blank=True
    )
    extra_quotas = models.JSONField(default=list, blank=True)
    tolerance = models.PositiveIntegerField(
        _("room around each quota (seats)"),
        default=1,
        help_text=_("A quota may be this many seats below or above its expected number."),
    )
    panels = models.PositiveIntegerField(
        _("number of panels the lottery chooses from"), default=100
    )
    erase_after_days = models.PositiveIntegerField(
        _("days after the draw to erase the data of people not drawn"), default=30
    )
    ends_on = models.DateField(_("the burgerraad ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("citizens' assembly")
        verbose_name_plural = _("citizens' assemblies")

    def __str__(self) -> str:
        return self.use.title

    def get_absolute_url(self) -> str:
        return reverse("assemblies:detail", args=[self.use.gemeente.slug, self.pk])

    @property
    def meeting_days(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.meeting_dates]


class Status(models.TextChoices):
    POOL = "pool", _("in the pool")
    MEMBER = "member", _("drawn")
    WITHDRAWN = "withdrawn", _("withdrew")
    REPLACEMENT = "replacement", _("drawn as replacement")


class Respondent(models.Model):
    """A resident who answered the letter with its code: one per household (one letter, one
    code, one answer). ``number`` is the pseudonymous id in the published pool; the name and
    contact details are erased after the period, the feature values stay in the record."""

    burgerraad = models.ForeignKey(Burgerraad, on_delete=models.CASCADE, related_name="respondents")
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )
    household = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="burgerraad_answers",
    )
    code_id = models.PositiveBigIntegerField(null=True, blank=True)
    values = models.JSONField(default=dict)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    available = models.JSONField(_("available on"), default=list)
    needs = models.JSONField(_("needs"), default=list)
    needs_note = models.CharField(_("other needs"), max_length=500, blank=True)
    consent_at = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)
    number = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.POOL)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirm_digest = models.CharField(max_length=64, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["burgerraad", "household"], name="one_respondent_per_household"
            ),
            models.UniqueConstraint(fields=["burgerraad", "number"], name="one_pool_number"),
        ]

    def __str__(self) -> str:
        return f"{self.burgerraad} #{self.number or self.pk}"

    @property
    def pseudonym(self) -> str:
        return str(self.number or "")


class Draw(models.Model):
    """The public draw: the frozen anonymised pool and quotas, the list of panels published
    before the draw with its digest, and, once the public number or seed is entered, the record
    and the proces-verbaal."""

    burgerraad = models.OneToOneField(Burgerraad, on_delete=models.CASCADE, related_name="draw")
    people_csv = models.TextField()
    categories_csv = models.TextField()
    size = models.PositiveIntegerField()
    m = models.PositiveIntegerField()
    prepared_at = models.DateTimeField(null=True, blank=True)
    panels = models.JSONField(default=list)
    published = models.TextField(blank=True)
    digest = models.CharField(max_length=64, blank=True)
    probabilities = models.JSONField(default=list)
    rounding_change = models.FloatField(null=True, blank=True)
    seed = models.CharField(_("published seed"), max_length=100, blank=True)
    public_number = models.PositiveIntegerField(_("public number"), null=True, blank=True)
    record = models.JSONField(default=dict, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    place = models.CharField(_("place of the draw"), max_length=300, blank=True)
    present = models.TextField(_("who was present"), max_length=2000, blank=True)
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")

    def __str__(self) -> str:
        return f"{self.burgerraad}: {self.size} of {self.m}"


class Replacement(models.Model):
    """A member who withdrew before the first meeting, and who took the seat by the rule
    published before the draw (the rank in the replacement order)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="replacements")
    dropout = models.CharField(max_length=20)
    replacement = models.CharField(max_length=20)
    rank = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.dropout} → {self.replacement}"
