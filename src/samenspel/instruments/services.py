# SPDX-License-Identifier: EUPL-1.2
"""Public API of the instruments app: attach, settings, organisers, actions, phase changes."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samenspel.core.services import audit, label
from samenspel.instruments import config
from samenspel.instruments.models import InstrumentUse, Organiser
from samenspel.instruments.registry import registry
from samenspel.people.services import Role, assurance_level, meets, roles_in, users_with_roles
from samenspel.trajectories.services import PHASE_ORDER, Phase, record

__all__ = [
    "ORGANISER_ROLES",
    "InstrumentUse",
    "OrganiserError",
    "add_organiser",
    "allowed",
    "assurance_scope",
    "code_landing",
    "attach",
    "attach_links",
    "erase_organiser_rows",
    "export_organiser_rows",
    "exports",
    "has_assurance",
    "organised_use_ids",
    "organiser_candidates",
    "organisers",
    "registry",
    "remove_organiser",
    "save_settings",
    "tell_instruments",
    "use_menu",
    "uses_by_phase",
]

logger = logging.getLogger(__name__)

# Who may organise an instrument use: officials and the griffie of its municipality.
ORGANISER_ROLES = (Role.AMBTENAAR, Role.GRIFFIER)
_ORGANISED_ATTR = "_samenspel_organised_uses"


class OrganiserError(ValueError):
    """A change of organisers that is not allowed; the message is for the person."""


def attach_links(user, traject, keys) -> dict[str, str]:
    """For the instruments among ``keys`` (the decision aid's ids) that the platform has: the
    page that attaches one to this trajectory, when this person may attach it."""
    links = {}
    for key in keys:
        if key in registry:
            manifest = registry.get(key)
            if user.has_perm(manifest.attach_permission, traject):
                args = [traject.gemeente.slug, traject.pk]
                links[key] = reverse(manifest.create_url_name, args=args)
    return links


def uses_by_phase(traject) -> list[dict]:
    """The instruments attached to a trajectory, grouped by phase in phase order (one query)."""
    uses = list(InstrumentUse.objects.filter(traject=traject))
    for use in uses:
        use.traject, use.gemeente = traject, traject.gemeente
    labels = dict(Phase.choices)
    groups = []
    for phase in [*PHASE_ORDER, Phase.GESTOPT]:
        in_phase = [u for u in uses if u.phase == phase]
        if in_phase:
            groups.append({"phase": phase, "label": labels[phase], "uses": in_phase})
    return groups


def _add(use: InstrumentUse, person, by) -> Organiser:
    organiser, _created = Organiser.objects.get_or_create(
        use=use, user=person, defaults={"added_by": by, "gemeente_id": use.gemeente_id}
    )
    _forget_organised(person)
    return organiser


@transaction.atomic
def attach(user, traject, key: str, phase: str, title: str, **settings) -> InstrumentUse:
    """Attach an instrument to a trajectory; its creator becomes its first organiser."""
    manifest = registry.get(key)
    if phase not in manifest.phases:
        raise ValueError(f"{key} cannot be attached to phase {phase}")
    use = InstrumentUse.objects.create(
        traject=traject,
        instrument=key,
        phase=phase,
        title=title,
        config=config.dump(manifest.settings(**settings)),
        created_by=user,
    )
    if getattr(user, "is_authenticated", False):
        _add(use, user, by=user)
    record(
        traject,
        user,
        "instrument",
        gettext_noop("%(instrument)s added: %(title)s"),
        instrument=label(manifest.label),
        title=title,
    )
    audit(user, "create", use, gemeente=traject.gemeente)
    return use


@transaction.atomic
def save_settings(
    user, use: InstrumentUse, settings: Any = None, phase_settings: Mapping[str, Any] | None = None
) -> InstrumentUse:
    """Store the use's settings and, per phase, its phase settings (dataclass instances);
    raises config.SettingsError naming every value outside its limits."""
    manifest = use.manifest
    locked = InstrumentUse.objects.select_for_update().get(pk=use.pk)
    if settings is not None:
        if not isinstance(settings, manifest.settings):
            raise TypeError(f"expected {manifest.settings.__name__}")
        locked.config = config.dump(settings)
    phase_settings = dict(phase_settings or {})
    phase_class = manifest.phase_settings
    for phase, values in phase_settings.items():
        if phase not in Phase.values or phase_class is None or not isinstance(values, phase_class):
            raise TypeError(f"phase settings for {phase!r} do not fit {manifest.key}")
        locked.phase_config = {**locked.phase_config, phase: config.dump(values)}
    locked.save(update_fields=["config", "phase_config"])
    use.config, use.phase_config = locked.config, locked.phase_config
    changed = (["settings"] if settings is not None else []) + sorted(phase_settings)
    audit(user, "change", use, gemeente=use.gemeente, detail=", ".join(changed))
    return use


# ---- organisers --------------------------------------------------------------------------


def organised_use_ids(user) -> frozenset[int]:
    """The uses this person organises (one query per request: cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _ORGANISED_ATTR, None)
    if cached is None:
        cached = frozenset(Organiser.objects.filter(user=user).values_list("use_id", flat=True))
        setattr(user, _ORGANISED_ATTR, cached)
    return cached


def _forget_organised(user) -> None:
    if user is not None and hasattr(user, _ORGANISED_ATTR):
        delattr(user, _ORGANISED_ATTR)


def organisers(use: InstrumentUse) -> list[Organiser]:
    return list(use.organisers.select_related("user", "added_by"))


def organiser_candidates(use: InstrumentUse):
    """The people who may be named organiser of this use and are not one yet."""
    return (
        users_with_roles(use.gemeente, ORGANISER_ROLES)
        .exclude(organised_uses__use=use)
        .order_by("name", "email")
    )


@transaction.atomic
def add_organiser(by, use: InstrumentUse, person) -> Organiser:
    if not roles_in(person, use.gemeente) & set(ORGANISER_ROLES):
        raise OrganiserError(
            _("Only officials and the council clerk's office of this municipality can organise.")
        )
    organiser = _add(use, person, by=by)
    _forget_organised(by)
    audit(by, "permission", use, gemeente=use.gemeente, detail=f"organiser added: {person.pk}")
    return organiser


@transaction.atomic
def remove_organiser(by, use: InstrumentUse, person) -> None:
    InstrumentUse.objects.select_for_update().get(pk=use.pk)  # one change of organisers at once
    rows = use.organisers.all()
    if not rows.filter(user=person).exists():
        return
    if rows.count() == 1:
        raise OrganiserError(_("Every instrument keeps at least one organiser: add another first."))
    rows.filter(user=person).delete()
    _forget_organised(person)
    _forget_organised(by)  # the same person, perhaps, as another object
    audit(by, "permission", use, gemeente=use.gemeente, detail=f"organiser removed: {person.pk}")


def export_organiser_rows(user) -> list[dict]:
    """AVG: the instrument uses this person organises."""
    return [
        {"instrument": o.use.title, "sinds": o.created.isoformat()}
        for o in Organiser.objects.filter(user=user).select_related("use")
    ]


def erase_organiser_rows(user) -> int:
    deleted, _rows = Organiser.objects.filter(user=user).delete()
    return deleted


# ---- actions and exports -----------------------------------------------------------------


def assurance_scope(use: InstrumentUse) -> str:
    """The key under which a level granted for this use alone (a code from a letter) is kept."""
    return f"use:{use.pk}"


def code_landing(use_id: int) -> str:
    """Where a letter's code for this use takes the resident who redeemed it."""
    use = InstrumentUse.objects.select_related("gemeente").get(pk=use_id)
    landing = use.manifest.code_landing
    return landing(use) if landing is not None else use.get_absolute_url()


def has_assurance(user, use: InstrumentUse, needed: str) -> bool:
    """Is this person's identity assured at least at level ``needed`` in the use's municipality,
    counting the levels granted for this use alone?"""
    return meets(assurance_level(user, use.gemeente, scope=assurance_scope(use)), needed)


def allowed(user, use: InstrumentUse, action_key: str) -> bool:
    """May this person do the manifest's action on this use: its permission, checked against
    the use, and the assurance level the action needs."""
    action = use.manifest.action(action_key)
    return user.has_perm(action.permission, use) and has_assurance(user, use, action.assurance)


def exports(user, use: InstrumentUse) -> list[dict]:
    """The manifest's downloads this person may fetch: public ones, and all for organisers."""
    organiser = user.has_perm("instruments.organise", use)
    return [
        {"label": export.label, "url": use.instrument_url(export.url_name)}
        for export in use.manifest.exports
        if export.public or organiser
    ]


def use_menu(user, use: InstrumentUse) -> dict:
    """Context for ``instruments/_use.html``, the menu every instrument's page shows: the
    exports this person may fetch and the links to settings and organisers."""
    return {
        "use": use,
        "exports": exports(user, use),
        "can_organise": user.has_perm("instruments.organise", use),
        "can_manage_organisers": user.has_perm("instruments.manage_organisers", use),
    }


# ---- phase changes -----------------------------------------------------------------------


def tell_instruments(sender, *, traject, old: str, new: str, **kwargs) -> None:
    """Receiver of ``trajectories.services.phase_changed``: call each attached instrument's
    ``on_phase_change(use, old, new)``, each in its own transaction; one failing instrument is
    logged and does not stop the others."""
    for use in InstrumentUse.objects.filter(traject=traject):
        if use.instrument not in registry:
            continue
        hook = use.manifest.on_phase_change
        if hook is None:
            continue
        use.traject, use.gemeente = traject, traject.gemeente
        try:
            with transaction.atomic():
                hook(use, old, new)
        except Exception:
            logger.exception("Phase change hook of %s (use %s) failed", use.instrument, use.pk)
