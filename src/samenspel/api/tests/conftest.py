# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.management import call_command

from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.services import answer_inbreng, submit_inbreng


@pytest.fixture
def demo(db):
    """The demo data, with what must never show: a trajectory that is not public, and input
    whose author has a name and an e-mail address."""
    call_command("load_demo", verbosity=0)
    gemeente = make_gemeente("Verborgendam")
    author = make_user(email="inwoner.geheim@example.org")
    author.name = "Geheime Inwoner"
    author.save(update_fields=["name"])
    public = make_traject(gemeente, title="Open plein")
    hidden = make_traject(gemeente, title="Verborgen plan", is_public=False)
    submit_inbreng(author, hidden, "Niet publieke inbreng")
    answered = submit_inbreng(author, public, "Meer bankjes op het plein")
    answer_inbreng(make_user(), answered, "overgenomen", "De bankjes komen er.")
    make_bijeenkomst(hidden)
    make_bijeenkomst(public)
    return {"gemeente": gemeente, "public": public, "hidden": hidden, "author": author}
