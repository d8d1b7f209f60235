# SPDX-License-Identifier: EUPL-1.2
"""One instrument use: its organisers, its actions, its settings page and the phase hook."""

import logging
from dataclasses import replace

import pytest
from django.urls import reverse

from samenspel.core.models import AuditEvent
from samenspel.instruments import services
from samenspel.instruments.manifest import CODE, DECLARED, DIGID
from samenspel.people.models import Membership, Role
from samenspel.people.services import declare_residence, grant_assurance
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.services import change_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    gemeente = make_gemeente()
    creator = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=creator)
    use = make_bijeenkomst(traject, user=creator).use
    return {"gemeente": gemeente, "creator": creator, "traject": traject, "use": use}


def test_the_creator_organises_and_other_officials_do_not(world):
    use, creator = world["use"], world["creator"]
    colleague = make_user(Role.AMBTENAAR, world["gemeente"])
    assert [o.user for o in services.organisers(use)] == [creator]
    assert services.allowed(creator, use, "manage")
    assert not services.allowed(colleague, use, "manage")
    assert services.allowed(colleague, use, "register")  # any member of the municipality


def test_organisers_named_by_an_organiser_or_the_griffie(world):
    use, creator = world["use"], world["creator"]
    griffier = make_user(Role.GRIFFIER, world["gemeente"])
    colleague = make_user(Role.AMBTENAAR, world["gemeente"])
    assert griffier.has_perm("instruments.manage_organisers", use)
    assert not griffier.has_perm("instruments.organise", use)
    assert list(services.organiser_candidates(use)) == sorted(
        [griffier, colleague], key=lambda u: u.name
    )
    services.add_organiser(griffier, use, colleague)
    assert services.allowed(colleague, use, "manage")
    assert AuditEvent.objects.filter(action="permission", object_id=str(use.pk)).count() == 1
    services.remove_organiser(colleague, use, creator)
    assert not services.allowed(creator, use, "manage")


def test_only_staff_of_the_municipality_organise(world):
    use = world["use"]
    with pytest.raises(services.OrganiserError):
        services.add_organiser(world["creator"], use, make_user(Role.INWONER, world["gemeente"]))
    with pytest.raises(services.OrganiserError):
        services.add_organiser(world["creator"], use, make_user(Role.AMBTENAAR, make_gemeente()))


def test_the_last_organiser_stays(world):
    with pytest.raises(services.OrganiserError):
        services.remove_organiser(world["creator"], world["use"], world["creator"])


def test_an_organiser_who_leaves_the_municipality_loses_the_use(world):
    use, creator = world["use"], world["creator"]
    Membership.objects.filter(user=creator).delete()
    for attr in ("_samenspel_roles", "_samenspel_organised_uses"):
        creator.__dict__.pop(attr, None)
    assert not services.allowed(creator, use, "manage")


def test_an_action_checks_the_assurance_level_in_the_uses_municipality_and_scope(
    world, monkeypatch
):
    use = world["use"]
    elsewhere = make_gemeente()
    person = make_user()
    assert not services.has_assurance(person, use, DECLARED)
    grant_assurance(person, elsewhere, CODE)  # another municipality does not count
    assert not services.has_assurance(person, use, DECLARED)
    declare_residence(person, world["gemeente"])
    assert services.has_assurance(person, use, DECLARED)
    assert not services.has_assurance(person, use, CODE)
    grant_assurance(person, world["gemeente"], CODE, scope="use:other")
    assert not services.has_assurance(person, use, CODE)
    grant_assurance(person, world["gemeente"], CODE, scope=services.assurance_scope(use))
    assert services.has_assurance(person, use, CODE)
    assert not services.has_assurance(person, use, DIGID)
    newcomer = make_user()
    declare_residence(newcomer, world["gemeente"])
    assert services.allowed(newcomer, use, "register")
    manifest = use.manifest
    binding = tuple(
        replace(a, assurance=CODE) if a.key == "register" else a for a in manifest.actions
    )
    monkeypatch.setitem(
        services.registry._manifests, "bijeenkomst", replace(manifest, actions=binding)
    )
    assert not services.allowed(newcomer, use, "register")
    assert services.allowed(person, use, "register")  # a code for this very use


def test_organisers_page_adds_and_removes(client, world, no_staff_mfa):
    use, creator = world["use"], world["creator"]
    colleague = make_user(Role.AMBTENAAR, world["gemeente"])
    url = reverse("instruments:organisers", args=[world["gemeente"].slug, use.pk])
    client.force_login(creator)
    page = client.get(url).content.decode()
    assert colleague.email in page and "Organisatoren" in page
    response = client.post(url, {"user": colleague.pk})
    assert response.status_code == 302
    assert {o.user for o in services.organisers(use)} == {creator, colleague}
    mine = use.organisers.get(user=creator)
    response = client.post(url, {"remove": mine.pk}, follow=True)
    assert response.redirect_chain[-1][0] == use.get_absolute_url()  # no longer organiser
    assert [o.user for o in services.organisers(use)] == [colleague]
    client.force_login(colleague)
    response = client.post(url, {"remove": use.organisers.get().pk}, follow=True)
    assert "ten minste één organisator" in response.content.decode()
    assert client.post(url, {"remove": "99999999999999999999"}).status_code == 302
    assert client.post(url, {"user": "²"}).status_code == 200


def test_settings_page_saves_global_and_phase_settings(client, world, no_staff_mfa):
    use = world["use"]
    url = reverse("instruments:settings", args=[world["gemeente"].slug, use.pk])
    client.force_login(world["creator"])
    page = client.get(url).content.decode()
    assert "Aanmelden is open" in page and "(huidige fase)" in page
    data = {
        "algemeen-show_places_left": "on",
        "algemeen-close_hours_before": "400",
        "algemeen-practical_info": "Neem een pen mee.",
    }
    data |= {f"{phase}-registration_open": "on" for phase in ("verkenning", "participatie")}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde hoogstens 336 is." in response.content.decode()
    response = client.post(url, {**data, "algemeen-close_hours_before": "24"})
    assert response.status_code == 302
    use.refresh_from_db()
    assert use.settings.close_hours_before == 24
    assert use.settings.practical_info == "Neem een pen mee."
    assert use.settings_in("participatie").registration_open
    assert not use.settings_in("kaderstelling").registration_open


def _hook_that_fails(use, old, new):
    raise RuntimeError("kapot")


def test_phase_change_calls_each_hook_after_commit(
    world, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    traject, creator = world["traject"], world["creator"]
    second = make_bijeenkomst(traject, user=creator).use
    calls = []
    manifest = world["use"].manifest
    first_pk = world["use"].pk

    def hook(use, old, new):
        calls.append((use.pk, old, new))
        if use.pk == first_pk:
            _hook_that_fails(use, old, new)

    monkeypatch.setitem(
        services.registry._manifests, "bijeenkomst", replace(manifest, on_phase_change=hook)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change_phase(creator, traject, "kaderstelling", "Tijd voor de raad.")
    assert calls == []  # nothing before the phase change commits
    with caplog.at_level(logging.ERROR):
        for callback in callbacks:
            callback()
    assert calls == [
        (first_pk, "verkenning", "kaderstelling"),
        (second.pk, "verkenning", "kaderstelling"),
    ]
    assert "Phase change hook of bijeenkomst" in caplog.text
