"""The ``phase_changed`` signal: how instruments hear of a phase change without the trajectories
app importing them."""

import pytest

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories import services
from samenspel.trajectories.models import Phase, Traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject_and_ambtenaar():
    gemeente = make_gemeente()
    ambtenaar = make_user(Role.AMBTENAAR, gemeente)
    return make_traject(gemeente, user=ambtenaar), ambtenaar


def test_a_phase_change_sends_the_trajectory_and_both_phases(traject_and_ambtenaar):
    traject, ambtenaar = traject_and_ambtenaar
    heard = []

    def receiver(sender, traject, old, new, **kwargs):
        heard.append((sender, traject.pk, traject.phase, old, new))

    services.phase_changed.connect(receiver)
    try:
        services.change_phase(ambtenaar, traject, Phase.KADERSTELLING, "Raad stelt kaders")
    finally:
        services.phase_changed.disconnect(receiver)
    assert heard == [
        (Traject, traject.pk, Phase.KADERSTELLING, Phase.VERKENNING, Phase.KADERSTELLING)
    ]


def test_a_receiver_that_fails_undoes_the_phase_change(traject_and_ambtenaar):
    traject, ambtenaar = traject_and_ambtenaar

    def receiver(**kwargs):
        raise RuntimeError("the instrument could not close")

    services.phase_changed.connect(receiver)
    try:
        with pytest.raises(RuntimeError):
            services.change_phase(ambtenaar, traject, Phase.GESTOPT, "geen draagvlak")
    finally:
        services.phase_changed.disconnect(receiver)
    traject.refresh_from_db()
    assert traject.phase == Phase.VERKENNING
    assert traject.phase_changes.count() == 1
    assert not traject.events.filter(kind="phase").exists()
