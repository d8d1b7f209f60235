# SPDX-License-Identifier: EUPL-1.2
"""Anchor points: the griffier sets and changes them on behalf of the council, and every change
keeps its history in public (docs/domain.md §4)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories import services
from samenspel.trajectories.forms import ANKERPUNT_RECORD_DAYS
from samenspel.trajectories.models import Ankerpunt

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(no_staff_mfa):
    gemeente = make_gemeente()
    griffier = make_user(Role.GRIFFIER, gemeente)
    traject = make_traject(gemeente)
    ankerpunt = services.add_ankerpunt(
        griffier, traject, {"text": "Het slot blijft publiek.", "set_on": timezone.localdate()}
    )
    return {
        "gemeente": gemeente,
        "griffier": griffier,
        "raadslid": make_user(Role.RAADSLID, gemeente),
        "traject": traject,
        "ankerpunt": ankerpunt,
        "edit": reverse(
            "trajectories:ankerpunt_edit", args=[gemeente.slug, traject.pk, ankerpunt.pk]
        ),
        "create": reverse("trajectories:ankerpunt_create", args=[gemeente.slug, traject.pk]),
    }


def test_a_council_member_cannot_overwrite_or_backdate_what_the_griffier_set(world, client):
    client.force_login(world["raadslid"])
    posted = {"text": "Het slot wordt verkocht.", "set_on": "2001-01-01", "held": ""}
    assert client.post(world["edit"], posted).status_code == 403
    assert client.post(world["create"], posted).status_code == 403
    ankerpunt = Ankerpunt.objects.get()
    assert (ankerpunt.text, ankerpunt.set_on) == ("Het slot blijft publiek.", timezone.localdate())


def test_every_change_is_a_public_version_with_who_when_and_the_text_before(world, client):
    client.force_login(world["griffier"])
    posted = {"text": "Het slot blijft publiek, ook 's avonds.", "held": "", "held_note": ""}
    # The date the council set it is not part of a change, whatever is posted.
    response = client.post(world["edit"], {**posted, "set_on": "2001-01-01"})
    assert response.status_code == 302
    client.post(world["edit"], posted)  # saving again without a change adds nothing
    ankerpunt = Ankerpunt.objects.get()
    assert ankerpunt.text == posted["text"] and ankerpunt.set_on == timezone.localdate()
    versions = list(ankerpunt.versies.all())
    assert [(v.number, v.text, v.changed_by) for v in versions] == [
        (1, "Het slot blijft publiek.", world["griffier"]),
        (2, posted["text"], world["griffier"]),
    ]
    client.logout()
    page = client.get(world["traject"].get_absolute_url()).content.decode()
    assert f"heeft {world['griffier'].name} het gewijzigd namens de raad" in page
    assert "“Het slot blijft publiek.”" in page
    brief = reverse(
        "trajectories:raadsinformatiebrief", args=[world["gemeente"].slug, world["traject"].pk]
    )
    assert "“Het slot blijft publiek.”" in client.get(brief).content.decode()


def test_the_history_keeps_the_griffie_when_the_person_is_gone(world):
    services.update_ankerpunt(world["griffier"], world["ankerpunt"], {"text": "Nieuw."})
    world["griffier"].delete()
    change = services.ankerpunten_with_history(world["traject"])[0].changes[0]
    assert change["after"].changed_by_label == "de griffie"


@pytest.mark.parametrize(
    ("days_ago", "error"),
    [(-1, "in de toekomst"), (ANKERPUNT_RECORD_DAYS + 1, f"binnen {ANKERPUNT_RECORD_DAYS} dagen")],
)
def test_an_anchor_point_is_dated_only_as_far_back_as_recording_needs(
    world, client, days_ago, error
):
    client.force_login(world["griffier"])
    set_on = timezone.localdate() - timedelta(days=days_ago)
    response = client.post(world["create"], {"text": "Nog een.", "set_on": set_on.isoformat()})
    assert response.status_code == 200
    assert error in response.content.decode().split('id="id_set_on_error"')[1]
    recent = timezone.localdate() - timedelta(days=ANKERPUNT_RECORD_DAYS)
    client.post(world["create"], {"text": "Nog een.", "set_on": recent.isoformat()})
    assert Ankerpunt.objects.count() == 2
