# SPDX-License-Identifier: EUPL-1.2
"""The begroting instrument's manifest (docs/domain.md §5).

The rules of the vote (ballot, counting rule, amounts, eligibility) are the begroting's own
fields, not settings of the use: they freeze when voting opens, and the generic settings form
must not change them afterwards."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import CODE, Action, Export, InstrumentManifest, registry, setting
from samenspel.trajectories.api import Phase


@dataclass(frozen=True)
class BegrotingSettings:
    show_support_while_voting: bool = setting(
        False,
        label=_("Show the number of votes per project while voting is open"),
        help_text=_("Usually off, so that early votes do not steer later ones."),
    )
    intro: str = setting(
        "",
        label=_("A word of welcome on the ballot"),
        help_text=_("For example where to ask questions about the projects."),
        max_length=500,
    )


def _object_id(use) -> int:
    return use.begroting.pk


def _code_landing(use) -> str:
    return reverse("budgeting:vote", args=[use.gemeente.slug, use.begroting.pk])


def _avg_export(user) -> list[dict]:
    from samenspel.budgeting.models import Stem, Voorstel

    proposals = [
        {"voorstel": v.title, "ingediend_op": v.created.isoformat()}
        for v in Voorstel.objects.filter(author=user)
    ]
    ballots = [
        {"stem": s.begroting.use.title, "uitgebracht_op": s.created.isoformat()}
        for s in Stem.objects.filter(user=user).select_related("begroting__use")
    ]
    return proposals + ballots


def _avg_erase(user) -> int:
    """A ballot is cut loose from the person (it stays counted, anonymous); proposals keep
    their text, which is public input, without the author."""
    from samenspel.budgeting.models import Stem, Voorstel

    ballots = Stem.objects.filter(user=user).update(user=None, voter_key=f"erased:{user.pk}")
    return ballots + Voorstel.objects.filter(author=user).update(author=None)


manifest = registry.register(
    InstrumentManifest(
        key="begroting",
        label=_("Participatory budget"),
        description=_(
            "A participatory budget or a budget-cut dialogue: proposals by residents per "
            "thematafel or area, one ballot each, a count with equal shares that explains "
            "every project, and a file anyone can recount."
        ),
        phases=frozenset({Phase.KADERSTELLING, Phase.PARTICIPATIE, Phase.BESLUITVORMING}),
        settings=BegrotingSettings,
        create_url_name="budgeting:create",
        detail_url_name="budgeting:detail",
        object_id=_object_id,
        attach_permission="instruments.attach",
        actions=(
            Action("propose", _("Submit a proposal"), "budgeting.take_part"),
            Action("vote", _("Vote"), "budgeting.take_part"),
            Action("vote_binding", _("Vote in a binding vote"), "budgeting.take_part", CODE),
            Action("manage", _("Check proposals and run the vote"), "budgeting.manage"),
        ),
        exports=(Export("pb", _("Result file for recounting (.pb)"), "budgeting:pb", public=True),),
        avg_export=_avg_export,
        avg_erase=_avg_erase,
        code_landing=_code_landing,
    )
)
