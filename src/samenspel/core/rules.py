# SPDX-License-Identifier: EUPL-1.2
"""Permissions of the core app (objects: a LongWork)."""

import rules


@rules.predicate
def started_the_work(user, work) -> bool:
    return work.owner_id is not None and work.owner_id == user.pk


@rules.predicate
def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


rules.add_perm("core.view_long_work", started_the_work | is_superuser)
