# SPDX-License-Identifier: EUPL-1.2
"""Users and their roles: a role always holds in one municipality (or one province)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person using Samenspel; logs in with an e-mail address."""

    # Fields of AbstractUser that Samenspel drops (the stubs type them as always present).
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[misc, assignment]  # by e-mail, not username

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


class Role(models.TextChoices):
    RAADSLID = "raadslid", _("council member")
    GRIFFIER = "griffier", _("council clerk")
    COLLEGELID = "collegelid", _("mayor or alderman")
    AMBTENAAR = "ambtenaar", _("official")
    INWONER = "inwoner", _("resident")
    ORGANISATIE = "organisatie", _("organisation or entrepreneur")
    PROVINCIE = "provincie", _("province staff")


# Roles of the municipal organisation (the council, the college and the officials).
STAFF_ROLES = frozenset({Role.RAADSLID, Role.GRIFFIER, Role.COLLEGELID, Role.AMBTENAAR})
# Who is informed "from minute one" (docs/domain.md §1): the council, the griffie and the college.
INFORMED_ROLES = frozenset({Role.RAADSLID, Role.GRIFFIER, Role.COLLEGELID})
SOCIETY_ROLES = frozenset({Role.INWONER, Role.ORGANISATIE})
# Every role that sees non-public data (closed trajectories, input with its authors, feedback
# overviews): each of them needs two-factor authentication.
TWO_FACTOR_ROLES = STAFF_ROLES | {Role.PROVINCIE}


class AssuranceLevel(models.TextChoices):
    """How sure the platform is of who someone is in a municipality, weakest first: given by the
    person, proven with a personal code from a letter to their address, or proven with DigiD."""

    DECLARED = "declared", _("declared by the person")
    CODE = "code", _("proven with a code by letter")
    DIGID = "digid", _("proven with DigiD")


# Weakest first: a level meets every level before it.
ASSURANCE_ORDER = tuple(AssuranceLevel.values)


class Membership(models.Model):
    """A role of a user in one municipality, or, for province staff, in one province."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    gemeente = models.ForeignKey(
        "municipalities.Gemeente",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    provincie = models.ForeignKey(
        "municipalities.Provincie",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("province"),
    )
    # What a resident or an organisation said when joining: the district they live in, the
    # organisation they speak for.
    gebied = models.ForeignKey(
        "municipalities.Gebied",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    organisatie = models.CharField(_("organisation"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "gemeente"], name="unique_role_per_gemeente"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="provincie", provincie__isnull=False, gemeente__isnull=True)
                    | (
                        ~models.Q(role="provincie")
                        & models.Q(gemeente__isnull=False, provincie__isnull=True)
                    )
                ),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.gemeente or self.provincie})"

    def clean(self) -> None:
        if self.role == Role.PROVINCIE:
            if not self.provincie_id or self.gemeente_id:
                raise ValidationError(_("Province staff belong to a province, not a municipality."))
        elif not self.gemeente_id or self.provincie_id:
            raise ValidationError(_("This role belongs to one municipality."))


class Assurance(models.Model):
    """A level of assurance of who a person is, in one municipality; ``scope`` narrows it to one
    use (a code from a letter holds for the instrument use it was sent for), empty for all."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assurances")
    gemeente = models.ForeignKey(
        "municipalities.Gemeente",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    level = models.CharField(_("level"), max_length=10, choices=AssuranceLevel.choices)
    scope = models.CharField(_("scope"), max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assurance level")
        verbose_name_plural = _("assurance levels")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "gemeente", "level", "scope"], name="unique_assurance"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_level_display()} ({self.gemeente})"
