# SPDX-License-Identifier: EUPL-1.2
"""Public API of the budgeting app: set-up, proposals, ballots, the count and the report."""

from __future__ import annotations

import csv
import hmac
import io
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from hashlib import sha256
from pathlib import Path

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samenspel.budgeting.models import (
    AgeBand,
    BallotType,
    Begroting,
    Channel,
    Decision,
    Deel,
    Keuze,
    Level,
    Ontbrekend,
    PaperEntry,
    Post,
    Rule,
    Status,
    Stem,
    TieBreak,
    Uitslag,
    Voorstel,
    VoorstelStatus,
)
from samenspel.core.api import MIN_CELL
from samenspel.core.services import audit, derived_key, start_long_work
from samenspel.engines.budgeting import Ballot, Election, Project, count, parse_pb, write_pb
from samenspel.engines.budgeting.explain import explain
from samenspel.instruments.services import attach, has_assurance
from samenspel.people.services import AssuranceLevel, Role, memberships_of, roles_in
from samenspel.trajectories.services import answer_inbreng, record, submit_inbreng

__all__ = [
    "council_decisions",
    "BallotRefused",
    "Begroting",
    "Eligibility",
    "NotNow",
    "PaperMismatch",
    "ProtectedLine",
    "RulesFrozen",
    "add_deel",
    "add_ontbrekend",
    "add_post",
    "ballot_of",
    "check_ballot",
    "close_voting",
    "count_begroting",
    "create_begroting",
    "decide",
    "eligibility",
    "enter_paper",
    "find_receipt",
    "import_paper_csv",
    "open_proposals",
    "open_voting",
    "participation",
    "recount",
    "report_totals",
    "review",
    "start_count",
    "submit_ballot",
    "submit_voorstel",
    "update_setup",
]

#: The set-up that is frozen, and published, when voting opens.
FROZEN_FIELDS = (
    "kind",
    "total",
    "ballot_type",
    "max_choices",
    "points",
    "rule",
    "tie_break",
    "level",
    "min_age",
)
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 12
RECEIPT_TRIES = 30
RECEIPT_WINDOW = 3600
#: The height of one project's bar in the result chart, in pixels.
CHART_ROW = 22


class RulesFrozen(Exception):
    """The rules of the vote were published when voting opened; they no longer change."""


class NotNow(Exception):
    """The step does not fit the stage the begroting is in; the message is for the person."""


class ProtectedLine(Exception):
    """A proposal touches a budget line the council protected; the message names the frame."""


class BallotRefused(Exception):
    """A ballot that cannot be accepted; the message says why, for the voter."""


class PaperMismatch(Exception):
    """A second official typed a paper ballot differently from the first."""


# ---- set-up --------------------------------------------------------------------------------


@transaction.atomic
def create_begroting(user, traject, phase: str, title: str, data: dict) -> Begroting:
    """Attach a begroting to the trajectory, with one part for the whole amount."""
    use = attach(user, traject, "begroting", phase, title)
    begroting = Begroting.objects.create(use=use, gemeente=traject.gemeente, **data)
    whole = _("Savings target") if begroting.is_savings else _("Whole municipality")
    Deel.objects.create(begroting=begroting, name=whole, amount=begroting.total)
    return begroting


def _lock(begroting: Begroting) -> Begroting:
    return Begroting.objects.select_for_update().select_related("use").get(pk=begroting.pk)


def _not_frozen(begroting: Begroting) -> None:
    if begroting.frozen_at is not None:
        raise RulesFrozen(
            _(
                "Voting has opened: the ballot, the counting rule and the amounts can no longer "
                "change."
            )
        )


@transaction.atomic
def update_setup(user, begroting: Begroting, data: dict) -> Begroting:
    """Change the set-up; refused (RulesFrozen) once voting has opened."""
    locked = _lock(begroting)
    _not_frozen(locked)
    for field, value in data.items():
        setattr(locked, field, value)
    locked.save()
    audit(user, "change", locked, gemeente=locked.gemeente, detail=",".join(sorted(data)))
    return locked


@transaction.atomic
def add_deel(user, begroting: Begroting, name: str, amount: int, gebied=None) -> Deel:
    """Split the budget: a thematafel or a wijk with its own amount. The first part added
    replaces the single part the begroting started with, when nothing was proposed in it."""
    locked = _lock(begroting)
    _not_frozen(locked)
    if gebied is not None and gebied.gemeente_id != locked.gemeente_id:
        raise ValueError("the area lies in another municipality")
    first = locked.delen.all()
    if first.count() == 1 and not first.get().voorstellen.exists() and not first.get().gebied:
        only = first.get()
        if only.name in (_("Savings target"), _("Whole municipality")):
            only.delete()
    deel = Deel.objects.create(begroting=locked, name=name, amount=amount, gebied=gebied)
    audit(user, "create", deel, gemeente=locked.gemeente)
    return deel


@transaction.atomic
def add_post(user, begroting: Begroting, data: dict) -> Post:
    locked = _lock(begroting)
    _not_frozen(locked)
    post = Post.objects.create(begroting=locked, **data)
    audit(user, "create", post, gemeente=locked.gemeente)
    return post


def add_ontbrekend(user, deel: Deel, interest: str, invited: str) -> Ontbrekend:
    """Completing the group: note an interest missing at a thematafel and whom was invited."""
    row = Ontbrekend.objects.create(deel=deel, interest=interest, invited=invited)
    audit(user, "create", row, gemeente=deel.begroting.gemeente)
    return row


def _move(user, begroting: Begroting, allowed_from: tuple[str, ...], to: str, sentence: str):
    """Move the begroting to the next stage, on its trajectory's timeline."""
    locked = _lock(begroting)
    if locked.status not in allowed_from:
        raise NotNow(_("This step does not fit the stage the budget is in."))
    locked.status = to
    locked.save(update_fields=["status"])
    record(locked.use.traject, user, "instrument", sentence, title=locked.use.title)
    audit(user, "change", locked, gemeente=locked.gemeente, detail=f"status {to}")
    return locked


@transaction.atomic
def open_proposals(user, begroting: Begroting) -> Begroting:
    sentence = gettext_noop("%(title)s is open for proposals.")
    return _move(user, begroting, (Status.SETUP,), Status.PROPOSALS, sentence)


def published_rules(begroting: Begroting) -> dict:
    """The rules as they are frozen: the set-up, the parts, the protected lines, the order in
    which ties are broken."""
    return {
        **{field: getattr(begroting, field) for field in FROZEN_FIELDS},
        "closes_at": begroting.closes_at.isoformat() if begroting.closes_at else None,
        "delen": [
            {"id": d.pk, "name": d.name, "amount": d.amount, "gebied": d.gebied_id}
            for d in begroting.delen.all()
        ],
        "protected": [
            {"name": p.name, "amount": p.amount, "frame": p.frame}
            for p in begroting.posten.filter(protected=True)
        ],
        "projects": {
            str(v.pk): {"cost": v.amount, "id": project_id}
            for v, project_id in _engine_ids(begroting).items()
        },
    }


@transaction.atomic
def open_voting(user, begroting: Begroting) -> Begroting:
    """Open voting: the rules are frozen and published; from now on they cannot change."""
    locked = _lock(begroting)
    if locked.status not in (Status.SETUP, Status.PROPOSALS):
        raise NotNow(_("This step does not fit the stage the budget is in."))
    if locked.closes_at is None or locked.closes_at <= timezone.now():
        raise NotNow(_("Set a closing time in the future first."))
    if not locked.voorstellen.filter(status=VoorstelStatus.ACCEPTED).exists():
        raise NotNow(_("Accept at least one proposal for the ballot first."))
    if locked.rule == Rule.PHRAGMEN and locked.ballot_type == BallotType.POINTS:
        raise NotNow(_("Sequential Phragmén counts approval ballots only; choose another rule."))
    locked.status = Status.VOTING
    locked.frozen = published_rules(locked)
    locked.frozen_at = timezone.now()
    locked.save()
    record(
        locked.use.traject,
        user,
        "instrument",
        gettext_noop("Voting on %(title)s opened; the rules of the vote are published."),
        title=locked.use.title,
    )
    audit(user, "change", locked, gemeente=locked.gemeente, detail="voting opened, rules frozen")
    return locked


@transaction.atomic
def close_voting(user, begroting: Begroting) -> Begroting:
    """Close voting; a bezuinigingsdialoog without a vote closes its proposals this way."""
    sentence = gettext_noop("Voting on %(title)s closed.")
    stages = (Status.VOTING, Status.PROPOSALS) if begroting.is_savings else (Status.VOTING,)
    return _move(user, begroting, stages, Status.CLOSED, sentence)


def voting_open(begroting: Begroting, now=None) -> bool:
    now = now or timezone.now()
    return begroting.status == Status.VOTING and (
        begroting.closes_at is None or now < begroting.closes_at
    )


def protected_posts(begroting: Begroting) -> list[Post]:
    return list(begroting.posten.filter(protected=True))


# ---- proposals -----------------------------------------------------------------------------


def _frame_message(post: Post) -> str:
    return _(
        "This proposal touches “%(line)s”, which the council protected: %(frame)s "
        "Choose another budget line."
    ) % {"line": post.name, "frame": post.frame or _("this line may not be cut.")}


@transaction.atomic
def submit_voorstel(user, begroting: Begroting, data: dict) -> Voorstel:
    """A resident's proposal; in a bezuinigingsdialoog it names the line it cuts, and a
    protected line is refused (ProtectedLine, naming the frame). It is input on the trajectory,
    so feedback is owed."""
    locked = _lock(begroting)
    if locked.status != Status.PROPOSALS:
        raise NotNow(_("Proposals can be submitted only while the budget is open for them."))
    post = data.get("post")
    if post is not None and post.protected:
        raise ProtectedLine(_frame_message(post))
    if data["deel"].begroting_id != locked.pk or (post and post.begroting_id != locked.pk):
        raise ValueError("the part or line belongs to another budget")
    number = (locked.voorstellen.aggregate(n=Max("number"))["n"] or 0) + 1
    inbreng = submit_inbreng(
        user, locked.use.traject, f"{data['title']}: {data['description']}", source="begroting"
    )
    voorstel = Voorstel.objects.create(
        begroting=locked, number=number, author=user, inbreng=inbreng, **data
    )
    audit(user, "create", voorstel, gemeente=locked.gemeente, personal_data=True)
    return voorstel


#: How a check of a proposal answers the input on the trajectory.
_ANSWER: dict[str, str] = {
    VoorstelStatus.ACCEPTED: "overgenomen",
    VoorstelStatus.REJECTED: "niet_overgenomen",
    VoorstelStatus.MERGED: "deels_overgenomen",
}


@transaction.atomic
def review(
    user, voorstel: Voorstel, status: str, reason: str, cost=None, merged_into=None
) -> Voorstel:
    """The officials' check: accept with a cost, reject, or merge with a duplicate; always with
    a public reason, which answers the input. Refused once voting opened."""
    locked = Voorstel.objects.select_for_update().get(pk=voorstel.pk)
    begroting = locked.begroting
    _not_frozen(begroting)
    if status == VoorstelStatus.MERGED and (
        merged_into is None
        or merged_into.pk == locked.pk
        or merged_into.begroting_id != begroting.pk
    ):
        raise ValueError("merge into another proposal of the same budget")
    locked.status = status
    locked.reason = reason
    locked.cost = cost if status == VoorstelStatus.ACCEPTED else locked.cost
    locked.merged_into = merged_into if status == VoorstelStatus.MERGED else None
    locked.save()
    if locked.inbreng is not None and status in _ANSWER:
        answer_inbreng(user, locked.inbreng, _ANSWER[status], reason)
    audit(user, "change", locked, gemeente=begroting.gemeente, detail=f"status {status}")
    return locked


@transaction.atomic
def decide(user, voorstel: Voorstel, data: dict) -> Voorstel:
    """Record the council's decision on a proposal (adopted, amended, rejected)."""
    for field, value in data.items():
        setattr(voorstel, field, value)
    voorstel.save()
    audit(user, "change", voorstel, gemeente=voorstel.begroting.gemeente, detail="decision")
    return voorstel


def ballot_projects(begroting: Begroting) -> list[Voorstel]:
    """The proposals on the ballot, by part."""
    return list(
        begroting.voorstellen.filter(status=VoorstelStatus.ACCEPTED)
        .select_related("deel")
        .order_by("deel_id", "number")
    )


# ---- voting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """May this person vote, and if not, why (a sentence for them)."""

    may_vote: bool
    reason: str = ""
    gebied_id: int | None = None


def _home_area(user, begroting: Begroting) -> int | None:
    for membership in memberships_of(user):
        if membership.gemeente_id == begroting.gemeente_id and membership.role == Role.INWONER:
            return membership.gebied_id
    return None


def eligibility(user, begroting: Begroting, now=None) -> Eligibility:
    if not voting_open(begroting, now):
        if begroting.status in (Status.CLOSED, Status.COUNTED) or begroting.status == Status.VOTING:
            return Eligibility(False, _("Voting has closed. Ballots are no longer accepted."))
        return Eligibility(False, _("Voting has not opened yet."))
    if not getattr(user, "is_authenticated", False):
        return Eligibility(False, _("Log in to vote."))
    if Role.INWONER not in roles_in(user, begroting.gemeente):
        return Eligibility(False, _("Only residents of this municipality can vote."))
    needed = AssuranceLevel.CODE if begroting.level == Level.CODE else AssuranceLevel.DECLARED
    if not has_assurance(user, begroting.use, needed):
        return Eligibility(
            False,
            _("This vote is binding: enter the code from the letter you received first."),
        )
    return Eligibility(True, gebied_id=_home_area(user, begroting))


def check_ballot(
    begroting: Begroting, choices: dict[int, int], gebied_id: int | None, age_band: str = ""
) -> dict[int, int]:
    """The ballot's choices (proposal pk → points), checked against the frozen rules; raises
    BallotRefused with a clear message."""
    projects = {v.pk: v for v in ballot_projects(begroting)}
    chosen = {pk: points for pk, points in choices.items() if points}
    unknown = set(chosen) - set(projects)
    if unknown:
        raise BallotRefused(_("Your ballot names a proposal that is not on the ballot."))
    if begroting.min_age and age_band == AgeBand.UNDER_15 and begroting.min_age >= 15:
        raise BallotRefused(_("You can vote from the age of %(age)s.") % {"age": begroting.min_age})
    by_deel: dict[int, list[Voorstel]] = {}
    for pk in chosen:
        by_deel.setdefault(projects[pk].deel_id, []).append(projects[pk])
    for picked in by_deel.values():
        deel = picked[0].deel
        if deel.gebied_id is not None and deel.gebied_id != gebied_id:
            raise BallotRefused(
                _("“%(part)s” is for the residents of that area only. Leave out %(title)s.")
                % {"part": deel.name, "title": picked[0].title}
            )
        spent = sum(v.amount for v in picked)
        if begroting.ballot_type == BallotType.KNAPSACK and spent > deel.amount:
            raise BallotRefused(
                _(
                    "Your choice for “%(part)s” costs € %(spent)s, more than the budget of "
                    "€ %(budget)s. Leave out a project."
                )
                % {"part": deel.name, "spent": _money(spent), "budget": _money(deel.amount)}
            )
        if begroting.ballot_type == BallotType.MAX_N and len(picked) > begroting.max_choices:
            raise BallotRefused(
                _("Choose at most %(n)s projects for “%(part)s”.")
                % {"n": begroting.max_choices, "part": deel.name}
            )
        if begroting.ballot_type == BallotType.POINTS:
            total = sum(chosen[v.pk] for v in picked)
            if total > begroting.points:
                raise BallotRefused(
                    _("You gave %(given)s points for “%(part)s”; you have %(points)s.")
                    % {"given": total, "points": begroting.points, "part": deel.name}
                )
    if begroting.ballot_type != BallotType.POINTS:
        chosen = dict.fromkeys(chosen, 1)
    return chosen


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _receipt_digest(code: str) -> str:
    return hmac.new(derived_key(b"budgeting-receipt"), code.encode(), sha256).hexdigest()


def _new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(RECEIPT_LENGTH))


def normalise_receipt(typed: str) -> str:
    return "".join(c for c in typed.upper() if c.isalnum())


def _store(
    begroting: Begroting,
    voter_key: str,
    chosen: dict[int, int],
    *,
    user=None,
    channel: str = Channel.ONLINE,
    gebied_id: int | None = None,
    age_band: str = "",
) -> tuple[Stem, str]:
    """Store the ballot of ``voter_key`` (a new one, or the voter's changed one) with a new
    receipt code. The unique key per voter keeps it one ballot whatever arrives at once."""
    code = _new_receipt()
    fields = {
        "receipt": _receipt_digest(code),
        "public_id": secrets.token_hex(5),
        "gebied_id": gebied_id,
        "age_band": age_band,
        "channel": channel,
    }
    for _attempt in range(3):
        try:
            with transaction.atomic():
                stem = (
                    Stem.objects.select_for_update()
                    .filter(begroting=begroting, voter_key=voter_key)
                    .first()
                )
                if stem is None:
                    stem = Stem.objects.create(
                        begroting=begroting, voter_key=voter_key, user=user, **fields
                    )
                else:
                    Stem.objects.filter(pk=stem.pk).update(version=F("version") + 1, **fields)
                    stem.keuzes.all().delete()
                    stem.refresh_from_db()
                Keuze.objects.bulk_create(
                    Keuze(stem=stem, voorstel_id=pk, points=points) for pk, points in chosen.items()
                )
                return stem, code
        except IntegrityError:
            continue  # another submission of this voter made the row first: update it
    raise BallotRefused(_("Your ballot could not be stored. Please try again."))


@transaction.atomic
def import_ballots(begroting: Begroting, ballots: list[tuple[str, dict[int, int]]]) -> int:
    """Store many counted paper ballots at once (``(sheet, choices)``, already checked): for
    a file of paper ballots and for elections read from a pabulib file. Returns how many."""
    stems = Stem.objects.bulk_create(
        Stem(
            begroting=begroting,
            voter_key=f"csv:{sheet}"[:64],
            channel=Channel.CSV,
            receipt=_receipt_digest(_new_receipt()),
            public_id=secrets.token_hex(5),
        )
        for sheet, _chosen in ballots
    )
    Keuze.objects.bulk_create(
        (
            Keuze(stem=stem, voorstel_id=pk, points=points)
            for stem, (_sheet, chosen) in zip(stems, ballots, strict=True)
            for pk, points in chosen.items()
        ),
        batch_size=5000,
    )
    return len(stems)


def submit_ballot(user, begroting: Begroting, choices: dict[int, int], age_band: str = ""):
    """Cast or change this resident's ballot: (the ballot, its new receipt code) or
    BallotRefused with the reason."""
    allowed = eligibility(user, begroting)
    if not allowed.may_vote:
        raise BallotRefused(allowed.reason)
    chosen = check_ballot(begroting, choices, allowed.gebied_id, age_band)
    if not chosen:
        raise BallotRefused(_("Choose at least one project."))
    stem, code = _store(
        begroting,
        f"user:{user.pk}",
        chosen,
        user=user,
        gebied_id=allowed.gebied_id,
        age_band=age_band,
    )
    audit(user, "create", stem, gemeente=begroting.gemeente, personal_data=True)
    return stem, code


def ballot_of(user, begroting: Begroting) -> Stem | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return begroting.stemmen.filter(voter_key=f"user:{user.pk}").first()


def receipt_try_allowed(client: str) -> bool:
    """Receipt codes can be guessed: each client checks at most RECEIPT_TRIES an hour."""
    hashed = hmac.new(derived_key(b"budgeting-client"), client.encode(), sha256).hexdigest()
    key = f"budgeting:receipt:{hashed[:32]}"
    cache.add(key, 0, RECEIPT_WINDOW)
    return cache.incr(key) <= RECEIPT_TRIES


def find_receipt(begroting: Begroting, typed: str) -> Stem | None:
    return (
        begroting.stemmen.filter(receipt=_receipt_digest(normalise_receipt(typed)))
        .prefetch_related("keuzes__voorstel")
        .first()
    )


# ---- paper ballots -------------------------------------------------------------------------


@transaction.atomic
def enter_paper(user, begroting: Begroting, sheet: str, choices: dict[int, int], age_band=""):
    """Four eyes: the first official's entry of a paper ballot waits; a second official types
    the same sheet again, and only when both agree does it count. Returns the entry."""
    locked = _lock(begroting)
    if locked.status not in (Status.VOTING, Status.CLOSED):
        raise NotNow(_("Paper ballots are entered while voting is open or just closed."))
    chosen = check_ballot(locked, choices, None, age_band)
    as_json = {str(pk): points for pk, points in sorted(chosen.items())}
    entry = PaperEntry.objects.filter(begroting=locked, sheet=sheet).first()
    if entry is None:
        entry = PaperEntry.objects.create(
            begroting=locked, sheet=sheet, choices=as_json, age_band=age_band, entered_by=user
        )
        audit(user, "create", entry, gemeente=locked.gemeente, detail="paper ballot, first entry")
        return entry
    if entry.stem_id is not None:
        raise PaperMismatch(_("This ballot paper has been counted already."))
    if entry.entered_by_id == user.pk:
        raise PaperMismatch(_("A second official must enter this ballot paper again."))
    if entry.choices != as_json or entry.age_band != age_band:
        raise PaperMismatch(
            _("Your entry differs from the first official's. Check the ballot paper together.")
        )
    stem, _code = _store(locked, f"paper:{sheet}", chosen, channel=Channel.PAPER, age_band=age_band)
    entry.confirmed_by, entry.stem = user, stem
    entry.save(update_fields=["confirmed_by", "stem"])
    audit(user, "create", stem, gemeente=locked.gemeente, detail="paper ballot confirmed")
    return entry


@transaction.atomic
def import_paper_csv(user, begroting: Begroting, text: str) -> int:
    """Import counted paper ballots: a line per paper, ``sheet;numbers`` (the proposals' numbers
    separated by commas, with ``number:points`` on a points ballot). A file with any wrong line
    is refused whole, the line named."""
    locked = _lock(begroting)
    if locked.status not in (Status.VOTING, Status.CLOSED):
        raise NotNow(_("Paper ballots are entered while voting is open or just closed."))
    by_number = {v.number: v.pk for v in ballot_projects(locked)}
    seen = set(locked.stemmen.filter(channel=Channel.CSV).values_list("voter_key", flat=True))
    ballots = []
    for line, row in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        if not row or row[0].strip().lower() in ("", "sheet", "stembiljet"):
            continue
        try:
            sheet, numbers = row[0].strip(), row[1]
            if f"csv:{sheet}"[:64] in seen:
                raise BallotRefused(_("ballot paper %(sheet)s is in already.") % {"sheet": sheet})
            seen.add(f"csv:{sheet}"[:64])
            choices = {}
            for item in filter(None, (n.strip() for n in numbers.split(","))):
                number, _sep, points = item.partition(":")
                choices[by_number[int(number)]] = int(points or 1)
            ballots.append((sheet, check_ballot(locked, choices, None)))
        except (IndexError, KeyError, ValueError, BallotRefused) as exc:
            detail = str(exc) if isinstance(exc, BallotRefused) else _("not a ballot")
            raise BallotRefused(
                _("Line %(line)s: %(problem)s") % {"line": line, "problem": detail}
            ) from exc
    import_ballots(locked, ballots)
    audit(user, "create", locked, gemeente=locked.gemeente, detail=f"{len(ballots)} paper ballots")
    return len(ballots)


# ---- the count -----------------------------------------------------------------------------


def _engine_ids(begroting: Begroting) -> dict[Voorstel, str]:
    """The id of each proposal on the ballot in the count: its place in the tie-breaking
    order, so that the engine's rule (the smaller id wins a tie) breaks ties as was set."""
    projects = ballot_projects(begroting)
    if begroting.tie_break == TieBreak.CHEAPEST:
        projects.sort(key=lambda v: (v.amount, v.number))
    else:
        projects.sort(key=lambda v: v.number)
    return {v: f"{place:04d}" for place, v in enumerate(projects, start=1)}


def engine_rule(ballot_type: str, rule: str) -> str:
    points = ballot_type == BallotType.POINTS
    rules: dict[str, str] = {
        Rule.MES: "mes_cardinal_add1" if points else "mes_cost_add1",
        Rule.GREEDY: "greedy_cardinal" if points else "greedy_cost",
        Rule.PHRAGMEN: "seq_phragmen",
    }
    return rules[rule]


def election_of(deel: Deel, rules: dict) -> tuple[Election, dict[str, Voorstel]]:
    """The stored ballots of one part as an election (its projects and the ballots that
    chose in it), as frozen: costs and ids from the published rules."""
    begroting = deel.begroting
    published = rules["projects"]
    voorstellen = {
        v.pk: v for v in begroting.voorstellen.filter(deel=deel, pk__in=[int(k) for k in published])
    }
    order = sorted(voorstellen, key=lambda pk: published[str(pk)]["id"])
    projects = tuple(
        Project(
            published[str(pk)]["id"],
            Fraction(published[str(pk)]["cost"]),
            (
                ("project_id", published[str(pk)]["id"]),
                ("cost", str(published[str(pk)]["cost"])),
                ("name", voorstellen[pk].title.replace(";", ",")),
                ("number", str(voorstellen[pk].number)),
            ),
        )
        for pk in order
    )
    index = {pk: i for i, pk in enumerate(order)}
    points_ballot = rules["ballot_type"] == BallotType.POINTS
    per_stem: dict[int, list[tuple[int, int]]] = {}
    public: dict[int, str] = {}
    rows = (
        Keuze.objects.filter(stem__begroting=begroting, voorstel__deel=deel)
        .order_by("stem_id", "voorstel_id")
        .values_list("stem_id", "stem__public_id", "voorstel_id", "points")
    )
    for stem_id, public_id, voorstel_id, points in rows.iterator(chunk_size=20000):
        if voorstel_id in index:
            per_stem.setdefault(stem_id, []).append((index[voorstel_id], points))
            public[stem_id] = public_id
    ballots = tuple(
        Ballot(
            public[stem_id],
            tuple(i for i, _p in sorted(picked)),
            tuple(Fraction(p) for _i, p in sorted(picked)) if points_ballot else (),
        )
        for stem_id, picked in per_stem.items()
    )
    vote_type = "cumulative" if points_ballot else "approval"
    rule = engine_rule(rules["ballot_type"], rules["rule"])
    meta = [
        ("description", f"{begroting.use.title} – {deel.name}"),
        ("country", "Netherlands"),
        ("unit", begroting.gemeente.name),
        ("instance", str(deel.pk)),
        ("num_projects", str(len(projects))),
        ("num_votes", str(len(ballots))),
        ("budget", str(deel.amount)),
        ("vote_type", vote_type),
        ("rule", rule),
        ("language", "nl"),
        ("currency", "EUR"),
        ("edition", str(begroting.frozen_at.year if begroting.frozen_at else "")),
    ]
    if rules["ballot_type"] == BallotType.KNAPSACK:
        meta.append(("max_sum_cost", str(deel.amount)))
    elif rules["ballot_type"] == BallotType.MAX_N:
        meta.append(("max_length", str(rules["max_choices"])))
    else:
        meta.append(("max_sum_points", str(rules["points"])))
    election = Election(
        tuple(meta),
        ("project_id", "cost", "name", "number"),
        projects,
        ("voter_id", "vote", "points") if points_ballot else ("voter_id", "vote"),
        ballots,
        Fraction(deel.amount),
        vote_type,
    )
    by_id = {published[str(pk)]["id"]: voorstellen[pk] for pk in order}
    return election, by_id


def _published(election: Election, selected: tuple[str, ...], support: Counter) -> str:
    """The .pb file of a count: PROJECTS with the votes and the ``selected`` column."""
    header = (*election.project_header, "votes", "selected")
    projects = tuple(
        Project(
            p.id,
            p.cost,
            (*p.columns, ("votes", str(support[p.id])), ("selected", str(int(p.id in selected)))),
        )
        for p in election.projects
    )
    return write_pb(
        Election(
            election.meta,
            header,
            projects,
            election.vote_header,
            election.ballots,
            election.budget,
            election.vote_type,
        )
    )


LANGS = ("nl", "en")
_ENGINE_ID = re.compile(r"\b\d{4,}\b")


def _named(text: str, by_id: dict[str, Voorstel]) -> str:
    """The engine's explanation with the proposals' titles for the count's ids: "Project 0003
    (Speeltuin)" becomes "Project “Speeltuin”"; where money went, the title instead of its id."""
    for pid, voorstel in by_id.items():
        text = text.replace(f"{pid} ({voorstel.title.replace(';', ',')})", f"“{voorstel.title}”")
    return _ENGINE_ID.sub(lambda m: f"“{by_id[m[0]].title}”" if m[0] in by_id else m[0], text)


def count_deel(deel: Deel, rules: dict) -> dict:
    """Count one part from its stored ballots: winners, the reason per project, support."""
    election, by_id = election_of(deel, rules)
    rule = dict(election.meta)["rule"]
    outcome = count(election, rule)
    support: Counter = Counter()
    for ballot in election.ballots:
        for place, i in enumerate(ballot.projects):
            support[election.projects[i].id] += int(ballot.points[place]) if ballot.points else 1
    return {
        "rule": rule,
        "selected": [by_id[pid].pk for pid in outcome.selected],
        "reasons": {
            str(v.pk): {
                lang: _named(explain(election, outcome, pid, lang), by_id) for lang in LANGS
            }
            for pid, v in by_id.items()
        },
        "support": {str(v.pk): support[pid] for pid, v in by_id.items()},
        "ballots": len(election.ballots),
        "pb": _published(election, outcome.selected, support),
    }


def count_begroting(begroting: Begroting, progress=None) -> dict:
    """The count of every part, stored as the published result; the ballots counted are
    marked, so each voter's receipt can say theirs was counted as cast."""
    begroting = Begroting.objects.select_related("use", "gemeente").get(pk=begroting.pk)
    delen = list(begroting.delen.all())
    if progress is not None:
        progress.begin(len(delen), _("Counting the ballots"))
    selected = 0
    for deel in delen:
        result = count_deel(deel, begroting.frozen)
        Uitslag.objects.update_or_create(deel=deel, defaults=result)
        selected += len(result["selected"])
        if progress is not None:
            progress.step(1, _("“%(part)s” counted") % {"part": deel.name})
    Stem.objects.filter(begroting=begroting).update(counted_version=F("version"))
    Begroting.objects.filter(pk=begroting.pk).update(status=Status.COUNTED)
    record(
        begroting.use.traject,
        None,
        "instrument",
        gettext_noop("The votes on %(title)s were counted."),
        title=begroting.use.title,
    )
    return {"selected": selected}


def start_count(user, begroting: Begroting):
    """Count in the background, with a progress page; only after voting closed."""
    from samenspel.budgeting.tasks import count_votes

    if begroting.status not in (Status.CLOSED, Status.COUNTED):
        raise NotNow(_("Close voting before counting."))
    return start_long_work(
        count_votes,
        begroting.pk,
        title=_("Counting %(title)s") % {"title": begroting.use.title},
        owner=user,
        about=begroting,
        gemeente=begroting.gemeente,
        url=begroting.get_absolute_url(),
    )


def recount(begroting: Begroting) -> dict[int, list[int]]:
    """The winners per part counted again from the stored ballots (to compare with the
    published result)."""
    return {
        deel.pk: count_deel(deel, begroting.frozen)["selected"] for deel in begroting.delen.all()
    }


def recount_pb(text: str) -> list[str]:
    """The winners of a published .pb file, counted by the rule its META names."""
    election = parse_pb(text)
    return list(count(election, election.meta_value("rule") or "mes_cost_add1").selected)


# ---- results and reports -------------------------------------------------------------------


def _shares(counts: Counter, total: int, population: dict[str, float]) -> list[dict]:
    rows = []
    for key in sorted(set(counts) | set(population)):
        n = counts.get(key, 0)
        shown = n >= MIN_CELL
        rows.append(
            {
                "key": key,
                "count": n if shown else None,
                "share": round(100 * n / total) if shown and total else None,
                "population": round(100 * population[key]) if key in population else None,
            }
        )
    return rows


def _age_population(gemeente) -> dict[str, float]:
    from samenspel.engines import population

    path = Path(population.__file__).parent / "data" / f"{gemeente.cbs_code}.csv"
    if not gemeente.cbs_code or not path.exists():
        return {}
    margins = population.read_margins_csv(path)
    return {m.value: m.share for m in margins.margins if m.attribute == "age_band"}


def participation(begroting: Begroting, wijk_shares: dict[str, float], names: dict) -> dict:
    """Who voted, by area and by age group, against the population; no cell under MIN_CELL.
    ``wijk_shares`` is the population share per area id, ``names`` the area names."""
    stemmen = begroting.stemmen.all()
    total = stemmen.count()
    areas = Counter(str(g or "") for g in stemmen.values_list("gebied_id", flat=True))
    ages = Counter(stemmen.values_list("age_band", flat=True))
    age_labels = dict(AgeBand.choices)
    channels = Counter(stemmen.values_list("channel", flat=True))
    area_rows = _shares(areas, total, wijk_shares)
    for row in area_rows:
        row["label"] = names.get(row["key"]) or _("area not known")
    age_rows = _shares(ages, total, _age_population(begroting.gemeente))
    for row in age_rows:
        row["label"] = age_labels.get(row["key"], row["key"])
    channel_labels = dict(Channel.choices)
    return {
        "total": total,
        "areas": area_rows,
        "ages": age_rows,
        "channels": [
            {"label": channel_labels[k], "count": n if n >= MIN_CELL else None}
            for k, n in sorted(channels.items())
        ],
    }


#: The council's decisions that adopt a proposal, as it was or amended.
ADOPTED = (Decision.ADOPTED, Decision.AMENDED)


def report_totals(begroting: Begroting) -> dict:
    """The bezuinigingsdialoog in figures: proposals, the share adopted, the amount saved."""
    voorstellen = begroting.voorstellen.exclude(status=VoorstelStatus.MERGED)
    decided = voorstellen.exclude(decision="")
    adopted = decided.filter(decision__in=ADOPTED)
    saved = sum(v.decision_amount if v.decision_amount is not None else v.amount for v in adopted)
    n = voorstellen.count()
    return {
        "proposals": n,
        "decided": decided.count(),
        "adopted": adopted.count(),
        "adopted_share": round(100 * adopted.count() / n) if n else 0,
        "saved": saved,
        "target": begroting.total,
        "rejected": decided.filter(decision=Decision.REJECTED).count(),
    }


def results(begroting: Begroting) -> list[dict]:
    """Per part its count: the projects with support, cost, won or lost and why."""
    out = []
    for deel in begroting.delen.select_related("uitslag"):
        uitslag = getattr(deel, "uitslag", None)
        if uitslag is None:
            continue
        voorstellen = {v.pk: v for v in deel.voorstellen.filter(status=VoorstelStatus.ACCEPTED)}
        most = max(uitslag.support.values(), default=0) or 1
        rows = sorted(
            (
                {
                    "voorstel": v,
                    "won": v.pk in uitslag.selected,
                    "support": uitslag.support.get(str(v.pk), 0),
                    "width": round(300 * uitslag.support.get(str(v.pk), 0) / most),
                    "reason": uitslag.reasons.get(str(v.pk), {}),
                }
                for v in voorstellen.values()
            ),
            key=lambda row: (not row["won"], -row["support"], row["voorstel"].number),
        )
        for place, row in enumerate(rows):
            row["y"] = CHART_ROW * place
        spent = sum(r["voorstel"].amount for r in rows if r["won"])
        height = CHART_ROW * (len(rows) + 1)
        out.append(
            {"deel": deel, "uitslag": uitslag, "rows": rows, "spent": spent, "height": height}
        )
    return out


def ontbrekend_of(begroting: Begroting) -> list[Ontbrekend]:
    return list(Ontbrekend.objects.filter(deel__begroting=begroting).select_related("deel"))


def council_decisions(traject, start: date, end: date) -> tuple[int, int]:
    """The proposals of this trajectory's budgets the council decided on from ``start`` to
    ``end`` (both included), and how many of them it adopted, as they were or amended."""
    decided = (
        Voorstel.objects.filter(
            begroting__use__traject=traject, decision_date__gte=start, decision_date__lte=end
        )
        .exclude(status=VoorstelStatus.MERGED)
        .exclude(decision="")
    )
    return decided.count(), decided.filter(decision__in=ADOPTED).count()
