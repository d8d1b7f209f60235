# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samenspel.learning import known
from samenspel.learning.models import (
    Answer,
    Corner,
    Evaluation,
    Experiment,
    Indicator,
    Instrument,
    Kind,
    Lesson,
    Theme,
)
from samenspel.municipalities.services import SizeClass
from samenspel.people.services import Role, User, users_with_roles
from samenspel.trajectories.services import trajecten_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_LENGTH = 2000


class ExperimentForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = [
            "title",
            "initiator",
            "theme",
            "instrument",
            "learning_question",
            "responsible",
            "started_on",
            "sharing",
        ]
        widgets = {"learning_question": forms.Textarea(attrs={"rows": 3}), "started_on": DATE}
        help_texts = {
            "learning_question": _("What does the municipality want to learn from it?"),
            "sharing": _(
                "Shared experiments appear in the library of other municipalities and the "
                "province, with their indicators, trend and lessons."
            ),
        }

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            taken = Experiment.objects.filter(traject__isnull=False).values("traject_id")
            self.fields["traject"] = forms.ModelChoiceField(
                label=_("Trajectory"),
                queryset=trajecten_of([gemeente.pk]).exclude(pk__in=taken).order_by("title"),
                required=False,
                help_text=_(
                    "The trajectory this experiment follows; leave empty for an initiative "
                    "from society that has no trajectory here."
                ),
            )
            self.order_fields(["traject"])
        officials = users_with_roles(gemeente, [Role.AMBTENAAR]).order_by("name", "email")
        self.fields["responsible"].queryset = officials
        self.fields["responsible"].required = True
        self.fields["responsible"].help_text = _("Is reminded of every measuring moment.")


class IndicatorForm(forms.ModelForm):
    known = forms.ChoiceField(
        label=_("Filled in by Samenspel"),
        required=False,
        help_text=_("Choose a figure Samenspel already keeps, or leave empty to enter it."),
    )

    class Meta:
        model = Indicator
        fields = ["question", "kind", "known", "baseline", "target", "rhythm"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["known"].choices = [("", _("No, the official enters it")), *known.choices()]


def _value_field(indicator: Indicator) -> forms.Field:
    label = gettext(indicator.question)
    if indicator.kind == Kind.TEXT:
        return forms.CharField(
            label=label,
            required=False,
            max_length=TEXT_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    if indicator.kind == Kind.YESNO:
        return forms.TypedChoiceField(
            label=label,
            required=False,
            choices=[("", _("not measured")), ("1", _("yes")), ("0", _("no"))],
            coerce=int,
            empty_value=None,
        )
    if indicator.kind == Kind.SCALE:
        return forms.IntegerField(label=label, required=False, min_value=1, max_value=10)
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=12, decimal_places=2
    )


class MomentForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to"), widget=DATE)

    def __init__(self, *args, indicators, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_start"].initial = period.start
        self.fields["period_end"].initial = period.end
        self.indicators = [i for i in indicators if not i.known]
        self.known = [i for i in indicators if i.known]
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = _value_field(indicator)
        for corner, label in Corner.choices:
            self.fields[f"{corner}_well"] = forms.CharField(
                label=_("%(actor)s: what went well") % {"actor": label},
                required=False,
                max_length=TEXT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{corner}_sad"] = forms.CharField(
                label=_("%(actor)s: what disappointed") % {"actor": label},
                required=False,
                max_length=TEXT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data

    @property
    def value_fields(self) -> list:
        return [self[f"indicator_{i.pk}"] for i in self.indicators]

    @property
    def reflection_fields(self) -> list:
        return [self[name] for name in self.fields if name.endswith(("_well", "_sad"))]

    def entered(self) -> dict:
        return {i.pk: self.cleaned_data.get(f"indicator_{i.pk}") for i in self.indicators}

    def reflections(self) -> list[tuple[str, str, str]]:
        return [
            (c, self.cleaned_data[f"{c}_well"], self.cleaned_data[f"{c}_sad"])
            for c in Corner.values
        ]


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["year", "verdict", "reason"]
        widgets = {"verdict": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "verdict": _(
                "Did the municipality manage to deepen its connection with society "
                "(schaalverdieping)?"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            choices=[(y, y) for y in range(year, year - 6, -1)],
            coerce=int,
            initial=year,
        )


SCORES = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [
            "design_score",
            "design",
            "experience_score",
            "experience",
            "impact_score",
            "impact",
        ]

    def __init__(self, *args, respondent: str, **kwargs):
        super().__init__(*args, **kwargs)
        organiser = respondent == "organisator"
        questions = {
            "design": _(
                "Was the process designed well: a clear task, a fair selection of participants, "
                "enough time and information?"
            ),
            "experience": (
                _("Did the participants hear each other and weigh the arguments?")
                if organiser
                else _("Could you speak freely, hear the others and weigh the arguments?")
            ),
            "impact": _(
                "Did the outcome reach the council and college, and did participants hear what "
                "became of it?"
            ),
        }
        for stage, question in questions.items():
            self.fields[f"{stage}_score"] = forms.TypedChoiceField(
                label=question,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 is very poor, 5 is very good."),
            )
            self.fields[stage].label = _("Explain your score (optional)")
            self.fields[stage].widget = forms.Textarea(attrs={"rows": 3})


class CornersField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Placed at"),
            choices=Corner.choices,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The actor or actors the note concerns; several: between them."),
            error_messages={"required": _("Place the note at one actor at least.")},
            **kwargs,
        )


class LessonForm(forms.ModelForm):
    corners = CornersField()

    class Meta:
        model = Lesson
        fields = ["kind", "text", "corners", "theme", "instrument", "experiment", "sharing"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experiment"].queryset = Experiment.objects.filter(gemeente=gemeente)
        self.fields["experiment"].required = False


class ApproveForm(forms.Form):
    text = forms.CharField(
        label=_("Your note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Correct the text if it does not say what you meant, then approve it."),
    )


class LibraryForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    instrument = forms.ChoiceField(label=_("Way of working"), required=False)
    size = forms.ChoiceField(label=_("Size class"), required=False)
    provincie = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("all"))]
        self.fields["theme"].choices = every + list(Theme.choices)
        self.fields["instrument"].choices = every + list(Instrument.choices)
        self.fields["size"].choices = every + list(SizeClass.choices)
        self.fields["provincie"].choices = every + [(p.slug, p.name) for p in provinces]


class MemberChoice(forms.ModelMultipleChoiceField):
    def __init__(self, *args, labels: dict, **kwargs):
        self.labels = labels
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({self.labels[obj.pk]})"


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {user.pk: gemeente.name for user, gemeente in candidates}
        self.fields["members"] = MemberChoice(
            label=_("Officials"),
            queryset=User.objects.filter(pk__in=labels).order_by("name", "email"),
            widget=forms.CheckboxSelectMultiple,
            labels=labels,
            help_text=_("About four officials from different municipalities."),
        )


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place or online link"), max_length=300)


class NoteForm(forms.ModelForm):
    corners = CornersField()

    class Meta:
        model = Lesson
        fields = ["kind", "text", "corners", "instrument"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"] = forms.ModelChoiceField(
            label=_("Whose note"),
            queryset=members,
            help_text=_("The participant approves their own note before it is shared."),
        )
        self.order_fields(["author"])
