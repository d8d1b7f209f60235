# SPDX-License-Identifier: EUPL-1.2
"""Cross-cutting models: the append-only audit log, the in-app inbox, submitted forms."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspel.core.texts import render


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    VIEW = "view", _("viewed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")
    PERMISSION = "permission", _("permission change")


class AppendOnlyError(Exception):
    """Raised when code tries to alter or remove an audit record."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")

    def pseudonymise(self, actor, label: str, mentions: models.Q, scrub: Callable[[str], str]):
        """The one change the log allows (AVG article 17): an erased person's e-mail address and
        name give way to a keyed pseudonym, as the actor label of their own events and wherever
        another event mentions them (``mentions`` finds those, ``scrub`` rewrites their text,
        as an admin search for the person). Returns the number of events changed."""
        changed = models.QuerySet.update(self.filter(actor=actor), actor_label=label)
        for event in self.filter(mentions):
            fields = {"actor_label": scrub(event.actor_label), "detail": scrub(event.detail)}
            changed += models.QuerySet.update(self.filter(pk=event.pk), **fields)
        return changed


class AuditEvent(models.Model):
    """One line of the append-only audit log (AVG/GDPR accountability, permission changes)."""

    created = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    gemeente = models.ForeignKey(
        "municipalities.Gemeente",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    personal_data = models.BooleanField(default=False)
    detail = models.CharField(max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")


class Notification(models.Model):
    """A message in a user's in-app inbox (also sent by e-mail)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    #: With ``params``: English source sentences, shown in the reader's language; without
    #: (rows from before, and messages written as they are): the text as written.
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    params = models.JSONField(null=True, blank=True)
    url = models.CharField(max_length=500, blank=True)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject_text

    @property
    def subject_text(self) -> str:
        return render(self.subject, self.params)

    @property
    def body_text(self) -> str:
        return render(self.body, self.params)


class LongWorkStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("in progress")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")


class LongWork(models.Model):
    """The progress of one piece of long work (a draw, a count, a sample, a mass mailing) that
    runs as a background task; its page shows it and polls it while it runs."""

    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=LongWorkStatus.choices, default=LongWorkStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gemeente = models.ForeignKey(
        "municipalities.Gemeente",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Where the person goes when the work is done (the page that started it).
    url = models.CharField(max_length=500, blank=True)
    # The task and the object it works on: one such piece of work runs at a time.
    about = models.CharField(max_length=300, blank=True, db_index=True)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("long work")
        verbose_name_plural = _("long work")

    def __str__(self) -> str:
        return self.title

    @property
    def active(self) -> bool:
        return self.status in (LongWorkStatus.QUEUED, LongWorkStatus.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == LongWorkStatus.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0


class Submission(models.Model):
    """A submitted form's one-time token and the URL of what it made (``core.http``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    url = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_token")
        ]

    def __str__(self) -> str:
        return self.url
