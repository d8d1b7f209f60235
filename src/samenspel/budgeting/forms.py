# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.budgeting.models import (
    AgeBand,
    BallotType,
    Begroting,
    Decision,
    Deel,
    Ontbrekend,
    Post,
    Rule,
    Voorstel,
    VoorstelStatus,
)
from samenspel.budgeting.services import FROZEN_FIELDS
from samenspel.instruments.api import registry
from samenspel.trajectories.api import Phase

LARGEST_AMOUNT = 10_000_000_000
VOTE_AHEAD = timedelta(days=365)
CSV_LIMIT = 5_000_000


class BegrotingForm(forms.ModelForm):
    """The set-up of a begroting: what is frozen when voting opens."""

    title = forms.CharField(label=_("Title"), max_length=200)
    phase = forms.ChoiceField(label=_("Phase of the trajectory"))

    class Meta:
        model = Begroting
        fields = [*FROZEN_FIELDS[:1], "description", *FROZEN_FIELDS[1:], "closes_at"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["total"].min_value = 1
        self.fields["total"].max_value = LARGEST_AMOUNT
        self.fields["max_choices"].min_value = 1
        self.fields["max_choices"].max_value = 50
        self.fields["points"].min_value = 1
        self.fields["points"].max_value = 100
        self.fields["min_age"].max_value = 100
        if self.instance.pk:
            del self.fields["phase"]
            self.fields["title"].initial = self.instance.use.title
            return
        labels = dict(Phase.choices)
        allowed = registry.get("begroting").phases
        self.fields["phase"].choices = [(p, labels[p]) for p in Phase.values if p in allowed]
        self.fields["phase"].initial = (
            traject.phase if traject.phase in allowed else Phase.PARTICIPATIE
        )

    def clean_closes_at(self):
        closes = self.cleaned_data["closes_at"]
        if closes is not None and closes > timezone.now() + VOTE_AHEAD:
            raise forms.ValidationError(_("Voting can close at most a year from now."))
        return closes

    def clean(self):
        data = super().clean()
        if data.get("rule") == Rule.PHRAGMEN and data.get("ballot_type") == BallotType.POINTS:
            self.add_error(
                "rule", _("Sequential Phragmén counts approval ballots only; choose another rule.")
            )
        return data


class DeelForm(forms.ModelForm):
    class Meta:
        model = Deel
        fields = ["name", "amount", "gebied"]

    def __init__(self, *args, gebieden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].min_value = 1
        self.fields["amount"].max_value = LARGEST_AMOUNT
        self.fields["gebied"].queryset = gebieden
        self.fields["gebied"].help_text = _("Leave empty for a thematafel open to everyone.")


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["name", "amount", "protected", "frame"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].max_value = LARGEST_AMOUNT

    def clean(self):
        data = super().clean()
        if data.get("protected") and not data.get("frame"):
            self.add_error("frame", _("Say in one sentence what the council decided."))
        return data


class OntbrekendForm(forms.ModelForm):
    class Meta:
        model = Ontbrekend
        fields = ["deel", "interest", "invited"]
        labels = {"deel": _("Thematafel")}

    def __init__(self, *args, delen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deel"].queryset = delen


class VoorstelForm(forms.ModelForm):
    class Meta:
        model = Voorstel
        fields = ["title", "description", "deel", "estimate", "post"]
        labels = {"deel": _("Thematafel or area")}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, begroting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deel"].queryset = begroting.delen.all()
        self.fields["deel"].empty_label = None
        self.fields["estimate"].min_value = 1
        self.fields["estimate"].max_value = LARGEST_AMOUNT
        if begroting.is_savings:
            # Every line is offered, the protected ones too: choosing one is refused with the
            # frame it breaks, so that people learn the frame rather than miss the line.
            self.fields["post"].queryset = begroting.posten.all()
            self.fields["post"].required = True
            self.fields["estimate"].label = _("How much it saves in euros")
        else:
            del self.fields["post"]


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome of the check"),
        choices=[
            (VoorstelStatus.ACCEPTED, _("Accept: it goes on the ballot")),
            (VoorstelStatus.REJECTED, _("Reject: not feasible")),
            (VoorstelStatus.MERGED, _("Merge with another proposal")),
        ],
        widget=forms.RadioSelect,
    )
    cost = forms.IntegerField(
        label=_("Cost in euros"), min_value=1, max_value=LARGEST_AMOUNT, required=False
    )
    merged_into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Voorstel.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person who proposed it, and everyone else, reads this."),
    )

    def __init__(self, *args, voorstel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = voorstel.begroting.voorstellen.exclude(
            pk=voorstel.pk
        ).exclude(status=VoorstelStatus.MERGED)
        self.fields["cost"].initial = voorstel.cost or voorstel.estimate

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == VoorstelStatus.ACCEPTED and not data.get("cost"):
            self.add_error("cost", _("Set the cost of an accepted proposal."))
        if status == VoorstelStatus.MERGED and not data.get("merged_into"):
            self.add_error("merged_into", _("Choose the proposal it is merged into."))
        return data


class DecisionForm(forms.ModelForm):
    decision_url = forms.URLField(
        label=_("link to the council decision"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Voorstel
        fields = ["decision", "decision_date", "decision_url", "decision_amount"]
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].required = True
        self.fields["decision_date"].required = True
        self.fields["decision_amount"].max_value = LARGEST_AMOUNT

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.AMENDED and data.get("decision_amount") is None:
            self.add_error("decision_amount", _("Give the amount the council decided on."))
        return data


class BallotForm(forms.Form):
    """The ballot: a checkbox per project (a number of points on a points ballot), the voter's
    age group, and whether only the remaining amount is to be shown (without JavaScript)."""

    age_band = forms.ChoiceField(
        label=_("Your age"),
        choices=AgeBand.choices,
        required=False,
        help_text=_("Only to show who took part, never with your choice."),
    )

    def __init__(self, *args, begroting, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.begroting = begroting
        self.projects = projects
        points = begroting.ballot_type == BallotType.POINTS
        for voorstel in projects:
            if points:
                self.fields[f"p{voorstel.pk}"] = forms.IntegerField(
                    label=voorstel.title, min_value=0, max_value=begroting.points, required=False
                )
            else:
                self.fields[f"p{voorstel.pk}"] = forms.BooleanField(
                    label=voorstel.title, required=False
                )
        if begroting.min_age:
            self.fields["old_enough"] = forms.BooleanField(
                label=_("I am %(age)s years or older.") % {"age": begroting.min_age},
                error_messages={
                    "required": _("You can vote from the age of %(age)s.")
                    % {"age": begroting.min_age}
                },
            )

    def choices(self) -> dict[int, int]:
        return {v.pk: int(self.cleaned_data.get(f"p{v.pk}") or 0) for v in self.projects}

    def project_fields(self):
        return [(v, self[f"p{v.pk}"]) for v in self.projects]


class PaperForm(BallotForm):
    sheet = forms.CharField(label=_("Ballot paper number"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("old_enough", None)
        self.order_fields(["sheet"])


class CsvForm(forms.Form):
    file = forms.FileField(
        label=_("File with paper ballots (.csv)"),
        help_text=_(
            "One line per ballot paper: its number, a semicolon, and the numbers of the chosen "
            "proposals separated by commas (with number:points on a points ballot)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_LIMIT:
            raise forms.ValidationError(_("The file is too large."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the file as UTF-8 text.")) from None


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Your receipt code"), max_length=30)
