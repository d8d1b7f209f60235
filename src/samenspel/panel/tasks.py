# SPDX-License-Identifier: EUPL-1.2
"""Background tasks of the panel app (long work through the core service)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from samenspel.core.services import Progress, long_work, notify
from samenspel.panel import services
from samenspel.panel.models import Consultation

BATCH = 50


@task()
@long_work
def make_proposal(
    progress: Progress, consultation_id: int, mode: str, size: int, attributes: list, seed: int
) -> dict:
    """Work out whom to invite and keep the proposal on the consultation."""
    consultation = Consultation.objects.select_related("panel", "gemeente", "use").get(
        pk=consultation_id
    )
    progress.begin(1, _("Choosing whom to invite"))
    try:
        proposal = services.compute_proposal(consultation, mode, size, attributes, seed)
    except services.ProposalError as error:
        proposal = {"error": str(error), "mode": mode, "size": size, "attributes": attributes}
    Consultation.objects.filter(pk=consultation_id).update(proposal=proposal)
    progress.step(1)
    return {"invited": len(proposal.get("selected", []))}


def _send(progress: Progress, consultation: Consultation, invitations, subject: str, intro: str):
    """E-mail each invitation its personal link, in batches; returns how many were sent."""
    title = consultation.use.title
    rows = list(invitations.select_related("member__user"))
    progress.begin(len(rows), _("Sending the e-mail"))
    sent = 0
    with get_connection() as connection:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            messages = [
                EmailMessage(
                    subject % {"title": title},
                    _(
                        "%(intro)s\n\nYour personal link (no login needed; your answers are "
                        "saved as you go):\n%(url)s\n\nYou receive this e-mail because you are "
                        "in the panel of %(gemeente)s. You can leave the panel at any time."
                    )
                    % {
                        "intro": intro % {"title": title},
                        "url": services.answer_url(invitation),
                        "gemeente": consultation.gemeente.name,
                    },
                    settings.DEFAULT_FROM_EMAIL,
                    [invitation.member.user.email],
                    connection=connection,
                )
                for invitation in batch
                if invitation.member and invitation.member.user and invitation.member.user.email
            ]
            sent += connection.send_messages(messages) or 0
            progress.step(len(batch))
    return sent


@task()
@long_work
def mail_invitations(progress: Progress, consultation_id: int) -> dict:
    """E-mail every invited member who has not had their invitation yet."""
    consultation = Consultation.objects.select_related("use", "gemeente").get(pk=consultation_id)
    waiting = consultation.invitations.filter(member__isnull=False, reminders=0, last_mailed=None)
    sent = _send(
        progress,
        consultation,
        waiting,
        _("Your opinion, please: %(title)s"),
        _("The municipality asks the panel for its opinion: %(title)s."),
    )
    waiting.update(last_mailed=timezone.now())
    return {"sent": sent}


@task()
@long_work
def mail_reminders(progress: Progress, consultation_id: int) -> dict:
    """Remind who has not answered, at most ``MAX_REMINDERS`` times each."""
    consultation = Consultation.objects.select_related("use", "gemeente").get(pk=consultation_id)
    due = services.unanswered(consultation).filter(reminders__lt=services.MAX_REMINDERS)
    ids = list(due.values_list("pk", flat=True))
    chosen = consultation.invitations.filter(pk__in=ids)
    sent = _send(
        progress,
        consultation,
        chosen,
        _("Reminder: %(title)s"),
        _("You have not yet answered the panel's questions about %(title)s."),
    )
    for invitation in chosen:
        invitation.reminders += 1
        invitation.last_mailed = timezone.now()
        invitation.save(update_fields=["reminders", "last_mailed"])
    return {"sent": sent}


@task()
@long_work
def tell_respondents(progress: Progress, consultation_id: int) -> dict:
    """Tell every respondent still in the panel what was done with the result."""
    consultation = Consultation.objects.select_related("use__traject", "gemeente").get(
        pk=consultation_id
    )
    users = [
        i.member.user
        for i in consultation.invitations.filter(
            member__isnull=False, response__submitted__isnull=False
        ).select_related("member__user")
        if i.member is not None and i.member.user is not None
    ]
    traject = consultation.use.traject
    progress.begin(len(users), _("Telling the respondents"))
    for start in range(0, len(users), BATCH):
        batch = users[start : start + BATCH]
        notify(
            batch,
            subject=gettext_noop("What was done with the panel's answers on “%(title)s”"),
            body=gettext_noop("What the municipality did with the result:\n\n%(feedback)s"),
            url=reverse("trajectories:feedback", args=[consultation.gemeente.slug, traject.pk]),
            gemeente=consultation.gemeente,
            params={"title": consultation.use.title, "feedback": consultation.feedback},
        )
        progress.step(len(batch))
    return {"told": len(users)}
