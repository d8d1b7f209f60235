# SPDX-License-Identifier: EUPL-1.2
"""Public API of the reach app: address files, samples, letters, personal codes, reach reports.

Where the plain codes are: nowhere but in a batch's letters. The letters task draws the codes,
stores only their keyed hashes (``Code.digest``), and writes the PDF and the print shop's CSV
encrypted (``SealedFile``); they are erased with the address file after the retention period.
A lost letter is reissued as a one-letter PDF that is sent to the organiser and not kept.
"""

from __future__ import annotations

import csv
import hmac
import io
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from hashlib import sha256
from pathlib import Path

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.core.api import MIN_CELL
from samenspel.core.services import (
    audit,
    audit_personal_view,
    decrypt_bytes,
    derived_key,
    encrypt_bytes,
    start_long_work,
)
from samenspel.engines.sampling import (
    AddressFile as ParsedFile,
)
from samenspel.engines.sampling import (
    AddressRow,
    Exclusions,
    LetterError,
    RejectedFile,
    draw_codes,
    draw_letters,
    format_code,
    hash_code,
    is_valid,
    normalise_code,
    read_address_file,
    read_exclusion_file,
)
from samenspel.engines.sampling.letters import AGE_COLUMN, DEFAULT_AGE_BANDS, OTHER_AGES, age_band
from samenspel.instruments.services import assurance_scope
from samenspel.people.services import AssuranceLevel, grant_assurance
from samenspel.reach.letters import CHUNK, Letter, default_letter_text, letters_pdf, render_letters
from samenspel.reach.models import (
    AddressFile,
    Batch,
    Code,
    Invitation,
    OptOut,
    ReachPolicy,
    SealedFile,
)
from samenspel.trajectories.services import PHASE_ORDER, Phase

__all__ = [
    "AddressFile",
    "Batch",
    "CodeRefused",
    "LetterError",
    "RejectedFile",
    "Redemption",
    "claim_redemptions",
    "default_letter_text",
    "erase_expired",
    "letters_file",
    "opt_out_by_address",
    "opt_out_by_code",
    "opt_outs",
    "letters_and_codes",
    "policy",
    "redeem",
    "redeemed",
    "redemption",
    "reissue",
    "save_policy",
    "report",
    "show_rows",
    "start_draw",
    "start_letters",
    "upload",
    "wijk_population",
]

#: Wrong codes allowed per client, and from all clients together, per window.
CLIENT_LIMIT = 20
OVERALL_LIMIT = 2000
LIMIT_WINDOW = timedelta(hours=1)

_CODE_KEY = b"samenspel reach letter codes v1"
_ADDRESS_KEY = b"samenspel reach invited addresses v1"


def policy(gemeente) -> ReachPolicy:
    return ReachPolicy.objects.get_or_create(gemeente=gemeente)[0]


def save_policy(user, changed: ReachPolicy) -> ReachPolicy:
    changed.save()
    audit(user, "change", changed, gemeente=changed.gemeente)
    return changed


def _keyed(value: str) -> str:
    return hmac.new(derived_key(_ADDRESS_KEY), value.encode(), sha256).hexdigest()


def _seal(gemeente, data: bytes) -> SealedFile:
    return SealedFile.objects.create(gemeente=gemeente, content=encrypt_bytes(data), size=len(data))


def _unseal(sealed: SealedFile) -> bytes:
    return decrypt_bytes(bytes(sealed.content))


# ---- address files -------------------------------------------------------------------------


@transaction.atomic
def upload(user, use, name: str, data: bytes) -> AddressFile | RejectedFile:
    """Read an uploaded extract; keep it (encrypted) only when every row is right."""
    year = timezone.localdate().year
    parsed = read_address_file(data, reference_year=year)
    if isinstance(parsed, RejectedFile):
        return parsed
    address_file = AddressFile.objects.create(
        use=use,
        gemeente=use.gemeente,
        name=name[:200],
        kind=parsed.kind,
        rows=len(parsed.rows),
        columns=list(parsed.columns),
        reference_year=year,
        sealed=_seal(use.gemeente, data),
        uploaded_by=user,
    )
    audit(user, "create", address_file, gemeente=use.gemeente, personal_data=True)
    return address_file


def _parsed(address_file: AddressFile) -> ParsedFile:
    if address_file.sealed is None:
        raise ValueError("the address file was erased")
    parsed = read_address_file(
        _unseal(address_file.sealed), reference_year=address_file.reference_year
    )
    if isinstance(parsed, RejectedFile):  # it was read without fault when uploaded
        raise ValueError("the stored address file no longer reads")
    return parsed


def address_lines(row: AddressRow) -> list[str]:
    """The lines of a window envelope: addressee, street and number, postcode and place."""
    if row.surname:
        name = " ".join(p for p in (row.initials, row.prefix, row.surname) if p)
    else:
        name = _("To the residents of")
    number = f"{row.house_number}{row.house_letter}"
    if row.addition:
        number += f"-{row.addition}"
    return [name, f"{row.street} {number}", f"{row.postcode}  {row.place.upper()}"]


def show_rows(user, address_file: AddressFile, limit: int = 50) -> list[dict]:
    """The first rows of a file, for its organisers; the view is in the audit log."""
    if address_file.sealed is None:
        return []
    rows = _parsed(address_file).rows[:limit]
    audit_personal_view(
        user, address_file, gemeente=address_file.gemeente, detail=f"first {len(rows)} rows"
    )
    return [
        {"line": row.line, "address": ", ".join(address_lines(row)), "wijk": row.wijk}
        for row in rows
    ]


# ---- the sample ----------------------------------------------------------------------------


def _exclusions(gemeente, parsed: ParsedFile, today: date) -> Exclusions:
    """Opted-out addresses and people, and those invited within the municipality's period,
    across all instruments: matched on keyed hashes, the only form kept of them."""
    since = today - timedelta(days=policy(gemeente).invitation_pause_days)
    opted = set(OptOut.objects.filter(gemeente=gemeente).values_list("key_hash", flat=True))
    recent: dict[str, date] = {}
    invited = Invitation.objects.filter(gemeente=gemeente, invited_on__gte=since)
    for address, person, day in invited.values_list("address_hash", "person_hash", "invited_on"):
        for hashed in (address, person):
            if hashed:
                recent[hashed] = max(day, recent.get(hashed, day))
    opted_out: set[str] = set()
    last_invited: dict[str, date] = {}
    for row in parsed.rows:
        for key in (row.household_key, row.person_key):
            if key is None:
                continue
            hashed = _keyed(key)
            if hashed in opted:
                opted_out.add(key)
            if hashed in recent:
                last_invited[key] = recent[hashed]
    return Exclusions(frozenset(opted_out), last_invited, since)


def start_draw(
    user,
    address_file: AddressFile,
    size: int,
    strata: str = "",
    oversample: dict[str, float] | None = None,
):
    """Record a batch and draw its sample as long work; the seed is drawn and kept."""
    with transaction.atomic():
        batch = Batch.objects.create(
            address_file=address_file,
            use=address_file.use,
            gemeente=address_file.gemeente,
            size=size,
            strata=strata,
            oversample=oversample or {},
            seed=secrets.randbelow(2**53),
            created_by=user,
        )
        audit(user, "create", batch, gemeente=batch.gemeente, detail=f"sample of {size}")
        from samenspel.reach.tasks import draw_sample

        work = start_long_work(
            draw_sample,
            batch.pk,
            title=_("Sample of %(size)s addresses") % {"size": size},
            owner=user,
            about=batch,
            gemeente=batch.gemeente,
            url=batch_url(batch),
        )
    return batch, work


def batch_url(batch: Batch) -> str:
    from django.urls import reverse

    return reverse("reach:batch", args=[batch.gemeente.slug, batch.pk])


def draw(progress, batch_id: int, today: date | None = None) -> dict:
    """The body of the sample task: read the file, leave out who may not be drawn, draw."""
    batch = Batch.objects.select_related("address_file__sealed", "gemeente").get(pk=batch_id)
    progress.begin(3, _("Reading the address file"))
    parsed = _parsed(batch.address_file)
    progress.step(1, _("Leaving out opted-out and recently invited addresses"))
    today = today or timezone.localdate()
    exclusions = _exclusions(batch.gemeente, parsed, today)
    progress.step(1, _("Drawing the sample"))
    oversample = {(batch.strata, value): f for value, f in batch.oversample.items()}
    sample = draw_letters(
        parsed,
        batch.size,
        seed=batch.seed,
        strata=batch.strata or None,
        oversample=oversample or None,
        exclusions=exclusions,
    )
    by_line = {row.line: row for row in parsed.rows}
    column = sample.column
    Invitation.objects.bulk_create(
        [
            Invitation(
                batch=batch,
                gemeente=batch.gemeente,
                line=row.line,
                address_hash=_keyed(row.household_key),
                person_hash=_keyed(row.person_key) if row.person_key else "",
                stratum=_stratum(row, column, batch.address_file.reference_year),
                invited_on=today,
            )
            for row in (by_line[line] for line in sample.selected)
        ],
        batch_size=1000,
    )
    counts = {
        "rows": sample.rows,
        "opted_out": sample.opted_out,
        "recently_invited": sample.recently_invited,
        "addresses": sample.addresses,
    }
    Batch.objects.filter(pk=batch.pk).update(
        per_stratum=sample.per_stratum, counts=counts, drawn=timezone.now()
    )
    progress.step(1)
    return {"selected": len(sample.selected), "seed": batch.seed}


def _stratum(row: AddressRow, column: str | None, reference_year: int) -> str:
    """The row's value in the stratum column (its wijk in a simple random sample)."""
    if column is None:
        return row.wijk
    if column == AGE_COLUMN:
        return (
            OTHER_AGES
            if row.birth_year is None
            else age_band(reference_year - row.birth_year, DEFAULT_AGE_BANDS)
        )
    return row.value(column)


# ---- letters and codes ---------------------------------------------------------------------


def code_key() -> bytes:
    """The key of the codes' hashes, derived from SAMENSPEL_ENCRYPTION_KEY."""
    return derived_key(_CODE_KEY)


def _code_expiry(batch: Batch) -> date:
    """The last day a code drawn today works."""
    return timezone.localdate() + timedelta(days=policy(batch.gemeente).code_valid_days)


def preview(batch: Batch) -> bytes:
    """A sample letter with an example address and a code that works nowhere."""
    batch.expires_on = batch.expires_on or _code_expiry(batch)
    example = Letter(
        address=[_("To the residents of"), "Voorbeeldstraat 1", "1234 AB  VOORBEELD"],
        code=format_code("ABCD" * 3),
    )
    return render_letters(batch, [example])


def start_letters(user, batch: Batch):
    with transaction.atomic():
        from samenspel.reach.tasks import make_letters

        audit(user, "create", batch, gemeente=batch.gemeente, detail="letters")
        return start_long_work(
            make_letters,
            batch.pk,
            title=_("Letters for %(count)s addresses") % {"count": batch.size},
            owner=user,
            about=batch,
            gemeente=batch.gemeente,
            url=batch_url(batch),
        )


def _new_codes(batch: Batch, invitations: list[Invitation]) -> list[str]:
    """Draw a code per invitation and store its hash; the plain codes are returned only. The
    codes expire on ``batch.expires_on``."""
    codes = draw_codes(len(invitations))
    key = code_key()
    expires = batch.expires_on
    assert expires is not None, "set by the caller"
    Code.objects.bulk_create(
        [
            Code(
                invitation=invitation,
                use_id=batch.use_id,
                gemeente=batch.gemeente,
                digest=hash_code(code, key),
                expires_on=expires,
            )
            for invitation, code in zip(invitations, codes, strict=True)
        ]
    )
    Batch.objects.filter(pk=batch.pk).update(expires_on=expires)
    return list(codes)


def make(progress, batch_id: int) -> dict:
    """The body of the letters task: codes, then the PDF in chunks, and the CSV; both sealed."""
    batch = Batch.objects.select_related("address_file__sealed", "gemeente", "use").get(pk=batch_id)
    if batch.letters_made is not None:
        return {"letters": batch.size}
    invitations = list(batch.invitations.all())
    by_line = {row.line: row for row in _parsed(batch.address_file).rows}
    progress.begin(len(invitations), _("Making the letters"))
    batch.expires_on = _code_expiry(batch)
    table = io.StringIO()
    out = csv.writer(table, delimiter=";")
    out.writerow(["regel1", "regel2", "regel3", "code", "adres", "link"])

    def chunks() -> Iterator[list[Letter]]:
        for start in range(0, len(invitations), CHUNK):
            chunk = invitations[start : start + CHUNK]
            codes = _new_codes(batch, chunk)
            letters = [
                Letter(address_lines(by_line[inv.line]), format_code(code))
                for inv, code in zip(chunk, codes, strict=True)
            ]
            for letter in letters:
                out.writerow([*letter.address, letter.code, letter.short_url, letter.link])
            yield letters

    pdf = letters_pdf(batch, chunks(), done=progress.step)
    Batch.objects.filter(pk=batch.pk).update(
        pdf=_seal(batch.gemeente, pdf),
        csv=_seal(batch.gemeente, table.getvalue().encode("utf-8-sig")),
        letters_made=timezone.now(),
    )
    return {"letters": len(invitations)}


def letters_and_codes(traject, start: datetime, end: datetime) -> tuple[int, int]:
    """For the instrument uses of this trajectory: the letters sent (invited) on a day in
    [start, end), and the codes redeemed in that time."""
    letters = Invitation.objects.filter(
        batch__use__traject=traject, invited_on__gte=start.date(), invited_on__lt=end.date()
    ).count()
    codes = Code.objects.filter(use__traject=traject, redeemed__gte=start, redeemed__lt=end).count()
    return letters, codes


def per_stratum(batch: Batch) -> list[tuple[str, int]]:
    """Letters per stratum value, named (a wijk by its CBS name) when the name is known."""
    names = wijk_population(batch.gemeente) if batch.strata == "wijk" else {}
    return [(names.get(v, (0.0, v))[1] or v, n) for v, n in batch.per_stratum.items()]


def letters_file(user, batch: Batch, kind: str) -> bytes | None:
    """The batch's PDF or CSV (they hold the codes): for its organisers, in the audit log."""
    sealed = batch.pdf if kind == "pdf" else batch.csv
    if sealed is None:
        return None
    audit_personal_view(user, batch, gemeente=batch.gemeente, detail=f"letters {kind}")
    return _unseal(sealed)


@transaction.atomic
def reissue(user, batch: Batch, line: int) -> bytes | None:
    """A new letter for the address on ``line``: its earlier codes stop working."""
    invitation = batch.invitations.filter(line=line).first()
    if invitation is None or batch.address_file.sealed is None:
        return None
    now = timezone.now()
    Code.objects.filter(invitation=invitation, revoked__isnull=True).update(revoked=now)
    batch.expires_on = _code_expiry(batch)
    (code,) = _new_codes(batch, [invitation])
    row = next(r for r in _parsed(batch.address_file).rows if r.line == line)
    audit(
        user, "change", batch, gemeente=batch.gemeente, personal_data=True, detail=f"reissue {line}"
    )
    return render_letters(batch, [Letter(address_lines(row), format_code(code))])


# ---- redeeming a code ----------------------------------------------------------------------


class CodeRefused(Exception):
    """A code that does not give access now; the message is for the resident."""

    def __init__(self, message: str, retry_at: datetime | None = None) -> None:
        super().__init__(message)
        self.retry_at = retry_at


def _window_keys(client: str, kind: str) -> list[tuple[str, int]]:
    hashed = hmac.new(derived_key(_CODE_KEY), client.encode(), sha256).hexdigest()[:32]
    return [(f"reach:{kind}:{hashed}", CLIENT_LIMIT), (f"reach:{kind}:all", OVERALL_LIMIT)]


def _blocked_until(client: str, kind: str = "codes") -> datetime | None:
    """When this client may try again, when it reached a limit on ``kind`` (wrong codes, or
    opt-outs by address)."""
    for key, limit in _window_keys(client, kind):
        state = cache.get(key)
        if state and state["count"] >= limit:
            return (
                datetime.fromtimestamp(state["start"], tz=timezone.get_current_timezone())
                + LIMIT_WINDOW
            )
    return None


def _count_failure(client: str, kind: str = "codes") -> None:
    now = timezone.now().timestamp()
    seconds = int(LIMIT_WINDOW.total_seconds())
    for key, _limit in _window_keys(client, kind):
        state = cache.get(key) or {"start": now, "count": 0}
        if now - state["start"] >= seconds:
            state = {"start": now, "count": 0}
        state["count"] += 1
        cache.set(key, state, seconds)


def _check_limit(client: str) -> None:
    """Refuse a client that typed too many wrong codes in the window."""
    until = _blocked_until(client)
    if until is not None:
        audit(None, "code_failed", detail="rate limited", object_type="reach.Code")
        raise CodeRefused(
            _("You typed a wrong code too often. You can try again after %(time)s.")
            % {"time": timezone.localtime(until).strftime("%H:%M")},
            until,
        )


def _refuse(client: str, message: str, detail: str) -> CodeRefused:
    _count_failure(client)
    audit(None, "code_failed", detail=detail, object_type="reach.Code")
    return CodeRefused(message)


@dataclass(frozen=True)
class Redemption:
    """What a redeemed code tells the instrument it opens: which letter it came from (the
    invitation, its stratum and the keyed hash of its address, one per household), never the
    address itself."""

    use_id: int
    code_id: int
    invitation_id: int
    address_hash: str
    stratum: str


SESSION_KEY = "reach_codes"


def redeem(user, client: str, typed: str, session=None) -> Redemption:
    """Use a code typed or scanned by a resident: what it opens, or ``CodeRefused``.

    Wrong codes count against the client and against everyone (a shared cache); past the
    limit even a valid code is refused until the window ends. A logged-in resident's identity
    is then assured at *code* level for that use; with a ``session`` the redemption is
    remembered there, so an instrument can recognise the letter without an account."""
    _check_limit(client)
    code = normalise_code(typed)
    wrong = _("This code is not right. Check the letter and type the code again.")
    if not is_valid(code):
        raise _refuse(client, wrong, "not a code")
    with transaction.atomic():
        found = (
            Code.objects.select_for_update()
            .select_related("use", "invitation")
            .filter(digest=hash_code(code, code_key()))
            .first()
        )
        problem = _problem(found, wrong)
        if problem is None and found is not None:
            found.redeemed = timezone.now()
            found.redeemed_by = user if getattr(user, "is_authenticated", False) else None
            found.save(update_fields=["redeemed", "redeemed_by"])
            audit(user, "code_redeemed", found, gemeente=found.gemeente)
            if found.redeemed_by is not None:
                _assure(found.redeemed_by, found)
            redemption = _redemption(found)
            if session is not None:
                session[SESSION_KEY] = {
                    **session.get(SESSION_KEY, {}),
                    str(found.use_id): found.pk,
                }
            return redemption
    # Counted and logged outside the transaction: a refusal must not roll its count back.
    raise _refuse(client, *(problem or (wrong, "unknown code")))


def _assure(user, code: Code) -> None:
    grant_assurance(user, code.gemeente, AssuranceLevel.CODE, scope=assurance_scope(code.use))


def _redemption(code: Code) -> Redemption:
    return Redemption(
        use_id=code.use_id,
        code_id=code.pk,
        invitation_id=code.invitation_id,
        address_hash=code.invitation.address_hash,
        stratum=code.invitation.stratum,
    )


def redemption(session, use) -> Redemption | None:
    """The letter's code this browser session redeemed for ``use``, if any."""
    code_id = session.get(SESSION_KEY, {}).get(str(use.pk))
    if code_id is None:
        return None
    found = Code.objects.select_related("invitation").filter(pk=code_id, use=use).first()
    return _redemption(found) if found is not None else None


def claim_redemptions(session, user) -> None:
    """After an anonymous resident who redeemed codes logs in or signs up: the codes become
    theirs, and so does the *code* level for those uses."""
    ids = list(session.get(SESSION_KEY, {}).values())
    for code in Code.objects.select_related("use").filter(pk__in=ids, redeemed_by=None):
        code.redeemed_by = user
        code.save(update_fields=["redeemed_by"])
        _assure(user, code)


def logged_in(sender, request, user, **kwargs) -> None:
    """Receiver of ``user_logged_in``: claim the codes redeemed earlier in this session."""
    if request is not None and hasattr(request, "session"):
        claim_redemptions(request.session, user)


def _problem(found: Code | None, wrong: str) -> tuple[str, str] | None:
    """Why a code found (or not) cannot be used: the message and the audit detail."""
    if found is None:
        return wrong, "unknown code"
    if found.redeemed is not None:
        return _("This code has already been used."), f"used {found.pk}"
    if found.revoked is not None:
        return _("This code no longer works: a new letter was sent."), f"revoked {found.pk}"
    if found.expires_on < timezone.localdate():
        return _("This code has expired."), f"expired {found.pk}"
    return None


def redeemed(user, use) -> bool:
    """Has this person redeemed a letter's code for this use (on their account)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    return Code.objects.filter(redeemed_by=user, use=use).exists()


# ---- opting out ----------------------------------------------------------------------------


def opt_out_by_code(client: str, typed: str):
    """A resident with a letter wants no more letters: their address (its keyed hash, as the
    letter's invitation holds it) is left out of every later sample of that municipality.
    Returns the municipality. A wrong code counts as at ``/code/`` (``CodeRefused``)."""
    _check_limit(client)
    code = normalise_code(typed)
    wrong = _("This code is not right. Check the letter and type the code again.")
    if not is_valid(code):
        raise _refuse(client, wrong, "opt-out: not a code")
    found = (
        Code.objects.select_related("invitation", "gemeente")
        .filter(digest=hash_code(code, code_key()))
        .first()
    )
    if found is None:
        raise _refuse(client, wrong, "opt-out: unknown code")
    _opt_out(found.gemeente, found.invitation.address_hash)
    return found.gemeente


def opt_out_by_address(
    client: str, gemeente, postcode: str, number: int, letter: str = "", addition: str = ""
) -> bool:
    """The same by address: postcode and house number (with its letter and addition, if
    any). Anyone may type any address, so every request counts against the client and
    everyone, like wrong codes. False when the address cannot be read."""
    until = _blocked_until(client, "opt-outs")
    if until is not None:
        raise CodeRefused(
            _("You sent this form too often. You can try again after %(time)s.")
            % {"time": timezone.localtime(until).strftime("%H:%M")},
            until,
        )
    table = io.StringIO()
    out = csv.writer(table, delimiter=";")
    out.writerow(["postcode", "huisnummer", "huisletter", "toevoeging"])
    out.writerow([postcode, str(number), letter, addition])
    keys, rejected = read_exclusion_file(table.getvalue().encode(), reference_year=None)
    if rejected is not None:
        return False
    _count_failure(client, "opt-outs")
    (key,) = keys
    _opt_out(gemeente, _keyed(key))
    return True


def _opt_out(gemeente, key_hash: str) -> None:
    OptOut.objects.get_or_create(gemeente=gemeente, key_hash=key_hash)
    audit(None, "opt_out", gemeente=gemeente, object_type="reach.OptOut")


def opt_outs(gemeente) -> int:
    """How many addresses of the municipality want no more letters (organisers see only this)."""
    return OptOut.objects.filter(gemeente=gemeente).count()


# ---- the reach report ----------------------------------------------------------------------


def wijk_population(gemeente) -> dict[str, tuple[float, str]]:
    """The CBS population share of each wijk of the municipality, with its name, when the
    repository has its margins (engines/population/data)."""
    from samenspel.engines import population

    path = Path(population.__file__).parent / "data" / f"{gemeente.cbs_code}.csv"
    if not gemeente.cbs_code or not path.exists():
        return {}
    margins = population.read_margins_csv(path)
    return {
        m.value: (m.share, m.note.split(";")[0]) for m in margins.margins if m.attribute == "area"
    }


def report(batch: Batch, *, public: bool = False) -> dict:
    """Letters sent, codes used and the response per stratum, against the population. Public
    reports show no count under ``MIN_CELL`` (such a stratum is merged into "other")."""
    rows = (
        batch.invitations.values("stratum")
        .annotate(
            sent=Count("id", distinct=True),
            used=Count("codes", filter=Q(codes__redeemed__isnull=False), distinct=True),
        )
        .order_by("stratum")
    )
    population = wijk_population(batch.gemeente) if batch.strata in ("", "wijk") else {}
    strata = [{"value": r["stratum"], "sent": r["sent"], "used": r["used"]} for r in rows]
    if public:
        small = [s for s in strata if s["used"] < MIN_CELL or s["sent"] < MIN_CELL]
        strata = [s for s in strata if s not in small]
        if small:
            strata.append(
                {
                    "value": _("other"),
                    "sent": sum(s["sent"] for s in small),
                    "used": sum(s["used"] for s in small),
                    "merged": True,
                }
            )
    sent = sum(s["sent"] for s in strata)
    used = sum(s["used"] for s in strata)
    for s in strata:
        share, name = population.get(s["value"], (None, ""))
        s["name"] = name or s["value"]
        s["rate"] = s["used"] / s["sent"] if s["sent"] else 0.0
        s["share_respondents"] = s["used"] / used if used else 0.0
        s["share_population"] = share
    widest = max(
        [s["share_respondents"] for s in strata]
        + [s["share_population"] or 0.0 for s in strata]
        + [0.01]
    )
    for index, s in enumerate(strata):  # the chart: two bars per group, 300 px the widest
        s["y"] = 24 * index
        s["bar_respondents"] = round(300 * s["share_respondents"] / widest, 1)
        population_share = s["share_population"]
        s["bar_population"] = (
            None if population_share is None else round(300 * population_share / widest, 1)
        )
    hidden = public and used < MIN_CELL
    return {
        "sent": sent,
        "used": None if hidden else used,
        "rate": (round(100 * used / sent, 1) if sent and not hidden else None),
        "chart_height": 24 * len(strata),
        "strata": [] if hidden else strata,
        "has_population": bool(population),
    }


# ---- retention and the AVG -----------------------------------------------------------------


def use_closed(sender, *, traject, old: str, new: str, **kwargs) -> None:
    """Receiver of ``phase_changed``: the address files of the uses whose phase is over
    start their retention period today."""
    over = set(PHASE_ORDER) if new == Phase.GESTOPT else set(PHASE_ORDER[: PHASE_ORDER.index(new)])
    AddressFile.objects.filter(
        use__traject=traject, use__phase__in=over, closed_on__isnull=True
    ).update(closed_on=timezone.localdate())


def erase_expired(today: date | None = None) -> int:
    """Erase the address files (and their letters) whose retention period is over; each
    erasure is in the audit log. Returns how many files were erased."""
    today = today or timezone.localdate()
    erased = 0
    for address_file in AddressFile.objects.filter(
        erased__isnull=True, closed_on__isnull=False
    ).select_related("gemeente"):
        days = policy(address_file.gemeente).retention_days
        closed = address_file.closed_on
        if closed is None or closed + timedelta(days=days) > today:
            continue
        with transaction.atomic():
            erase_file(address_file, reason="retention period over")
        erased += 1
    return erased


def erase_file(address_file: AddressFile, *, reason: str, by=None) -> None:
    """Remove an address file's content and every batch's letters; keep the counts."""
    sealed = [address_file.sealed_id]
    for batch in address_file.batches.all():
        sealed += [batch.pdf_id, batch.csv_id]
    SealedFile.objects.filter(pk__in=[pk for pk in sealed if pk]).delete()
    AddressFile.objects.filter(pk=address_file.pk).update(erased=timezone.now())
    audit(
        by,
        "erase",
        address_file,
        gemeente=address_file.gemeente,
        personal_data=True,
        detail=reason,
    )


def export_person_rows(user) -> list[dict]:
    """AVG: the letters' codes this person redeemed on their account."""
    return [
        {"instrument": code.use.title, "redeemed": code.redeemed.isoformat()}
        for code in Code.objects.filter(redeemed_by=user).select_related("use")
        if code.redeemed
    ]


def erase_person_rows(user) -> int:
    """AVG: forget who redeemed (the code stays used, so it cannot be used again)."""
    return Code.objects.filter(redeemed_by=user).update(redeemed_by=None)


# ---- letters a person received (for instruments that limit how often one is asked) ---------


def invitations_received(gemeente, since: date) -> dict[int, list[date]]:
    """Per account id: the dates of the letters, sent on or after ``since`` in this
    municipality, whose codes that person redeemed (how a letter becomes known to be theirs)."""
    found: dict[int, list[date]] = {}
    rows = Code.objects.filter(
        gemeente=gemeente, redeemed_by__isnull=False, invitation__invited_on__gte=since
    ).values_list("redeemed_by_id", "invitation__invited_on")
    for user_id, invited_on in rows:
        found.setdefault(user_id, []).append(invited_on)
    return found
