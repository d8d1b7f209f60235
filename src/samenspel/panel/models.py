# SPDX-License-Identifier: EUPL-1.2
"""The burgerpanel (one per municipality) and its consultations (raadpleging).

Personal data lives in ``Member`` only (who the member is, their consent and profile). When a
member leaves, that row goes; their invitations lose the link to them and their answers stay,
anonymous, with the few profile values the weighting needs (``Response.attributes``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The profile attributes a panel may ask, keyed as the CBS margins are.
ATTRIBUTES = ("age_band", "gender", "area", "education", "household")


class Panel(models.Model):
    """What a municipality sets for its panel."""

    gemeente = models.OneToOneField(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    attributes = models.JSONField(default=list)  # a subset of ATTRIBUTES, in order
    purpose = models.TextField(
        _("purpose members consent to"),
        max_length=2000,
        default="",
        help_text=_("Shown when people join; they agree to this purpose."),
    )
    consent_months = models.PositiveIntegerField(
        _("consent holds for (months)"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    max_per_year = models.PositiveIntegerField(
        _("at most this many invitations per member in 12 months"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    min_days = models.PositiveIntegerField(
        _("no invitation within this many days of the previous one"),
        default=30,
        validators=[MaxValueValidator(365)],
    )
    retire_after_months = models.PositiveIntegerField(
        _("retire members who did not answer for (months)"),
        default=18,
        validators=[MinValueValidator(3), MaxValueValidator(60)],
    )
    feedback_days = models.PositiveIntegerField(
        _("feedback is due this many days after closing"),
        default=42,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    def __str__(self) -> str:
        return str(self.gemeente)


class Member(models.Model):
    """A resident in the panel: their recorded consent and their profile (personal data)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    attributes = models.JSONField(default=dict)
    consent_purpose = models.TextField(max_length=2000)
    consent_given = models.DateTimeField()
    consent_until = models.DateField()
    joined = models.DateTimeField()
    confirmed = models.DateTimeField()
    confirm_asked = models.DateTimeField(null=True, blank=True)
    via_letter = models.BooleanField(default=False)
    last_answered = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["panel", "user"], name="one_membership")]

    def __str__(self) -> str:
        return f"{self.panel_id}:{self.pk}"


class ChangeKind(models.TextChoices):
    JOINED = "joined", _("joined")
    LEFT = "left", _("left")
    RETIRED = "retired", _("retired")


class PanelChange(models.Model):
    """That someone joined, left or was retired, and when; says nothing of who."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    on = models.DateField()
    via_letter = models.BooleanField(default=False)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on}"


class Status(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Consultation(models.Model):
    """A raadpleging: a questionnaire to (part of) the panel, on a trajectory."""

    use = models.OneToOneField(
        "instruments.InstrumentUse", on_delete=models.CASCADE, related_name="raadpleging"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="consultations")
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    intro_en = models.TextField(_("introduction in English"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    proposal = models.JSONField(default=dict, blank=True)  # the last proposal, member ids
    opened = models.DateTimeField(null=True, blank=True)
    closed = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(
        _("what the municipality did with the result"), max_length=5000, blank=True
    )
    feedback_given = models.DateTimeField(null=True, blank=True)
    inbreng = models.OneToOneField(
        "trajectories.Inbreng", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.use.title


class Kind(models.TextChoices):
    SINGLE = "single", _("one choice")
    MULTIPLE = "multiple", _("several choices")
    SCALE5 = "scale5", _("scale 1 to 5")
    SCALE10 = "scale10", _("scale 1 to 10")
    RANKING = "ranking", _("ranking")
    OPEN = "open", _("open answer")
    MATRIX = "matrix", _("statements (agree or not)")
    BUDGET = "budget", _("divide a budget")


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind of question"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    text_en = models.CharField(_("question in English"), max_length=500, blank=True)
    options = models.TextField(
        _("options"),
        max_length=3000,
        blank=True,
        help_text=_("One per line: the choices, the items to rank or divide, or the statements."),
    )
    options_en = models.TextField(_("options in English"), max_length=3000, blank=True)
    budget = models.PositiveIntegerField(
        _("points to divide"), default=100, validators=[MaxValueValidator(100_000)]
    )
    show_if = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("only ask when the answer to"),
    )
    show_if_value = models.CharField(_("was"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Invitation(models.Model):
    """One member invited to one consultation. The personal link carries a keyed hash of the
    invitation's id (``services.token``), so nothing secret is stored."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="invitations"
    )
    member = models.ForeignKey(
        Member, null=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    invited = models.DateTimeField()
    reminders = models.PositiveSmallIntegerField(default=0)
    last_mailed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "member"], name="one_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}:{self.pk}"


class Response(models.Model):
    """The answers to one invitation, saved as they are given; anonymous once the member
    leaves (the invitation then points to no one)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, on_delete=models.SET_NULL, related_name="response"
    )
    attributes = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)
    started = models.DateTimeField(auto_now_add=True)
    submitted = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.consultation_id}:{self.pk}"


class Tag(models.Model):
    """A tag the organisers give an open answer."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="tags")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("tag"), max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["question", "response", "name"], name="one_tag")
        ]

    def __str__(self) -> str:
        return self.name
