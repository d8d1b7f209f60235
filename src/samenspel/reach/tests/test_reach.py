# SPDX-License-Identifier: EUPL-1.2
"""Address files, samples, letters and codes through the reach app's services and pages."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from samenspel.core.models import AuditEvent, LongWork
from samenspel.engines.sampling import read_address_file, synthetic_address_file
from samenspel.instruments.services import has_assurance
from samenspel.people.models import Role
from samenspel.people.services import AssuranceLevel
from samenspel.reach import services
from samenspel.reach.models import AddressFile, Code, Invitation, OptOut, SealedFile
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.services import change_phase

pytestmark = pytest.mark.django_db

SHARES = {"WK999901": 0.5, "WK999902": 0.3, "WK999903": 0.2}
CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}")


@pytest.fixture
def world(no_staff_mfa):
    gemeente = make_gemeente()
    official = make_user(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=official)
    use = make_bijeenkomst(traject, user=official).use
    return {"gemeente": gemeente, "official": official, "traject": traject, "use": use}


def _upload(world, count=300):
    data = synthetic_address_file(SHARES, count, seed=1, place="Proefdorp")
    return services.upload(world["official"], world["use"], "Proef", data)


def _draw(world, address_file, size, strata="wijk", capture=None):
    with capture(execute=True):
        batch, work = services.start_draw(world["official"], address_file, size, strata)
    batch.refresh_from_db()
    return batch


def _letters(world, batch, capture):
    batch.signatory, batch.signatory_role = "A. Burgemeester", "burgemeester"
    batch.save()
    with capture(execute=True):
        work = services.start_letters(world["official"], batch)
    work.refresh_from_db()
    assert work.status == "done", work.error
    batch.refresh_from_db()
    return batch


def _first_letter(world, size, capture):
    """A batch of ``size`` letters made from a fresh upload, and the text of its first page."""
    batch = _letters(world, _draw(world, _upload(world), size, capture=capture), capture)
    pdf = services.letters_file(world["official"], batch, "pdf")
    return batch, PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_bad_file_names_every_row_and_keeps_nothing(world):
    data = b"straat;huisnummer;postcode;woonplaats\nKerkstraat;1;3811 AB;Amersfoort\n;x;1;A\n"
    result = services.upload(world["official"], world["use"], "Fout", data)
    assert isinstance(result, services.RejectedFile)
    assert any(e.line == 3 for e in result.errors)
    assert "regel 3" in result.errors[0].message().lower()
    assert not AddressFile.objects.exists() and not SealedFile.objects.exists()


def test_upload_is_encrypted_and_every_view_audited(world, client):
    address_file = _upload(world)
    assert address_file.rows == 300
    assert b"Kerkstraat" not in bytes(address_file.sealed.content)
    client.force_login(world["official"])
    url = reverse("reach:address_file", args=[world["gemeente"].slug, address_file.pk])
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="view", personal_data=True).count() == 1
    other = make_user(Role.AMBTENAAR, world["gemeente"])  # an official, but no organiser
    client.force_login(other)
    assert client.get(url).status_code == 403


def test_draw_is_seeded_stratified_and_skips_recent_invitations(
    world, django_capture_on_commit_callbacks
):
    address_file = _upload(world)
    batch = _draw(world, address_file, 100, capture=django_capture_on_commit_callbacks)
    assert sum(batch.per_stratum.values()) == 100
    lines = synthetic_address_file(SHARES, 300, seed=1, place="Proefdorp").decode().splitlines()
    in_file = {wijk: sum(f";{wijk};" in line for line in lines) for wijk in SHARES}
    for wijk, count in in_file.items():  # proportional to the file (largest remainder)
        assert abs(batch.per_stratum[wijk] - 100 * count / 300) < 1
    assert batch.invitations.count() == 100
    assert LongWork.objects.get(about__contains=f"reach.Batch:{batch.pk}").status == "done"
    # The same file again: the 100 invited addresses are left out (the municipality's period).
    again = _draw(world, address_file, 200, capture=django_capture_on_commit_callbacks)
    assert again.counts["recently_invited"] == 100
    first = set(batch.invitations.values_list("address_hash", flat=True))
    second = set(again.invitations.values_list("address_hash", flat=True))
    assert not first & second


def test_letters_codes_redeem_once_and_rate_limit(
    world, client, django_capture_on_commit_callbacks
):
    address_file = _upload(world)
    batch = _draw(world, address_file, 30, capture=django_capture_on_commit_callbacks)
    batch = _letters(world, batch, django_capture_on_commit_callbacks)
    pdf = services.letters_file(world["official"], batch, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    codes = CODE.findall(text)
    assert len(codes) == len(set(codes)) == 30
    assert Code.objects.filter(use=world["use"]).count() == 30
    assert not any(c.replace("-", "") in str(Code.objects.values_list()) for c in codes)
    csv = services.letters_file(world["official"], batch, "csv").decode("utf-8-sig")
    assert all(code in csv for code in codes)

    url = reverse("reach:code")
    response = client.post(url, {"code": codes[0].lower()})
    assert response.status_code == 302
    assert response["Location"] == world["use"].get_absolute_url()
    response = client.post(url, {"code": codes[0]})
    assert "al gebruikt" in response.content.decode()
    for _ in range(19):
        client.post(url, {"code": "AAAA-BBBB-CCCC"})
    response = client.post(url, {"code": codes[1]})
    assert response.status_code == 429
    assert "opnieuw proberen" in response.content.decode()
    assert AuditEvent.objects.filter(action="code_failed").count() == 21
    assert AuditEvent.objects.filter(action="code_redeemed").count() == 1


def test_reissue_revokes_the_old_code_and_account_records_redemption(
    world, client, django_capture_on_commit_callbacks
):
    batch, first_page = _first_letter(world, 10, django_capture_on_commit_callbacks)
    old = CODE.search(first_page).group()
    line = batch.invitations.order_by("line").first().line
    new_pdf = services.reissue(world["official"], batch, line)
    new = CODE.search(PdfReader(io.BytesIO(new_pdf)).pages[0].extract_text()).group()
    resident = make_user(Role.INWONER, world["gemeente"])
    with pytest.raises(services.CodeRefused, match="nieuwe brief"):
        services.redeem(resident, "10.0.0.9", old)
    assert not services.redeemed(resident, world["use"])
    assert services.redeem(resident, "10.0.0.9", new).use_id == world["use"].pk
    assert services.redeemed(resident, world["use"])
    assert has_assurance(resident, world["use"], AssuranceLevel.CODE)


def test_a_code_redeemed_without_account_is_claimed_at_login(
    world, client, django_capture_on_commit_callbacks
):
    batch, first_page = _first_letter(world, 10, django_capture_on_commit_callbacks)
    code = CODE.search(first_page).group()
    client.post(reverse("reach:code"), {"code": code})
    found = services.redemption(client.session, world["use"])
    invitation = batch.invitations.get(pk=found.invitation_id)
    assert (found.address_hash, found.stratum) == (invitation.address_hash, invitation.stratum)
    resident = make_user(Role.INWONER, world["gemeente"])
    assert not has_assurance(resident, world["use"], AssuranceLevel.CODE)
    client.force_login(resident)
    assert has_assurance(resident, world["use"], AssuranceLevel.CODE)
    assert services.redeemed(resident, world["use"])


def test_address_file_erased_after_retention(world, django_capture_on_commit_callbacks):
    address_file = _upload(world)
    batch = _draw(world, address_file, 10, capture=django_capture_on_commit_callbacks)
    _letters(world, batch, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(world["official"], world["traject"], "gestopt", "Klaar")
    address_file.refresh_from_db()
    assert address_file.closed_on == timezone.localdate()
    later = timezone.now() + timedelta(days=91)
    with time_machine.travel(later, tick=False):
        call_command("erase_address_files")
        assert SealedFile.objects.count() == 3
    with time_machine.travel(later + timedelta(days=1), tick=False):
        call_command("erase_address_files")
    assert SealedFile.objects.count() == 0
    address_file.refresh_from_db()
    assert address_file.erased is not None
    assert AuditEvent.objects.filter(action="erase", object_id=str(address_file.pk)).exists()
    assert Invitation.objects.count() == 10  # the counts of the reach report stay


def test_public_report_hides_small_cells(world, client, django_capture_on_commit_callbacks):
    address_file = _upload(world)
    batch = _draw(world, address_file, 40, capture=django_capture_on_commit_callbacks)
    _letters(world, batch, django_capture_on_commit_callbacks)
    public = services.report(batch, public=True)
    assert public["used"] is None and public["strata"] == []
    for code in Code.objects.all()[:25]:
        code.redeemed = timezone.now()
        code.save()
    public = services.report(batch, public=True)
    assert all(s["used"] >= 10 or s.get("merged") for s in public["strata"])
    full = services.report(batch)
    assert full["used"] == 25
    url = reverse("reach:report", args=[world["gemeente"].slug, batch.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"<svg" in response.content


def test_the_municipality_sets_its_periods(world, client):
    url = reverse("reach:policy", args=[world["gemeente"].slug])
    client.force_login(make_user(Role.INWONER, world["gemeente"]))
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.GRIFFIER, world["gemeente"]))
    data = {"retention_days": "800", "invitation_pause_days": "180", "code_valid_days": "60"}
    response = client.post(url, data)
    assert "730" in response.content.decode()  # the field says its maximum
    response = client.post(url, {**data, "retention_days": "30"})
    assert response.status_code == 302
    assert services.policy(world["gemeente"]).retention_days == 30


def test_opting_out_by_code_or_address_leaves_the_address_out_of_every_later_sample(
    world, client, django_capture_on_commit_callbacks
):
    batch, first_page = _first_letter(world, 10, django_capture_on_commit_callbacks)
    assert "/code/geen-brieven" in first_page  # the letter says where
    code = CODE.search(first_page).group()
    url = reverse("reach:opt_out")
    assert client.get(reverse("reach:code")).content.decode().count(url) == 1
    response = client.post(url, {"code": code})
    assert response.status_code == 302
    invited = {i.line: i.address_hash for i in batch.invitations.all()}
    data = synthetic_address_file(SHARES, 300, seed=1, place="Proefdorp")
    row = next(
        r for r in read_address_file(data, reference_year=None).rows if r.line not in invited
    )
    response = client.post(
        url,
        {
            "gemeente": world["gemeente"].pk,
            "postcode": row.postcode.replace(" ", "").lower(),
            "number": row.house_number,
            "letter": row.house_letter,
            "addition": row.addition,
        },
    )
    assert response.status_code == 302
    assert "geen brieven meer" in client.get(url).content.decode()
    stored = set(OptOut.objects.values_list("key_hash", flat=True))
    assert len(stored) == 2 and stored & set(invited.values())  # the letter's address hash
    assert AuditEvent.objects.filter(action="opt_out").count() == 2
    assert not any(row.postcode.replace(" ", "") in key for key in stored)

    # Another instrument of the municipality: both addresses are left out of its sample.
    other_traject = make_traject(world["gemeente"], user=world["official"], title="Panel")
    other = make_bijeenkomst(other_traject, user=world["official"]).use
    again = services.upload(world["official"], other, "Proef", data)
    later = _draw(world, again, 280, strata="", capture=django_capture_on_commit_callbacks)
    assert later.counts["opted_out"] == 2
    assert not stored & set(later.invitations.values_list("address_hash", flat=True))

    # Organisers see the number, nothing else.
    client.force_login(world["official"])
    overview = client.get(reverse("reach:overview", args=[world["gemeente"].slug, other.pk]))
    assert "2 adressen in deze gemeente" in overview.content.decode()


def test_opting_out_is_rate_limited_like_codes(world, client):
    url = reverse("reach:opt_out")
    address = {"gemeente": world["gemeente"].pk, "postcode": "3811 AB", "letter": ""}
    for number in range(1, 21):
        assert client.post(url, {**address, "number": number}).status_code == 302
    response = client.post(url, {**address, "number": 21})
    assert response.status_code == 429 and "opnieuw proberen" in response.content.decode()
    assert OptOut.objects.count() == 20
    response = client.post(url, {"postcode": "38"})
    assert "Vul een postcode in zoals 3811 AB." in response.content.decode()
    # A wrong code here counts against the same limit as at /code/.
    for _ in range(20):
        response = client.post(url, {"code": "AAAA-BBBB-CCCC"})
        assert "klopt niet" in response.content.decode()
    response = client.post(reverse("reach:code"), {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 429
