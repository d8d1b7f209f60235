from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.services import Gebied
from samenspel.trajectories.models import (
    CLOSED_STATUSES,
    Ankerpunt,
    Belang,
    Inbreng,
    Phase,
    Procesafspraken,
    Traject,
)


class TrajectForm(forms.ModelForm):
    class Meta:
        model = Traject
        fields = [
            "title",
            "description",
            "initiator",
            "domein",
            "dossiers",
            "gebieden",
            "is_public",
        ]
        widgets = {"gebieden": forms.CheckboxSelectMultiple}

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebieden"].queryset = Gebied.objects.filter(gemeente=gemeente)
        self.fields["gebieden"].required = False

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if len(title) < 5:
            raise forms.ValidationError(_("Give a title of at least 5 characters."))
        return title

    def clean_dossiers(self) -> str:
        tags = [t.strip().lower() for t in self.cleaned_data["dossiers"].split(",") if t.strip()]
        return ", ".join(dict.fromkeys(tags))


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("New phase"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Phase.choices)
        to_phase = cast(forms.ChoiceField, self.fields["to_phase"])
        to_phase.choices = [(p, labels[p]) for p in traject.next_phases()]


class AnkerpuntForm(forms.ModelForm):
    class Meta:
        model = Ankerpunt
        fields = ["text", "set_on", "held", "held_note"]
        widgets = {
            "set_on": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 3}),
            "held_note": forms.Textarea(attrs={"rows": 2}),
            "held": forms.Select(
                choices=[("", _("not yet known")), (True, _("yes")), (False, _("no"))]
            ),
        }


class ProcesafsprakenForm(forms.ModelForm):
    class Meta:
        model = Procesafspraken
        fields = ["wie_beslist", "rollen", "wat_met_inbreng", "terugkoppeling", "raad_informeren"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in fields}


class BelangForm(forms.ModelForm):
    class Meta:
        model = Belang
        fields = ["name", "actor", "status", "invited_by", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if data.get("status") == Belang.Status.UITGENODIGD and not data.get("invited_by"):
            self.add_error("invited_by", _("Say who invited this group to fill the gap."))
        return data


class InbrengForm(forms.ModelForm):
    class Meta:
        model = Inbreng
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Write at least 10 characters."))
        return text


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Inbreng
        fields = ["status", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "explanation": _("Required when you close the input: everyone can read it."),
        }

    def clean(self):
        data = super().clean()
        if data.get("status") in CLOSED_STATUSES and not (data.get("explanation") or "").strip():
            self.add_error(
                "explanation",
                _("Explain publicly what was done with this input before you close it."),
            )
        return data
