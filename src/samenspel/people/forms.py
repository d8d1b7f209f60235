# SPDX-License-Identifier: EUPL-1.2
"""The short step in which a person says how they belong to a municipality."""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.services import Gebied
from samenspel.people.models import Membership, Role


class DeclareForm(forms.Form):
    role = forms.ChoiceField(label=_("I take part as"), widget=forms.RadioSelect)
    wijk = forms.ModelChoiceField(
        label=_("District where you live (optional)"),
        queryset=Gebied.objects.none(),
        required=False,
        empty_label=_("I'd rather not say"),
    )
    organisatie = forms.CharField(
        label=_("Name of the organisation or enterprise"),
        help_text=_("Only if you speak for an organisation or enterprise."),
        max_length=Membership._meta.get_field("organisatie").max_length,
        required=False,
    )

    def __init__(self, *args, gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (Role.INWONER, _("I live in %(gemeente)s") % {"gemeente": gemeente.name}),
            (
                Role.ORGANISATIE,
                _("I speak for an organisation or enterprise in %(gemeente)s")
                % {"gemeente": gemeente.name},
            ),
        ]
        # Villages and districts; neighbourhoods would make the list too long to choose from.
        self.fields["wijk"].queryset = Gebied.objects.filter(
            gemeente=gemeente, kind__in=["kern", "wijk"]
        ).order_by("name")
        if not self.fields["wijk"].queryset.exists():
            del self.fields["wijk"]

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.ORGANISATIE and not data.get("organisatie", "").strip():
            self.add_error("organisatie", _("Fill in the organisation you speak for."))
        return data


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form, with our message when the two passwords differ."""

    def clean(self):
        data = super().clean()
        first, second = self.data.get("password1"), self.data.get("password2")
        if first and second and first != second:
            self.errors["password2"] = self.error_class(
                [_("The two passwords are not the same. Type the same password twice.")]
            )
        return data
