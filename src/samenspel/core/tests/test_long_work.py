# SPDX-License-Identifier: EUPL-1.2
"""Long work: a background task with a progress record that a page polls (htmx) or reloads."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from samenspel.core.models import LongWork
from samenspel.core.services import Progress, long_work, start_long_work
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SEEN: list[tuple[int, int, str]] = []


@task()
@long_work
def count_ballots(progress: Progress, ballots: int, fail: bool = False) -> dict:
    progress.begin(ballots, f"{ballots} stembiljetten")
    for _n in range(ballots):
        progress.step(message=_("in progress"))
        work = LongWork.objects.get(pk=progress.work_id)
        SEEN.append((work.done, work.total, work.status))
    if fail:
        raise RuntimeError("the count broke")
    return {"counted": ballots}


@pytest.fixture
def owner():
    return make_user(Role.AMBTENAAR, make_gemeente())


def _start(owner, *args):
    return start_long_work(count_ballots, *args, title="Telling", owner=owner, url="/terug/")


def test_the_record_follows_the_task(owner, django_capture_on_commit_callbacks):
    SEEN.clear()
    with django_capture_on_commit_callbacks(execute=True):
        work = _start(owner, 3)
    assert SEEN == [(1, 3, "running"), (2, 3, "running"), (3, 3, "running")]
    work.refresh_from_db()
    assert (work.status, work.done, work.total) == ("done", 3, 3)
    assert work.result == {"counted": 3} and work.message == "bezig"  # Dutch, for everyone
    assert work.task_id and work.started and work.finished


def test_a_failing_task_is_recorded_without_showing_the_error(
    client, owner, django_capture_on_commit_callbacks, no_staff_mfa
):
    with django_capture_on_commit_callbacks(execute=True):
        work = _start(owner, 2, True)
    work.refresh_from_db()
    assert work.status == "failed" and "the count broke" in work.error
    client.force_login(owner)
    page = client.get(reverse("long_work", args=[work.pk])).content.decode()
    assert "Er ging iets mis" in page and "the count broke" not in page


def test_only_who_started_it_sees_it(client, owner, no_staff_mfa):
    work = LongWork.objects.create(title="Loting", owner=owner)
    url = reverse("long_work", args=[work.pk])
    client.force_login(make_user(Role.AMBTENAAR, make_gemeente()))
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_the_page_polls_while_running_and_reloads_without_javascript(client, owner, no_staff_mfa):
    work = LongWork.objects.create(
        title="Loting", owner=owner, status="running", done=40, total=160, url="/terug/"
    )
    url = reverse("long_work", args=[work.pk])
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert '<progress max="100" value="25" aria-labelledby="werk-titel"' in page
    assert "40 van 160 klaar (25%)" in page
    assert f'href="{url}">Vernieuwen</a>' in page  # the way without JavaScript
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('<div id="voortgang"') and 'hx-trigger="every 2s"' in part
    assert "<html" not in part and 'href="/terug/"' not in part
    LongWork.objects.filter(pk=work.pk).update(status="done", done=160)
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in part and 'href="/terug/"' in part
    assert "Klaar" in part


@pytest.mark.django_db(transaction=True)
def test_the_record_works_with_the_database_backend(owner):
    with override_settings(TASKS=DB_TASKS):
        work = _start(owner, 4)
        work.refresh_from_db()
        assert work.status == "queued"
        assert DBTaskResult.objects.get(id=work.task_id).status == "READY"
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    work.refresh_from_db()
    assert (work.status, work.done, work.result) == ("done", 4, {"counted": 4})
    assert DBTaskResult.objects.get(id=work.task_id).status == "SUCCESSFUL"
