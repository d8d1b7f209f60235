# SPDX-License-Identifier: EUPL-1.2
"""Every sentence the engine writes itself, in Dutch (the default) and English.

Texts from the kader (questions, rules, risks…) carry their own translations; these are the
connecting sentences of the explanation and the validation messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        # validation
        "required": "ontbreekt",
        "type": "moet {expected} zijn, niet {got}",
        "unknown_key": "onbekend veld",
        "empty": "mag niet leeg zijn",
        "duplicate_id": "de id '{id}' komt meer dan één keer voor",
        "duplicate_value": "'{value}' staat er meer dan één keer in",
        "unknown_question": "'{name}' is geen vraag van dit kader",
        "unknown_ref": "'{value}' is geen bekend {what} (kies uit: {options})",
        "unknown_choice": "'{value}' is geen antwoord op {question} (kies uit: {options})",
        "out_of_range": "{value} ligt buiten de schaal {min} tot en met {max}",
        "never_choice": (
            "deze regel kan nooit gelden: '{value}' is geen antwoord op {question} "
            "(kies uit: {options})"
        ),
        "never_range": (
            "deze regel kan nooit gelden: {question} heeft de schaal {min} tot en met {max}"
        ),
        "never_min_max": "deze regel kan nooit gelden: min {min} is groter dan max {max}",
        "weight_range": "het gewicht {value} ligt buiten {min} tot en met {max}",
        "scale_size": (
            "de schaal {min} tot en met {max} moet minstens 2 en hoogstens {most} waarden hebben"
        ),
        "missing_translation": "de tekst in het {language} ontbreekt",
        "thresholds_order": "de drempels moeten oplopen (niet lager dan {previous})",
        "not_monotone": (
            "bij {question} betekent een hoger antwoord meer ruimte voor de samenleving; "
            "een regel op '{question}' {how} mag {what}"
        ),
        "how_up": "vanaf een waarde",
        "how_down": "tot een waarde",
        "how_band": "met een band van waarden",
        "what_negative": "de trede en de houding niet verlagen",
        "what_positive": "de trede en de houding niet verhogen",
        "what_cap": "de trede en de houding niet begrenzen",
        "what_any": "de trede en de houding niet veranderen",
        "hard_question": (
            "de vraag '{question}' met de keuzes {choices} is nodig voor de harde regels"
        ),
        "hard_leadership": (
            "een harde regel ontbreekt: op de dossiers {dossiers} blijft de gemeente regisseur, "
            "de houding wordt nooit faciliteren of loslaten (docs/domain.md §2.3). Voeg een regel "
            "toe met alleen 'dossiers' onder when en max_stance: stimuleren (of lager)"
        ),
        "hard_trust": (
            "een harde regel ontbreekt: zonder vertrouwen (vertrouwen_samenleving_overheid: nee) "
            "gaat de trede niet boven adviseren en is vertrouwen het eerste werkpunt "
            "(docs/domain.md §3.3). Voeg een regel toe met alleen die voorwaarde, max_rung: "
            "adviseren (of lager) en een first_step met de laagste priority"
        ),
        "yaml": "dit is geen geldige YAML: {error}",
        "too_large": "het kader is te groot: hoogstens {most} tekens",
        "too_deep": "het kader is te diep genest: hoogstens {most} niveaus",
        "alias": (
            "YAML-ankers en -verwijzingen (& en *) kunnen niet in een kader "
            "(regel {line}, kolom {column})"
        ),
        "too_long": "hoogstens {most} items",
        "too_many": "de controle stopt na {most} problemen; los deze eerst op",
        "json": "dit is geen geldige JSON: {error}",
        "file": "het bestand kan niet gelezen worden: {error}",
        "t_object": "een object (sleutels met waarden)",
        "t_list": "een lijst",
        "t_text": "een tekst",
        "t_integer": "een geheel getal",
        "t_bool": "waar of onwaar",
        "t_condition": "een waarde, een lijst of min/max",
        # explanation
        "answer_missing": "onbekend",
        "rule_fired": "Regel '{rule}' geldt, want {answers}. {text} Gevolg: {effects}.",
        "does_rung": "trede {weight:+d}",
        "does_stance": "houding {weight:+d}",
        "does_role": "rol {role} {weight:+d}",
        "does_instrument": "{instrument} {weight:+d}",
        "does_risk": "risico: {risk}",
        "does_max_rung": "trede ten hoogste {level}",
        "does_max_stance": "houding ten hoogste {level}",
        "does_first_step": "eerst: {text}",
        "rung_result": (
            "De score voor de trede is {score} (start {start}); dat geeft '{level}'{reach}."
        ),
        "stance_result": (
            "De score voor de houding is {score} (start {start}); dat geeft '{level}'{reach}."
        ),
        "reach": " (drempel {threshold})",
        "capped": "Regel '{rule}' begrenst de {what} tot '{level}' (zonder deze grens: '{was}').",
        "what_rung": "trede",
        "what_stance": "houding",
        "role_result": "De rol is '{role}': de meeste stemmen ({votes}).",
        "precondition": "Randvoorwaarde '{text}': {status} ({question} = {answer}).",
        "status_met": "vervuld",
        "status_unmet": "niet vervuld",
        "status_unknown": "nog onbekend",
        "instrument_fit": "past bij de trede '{rung}' ({weight:+d})",
        "change": (
            "als {question} '{value}' is in plaats van '{current}', wordt het advies {outcome}"
        ),
        "change_unknown": "als {question} '{value}' is, wordt het advies {outcome}",
        "outcome": "trede '{rung}', houding '{stance}', rol '{role}'",
        "risk_added": "; extra risico: {risk}",
        "risk_removed": "; dit risico valt weg: {risk}",
        "and": " en ",
        # plain words (summary.py)
        "rung_informeren": "informeren",
        "rung_informeren_meaning": "Inwoners horen wat de gemeente besluit.",
        "rung_raadplegen": "raadplegen",
        "rung_raadplegen_meaning": (
            "De gemeente vraagt wat inwoners vinden, maar is daar niet aan gebonden."
        ),
        "rung_adviseren": "adviseren",
        "rung_adviseren_meaning": (
            "Inwoners geven advies. De gemeente beslist, maar staat open voor hun ideeën."
        ),
        "rung_coproduceren": "coproduceren",
        "rung_coproduceren_meaning": (
            "Inwoners en gemeente werken als gelijken samen. De gemeente beslist, binnen "
            "afspraken die vooraf zijn gemaakt."
        ),
        "rung_meebeslissen": "meebeslissen",
        "rung_meebeslissen_meaning": (
            "Inwoners nemen het initiatief en maken het beleid. De gemeente steunt en verbindt."
        ),
        "stance_reguleren": "reguleren",
        "stance_reguleren_meaning": "De gemeente stelt regels en ziet erop toe.",
        "stance_regisseren": "regisseren",
        "stance_regisseren_meaning": "De gemeente houdt de regie en bepaalt de richting.",
        "stance_stimuleren": "stimuleren",
        "stance_stimuleren_meaning": "De gemeente moedigt inwoners aan en denkt mee.",
        "stance_faciliteren": "faciliteren",
        "stance_faciliteren_meaning": "De gemeente ondersteunt wat inwoners zelf doen.",
        "stance_loslaten": "loslaten",
        "stance_loslaten_meaning": "De gemeente laat het over aan de samenleving.",
        "fits_rung": "Past bij de trede {rung}.",
        "plain_higher": "Het advies gaat omhoog naar {rung} {condition}",
        "plain_lower": "Het advies gaat omlaag naar {rung} {condition}",
        "plain_if_holds": "als dit zo is: „{rule}”",
        "plain_if_not_holds": "als dit niet meer zo is: „{rule}”",
        "plain_unknown": "Nog niet beantwoord: „{question}” {what} als dit zo is: „{rule}”",
        "plain_becomes_rung": "Het advies wordt {rung}",
        "plain_becomes_stance": "De houding van de gemeente wordt {stance}",
        "plain_becomes_risk": "Er komt een risico bij",
        # plain-text report (CLI)
        "h_title": "Advies passende samenwerking (kader {kader})",
        "h_rung": "Trede op de participatieladder: {value}",
        "h_stance": "Houding van de gemeente: {value}",
        "h_role": "Rol van de gemeente: {value}",
        "h_first_steps": "Eerst doen:",
        "h_instruments": "Aanbevolen instrumenten:",
        "h_preconditions": "Randvoorwaarden:",
        "h_risks": "Risico's:",
        "h_raised_by": "door",
        "h_explanation": "Uitleg:",
        "h_higher": "Wat is nodig voor een trede hoger ({rung})?",
        "h_lower": "Wat geeft een trede lager ({rung})?",
        "h_no_change": "geen enkele losse wijziging van een antwoord is genoeg",
        "h_unknowns": "Nog onbekende antwoorden die het advies veranderen:",
        "h_none": "geen",
    },
    "en": {
        "required": "is missing",
        "type": "must be {expected}, not {got}",
        "unknown_key": "unknown field",
        "empty": "must not be empty",
        "duplicate_id": "the id '{id}' occurs more than once",
        "duplicate_value": "'{value}' occurs more than once",
        "unknown_question": "'{name}' is not a question of this kader",
        "unknown_ref": "'{value}' is not a known {what} (choose from: {options})",
        "unknown_choice": "'{value}' is not an answer to {question} (choose from: {options})",
        "out_of_range": "{value} is outside the scale {min} to {max}",
        "never_choice": (
            "this rule can never apply: '{value}' is not an answer to {question} "
            "(choose from: {options})"
        ),
        "never_range": "this rule can never apply: {question} has the scale {min} to {max}",
        "never_min_max": "this rule can never apply: min {min} is greater than max {max}",
        "weight_range": "the weight {value} is outside {min} to {max}",
        "scale_size": "the scale {min} to {max} must have at least 2 and at most {most} values",
        "missing_translation": "the text in '{language}' is missing",
        "thresholds_order": "thresholds must rise (not below {previous})",
        "not_monotone": (
            "for {question} a higher answer means more room for society; "
            "a rule on '{question}' {how} may {what}"
        ),
        "how_up": "from a value up",
        "how_down": "up to a value",
        "how_band": "with a band of values",
        "what_negative": "not lower the rung or the stance",
        "what_positive": "not raise the rung or the stance",
        "what_cap": "not cap the rung or the stance",
        "what_any": "not change the rung or the stance",
        "hard_question": (
            "the question '{question}' with the choices {choices} is needed for the hard rules"
        ),
        "hard_leadership": (
            "a hard rule is missing: on the dossiers {dossiers} the municipality keeps the lead, "
            "the stance is never faciliteren or loslaten (docs/domain.md §2.3). Add a rule with "
            "only 'dossiers' under when and max_stance: stimuleren (or lower)"
        ),
        "hard_trust": (
            "a hard rule is missing: without trust (vertrouwen_samenleving_overheid: nee) the "
            "rung does not go above adviseren and trust is the first thing to work on "
            "(docs/domain.md §3.3). Add a rule with only that condition, max_rung: adviseren "
            "(or lower) and a first_step with the lowest priority"
        ),
        "yaml": "this is not valid YAML: {error}",
        "too_large": "the kader is too large: at most {most} characters",
        "too_deep": "the kader is nested too deeply: at most {most} levels",
        "alias": (
            "YAML anchors and aliases (& and *) cannot be used in a kader "
            "(line {line}, column {column})"
        ),
        "too_long": "at most {most} items",
        "too_many": "the check stops after {most} problems; solve these first",
        "json": "this is not valid JSON: {error}",
        "file": "the file cannot be read: {error}",
        "t_object": "an object (keys with values)",
        "t_list": "a list",
        "t_text": "a text",
        "t_integer": "a whole number",
        "t_bool": "true or false",
        "t_condition": "a value, a list or min/max",
        "answer_missing": "unknown",
        "rule_fired": "Rule '{rule}' applies, because {answers}. {text} Effect: {effects}.",
        "does_rung": "rung {weight:+d}",
        "does_stance": "stance {weight:+d}",
        "does_role": "role {role} {weight:+d}",
        "does_instrument": "{instrument} {weight:+d}",
        "does_risk": "risk: {risk}",
        "does_max_rung": "rung at most {level}",
        "does_max_stance": "stance at most {level}",
        "does_first_step": "first: {text}",
        "rung_result": "The rung score is {score} (start {start}); that gives '{level}'{reach}.",
        "stance_result": (
            "The stance score is {score} (start {start}); that gives '{level}'{reach}."
        ),
        "reach": " (threshold {threshold})",
        "capped": "Rule '{rule}' caps the {what} at '{level}' (without this cap: '{was}').",
        "what_rung": "rung",
        "what_stance": "stance",
        "role_result": "The role is '{role}': the most votes ({votes}).",
        "precondition": "Precondition '{text}': {status} ({question} = {answer}).",
        "status_met": "met",
        "status_unmet": "not met",
        "status_unknown": "still unknown",
        "instrument_fit": "fits the rung '{rung}' ({weight:+d})",
        "change": "if {question} is '{value}' instead of '{current}', the advice becomes {outcome}",
        "change_unknown": "if {question} is '{value}', the advice becomes {outcome}",
        "outcome": "rung '{rung}', stance '{stance}', role '{role}'",
        "risk_added": "; added risk: {risk}",
        "risk_removed": "; this risk goes away: {risk}",
        "and": " and ",
        "rung_informeren": "inform",
        "rung_informeren_meaning": "Residents hear what the municipality decides.",
        "rung_raadplegen": "consult",
        "rung_raadplegen_meaning": (
            "The municipality asks what residents think, but is not bound by it."
        ),
        "rung_adviseren": "advise",
        "rung_adviseren_meaning": (
            "Residents give advice. The municipality decides, but is open to their ideas."
        ),
        "rung_coproduceren": "co-produce",
        "rung_coproduceren_meaning": (
            "Residents and municipality work together as equals. The municipality decides, "
            "within agreements made beforehand."
        ),
        "rung_meebeslissen": "co-decide",
        "rung_meebeslissen_meaning": (
            "Residents take the initiative and make the policy. The municipality supports and "
            "connects."
        ),
        "stance_reguleren": "regulating",
        "stance_reguleren_meaning": "The municipality sets rules and supervises.",
        "stance_regisseren": "directing",
        "stance_regisseren_meaning": "The municipality keeps control and sets the direction.",
        "stance_stimuleren": "encouraging",
        "stance_stimuleren_meaning": "The municipality encourages residents and thinks along.",
        "stance_faciliteren": "facilitating",
        "stance_faciliteren_meaning": "The municipality supports what residents do themselves.",
        "stance_loslaten": "letting go",
        "stance_loslaten_meaning": "The municipality leaves it to society.",
        "fits_rung": "Fits the rung {rung}.",
        "plain_higher": "The advice goes up to {rung} {condition}",
        "plain_lower": "The advice goes down to {rung} {condition}",
        "plain_if_holds": "if this is so: “{rule}”",
        "plain_if_not_holds": "if this is no longer so: “{rule}”",
        "plain_unknown": "Not answered yet: “{question}” {what} if this is so: “{rule}”",
        "plain_becomes_rung": "The advice becomes {rung}",
        "plain_becomes_stance": "The stance of the municipality becomes {stance}",
        "plain_becomes_risk": "A risk is added",
        "h_title": "Advice on fitting collaboration (kader {kader})",
        "h_rung": "Rung on the participation ladder: {value}",
        "h_stance": "Stance of the municipality: {value}",
        "h_role": "Role of the municipality: {value}",
        "h_first_steps": "Do first:",
        "h_instruments": "Recommended instruments:",
        "h_preconditions": "Preconditions:",
        "h_risks": "Risks:",
        "h_raised_by": "raised by",
        "h_explanation": "Explanation:",
        "h_higher": "What is needed for one rung higher ({rung})?",
        "h_lower": "What gives one rung lower ({rung})?",
        "h_no_change": "no single change of one answer is enough",
        "h_unknowns": "Answers still unknown that would change the advice:",
        "h_none": "none",
    },
}


#: Longest place or value quoted in a message: an uploaded key or value can be any length.
SHOWN_CHARS = 120


def shorten(value: Any) -> Any:
    """A text cut to ``SHOWN_CHARS`` with an ellipsis; other values as they are."""
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        return value[: SHOWN_CHARS - 1] + "…"
    return value


def message(lang: str, code: str, **params: Any) -> str:
    """The sentence ``code`` in ``lang`` (Dutch when the language is not known)."""
    catalogue = MESSAGES.get(lang, MESSAGES["nl"])
    return catalogue[code].format(**params)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a kader or in answers, with the place it is at."""

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def message(self, lang: str = "nl") -> str:
        return f"{shorten(self.path)}: {self.text(lang)}"

    def text(self, lang: str = "nl") -> str:
        """What is wrong, without the place (for a form that shows it at the place)."""
        params = {
            key: message(lang, value[1:]) if isinstance(value, str) and value[:1] == "@" else value
            for key, value in self.params.items()
        }
        params = {key: shorten(value) for key, value in params.items()}
        return message(lang, self.code, **params)


class InvalidInput(ValueError):
    """Raised with every problem found, each naming its place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.message() for p in self.problems))

    def messages(self, lang: str = "nl") -> list[str]:
        return [p.message(lang) for p in self.problems]


class InvalidKader(InvalidInput):
    """The kader refers to an unknown question, has an out-of-range weight, a rule that can
    never fire, a missing translation, or is malformed."""


class InvalidAnswers(InvalidInput):
    """The answers name an unknown question, or give a value of the wrong type or scale."""
