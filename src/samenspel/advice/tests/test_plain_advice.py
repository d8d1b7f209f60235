# SPDX-License-Identifier: EUPL-1.2
"""The advice reads like advice (issue 13, item 5): the result page of the demo's Slot Zeist
shows no id or option value of the kader, only the kader's own sentences."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samenspel.advice import services
from samenspel.engines.advice import Kader
from samenspel.people.models import User
from samenspel.trajectories.models import Traject

pytestmark = pytest.mark.django_db

STAFF_DETAILS = re.compile(r'<details class="samenspel-details">.*?</details>', re.S)
WORD = re.compile(r"[\w-]+")


def kader_keys(kader: Kader) -> set[str]:
    """Every name the kader gives: question ids, option values, rule and instrument ids."""
    keys = {q.id for q in kader.questions}
    keys |= {c for q in kader.questions for c in q.choices}
    keys |= {r.id for r in kader.rules} | {i.id for i in kader.instruments}
    return keys


def prose_words(kader: Kader, lang: str) -> set[str]:
    """The words of the kader's own sentences: a key that is also a plain word of those
    sentences (such as ``gemeente``) may appear in them."""
    texts = [kader.title.get(lang)]
    texts += [q.text.get(lang) for q in kader.questions]
    texts += [r.text.get(lang) for r in kader.rules]
    texts += [i.name.get(lang) for i in kader.instruments]
    texts += [i.text.get(lang) for i in kader.instruments]
    texts += [r.text.get(lang) for r in kader.risks]
    texts += [p.text.get(lang) for p in kader.preconditions]
    texts += [r.then.first_step.text.get(lang) for r in kader.rules if r.then.first_step]
    return {w.lower() for text in texts for w in WORD.findall(text)}


def visible_text(html: str) -> str:
    """The page as text: tags, the staff-only trace, scripts and attribute values removed."""
    html = STAFF_DETAILS.sub(" ", html)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False)


def slot_zeist():
    return Traject.objects.get(title__startswith="Slot Zeist")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("who", ["ambtenaar@zeist.demo", "raadslid@zeist.demo"])
def test_the_advice_page_of_slot_zeist_shows_no_key_of_the_kader(demo, no_staff_mfa, who, language):
    traject = slot_zeist()
    advies = services.latest_advies(traject)
    kader = services.engine_kader(advies.kader)
    client = Client()
    client.force_login(User.objects.get(email=who))
    client.cookies["django_language"] = language
    with translation.override(language):
        url = reverse("advice:advies", args=[traject.gemeente.slug, traject.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    text = visible_text(html)
    words = {w.lower() for w in WORD.findall(text)}
    allowed = prose_words(kader, language)
    leaked = sorted(k for k in kader_keys(kader) if k.lower() in words and k.lower() not in allowed)
    assert leaked == []
    # Nothing in the form of a raw answer either: no "question = value" or "'value'".
    assert " = " not in text and not re.search(r"'[\w_]+'", text)
    # What the page promises: the drawn ladder with a text alternative, three to five
    # instruments with a reason each, at most three lines on what would change the advice.
    assert 'role="img"' in html and "<title" in html and "<figcaption" in html
    summary = services.explain(advies, language)[1]
    assert 3 <= len(summary.instruments) <= 5
    assert all(i.reason and i.reason in text for i in summary.instruments)
    assert 1 <= len(summary.changes) <= 3
    assert all(line in html for line in summary.changes)
    # The full trace is only there for the staff, behind its own heading.
    assert (STAFF_DETAILS.search(html) is not None) == who.startswith("ambtenaar")
