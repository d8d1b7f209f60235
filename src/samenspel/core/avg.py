"""AVG (GDPR) hooks: every app that holds personal data registers how to export and erase it.

``export(user)`` returns JSON-serialisable data (article 15/20); ``erase(user)`` removes or
anonymises the data and returns how many records it touched (article 17).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
