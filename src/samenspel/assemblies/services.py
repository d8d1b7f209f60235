# SPDX-License-Identifier: EUPL-1.2
"""Public API of the assemblies app: set-up, answers, the pool, the public draw, replacements
and erasure. The lottery itself is the sortition engine's (LEXIMIN, rounded to M equally likely
panels, drawn by a public number or seed, verified and replaced by the published rule)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import secrets
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from samenspel import __version__
from samenspel.assemblies.models import Burgerraad, Draw, Replacement, Respondent, Status
from samenspel.core.api import MIN_CELL
from samenspel.core.services import audit, start_long_work
from samenspel.instruments.services import attach
from samenspel.trajectories.services import record

__all__ = [
    "FEATURES",
    "MIN_CELL",
    "NEEDS",
    "AlreadyAnswered",
    "Burgerraad",
    "Draw",
    "DrawError",
    "PoolClosed",
    "Respondent",
    "Status",
    "composition",
    "confirm_seat",
    "create_burgerraad",
    "draw_panel",
    "erase_expired",
    "erase_person_rows",
    "export_person_rows",
    "feature_choices",
    "feature_label",
    "members",
    "pool_report",
    "proces_verbaal",
    "public_pool",
    "quotas",
    "respond",
    "sign",
    "start_preparation",
    "update_burgerraad",
    "verification_zip",
    "verify_command",
    "withdraw",
]


#: The features a panel can be stratified on: the population attributes of the CBS margins.
FEATURES = {
    "age_band": gettext_lazy("Age"),
    "gender": gettext_lazy("Gender"),
    "area": gettext_lazy("Wijk"),
    "education": gettext_lazy("Education level"),
}
DEFAULT_FEATURES = ("age_band", "gender", "area", "education")
VALUE_LABELS = {
    "age_band": {
        "15-24": gettext_lazy("16 to 24 years"),
        "25-44": gettext_lazy("25 to 44 years"),
        "45-64": gettext_lazy("45 to 64 years"),
        "65+": gettext_lazy("65 years or older"),
    },
    "gender": {
        "man": gettext_lazy("man"),
        "vrouw": gettext_lazy("woman"),
        "anders": gettext_lazy("other, or I prefer not to say"),
    },
    "education": {
        "laag": gettext_lazy("primary school, vmbo or mbo 1"),
        "middelbaar": gettext_lazy("havo, vwo or mbo 2 to 4"),
        "hoog": gettext_lazy("hbo or university"),
    },
}
#: The municipality's own question (an attitude on the topic, say), with quotas it sets itself.
EXTRA = "extra"
#: Values the population does not count but people may answer; their quota is small.
EXTRA_VALUES = {"gender": ("anders",)}
NEEDS = {
    "access": gettext_lazy("accessibility (wheelchair, hearing loop…)"),
    "childcare": gettext_lazy("childcare"),
    "interpreter": gettext_lazy("an interpreter"),
}
ALGORITHM = "leximin"


class AlreadyAnswered(Exception):
    """This household (this letter) answered already."""


class PoolClosed(Exception):
    """The pool is frozen for the draw: no more answers."""


class DrawError(ValueError):
    """The draw cannot be made or changed like this; the message is for the organiser."""


# ---- set-up ------------------------------------------------------------------------------


def _population(gemeente) -> dict[str, dict[str, tuple[float, str]]]:
    """The CBS margins of the municipality, ``{attribute: {value: (share, label)}}``, when the
    repository has them (engines/population)."""
    from samenspel.engines import population

    if gemeente.cbs_code not in population.DEMO_MUNICIPALITIES:
        return {}
    result: dict[str, dict[str, tuple[float, str]]] = {}
    for margin in population.demo_margins(gemeente.cbs_code).margins:
        name = margin.note.split(";")[0] if margin.attribute == "area" else margin.value
        result.setdefault(margin.attribute, {})[margin.value] = (margin.share, name)
    return result


def _label(feature: str, value: str, population: dict) -> str:
    if feature == "area":
        return population.get("area", {}).get(value, (0, value))[1]
    return str(VALUE_LABELS.get(feature, {}).get(value, value))


def feature_choices(burgerraad: Burgerraad, feature: str) -> list[tuple[str, str]]:
    """The answers one feature allows in the burgerraad's municipality, as (value, label)."""
    if feature == EXTRA:
        return [(answer, answer) for answer, _low, _high in burgerraad.extra_quotas]
    population = _population(burgerraad.gemeente)
    values = list(population.get(feature, {}))
    if not values:
        values = list(VALUE_LABELS.get(feature, {}))
    values += [v for v in EXTRA_VALUES.get(feature, ()) if v not in values]
    return [(value, _label(feature, value, population)) for value in values]


def feature_label(burgerraad: Burgerraad, feature: str) -> str:
    return burgerraad.extra_question if feature == EXTRA else str(FEATURES[feature])


def available_features(gemeente) -> list[str]:
    """The features the municipality can stratify on (a wijk needs its CBS wijken)."""
    population = _population(gemeente)
    return [f for f in FEATURES if f != "area" or "area" in population]


@dataclass(frozen=True)
class QuotaRow:
    feature: str
    feature_label: str
    value: str
    label: str
    share: float | None
    expected: float | None
    min: int
    max: int

    @property
    def percent(self) -> float | None:
        return None if self.share is None else self.share * 100


def quotas(burgerraad: Burgerraad) -> list[QuotaRow]:
    """The quotas of each feature, set against the CBS population: the expected number of seats
    (share × seats), with the set room below and above. A value the population does not count
    gets at most a tenth of the seats (at least one)."""
    population = _population(burgerraad.gemeente)
    k, room = burgerraad.seats, burgerraad.tolerance
    rows = []
    for feature in burgerraad.features:
        name = feature_label(burgerraad, feature)
        if feature == EXTRA:
            rows += [
                QuotaRow(feature, name, answer, answer, None, None, low, high)
                for answer, low, high in burgerraad.extra_quotas
            ]
            continue
        shares = {v: s for v, (s, _name) in population.get(feature, {}).items()}
        for value, label in feature_choices(burgerraad, feature):
            share = shares.get(value)
            if share is None and shares:
                low, high, expected = 0, max(1, k // 10), 0.0
            else:
                expected = (share if share is not None else 1 / len(VALUE_LABELS[feature])) * k
                low = max(0, math.floor(expected) - room)
                high = min(k, math.ceil(expected) + room)
            rows.append(QuotaRow(feature, name, value, label, share, expected, low, high))
    return rows


@transaction.atomic
def create_burgerraad(user, traject, phase: str, title: str, data: dict) -> Burgerraad:
    use = attach(user, traject, "burgerraad", phase, title)
    burgerraad = Burgerraad.objects.create(use=use, gemeente=traject.gemeente, **data)
    _record_promise(user, burgerraad)
    return burgerraad


def fixed_fields(burgerraad: Burgerraad) -> tuple[str, ...]:
    """What can no longer change: the features once residents answered them, and the seats
    and quotas once the pool is frozen for the draw."""
    answered = ("features", "extra_question", "extra_quotas")
    if Draw.objects.filter(burgerraad=burgerraad).exists():
        return ("seats", "tolerance", "panels", *answered)
    if burgerraad.respondents.exists():
        return answered
    return ()


@transaction.atomic
def update_burgerraad(user, burgerraad: Burgerraad, title: str, data: dict) -> None:
    """Change the set-up; the features, seats and quotas are fixed once the pool is frozen."""
    fixed = fixed_fields(burgerraad)
    promise_changed = data.get("promise", burgerraad.promise) != burgerraad.promise
    for field, value in data.items():
        if field in fixed:
            continue
        setattr(burgerraad, field, value)
    burgerraad.save()
    use = burgerraad.use
    if use.title != title:
        use.title = title
        use.save(update_fields=["title"])
    audit(user, "change", burgerraad, gemeente=burgerraad.gemeente, detail=",".join(data))
    if promise_changed:
        _record_promise(user, burgerraad)


def _record_promise(user, burgerraad: Burgerraad) -> None:
    """The council's promise goes on the trajectory's timeline, beside its anchor points."""
    record(
        burgerraad.use.traject,
        user,
        "instrument",
        gettext_noop("The council promises about the burgerraad “%(title)s”: %(promise)s"),
        title=burgerraad.use.title,
        promise=burgerraad.promise,
    )


# ---- answers and the pool ----------------------------------------------------------------


def answer_of(burgerraad: Burgerraad, redemption) -> Respondent | None:
    if redemption is None:
        return None
    return burgerraad.respondents.filter(household=redemption.address_hash).first()


@transaction.atomic
def respond(burgerraad: Burgerraad, redemption, user, data: dict) -> Respondent:
    """Add the answer of the household that redeemed this letter's code to the pool."""
    locked = Burgerraad.objects.select_for_update().get(pk=burgerraad.pk)
    if Draw.objects.filter(burgerraad=locked).exists():
        raise PoolClosed
    if locked.respondents.filter(household=redemption.address_hash).exists():
        raise AlreadyAnswered
    respondent = Respondent.objects.create(
        burgerraad=locked,
        gemeente=locked.gemeente,
        household=redemption.address_hash,
        code_id=redemption.code_id,
        user=user if getattr(user, "is_authenticated", False) else None,
        consent_at=timezone.now(),
        **data,
    )
    audit(None, "create", respondent, gemeente=locked.gemeente, personal_data=True)
    return respondent


def composition(burgerraad: Burgerraad, people=None) -> list[dict]:
    """Per quota: how many of ``people`` (default: the pool) have the value, against the
    quota's expected number, minimum and maximum."""
    people = list(burgerraad.respondents.all() if people is None else people)
    rows = []
    for quota in quotas(burgerraad):
        count = sum(1 for p in people if p.values.get(quota.feature) == quota.value)
        rows.append({"quota": quota, "count": count, "short": count < quota.min})
    return rows


def _instance(burgerraad: Burgerraad, people: list[Respondent]):
    from samenspel.engines.sortition import Instance, Quota

    return Instance(
        ids=tuple(str(i) for i in range(1, len(people) + 1)),
        categories=tuple(burgerraad.features),
        features=tuple(tuple(p.values[f] for f in burgerraad.features) for p in people),
        quotas=tuple(Quota(q.feature, q.value, q.min, q.max) for q in quotas(burgerraad)),
        k=burgerraad.seats,
    )


def pool_report(burgerraad: Burgerraad) -> dict:
    """Can the pool fill the quotas? The engine's infeasibility report: the conflicting quotas
    and their smallest relaxation (empty when a panel exists)."""
    from samenspel.engines.sortition import InfeasibleQuotas, InputError
    from samenspel.engines.sortition.feasibility import require_feasible
    from samenspel.engines.sortition.typespace import build_types

    people = list(burgerraad.respondents.all())
    if len(people) < burgerraad.seats:
        return {"feasible": False, "too_few": True, "relaxations": []}
    try:
        instance = _instance(burgerraad, people)
        require_feasible(instance, build_types(instance))
    except InfeasibleQuotas as error:
        labels = {(q.feature, q.value): q for q in quotas(burgerraad)}
        relaxations = [
            {"quota": labels[(r.quota.category, r.quota.value)], "min": r.new_min, "max": r.new_max}
            for r in error.relaxations
        ]
        return {"feasible": False, "too_few": False, "relaxations": relaxations}
    except InputError:
        return {"feasible": False, "too_few": False, "relaxations": []}
    return {"feasible": True, "too_few": False, "relaxations": []}


def public_pool(burgerraad: Burgerraad) -> dict:
    """What the public sees of the pool: how many answered, and per feature the groups of at
    least ``MIN_CELL`` (smaller groups are added up under "other")."""
    people = list(burgerraad.respondents.values_list("values", flat=True))
    if len(people) < MIN_CELL:
        return {"total": None, "features": []}
    features = []
    for feature in burgerraad.features:
        rows, other = [], 0
        for value, label in feature_choices(burgerraad, feature):
            count = sum(1 for v in people if v.get(feature) == value)
            if count >= MIN_CELL:
                rows.append((label, count))
            else:
                other += count
        label = feature_label(burgerraad, feature)
        features.append({"label": label, "rows": rows, "other": other})
    return {"total": len(people), "features": features}


# ---- the draw ----------------------------------------------------------------------------


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@transaction.atomic
def start_preparation(user, burgerraad: Burgerraad):
    """Freeze the pool (pseudonymous numbers in order of answering), write the anonymised pool
    and the quotas as they will be published, and compute the lottery as long work."""
    locked = Burgerraad.objects.select_for_update().get(pk=burgerraad.pk)
    existing = Draw.objects.filter(burgerraad=locked).first()
    if existing is not None and existing.prepared_at is None:
        return _compute(user, existing)  # still running (the same work), or again after a failure
    if existing is not None:
        raise DrawError(_("The pool is already frozen for the draw."))
    report = pool_report(locked)
    if not report["feasible"]:
        raise DrawError(_("The pool cannot fill the quotas; see the pool page."))
    people = list(locked.respondents.order_by("created", "id"))
    for number, person in enumerate(people, start=1):
        person.number = number
    Respondent.objects.bulk_update(people, ["number"])
    rows = [["nummer", *locked.features]]
    rows += [[str(p.number), *(p.values[f] for f in locked.features)] for p in people]
    categories = [["feature", "value", "min", "max"]]
    categories += [[q.feature, q.value, str(q.min), str(q.max)] for q in quotas(locked)]
    draw = Draw.objects.create(
        burgerraad=locked,
        people_csv=_csv(rows),
        categories_csv=_csv(categories),
        size=locked.seats,
        m=locked.panels,
    )
    audit(user, "create", draw, gemeente=locked.gemeente, detail=f"pool of {len(people)}")
    return _compute(user, draw)


def _compute(user, draw: Draw):
    from samenspel.assemblies.tasks import prepare_draw

    burgerraad = draw.burgerraad
    return start_long_work(
        prepare_draw,
        draw.pk,
        title=_("Computing the lottery for %(title)s") % {"title": burgerraad.use.title},
        owner=user,
        about=draw,
        gemeente=burgerraad.gemeente,
        url=reverse("assemblies:draw", args=[burgerraad.gemeente.slug, burgerraad.pk]),
    )


def _read(draw: Draw):
    """The instance exactly as anyone reads it from the published files."""
    from samenspel.engines.sortition import read_instance

    with tempfile.TemporaryDirectory() as folder:
        people, categories = Path(folder, "people.csv"), Path(folder, "categories.csv")
        people.write_text(draw.people_csv, encoding="utf-8")
        categories.write_text(draw.categories_csv, encoding="utf-8")
        return read_instance(people, categories, draw.size)


def _versions() -> dict[str, str]:
    import highspy

    return {"engine": f"samenspel {__version__}", "solver": f"HiGHS {highspy.Highs().version()}"}


def prepare(progress, draw_id: int) -> dict:
    """The body of the preparation task: LEXIMIN, then the rounding to M panels, published
    with the digest before anyone knows the number or seed."""
    from samenspel.engines.sortition import compute, publish, round_to_panels

    draw = Draw.objects.get(pk=draw_id)
    progress.begin(3, _("Reading the pool"))
    instance = _read(draw)
    progress.step(1, _("Computing the fairest lottery (LEXIMIN)"))
    distribution = compute(instance, ALGORITHM, progress=lambda message: None)
    progress.step(1, _("Rounding to %(m)s equally likely panels") % {"m": draw.m})
    lottery = round_to_panels(instance, distribution, draw.m)
    before = publish(instance, distribution, lottery, 0)
    for key in ("seed", "public_number", "index", "panel"):
        before.pop(key)
    before.update(_versions())
    draw.published = json.dumps(before, indent=1, ensure_ascii=False) + "\n"
    draw.digest = hashlib.sha256(draw.published.encode()).hexdigest()
    draw.panels = [[instance.ids[i] for i in panel] for panel in lottery.panels]
    draw.probabilities = [round(float(p), 9) for p in distribution.probabilities]
    draw.rounding_change = float(abs(lottery.change).max())
    draw.prepared_at = timezone.now()
    draw.save()
    progress.step(1, _("The list of panels is published"))
    return {"digest": draw.digest}


@transaction.atomic
def draw_panel(user, draw: Draw, *, seed: str = "", number: int | None = None) -> Draw:
    """Draw the panel with the public number (1..M) or the announced seed: the record follows
    from the list published before, and the drawn residents become members."""
    from samenspel.engines.sortition import InputError, draw_index

    locked = Draw.objects.select_for_update().get(pk=draw.pk)
    if locked.drawn_at is not None:
        raise DrawError(_("The panel has been drawn already."))
    if locked.prepared_at is None:
        raise DrawError(_("The list of panels is not published yet."))
    try:
        index = draw_index(len(locked.panels), seed=seed or None, number=number)
    except InputError:
        raise DrawError(
            _("The public number must lie between 1 and %(m)s.") % {"m": len(locked.panels)}
        ) from None
    record_ = json.loads(locked.published)
    record_.update(seed=seed or None, public_number=number, index=index, panel=locked.panels[index])
    locked.record = record_
    locked.seed, locked.public_number = seed, number
    locked.drawn_at, locked.drawn_by = timezone.now(), user
    locked.save()
    burgerraad = locked.burgerraad
    burgerraad.respondents.filter(number__in=[int(i) for i in record_["panel"]]).update(
        status=Status.MEMBER
    )
    audit(user, "change", locked, gemeente=burgerraad.gemeente, detail=f"panel {index + 1}")
    record(
        burgerraad.use.traject,
        user,
        "instrument",
        gettext_noop("The panel of the burgerraad “%(title)s” was drawn in public."),
        title=burgerraad.use.title,
    )
    return locked


def probability_summary(draw: Draw) -> dict:
    """The selection probabilities as a distribution: minimum, maximum, spread and a histogram
    of ten bars (each bar's share of the pool, for the chart)."""
    values = draw.probabilities
    if not values:
        return {}
    low, high = min(values), max(values)
    width = (high - low) / 10
    counts = [0] * 10
    for value in values:
        counts[min(int((value - low) / width), 9) if width else 0] += 1
    biggest = max(counts)
    bars = []
    for i, count in enumerate(counts):
        height = round(110 * count / biggest)
        bars.append(
            {
                "from": low + i * width,
                "to": low + (i + 1) * width if width else high,
                "count": count,
                "x": 42 * i,
                "y": 120 - height,
                "height": height,
            }
        )
    return {"min": low, "max": high, "spread": high - low, "bars": bars, "n": len(values)}


def seated(draw: Draw) -> list[str]:
    """The pseudonymous ids now on the panel: the drawn panel after the replacements."""
    panel = list(draw.record.get("panel", []))
    for replacement in draw.replacements.all():
        panel[panel.index(replacement.dropout)] = replacement.replacement
    return panel


def panel_composition(draw: Draw) -> list[dict]:
    """The composition of the seated panel against the quotas (aggregates of the published
    anonymised values, so public)."""
    instance = _read(draw)
    index = {person: i for i, person in enumerate(instance.ids)}
    rows = []
    for quota in instance.quotas:
        column = instance.categories.index(quota.category)
        count = sum(instance.features[index[p]][column] == quota.value for p in seated(draw))
        rows.append((quota, count))
    labels = {(q.feature, q.value): q for q in quotas(draw.burgerraad)}
    result = []
    for line, (quota, count) in enumerate(rows):
        row = labels.get((quota.category, quota.value))
        scale = 300 / max(quota.max, count, 1)
        result.append(
            {
                "feature": row.feature_label if row else quota.category,
                "label": row.label if row else quota.value,
                "expected": row.expected if row else None,
                "min": quota.min,
                "max": quota.max,
                "count": count,
                "met": quota.min <= count <= quota.max,
                "y": 20 * line,
                "bar": round(scale * count),
                "low": 180 + round(scale * quota.min),
                "high": 180 + round(scale * quota.max),
            }
        )
    return result


def members(draw: Draw) -> list[Respondent]:
    """The residents on the panel now, by pseudonymous number."""
    numbers = [int(p) for p in seated(draw)]
    return list(draw.burgerraad.respondents.filter(number__in=numbers).order_by("number"))


# ---- replacements and confirmation -------------------------------------------------------


@transaction.atomic
def withdraw(user, respondent: Respondent) -> Replacement:
    """A member withdrew before the first meeting: the engine's rule, published before the
    draw, names who takes the seat (quotas kept)."""
    from samenspel.engines.sortition import InputError, replace

    draw = Draw.objects.select_for_update().get(burgerraad=respondent.burgerraad)
    if draw.drawn_at is None or respondent.status not in (Status.MEMBER, Status.REPLACEMENT):
        raise DrawError(_("Only a member of the drawn panel can withdraw."))
    if respondent.pseudonym not in draw.record["panel"]:
        raise DrawError(
            _(
                "Number %(number)s took the seat as a replacement; the published rule replaces "
                "members of the drawn panel only."
            )
            % {"number": respondent.pseudonym}
        )
    dropouts = [*draw.replacements.values_list("dropout", flat=True), respondent.pseudonym]
    key = str(draw.record["seed"] if draw.record["seed"] is not None else draw.public_number)
    try:
        _panel, made = replace(_read(draw), draw.record["panel"], dropouts, key)
    except InputError:
        raise DrawError(_("No one in the pool can take this seat and keep every quota.")) from None
    latest = made[-1]
    replacement = Replacement.objects.create(
        draw=draw,
        dropout=latest.dropout,
        replacement=latest.replacement,
        rank=latest.rank,
        created_by=user,
    )
    respondent.status = Status.WITHDRAWN
    respondent.save(update_fields=["status"])
    draw.burgerraad.respondents.filter(number=int(latest.replacement)).update(
        status=Status.REPLACEMENT
    )
    audit(user, "change", replacement, gemeente=respondent.gemeente, personal_data=True)
    return replacement


def confirm_link(respondent: Respondent) -> str:
    """A new secret link with which this member confirms their seat (only its hash is kept)."""
    token = secrets.token_urlsafe(24)
    respondent.confirm_digest = hashlib.sha256(token.encode()).hexdigest()
    respondent.save(update_fields=["confirm_digest"])
    burgerraad = respondent.burgerraad
    return reverse("assemblies:confirm", args=[burgerraad.gemeente.slug, burgerraad.pk, token])


def by_token(burgerraad: Burgerraad, token: str) -> Respondent | None:
    digest = hashlib.sha256(token.encode()).hexdigest()
    return burgerraad.respondents.filter(confirm_digest=digest, erased_at=None).first()


def confirm_seat(by, respondent: Respondent) -> None:
    """The member confirms their seat (themselves, or an organiser after a phone call)."""
    if respondent.status in (Status.MEMBER, Status.REPLACEMENT) and not respondent.confirmed_at:
        respondent.confirmed_at = timezone.now()
        respondent.save(update_fields=["confirmed_at"])
        audit(by, "change", respondent, gemeente=respondent.gemeente, detail="seat confirmed")


# ---- publication -------------------------------------------------------------------------


def verify_command(draw: Draw) -> str:
    """The exact command that re-checks the draw from the files of the download."""
    return (
        "samenspel sortition verify --people people.csv --categories categories.csv "
        f"--size {draw.size} --record record.json"
    )


def readme(draw: Draw) -> str:
    command = verify_command(draw)
    replacements = list(draw.replacements.all())
    lines = [
        _("Check the draw of %(title)s yourself.") % {"title": draw.burgerraad.use.title},
        "",
        _("people.csv: the pool, a pseudonymous number and the answers per person, no names."),
        _("categories.csv: the quotas (feature, value, minimum, maximum)."),
        _("record.json: the list of panels, the number or seed and the drawn panel."),
        _("panels.json: the list of panels as published before the draw."),
        "",
        _("1. Install Samenspel (pip install samenspel, or from its source)."),
        _("2. Run, in this folder:"),
        "",
        f"   {command}",
        "",
        _("It says “confirmed” when the panels and the drawn panel follow from these files."),
        _("3. The SHA-256 digest of panels.json must be: %(digest)s") % {"digest": draw.digest},
        "   sha256sum panels.json",
    ]
    if replacements:
        drops = ",".join(r.dropout for r in replacements)
        lines += [
            "",
            _("4. The replacements follow from the published rule:"),
            "",
            "   samenspel sortition replace --people people.csv --categories categories.csv "
            f"--size {draw.size} --record record.json --drop {drops}",
        ]
    return "\n".join(lines) + "\n"


def verification_zip(draw: Draw) -> bytes:
    """The one download that lets anyone re-check the draw (and its replacements)."""
    record_ = {
        **draw.record,
        "replacements": [
            {"dropout": r.dropout, "replacement": r.replacement, "rank": r.rank}
            for r in draw.replacements.all()
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("people.csv", draw.people_csv)
        archive.writestr("categories.csv", draw.categories_csv)
        archive.writestr("record.json", json.dumps(record_, indent=1, ensure_ascii=False) + "\n")
        archive.writestr("panels.json", draw.published)
        archive.writestr("README.txt", readme(draw))
    return buffer.getvalue()


@transaction.atomic
def sign(user, draw: Draw, data: dict) -> None:
    """The organiser signs the proces-verbaal: where, who was present, under whose name."""
    for field, value in data.items():
        setattr(draw, field, value)
    draw.signed_at = timezone.now()
    draw.save()
    audit(user, "change", draw, gemeente=draw.burgerraad.gemeente, detail="proces-verbaal")


def proces_verbaal(draw: Draw) -> bytes:
    """The proces-verbaal of the draw as a PDF (WeasyPrint)."""
    from weasyprint import HTML

    html = render_to_string(
        "assemblies/proces_verbaal.html",
        {
            "draw": draw,
            "burgerraad": draw.burgerraad,
            "gemeente": draw.burgerraad.gemeente,
            "composition": panel_composition(draw),
            "probabilities": probability_summary(draw),
            "replacements": list(draw.replacements.all()),
        },
    )
    return HTML(string=html).write_pdf()


# ---- privacy -----------------------------------------------------------------------------

_ERASED = {"name": "", "email": "", "phone": "", "available": [], "needs": [], "needs_note": ""}


def _erase(queryset, now: datetime) -> int:
    return queryset.filter(erased_at=None).update(
        **_ERASED, confirm_digest="", user=None, erased_at=now
    )


def erase_expired(now: datetime | None = None) -> int:
    """Erase the name, contact details and needs of residents not drawn once the period after
    the draw has passed, and of members once the burgerraad has ended; the pseudonymous number
    and the answers stay in the published record."""
    now = now or timezone.now()
    erased = 0
    for draw in Draw.objects.exclude(drawn_at=None).select_related("burgerraad"):
        burgerraad, drawn_at = draw.burgerraad, draw.drawn_at
        if drawn_at is not None and now >= drawn_at + timedelta(days=burgerraad.erase_after_days):
            erased += _erase(
                burgerraad.respondents.filter(status__in=[Status.POOL, Status.WITHDRAWN]), now
            )
        if burgerraad.ends_on is not None and now.date() > burgerraad.ends_on:
            erased += _erase(burgerraad.respondents.all(), now)
    return erased


def export_person_rows(user) -> list[dict]:
    """AVG: the answers this person gave with an account."""
    return [
        {
            "burgerraad": r.burgerraad.use.title,
            "naam": r.name,
            "e-mail": r.email,
            "telefoon": r.phone,
            "antwoorden": r.values,
            "status": r.get_status_display(),
            "gegeven_op": r.created.isoformat(),
        }
        for r in Respondent.objects.filter(user=user).select_related("burgerraad__use")
    ]


def erase_person_rows(user) -> int:
    return _erase(Respondent.objects.filter(user=user), timezone.now())
