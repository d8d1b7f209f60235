# SPDX-License-Identifier: EUPL-1.2
"""The decision aid in the platform: kader versions, stored and reproducible advice, choices."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from samenspel.advice import services
from samenspel.advice.models import Advies, KaderVersie
from samenspel.engines.advice import MAX_KADER_CHARS, InvalidKader, default_kader_text
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories.services import add_ankerpunt

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    gemeente = make_gemeente("Zeist")
    return {
        "gemeente": gemeente,
        "ambtenaar": make_user(Role.AMBTENAAR, gemeente),
        "traject": make_traject(gemeente, initiator="college", dossiers="klimaat, wonen"),
    }


def test_prefill_takes_what_the_trajectory_already_says(setting):
    traject = setting["traject"]
    add_ankerpunt(setting["ambtenaar"], traject, {"text": "Anker", "set_on": "2026-01-01"})
    assert services.prefill(traject) == {
        "initiator": "gemeente",
        "domein": "fysiek",
        "dossiers": ["klimaat", "wonen"],
        "ankerpunten_gesteld": "ja",
    }


def test_advice_is_stored_with_kader_version_and_answers_and_reproduces(setting):
    answers = {**services.prefill(setting["traject"]), "kennis_benutten": 5, "betrekken": 4}
    advies = services.give_advice(setting["ambtenaar"], setting["traject"], answers)
    assert advies.kader.gemeente is None and advies.answers["kennis_benutten"] == 5
    # Hard rule (docs/domain.md §2.3): on klimaat the stance stays at most stimuleren.
    assert advies.stance in {"reguleren", "regisseren", "stimuleren"}
    assert services.reproduce(advies) == advies.result


def test_each_saved_kader_is_a_new_version_and_old_advice_keeps_its_own(setting):
    gemeente, traject, user = setting["gemeente"], setting["traject"], setting["ambtenaar"]
    first = services.give_advice(user, traject, {"kracht": 3})
    text = default_kader_text().replace("instrument_fit_bonus: 2", "instrument_fit_bonus: 3")
    v1 = services.save_kader(user, gemeente, text, "bonus 3")
    v2 = services.save_kader(user, gemeente, default_kader_text(), "terug")
    assert (v1.number, v2.number) == (1, 2)
    assert services.current_kader(gemeente) == v2
    first.refresh_from_db()
    assert first.kader.gemeente is None and services.reproduce(first) == first.result


@pytest.mark.parametrize(
    ("broken", "place"),
    [
        ("instrument_fit_bonus: 2", "instrument_fit_bonus: twee"),
        ("    min: 1\n    max: 5\n    monotone: true", "    min: 1\n    max: 5\n    monotone: ja"),
    ],
)
def test_malformed_kader_upload_is_refused_naming_the_place(
    setting, client, no_staff_mfa, broken, place
):
    text = default_kader_text().replace(broken, place, 1)
    with pytest.raises(InvalidKader):
        services.save_kader(setting["ambtenaar"], setting["gemeente"], text)
    client.force_login(setting["ambtenaar"])
    url = reverse("advice:kader_edit", args=[setting["gemeente"].slug])
    response = client.post(
        url,
        {"note": "kapot", "source": "", "upload": SimpleUploadedFile("kader.yaml", text.encode())},
    )
    assert response.status_code == 200
    assert 'id="id_upload_error"' in response.content.decode()
    assert not KaderVersie.objects.filter(gemeente=setting["gemeente"]).exists()


def test_deviating_needs_a_reason(setting, client, no_staff_mfa):
    traject = setting["traject"]
    advies = services.give_advice(setting["ambtenaar"], traject, {"kracht": 3})
    client.force_login(setting["ambtenaar"])
    url = reverse("advice:choose", args=[traject.gemeente.slug, traject.pk])
    other = "meebeslissen" if advies.rung != "meebeslissen" else "informeren"
    response = client.post(
        url, {"chosen_rung": other, "chosen_stance": advies.stance, "deviation_reason": ""}
    )
    assert 'id="id_deviation_reason_error"' in response.content.decode()
    assert Advies.objects.get().chosen_rung == ""
    client.post(
        url,
        {
            "chosen_rung": other,
            "chosen_stance": advies.stance,
            "deviation_reason": "De raad wil meer ruimte geven.",
        },
    )
    advies.refresh_from_db()
    assert (advies.chosen_rung, advies.deviation_reason) == (
        other,
        "De raad wil meer ruimte geven.",
    )
    assert services.overview(traject.gemeente) == [
        {"traject__domein": "fysiek", "advised": 1, "chosen": 1, "followed": 0}
    ]


def test_questionnaire_walks_its_steps_and_stores_the_advice(setting, client, no_staff_mfa):
    traject = setting["traject"]
    client.force_login(setting["ambtenaar"])
    url = reverse("advice:questionnaire", args=[traject.gemeente.slug, traject.pk])
    kader = services.engine_kader(services.current_kader(traject.gemeente))
    steps = services.steps(kader, "gemeente")
    assert len(steps) > 1
    for number in range(1, len(steps) + 1):
        response = client.post(f"{url}?stap={number}", {})
        assert response.status_code == 302, (number, response.context["form"].errors)
    assert response.headers["Location"].endswith("/advies/")
    assert Advies.objects.get().answers["initiator"] == "gemeente"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        # 80 KB of nested brackets crashed the worker (SIGSEGV in the YAML C loader).
        ("[" * 40_000 + "]" * 40_000, "te diep genest"),
        # A 128 KB list took 75 s to validate and answered with a 5 MB page.
        ("questions: [" + ",".join(["1"] * 64_000) + "]", "hoogstens 50 items"),
        ("x: " + "y" * 300_000, "groter dan 256 KB"),
    ],
    ids=["nesting", "long-list", "too-large"],
)
def test_a_hostile_kader_upload_gets_a_short_answer_next_to_the_field(
    setting, client, no_staff_mfa, text, error
):
    client.force_login(setting["ambtenaar"])
    url = reverse("advice:kader_edit", args=[setting["gemeente"].slug])
    upload = SimpleUploadedFile("kader.yaml", text.encode())
    response = client.post(url, {"note": "aanval", "source": "", "upload": upload})
    page = response.content.decode()
    assert response.status_code == 200 and len(page) < 60_000
    assert error in page.split('id="id_upload_error"')[1].split("</div>")[0]
    assert not KaderVersie.objects.filter(gemeente=setting["gemeente"]).exists()


def test_the_stored_kader_text_is_bounded(setting):
    """A version's source is at most the size the engine accepts, also in the database."""
    version = services.save_kader(setting["ambtenaar"], setting["gemeente"], default_kader_text())
    version.pk, version.number = None, 2
    version.source = "#" * (MAX_KADER_CHARS + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        version.save()
