# SPDX-License-Identifier: EUPL-1.2
"""Letters with personal codes in Chromium, axe-checked on every page: an official uploads an
address file (a bad one first), draws 500 addresses by wijk, makes the letters with progress,
downloads the PDF and finds a distinct code in every letter; a resident redeems one at /code/,
the same code is refused, and after 20 wrong codes even a valid one is refused until later;
the reach report; a lost letter sent again; the municipality's periods; a resident who wants no
more letters."""

import io
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect
from pypdf import PdfReader

from samenspel.engines.sampling import synthetic_address_file
from samenspel.people.models import Role
from samenspel.reach.models import Invitation
from samenspel.reach.services import wijk_population
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")
CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}")


def test_letters_from_upload_to_code(live_server, login_as, page, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    gemeente = make_gemeente("Amersfoort", inhabitants=160_000)
    gemeente.cbs_code = "GM0307"
    gemeente.save()
    official = make_user(Role.AMBTENAAR, gemeente)
    TOTP.activate(official, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    traject = make_traject(gemeente, user=official, title="Burgerraad wonen")
    use = make_bijeenkomst(traject, user=official).use
    shares = {wijk: share for wijk, (share, _name) in wijk_population(gemeente).items()}
    base = live_server.url

    org = login_as(official)
    org.goto(base + use.get_absolute_url())
    org.get_by_role("link", name="Brieven en codes").click()
    axe.check(org)
    org.get_by_role("link", name="Adressenbestand uploaden").click()
    axe.check(org)
    org.fill("#id_name", "BAG-uittreksel")
    bad = b"straat;huisnummer;postcode;woonplaats\nKerkstraat;1;3811 AB;Amersfoort\nLaan;0;38;X\n"
    org.set_input_files("#id_file", {"name": "fout.csv", "mimeType": "text/csv", "buffer": bad})
    org.click("main button[type=submit]")
    expect(org.get_by_role("alert")).to_contain_text(re.compile("regel 3", re.IGNORECASE))
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "letters-upload-errors.png"), full_page=True)
    data = synthetic_address_file(shares, 3000, seed=7)
    org.fill("#id_name", "BAG-uittreksel")
    org.set_input_files("#id_file", {"name": "bag.csv", "mimeType": "text/csv", "buffer": data})
    org.click("main button[type=submit]")
    expect(org.locator("main")).to_contain_text("3000 regels")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "letters-address-file.png"), full_page=True)

    org.get_by_role("link", name="Steekproef trekken").click()
    axe.check(org)
    org.fill("#id_size", "500")
    org.select_option("#id_strata", "wijk")
    org.click("main button[type=submit]")
    expect(org.locator("main")).to_contain_text("Klaar")
    axe.check(org)
    org.get_by_role("link", name="Verder").click()
    expect(org.locator("main")).to_contain_text("Brieven per groep")
    org.fill("#id_signatory", "L. Bolsius")
    org.click("main form button[type=submit]")
    expect(org.locator("main")).to_contain_text("De tekst van de brief is opgeslagen.")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "letters-batch.png"), full_page=True)
    href = org.get_by_role("link", name="Voorbeeld van een brief (PDF)").get_attribute("href")
    assert org.request.get(base + href).body().startswith(b"%PDF")
    org.set_default_timeout(240_000)  # the test's task backend runs the work in the request
    org.get_by_role("button", name="Brieven maken").click()
    expect(org.locator("main")).to_contain_text("500 van 500", timeout=240_000)
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "letters-progress.png"), full_page=True)
    org.get_by_role("link", name="Verder").click()
    with org.expect_download() as download:
        org.get_by_role("link", name="De brieven downloaden (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    codes = [CODE.search(p.extract_text()).group() for p in reader.pages]
    assert len(codes) == len(set(codes)) == 500

    # A resident, without an account, types a code.
    page.goto(base + "/code/")
    axe.check(page)
    page.fill("#id_code", codes[0].lower().replace("-", " "))
    page.click("main button[type=submit]")
    expect(page).to_have_url(base + use.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Uw code is goedgekeurd.")
    page.goto(base + f"/code/{codes[0]}/")
    expect(page.locator("#id_code")).to_have_value(codes[0])
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Deze code is al gebruikt.")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "code-used.png"), full_page=True)
    for _n in range(19):
        page.fill("#id_code", "ABCD-EFGH-JKLM")
        page.click("main button[type=submit]")
        expect(page.locator("main")).to_contain_text("Deze code klopt niet.")
    page.fill("#id_code", codes[1])
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text(re.compile(r"na \d\d:\d\d uur opnieuw proberen"))
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "code-rate-limited.png"), full_page=True)

    # The reach report: a chart with a table beside it.
    org.get_by_role("link", name="Bereik van de brieven").click()
    expect(org.locator("main svg")).to_be_visible()
    expect(org.locator("main table")).to_contain_text("Codes gebruikt")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "letters-reach-report.png"), full_page=True)

    # A lost letter is sent again: a line without a letter is named, a line with one gives a
    # new letter whose code replaces the old one.
    org.go_back()
    org.get_by_role("link", name="Een brief opnieuw sturen").click()
    org.fill("#id_line", "99999")
    org.click("main button[type=submit]")
    expect(org.locator("main")).to_contain_text("Naar deze regel is in deze ronde geen brief")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "letters-reissue.png"), full_page=True)
    line = Invitation.objects.filter(batch__use=use).order_by("line").last().line
    org.fill("#id_line", str(line))
    with org.expect_download() as download:
        org.click("main button[type=submit]")
    again = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert CODE.search(again.pages[0].extract_text()).group() not in codes

    # The municipality's periods.
    org.goto(base + use.get_absolute_url())
    org.get_by_role("link", name="Brieven en codes").click()
    org.get_by_role("link", name="Termijnen voor brieven en adressenbestanden").click()
    org.fill("#id_code_valid_days", "3")
    org.click("main button[type=submit]")
    expect(org.locator("main")).to_contain_text("7")  # the field's minimum
    axe.check(org)
    org.fill("#id_code_valid_days", "90")
    org.click("main button[type=submit]")
    expect(org.locator("main")).to_contain_text("De termijnen voor brieven zijn opgeslagen.")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "letters-periods.png"), full_page=True)

    # A resident wants no more letters: linked from /code/, by address.
    page.goto(base + "/code/")
    page.get_by_role("link", name="Wilt u geen brieven zoals deze meer krijgen?").click()
    axe.check(page)
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Vul de code uit uw brief in, of vul uw adres in.")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "letters-opt-out-errors.png"), full_page=True)
    page.select_option("#id_gemeente", label="Amersfoort")
    page.fill("#id_postcode", "3811 ab")
    page.fill("#id_number", "12")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("U krijgt geen brieven meer")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "letters-opt-out.png"), full_page=True)
    org.goto(base + use.get_absolute_url())
    org.get_by_role("link", name="Brieven en codes").click()
    expect(org.locator("main")).to_contain_text("1 adres in deze gemeente wil geen brieven meer")
    assert not axe.violations, "\n\n".join(axe.violations)
