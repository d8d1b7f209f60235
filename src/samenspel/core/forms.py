# SPDX-License-Identifier: EUPL-1.2
"""Form rendering with the NL Design System field layout: the error next to the field."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class Renderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your e-mail address to confirm"),
        max_length=254,
        help_text=_("Your input stays visible without your name; everything else is erased."),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip().lower()
        if value != self.email.lower():
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return value
