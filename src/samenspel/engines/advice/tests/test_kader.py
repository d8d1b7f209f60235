# SPDX-License-Identifier: EUPL-1.2
"""Kader loading and validation: a malformed kader is refused with messages naming the place."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from samenspel.engines.advice import (
    InvalidKader,
    advise,
    default_kader_text,
    load_default_kader,
    load_kader,
    parse_kader,
)
from samenspel.engines.advice.kader import MAX_ITEMS, MAX_KADER_CHARS, MAX_NAMES, MAX_PROBLEMS

FIXED_IDS = [
    "initiator", "domein", "dossiers",
    "kracht", "georganiseerd", "tegengestelde_belangen", "draagvlak", "zelf_uitvoeren", "impuls",
    "kennis_benutten", "betrekken", "vertrouwen_overlaten", "gewenste_rol",
    "vertrouwen_samenleving_overheid", "urgentie", "eigenaarschap", "vertrouwen_bestuur",
    "neuzen_zelfde_kant", "ankerpunten_gesteld", "procesafspraken_gemaakt",
    "moeilijk_bereikbare_groepen", "keer_gevraagd_afgelopen_jaar", "wettelijke_ruimte",
    "budget_beschikbaar",
]  # fmt: skip


def source() -> dict:
    return load_default_kader().source()


def rule_at(data: dict, rule_id: str) -> int:
    return next(i for i, rule in enumerate(data["rules"]) if rule["id"] == rule_id)


def refused(data) -> list[str]:
    with pytest.raises(InvalidKader) as caught:
        parse_kader(data)
    return caught.value.messages()


def test_the_default_kader_is_valid_and_has_the_fixed_question_ids():
    kader = load_default_kader()
    assert [q.id for q in kader.questions] == FIXED_IDS
    assert kader.version_id.startswith("samenspel-standaard@1:")
    assert parse_kader(source()).version_id == kader.version_id


def test_questions_per_initiator():
    kader = load_default_kader()
    society = {q.id for q in kader.questions_for("samenleving")}
    municipality = {q.id for q in kader.questions_for("gemeente")}
    assert {"kracht", "draagvlak", "zelf_uitvoeren", "impuls"} <= society
    assert not {"kennis_benutten", "gewenste_rol"} & society
    assert {"kennis_benutten", "betrekken", "vertrouwen_overlaten"} <= municipality
    assert not {"kracht", "impuls"} & municipality
    assert {q.id for q in kader.questions_for("raad")} == municipality
    assert len(kader.questions_for(None)) == len(FIXED_IDS)


def test_version_id_follows_content_not_layout():
    text = default_kader_text()
    reformatted = yaml.safe_dump(yaml.safe_load(text), sort_keys=True, width=60)
    assert load_kader(reformatted).version_id == load_default_kader().version_id
    changed = source()
    changed["rules"][0]["then"]["rung"] = 4
    assert parse_kader(changed).version_id != load_default_kader().version_id
    changed["version"] = 2
    assert parse_kader(changed).version_id.startswith("samenspel-standaard@2:")


def test_unknown_question_is_named():
    data = source()
    i = rule_at(data, "veel_kracht")
    data["rules"][i]["when"] = {"krachtt": {"min": 4}}
    assert refused(data) == [f"rules[{i}].when.krachtt: 'krachtt' is geen vraag van dit kader"]


def test_out_of_range_weight_is_named():
    data = source()
    data["rules"][0]["then"]["rung"] = 9
    assert refused(data) == ["rules[0].then.rung: het gewicht 9 ligt buiten -5 tot en met 5"]
    data = source()
    i = rule_at(data, "veel_kracht")
    data["rules"][i]["then"]["rung"] = 2.5
    assert refused(data) == [f"rules[{i}].then.rung: moet een geheel getal zijn, niet float"]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"min": 6}, "deze regel kan nooit gelden: kracht heeft de schaal 1 tot en met 5"),
        ({"min": 4, "max": 2}, "deze regel kan nooit gelden: min 4 is groter dan max 2"),
        (0, "deze regel kan nooit gelden: kracht heeft de schaal 1 tot en met 5"),
    ],
)
def test_rule_that_can_never_fire_on_a_scale(condition, message):
    data = source()
    i = rule_at(data, "veel_kracht")
    data["rules"][i]["when"]["kracht"] = condition
    assert refused(data) == [f"rules[{i}].when.kracht: {message}"]


def test_rule_that_can_never_fire_on_a_choice():
    data = source()
    i = rule_at(data, "initiatief_gemeente")
    data["rules"][i]["when"]["initiator"] = ["gemeente", "provincie"]
    assert refused(data) == [
        f"rules[{i}].when.initiator[1]: deze regel kan nooit gelden: 'provincie' is geen "
        "antwoord op initiator (kies uit: samenleving, gemeente, raad)"
    ]


def test_missing_translation_is_named():
    data = source()
    del data["questions"][3]["text"]["en"]
    data["rules"][1]["text"]["nl"] = " "
    assert refused(data) == [
        "questions[3].text.en: de tekst in het en ontbreekt",
        "rules[1].text.nl: de tekst in het nl ontbreekt",
    ]


def test_rule_against_a_monotone_question_is_refused():
    data = source()
    i = rule_at(data, "veel_draagvlak")
    data["rules"][i]["then"]["rung"] = -2
    (message,) = refused(data)
    assert message.startswith(f"rules[{i}].when.draagvlak: bij draagvlak betekent een hoger")
    assert message.endswith("mag de trede en de houding niet verlagen")
    data = source()
    data["rules"][i]["then"] = {"max_rung": "adviseren"}
    assert refused(data)[0].endswith("mag de trede en de houding niet begrenzen")
    data = source()
    data["rules"][i]["when"]["draagvlak"] = {"min": 2, "max": 3}
    assert refused(data)[0].endswith("mag de trede en de houding niet veranderen")


@pytest.mark.parametrize(("low", "high"), [(5, 1), (3, 3), (0, 100)])
def test_a_scale_needs_two_to_21_values(low, high):
    data = source()
    data["questions"][3].update(min=low, max=high)
    assert refused(data)[0] == (
        f"questions[3].max: de schaal {low} tot en met {high} moet minstens 2 en hoogstens 21 "
        "waarden hebben"
    )


def test_unknown_references_in_effects():
    data = source()
    i = rule_at(data, "veel_kracht")
    data["rules"][i]["then"].update(
        instruments={"hackathon": 2}, risks=["onbekend_risico"], max_rung="alles", role={"baas": 1}
    )
    messages = refused(data)
    assert len(messages) == 4
    assert messages[0].startswith(f"rules[{i}].then.role.baas: 'baas' is geen bekend rol")
    assert messages[1].startswith(f"rules[{i}].then.instruments.hackathon: 'hackathon' is geen")
    assert messages[2].startswith(f"rules[{i}].then.risks[0]: 'onbekend_risico' is geen bekend")
    assert messages[3].startswith(f"rules[{i}].then.max_rung: 'alles' is geen bekend trede")


def test_structure_problems():
    data = source()
    data["rules"][1]["id"] = data["rules"][0]["id"]
    data["rung"]["thresholds"]["adviseren"] = 1
    data["preconditions"][0]["question"] = "vertrouwen"
    data["questions"][0]["kleur"] = "rood"
    del data["stance"]
    messages = refused(data)
    assert "stance: ontbreekt" in messages
    assert "rung.thresholds.adviseren: de drempels moeten oplopen (niet lager dan 2)" in messages
    assert "questions[0].kleur: onbekend veld" in messages
    assert "rules[1].id: de id 'initiatief_samenleving' komt meer dan één keer voor" in messages
    assert any(
        m.startswith("preconditions[0].question: 'vertrouwen' is geen bekend") for m in messages
    )


def test_not_a_kader_at_all():
    with pytest.raises(InvalidKader) as caught:
        load_kader("rules: [unclosed")
    assert caught.value.messages()[0].startswith("kader: dit is geen geldige YAML")
    assert refused(["a", "list"]) == [
        "kader: moet een object (sleutels met waarden) zijn, niet list"
    ]


def test_messages_in_english():
    data = source()
    data["rules"][0]["then"]["rung"] = 9
    with pytest.raises(InvalidKader) as caught:
        parse_kader(data)
    assert caught.value.messages("en") == ["rules[0].then.rung: the weight 9 is outside -5 to 5"]


def test_the_hard_rules_cannot_be_left_out():
    data = source()
    leadership = rule_at(data, "overheid_blijft_regisseur")
    data["rules"][leadership]["when"]["dossiers"] = ["klimaat", "veiligheid"]
    assert refused(data)[0].startswith(
        "rules: een harde regel ontbreekt: op de dossiers vluchtelingenopvang, "
        "arbeidsparticipatie blijft de gemeente regisseur"
    )
    data = source()
    data["rules"][leadership]["then"]["max_stance"] = "faciliteren"
    assert "klimaat, veiligheid" in refused(data)[0]
    data = source()
    trust = rule_at(data, "geen_vertrouwen")
    data["rules"][trust]["then"]["max_rung"] = "coproduceren"
    assert refused(data) == [
        "rules: een harde regel ontbreekt: zonder vertrouwen (vertrouwen_samenleving_overheid: "
        "nee) gaat de trede niet boven adviseren en is vertrouwen het eerste werkpunt "
        "(docs/domain.md §3.3). Voeg een regel toe met alleen die voorwaarde, max_rung: "
        "adviseren (of lager) en een first_step met de laagste priority"
    ]
    data = source()
    data["rules"][trust]["then"]["first_step"]["priority"] = 2  # shares first place
    assert refused(data)[0].startswith("rules: een harde regel ontbreekt: zonder vertrouwen")
    data = source()
    del data["rules"][trust]
    assert refused(data)[0].startswith("rules: een harde regel ontbreekt: zonder vertrouwen")


def test_the_hard_rules_need_their_questions():
    data = source()
    dossiers = next(q for q in data["questions"] if q["id"] == "dossiers")
    dossiers["choices"].remove("klimaat")
    leadership = rule_at(data, "overheid_blijft_regisseur")
    data["rules"][leadership]["when"]["dossiers"].remove("klimaat")
    assert refused(data) == [
        "questions: de vraag 'dossiers' met de keuzes klimaat, veiligheid, "
        "vluchtelingenopvang, arbeidsparticipatie is nodig voor de harde regels"
    ]


# ---- bounded work: whatever is uploaded, validation is quick and its answer short ----------------


def test_deep_nesting_is_refused_before_the_yaml_loader_recurses():
    """80 KB of nested brackets crashed the process (SIGSEGV in the C loader): run it apart."""
    script = (
        "from samenspel.engines.advice import InvalidKader, load_kader\n"
        "for text in ('[' * 40000 + ']' * 40000, '{a: ' * 20000 + '}' * 20000,"
        " '- ' * 20000 + 'x'):\n"
        "    try:\n"
        "        load_kader(text)\n"
        "    except InvalidKader as exc:\n"
        "        print(exc.problems[0].code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["too_deep"] * 3


def test_aliases_too_large_texts_and_unreadable_values_are_refused():
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    cases = {
        laughs: "alias",
        "id: " + "x" * MAX_KADER_CHARS: "too_large",
        "version: " + "9" * 5000: "yaml",  # more digits than Python converts
        "id: 2024-02-30": "yaml",  # a date that does not exist
    }
    for text, code in cases.items():
        with pytest.raises(InvalidKader) as caught:
            load_kader(text)
        assert [p.code for p in caught.value.problems] == [code]
    assert "regel 2, kolom" in messages_of(laughs)[0]


def messages_of(text: str) -> list[str]:
    with pytest.raises(InvalidKader) as caught:
        load_kader(text)
    return caught.value.messages()


def test_a_long_list_is_refused_at_once_and_the_problems_stay_few_and_short():
    """A 128 KB list took 75 s to validate (every problem was compared with every other) and
    answered with a 5 MB page."""
    long_list = "questions: [" + ",".join(["1"] * 64_000) + "]"
    many_keys = "{" + ", ".join(f"key_{i}: 1" for i in range(12_000)) + "}"
    long_key = "{" + "k" * 100_000 + ": 1}"
    rules = "rules: [" + ",".join(["{id: x, when: 1, then: 2, text: 3}"] * 150) + "]"
    for text in (long_list, many_keys, long_key, rules):
        lines = messages_of(text)
        assert len(lines) <= MAX_PROBLEMS + 1
        assert sum(len(line) for line in lines) < 40_000
        assert max(len(line) for line in lines) < 600
    assert "questions: hoogstens 50 items" in messages_of(long_list)
    assert messages_of(many_keys)[-1] == (
        f"kader: de controle stopt na {MAX_PROBLEMS} problemen; los deze eerst op"
    )


def test_a_kader_at_every_limit_still_advises():
    data = source()
    text = {"nl": "Extra vraag", "en": "Extra question"}
    extra = MAX_ITEMS["questions"] - len(data["questions"])
    everyone = ["samenleving", "gemeente", "raad"]
    for i in range(extra):
        question = {"id": f"q{i}", "type": "multi", "text": text, "applies_to": everyone}
        data["questions"].append(question | {"choices": [f"c{j}" for j in range(MAX_NAMES)]})
    for i in range(MAX_ITEMS["rules"] - len(data["rules"])):
        when = {f"q{i % extra}": [f"c{i % MAX_NAMES}"], f"q{(i + 1) % extra}": ["c3"]}
        data["rules"].append({"id": f"r{i}", "text": text, "when": when, "then": {"rung": 1}})
    kader = parse_kader(data)
    assert advise(kader, {f"q{i}": ["c1", "c2"] for i in range(extra)}).instruments
    data["rules"].append(data["rules"][-1] | {"id": "one_too_many"})
    assert refused(data) == ["rules: hoogstens 200 items"]
