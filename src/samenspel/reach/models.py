# SPDX-License-Identifier: EUPL-1.2
"""Reach: address files, samples of them, letters with personal codes, and who answered.

Personal data lives in two places only: an address file's content and a batch's letters
(PDF and CSV), both stored encrypted (``SealedFile``) and erased after the retention period.
What stays after erasure holds no address: a keyed hash per invited address (to leave it out
of the next sample for the municipality's period), its stratum value, and each code's hash.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReachPolicy(models.Model):
    """What a municipality sets for inviting by letter."""

    gemeente = models.OneToOneField(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    retention_days = models.PositiveIntegerField(
        _("keep address files for (days after the instrument closes)"),
        default=92,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    invitation_pause_days = models.PositiveIntegerField(
        _("do not invite an address again within (days)"),
        default=365,
        validators=[MaxValueValidator(3650)],
    )
    code_valid_days = models.PositiveIntegerField(
        _("codes are valid for (days)"),
        default=120,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )

    def __str__(self) -> str:
        return str(self.gemeente)


class SealedFile(models.Model):
    """A file with personal data, encrypted at rest (``core.services.encrypt_bytes``)."""

    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    content = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.size} bytes"


class AddressFile(models.Model):
    use = models.ForeignKey(
        "instruments.InstrumentUse", on_delete=models.CASCADE, related_name="address_files"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(max_length=20)  # the engine's FileKind: adressen or personen
    rows = models.PositiveIntegerField(default=0)
    columns = models.JSONField(default=list)
    reference_year = models.PositiveIntegerField()
    sealed = models.OneToOneField(
        SealedFile, null=True, on_delete=models.SET_NULL, related_name="address_file"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    # Set when the instrument's phase is over; the file goes ``retention_days`` later.
    closed_on = models.DateField(null=True, blank=True)
    erased = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.name


class Batch(models.Model):
    """One sample of an address file and the letters sent to it."""

    address_file = models.ForeignKey(AddressFile, on_delete=models.CASCADE, related_name="batches")
    use = models.ForeignKey(
        "instruments.InstrumentUse", on_delete=models.CASCADE, related_name="letter_batches"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    size = models.PositiveIntegerField(_("number of letters"))
    strata = models.CharField(_("stratify by"), max_length=60, blank=True)
    oversample = models.JSONField(default=dict, blank=True)
    seed = models.BigIntegerField()
    per_stratum = models.JSONField(default=dict, blank=True)
    counts = models.JSONField(default=dict, blank=True)  # rows, excluded, eligible addresses
    drawn = models.DateTimeField(null=True, blank=True)
    letter_text = models.TextField(_("letter text"), max_length=4000, blank=True)
    letter_text_en = models.TextField(_("letter text in English"), max_length=4000, blank=True)
    signatory = models.CharField(_("signed by (name)"), max_length=120, blank=True)
    signatory_role = models.CharField(_("signatory's office"), max_length=20, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    pdf = models.OneToOneField(SealedFile, null=True, on_delete=models.SET_NULL, related_name="+")
    csv = models.OneToOneField(SealedFile, null=True, on_delete=models.SET_NULL, related_name="+")
    letters_made = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.use} – {self.size}"


class Invitation(models.Model):
    """One letter: which line of the file it went to, as long as the file exists, and, kept
    after, a keyed hash of the address and its stratum value (not personal on their own)."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="invitations")
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    line = models.PositiveIntegerField()
    address_hash = models.CharField(max_length=64, db_index=True)
    person_hash = models.CharField(max_length=64, blank=True)
    stratum = models.CharField(max_length=200, blank=True)
    invited_on = models.DateField()

    class Meta:
        ordering = ["line"]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.line}"


class OptOut(models.Model):
    """An address or person that wants no more letters from this municipality."""

    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    key_hash = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gemeente", "key_hash"], name="one_opt_out")]

    def __str__(self) -> str:
        return self.key_hash[:12]


class Code(models.Model):
    """A personal code, stored only as its keyed hash; one purpose (this use), single use."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="codes")
    use = models.ForeignKey("instruments.InstrumentUse", on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(
        "municipalities.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    digest = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField()
    created = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True)
    redeemed = models.DateTimeField(null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return self.digest[:12]
