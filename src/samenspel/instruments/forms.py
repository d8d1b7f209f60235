# SPDX-License-Identifier: EUPL-1.2
"""Forms of the instruments app: a use's settings, built from its dataclass, and organisers."""

from __future__ import annotations

import functools
from enum import Enum
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.instruments.config import SettingField, fields_of


class SettingsForm(forms.Form):
    """Base of the generated forms: ``settings()`` gives the cleaned data as the dataclass."""

    settings_class: type

    def settings(self) -> Any:
        return self.settings_class(**self.cleaned_data)


def _enum_field(field: SettingField, common: dict) -> forms.Field:
    assert field.enum is not None
    members = {str(m.value): m for m in field.enum}
    labels = dict(field.enum.choices)
    return forms.TypedChoiceField(
        choices=[(key, labels[m.value]) for key, m in members.items()],
        coerce=members.__getitem__,
        empty_value=None,
        **common,
    )


def _form_field(field: SettingField) -> forms.Field:
    common: dict[str, Any] = {"label": field.label, "help_text": field.help_text}
    if field.kind == "bool":
        return forms.BooleanField(required=False, **common)
    required = not field.optional
    if field.kind == "int":
        return forms.IntegerField(
            min_value=field.min_value, max_value=field.max_value, required=required, **common
        )
    if field.kind == "date":
        return forms.DateField(
            required=required,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
        )
    if field.kind == "enum":
        return _enum_field(field, {"required": required, **common})
    if field.choices:
        return forms.ChoiceField(choices=field.choices, required=required, **common)
    # Text with an empty default is optional: leaving it empty keeps it empty.
    return forms.CharField(
        max_length=field.max_length,
        required=required and field.default != "",
        empty_value=None if field.optional else "",
        **common,
    )


@functools.cache
def settings_form_class(cls: type) -> type[SettingsForm]:
    """A form with one field per setting of the dataclass ``cls``: labels and help texts from
    the field's ``setting()`` declaration, limits as the form field's own checks (so the errors
    are Django's, in the reader's language, next to the field)."""
    fields = {field.name: _form_field(field) for field in fields_of(cls)}
    return type(f"{cls.__name__}Form", (SettingsForm,), {"settings_class": cls, **fields})


def initial(settings: Any) -> dict[str, Any]:
    """The form's initial data for a settings dataclass."""
    values = {}
    for field in fields_of(settings.__class__):
        value = getattr(settings, field.name)
        values[field.name] = value.value if isinstance(value, Enum) else value
    return values


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.email})"


class OrganiserForm(forms.Form):
    user = _PersonChoice(
        label=_("Person"),
        queryset=None,
        empty_label=_("Choose a person"),
        help_text=_("Officials and the council clerk's office of this municipality can organise."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates


class RemoveOrganiserForm(forms.Form):
    remove: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, use, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].queryset = use.organisers.all()
