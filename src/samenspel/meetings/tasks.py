# SPDX-License-Identifier: EUPL-1.2
"""Background tasks of the meetings app (long work through the core service)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _
from django_tasks import task

from samenspel.core.services import Progress, long_work, notify
from samenspel.meetings.models import Bijeenkomst

BATCH = 50


@task()
@long_work
def mail_registrants(progress: Progress, bijeenkomst_id: int, subject: str, body: str) -> dict:
    """Send the organisers' message to everyone registered, one e-mail each, in batches."""
    bijeenkomst = Bijeenkomst.objects.select_related("use").get(pk=bijeenkomst_id)
    emails = list(
        bijeenkomst.aanmeldingen.filter(waiting=False)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    footer = _("You receive this e-mail because you registered for %(title)s.") % {
        "title": bijeenkomst.use.title
    }
    progress.begin(len(emails), _("Sending the e-mail"))
    sent = 0
    with get_connection() as connection:
        for start in range(0, len(emails), BATCH):
            batch = [
                EmailMessage(
                    subject,
                    f"{body}\n\n-- \n{footer}",
                    settings.DEFAULT_FROM_EMAIL,
                    [email],
                    connection=connection,
                )
                for email in emails[start : start + BATCH]
            ]
            sent += connection.send_messages(batch) or 0
            progress.step(
                len(batch),
                _("%(done)s of %(total)s e-mails sent")
                % {"done": start + len(batch), "total": len(emails)},
            )
    return {"sent": sent}


@task()
@long_work
def notify_registrants(progress: Progress, bijeenkomst_id: int, subject: str, body: str) -> dict:
    """Tell everyone registered or waiting of a change or a cancellation: a message in their
    inbox and an e-mail (core notifications), in batches."""
    bijeenkomst = Bijeenkomst.objects.select_related("use", "gemeente").get(pk=bijeenkomst_id)
    people = list(bijeenkomst.aanmeldingen.select_related("user"))
    progress.begin(len(people), _("Telling the registrants"))
    for start in range(0, len(people), BATCH):
        batch = people[start : start + BATCH]
        notify(
            [a.user for a in batch],
            subject=subject,
            body=body,
            url=bijeenkomst.get_absolute_url(),
            gemeente=bijeenkomst.gemeente,
        )
        progress.step(
            len(batch),
            _("%(done)s of %(total)s people told")
            % {"done": start + len(batch), "total": len(people)},
        )
    return {"told": len(people)}
