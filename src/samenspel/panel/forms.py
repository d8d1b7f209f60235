# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import registry
from samenspel.panel import services
from samenspel.panel.models import ATTRIBUTES, Kind, Panel, Question
from samenspel.trajectories.api import Phase

#: Kinds whose answers are one of a list (a condition can depend on them).
CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE5, Kind.SCALE10)
#: Kinds that need a list of options, items or statements.
LISTED_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING, Kind.MATRIX, Kind.BUDGET)
OPEN_LENGTH = 2000


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ProfileForm(forms.Form):
    """The profile attributes the municipality asks of its panel members."""

    def __init__(self, *args, gemeente, panel: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        for attribute in panel.attributes:
            self.fields[attribute] = forms.ChoiceField(
                label=services.ATTRIBUTE_LABELS[attribute],
                choices=services.attribute_choices(gemeente, attribute),
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the answers.")},
            )


class JoinForm(ProfileForm):
    consent = forms.BooleanField(
        label=_("I agree: the municipality keeps my profile and answers for this purpose."),
        error_messages={"required": _("Without your agreement you cannot join the panel.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*(f for f in self.fields if f != "consent"), "consent"])


class PanelSettingsForm(forms.ModelForm):
    attributes = forms.MultipleChoiceField(
        label=_("Profile questions for new members"),
        choices=[(a, services.ATTRIBUTE_LABELS[a]) for a in ATTRIBUTES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used to compare the panel with the population."),
    )

    class Meta:
        model = Panel
        fields = [
            "purpose",
            "consent_months",
            "max_per_year",
            "min_days",
            "retire_after_months",
            "feedback_days",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    phase = forms.ChoiceField(label=_("Phase of the trajectory"))
    intro = forms.CharField(
        label=_("Introduction"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    intro_en = forms.CharField(
        label=_("Introduction in English"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Phase.choices)
        allowed = registry.get("raadpleging").phases
        self.fields["phase"].choices = [(p, labels[p]) for p in Phase.values if p in allowed]
        self.fields["phase"].initial = traject.phase if traject.phase in allowed else None


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "text_en",
            "options",
            "options_en",
            "budget",
            "show_if",
            "show_if_value",
        ]
        widgets = {
            "options": forms.Textarea(attrs={"rows": 5}),
            "options_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = consultation.questions.filter(kind__in=CHOICE_KINDS)
        if self.instance.pk:
            earlier = earlier.filter(position__lt=self.instance.position)
        self.fields["show_if"].queryset = earlier
        self.fields["show_if"].label_from_instance = lambda q: q.text
        self.fields["show_if"].help_text = _("Leave empty to ask the question to everyone.")
        self.fields["budget"].help_text = _("Only for a question that divides a budget.")

    def clean(self):
        data = super().clean()
        kind, options = data.get("kind"), _lines(data.get("options", ""))
        english = _lines(data.get("options_en", ""))
        if kind in LISTED_KINDS and len(options) < 2:
            self.add_error("options", _("Give at least two options, one per line."))
        if english and len(english) != len(options):
            self.add_error("options_en", _("Give as many English options as Dutch ones."))
        condition, value = data.get("show_if"), data.get("show_if_value", "")
        if condition is not None and value not in services.options_of(condition):
            self.add_error(
                "show_if_value",
                _("Choose one of the answers of that question: %(options)s")
                % {"options": ", ".join(services.options_of(condition))},
            )
        return data


class ProposalForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Whom to invite"),
        choices=[
            ("sample", _("A sample that matches the population")),
            ("all", _("Every member the fatigue limit allows")),
        ],
        widget=forms.RadioSelect,
        initial="sample",
    )
    size = forms.IntegerField(
        label=_("Number of members to invite"), min_value=10, max_value=100_000, initial=400
    )
    attributes = forms.MultipleChoiceField(
        label=_("Match the population on"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, panel: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        attributes = self.fields["attributes"]
        assert isinstance(attributes, forms.MultipleChoiceField)
        attributes.choices = [(a, services.ATTRIBUTE_LABELS[a]) for a in panel.attributes]
        self.fields["attributes"].initial = list(panel.attributes)

    def clean(self):
        data = super().clean()
        if data.get("mode") == "sample" and not data.get("attributes"):
            self.add_error("attributes", _("Choose at least one attribute to match."))
        return data


class FeedbackForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What was done with the result"),
        choices=[(s, services.InbrengStatus(s).label) for s in services.CLOSED_STATUSES],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Public account"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Shown on the trajectory's page “What was done with your input?” and sent to every "
            "respondent. When the council did not follow the panel, say why."
        ),
    )


class TagForm(forms.Form):
    response = forms.IntegerField(widget=forms.HiddenInput)
    tags = forms.CharField(
        label=_("Tags"),
        max_length=300,
        required=False,
        help_text=_("Separate tags with commas."),
    )

    def clean_tags(self):
        return [t.strip()[:60] for t in self.cleaned_data["tags"].split(",") if t.strip()]


class AnswerForm(forms.Form):
    """The questions asked so far, one field per answer (a matrix or budget: one per row)."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.rows: dict[int, list[str]] = {}
        for question in questions:
            key, given = str(question.pk), answers.get(str(question.pk))
            options = services.shown_options(question)
            text = services.question_text(question)
            if question.kind in (Kind.SINGLE, Kind.SCALE5, Kind.SCALE10):
                self._add(
                    question,
                    key,
                    forms.ChoiceField(
                        label=text, choices=options, widget=forms.RadioSelect, required=False
                    ),
                    given,
                )
            elif question.kind == Kind.MULTIPLE:
                self._add(
                    question,
                    key,
                    forms.MultipleChoiceField(
                        label=text,
                        choices=options,
                        widget=forms.CheckboxSelectMultiple,
                        required=False,
                    ),
                    given,
                )
            elif question.kind == Kind.OPEN:
                self._add(
                    question,
                    key,
                    forms.CharField(
                        label=text,
                        max_length=OPEN_LENGTH,
                        required=False,
                        widget=forms.Textarea(attrs={"rows": 4}),
                    ),
                    given,
                )
            else:
                self._rows(question, options, given)

    def _add(self, question, name, field, initial) -> None:
        field.initial = initial
        self.fields[name] = field
        self.rows.setdefault(question.pk, []).append(name)

    def _rows(self, question, options, given) -> None:
        given = given if isinstance(given, dict | list) else {}
        for index, (value, text) in enumerate(options):
            name = f"{question.pk}_{index}"
            if question.kind == Kind.MATRIX:
                field: forms.Field = forms.ChoiceField(
                    label=text,
                    choices=[(str(n), label) for n, label in enumerate(services.AGREEMENT, 1)],
                    widget=forms.RadioSelect,
                    required=False,
                )
                initial = str(given.get(value, "")) if isinstance(given, dict) else ""
            elif question.kind == Kind.RANKING:
                field = forms.TypedChoiceField(
                    label=text,
                    choices=[("", "–")] + [(str(n), str(n)) for n in range(1, len(options) + 1)],
                    coerce=int,
                    required=False,
                    empty_value=None,
                )
                initial = (
                    str(given.index(value) + 1)
                    if isinstance(given, list) and value in given
                    else ""
                )
            else:
                field = forms.IntegerField(
                    label=text, min_value=0, max_value=question.budget, required=False
                )
                initial = str(given.get(value, "")) if isinstance(given, dict) else ""
            self._add(question, name, field, initial)

    def clean(self):
        data = super().clean()
        for question in self.questions:
            if question.kind == Kind.RANKING:
                places = [data.get(n) for n in self.rows[question.pk] if data.get(n)]
                if len(places) != len(set(places)):
                    self.add_error(
                        self.rows[question.pk][0], _("Give each place to one item only.")
                    )
            if question.kind == Kind.BUDGET:
                total = sum(data.get(n) or 0 for n in self.rows[question.pk])
                if total > question.budget:
                    self.add_error(
                        self.rows[question.pk][0],
                        _("You divided %(total)s points; there are %(budget)s.")
                        % {"total": total, "budget": question.budget},
                    )
        return data

    def answers(self) -> dict:
        """The answers in the form they are stored: by question id, in Dutch option values."""
        result: dict = {}
        for question in self.questions:
            names = self.rows[question.pk]
            values = services.options_of(question)
            if question.kind == Kind.MATRIX:
                chosen = {
                    v: int(self.cleaned_data[n])
                    for v, n in zip(values, names, strict=True)
                    if self.cleaned_data.get(n)
                }
                result[str(question.pk)] = chosen
            elif question.kind == Kind.BUDGET:
                result[str(question.pk)] = {
                    v: self.cleaned_data[n]
                    for v, n in zip(values, names, strict=True)
                    if self.cleaned_data.get(n) is not None
                }
            elif question.kind == Kind.RANKING:
                placed = sorted(
                    (self.cleaned_data[n], v)
                    for v, n in zip(values, names, strict=True)
                    if self.cleaned_data.get(n)
                )
                result[str(question.pk)] = [v for _place, v in placed]
            else:
                result[str(question.pk)] = self.cleaned_data.get(names[0]) or ""
        return result
