# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import date

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samenspel.assemblies import services
from samenspel.assemblies.models import Burgerraad, Draw
from samenspel.instruments.api import registry
from samenspel.trajectories.api import Phase

MAX_DATES = 12


class BurgerraadForm(forms.ModelForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    phase = forms.ChoiceField(label=_("Phase of the trajectory"))
    dates = forms.CharField(
        label=_("Meeting dates"),
        max_length=500,
        help_text=_("One date per line, for example 2027-03-06."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    features = forms.MultipleChoiceField(
        label=_("Features to stratify on"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The quotas follow the municipality's population (CBS). Residents who answer give "
            "these features themselves."
        ),
    )

    extra = forms.CharField(
        label=_("A question of your own (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "To stratify on something else, such as the attitude on the topic. First line: the "
            "question. Then one answer per line with the least and the most seats, for example "
            "“In favour = 3-8”."
        ),
    )

    class Meta:
        model = Burgerraad
        fields = [
            "question",
            "mandate",
            "promise",
            "seats",
            "compensation",
            "tolerance",
            "panels",
            "erase_after_days",
            "ends_on",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "mandate": forms.Textarea(attrs={"rows": 3}),
            "promise": forms.Textarea(attrs={"rows": 3}),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        gemeente = traject.gemeente
        self.fields["seats"].min_value = 5
        self.fields["seats"].max_value = 200
        self.fields["tolerance"].max_value = 10
        self.fields["panels"].min_value = 10
        self.fields["panels"].max_value = 1000
        self.fields["erase_after_days"].min_value = 1
        self.fields["erase_after_days"].max_value = 365
        self.fields["features"].choices = [
            (f, services.FEATURES[f]) for f in services.available_features(gemeente)
        ]
        if self.instance.pk:
            del self.fields["phase"]
            self.fields["title"].initial = self.instance.use.title
            self.fields["features"].initial = self.instance.features
            self.fields["dates"].initial = "\n".join(self.instance.meeting_dates)
            self.fields["extra"].initial = "\n".join(
                [self.instance.extra_question]
                + [f"{answer} = {low}-{high}" for answer, low, high in self.instance.extra_quotas]
            ).strip()
            fixed = services.fixed_fields(self.instance)
            fixed = (*fixed, "extra") if "features" in fixed else fixed
            for name in [name for name in fixed if name in self.fields]:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed: residents answered already.")
            return
        self.fields["features"].initial = [
            f for f in services.DEFAULT_FEATURES if f in dict(self.fields["features"].choices)
        ]
        labels = dict(Phase.choices)
        allowed = registry.get("burgerraad").phases
        self.fields["phase"].choices = [(p, labels[p]) for p in Phase.values if p in allowed]
        if traject.phase in allowed:
            self.fields["phase"].initial = traject.phase

    def clean_dates(self) -> list[str]:
        days = []
        for line in self.cleaned_data["dates"].split():
            try:
                days.append(date.fromisoformat(line.strip()).isoformat())
            except ValueError:
                raise forms.ValidationError(
                    _("“%(text)s” is not a date; write it as 2027-03-06.") % {"text": line[:20]}
                ) from None
        if not days:
            raise forms.ValidationError(_("Give at least one meeting date."))
        if len(days) > MAX_DATES:
            raise forms.ValidationError(_("Give at most 12 meeting dates."))
        return sorted(set(days))

    def clean_extra(self) -> tuple[str, list]:
        lines = [line.strip() for line in self.cleaned_data["extra"].splitlines() if line.strip()]
        if not lines:
            return "", []
        question, answers = lines[0], []
        if len(question) > 200:
            raise forms.ValidationError(_("Keep the question to at most 200 characters."))
        for line in lines[1:]:
            answer, _sep, bounds = line.rpartition("=")
            low, _dash, high = bounds.strip().partition("-")
            if not answer.strip() or not low.strip().isdigit() or not high.strip().isdigit():
                raise forms.ValidationError(
                    _("Write each answer as “answer = least-most”, for example “In favour = 3-8”.")
                )
            if int(low) > int(high) or len(answer.strip()) > 60:
                raise forms.ValidationError(
                    _(
                        "“%(line)s”: give the least seats first, and an answer of at most 60 "
                        "characters."
                    )
                    % {"line": line[:80]}
                )
            answers.append([answer.strip(), int(low), int(high)])
        if not 2 <= len(answers) <= 8:
            raise forms.ValidationError(_("Give between 2 and 8 answers under the question."))
        return question, answers

    def data_for_save(self) -> dict:
        data = {f: self.cleaned_data[f] for f in self.Meta.fields}
        data["meeting_dates"] = self.cleaned_data["dates"]
        question, answers = self.cleaned_data["extra"]
        data["extra_question"], data["extra_quotas"] = question, answers
        data["features"] = self.cleaned_data["features"] + ([services.EXTRA] if question else [])
        return data


def _day_label(day: str) -> str:
    return date_format(date.fromisoformat(day), "l j F Y")


class ResponseForm(forms.Form):
    """The answer to the letter: availability, the stratification questions, contact details,
    needs and explicit consent."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)
    needs = forms.MultipleChoiceField(
        label=_("What do you need to take part?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=list(services.NEEDS.items()),
    )
    needs_note = forms.CharField(
        label=_("Anything else we should know?"), required=False, max_length=500
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the municipality keeps my answers to draw the members of this "
            "burgerraad by lot. My name and contact details are erased after the draw if I am "
            "not drawn, and after the burgerraad if I am."
        ),
        error_messages={"required": _("Without your consent you cannot be in the draw.")},
    )

    def __init__(self, *args, burgerraad: Burgerraad, stratum: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.burgerraad = burgerraad
        self.fields["available"] = forms.MultipleChoiceField(
            label=_("On which dates can you come?"),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            choices=[(d, _day_label(d)) for d in burgerraad.meeting_dates],
        )
        questions = {
            "age_band": _("How old are you?"),
            "gender": _("What is your gender?"),
            "area": _("In which wijk do you live?"),
            "education": _("What is your highest completed education?"),
        }
        fields = {}
        for feature in burgerraad.features:
            choices = services.feature_choices(burgerraad, feature)
            fields[f"feature_{feature}"] = forms.ChoiceField(
                label=questions.get(feature, burgerraad.extra_question),
                choices=[("", _("choose…")), *choices],
                initial=stratum if feature == "area" and stratum in dict(choices) else None,
            )
        # The stratification questions come first, after the name.
        ordered = {"name": self.fields.pop("name"), **fields}
        ordered["available"] = self.fields.pop("available")
        ordered.update(self.fields)
        self.fields = ordered

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an e-mail address or a phone number, or both."))
        return data

    def data_for_save(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "available": data["available"],
            "needs": data["needs"],
            "needs_note": data.get("needs_note", ""),
            "values": {f: data[f"feature_{f}"] for f in self.burgerraad.features},
        }


class DrawForm(forms.Form):
    seed = forms.CharField(
        label=_("Or the announced seed"),
        required=False,
        max_length=100,
        help_text=_("For example the winning numbers of a public lottery."),
    )

    def __init__(self, *args, m: int, **kwargs):
        super().__init__(*args, **kwargs)
        number = forms.IntegerField(
            label=_("Public number"),
            required=False,
            min_value=1,
            max_value=m,
            help_text=_(
                "Drawn at the meeting with dice or a lottery machine: a number from 1 to %(m)s."
            )
            % {"m": m},
        )
        self.fields = {"number": number, **self.fields}

    def clean(self):
        data = super().clean()
        if (data.get("number") is None) == (not data.get("seed")):
            raise forms.ValidationError(_("Give either the public number or the seed."))
        return data


class SignForm(forms.ModelForm):
    class Meta:
        model = Draw
        fields = ["place", "present", "signed_by"]
        widgets = {"present": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True
