# SPDX-License-Identifier: EUPL-1.2
"""The begroting instrument: a participatory budget or a bezuinigingsdialoog (docs/domain.md §5).

A *begroting* is split into *delen* (one budget, thematafels or wijken, each with its amount);
residents submit *voorstellen*; the council's frames are protected budget lines (*posten*) no
proposal may touch. Ballots (*stemmen*) are one per voter, changeable until the deadline; the
count (*uitslag*) is made per deel from the stored ballots by the rule frozen when voting opened.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SPENDING = "spending", _("participatory budget (spending)")
    SAVINGS = "savings", _("budget-cut dialogue (savings target)")


class BallotType(models.TextChoices):
    KNAPSACK = "knapsack", _("choose projects within the budget")
    MAX_N = "max_n", _("choose at most a number of projects")
    POINTS = "points", _("divide points over projects")


class Rule(models.TextChoices):
    MES = "mes", _("method of equal shares (with add1 completion)")
    GREEDY = "greedy", _("most votes first (greedy)")
    PHRAGMEN = "phragmen", _("sequential Phragmén")


class TieBreak(models.TextChoices):
    NUMBER = "number", _("the proposal submitted first")
    CHEAPEST = "cheapest", _("the cheaper proposal")


class Status(models.TextChoices):
    SETUP = "setup", _("being prepared")
    PROPOSALS = "proposals", _("open for proposals")
    VOTING = "voting", _("voting is open")
    CLOSED = "closed", _("voting is closed")
    COUNTED = "counted", _("counted")


class Level(models.TextChoices):
    DECLARED = "declared", _("consultative: residents who said they live here")
    CODE = "code", _("binding: residents with the code from their letter")


class Begroting(models.Model):
    use = models.OneToOneField(
        "instruments.InstrumentUse", on_delete=models.CASCADE, related_name="begroting"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+", editable=False
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    total = models.PositiveBigIntegerField(
        _("amount in euros"), help_text=_("The money to spend, or the savings target.")
    )
    ballot_type = models.CharField(
        _("ballot"), max_length=10, choices=BallotType.choices, default=BallotType.KNAPSACK
    )
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many projects"), default=5, help_text=_("For the ballot with a maximum.")
    )
    points = models.PositiveSmallIntegerField(
        _("points per voter"), default=10, help_text=_("For the ballot with points.")
    )
    rule = models.CharField(_("counting rule"), max_length=10, choices=Rule.choices, default="mes")
    tie_break = models.CharField(
        _("when two proposals tie"), max_length=10, choices=TieBreak.choices, default="number"
    )
    level = models.CharField(
        _("who may vote"), max_length=10, choices=Level.choices, default=Level.DECLARED
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    closes_at = models.DateTimeField(_("voting closes at"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SETUP)
    # The rules as published when voting opened; from then on they cannot change.
    frozen = models.JSONField(default=dict, blank=True, editable=False)
    frozen_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return self.use.title

    def get_absolute_url(self) -> str:
        return reverse("budgeting:detail", args=[self.use.gemeente.slug, self.pk])

    @property
    def is_savings(self) -> bool:
        return self.kind == Kind.SAVINGS


class Deel(models.Model):
    """A part of the budget with its own amount: a thematafel or a wijk (the whole budget when
    there is one part). A part with a ``gebied`` is for the residents of that area only."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="delen")
    name = models.CharField(_("name"), max_length=120)
    amount = models.PositiveBigIntegerField(_("amount in euros"))
    gebied = models.ForeignKey(
        "municipalities.Gebied",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("only for residents of"),
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["begroting", "name"], name="one_deel_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A line of the municipal budget; a protected one is a frame the council set."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="posten")
    name = models.CharField(_("budget line"), max_length=120)
    amount = models.PositiveBigIntegerField(_("amount in euros"))
    protected = models.BooleanField(_("protected by the council"), default=False)
    frame = models.CharField(
        _("the council's frame"),
        max_length=300,
        blank=True,
        help_text=_("For a protected line: what the council decided, in one sentence."),
    )

    class Meta:
        ordering = ["-protected", "name"]
        constraints = [models.UniqueConstraint(fields=["begroting", "name"], name="one_post_name")]

    def __str__(self) -> str:
        return self.name


class Ontbrekend(models.Model):
    """Completing the group: an interest missing at a thematafel, and whom was invited."""

    deel = models.ForeignKey(Deel, on_delete=models.CASCADE, related_name="ontbrekend")
    interest = models.CharField(_("missing interest"), max_length=200)
    invited = models.CharField(_("whom we invited"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.interest


class VoorstelStatus(models.TextChoices):
    SUBMITTED = "submitted", _("being checked")
    ACCEPTED = "accepted", _("on the ballot")
    REJECTED = "rejected", _("not feasible")
    MERGED = "merged", _("merged with another proposal")


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    AMENDED = "amended", _("adopted with changes")
    REJECTED = "rejected", _("rejected")


class Voorstel(models.Model):
    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="voorstellen")
    number = models.PositiveIntegerField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=3000)
    deel = models.ForeignKey(Deel, on_delete=models.PROTECT, related_name="voorstellen")
    estimate = models.PositiveBigIntegerField(_("estimated amount in euros"))
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voorstellen",
        verbose_name=_("budget line it cuts"),
    )
    cost = models.PositiveBigIntegerField(_("cost in euros"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=VoorstelStatus.choices, default=VoorstelStatus.SUBMITTED
    )
    reason = models.TextField(_("public reason"), max_length=2000, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    inbreng = models.OneToOneField(
        "trajectories.Inbreng", null=True, on_delete=models.SET_NULL, related_name="voorstel"
    )
    decision = models.CharField(
        _("council decision"), max_length=10, choices=Decision.choices, blank=True
    )
    decision_date = models.DateField(_("date of the council decision"), null=True, blank=True)
    decision_url = models.URLField(_("link to the council decision"), blank=True)
    decision_amount = models.PositiveBigIntegerField(
        _("amount decided in euros"), null=True, blank=True
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["begroting", "number"], name="one_voorstel_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        slug = self.begroting.use.gemeente.slug
        return reverse("budgeting:voorstel", args=[slug, self.begroting_id, self.pk])

    @property
    def amount(self) -> int:
        """What the proposal costs (or saves): the checked cost, else the estimate."""
        return self.cost if self.cost is not None else self.estimate


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper, entered by two officials")
    CSV = "csv", _("paper, imported from a file")


class AgeBand(models.TextChoices):
    UNDER_15 = "0-14", _("younger than 15")
    YOUNG = "15-24", _("15 to 24")
    ADULT = "25-44", _("25 to 44")
    MIDDLE = "45-64", _("45 to 64")
    OLDER = "65+", _("65 or older")
    UNKNOWN = "", _("rather not say")


class Stem(models.Model):
    """One voter's ballot. ``voter_key`` is the voter (an account, or a paper ballot's sheet
    number): unique per begroting, so a voter has one ballot whatever arrives at once. The
    receipt code is kept only as a keyed hash; ``public_id`` is the ballot's anonymous id in the
    published count."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="stemmen")
    voter_key = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    gebied = models.ForeignKey(
        "municipalities.Gebied", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    receipt = models.CharField(max_length=64, unique=True, editable=False)
    public_id = models.CharField(max_length=16, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    counted_version = models.PositiveIntegerField(null=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    changed = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["begroting", "voter_key"], name="one_ballot_per_voter")
        ]

    def __str__(self) -> str:
        return self.public_id


class Keuze(models.Model):
    stem = models.ForeignKey(Stem, on_delete=models.CASCADE, related_name="keuzes")
    voorstel = models.ForeignKey(Voorstel, on_delete=models.PROTECT, related_name="keuzes")
    points = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stem", "voorstel"], name="one_choice_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.stem_id}: {self.voorstel_id}"


class PaperEntry(models.Model):
    """A paper ballot as one official typed it; it counts once a second official confirms it."""

    begroting = models.ForeignKey(Begroting, on_delete=models.CASCADE, related_name="paper")
    sheet = models.CharField(_("ballot paper number"), max_length=20)
    choices = models.JSONField(default=dict)
    gebied = models.ForeignKey(
        "municipalities.Gebied", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    stem = models.OneToOneField(Stem, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["begroting", "sheet"], name="one_paper_entry"),
            models.CheckConstraint(
                condition=~models.Q(confirmed_by=models.F("entered_by")),
                name="paper_confirmed_by_another",
            ),
        ]

    def __str__(self) -> str:
        return self.sheet


class Uitslag(models.Model):
    """The published count of one deel: winners, a reason per project and the .pb file."""

    deel = models.OneToOneField(Deel, on_delete=models.CASCADE, related_name="uitslag")
    rule = models.CharField(max_length=40)
    selected = models.JSONField(default=list)
    reasons = models.JSONField(default=dict)
    support = models.JSONField(default=dict)
    ballots = models.PositiveIntegerField(default=0)
    pb = models.TextField()
    counted_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.deel)
