# SPDX-License-Identifier: EUPL-1.2
"""Personal data opened in the admin is audited: records, lists, searches (probe finding 8)."""

import pytest
from django.urls import reverse

from samenspel.core.models import AuditEvent
from samenspel.people.models import Role, User
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories.services import submit_inbreng

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, no_staff_mfa):
    admin = User.objects.create_superuser("beheer@example.org", "x")
    client.force_login(admin)
    client.admin = admin
    return client


def _views(admin, **lookup):
    return AuditEvent.objects.filter(actor=admin, action="view", personal_data=True, **lookup)


def test_admin_view_of_a_person_is_audited(admin_client):
    person = make_user(Role.INWONER, make_gemeente())
    url = reverse("admin:people_user_change", args=[person.pk])
    assert admin_client.get(url).status_code == 200
    assert _views(admin_client.admin, object_type="people.User", object_id=str(person.pk)).exists()


def test_admin_user_list_and_search_are_audited(admin_client):
    make_user(Role.INWONER, make_gemeente(), email="ilse@example.org")
    url = reverse("admin:people_user_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "ilse"}).status_code == 200
    details = list(
        _views(admin_client.admin, object_type="people.User")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == ["admin list", "admin list: q=ilse"]


def test_admin_input_pages_are_audited(admin_client):
    gemeente = make_gemeente()
    author = make_user(Role.INWONER, gemeente)
    inbreng = submit_inbreng(author, make_traject(gemeente), "Meer bankjes in het park.")
    admin_client.get(reverse("admin:trajectories_inbreng_changelist"))
    admin_client.get(reverse("admin:trajectories_inbreng_change", args=[inbreng.pk]))
    admin_client.get(reverse("admin:trajectories_inbreng_history", args=[inbreng.pk]))
    seen = _views(admin_client.admin, object_type="trajectories.Inbreng").order_by("id")
    assert [(e.object_id, e.detail, e.gemeente) for e in seen] == [
        ("", "admin list", None),
        (str(inbreng.pk), "admin", gemeente),
        (str(inbreng.pk), "admin history", gemeente),
    ]


def test_reading_the_audit_log_is_audited(admin_client):
    assert admin_client.get(reverse("admin:core_auditevent_changelist")).status_code == 200
    assert _views(admin_client.admin, object_type="core.AuditEvent").exists()
