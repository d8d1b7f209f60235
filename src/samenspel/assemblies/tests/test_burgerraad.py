# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
import zipfile
from datetime import timedelta

import highspy
import numpy as np
import pytest
import time_machine
from django.urls import reverse

from samenspel.assemblies import services
from samenspel.assemblies.forms import BurgerraadForm, ResponseForm
from samenspel.assemblies.models import Respondent, Status
from samenspel.assemblies.tasks import prepare_draw
from samenspel.people.models import Role
from samenspel.reach.services import Redemption
from samenspel.testing import (
    make_burgerraad,
    make_drawn_burgerraad,
    make_gemeente,
    make_pool,
    make_traject,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    return make_user(Role.AMBTENAAR, make_gemeente())


@pytest.fixture
def traject(official):
    return make_traject(official.memberships.get().gemeente, user=official)


def _letter(n: int) -> Redemption:
    return Redemption(use_id=0, code_id=n, invitation_id=n, address_hash=f"h{n}", stratum="")


ANSWER = {
    "name": "Fatima Bakker",
    "email": "fatima@voorbeeld.nl",
    "phone": "",
    "available": ["2027-03-06"],
    "needs": [],
    "needs_note": "",
}


def test_quotas_follow_the_population(official, traject):
    burgerraad = make_burgerraad(traject, user=official, seats=20, features=["age_band", "gender"])
    rows = services.quotas(burgerraad)
    ages = [r for r in rows if r.feature == "age_band"]
    assert abs(sum(r.expected for r in ages) - 20) < 1e-9
    for row in ages:
        assert row.min <= row.expected <= row.max
    other = next(r for r in rows if r.value == "anders")
    assert (other.min, other.max) == (0, 2)
    # The promise is on the trajectory's timeline.
    assert "De raad reageert" in str(list(traject.events.values_list("params", flat=True)))


def test_one_answer_per_household_and_none_after_the_freeze(official, traject):
    burgerraad = make_burgerraad(traject, user=official)
    values = {"values": {"age_band": "25-44", "gender": "vrouw"}}
    services.respond(burgerraad, _letter(1), None, {**ANSWER, **values})
    with pytest.raises(services.AlreadyAnswered):
        services.respond(burgerraad, _letter(1), None, {**ANSWER, **values})
    make_pool(burgerraad, 30)
    services.start_preparation(official, burgerraad)
    with pytest.raises(services.PoolClosed):
        services.respond(burgerraad, _letter(2), None, {**ANSWER, **values})


def test_pool_report_names_the_conflicting_quotas(official, traject):
    burgerraad = make_burgerraad(traject, user=official, seats=20, features=["age_band"])
    make_pool(burgerraad, 40)
    burgerraad.respondents.filter(values__age_band="15-24").update(values={"age_band": "65+"})
    report = services.pool_report(burgerraad)
    assert not report["feasible"]
    (relaxed,) = report["relaxations"]
    assert relaxed["quota"].value == "15-24" and relaxed["min"] == 0
    with pytest.raises(services.DrawError):
        services.start_preparation(official, burgerraad)


def test_drawn_panel_meets_every_quota(official, traject):
    burgerraad = make_drawn_burgerraad(
        traject, user=official, seats=8, features=["age_band", "gender", "education"]
    )
    draw = burgerraad.draw
    assert all(row["met"] for row in services.panel_composition(draw))
    members = services.members(draw)
    assert len(members) == 8 and all(m.status == Status.MEMBER for m in members)
    assert json.loads(draw.published)["panels"] == draw.record["panels"]


def _exhaustive_leximin(features, quotas, k):
    """LEXIMIN over every feasible panel of a tiny pool, stage by stage with HiGHS."""
    n = len(features)
    panels = [
        p
        for p in itertools.combinations(range(n), k)
        if all(lo <= sum(features[i] == v for i in p) <= hi for v, lo, hi in quotas)
    ]
    member = np.array([[i in p for p in panels] for i in range(n)], dtype=float)
    fixed: dict[int, float] = {}
    while len(fixed) < n:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        j = len(panels)
        h.addVars(j + 1, np.zeros(j + 1), np.append(np.ones(j), 1.0))
        h.changeColCost(j, -1.0)
        h.addRow(1, 1, j, np.arange(j, dtype=np.int32), np.ones(j))
        for i in range(n):
            if i in fixed:
                h.addRow(fixed[i] - 1e-9, 1, j, np.arange(j, dtype=np.int32), member[i])
            else:
                idx = np.arange(j + 1, dtype=np.int32)
                h.addRow(0, highspy.kHighsInf, j + 1, idx, np.append(member[i], -1.0))
        h.run()
        value = h.getInfo().objective_function_value * -1
        # Fix everyone who cannot rise above the value (probe each one).
        for i in [i for i in range(n) if i not in fixed]:
            probe = highspy.Highs()
            probe.setOptionValue("output_flag", False)
            probe.addVars(j, np.zeros(j), np.ones(j))
            probe.changeColsCost(j, np.arange(j, dtype=np.int32), -member[i])
            probe.addRow(1, 1, j, np.arange(j, dtype=np.int32), np.ones(j))
            for other in range(n):
                low = fixed.get(other, value if other not in fixed else 0)
                probe.addRow(low - 1e-9, 1, j, np.arange(j, dtype=np.int32), member[other])
            probe.run()
            if -probe.getInfo().objective_function_value <= value + 1e-7:
                fixed[i] = value
    return [fixed[i] for i in range(n)]


def test_published_probabilities_are_the_exhaustive_leximin(official, traject):
    burgerraad = make_burgerraad(traject, user=official, seats=3, features=["gender"])
    values = ["man"] * 2 + ["vrouw"] * 5 + ["anders"]
    for i, value in enumerate(values):
        services.respond(burgerraad, _letter(i), None, {**ANSWER, "values": {"gender": value}})
    work = services.start_preparation(official, burgerraad)
    prepare_draw.call(work.pk, burgerraad.draw.pk)
    burgerraad.draw.refresh_from_db()
    quotas = [(q.value, q.min, q.max) for q in services.quotas(burgerraad)]
    expected = _exhaustive_leximin(values, quotas, 3)
    assert burgerraad.draw.probabilities == pytest.approx(expected, abs=1e-6)


def _zip_from_public_page(client, burgerraad) -> zipfile.ZipFile:
    page = client.get(reverse("assemblies:draw", args=[burgerraad.gemeente.slug, burgerraad.pk]))
    url = reverse("assemblies:verification", args=[burgerraad.gemeente.slug, burgerraad.pk])
    assert url in page.content.decode()
    return zipfile.ZipFile(io.BytesIO(client.get(url).content))


def _run_readme_command(folder) -> subprocess.CompletedProcess:
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    (command,) = [line.strip() for line in readme.splitlines() if "sortition verify" in line]
    assert command.startswith("samenspel sortition verify --people people.csv")
    executable = [sys.executable, "-m", "samenspel.cli"]
    return subprocess.run(
        [*executable, *command.split()[1:]],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_anyone_can_check_the_demo_draw(client, tmp_path):
    from samenspel.demo.assemblies import load

    gemeente = make_gemeente("Amersfoort")
    gemeente.cbs_code = "GM0307"
    gemeente.save(update_fields=["cbs_code"])
    official = make_user(Role.AMBTENAAR, gemeente)
    load(official, make_traject(gemeente, user=official, phase="participatie"))
    burgerraad = services.Burgerraad.objects.get()
    archive = _zip_from_public_page(client, burgerraad)
    assert sorted(archive.namelist()) == [
        "README.txt",
        "categories.csv",
        "panels.json",
        "people.csv",
        "record.json",
    ]
    archive.extractall(tmp_path)
    result = _run_readme_command(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "confirmed" in result.stdout
    # One feature value changed: the check fails and says why.
    people = (tmp_path / "people.csv").read_text().splitlines()
    first = people[1].split(",")
    first[1] = "65+" if first[1] != "65+" else "15-24"
    people[1] = ",".join(first)
    (tmp_path / "people.csv").write_text("\n".join(people) + "\n")
    result = _run_readme_command(tmp_path)
    assert result.returncode != 0
    assert f"person 1: age_band is '{first[1]}'" in result.stdout  # the cause, named


def test_replacement_keeps_the_quotas_and_follows_the_published_rule(official, traject, tmp_path):
    burgerraad = make_drawn_burgerraad(
        traject, user=official, seats=8, features=["age_band", "gender", "education"]
    )
    draw = burgerraad.draw
    leaving = services.members(draw)[0]
    replacement = services.withdraw(official, leaving)
    leaving.refresh_from_db()
    assert leaving.status == Status.WITHDRAWN
    assert all(row["met"] for row in services.panel_composition(draw))
    assert str(leaving.number) not in services.seated(draw)
    archive = zipfile.ZipFile(io.BytesIO(services.verification_zip(draw)))
    archive.extractall(tmp_path)
    readme = (tmp_path / "README.txt").read_text()
    (command,) = [line.strip() for line in readme.splitlines() if "sortition replace" in line]
    result = subprocess.run(
        [sys.executable, "-m", "samenspel.cli", *command.split()[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)["replacements"]
    assert made == [
        {
            "dropout": leaving.pseudonym,
            "replacement": replacement.replacement,
            "rank": replacement.rank,
        }
    ]


def test_public_pages_show_no_names_or_contacts(client, official, traject):
    burgerraad = make_drawn_burgerraad(traject, user=official, seats=6, size=30)
    draw = burgerraad.draw
    services.sign(official, draw, {"place": "Stadhuis", "present": "Griffier", "signed_by": "G."})
    slug, pk = burgerraad.gemeente.slug, burgerraad.pk
    public = [
        reverse("assemblies:detail", args=[slug, pk]),
        reverse("assemblies:draw", args=[slug, pk]),
        reverse("assemblies:panels", args=[slug, pk]),
    ]
    text = "".join(client.get(url).content.decode() for url in public)
    text += services.verification_zip(draw).decode("latin-1")
    for person in burgerraad.respondents.all():
        assert person.email not in text
        assert person.household not in text
    assert "Anna de Vries" not in text and "@voorbeeld.nl" not in text
    pdf = client.get(reverse("assemblies:report", args=[slug, pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_public_pool_hides_small_groups(official, traject):
    burgerraad = make_burgerraad(traject, user=official)
    make_pool(burgerraad, 9)
    assert services.public_pool(burgerraad)["total"] is None
    make_pool(burgerraad, 40, seed=2)
    for feature in services.public_pool(burgerraad)["features"]:
        assert all(count >= services.MIN_CELL for _label, count in feature["rows"])


def test_people_not_drawn_are_erased_after_the_period(official, traject):
    burgerraad = make_drawn_burgerraad(traject, user=official, seats=6, size=30)
    drawn_at = burgerraad.draw.drawn_at
    with time_machine.travel(drawn_at + timedelta(days=29), tick=False):
        assert services.erase_expired() == 0
    with time_machine.travel(drawn_at + timedelta(days=31), tick=False):
        erased = services.erase_expired()
    assert erased == 30 - 6
    for person in burgerraad.respondents.all():
        if person.status == Status.MEMBER:
            assert person.name and person.erased_at is None
        else:
            assert (person.name, person.email, person.available) == ("", "", [])
            assert person.values and person.number  # the anonymised record stays
    # The record can still be checked after the erasure.
    assert services.verification_zip(burgerraad.draw)


def test_avg_export_and_erase(official, traject):
    burgerraad = make_burgerraad(traject, user=official)
    resident = make_user()
    services.respond(
        burgerraad, _letter(1), resident, {**ANSWER, "values": {"age_band": "65+", "gender": "man"}}
    )
    manifest = burgerraad.use.manifest
    (row,) = manifest.avg_export(resident)
    assert row["naam"] == "Fatima Bakker"
    assert manifest.avg_erase(resident) == 1
    assert Respondent.objects.get().name == ""


def test_a_member_confirms_the_seat_with_the_link(client, official, traject):
    burgerraad = make_drawn_burgerraad(traject, user=official, seats=6, size=30)
    member = services.members(burgerraad.draw)[0]
    link = services.confirm_link(member)
    page = client.get(link)
    assert "Ik bevestig mijn zetel" in page.content.decode()
    client.post(link)
    member.refresh_from_db()
    assert member.confirmed_at is not None
    assert "bevestigd" in client.get(link).content.decode()
    # A second link replaces the first; a made-up one finds nothing.
    assert client.get(link.replace(link.rstrip("/").rsplit("/", 1)[1], "x" * 32)).status_code == 404


def test_the_response_form_needs_the_letter_and_takes_its_wijk(client, official, traject):
    burgerraad = make_burgerraad(traject, user=official, features=["age_band", "area"])
    url = reverse("assemblies:respond", args=[burgerraad.gemeente.slug, burgerraad.pk])
    assert "Typ eerst de persoonlijke code" in client.get(url).content.decode()
    form = ResponseForm(burgerraad=burgerraad, stratum="WK030703")
    assert form.fields["feature_area"].initial == "WK030703"
    assert ("WK030703", "Soesterkwartier") in form.fields["feature_area"].choices


def test_a_question_of_the_municipalitys_own_is_stratified_on(official, traject):
    data = {
        "title": "Burgerraad",
        "phase": traject.phase,
        "question": "Hoe wonen we straks?",
        "mandate": "Advies.",
        "promise": "Reactie binnen drie maanden.",
        "seats": "10",
        "compensation": "€ 50",
        "tolerance": "1",
        "panels": "20",
        "erase_after_days": "30",
        "dates": "2027-03-06",
        "features": ["gender"],
        "extra": "Wat vindt u van bouwen aan de rand van de stad?\nVoor = 2-6\nTegen = 2-6\n"
        "Weet niet = 0-4",
    }
    form = BurgerraadForm(data, traject=traject)
    assert form.is_valid(), form.errors
    saved = form.data_for_save()
    assert saved["features"] == ["gender", "extra"]
    burgerraad = services.create_burgerraad(official, traject, traject.phase, "B", saved)
    extra = [q for q in services.quotas(burgerraad) if q.feature == "extra"]
    assert [(q.value, q.min, q.max) for q in extra] == [
        ("Voor", 2, 6),
        ("Tegen", 2, 6),
        ("Weet niet", 0, 4),
    ]
    answer = ResponseForm(burgerraad=burgerraad)
    assert answer.fields["feature_extra"].label.startswith("Wat vindt u van bouwen")
    bad = BurgerraadForm({**data, "extra": "Vraag?\nVoor = veel"}, traject=traject)
    assert "Schrijf elk antwoord" in str(bad.errors["extra"])
