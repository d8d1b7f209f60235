# SPDX-License-Identifier: EUPL-1.2
"""A trajectory (traject): a policy process run in the open, with its phases, the council's
ankerpunten, process agreements, stakeholder map, timeline and the feedback owed on input."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samenspel.core.services import render


class Actor(models.TextChoices):
    """The four actors of docs/domain.md §1."""

    GEMEENTERAAD = "gemeenteraad", _("municipal council")
    COLLEGE = "college", _("mayor and aldermen")
    AMBTENAREN = "ambtenaren", _("officials")
    SAMENLEVING = "samenleving", _("society")


class Domein(models.TextChoices):
    FYSIEK = "fysiek", _("physical")
    SOCIAAL = "sociaal", _("social")
    ECONOMISCH = "economisch", _("economic")
    BESTUURLIJK = "bestuurlijk", _("governance")


class Phase(models.TextChoices):
    VERKENNING = "verkenning", _("exploration")
    KADERSTELLING = "kaderstelling", _("framing by the council")
    PARTICIPATIE = "participatie", _("participation")
    BESLUITVORMING = "besluitvorming", _("decision-making")
    TERUGKOPPELING = "terugkoppeling", _("feedback")
    EVALUATIE = "evaluatie", _("evaluation")
    GESTOPT = "gestopt", _("stopped")


PHASE_ORDER: list[str] = [
    Phase.VERKENNING,
    Phase.KADERSTELLING,
    Phase.PARTICIPATIE,
    Phase.BESLUITVORMING,
    Phase.TERUGKOPPELING,
    Phase.EVALUATIE,
]
#: Phases in which a trajectory takes no more input.
CLOSED_FOR_INPUT = (Phase.GESTOPT, Phase.EVALUATIE)


class Traject(models.Model):
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="trajecten"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000)
    initiator = models.CharField(_("initiating actor"), max_length=20, choices=Actor.choices)
    domein = models.CharField(_("domain"), max_length=20, choices=Domein.choices)
    dossiers = models.CharField(
        _("dossiers"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated tags, for example: klimaat, wonen"),
    )
    gebieden = models.ManyToManyField(
        "municipalities.Gebied", blank=True, related_name="trajecten", verbose_name=_("areas")
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.VERKENNING
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("A trajectory that is not public is visible only to the municipality's staff."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated", "-id"]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        indexes = [models.Index(fields=["gemeente", "phase"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trajectories:detail", args=[self.gemeente.slug, self.pk])

    @property
    def dossier_list(self) -> list[str]:
        return [d.strip() for d in self.dossiers.split(",") if d.strip()]

    def next_phases(self) -> list[str]:
        if self.phase == Phase.GESTOPT:
            return []
        index = PHASE_ORDER.index(self.phase)
        following = PHASE_ORDER[index + 1 : index + 2]
        return [*following, Phase.GESTOPT]


class TrajectPart(models.Model):
    """Base for rows that belong to one trajectory; they carry its municipality too."""

    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.gemeente_id:
            self.gemeente_id = self.traject.gemeente_id
        super().save(*args, **kwargs)


class PhaseChange(TrajectPart):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), max_length=2000)
    #: The conditions of the council's frame that were not met when this change was made
    #: (one per line), and why the college or an official went ahead anyway.
    overridden = models.TextField(_("conditions not met"), max_length=2000, blank=True)
    override_reason = models.TextField(_("reason to go ahead"), max_length=2000, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overridden="") | ~models.Q(override_reason=""),
                name="override_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_phase} → {self.to_phase}"


class AnkerpuntContent(TrajectPart):
    """What an anchor point says, and whether it held: what a change can touch."""

    text = models.TextField(_("anchor point"), max_length=2000)
    held = models.BooleanField(_("held"), null=True, blank=True)
    held_note = models.TextField(_("note on whether it held"), max_length=2000, blank=True)

    class Meta:
        abstract = True


class Ankerpunt(AnkerpuntContent):
    """One of the council's few anchor points, set before the process (docs/domain.md §4).

    The griffier sets and changes them on behalf of the council; every change is kept as an
    ``AnkerpuntVersie``, shown in public with the trajectory.
    """

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="ankerpunten")
    set_on = models.DateField(_("set by the council on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["set_on", "id"]
        verbose_name = _("anchor point")
        verbose_name_plural = _("anchor points")

    def __str__(self) -> str:
        return self.text[:80]


class AnkerpuntVersie(AnkerpuntContent):
    """An anchor point as it was set (version 1) and after each change; never changed itself."""

    ankerpunt = models.ForeignKey(Ankerpunt, on_delete=models.CASCADE, related_name="versies")
    number = models.PositiveIntegerField(_("version"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ankerpunt", "number"]
        verbose_name = _("version of an anchor point")
        verbose_name_plural = _("versions of anchor points")
        constraints = [
            models.UniqueConstraint(fields=["ankerpunt", "number"], name="unique_ankerpunt_version")
        ]

    def __str__(self) -> str:
        return f"{self.ankerpunt} v{self.number}"

    @property
    def changed_by_label(self) -> str:
        """Who made this version on behalf of the council (the griffie once they are erased)."""
        name = self.changed_by.name if self.changed_by else ""
        return name or gettext("the griffie")


class Procesafspraken(TrajectPart):
    """The process agreement: rules of the game, not content (docs/domain.md §4)."""

    traject = models.OneToOneField(
        Traject, on_delete=models.CASCADE, related_name="procesafspraken"
    )
    wie_beslist = models.TextField(_("who decides what"), max_length=4000)
    rollen = models.TextField(_("the role of each actor"), max_length=4000)
    wat_met_inbreng = models.TextField(_("what happens with the input"), max_length=4000)
    terugkoppeling = models.TextField(_("when and how participants hear back"), max_length=4000)
    raad_informeren = models.TextField(_("when the council is informed"), max_length=4000)

    class Meta:
        verbose_name = _("process agreements")
        verbose_name_plural = _("process agreements")

    def __str__(self) -> str:
        return f"Procesafspraken {self.traject}"


class Belang(TrajectPart):
    """An interest or group on the stakeholder map; missing ones are invited (docs/domain.md §4)."""

    class Status(models.TextChoices):
        AANWEZIG = "aanwezig", _("at the table")
        ONTBREEKT = "ontbreekt", _("missing")
        UITGENODIGD = "uitgenodigd", _("invited")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="belangen")
    name = models.CharField(_("interest or group"), max_length=200)
    actor = models.CharField(_("actor"), max_length=20, choices=Actor.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    invited_by = models.CharField(_("invited by"), max_length=200, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        ordering = ["status", "name"]
        verbose_name = _("interest")
        verbose_name_plural = _("stakeholder map")

    def __str__(self) -> str:
        return self.name


class TimelineEvent(TrajectPart):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="events")
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    #: What happened: the English source sentence with %(name)s places for ``params``, shown in
    #: the reader's language. Rows from before params existed (``params`` is None) hold the
    #: sentence as it was written, in Dutch.
    message = models.CharField(max_length=500)
    params = models.JSONField(null=True, blank=True)
    public = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The sentence in the active language."""
        return render(self.message, self.params)


class InbrengStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("received")
    IN_BEHANDELING = "in_behandeling", _("being considered")
    OVERGENOMEN = "overgenomen", _("adopted")
    DEELS_OVERGENOMEN = "deels_overgenomen", _("partly adopted")
    NIET_OVERGENOMEN = "niet_overgenomen", _("not adopted")
    UITGESTELD = "uitgesteld", _("deferred")


OPEN_STATUSES = [InbrengStatus.ONTVANGEN, InbrengStatus.IN_BEHANDELING]
CLOSED_STATUSES = [
    InbrengStatus.OVERGENOMEN,
    InbrengStatus.DEELS_OVERGENOMEN,
    InbrengStatus.NIET_OVERGENOMEN,
]
#: Statuses that owe an explanation to everyone: an answer, or a reason to answer later.
EXPLAINED_STATUSES = [*CLOSED_STATUSES, InbrengStatus.UITGESTELD]


class Inbreng(TrajectPart):
    """A contribution of a participant; feedback on it is owed (docs/domain.md §4)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="inbreng")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbreng",
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    text = models.TextField(_("your input"), max_length=5000)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InbrengStatus.choices, default=InbrengStatus.ONTVANGEN
    )
    explanation = models.TextField(_("public explanation"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("input")
        verbose_name_plural = _("input")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=EXPLAINED_STATUSES) | ~models.Q(explanation=""),
                name="closed_inbreng_has_explanation",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class AntwoordVersie(TrajectPart):
    """An answer to input as it was given; a revision is a new version, never a change of this
    one, so what was promised stays readable in public."""

    inbreng = models.ForeignKey(Inbreng, on_delete=models.CASCADE, related_name="versies")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=InbrengStatus.choices)
    explanation = models.TextField(_("public explanation"), max_length=5000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inbreng", "number"]
        verbose_name = _("version of an answer")
        verbose_name_plural = _("versions of answers")
        constraints = [
            models.UniqueConstraint(fields=["inbreng", "number"], name="unique_answer_version")
        ]

    def __str__(self) -> str:
        return f"{self.inbreng} v{self.number}"
