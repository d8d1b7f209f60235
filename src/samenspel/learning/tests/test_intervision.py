# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.learning import services
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_provincie, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_staff_mfa")]


@pytest.fixture
def group_world():
    gelderland = make_provincie("Gelderland")
    lochem = make_gemeente("Lochem", provincie=gelderland)
    aalten = make_gemeente("Aalten", provincie=gelderland)
    elsewhere = make_gemeente("Heusden")
    facilitator = make_user(Role.PROVINCIE, provincie=gelderland)
    anna = make_user(Role.AMBTENAAR, lochem)
    bert = make_user(Role.AMBTENAAR, aalten)
    other = make_user(Role.AMBTENAAR, elsewhere)
    return {
        "provincie": gelderland,
        "facilitator": facilitator,
        "anna": anna,
        "bert": bert,
        "other": other,
        "lochem": lochem,
    }


def test_a_group_has_officials_of_the_province_from_two_municipalities_at_least(group_world):
    w = group_world
    with pytest.raises(services.GroupInvalid):
        services.form_group(w["facilitator"], w["provincie"], "G", "raad", [w["anna"]])
    with pytest.raises(services.GroupInvalid):
        services.form_group(w["facilitator"], w["provincie"], "G", "raad", [w["anna"], w["other"]])
    group = services.form_group(
        w["facilitator"], w["provincie"], "Raad en participatie", "raad", [w["anna"], w["bert"]]
    )
    assert set(group.members.all()) == {w["anna"], w["bert"]}
    assert w["anna"].notifications.filter(params__name="Raad en participatie").exists()


def test_an_intervision_lesson_is_shared_only_after_its_author_approved_it(group_world, client):
    w = group_world
    group = services.form_group(
        w["facilitator"], w["provincie"], "Raad en participatie", "raad", [w["anna"], w["bert"]]
    )
    session = services.schedule_session(
        w["facilitator"], group, timezone.now() + timedelta(days=3), "Provinciehuis Arnhem"
    )
    lesson = services.write_session_note(
        w["facilitator"],
        session,
        w["anna"],
        {"kind": "knelpunt", "text": "De raad hoort te laat van het initiatief."},
        ["raad", "samenleving"],
    )
    assert lesson.gemeente == w["lochem"] and lesson.approved_at is None
    # Not shared yet: not with the province, not with the other member, not on the wall.
    assert lesson not in services.visible_lessons(w["facilitator"])
    assert lesson not in services.visible_lessons(w["bert"])
    assert lesson not in services.province_view(w["provincie"])["lessons"]
    assert lesson not in services.lessons_of(w["lochem"])
    # Only its author may approve it.
    client.force_login(w["bert"])
    url = reverse("learning:lesson_approve", args=[lesson.pk])
    assert client.post(url, {"text": "Anders"}).status_code == 403
    with pytest.raises(services.NotTheAuthor):
        services.approve_lesson(w["facilitator"], lesson)
    client.force_login(w["anna"])
    assert lesson.text in client.get(reverse("learning:my_notes")).content.decode()
    response = client.post(url, {"text": "De raad hoort pas laat van een initiatief."})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.approved_at is not None and lesson.text.startswith("De raad hoort pas laat")
    assert lesson in services.visible_lessons(w["facilitator"])
    assert lesson in services.visible_lessons(w["bert"])
    assert lesson in services.province_view(w["provincie"])["lessons"]


def test_the_facilitator_writes_notes_through_the_pages(group_world, client):
    w = group_world
    client.force_login(w["facilitator"])
    slug = w["provincie"].slug
    page = client.get(reverse("learning:group_create", args=[slug])).content.decode()
    assert w["anna"].display_name in page and w["other"].display_name not in page
    response = client.post(
        reverse("learning:group_create", args=[slug]),
        {"name": "Achterhoek", "theme": "beleid", "members": [w["anna"].pk, w["bert"].pk]},
    )
    group = services.Group.objects.get(name="Achterhoek")
    assert response.url == reverse("learning:group", args=[slug, group.pk])
    client.post(
        reverse("learning:session_create", args=[slug, group.pk]),
        {"starts_at": "2027-03-04T14:00", "place": "Lochem, gemeentehuis"},
    )
    session = group.sessions.get()
    notes_url = reverse("learning:session_notes", args=[slug, session.pk])
    response = client.post(
        notes_url,
        {"author": w["bert"].pk, "kind": "behoefte", "text": "Intervisie elk kwartaal.",
         "corners": ["ambtenaren"], "instrument": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert "Intervisie elk kwartaal." in client.get(notes_url).content.decode()
    note = session.notes.get()
    assert note.author == w["bert"] and note.approved_at is None
    # A member sees the group, but may not write notes; an outsider sees nothing.
    client.force_login(w["anna"])
    assert client.get(reverse("learning:group", args=[slug, group.pk])).status_code == 200
    assert client.get(notes_url).status_code == 403
    client.force_login(w["other"])
    assert client.get(reverse("learning:group", args=[slug, group.pk])).status_code == 404


def test_erasure_leaves_approved_lessons_without_their_author(group_world):
    from samenspel.core.services import erase_person, export_personal_data
    from samenspel.learning.models import Lesson

    w = group_world
    group = services.form_group(
        w["facilitator"], w["provincie"], "Raad", "raad", [w["anna"], w["bert"]]
    )
    session = services.schedule_session(w["facilitator"], group, timezone.now(), "Arnhem")
    note = {"kind": "succes", "text": "Samen optrekken."}
    waiting = services.write_session_note(w["facilitator"], session, w["anna"], note, ["raad"])
    approved = services.write_session_note(w["facilitator"], session, w["anna"], note, ["raad"])
    services.approve_lesson(w["anna"], approved)
    exported = export_personal_data(w["anna"])
    assert len(exported["learning"]["lessons"]) == 2
    erase_person(w["anna"])
    assert not Lesson.objects.filter(pk=waiting.pk).exists()
    assert Lesson.objects.get(pk=approved.pk).author is None
    assert list(group.members.all()) == [w["bert"]]
