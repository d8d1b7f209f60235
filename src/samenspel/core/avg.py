# SPDX-License-Identifier: EUPL-1.2
"""AVG (GDPR) hooks: every app that holds personal data registers how to export and erase it.

``export(user)`` returns JSON-serialisable data (article 15/20); ``erase(user)`` removes or
anonymises the data and returns how many records it touched (article 17).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q

#: No public figure counts fewer people than this: a smaller group is not shown (the platform's
#: minimum cell size for aggregates).
MIN_CELL = 10


@dataclass(frozen=True)
class PersonalDataHook:
    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], int]


_hooks: dict[str, PersonalDataHook] = {}


def register(hook: PersonalDataHook) -> None:
    _hooks[hook.key] = hook


def hooks() -> list[PersonalDataHook]:
    return [_hooks[key] for key in sorted(_hooks)]


def export_core(user) -> dict:
    """The inbox and the audit log: what this person did, and who opened their data."""
    from samenspel.core.models import AuditEvent, Notification

    fields = ("created", "action", "object_type", "object_id", "gemeente__name", "detail")
    about_you = AuditEvent.objects.filter(object_type=user._meta.label, object_id=str(user.pk))
    return {
        "notifications": list(
            Notification.objects.filter(recipient=user).values(
                "created", "subject", "body", "url", "read", "gemeente__name"
            )
        ),
        "audit_log": {
            "your_actions": list(AuditEvent.objects.filter(actor=user).values(*fields)),
            "your_data_opened_or_changed_by_others": list(
                about_you.exclude(actor=user).values(*fields)
            ),
        },
    }


def erase_inbox(user) -> int:
    from samenspel.core.models import Notification

    return Notification.objects.filter(recipient=user).delete()[0]


class Traces:
    """The strings that identify one person (e-mail addresses, name), to find them in text."""

    def __init__(self, *texts: str) -> None:
        self.texts = sorted({t for t in texts if t}, key=len, reverse=True)
        alternatives = "|".join(re.escape(t) for t in self.texts) or r"(?!)"
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def q(self, *fields: str) -> Q:
        """Rows whose field may mention the person; on JSON fields also as JSON escapes them."""
        query = Q(pk__in=[])
        for field in fields:
            for text in self.texts:
                for form in {text, json.dumps(text)[1:-1]}:
                    query |= Q(**{f"{field}__icontains": form})
        return query

    def found_in(self, value: Any) -> bool:
        text = (
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        )
        return bool(self._pattern.search(text))

    def scrub(self, text: str, label: str) -> str:
        return self._pattern.sub(label, text)


def traces_of(user) -> Traces:
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return Traces(user.email, user.name, *addresses)


def forget(user, traces: Traces, label: str) -> dict[str, int]:
    """What the platform itself keeps about a person beside the apps' data (AVG article 17):
    their audit events get a pseudonym, admin history and stored tasks that mention them go,
    and so do their sessions."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from samenspel.core.models import AuditEvent

    counts = {
        "audit": AuditEvent.objects.pseudonymise(
            user,
            label,
            traces.q("actor_label", "detail"),
            lambda text: traces.scrub(text, label),
        )
    }
    user_type = ContentType.objects.get_for_model(user)
    history = LogEntry.objects.filter(
        traces.q("object_repr", "change_message")
        | Q(content_type=user_type, object_id=str(user.pk))
    )
    for entry in history:
        is_record = entry.content_type_id == user_type.pk and entry.object_id == str(user.pk)
        entry.object_repr = label if is_record else traces.scrub(entry.object_repr, label)
        entry.change_message = traces.scrub(entry.change_message, label)
        entry.save(update_fields=["object_repr", "change_message"])
    counts["admin_history"] = len(history)
    counts["tasks"] = _purge_tasks(traces)
    counts["sessions"] = _end_sessions(user, traces)
    return counts


def _purge_tasks(traces: Traces) -> int:
    """Queued and finished tasks whose arguments, result or error mention the person."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    fields = ("args_kwargs", "return_value", "traceback")
    doomed = [
        row.pk
        for row in DBTaskResult.objects.filter(traces.q(*fields)).only(*fields)
        if any(traces.found_in(getattr(row, field)) for field in fields)
    ]
    return DBTaskResult.objects.filter(pk__in=doomed).delete()[0]


def _end_sessions(user, traces: Traces) -> int:
    """Sessions stored in the database that belong to the person or mention them (a login
    waiting for its code holds the e-mail address)."""
    if not apps.is_installed("django.contrib.sessions"):
        return 0
    from django.contrib.sessions.models import Session

    doomed = []
    for session in Session.objects.iterator():
        data = session.get_decoded()
        if data.get("_auth_user_id") == str(user.pk) or traces.found_in(data):
            doomed.append(session.pk)
    return Session.objects.filter(pk__in=doomed).delete()[0]
