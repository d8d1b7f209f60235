# SPDX-License-Identifier: EUPL-1.2
"""Public API of the advice app: kaders per municipality, advice stored on a trajectory."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop

from samenspel.advice.models import Advies, KaderVersie
from samenspel.core.services import audit, in_languages
from samenspel.engines.advice import (
    InvalidKader,
    Kader,
    Question,
    Summary,
    advise,
    default_kader_text,
    level,
    load_kader,
    summarise,
)
from samenspel.municipalities.services import Gemeente
from samenspel.trajectories.services import record

__all__ = [
    "Advies",
    "InvalidKader",
    "KaderVersie",
    "current_kader",
    "engine_kader",
    "explain",
    "give_advice",
    "label",
    "latest_advies",
    "latest_adviezen",
    "overview",
    "prefill",
    "record_choice",
    "reproduce",
    "rungs_in",
    "save_kader",
    "save_kader_data",
    "steps",
]

# Traject.initiator (the four actors) → the kader's initiator question.
INITIATOR = {
    "samenleving": "samenleving",
    "college": "gemeente",
    "ambtenaren": "gemeente",
    "gemeenteraad": "raad",
}
STEP_SIZE = 6


def lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


@lru_cache(maxsize=64)
def _parse(source: str) -> Kader:
    return load_kader(source)


def engine_kader(version: KaderVersie) -> Kader:
    return _parse(version.source)


def _default_version() -> KaderVersie:
    text = default_kader_text()
    kader = _parse(text)
    version = KaderVersie.objects.filter(gemeente=None, version_id=kader.version_id).first()
    if version is None:
        last = KaderVersie.objects.filter(gemeente=None).order_by("-number").first()
        version = KaderVersie.objects.create(
            gemeente=None,
            number=(last.number + 1) if last else 1,
            version_id=kader.version_id,
            source=text,
            note="Samenspel",
        )
    return version


def current_kader(gemeente) -> KaderVersie:
    """The municipality's latest kader version, or Samenspel's default when it has none."""
    own = KaderVersie.objects.filter(gemeente=gemeente).order_by("-number").first()
    return own or _default_version()


@transaction.atomic
def save_kader(user, gemeente, source: str, note: str = "") -> KaderVersie:
    """Validate and store a new version; raises InvalidKader naming every problem."""
    kader = _parse(source)
    # Saves of one municipality's kader queue on its row, so each gets the next number (there
    # may be no version yet to lock).
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    last = KaderVersie.objects.filter(gemeente=gemeente).first()
    version = KaderVersie.objects.create(
        gemeente=gemeente,
        number=(last.number + 1) if last else 1,
        version_id=kader.version_id,
        source=source,
        note=note,
        created_by=user,
    )
    audit(user, "change", version, gemeente=gemeente, detail=f"kader v{version.number}")
    return version


def save_kader_data(user, gemeente, data: dict, note: str = "") -> KaderVersie:
    """Store a kader given as plain data (from the form editor) as a new YAML version."""
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return save_kader(user, gemeente, source, note)


def prefill(traject) -> dict:
    """Answers the trajectory already gives: initiator, domain, dossiers, council's frame."""
    kader = engine_kader(current_kader(traject.gemeente))
    dossiers = next((q for q in kader.questions if q.id == "dossiers"), None)
    answers = {"initiator": INITIATOR[traject.initiator], "domein": traject.domein}
    if dossiers is not None:
        known = [d for d in traject.dossier_list if d in dossiers.choices]
        if known:
            answers["dossiers"] = known
    if traject.ankerpunten.exists():
        answers["ankerpunten_gesteld"] = "ja"
    if hasattr(traject, "procesafspraken"):
        answers["procesafspraken_gemaakt"] = "ja"
    known_ids = {q.id for q in kader.questions}
    return {k: v for k, v in answers.items() if k in known_ids}


def steps(kader: Kader, initiator: str) -> list[tuple[Question, ...]]:
    """The questionnaire for an initiator, in steps: the context first, then the rest."""
    questions = kader.questions_for(initiator)
    everyone = {"samenleving", "gemeente", "raad"}
    context = tuple(q for q in questions if everyone <= set(q.applies_to))
    rest = [q for q in questions if q not in context]
    chunks = [tuple(rest[i : i + STEP_SIZE]) for i in range(0, len(rest), STEP_SIZE)]
    return [c for c in [context, *chunks] if c]


@transaction.atomic
def give_advice(user, traject, answers: dict) -> Advies:
    version = current_kader(traject.gemeente)
    advice = advise(engine_kader(version), answers, lang="nl")
    advies = Advies.objects.create(
        traject=traject,
        kader=version,
        answers=advice.to_dict()["answers"],
        result=advice.to_dict(),
        rung=advice.rung,
        stance=advice.stance,
        role=advice.role,
        created_by=user,
    )
    record(
        traject,
        user,
        "advies",
        gettext_noop("Advice on working together: %(rung)s, stance %(stance)s."),
        rung=_in_languages("rung", advice.rung),
        stance=_in_languages("stance", advice.stance),
    )
    audit(user, "create", advies, gemeente=traject.gemeente)
    return advies


def reproduce(advies: Advies, language: str = "nl") -> dict:
    """The advice again, from the stored kader version and answers (years later too)."""
    return advise(engine_kader(advies.kader), advies.answers, lang=language).to_dict()


def label(kind: str, value: str, language: str) -> str:
    """A rung (``kind`` "rung") or stance ("stance") as a reader sees it; "" for none."""
    return level(kind, value, language).label if value else ""


def _in_languages(kind: str, value: str) -> dict:
    return in_languages(**{language: label(kind, value, language) for language in ("nl", "en")})


def explain(advies: Advies, language: str) -> tuple[dict, Summary]:
    """The advice with its full trace (for the administrator) and in plain words (for
    everyone), from the stored kader version and answers."""
    kader = engine_kader(advies.kader)
    advice = advise(kader, advies.answers, lang=language)
    return advice.to_dict(), summarise(kader, advice)


class DeviationWithoutReason(ValueError):
    pass


@transaction.atomic
def record_choice(user, advies: Advies, rung: str, stance: str, reason: str) -> Advies:
    deviates = (rung, stance) != (advies.rung, advies.stance)
    if deviates and not reason.strip():
        raise DeviationWithoutReason
    advies.chosen_rung, advies.chosen_stance = rung, stance
    advies.deviation_reason = reason.strip() if deviates else ""
    advies.chosen_by, advies.chosen_at = user, timezone.now()
    advies.save()
    text = (
        gettext_noop("Chosen way of working: %(rung)s (advice: %(advised)s). Reason: %(reason)s")
        if deviates
        else gettext_noop("Chosen way of working: %(rung)s, as advised.")
    )
    params: dict[str, Any] = {"rung": _in_languages("rung", rung)}
    if deviates:
        params |= {"advised": _in_languages("rung", advies.rung), "reason": reason.strip()}
    record(advies.traject, user, "keuze", text, **params)
    audit(user, "change", advies, gemeente=advies.gemeente, detail=f"chosen {rung}")
    return advies


def latest_advies(traject) -> Advies | None:
    return Advies.objects.filter(traject=traject).select_related("kader").first()


def rungs_in(gemeente_ids) -> dict[int, str]:
    """Per trajectory of these municipalities: the rung of its latest advice, as chosen (or, not
    chosen yet, as advised)."""
    rungs = {}
    rows = Advies.objects.filter(gemeente_id__in=gemeente_ids).order_by("created", "id")
    for traject_id, chosen, advised in rows.values_list("traject_id", "chosen_rung", "rung"):
        rungs[traject_id] = chosen or advised
    return rungs


def latest_adviezen(traject_ids) -> dict[int, Advies]:
    """Per trajectory (by id) its latest advice, in one query."""
    latest: dict[int, Advies] = {}
    for advies in Advies.objects.filter(traject_id__in=list(traject_ids)):
        latest.setdefault(advies.traject_id, advies)  # newest first by the model's ordering
    return latest


def overview(gemeente) -> list[Mapping[str, Any]]:
    """Per domain: how many trajectories got advice, chose, and followed it (latest advice)."""
    latest = Advies.objects.filter(traject=OuterRef("traject")).order_by("-created", "-id")
    rows = (
        Advies.objects.filter(gemeente=gemeente, pk=Subquery(latest.values("pk")[:1]))
        .values("traject__domein")
        # Counts named like Advies's properties: fine in values(), not to django-stubs.
        .annotate(  # type: ignore[no-redef]
            advised=Count("id"),
            chosen=Count("id", filter=~Q(chosen_rung="")),
            followed=Count(
                "id",
                filter=~Q(chosen_rung="") & Q(chosen_rung=F("rung")) & Q(chosen_stance=F("stance")),
            ),
        )
        .order_by("traject__domein")
    )
    return list(rows)
