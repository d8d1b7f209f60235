# SPDX-License-Identifier: EUPL-1.2
"""Public API of the panel app: members, consultations, who is invited, results, feedback and
the panel's health (docs/domain.md §3.6).

Invitations are limited per member by the panel's fatigue limit, which counts the letters of
every instrument the person redeemed (``reach.services.invitations_received``) as well as the
panel's own invitations.
"""

from __future__ import annotations

import csv
import gc
import hmac
import io
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import (
    get_language,
    gettext_lazy,
    gettext_noop,
    ngettext,
    override,
)
from django.utils.translation import gettext as _

from samenspel.core.api import MIN_CELL
from samenspel.core.services import audit, derived_key, notify, start_long_work
from samenspel.instruments.services import attach
from samenspel.panel.models import (
    ATTRIBUTES,
    ChangeKind,
    Consultation,
    Invitation,
    Kind,
    Member,
    Panel,
    PanelChange,
    Question,
    Response,
    Status,
    Tag,
)
from samenspel.panel.readability import douma
from samenspel.people.services import assurance_level, declare_residence
from samenspel.reach import services as reach
from samenspel.trajectories.services import (
    CLOSED_STATUSES,
    InbrengStatus,
    answer_inbreng,
    record,
    submit_inbreng,
)

__all__ = [
    "invitations_answered",
    "ATTRIBUTES",
    "CLOSED_STATUSES",
    "Consultation",
    "InbrengStatus",
    "Invitation",
    "Kind",
    "Member",
    "Panel",
    "Question",
    "Response",
    "Status",
    "attribute_choices",
    "close",
    "confirm_profile",
    "create_consultation",
    "export_member",
    "give_feedback",
    "health",
    "history",
    "join",
    "leave",
    "membership",
    "overview",
    "panel_of",
    "population",
    "propose",
    "remind",
    "results",
    "save_answers",
    "send",
    "token",
    "upkeep",
]

#: At most this many reminders per invitation.
MAX_REMINDERS = 2
#: Members asked to confirm their profile once per this period.
CONFIRM_EVERY = timedelta(days=365)
#: A recruitment letter gives about this many members (used to propose how many letters).
RECRUITMENT_RATE = 0.08
#: How long computed results are kept (they are computed again as soon as anything changes).
RESULTS_KEPT = 24 * 3600
#: Trimmed weights stay within these multiples of the mean weight.
TRIM = (0.2, 5.0)
_TOKEN_KEY = b"samenspel panel invitation links v1"

ATTRIBUTE_LABELS = {
    "age_band": gettext_lazy("Age"),
    "gender": gettext_lazy("Gender"),
    "area": gettext_lazy("District"),
    "education": gettext_lazy("Education"),
    "household": gettext_lazy("Household"),
}
VALUE_LABELS = {
    "age_band": {
        "15-24": gettext_lazy("15 to 24 years"),
        "25-44": gettext_lazy("25 to 44 years"),
        "45-64": gettext_lazy("45 to 64 years"),
        "65+": gettext_lazy("65 years or older"),
    },
    "gender": {
        "vrouw": gettext_lazy("woman"),
        "man": gettext_lazy("man"),
        "anders": gettext_lazy("other, or I would rather not say"),
    },
    "education": {
        "laag": gettext_lazy("primary school, vmbo or mbo 1"),
        "middelbaar": gettext_lazy("havo, vwo or mbo 2 to 4"),
        "hoog": gettext_lazy("hbo or university"),
    },
    "household": {
        "eenpersoons": gettext_lazy("I live alone"),
        "zonder_kinderen": gettext_lazy("with others, without children"),
        "met_kinderen": gettext_lazy("with children"),
    },
}


# ---- the panel and its population ----------------------------------------------------------


def panel_of(gemeente) -> Panel:
    """The municipality's panel, made with the default settings the first time."""
    panel = Panel.objects.filter(gemeente=gemeente).first()
    if panel is not None:
        return panel
    with override("nl"):
        purpose = _(
            "The municipality asks panel members a few times a year what they think of its "
            "plans and policy. Your answers are used only for that, and are reported without "
            "names."
        )
    return Panel.objects.get_or_create(
        gemeente=gemeente, defaults={"attributes": list(ATTRIBUTES), "purpose": purpose}
    )[0]


@lru_cache(maxsize=32)
def _cbs_margins(cbs_code: str):
    from samenspel.engines.population import DEMO_MUNICIPALITIES, demo_margins

    return demo_margins(cbs_code) if cbs_code in DEMO_MUNICIPALITIES else None


def population(gemeente, attributes=None):
    """The CBS margins of the municipality for ``attributes`` (default: the panel's), or None
    when the repository has no figures for it."""
    from samenspel.engines.population import PopulationMargins

    margins = _cbs_margins(gemeente.cbs_code or "")
    if margins is None:
        return None
    wanted = set(attributes if attributes is not None else panel_of(gemeente).attributes)
    kept = tuple(m for m in margins.margins if m.attribute in wanted)
    return PopulationMargins(kept) if kept else None


def _wijken(gemeente) -> dict[str, str]:
    return {code: name for code, (_share, name) in reach.wijk_population(gemeente).items()}


def value_label(gemeente, attribute: str, value: str) -> str:
    if attribute == "area":
        return _wijken(gemeente).get(value, value)
    return str(VALUE_LABELS.get(attribute, {}).get(value, value))


def attribute_choices(gemeente, attribute: str) -> list[tuple[str, str]]:
    """The answers a member can give for ``attribute``."""
    if attribute == "area":
        return sorted(_wijken(gemeente).items(), key=lambda item: item[1])
    return [(value, str(text)) for value, text in VALUE_LABELS[attribute].items()]


# ---- members -------------------------------------------------------------------------------


def membership(user, gemeente) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.filter(user=user, gemeente=gemeente).first()


@transaction.atomic
def join(user, gemeente, attributes: dict, *, via_letter: bool = False, now=None) -> Member:
    """The person joins the panel: they live in the municipality (declared now if they had
    not yet), consent to the panel's purpose for its period, and give their profile."""
    now = now or timezone.now()
    panel = panel_of(gemeente)
    existing = membership(user, gemeente)
    if existing is not None:
        return existing
    if assurance_level(user, gemeente) is None:
        declare_residence(user, gemeente)
    member = Member.objects.create(
        panel=panel,
        gemeente=gemeente,
        user=user,
        attributes={k: v for k, v in attributes.items() if k in panel.attributes and v},
        consent_purpose=panel.purpose,
        consent_given=now,
        consent_until=_months_later(now.date(), panel.consent_months),
        joined=now,
        confirmed=now,
        via_letter=via_letter,
    )
    PanelChange.objects.create(
        panel=panel, kind=ChangeKind.JOINED, on=now.date(), via_letter=via_letter
    )
    audit(user, "create", member, gemeente=gemeente, personal_data=True, detail="joined panel")
    return member


def _months_later(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, min(day.day, 28))


def update_profile(member: Member, attributes: dict, now=None) -> Member:
    """Change the profile; changing it confirms it too."""
    member.attributes = {k: v for k, v in attributes.items() if k in member.panel.attributes and v}
    member.confirmed = now or timezone.now()
    member.save(update_fields=["attributes", "confirmed"])
    audit(member.user, "change", member, gemeente=member.gemeente, personal_data=True)
    return member


def confirm_profile(member: Member, now=None) -> Member:
    member.confirmed = now or timezone.now()
    member.save(update_fields=["confirmed"])
    return member


def needs_confirmation(member: Member, now=None) -> bool:
    return (now or timezone.now()) - member.confirmed >= CONFIRM_EVERY


@transaction.atomic
def leave(member: Member, kind: str = ChangeKind.LEFT, by=None) -> None:
    """The member leaves (or is retired): their personal data goes; their invitations and
    answers stay, linked to no one."""
    Invitation.objects.filter(member=member).update(member=None)
    PanelChange.objects.create(
        panel=member.panel, kind=kind, on=timezone.localdate(), via_letter=member.via_letter
    )
    audit(
        by or member.user,
        "erase",
        member,
        gemeente=member.gemeente,
        personal_data=True,
        detail=f"panel membership ended ({kind})",
    )
    member.delete()


def export_member(user) -> list[dict]:
    """Everything the panel holds about this person (AVG articles 15 and 20)."""
    rows = []
    for member in Member.objects.filter(user=user).select_related("gemeente"):
        rows.append(
            {
                "gemeente": member.gemeente.name,
                "profile": {
                    str(ATTRIBUTE_LABELS[k]): value_label(member.gemeente, k, v)
                    for k, v in member.attributes.items()
                },
                "consent": {
                    "purpose": member.consent_purpose,
                    "given": member.consent_given.isoformat(),
                    "until": member.consent_until.isoformat(),
                },
                "joined": member.joined.isoformat(),
                "profile_confirmed": member.confirmed.isoformat(),
                "joined_by_letter": member.via_letter,
                "invitations": [
                    {
                        "consultation": i.consultation.use.title,
                        "invited": i.invited.isoformat(),
                        "reminders": i.reminders,
                        "answers": getattr(getattr(i, "response", None), "answers", None),
                    }
                    for i in member.invitations.select_related("consultation__use", "response")
                ],
            }
        )
    return rows


def erase_member(user) -> int:
    """AVG: the person leaves every panel they are in."""
    members = list(Member.objects.filter(user=user).select_related("panel", "gemeente"))
    for member in members:
        leave(member)
    return len(members)


# ---- the fatigue limit ---------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    """How often a member was invited in the past 12 months (every instrument), and when last."""

    count: int
    last: date | None


def history(panel: Panel, now=None) -> dict[int, History]:
    """Per member id: invitations of this panel and the letters of other instruments (their
    codes redeemed on the member's account) in the 12 months before ``now``."""
    now = now or timezone.now()
    since = timezone.localdate(now) - timedelta(days=364)  # 365 days, today included
    dates: dict[int, list[date]] = defaultdict(list)
    for member_id, invited in Invitation.objects.filter(
        member__panel=panel, invited__date__gte=since
    ).values_list("member_id", "invited"):
        dates[member_id].append(timezone.localdate(invited))
    by_user = reach.invitations_received(panel.gemeente, since)
    if by_user:
        for member_id, user_id in Member.objects.filter(
            panel=panel, user_id__in=list(by_user)
        ).values_list("id", "user_id"):
            dates[member_id].extend(by_user[user_id])
    return {m: History(len(d), max(d)) for m, d in dates.items()}


def fatigue(panel: Panel):
    from samenspel.engines.sampling import FatigueLimit

    return FatigueLimit(max_per_year=panel.max_per_year, min_days=panel.min_days)


def engine_members(panel: Panel, attributes, now=None) -> tuple[list, int]:
    """The members as the sampling engine sees them (ids, the chosen attributes, their
    history), and how many were left out because their profile lacks a chosen attribute."""
    from samenspel.engines.sampling import Member as EngineMember

    now = now or timezone.now()
    seen = history(panel, now)
    today = timezone.localdate(now)
    members, incomplete = [], 0
    for pk, values in Member.objects.filter(panel=panel).values_list("id", "attributes"):
        if any(not values.get(a) for a in attributes):
            incomplete += 1
            continue
        past = seen.get(pk, History(0, None))
        members.append(
            EngineMember(
                id=str(pk),
                attributes={a: values[a] for a in attributes},
                invitations_last_12_months=past.count,
                days_since_last_invitation=(today - past.last).days if past.last else None,
            )
        )
    return members, incomplete


# ---- consultations and questions -----------------------------------------------------------


def create_consultation(user, traject, phase: str, title: str, data: dict) -> Consultation:
    use = attach(user, traject, "raadpleging", phase, title)
    return Consultation.objects.create(
        use=use, gemeente=traject.gemeente, panel=panel_of(traject.gemeente), **data
    )


def save_question(user, consultation: Consultation, question: Question) -> Question:
    if question.pk is None:
        question.consultation = consultation
        question.position = consultation.questions.count() + 1
    question.save()
    audit(user, "change", consultation, gemeente=consultation.gemeente, detail="question")
    return question


def options_of(question: Question) -> list[str]:
    """The options in Dutch (the stored answers), one per line."""
    if question.kind in (Kind.SCALE5, Kind.SCALE10):
        return [str(n) for n in range(1, 11 if question.kind == Kind.SCALE10 else 6)]
    return [line.strip() for line in question.options.splitlines() if line.strip()]


def shown_options(question: Question) -> list[tuple[str, str]]:
    """(stored value, text in the reader's language) per option."""
    values = options_of(question)
    english = [line.strip() for line in question.options_en.splitlines() if line.strip()]
    if get_language() == "en" and len(english) == len(values):
        return list(zip(values, english, strict=True))
    return [(v, v) for v in values]


def question_text(question: Question) -> str:
    return question.text_en if get_language() == "en" and question.text_en else question.text


def readability(question: Question):
    """Douma's reading ease of the Dutch question and its options."""
    return douma(" ".join([question.text, *options_of(question)]))


#: The five levels of a statement in a matrix question.
AGREEMENT = (
    gettext_lazy("strongly disagree"),
    gettext_lazy("disagree"),
    gettext_lazy("neutral"),
    gettext_lazy("agree"),
    gettext_lazy("strongly agree"),
)


def visible(questions, answers: dict) -> list[Question]:
    """The questions to ask given the answers so far: a conditional question only when the
    answer it depends on was given."""
    shown = []
    for question in questions:
        condition = question.show_if_id
        if condition is not None:
            given = answers.get(str(condition))
            values = given if isinstance(given, list) else [given]
            if question.show_if_value not in values:
                continue
        shown.append(question)
    return shown


# ---- who is invited ------------------------------------------------------------------------


def propose(user, consultation: Consultation, mode: str, size: int, attributes: list[str]):
    """Start working out whom to invite (long work): everyone the fatigue limit allows, or a
    sample of ``size`` matching the population on ``attributes``."""
    from samenspel.panel.tasks import make_proposal

    seed = int.from_bytes(derived_key(f"seed {consultation.pk} {timezone.now()}".encode())[:4])
    with override("nl"):
        title = _("Who to invite for %(title)s") % {"title": consultation.use.title}
    return start_long_work(
        make_proposal,
        consultation.pk,
        mode,
        size,
        list(attributes),
        seed,
        title=title,
        owner=user,
        about=consultation,
        gemeente=consultation.gemeente,
        url=reverse("panel:propose", args=[consultation.gemeente.slug, consultation.pk]),
    )


class ProposalError(ValueError):
    """The panel cannot give the sample asked for; the message says why, for people."""


def _shares(rows, attribute) -> dict[str, float]:
    counts = Counter(r[attribute] for r in rows)
    total = sum(counts.values())
    return {v: c / total for v, c in counts.items()} if total else {}


def compute_proposal(
    consultation: Consultation, mode: str, size: int, attributes: list[str], seed: int, now=None
) -> dict:
    """Whom to invite and what the invited will look like against the population and the
    panel; the members the fatigue limit leaves out are counted per group, never named."""
    from samenspel.engines.sampling import SamplingError, draw_sample, eligible_members

    panel = consultation.panel
    members, incomplete = engine_members(panel, attributes, now)
    limit = fatigue(panel)
    eligible, excluded = eligible_members(members, limit)
    margins = population(consultation.gemeente, attributes)
    if mode == "all":
        selected = [m.id for m in eligible]
    else:
        if margins is None:
            raise ProposalError(_("There are no population figures for this municipality."))
        if size > len(eligible):
            raise ProposalError(
                _(
                    "The fatigue limit leaves %(eligible)s members who may be invited now; "
                    "ask for at most that many."
                )
                % {"eligible": len(eligible)}
            )
        try:
            sample = draw_sample(members, margins, size, seed=seed, fatigue=limit)
        except SamplingError:
            raise ProposalError(
                _(
                    "The panel cannot give this sample: a group in the population has no "
                    "member who may be invited now. Choose fewer attributes."
                )
            ) from None
        selected = list(sample.selected)
    chosen = set(selected)
    rows = {m.id: m.attributes for m in members}
    pop = margins.shares() if margins is not None else {}
    composition: list[dict] = []
    for attribute in attributes:
        panel_shares = _shares(list(rows.values()), attribute)
        sample_shares = _shares([rows[i] for i in chosen], attribute)
        left_out = Counter(m.attributes[attribute] for m in excluded)
        values = list(dict.fromkeys([*pop.get(attribute, {}), *sorted(panel_shares)]))
        composition.append(
            {
                "attribute": attribute,
                "values": [
                    {
                        "value": v,
                        "population": pop.get(attribute, {}).get(v),
                        "panel": panel_shares.get(v, 0.0),
                        "sample": sample_shares.get(v, 0.0),
                        "left_out": left_out.get(v, 0),
                    }
                    for v in values
                ],
            }
        )
    return {
        "mode": mode,
        "size": size,
        "attributes": attributes,
        "seed": seed,
        "selected": sorted(int(i) for i in selected),
        "members": len(members) + incomplete,
        "incomplete": incomplete,
        "eligible": len(eligible),
        "excluded": len(excluded),
        "composition": composition,
        "max_gap": max(
            (
                abs(v["sample"] - v["population"])
                for a in composition
                for v in a["values"]
                if v["population"] is not None
            ),
            default=0.0,
        ),
    }


def proposal_view(consultation: Consultation) -> dict | None:
    """The last proposal with labels for the page (percentages, names of groups)."""
    proposal = consultation.proposal
    if not proposal or "composition" not in proposal:
        return None
    gemeente = consultation.gemeente
    composition = []
    for block in proposal["composition"]:
        attribute = block["attribute"]
        composition.append(
            {
                "label": ATTRIBUTE_LABELS.get(attribute, attribute),
                "values": [
                    {
                        **v,
                        "label": value_label(gemeente, attribute, v["value"]),
                        "population_pct": None
                        if v["population"] is None
                        else round(100 * v["population"], 1),
                        "panel_pct": round(100 * v["panel"], 1),
                        "sample_pct": round(100 * v["sample"], 1),
                        "gap": None
                        if v["population"] is None
                        else round(100 * (v["sample"] - v["population"]), 1),
                    }
                    for v in block["values"]
                ],
            }
        )
    return {
        **proposal,
        "count": len(proposal.get("selected", [])),
        "composition": composition,
        "max_gap_pct": round(100 * proposal.get("max_gap", 0.0), 1),
    }


def token(invitation_id: int) -> str:
    """The secret part of an invitation's personal link: a keyed hash of its id."""
    return hmac.new(derived_key(_TOKEN_KEY), str(invitation_id).encode(), sha256).hexdigest()[:32]


def invitation_for(invitation_id: int, given: str) -> Invitation | None:
    """The invitation a personal link opens, if the link is right and the member still in."""
    if not hmac.compare_digest(token(invitation_id), given):
        return None
    return (
        Invitation.objects.select_related("consultation__use__gemeente", "member")
        .filter(pk=invitation_id, member__isnull=False)
        .first()
    )


def answer_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "panel:answer", args=[invitation.pk, token(invitation.pk)]
    )


@transaction.atomic
def send(user, consultation: Consultation, now=None):
    """Invite the proposed members (again checked against the fatigue limit, which other
    invitations may have used up meanwhile) and start e-mailing them their personal link."""
    from samenspel.panel.tasks import mail_invitations

    now = now or timezone.now()
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    ids = consultation.proposal.get("selected", [])
    limit = fatigue(consultation.panel)
    seen = history(consultation.panel, now)
    today = timezone.localdate(now)
    allowed = []
    for pk in Member.objects.filter(panel=consultation.panel, pk__in=ids).values_list(
        "id", flat=True
    ):
        past = seen.get(pk, History(0, None))
        recent = (today - past.last).days if past.last else None
        if past.count < limit.max_per_year and (recent is None or recent >= limit.min_days):
            allowed.append(pk)
    already = set(consultation.invitations.values_list("member_id", flat=True))
    Invitation.objects.bulk_create(
        [
            Invitation(consultation=consultation, member_id=pk, invited=now)
            for pk in allowed
            if pk not in already
        ]
    )
    consultation.status = Status.OPEN
    consultation.opened = consultation.opened or now
    consultation.proposal = {k: v for k, v in consultation.proposal.items() if k != "selected"}
    consultation.save(update_fields=["status", "opened", "proposal"])
    record(
        consultation.use.traject,
        user,
        "raadpleging",
        gettext_noop("The panel was asked: %(title)s."),
        title=consultation.use.title,
    )
    audit(user, "change", consultation, gemeente=consultation.gemeente, detail="sent")
    return _mailing(user, consultation, mail_invitations, _("Sending the invitations"))


def remind(user, consultation: Consultation):
    """Remind who has not answered yet (at most twice per invitation)."""
    from samenspel.panel.tasks import mail_reminders

    return _mailing(user, consultation, mail_reminders, _("Sending the reminders"))


def _mailing(user, consultation: Consultation, task, title: str):
    with override("nl"):
        full = f"{title}: {consultation.use.title}"
    return start_long_work(
        task,
        consultation.pk,
        title=full,
        owner=user,
        about=consultation,
        gemeente=consultation.gemeente,
        url=reverse("panel:detail", args=[consultation.gemeente.slug, consultation.pk]),
    )


def unanswered(consultation: Consultation):
    """Invitations of members still in the panel who have not sent their answers."""
    return consultation.invitations.filter(member__isnull=False).exclude(
        response__submitted__isnull=False
    )


# ---- answering -----------------------------------------------------------------------------


@transaction.atomic
def save_answers(invitation: Invitation, answers: dict, *, submit: bool, now=None) -> Response:
    """Keep the answers given so far; ``submit`` sends them. Each response keeps the profile
    values the weighting needs, so it stays usable once the member has left."""
    now = now or timezone.now()
    member = invitation.member
    response, _created = Response.objects.select_for_update().get_or_create(
        invitation=invitation,
        defaults={
            "consultation_id": invitation.consultation_id,
            "attributes": dict(member.attributes) if member else {},
        },
    )
    if response.submitted is not None:
        return response
    response.answers = {**response.answers, **answers}
    questions = list(invitation.consultation.questions.all())
    shown = {str(q.pk) for q in visible(questions, response.answers)}
    response.answers = {k: v for k, v in response.answers.items() if k in shown}
    if submit:
        response.submitted = now
        if member is not None:
            Member.objects.filter(pk=member.pk).update(last_answered=now)
    response.save()
    return response


# ---- closing and feedback ------------------------------------------------------------------


def close(user, consultation: Consultation, now=None) -> Consultation:
    """Stop answering; the feedback is owed from now."""
    if consultation.status == Status.CLOSED:
        return consultation
    consultation.status = Status.CLOSED
    consultation.closed = now or timezone.now()
    consultation.save(update_fields=["status", "closed"])
    record(
        consultation.use.traject,
        user,
        "raadpleging",
        gettext_noop("The panel consultation %(title)s is closed; the feedback follows."),
        title=consultation.use.title,
    )
    audit(user, "change", consultation, gemeente=consultation.gemeente, detail="closed")
    return consultation


@transaction.atomic
def give_feedback(
    user, consultation: Consultation, status: str, text: str, now=None, *, tell: bool = True
):
    """The public account of what was done with the result: on the trajectory's "What was
    done with your input?" page, and to every respondent in their inbox and by e-mail (as
    long work, which is returned)."""
    from samenspel.panel.tasks import tell_respondents

    consultation = (
        Consultation.objects.select_for_update().select_related("use").get(pk=consultation.pk)
    )
    traject = consultation.use.traject
    if consultation.inbreng is None:
        with override("nl"):
            count = consultation.responses.filter(submitted__isnull=False).count()
            summary = ngettext(
                "The results of the panel consultation %(title)s (%(count)s answer).",
                "The results of the panel consultation %(title)s (%(count)s answers).",
                count,
            ) % {"title": consultation.use.title, "count": count}
            source = _("Panel consultation: %(title)s") % {"title": consultation.use.title}
        consultation.inbreng = submit_inbreng(None, traject, summary, source=source)
    answer_inbreng(user, consultation.inbreng, status, text)
    first = consultation.feedback_given is None
    consultation.feedback = text
    consultation.feedback_given = consultation.feedback_given or now or timezone.now()
    consultation.save(update_fields=["feedback", "feedback_given", "inbreng"])
    if not first or not tell:
        return None
    with override("nl"):
        title = _("Telling the respondents of %(title)s") % {"title": consultation.use.title}
    return start_long_work(
        tell_respondents,
        consultation.pk,
        title=title,
        owner=user,
        about=consultation,
        gemeente=consultation.gemeente,
        url=reverse("panel:detail", args=[consultation.gemeente.slug, consultation.pk]),
    )


def feedback_state(consultation: Consultation, now=None) -> dict:
    """Whether feedback was given, how many days after closing, and whether it is overdue."""
    now = now or timezone.now()
    if consultation.closed is None:
        return {"closed": False}
    due = consultation.closed + timedelta(days=consultation.panel.feedback_days)
    given = consultation.feedback_given
    return {
        "closed": True,
        "given": given is not None,
        "days": (given - consultation.closed).days if given else None,
        "overdue": given is None and now > due,
        "due": due,
    }


def overview(gemeente, now=None) -> list[dict]:
    """The municipality's consultations with their response and feedback state."""
    rows = []
    for consultation in (
        Consultation.objects.filter(gemeente=gemeente)
        .select_related("use__traject", "panel")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count(
                "responses", filter=Q(responses__submitted__isnull=False), distinct=True
            ),
        )
    ):
        rows.append(
            {
                "consultation": consultation,
                "invited": consultation.invited,
                "answered": consultation.answered,
                "rate": round(100 * consultation.answered / consultation.invited, 1)
                if consultation.invited
                else None,
                **feedback_state(consultation, now),
            }
        )
    return rows


# ---- results -------------------------------------------------------------------------------


def _weights(consultation: Consultation, rows: list[dict]) -> dict:
    """Raking to the population on the panel's attributes that every respondent answered
    and whose every value has a respondent; the others are named as not used."""
    import numpy as np

    from samenspel.engines.weighting import TrimBounds, WeightingError, rake

    margins = population(consultation.gemeente, consultation.panel.attributes)
    n = len(rows)
    plain = {"weights": np.ones(n), "used": [], "skipped": [], "result": None}
    if margins is None or not n:
        return plain
    shares = margins.shares()
    used, skipped = [], []
    for attribute, values in shares.items():
        present = {r.get(attribute) for r in rows}
        if present <= set(values) and all(v in present for v, s in values.items() if s > 0):
            used.append(attribute)
        else:
            skipped.append(attribute)
    if not used:
        return {**plain, "skipped": skipped}
    restricted = population(consultation.gemeente, used)
    try:
        result = rake(rows, restricted, bounds=TrimBounds(*TRIM))
    except WeightingError:
        return {**plain, "skipped": list(shares)}
    return {"weights": result.weights, "used": used, "skipped": skipped, "result": result}


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _bars(items: list[dict], key: str = "weighted") -> list[dict]:
    """Bar geometry for the SVG chart: 24 px a row, 300 px the widest share."""
    widest = max([i[key] or 0 for i in items] + [0.01])
    for index, item in enumerate(items):
        item["y"] = 24 * index
        item["width"] = round(300 * (item[key] or 0) / widest, 1)
    return items


def results(consultation: Consultation) -> dict:
    """Response and results, unweighted and weighted to the population, per question. No
    figure counts fewer than ``MIN_CELL`` people (for the organisers neither: a small group's
    figures would identify people just the same).

    Kept in the shared cache under everything they depend on (answers sent, tags, invitations
    of members still in the panel, the panel's attributes, the reader's language), so a page
    is computed again only when one of those changed."""
    answered = consultation.responses.filter(submitted__isnull=False).aggregate(
        n=Count("id"), last=Max("submitted")
    )
    tagged = Tag.objects.filter(question__consultation=consultation).aggregate(
        n=Count("id"), last=Max("id")
    )
    invited = consultation.invitations.aggregate(n=Count("id"), members=Count("member"))
    state = (
        consultation.pk,
        get_language(),
        answered["n"],
        answered["last"].isoformat() if answered["last"] else "",
        tagged["n"],
        tagged["last"],
        invited["n"],
        invited["members"],
        ",".join(consultation.panel.attributes),
    )
    key = "panel-results:" + sha256(repr(state).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _results(consultation)
        cache.set(key, found, RESULTS_KEPT)
    return found


def _results(consultation: Consultation) -> dict:
    import numpy as np

    gemeente = consultation.gemeente
    responses = _submitted(consultation)
    invited = consultation.invitations.count()
    n = len(responses)
    base = {
        "invited": invited,
        "answered": n,
        "rate": _pct(n / invited) if invited else None,
        "min_cell": MIN_CELL,
    }
    if n < MIN_CELL:
        return {**base, "too_few": True}
    weighting = _weights(consultation, [r[1] for r in responses])
    weights = weighting["weights"]
    result = weighting["result"]
    margins = population(gemeente, weighting["used"]) if weighting["used"] else None
    questions = list(consultation.questions.all())
    tags = Counter(
        Tag.objects.filter(question__consultation=consultation).values_list("question_id", "name")
    )
    return {
        **base,
        "too_few": False,
        "effective_sample_size": round(float(weights.sum() ** 2 / np.square(weights).sum()), 1),
        "weighted_on": [ATTRIBUTE_LABELS[a] for a in weighting["used"]],
        "not_weighted_on": [ATTRIBUTE_LABELS.get(a, a) for a in weighting["skipped"]],
        "converged": result.converged if result else None,
        "margins": _margin_rows(gemeente, result, margins),
        "groups": _groups(consultation, [r[1] for r in responses if r[0] is not None]),
        "over_time": _over_time([r[3] for r in responses]),
        "questions": [
            _question_result(q, [r[2] for r in responses], weights, tags) for q in questions
        ],
    }


def _margin_rows(gemeente, result, margins) -> list[dict]:
    if result is None or margins is None:
        return []
    rows = []
    for attribute, values in margins.shares().items():
        for value, share in values.items():
            rows.append(
                {
                    "attribute": ATTRIBUTE_LABELS[attribute],
                    "value": value_label(gemeente, attribute, value),
                    "population": share,
                    "unweighted": result.unweighted_margins[attribute][value],
                    "weighted": result.weighted_margins[attribute][value],
                }
            )
    return rows


def _submitted(consultation: Consultation) -> list[tuple]:
    """(member id or None, attributes, answers, submitted) of every submitted response. The
    JSON is fetched as text and decoded in one go: for thousands of responses that is several
    times faster than decoding each value on its own."""
    rows = list(
        consultation.responses.filter(submitted__isnull=False)
        .annotate(a=Cast("attributes", TextField()), b=Cast("answers", TextField()))
        .values_list("invitation__member_id", "a", "b", "submitted")
        .order_by("id")
    )
    # Thousands of small dicts made at once would set off the cyclic garbage collector many
    # times over (it walks every object of the process); they hold no cycles, so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        attributes = json.loads("[" + ",".join(r[1] for r in rows) + "]")
        answers = json.loads("[" + ",".join(r[2] for r in rows) + "]")
        return [(r[0], a, b, r[3]) for r, a, b in zip(rows, attributes, answers, strict=True)]
    finally:
        if collecting:
            gc.enable()


def _groups(consultation: Consultation, answering: list[dict]) -> list[dict]:
    """Response per group of the panel's attributes among the members still in the panel
    (``answering``: the profiles of those who answered); groups under ``MIN_CELL`` are
    hidden."""
    gemeente = consultation.gemeente
    invited: dict[tuple[str, str], int] = Counter()
    for values in consultation.invitations.filter(member__isnull=False).values_list(
        "member__attributes", flat=True
    ):
        invited.update(values.items())
    answered: dict[tuple[str, str], int] = Counter()
    for values in answering:
        answered.update(values.items())
    rows = []
    for attribute in consultation.panel.attributes:
        for (a, value), count in sorted(invited.items()):
            if a != attribute:
                continue
            got = answered.get((a, value), 0)
            small = count < MIN_CELL or got < MIN_CELL
            rows.append(
                {
                    "attribute": ATTRIBUTE_LABELS[a],
                    "value": value_label(gemeente, a, value),
                    "invited": None if small else count,
                    "answered": None if small else got,
                    "rate": None if small else _pct(got / count),
                }
            )
    return rows


def _over_time(submitted: list[datetime]) -> dict:
    """Answers received per day, cumulative, as a polyline 300 × 100 px with its table."""
    per_day = Counter(timezone.localdate(s) for s in submitted)
    days = sorted(per_day)
    totals = [sum(per_day[d] for d in days[: i + 1]) for i in range(len(days))]
    rows = [{"day": d, "count": per_day[d], "total": t} for d, t in zip(days, totals, strict=True)]
    span = max((days[-1] - days[0]).days, 1) if days else 1
    last = totals[-1] if totals else 1
    points = " ".join(
        f"{round(300 * (d - days[0]).days / span, 1)},{round(100 - 100 * t / last, 1)}"
        for d, t in zip(days, totals, strict=True)
    )
    return {"rows": rows, "points": points}


def _shares_of(answers, weights, options, multiple: bool) -> list[dict]:
    import numpy as np

    chosen = [
        (a if isinstance(a, list) else [a]) if a not in (None, "", []) else [] for a in answers
    ]
    answered = np.array([bool(c) for c in chosen])
    total_w = float(weights[answered].sum()) or 1.0
    total_n = int(answered.sum()) or 1
    items = []
    for value, text in options:
        mask = np.array([value in c for c in chosen])
        count = int(mask.sum())
        small = count < MIN_CELL
        items.append(
            {
                "value": value,
                "label": text,
                "count": None if small else count,
                "unweighted": None if small else _pct(count / total_n),
                "weighted": None if small else _pct(float(weights[mask].sum()) / total_w),
            }
        )
    return _bars(items)


def _mean_rows(rows: list[tuple[str, list]], weights) -> list[dict]:
    import numpy as np

    items = []
    for label_, values in rows:
        y = np.array([np.nan if v is None else float(v) for v in values])
        keep = ~np.isnan(y)
        count = int(keep.sum())
        small = count < MIN_CELL
        items.append(
            {
                "label": label_,
                "count": None if small else count,
                "unweighted": None if small else round(float(y[keep].mean()), 2),
                "weighted": None
                if small
                else round(float(np.average(y[keep], weights=weights[keep])), 2),
            }
        )
    return _bars(items)


def _question_result(question: Question, answers_list, weights, tags) -> dict:
    key = str(question.pk)
    answers = [a.get(key) for a in answers_list]
    options = shown_options(question)
    base = {"question": question, "text": question_text(question), "kind": question.kind}
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE5, Kind.SCALE10):
        items = _shares_of(answers, weights, options, question.kind == Kind.MULTIPLE)
        result = {**base, "items": items, "unit": "%"}
        if question.kind in (Kind.SCALE5, Kind.SCALE10):
            result["mean"] = _mean_rows(
                [(_("average"), [int(a) if a else None for a in answers])], weights
            )[0]
        return result
    if question.kind == Kind.RANKING:
        rows = [
            (
                text,
                [
                    (a.index(value) + 1) if isinstance(a, list) and value in a else None
                    for a in answers
                ],
            )
            for value, text in options
        ]
        return {**base, "items": _mean_rows(rows, weights), "unit": _("average place")}
    if question.kind == Kind.MATRIX:
        rows = [
            (text, [a.get(value) if isinstance(a, dict) else None for a in answers])
            for value, text in options
        ]
        return {**base, "items": _mean_rows(rows, weights), "unit": _("average, 1 to 5")}
    if question.kind == Kind.BUDGET:
        rows = [
            (text, [a.get(value) if isinstance(a, dict) else None for a in answers])
            for value, text in options
        ]
        return {**base, "items": _mean_rows(rows, weights), "unit": _("average points")}
    given = sum(1 for a in answers if a)
    counted = [
        {"name": name, "count": count}
        for (question_id, name), count in sorted(tags.items(), key=lambda t: (-t[1], t[0][1]))
        if question_id == question.pk and count >= MIN_CELL
    ]
    return {**base, "open": True, "given": given, "tags": counted}


def open_answers(question: Question) -> list[dict]:
    """The open answers to tag (organisers only), each with its tags."""
    tags = defaultdict(list)
    for response_id, name in Tag.objects.filter(question=question).values_list(
        "response_id", "name"
    ):
        tags[response_id].append(name)
    key = str(question.pk)
    return [
        {"id": pk, "text": answers.get(key), "tags": tags.get(pk, [])}
        for pk, answers in question.consultation.responses.filter(
            submitted__isnull=False
        ).values_list("id", "answers")
        if answers.get(key)
    ]


def tag_answer(user, question: Question, response_id: int, names: list[str]) -> None:
    """Set the tags of one open answer."""
    response = question.consultation.responses.get(pk=response_id)
    Tag.objects.filter(question=question, response=response).delete()
    Tag.objects.bulk_create(
        [Tag(question=question, response=response, name=n) for n in dict.fromkeys(names) if n]
    )


def csv_export(consultation: Consultation) -> str:
    """One row per response: a number, the weight and the answers; nothing about the person."""
    questions = list(consultation.questions.all())
    rows = list(
        consultation.responses.filter(submitted__isnull=False).values_list("attributes", "answers")
    )
    weights = _weights(consultation, [r[0] for r in rows])["weights"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [_("response"), _("weight")] + [f"{i}. {q.text}" for i, q in enumerate(questions, 1)]
    )
    for number, ((_attributes, answers), weight) in enumerate(zip(rows, weights, strict=True), 1):
        cells = []
        for q in questions:
            value = answers.get(str(q.pk), "")
            if isinstance(value, list):
                value = " | ".join(value)
            elif isinstance(value, dict):
                value = " | ".join(f"{k}: {v}" for k, v in value.items())
            cells.append(value)
        writer.writerow([number, f"{weight:.4f}", *cells])
    return buffer.getvalue()


# ---- panel health --------------------------------------------------------------------------


def health(gemeente, now=None) -> dict:
    """Size, composition against the population with the largest gaps, invitations per
    member, response, joined and lost, and how many letters would close the largest gap."""
    now = now or timezone.now()
    panel = panel_of(gemeente)
    profiles = list(Member.objects.filter(panel=panel).values_list("attributes", flat=True))
    size = len(profiles)
    margins = population(gemeente)
    pop = margins.shares() if margins is not None else {}
    composition, gaps = [], []
    for attribute in panel.attributes:
        counts = Counter(p.get(attribute) for p in profiles if p.get(attribute))
        total = sum(counts.values()) or 1
        values = list(dict.fromkeys([*pop.get(attribute, {}), *sorted(counts)]))
        rows = []
        for value in values:
            share = counts.get(value, 0) / total
            population_share = pop.get(attribute, {}).get(value)
            row = {
                "label": value_label(gemeente, attribute, value),
                "count": counts.get(value, 0) if counts.get(value, 0) >= MIN_CELL else None,
                "panel": _pct(share),
                "population": _pct(population_share),
                "gap": None
                if population_share is None
                else round(100 * (share - population_share), 1),
            }
            rows.append(row)
            if row["gap"] is not None:
                gaps.append(
                    {
                        "attribute": ATTRIBUTE_LABELS[attribute],
                        **row,
                        "key": attribute,
                        "value": value,
                    }
                )
        composition.append({"label": ATTRIBUTE_LABELS[attribute], "rows": rows})
    gaps.sort(key=lambda g: -abs(g["gap"]))
    seen = history(panel, now)
    per_member = Counter(min(h.count, 4) for h in seen.values())
    per_member[0] = size - sum(per_member.values())
    year_ago = (now - timedelta(days=365)).date()
    changes = Counter(
        PanelChange.objects.filter(panel=panel, on__gte=year_ago).values_list("kind", flat=True)
    )
    return {
        "panel": panel,
        "size": size,
        "composition": composition,
        "largest_gaps": gaps[:3],
        "invitations": [
            {"label": "4+" if k == 4 else str(k), "members": per_member.get(k, 0)} for k in range(5)
        ],
        "consultations": overview(gemeente, now),
        "joined": changes.get(ChangeKind.JOINED, 0),
        "left": changes.get(ChangeKind.LEFT, 0),
        "retired": changes.get(ChangeKind.RETIRED, 0),
        "recruitment": _recruitment(gemeente, panel, profiles, pop),
    }


def _recruitment(gemeente, panel, profiles, pop) -> list[dict]:
    """Per under-represented wijk: the members needed for its population share, and the
    letters that would bring them at ``RECRUITMENT_RATE``; largest gap first, at most three."""
    shares = pop.get("area", {})
    if "area" not in panel.attributes or not shares:
        return []
    counts = Counter(p.get("area") for p in profiles if p.get("area"))
    size = sum(counts.values())
    proposals = []
    for wijk, share in shares.items():
        if share >= 1:
            continue
        # (have + x) / (size + x) = share  ⇒  x = (share·size − have) / (1 − share)
        needed = math.ceil((share * size - counts.get(wijk, 0)) / (1 - share))
        if needed > 0:
            proposals.append(
                {
                    "wijk": value_label(gemeente, "area", wijk),
                    "members": needed,
                    "letters": math.ceil(needed / RECRUITMENT_RATE),
                }
            )
    proposals.sort(key=lambda p: -p["members"])
    return proposals[:3]


# ---- yearly upkeep -------------------------------------------------------------------------


def upkeep(now=None) -> dict[str, int]:
    """Run daily: ask members whose profile is a year old to confirm it (once a year), and
    retire members who were invited but did not answer for the panel's period."""
    now = now or timezone.now()
    asked = retired = 0
    for panel in Panel.objects.select_related("gemeente"):
        due = list(
            Member.objects.filter(panel=panel, confirmed__lte=now - CONFIRM_EVERY)
            .filter(Q(confirm_asked__isnull=True) | Q(confirm_asked__lte=now - CONFIRM_EVERY))
            .select_related("user")
        )
        if due:
            notify(
                [m.user for m in due],
                subject=gettext_noop("Is your panel profile still right?"),
                body=gettext_noop(
                    "Once a year we ask panel members to check their profile, so that the "
                    "panel stays a good picture of %(gemeente)s. Please check it and confirm."
                ),
                url=reverse("panel:mine", args=[panel.gemeente.slug]),
                gemeente=panel.gemeente,
                params={"gemeente": panel.gemeente.name},
            )
            Member.objects.filter(pk__in=[m.pk for m in due]).update(confirm_asked=now)
            asked += len(due)
        cutoff = now - timedelta(days=round(30.44 * panel.retire_after_months))
        silent = (
            Member.objects.filter(panel=panel, joined__lt=cutoff)
            .filter(Q(last_answered__isnull=True) | Q(last_answered__lt=cutoff))
            .filter(invitations__invited__gte=cutoff)
            .distinct()
            .select_related("panel", "gemeente", "user")
        )
        for member in silent:
            notify(
                [member.user],
                subject=gettext_noop("You are no longer in the panel of %(gemeente)s"),
                body=gettext_noop(
                    "You have not answered the panel's questions for a long time, so we took "
                    "you out of the panel and erased your profile. You are welcome to join "
                    "again."
                ),
                url=reverse("panel:join", args=[panel.gemeente.slug]),
                gemeente=panel.gemeente,
                params={"gemeente": panel.gemeente.name},
            )
            leave(member, ChangeKind.RETIRED)
            retired += 1
    return {"asked_to_confirm": asked, "retired": retired}


def invitations_answered(traject, since: datetime, until: datetime) -> tuple[int, int]:
    """The invitations to this trajectory's consultations sent from ``since`` until ``until``,
    and how many of them were answered (for the learning indicators)."""
    invitations = Invitation.objects.filter(
        consultation__use__traject=traject, invited__gte=since, invited__lt=until
    )
    return invitations.count(), invitations.filter(response__submitted__isnull=False).count()
