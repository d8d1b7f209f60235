# SPDX-License-Identifier: EUPL-1.2
"""The ``phase_changed`` signal: how instruments hear of a phase change without the trajectories
app importing them."""

import pytest

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories import services
from samenspel.trajectories.models import Phase, Traject

pytestmark = pytest.mark.django_db


def test_a_committed_phase_change_sends_the_trajectory_and_both_phases(
    django_capture_on_commit_callbacks,
):
    gemeente = make_gemeente()
    ambtenaar = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=ambtenaar)
    heard = []

    def receiver(sender, traject, old, new, **kwargs):
        heard.append((sender, traject.pk, traject.phase, old, new))

    services.phase_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.change_phase(ambtenaar, traject, Phase.KADERSTELLING, "Raad stelt kaders")
            assert heard == []  # not before the change has committed
    finally:
        services.phase_changed.disconnect(receiver)
    assert heard == [
        (Traject, traject.pk, Phase.KADERSTELLING, Phase.VERKENNING, Phase.KADERSTELLING)
    ]
