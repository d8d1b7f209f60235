# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the assemblies app (objects: the burgerraad's InstrumentUse).

The pool holds names and contact details: only the use's organisers see it, not the platform's
beheerder (who, as a superuser, passes every ``has_perm``), so the views ask
:func:`may_manage` rather than ``has_perm``. Answering needs no account: the letter's code,
remembered in the session, is the proof."""

import rules

from samenspel.instruments.api import is_organiser

rules.add_perm("assemblies.manage", is_organiser)
rules.add_perm("assemblies.respond", rules.always_allow)


def may_manage(user, use) -> bool:
    """Is this person an organiser of ``use`` (superusers included only if they are one)?"""
    return bool(is_organiser.test(user, use))
