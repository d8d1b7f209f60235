# SPDX-License-Identifier: EUPL-1.2
"""Cross-cutting behaviour: audit log, security headers, Dutch error pages."""

import pytest
from django.urls import reverse

from samenspel.core.models import AppendOnlyError, AuditEvent
from samenspel.core.services import audit
from samenspel.municipalities.models import size_class_for
from samenspel.testing import make_gemeente

pytestmark = pytest.mark.django_db


def test_audit_log_is_append_only():
    event = audit(None, "view", detail="test")
    event.detail = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(detail="x")


@pytest.mark.parametrize(
    ("inhabitants", "expected"),
    [
        (29_500, "klein"),
        (30_000, "middelgroot"),
        (60_000, "middelgroot"),
        (60_001, "groot"),
    ],
)
def test_size_class_follows_domain_section_1(inhabitants, expected):
    assert size_class_for(inhabitants) == expected


def test_pages_send_a_content_security_policy(client):
    response = client.get(reverse("trajectories:home"))
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_error_pages_speak_dutch(client):
    make_gemeente()
    response = client.get("/gemeenten/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert '<html lang="nl"' in response.content.decode()


def test_english_on_request(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en"' in client.get("/").content.decode()
