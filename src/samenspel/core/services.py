# SPDX-License-Identifier: EUPL-1.2
"""Public API of the core app: audit log, notifications, AVG, secrets at rest and long work."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from samenspel.core.crypto import (
    InvalidToken,
    decrypt,
    decrypt_bytes,
    derived_key,
    encrypt,
    encrypt_bytes,
    pseudonym,
)
from samenspel.core.models import (
    AuditAction,
    AuditEvent,
    LongWork,
    LongWorkStatus,
    Notification,
)
from samenspel.core.ratelimit import take_turn
from samenspel.core.texts import in_languages, label, render

__all__ = [
    "InvalidToken",
    "LongWork",
    "LongWorkStatus",
    "Progress",
    "long_work",
    "notifications_of",
    "start_long_work",
    "PersonalDataAdminMixin",
    "audit",
    "audit_personal_view",
    "decrypt",
    "decrypt_bytes",
    "derived_key",
    "encrypt",
    "encrypt_bytes",
    "erase_person",
    "export_personal_data",
    "in_languages",
    "label",
    "notify",
    "pseudonym",
    "take_turn",
    "render",
]


def audit(
    actor,
    action: str,
    obj=None,
    *,
    gemeente=None,
    personal_data: bool = False,
    detail: str = "",
    object_type: str = "",
    object_id: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Append one line to the audit log. ``actor_label`` names an actor that is not a person
    (an API key)."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=actor_label or (actor.email if authenticated else "anonymous"),
        action=action,
        gemeente=gemeente,
        object_type=object_type,
        object_id=object_id,
        personal_data=personal_data,
        detail=detail[:500],
    )


def audit_personal_view(actor, obj, *, gemeente, detail: str = "") -> AuditEvent:
    return audit(actor, AuditAction.VIEW, obj, gemeente=gemeente, personal_data=True, detail=detail)


class PersonalDataAdminMixin:
    """For a ModelAdmin whose pages show personal data: every list or search shown and every
    record opened is an audit event (who looked at which person's data, or searched for what)."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            query = "&".join(f"{key}={value}" for key, value in request.GET.items())
            self._audit_view(request, "", "admin list" + (f": {query}" if query else ""))
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            self._audit_view(request, object_id, "admin")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._audit_view(request, object_id, "admin history")
        return response

    def _audit_view(self, request, object_id: str, detail: str) -> None:
        obj = self.get_object(request, unquote(object_id)) if object_id else None  # type: ignore[attr-defined]
        audit(
            request.user,
            AuditAction.VIEW,
            gemeente=getattr(obj, "gemeente", None),
            personal_data=True,
            detail=detail,
            object_type=self.model._meta.label,  # type: ignore[attr-defined]
            object_id=str(obj.pk) if obj else "",
        )


def notify(
    recipients: Iterable,
    *,
    subject: str,
    body: str,
    url: str,
    gemeente=None,
    params: dict | None = None,
) -> list[Notification]:
    """Put a message in each recipient's inbox and e-mail it after the transaction commits.

    With ``params`` (a dict, empty when there is nothing to fill in), ``subject`` and ``body``
    are English source sentences (marked with ``gettext_noop``) shown in each reader's
    language, as on the timeline; the e-mail goes out in Dutch."""
    users = {user.pk: user for user in recipients if user is not None}
    notes = Notification.objects.bulk_create(
        [
            Notification(
                recipient=u, gemeente=gemeente, subject=subject, body=body, url=url, params=params
            )
            for u in users.values()
        ]
    )
    with override("nl"):
        subject, body = render(subject, params), render(body, params)
    mail_to = sorted(pk for pk, user in users.items() if user.email)
    if mail_to:
        from samenspel.core.tasks import send_notification_email

        full_url = settings.SITE_URL.rstrip("/") + url
        transaction.on_commit(
            lambda: send_notification_email.enqueue(mail_to, subject, f"{body}\n\n{full_url}")
        )
    return notes


def notifications_of(user):
    """This person's inbox, newest first."""
    return Notification.objects.filter(recipient=user).select_related("gemeente")


def export_personal_data(user) -> dict:
    """Everything Samenspel holds about this person, per app (AVG articles 15 and 20)."""
    from samenspel.core.avg import hooks

    data = {hook.key: hook.export(user) for hook in hooks()}
    audit(user, AuditAction.EXPORT, user, personal_data=True, detail="own data export")
    return data


@transaction.atomic
def erase_person(user, *, by=None) -> dict[str, int]:
    """Erase or anonymise a person's data in every app, then the account (AVG article 17).

    Afterwards no table holds their e-mail address or name: the audit log keeps their actions
    under a keyed pseudonym (one per person, so the trail still groups them)."""
    from samenspel.core.avg import forget, hooks, traces_of

    traces = traces_of(user)
    label = pseudonym(f"{user._meta.label}:{user.pk}")
    counts = {hook.key: hook.erase(user) for hook in hooks()}
    audit(
        by or user,
        AuditAction.ERASE,
        user,
        personal_data=True,
        detail=", ".join(f"{k}={v}" for k, v in counts.items()),
    )
    counts.update(forget(user, traces, label))
    user.delete()
    return counts


# ---- long work ---------------------------------------------------------------------------


class Progress:
    """Handed to a long-work function to say how far it is. Every call is one UPDATE outside
    any transaction, so the page polling the record sees it while the work runs (in the task
    worker's process too)."""

    def __init__(self, work_id: int) -> None:
        self.work_id = work_id
        self.done = 0
        self.total = 0

    def _save(self, **fields: Any) -> None:
        LongWork.objects.filter(pk=self.work_id).update(**fields)

    def begin(self, total: int, message: str = "") -> None:
        """The amount of work (items, ballots, letters) and what is being done."""
        self.total = total
        self._save(total=total, message=message[:500])

    def step(self, count: int = 1, message: str = "") -> None:
        """``count`` more items are done."""
        self.done = min(self.done + count, self.total) if self.total else self.done + count
        fields: dict[str, Any] = {"done": self.done}
        if message:
            fields["message"] = message[:500]
        self._save(**fields)


def long_work(function: Callable[..., dict | None]) -> Callable[..., dict | None]:
    """Turn ``function(progress, *args)`` into the body of a task that takes the LongWork's id
    first and keeps the record up to date: running, then done with the returned dict as its
    result, or failed. Put ``@task()`` above it and start it with ``start_long_work``. Messages
    are written in Dutch, the platform's language."""

    @functools.wraps(function)
    def run(work_id: int, *args: Any, **kwargs: Any) -> dict | None:
        claimed = LongWork.objects.filter(pk=work_id, status=LongWorkStatus.QUEUED).update(
            status=LongWorkStatus.RUNNING, started=timezone.now()
        )
        if not claimed:  # run already, or gone
            return None
        progress = Progress(work_id)
        try:
            with override("nl"):
                result = function(progress, *args, **kwargs) or {}
        except Exception as exc:
            LongWork.objects.filter(pk=work_id).update(
                status=LongWorkStatus.FAILED,
                error=f"{type(exc).__name__}: {exc}"[:2000],
                finished=timezone.now(),
            )
            raise
        LongWork.objects.filter(pk=work_id).update(
            status=LongWorkStatus.DONE,
            done=max(progress.done, progress.total),
            result=result,
            finished=timezone.now(),
        )
        return result

    return run


@transaction.atomic
def start_long_work(
    task, *args: Any, title: str, owner, about=None, gemeente=None, url: str = ""
) -> LongWork:
    """Record a piece of long work on the object ``about`` and enqueue ``task(work_id, *args)``
    once the current transaction commits (so a worker finds the record). While the same task
    on the same object for the same person is waiting or running, that one is returned
    instead: a double click starts nothing twice. ``url`` is where the person goes after."""
    owner = owner if getattr(owner, "is_authenticated", False) else None
    key = ""
    if about is not None:
        key = f"{task.module_path}|{about._meta.label}:{about.pk}"[:300]
        type(about).objects.select_for_update().filter(pk=about.pk).exists()  # one start at once
        active = LongWork.objects.filter(
            about=key, owner=owner, status__in=[LongWorkStatus.QUEUED, LongWorkStatus.RUNNING]
        ).first()
        if active is not None:
            return active
    work = LongWork.objects.create(
        title=title[:200],
        owner=owner,
        gemeente=gemeente,
        url=url,
        about=key,
    )

    def enqueue() -> None:
        result = task.enqueue(work.pk, *args)
        LongWork.objects.filter(pk=work.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return work
