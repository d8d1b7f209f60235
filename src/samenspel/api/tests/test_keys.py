# SPDX-License-Identifier: EUPL-1.2
"""API keys: per municipality, with scopes, stored hashed, revocable, every use audited, rate
limited; a key creates a trajectory through the page's service, idempotently."""

import pytest
from django.urls import reverse

from samenspel.api.models import ApiKey
from samenspel.api.services import Scope, issue_key, revoke_key
from samenspel.core.models import AuditEvent
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user
from samenspel.trajectories.models import Traject

pytestmark = pytest.mark.django_db

NEW = {
    "titel": "Nieuw speelveld in de wijk",
    "omschrijving": "Uit het zaaksysteem.",
    "initiatiefnemer": "college",
    "domein": "fysiek",
}


@pytest.fixture
def gemeente():
    return make_gemeente()


@pytest.fixture
def token(gemeente):
    _key, token = issue_key(
        make_user(Role.AMBTENAAR, gemeente), gemeente, "Zaaksysteem", [Scope.TRAJECT_CREATE]
    )
    return token


def _post(client, token, body, **headers):
    return client.post(
        "/api/v1/trajecten",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


def test_a_key_creates_a_trajectory_in_its_own_municipality_and_is_audited(client, gemeente, token):
    response = _post(client, token, {**NEW, "gemeente": gemeente.slug})
    assert response.status_code == 201, response.content
    assert response["API-Version"] == "1.0.0"
    traject = Traject.objects.get(pk=response.json()["id"])
    assert traject.gemeente == gemeente and traject.title == NEW["titel"]
    assert traject.events.filter(kind="created").exists()  # the page's service: the timeline too
    use = AuditEvent.objects.get(
        action="create", object_id=str(traject.pk), actor_label__startswith="API key"
    )
    assert "Zaaksysteem" in use.actor_label
    assert ApiKey.objects.get().last_used is not None


def test_a_key_is_refused_in_another_municipality(client, gemeente, token):
    other = make_gemeente()
    response = _post(client, token, {**NEW, "gemeente": other.slug})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not Traject.objects.exists()
    assert AuditEvent.objects.filter(action="permission", detail__contains=other.slug).exists()


def test_a_revoked_key_is_refused(client, gemeente, token):
    revoke_key(None, ApiKey.objects.get())
    response = _post(client, token, {**NEW, "gemeente": gemeente.slug})
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert not Traject.objects.exists()


def test_no_key_wrong_key_or_no_scope_is_refused(client, gemeente, token):
    assert _post(client, "", {**NEW, "gemeente": gemeente.slug}).status_code == 401
    assert _post(client, token + "x", {**NEW, "gemeente": gemeente.slug}).status_code == 401
    _key, unscoped = issue_key(None, gemeente, "Alleen lezen", [])
    assert _post(client, unscoped, {**NEW, "gemeente": gemeente.slug}).status_code == 403
    assert not Traject.objects.exists()


def test_the_key_is_stored_hashed(gemeente, token):
    key = ApiKey.objects.get()
    secret = token.rsplit("_", 1)[1]
    assert secret not in key.secret_hash and token not in str(ApiKey.objects.values().get())


def test_a_retry_with_the_same_idempotency_key_makes_one_trajectory(client, gemeente, token):
    body = {**NEW, "gemeente": gemeente.slug}
    first = _post(client, token, body, **{"Idempotency-Key": "zaak-2026-0042"})
    again = _post(client, token, body, **{"Idempotency-Key": "zaak-2026-0042"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Traject.objects.count() == 1
    assert _post(client, token, body, **{"Idempotency-Key": "zaak-2026-0043"}).status_code == 201
    assert Traject.objects.count() == 2


def test_invalid_data_is_a_problem_naming_the_field(client, gemeente, token):
    response = _post(client, token, {**NEW, "titel": "Kort", "gemeente": gemeente.slug})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["titel"]


def test_keys_are_rate_limited(client, gemeente, token, settings):
    settings.SAMENSPEL_API_RATES = {"read": 100, "key": 2}
    body = {**NEW, "titel": "", "gemeente": gemeente.slug}
    assert [_post(client, token, body).status_code for _ in range(3)] == [400, 400, 429]


def test_staff_make_and_revoke_keys_on_a_page(client, gemeente, no_staff_mfa):
    official = make_user(Role.AMBTENAAR, gemeente)
    client.force_login(official)
    page = reverse("apikeys:list", args=[gemeente.slug])
    response = client.post(page, {"name": "Zaaksysteem", "scopes": [Scope.TRAJECT_CREATE]})
    assert response.status_code == 302
    shown = client.get(page).content.decode()
    key = ApiKey.objects.get()
    assert f"sk_{key.prefix}_" in shown  # the token, shown once
    assert f"sk_{key.prefix}_" not in client.get(page).content.decode()
    client.post(reverse("apikeys:revoke", args=[gemeente.slug, key.pk]))
    key.refresh_from_db()
    assert not key.is_active
    assert AuditEvent.objects.filter(object_id=str(key.pk), detail__contains="revoked").exists()


def test_keys_of_another_municipality_cannot_be_revoked(client, gemeente, token, no_staff_mfa):
    client.force_login(make_user(Role.AMBTENAAR, make_gemeente()))
    key = ApiKey.objects.get()
    response = client.post(reverse("apikeys:revoke", args=[gemeente.slug, key.pk]))
    assert response.status_code == 403
    key.refresh_from_db()
    assert key.is_active
