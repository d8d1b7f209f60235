# SPDX-License-Identifier: EUPL-1.2
"""The kader edited through a form built from its structure; problems named at their place."""

import pytest
from django.urls import reverse
from django.utils import translation

from samenspel.advice import services
from samenspel.advice.forms import place
from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client, no_staff_mfa):
    gemeente = make_gemeente("Zeist")
    client.force_login(make_user(Role.AMBTENAAR, gemeente))
    url = reverse("advice:kader_form", args=[gemeente.slug])
    page = client.get(url)
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    return gemeente, url, data


def _rule(gemeente, rule_id: str) -> int:
    kader = services.engine_kader(services.current_kader(gemeente))
    return next(i for i, r in enumerate(kader.rules) if r.id == rule_id)


def _post(client, url, data):
    body = {k: v for k, v in data.items() if v is not None}
    return client.post(url, body)


def test_the_form_shows_every_question_rule_and_instrument(setting, client):
    gemeente, url, data = setting
    kader = services.engine_kader(services.current_kader(gemeente))
    html = client.get(url).content.decode()
    assert "kennis_benutten" not in html  # texts and labels, not ids
    assert kader.questions[3].text.nl in html and kader.rules[2].text.en in html
    assert len([k for k in data if k.startswith("r") and k.endswith("_rung")]) == len(kader.rules)


def test_a_changed_weight_and_text_become_a_new_version(setting, client):
    gemeente, url, data = setting
    index = _rule(gemeente, "veel_kracht")
    data |= {f"r{index}_rung": 3, "q0_nl": "Van wie komt het initiatief?", "note": "gewicht"}
    response = _post(client, url, data)
    assert response.status_code == 302
    saved = services.engine_kader(services.current_kader(gemeente))
    assert services.current_kader(gemeente).number == 1
    assert saved.rules[index].then.rung == 3
    assert saved.questions[0].text.nl == "Van wie komt het initiatief?"


@pytest.mark.parametrize(
    ("weight", "english", "fields", "words"),
    [
        # A weight out of range and an empty English text: refused by the form itself.
        (9, "", {"rung", "q1_en"}, "hoogstens 5"),
        # A higher answer to "how much strength" may not lower the rung: the kader's check.
        (-2, None, {"rung"}, "hoger antwoord"),
    ],
)
def test_problems_are_shown_at_their_field_in_dutch(
    setting, client, weight, english, fields, words
):
    gemeente, url, data = setting
    index = _rule(gemeente, "veel_kracht")
    data |= {f"r{index}_rung": weight, "note": "fout"}
    if english is not None:
        data["q1_en"] = english
    with translation.override("nl"):
        form = _post(client, url, data).context["form"]
    assert set(form.errors) == {f"r{index}_{f}" if f == "rung" else f for f in fields}
    assert words in form.errors[f"r{index}_rung"][0]
    assert services.current_kader(gemeente).gemeente is None  # nothing saved


def test_a_problem_without_a_field_names_its_place_in_words():
    with translation.override("nl"):
        assert place("rules[3].then.first_step") == "Regel 4"
        assert place("questions[0].choices") == "Vraag 1"
        assert place("rung.thresholds") == "Het kader als geheel"
