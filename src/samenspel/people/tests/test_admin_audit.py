"""Viewing a person's record in the admin is personal-data access: it is audited."""

import pytest
from django.urls import reverse

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user

pytestmark = pytest.mark.django_db


def test_admin_view_of_a_person_is_audited(client, settings):
    from samenspel.core.models import AuditEvent
    from samenspel.people.models import User

    settings.SAMENSPEL_REQUIRE_STAFF_MFA = False
    admin = User.objects.create_superuser("beheer@example.org", "x")
    person = make_user(Role.INWONER, make_gemeente())
    client.force_login(admin)
    assert client.get(reverse("admin:people_user_change", args=[person.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        object_id=str(person.pk), action="view", personal_data=True, actor=admin
    ).exists()
