# SPDX-License-Identifier: EUPL-1.2
"""Typed settings: stored as JSON, read back as the dataclass, edited in a generated form."""

import datetime
from dataclasses import dataclass

import pytest
from django.db import models
from django.utils import translation

from samenspel.instruments import config
from samenspel.instruments.forms import initial, settings_form_class
from samenspel.instruments.manifest import setting


class Rule(models.TextChoices):
    MES = "mes", "Method of Equal Shares"
    GREEDY = "greedy", "Greedy"


@dataclass(frozen=True)
class Proef:
    open: bool = setting(True, label="Open", help_text="Open for submissions")
    seats: int = setting(30, label="Seats", min_value=1, max_value=200)
    question: str = setting("", label="Question", max_length=20)
    ballot: str = setting(
        "approval", label="Ballot", choices=[("approval", "Approval"), ("points", "Points")]
    )
    rule: Rule = setting(Rule.MES, label="Rule")
    closes: datetime.date | None = setting(None, label="Closes on")


def test_read_back_as_the_dataclass_from_json():
    stored = config.dump(Proef(seats=12, rule=Rule.GREEDY, closes=datetime.date(2027, 3, 1)))
    assert stored == {
        "open": True,
        "seats": 12,
        "question": "",
        "ballot": "approval",
        "rule": "greedy",
        "closes": "2027-03-01",
    }
    settings = config.read(Proef, stored)
    assert settings == Proef(seats=12, rule=Rule.GREEDY, closes=datetime.date(2027, 3, 1))
    assert isinstance(settings.rule, Rule) and isinstance(settings.closes, datetime.date)


def test_old_unknown_and_broken_values_fall_back_to_the_defaults(caplog):
    stored = {"registration_open": False, "seats": "many", "rule": "dictator", "open": False}
    assert config.read(Proef, stored) == Proef(open=False)
    assert "no longer fits" in caplog.text
    assert config.read(Proef, None) == Proef()


def test_writing_refuses_values_outside_their_limits():
    with pytest.raises(config.SettingsError) as error:
        config.dump(Proef(seats=0, question="x" * 21, ballot="secret"))
    assert set(error.value.problems) == {"seats", "question", "ballot"}


def _data(**changes):
    data = {
        "open": "on",
        "seats": "30",
        "question": "",
        "ballot": "approval",
        "rule": "mes",
        "closes": "",
    }
    return {**data, **changes}


def test_the_generated_form_has_a_field_per_setting_with_label_and_help():
    form = settings_form_class(Proef)(initial=initial(Proef()))
    assert list(form.fields) == ["open", "seats", "question", "ballot", "rule", "closes"]
    assert form.fields["open"].help_text == "Open for submissions"
    assert form.fields["seats"].label == "Seats"
    assert form.fields["rule"].choices == [("mes", "Method of Equal Shares"), ("greedy", "Greedy")]
    assert not form.fields["closes"].required and not form.fields["question"].required
    html = form.as_div()
    assert 'type="date"' in html and 'type="number"' in html and 'max="200"' in html


def test_the_form_gives_back_the_dataclass():
    form = settings_form_class(Proef)(
        _data(open="", seats="7", rule="greedy", closes="2027-01-31", question="Waarom?")
    )
    assert form.is_valid(), form.errors
    assert form.settings() == Proef(
        open=False,
        seats=7,
        question="Waarom?",
        rule=Rule.GREEDY,
        closes=datetime.date(2027, 1, 31),
    )


def test_the_form_explains_errors_in_dutch():
    with translation.override("nl"):
        form = settings_form_class(Proef)(
            _data(seats="201", rule="dictator", closes="31-31-2027", question="x" * 21)
        )
        assert not form.is_valid()
        errors = {name: " ".join(e) for name, e in form.errors.items()}
    assert errors["seats"] == "Zorg ervoor dat deze waarde hoogstens 200 is."
    assert "geldige keuze" in errors["rule"]
    assert "geldige datum" in errors["closes"]
    assert "20 tekens" in errors["question"]
