# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.advice.models import RUNG_CHOICES, STANCE_CHOICES
from samenspel.engines.advice import (
    MAX_KADER_CHARS,
    RUNGS,
    STANCES,
    InvalidKader,
    Question,
    level,
    load_kader,
)

UNKNOWN = ""


def _field(question: Question, lang: str) -> forms.Field:
    label = question.text.get(lang)
    unknown = (UNKNOWN, _("I don't know"))
    if question.type == "multi":
        return forms.MultipleChoiceField(
            label=label,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(c, c.replace("_", " ")) for c in question.choices],
        )
    if question.type == "integer":
        assert question.min is not None and question.max is not None
        if question.max - question.min > 10:
            return forms.IntegerField(
                label=label, required=False, min_value=question.min, max_value=question.max
            )
    values = question.values()
    return forms.TypedChoiceField(
        label=label,
        required=False,
        widget=forms.RadioSelect,
        empty_value=None,
        coerce=int if question.type == "integer" else str,
        choices=[(str(v), str(v).replace("_", " ")) for v in values] + [unknown],
    )


class QuestionsForm(forms.Form):
    """One step of the questionnaire; an empty answer means “unknown”."""

    def __init__(self, *args, questions: tuple[Question, ...], lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.id] = _field(question, lang)

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}


class ChoiceForm(forms.Form):
    chosen_rung = forms.ChoiceField(label=_("Chosen rung"), choices=RUNG_CHOICES)
    chosen_stance = forms.ChoiceField(
        label=_("Chosen stance of the municipality"), choices=STANCE_CHOICES
    )
    deviation_reason = forms.CharField(
        label=_("Reason for deviating from the advice"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you choose differently from the advice."),
    )

    def __init__(self, *args, advies, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.advies = advies
        for name, kind, values in (
            ("chosen_rung", "rung", RUNGS),
            ("chosen_stance", "stance", STANCES),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(v, level(kind, v, lang).label.capitalize()) for v in values]

    def clean(self):
        data = super().clean()
        deviates = (data.get("chosen_rung"), data.get("chosen_stance")) != (
            self.advies.rung,
            self.advies.stance,
        )
        if deviates and not (data.get("deviation_reason") or "").strip():
            self.add_error("deviation_reason", _("Explain why you deviate from the advice."))
        return data


class KaderForm(forms.Form):
    source = forms.CharField(
        label=_("Kader (YAML)"),
        required=False,
        max_length=MAX_KADER_CHARS,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
    )
    upload = forms.FileField(label=_("Or upload a kader file (YAML)"), required=False)
    note = forms.CharField(label=_("What changed?"), max_length=300)

    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang
        self.kader = None

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            if upload.size > MAX_KADER_CHARS:
                self.add_error(
                    "upload",
                    _("The file is larger than %(kb)s KB.") % {"kb": MAX_KADER_CHARS // 1024},
                )
                return data
            try:
                data["source"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", _("The file is not UTF-8 text."))
                return data
        field = "upload" if upload else "source"
        if not (data.get("source") or "").strip():
            self.add_error("source", _("Give the kader as text or upload a file."))
            return data
        try:
            self.kader = load_kader(data["source"])
        except InvalidKader as exc:
            for message in exc.messages(self.lang):
                self.add_error(field, message)
        return data


#: Weights of a rule, as the kader's check allows them.
WEIGHT_MIN, WEIGHT_MAX = -5, 5
INITIATORS = [
    ("samenleving", _("society")),
    ("gemeente", _("the municipality")),
    ("raad", _("the council")),
]
TEXT_MAX = 600


class KaderStructureForm(forms.Form):
    """The kader edited through fields built from its structure: for each question its texts
    and for whom it is asked, for each rule its texts and weights, for each instrument its
    name, description and the rungs it fits. Adding or removing parts is for the YAML editor.

    ``data_for_save()`` gives the kader's plain data with the changes; ``add_problems`` puts
    each problem the check finds at its field, or names its place in words."""

    note = forms.CharField(label=_("What changed?"), max_length=300)

    def __init__(self, *args, kader_data: dict, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kader_data, self.lang = kader_data, lang
        self.groups: list[tuple[str, str, list[str]]] = []
        for i, q in enumerate(kader_data["questions"]):
            names = self._texts(f"q{i}", q["text"], _("Question"))
            self.fields[f"q{i}_applies_to"] = forms.MultipleChoiceField(
                label=_("Asked when the initiative comes from"),
                choices=INITIATORS,
                initial=q["applies_to"],
                widget=forms.CheckboxSelectMultiple,
            )
            names.append(f"q{i}_applies_to")
            self.groups.append(("question", _("Question %(n)s") % {"n": i + 1}, names))
        for i, r in enumerate(kader_data["rules"]):
            names = self._texts(f"r{i}", r["text"], _("What the rule says"))
            for key, text in (
                ("rung", _("Weight for the rung")),
                ("stance", _("Weight for the stance")),
            ):
                self.fields[f"r{i}_{key}"] = forms.IntegerField(
                    label=text,
                    initial=r["then"].get(key, 0),
                    min_value=WEIGHT_MIN,
                    max_value=WEIGHT_MAX,
                )
                names.append(f"r{i}_{key}")
            self.groups.append(("rule", _("Rule %(n)s") % {"n": i + 1}, names))
        for i, item in enumerate(kader_data["instruments"]):
            names = self._texts(f"i{i}_name", item["name"], _("Name"))
            names += self._texts(f"i{i}", item["text"], _("Description"))
            self.fields[f"i{i}_rungs"] = forms.MultipleChoiceField(
                label=_("Fits the rungs"),
                choices=[(r, level("rung", r, lang).label.capitalize()) for r in RUNGS],
                initial=item["rungs"],
                widget=forms.CheckboxSelectMultiple,
            )
            names.append(f"i{i}_rungs")
            self.groups.append(("instrument", _("Instrument %(n)s") % {"n": i + 1}, names))

    def _texts(self, prefix: str, text: dict, what) -> list[str]:
        for language, name in (("nl", _("Dutch")), ("en", _("English"))):
            self.fields[f"{prefix}_{language}"] = forms.CharField(
                label=f"{what} ({name})",
                initial=text[language],
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        return [f"{prefix}_nl", f"{prefix}_en"]

    def grouped(self):
        """The fields per part of the kader, for the template: (kind, heading, fields)."""
        return [(kind, title, [self[n] for n in names]) for kind, title, names in self.groups]

    def data_for_save(self) -> dict:
        data = json.loads(json.dumps(self.kader_data))
        c = self.cleaned_data
        for i, q in enumerate(data["questions"]):
            q["text"] = {"nl": c[f"q{i}_nl"], "en": c[f"q{i}_en"]}
            q["applies_to"] = c[f"q{i}_applies_to"]
        for i, r in enumerate(data["rules"]):
            r["text"] = {"nl": c[f"r{i}_nl"], "en": c[f"r{i}_en"]}
            for key in ("rung", "stance"):
                if c[f"r{i}_{key}"]:
                    r["then"][key] = c[f"r{i}_{key}"]
                else:
                    r["then"].pop(key, None)
        for i, item in enumerate(data["instruments"]):
            item["name"] = {"nl": c[f"i{i}_name_nl"], "en": c[f"i{i}_name_en"]}
            item["text"] = {"nl": c[f"i{i}_nl"], "en": c[f"i{i}_en"]}
            item["rungs"] = c[f"i{i}_rungs"]
        return data

    def add_problems(self, problems, lang: str) -> None:
        for problem in problems:
            field = _field_for(problem.path)
            if field in self.fields:
                self.add_error(field, problem.text(lang))
            else:
                self.add_error(None, f"{place(problem.path)}: {problem.text(lang)}")


PATH = re.compile(r"^(questions|rules|instruments)\[(\d+)\](?:\.(\w+))?(?:\.(\w+))?")
PART_FIELDS = {
    ("questions", "text"): "q{i}_nl",
    ("questions", "applies_to"): "q{i}_applies_to",
    ("rules", "text"): "r{i}_nl",
    ("instruments", "name"): "i{i}_name_nl",
    ("instruments", "text"): "i{i}_nl",
    ("instruments", "rungs"): "i{i}_rungs",
}


def _field_for(path: str) -> str | None:
    match = PATH.match(path)
    if not match:
        return None
    part, index, key, sub = match.groups()
    if part == "rules" and key == "then" and sub in ("rung", "stance"):
        return f"r{index}_{sub}"
    if part == "rules" and key == "when":
        # The form changes no conditions: a problem there comes from a weight (a higher
        # answer to a question that gives more room may not lower the rung).
        return f"r{index}_rung"
    if (part, key) in PART_FIELDS:
        field = PART_FIELDS[(part, key)].format(i=index)
        return field.replace("_nl", "_en") if sub == "en" else field
    return None


def place(path: str) -> str:
    """Where in the kader a problem is, in words: "Rule 4", "Question 2", or the kader."""
    match = PATH.match(path)
    if not match:
        return str(_("The kader as a whole"))
    part, index, _key, _sub = match.groups()
    what = {"questions": _("Question"), "rules": _("Rule"), "instruments": _("Instrument")}[part]
    return f"{what} {int(index) + 1}"
