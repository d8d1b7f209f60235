# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.advice.models import RUNG_CHOICES, STANCE_CHOICES
from samenspel.engines.advice import MAX_KADER_CHARS, InvalidKader, Question, load_kader

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

    def __init__(self, *args, advies, **kwargs):
        super().__init__(*args, **kwargs)
        self.advies = advies

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
