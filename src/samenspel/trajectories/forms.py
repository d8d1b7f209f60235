# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import timedelta
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.services import Gebied
from samenspel.trajectories.models import (
    EXPLAINED_STATUSES,
    OPEN_STATUSES,
    Ankerpunt,
    Belang,
    Domein,
    Inbreng,
    Phase,
    Procesafspraken,
    Traject,
)

#: How long after the council set an anchor point the griffier may still record it.
ANKERPUNT_RECORD_DAYS = 31
#: The largest value a database id column holds.
_MAX_ID = 2**63 - 1


def _is_id(value) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and 0 < int(text) <= _MAX_ID


class AreasField(forms.ModelMultipleChoiceField):
    """Areas by id; a value that is no id at all (²) or too large for the database is refused
    as an unknown choice before it reaches a query."""

    def _check_values(self, value):
        for pk in value:
            if not _is_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)


class TrajectFilterForm(forms.Form):
    """The filters above a municipality's list of trajectories (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    fase = forms.ChoiceField(label=_("Phase"), required=False, choices=Phase.choices)
    domein = forms.ChoiceField(label=_("Domain"), required=False, choices=Domein.choices)
    gebied = forms.ModelChoiceField(label=_("Area"), required=False, queryset=Gebied.objects)

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebied"].queryset = Gebied.objects.filter(gemeente=gemeente)

    def valid_filters(self) -> dict:
        """The filters that are valid (a wrong one is shown with its error and left out)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


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

        field_classes = {"gebieden": AreasField}

    private_reason = forms.CharField(
        label=_("Why is this trajectory no longer public?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when you make a trajectory with input non-public. The council is told; the "
            "people who gave input keep access to it and its answers."
        ),
    )

    def __init__(self, *args, gemeente, closing_needs_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        gebieden = cast(AreasField, self.fields["gebieden"])
        gebieden.queryset = Gebied.objects.filter(gemeente=gemeente)
        gebieden.required = False
        self.closing_needs_reason = closing_needs_reason
        if not closing_needs_reason:
            del self.fields["private_reason"]

    def clean(self):
        data = super().clean()
        if (
            self.closing_needs_reason
            and data.get("is_public") is False
            and not data.get("private_reason", "").strip()
        ):
            self.add_error(
                "private_reason",
                _("People gave input on this trajectory: say why it is no longer public."),
            )
        return data

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
    override_reason = forms.CharField(
        label=_("Reason to go ahead without the council's frame"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when the council's frame is not met yet. It is shown on the timeline, and "
            "the council and the griffier are told."
        ),
    )

    def __init__(self, *args, traject: Traject, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Phase.choices)
        to_phase = cast(forms.ChoiceField, self.fields["to_phase"])
        to_phase.choices = [(p, labels[p]) for p in traject.next_phases()]


class AnkerpuntForm(forms.ModelForm):
    """An anchor point as the griffier records it; once recorded, the date it was set stays.
    Whether it held is recorded in the evaluation."""

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

    def __init__(self, *args, evaluating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not evaluating:
            del self.fields["held"], self.fields["held_note"]
        if self.instance.pk:
            del self.fields["set_on"]
        else:
            self.fields["set_on"].help_text = _(
                "The date of the council meeting: today or at most %(days)s days ago."
            ) % {"days": ANKERPUNT_RECORD_DAYS}

    def clean_set_on(self):
        set_on = self.cleaned_data["set_on"]
        today = timezone.localdate()
        if set_on > today:
            raise forms.ValidationError(_("An anchor point cannot be set in the future."))
        if set_on < today - timedelta(days=ANKERPUNT_RECORD_DAYS):
            raise forms.ValidationError(
                _("Record an anchor point within %(days)s days of the council meeting.")
                % {"days": ANKERPUNT_RECORD_DAYS}
            )
        return set_on


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
    """An answer, or a revised answer: the earlier one stays visible as history. Answered
    input cannot go back to waiting."""

    class Meta:
        model = Inbreng
        fields = ["status", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "explanation": _(
                "Required when you answer or defer the input: everyone can read it. A new "
                "answer does not replace the earlier one; both stay visible."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status in EXPLAINED_STATUSES:
            status = cast(forms.ChoiceField, self.fields["status"])
            status.choices = [c for c in status.choices if c[0] not in OPEN_STATUSES]

    def clean(self):
        data = super().clean()
        if data.get("status") in EXPLAINED_STATUSES and not (data.get("explanation") or "").strip():
            self.add_error(
                "explanation",
                _("Explain publicly what was done with this input, or why it waits."),
            )
        return data
