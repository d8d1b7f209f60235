# SPDX-License-Identifier: EUPL-1.2
"""Panel members: joining with recorded consent, their own data, leaving, yearly upkeep."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenspel.panel import services
from samenspel.panel.models import ChangeKind, Member, PanelChange
from samenspel.people.models import Role
from samenspel.people.services import assurance_level
from samenspel.testing import (
    ZEIST_PROFILE,
    make_consultation,
    make_member,
    make_traject,
    make_user,
    make_zeist,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zeist():
    return make_zeist()


def test_joining_records_consent_and_declares_residence(client, zeist):
    user = make_user()
    client.force_login(user)
    url = reverse("panel:join", args=[zeist.slug])
    page = client.get(url)
    assert page.status_code == 200 and "Zeist-Noord" in page.content.decode()
    refused = client.post(url, ZEIST_PROFILE)
    assert "Zonder uw toestemming" in refused.content.decode()
    done = client.post(url, {**ZEIST_PROFILE, "consent": "on"})
    assert done.status_code == 302 and done["Location"] == reverse("panel:mine", args=[zeist.slug])
    member = Member.objects.get(user=user)
    assert member.attributes == ZEIST_PROFILE
    assert member.consent_purpose == services.panel_of(zeist).purpose
    assert member.consent_until > timezone.localdate() + timedelta(days=3 * 360)
    assert assurance_level(user, zeist) == "declared"
    assert PanelChange.objects.get().kind == ChangeKind.JOINED


def test_member_sees_changes_confirms_and_exports(client, zeist):
    member = make_member(zeist)
    client.force_login(member.user)
    mine = reverse("panel:mine", args=[zeist.slug])
    assert "45 tot 64 jaar" in client.get(mine).content.decode()
    client.post(mine, {**ZEIST_PROFILE, "age_band": "65+"})
    member.refresh_from_db()
    assert member.attributes["age_band"] == "65+"
    exported = json.loads(client.get(reverse("panel:export", args=[zeist.slug])).content)
    assert exported[0]["consent"]["purpose"] == member.consent_purpose
    assert exported[0]["gemeente"] == zeist.name


def test_leaving_erases_the_profile_and_keeps_answers_anonymously(client, zeist):
    member = make_member(zeist)
    consultation = make_consultation(make_traject(zeist), questions=("single",))
    invitation = services.Invitation.objects.create(
        consultation=consultation, member=member, invited=timezone.now()
    )
    question = consultation.questions.get()
    services.save_answers(invitation, {str(question.pk): "Ja"}, submit=True)
    client.force_login(member.user)
    client.post(reverse("panel:leave", args=[zeist.slug]))
    assert not Member.objects.exists()
    invitation.refresh_from_db()
    assert invitation.member is None
    response = consultation.responses.get()
    assert response.answers == {str(question.pk): "Ja"} and response.submitted
    assert services.invitation_for(invitation.pk, services.token(invitation.pk)) is None
    assert PanelChange.objects.filter(kind=ChangeKind.LEFT).count() == 1


def test_yearly_confirmation_and_retiring_silent_members(zeist, django_capture_on_commit_callbacks):
    now = timezone.now()
    old = make_member(zeist)
    Member.objects.filter(pk=old.pk).update(
        joined=now - timedelta(days=800), confirmed=now - timedelta(days=400)
    )
    fresh = make_member(zeist)
    consultation = make_consultation(make_traject(zeist))
    services.Invitation.objects.create(
        consultation=consultation, member=old, invited=now - timedelta(days=100)
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = services.upkeep(now)
    assert done == {"asked_to_confirm": 1, "retired": 1}
    assert list(Member.objects.all()) == [fresh]
    assert any("niet meer in het panel" in m.subject for m in mail.outbox)
    # Asked once a year, not every day (the daily command).
    out = StringIO()
    call_command("panel_upkeep", stdout=out)
    assert "0 member(s) asked to confirm, 0 retired." in out.getvalue()


def test_a_recruitment_letter_leads_to_the_join_form(client, zeist):
    from samenspel.instruments.services import code_landing
    from samenspel.reach.services import SESSION_KEY
    from samenspel.testing import make_redeemed_letter

    official = make_user(Role.AMBTENAAR, zeist)
    consultation = make_consultation(make_traject(zeist, user=official), user=official)
    assert code_landing(consultation.use.pk).startswith(reverse("panel:join", args=[zeist.slug]))
    user = make_user()
    code = make_redeemed_letter(user, consultation.use, timezone.localdate())
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = {str(consultation.use.pk): code.pk}
    session.save()
    url = code_landing(consultation.use.pk)
    assert "code uit onze brief" in client.get(url).content.decode()
    client.post(url, {**ZEIST_PROFILE, "consent": "on"})
    assert Member.objects.get(user=user).via_letter
