# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import registry
from samenspel.meetings.models import Bijeenkomst, Kind, Verslagpunt
from samenspel.meetings.services import previous_stamtafel_host
from samenspel.trajectories.api import Phase

#: How far ahead a meeting can be planned, and how long it can last.
PLAN_AHEAD = timedelta(days=2 * 365)
LONGEST = timedelta(days=7)
POINT_LENGTH: int = Verslagpunt._meta.get_field("text").max_length  # type: ignore[assignment]


class BijeenkomstForm(forms.ModelForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    phase = forms.ChoiceField(label=_("Phase of the trajectory"))
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Bijeenkomst
        fields = [
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "host",
            "capacity",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        self.fields["capacity"].min_value = 1
        if self.instance.pk:
            # The phase a meeting belongs to stays; its title is the instrument use's.
            del self.fields["phase"]
            self.fields["title"].initial = self.instance.use.title
            self.registered = self.instance.aanmeldingen.filter(waiting=False).count()
            return
        self.registered = 0
        labels = dict(Phase.choices)
        allowed = registry.get("bijeenkomst").phases
        self.fields["phase"].choices = [(p, labels[p]) for p in Phase.values if p in allowed]
        self.fields["phase"].initial = traject.phase

    def clean_starts_at(self):
        starts = self.cleaned_data["starts_at"]
        now = timezone.now()
        moved = "starts_at" in self.changed_data or not self.instance.pk
        if moved and starts < now:
            raise forms.ValidationError(_("A meeting cannot start in the past."))
        if starts > now + PLAN_AHEAD:
            raise forms.ValidationError(_("Plan a meeting at most two years ahead."))
        return starts

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        elif starts and ends and ends - starts > LONGEST:
            self.add_error("ends_at", _("A meeting lasts at most seven days."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place, an online link, or both."))
        if data.get("capacity") is not None and data["capacity"] < 1:
            self.add_error("capacity", _("At least one person must be able to attend."))
        elif data.get("capacity") is not None and data["capacity"] < self.registered:
            self.add_error(
                "capacity",
                _("%(count)s people are registered already: the capacity cannot be lower.")
                % {"count": self.registered},
            )
        if data.get("kind") == Kind.STAMTAFEL and data.get("host") and starts:
            previous = previous_stamtafel_host(
                self.traject.gemeente, before=starts, exclude=self.instance.pk
            )
            if previous and previous.strip().lower() == data["host"].strip().lower():
                self.add_error(
                    "host",
                    _("The host of a stamtafel rotates: %(host)s hosted the previous one.")
                    % {"host": previous},
                )
        return data


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Public report"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    points = forms.CharField(
        label=_("New points (one per line)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Each point can later become input on the trajectory, with feedback owed."),
    )

    def clean_points(self) -> list[str]:
        points = [p.strip() for p in self.cleaned_data["points"].splitlines() if p.strip()]
        if any(len(p) > POINT_LENGTH for p in points):
            raise forms.ValidationError(
                _("Keep each point to at most %(n)s characters.") % {"n": POINT_LENGTH}
            )
        return points


class MailForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Everyone registered receives it by e-mail; they do not see each other."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Everyone registered or on the waiting list is told, with this reason."),
    )
