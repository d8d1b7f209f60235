# SPDX-License-Identifier: EUPL-1.2
"""Experiments with their indicators and measuring moments, lessons on the sticky wall, and the
province's intervision groups (docs/domain.md §6–§8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: A municipality sets at most this many indicators per experiment (docs/domain.md §6).
MAX_INDICATORS = 10


class Corner(models.TextChoices):
    """The four corners of the sticky wall: the four actors of docs/domain.md §1."""

    RAAD = "raad", _("council")
    COLLEGE = "college", _("college")
    AMBTENAREN = "ambtenaren", _("officials")
    SAMENLEVING = "samenleving", _("society")


class Theme(models.TextChoices):
    INITIATIEVEN = "initiatieven", _("initiatives from society")
    BELEID = "beleid", _("participation in policy")
    RAAD = "raad", _("the council's role")
    ORGANISATIE = "organisatie", _("the municipal organisation")
    BEREIK = "bereik", _("reaching people who seldom take part")
    ZORG = "zorg", _("care and support close to home")
    LEEFOMGEVING = "leefomgeving", _("the living environment")


class Instrument(models.TextChoices):
    """The ways of working together, with the keys of the decision aid's kader."""

    BIJEENKOMST = "bijeenkomst", _("meeting")
    RAADPLEGING = "raadpleging", _("consultation or citizens' panel")
    BURGERRAAD = "burgerraad", _("citizens' assembly drawn by lot")
    BEGROTING = "begroting", _("participatory budget")
    PITCH = "pitch_gemengde_jury", _("pitches with a mixed jury")
    ZELFBEHEER = "spelregels_zelfbeheer", _("self-management under agreed rules")
    G1000 = "g1000", _("G1000 citizens' summit")
    DORPSONDERSTEUNER = "dorpsondersteuner", _("village supporters")
    DEMOCREATIESPEL = "democreatiespel", _("DemoCreatie game")
    ANDERS = "anders", _("another way")


class Sharing(models.TextChoices):
    GEMEENTE = "gemeente", _("only within the municipality")
    PROVINCIE = "provincie", _("with the municipalities and staff of the province")
    LANDELIJK = "landelijk", _("with every municipality and province")


class Rhythm(models.TextChoices):
    HALFJAAR = "halfjaar", _("every half year")
    JAAR = "jaar", _("every year")


RHYTHM_MONTHS: dict[str, int] = {Rhythm.HALFJAAR: 6, Rhythm.JAAR: 12}


class Kind(models.TextChoices):
    COUNT = "aantal", _("count")
    SCALE = "schaal", _("score from 1 to 10")
    YESNO = "janee", _("yes or no")
    AMOUNT = "bedrag", _("amount in euros")
    TEXT = "tekst", _("text")


NUMERIC_KINDS = (Kind.COUNT, Kind.SCALE, Kind.YESNO, Kind.AMOUNT)


class Experiment(models.Model):
    """A trajectory (or an initiative from society) followed as an experiment, with a learning
    question, up to ten indicators and the central question answered every year."""

    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    traject = models.OneToOneField(
        "trajectories.Traject",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("trajectory"),
    )
    title = models.CharField(_("title"), max_length=200)
    initiator = models.CharField(_("initiating actor"), max_length=20, choices=Corner.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    instrument = models.CharField(_("way of working"), max_length=30, choices=Instrument.choices)
    learning_question = models.TextField(_("learning question"), max_length=1000)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible official"),
    )
    started_on = models.DateField(_("started on"))
    sharing = models.CharField(
        _("share"), max_length=20, choices=Sharing.choices, default=Sharing.GEMEENTE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    #: When the responsible official was last reminded of the coming measuring moment.
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(default=0)
    question = models.CharField(_("indicator"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    #: The key of a known indicator (``samenspel.learning.known``) the platform fills in itself;
    #: empty when the official enters it.
    known = models.CharField(_("filled in by Samenspel"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    rhythm = models.CharField(
        _("measured"), max_length=10, choices=Rhythm.choices, default=Rhythm.HALFJAAR
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.question

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


class Moment(models.Model):
    """A measuring moment: the values of a period, with a reflection per actor; kept as it was
    recorded, so moments stay comparable over time."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="moments")
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period_end", "id"]
        verbose_name = _("measuring moment")
        verbose_name_plural = _("measuring moments")
        constraints = [
            models.UniqueConstraint(fields=["experiment", "period_end"], name="one_moment_per_end"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="moment_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.experiment} {self.period_end}"


class Value(models.Model):
    moment = models.ForeignKey(Moment, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(max_length=2000, blank=True)
    #: Filled in by Samenspel from its own records (a known indicator).
    computed = models.BooleanField(default=False)

    class Meta:
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["moment", "indicator"], name="one_value_per_moment")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.number if self.number is not None else self.text[:40]}"


class Reflection(models.Model):
    """What went well and what disappointed, seen from one actor."""

    moment = models.ForeignKey(Moment, on_delete=models.CASCADE, related_name="reflections")
    corner = models.CharField(_("actor"), max_length=20, choices=Corner.choices)
    went_well = models.TextField(_("what went well"), max_length=2000, blank=True)
    disappointed = models.TextField(_("what disappointed"), max_length=2000, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.corner


class Answer(models.Model):
    """Once a year: did the experiment deepen the connection with society (schaalverdieping)?"""

    class Verdict(models.TextChoices):
        JA = "ja", _("yes")
        DEELS = "deels", _("partly")
        NEE = "nee", _("no")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="answers")
    year = models.PositiveSmallIntegerField(_("year"))
    verdict = models.CharField(_("answer"), max_length=10, choices=Verdict.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["experiment", "year"], name="one_answer_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.experiment_id} {self.year}: {self.verdict}"


class Respondent(models.TextChoices):
    DEELNEMER = "deelnemer", _("participant")
    ORGANISATOR = "organisator", _("organiser")


class Evaluation(models.Model):
    """One filled-in questionnaire of the evaluation at the end, along the OECD's three stages:
    the integrity of the design, the deliberative experience and the pathways to impact."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="evaluations")
    respondent = models.CharField(max_length=20, choices=Respondent.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    design_score = models.PositiveSmallIntegerField(_("score for the design"))
    design = models.TextField(_("about the design"), max_length=2000, blank=True)
    experience_score = models.PositiveSmallIntegerField(_("score for the experience"))
    experience = models.TextField(_("about the experience"), max_length=2000, blank=True)
    impact_score = models.PositiveSmallIntegerField(_("score for the impact"))
    impact = models.TextField(_("about the impact"), max_length=2000, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "author"], name="one_evaluation_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.experiment_id} {self.respondent}"


class Lesson(models.Model):
    """A note on the sticky wall: a success factor, a bottleneck or a need, placed at the actor
    or actors it concerns. It is shared only after its author approved the text."""

    class Kind(models.TextChoices):
        SUCCES = "succes", _("success factor")
        KNELPUNT = "knelpunt", _("bottleneck")
        BEHOEFTE = "behoefte", _("need")

    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of note"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=1000)
    at_raad = models.BooleanField(_("council"), default=False)
    at_college = models.BooleanField(_("college"), default=False)
    at_ambtenaren = models.BooleanField(_("officials"), default=False)
    at_samenleving = models.BooleanField(_("society"), default=False)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    instrument = models.CharField(
        _("way of working"), max_length=30, choices=Instrument.choices, blank=True
    )
    experiment = models.ForeignKey(
        Experiment, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons"
    )
    session = models.ForeignKey(
        "learning.Session", null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sharing = models.CharField(
        _("share"), max_length=20, choices=Sharing.choices, default=Sharing.PROVINCIE
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(at_raad=True)
                | models.Q(at_college=True)
                | models.Q(at_ambtenaren=True)
                | models.Q(at_samenleving=True),
                name="lesson_placed_at_an_actor",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def corners(self) -> list[str]:
        return [c for c in Corner.values if getattr(self, f"at_{c}")]

    @property
    def corner_labels(self) -> list[str]:
        return [str(Corner(c).label) for c in self.corners]


class Group(models.Model):
    """An intervision group: about four officials from different municipalities, by theme,
    formed by a provincie-medewerker."""

    provincie = models.ForeignKey(
        "municipalities.Provincie", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("officials")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("intervision group")
        verbose_name_plural = _("intervision groups")

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place or online link"), max_length=300)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("intervision session")
        verbose_name_plural = _("intervision sessions")

    def __str__(self) -> str:
        return f"{self.group} {self.starts_at:%Y-%m-%d}"
