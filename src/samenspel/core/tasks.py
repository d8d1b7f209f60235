"""Background tasks of the core app."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django_tasks import task


@task()
def send_notification_email(recipients: list[str], subject: str, body: str) -> int:
    """Send one e-mail per recipient (they do not see each other's address)."""
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients]
    return send_mass_mail(messages, fail_silently=False)
