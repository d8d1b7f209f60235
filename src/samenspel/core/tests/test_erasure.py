# SPDX-License-Identifier: EUPL-1.2
"""After erasure no table holds the person's e-mail address or name (probe finding 1).

The person below has done everything Samenspel offers; afterwards every column of every table
(and every stored session) is searched for their addresses and name.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from samenspel.core.models import AuditEvent
from samenspel.core.services import pseudonym
from samenspel.meetings.services import register
from samenspel.people.models import Membership, Role, User
from samenspel.people.services import declare_organisation
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.models import Inbreng
from samenspel.trajectories.services import answer_inbreng, submit_inbreng

# Committed transactions: the task worker below runs as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "ilse.zonneveld@example.org"
OTHER_EMAIL = "ilse@thuis.example.org"
NAME = "Ilse Zonneveld-Çelik"


@task()
def remind(address: str, name: str) -> str:
    """A task that carries an address and a name, as mailing and reach tasks may."""
    return f"Reminder for {name} <{address}>"


def _as_text(value) -> str:
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode("utf-8", "replace")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _places_holding(*needles: str) -> set[str]:
    """Every table.column (and session) whose value contains one of the needles, as text or as
    JSON escapes it."""
    forms = {form.lower() for n in needles for form in (n, json.dumps(n)[1:-1])}
    hits = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _as_text(value).lower()
                    if any(form in text for form in forms):
                        hits.add(f"{table}.{column}")
            if table == "django_session":
                cursor.execute("SELECT session_data FROM django_session")
                for (data,) in cursor.fetchall():
                    decoded = _as_text(SessionStore().decode(data)).lower()
                    if any(form in decoded for form in forms):
                        hits.add("django_session (decoded)")
    return hits


def _resubmitted(page) -> dict:
    """The admin change form's data as shown, so that posting it saves the record unchanged."""
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


@pytest.fixture
def database_tasks(settings):
    """Tasks go through django-tasks' database backend, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run_worker():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    return run_worker


def test_erasure_leaves_no_address_or_name_in_any_table(client, database_tasks, no_staff_mfa):
    run_worker = database_tasks
    home, work = make_gemeente(), make_gemeente()
    traject = make_traject(home)
    ilse = make_user(Role.INWONER, home, email=EMAIL)
    ilse.name = NAME
    ilse.save()
    Membership.objects.create(user=ilse, role=Role.AMBTENAAR, gemeente=work)
    declare_organisation(ilse, work, NAME)  # the organisation she speaks for, by her name
    assert EmailAddress.objects.filter(user=ilse, email=EMAIL, verified=True).exists()
    EmailAddress.objects.create(user=ilse, email=OTHER_EMAIL, verified=False, primary=False)
    TOTP.activate(ilse, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    RecoveryCodes.activate(ilse)

    # As a resident: input that gets answered (a notification and a mail), a meeting.
    ambtenaar = make_user(Role.AMBTENAAR, home)
    inbreng = submit_inbreng(ilse, traject, "Meer speelplekken in de wijk.")
    register(ilse, make_bijeenkomst(traject))
    answer_inbreng(ambtenaar, inbreng, "overgenomen", "We leggen er twee aan.")
    # As an official elsewhere: she answers someone else's input (a mail to them).
    other = make_user(Role.INWONER, work)
    theirs = submit_inbreng(other, make_traject(work), "Een bankje.")
    answer_inbreng(ilse, theirs, "afgewezen", "Daar is geen plaats.")
    remind.enqueue(EMAIL, NAME)
    run_worker()  # these mails and tasks are finished ...
    assert sorted(m.to[0] for m in mail.outbox) == sorted([EMAIL, other.email])
    remind.enqueue(OTHER_EMAIL, NAME)  # ... this one still waits

    # Platform admins search for her, open and change her record.
    admin = Client()
    admin.force_login(User.objects.create_superuser("beheer@example.org", "x"))
    admin.get(reverse("admin:people_user_changelist"), {"q": EMAIL})
    admin.get(reverse("admin:people_user_changelist"), {"q": NAME})
    change_url = reverse("admin:people_user_change", args=[ilse.pk])
    saved = admin.post(change_url, _resubmitted(admin.get(change_url)))
    assert saved.status_code == 302, saved.context["errors"]

    # Another device stays logged in; a third one waits for a login code.
    Client().force_login(ilse)
    Client().post(reverse("account_request_login_code"), {"email": EMAIL})

    client.force_login(ilse)
    client.get(reverse("my_data") + "?download=1")
    assert _places_holding(EMAIL, OTHER_EMAIL, NAME), "the scenario should leave traces to erase"

    response = client.post(reverse("my_data"), {"confirm": EMAIL})
    assert response.status_code == 302

    assert _places_holding(EMAIL, OTHER_EMAIL, NAME) == set()
    assert not User.objects.filter(pk=ilse.pk).exists()
    # Her input stays public without its author; the audit trail keeps her actions together.
    assert Inbreng.objects.get(pk=inbreng.pk).author is None
    label = pseudonym(f"people.User:{ilse.pk}")
    own = AuditEvent.objects.filter(actor_label=label)
    assert {e.action for e in own} >= {"create", "change", "export", "erase"}
    assert AuditEvent.objects.filter(detail=f"admin list: q={label}").exists()
    # The tasks that carried her address are gone; the mails (queued by account id) are not.
    assert not DBTaskResult.objects.filter(task_path__endswith=".remind").exists()
    assert DBTaskResult.objects.filter(task_path__endswith=".send_notification_email").count() == 2
