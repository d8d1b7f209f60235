# SPDX-License-Identifier: EUPL-1.2
"""Background tasks of the core app."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django_tasks import task


@task()
def send_notification_email(recipient_ids: list[int], subject: str, body: str) -> int:
    """Send one e-mail per recipient (they do not see each other's address).

    The queue holds account ids, not addresses: an address is looked up when the mail goes out,
    so a person erased in the meantime gets nothing and leaves no address behind in the queue.
    """
    emails = (
        get_user_model()
        .objects.filter(pk__in=recipient_ids, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    return send_mass_mail(messages, fail_silently=False)
