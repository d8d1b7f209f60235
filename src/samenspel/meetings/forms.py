from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.api import registry
from samenspel.meetings.models import Bijeenkomst, Kind
from samenspel.meetings.services import previous_stamtafel_host
from samenspel.trajectories.api import Phase


class BijeenkomstForm(forms.ModelForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    phase = forms.ChoiceField(label=_("Phase of the trajectory"))
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Bijeenkomst
        fields = ["kind", "starts_at", "ends_at", "place", "online_url", "host", "capacity"]
        widgets = {
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
        labels = dict(Phase.choices)
        allowed = registry.get("bijeenkomst").phases
        self.fields["phase"].choices = [(p, labels[p]) for p in Phase.values if p in allowed]
        self.fields["phase"].initial = traject.phase
        self.fields["capacity"].min_value = 1

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place, an online link, or both."))
        if data.get("capacity") is not None and data["capacity"] < 1:
            self.add_error("capacity", _("At least one person must be able to attend."))
        if data.get("kind") == Kind.STAMTAFEL and data.get("host") and starts:
            previous = previous_stamtafel_host(self.traject.gemeente, before=starts)
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
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Each point can later become input on the trajectory, with feedback owed."),
    )
