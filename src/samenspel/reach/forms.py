# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.engines.sampling.addresses import Limits
from samenspel.municipalities.services import Gemeente
from samenspel.reach.models import ReachPolicy

MAX_UPLOAD = Limits().max_bytes


class UploadForm(forms.Form):
    name = forms.CharField(label=_("Name of the file"), max_length=200)
    file = forms.FileField(
        label=_("Address file (CSV)"),
        help_text=_(
            "A CSV file from the BAG or BRP, with a semicolon or comma between the fields. "
            "Required columns: straat, huisnummer, postcode, woonplaats; for a sample by "
            "wijk also wijk."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large (at most 64 MB)."))
        return upload


class DrawForm(forms.Form):
    size = forms.IntegerField(label=_("Number of letters"), min_value=1, max_value=100_000)
    strata = forms.ChoiceField(label=_("Spread the letters by"), required=False)
    oversample = forms.CharField(
        label=_("Send more letters to (optional)"),
        required=False,
        max_length=500,
        help_text=_(
            "Per line a value of the column above and a factor, for example WK030701=1.5 "
            "for half again as many letters in that wijk."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, columns=(), rows=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.fields["strata"].choices = [("", _("no spread (simple random sample)"))] + [
            (c, c) for c in columns
        ]

    def clean_size(self):
        size = self.cleaned_data["size"]
        if size > self.rows:
            raise forms.ValidationError(
                _("The file has %(rows)s rows: ask for at most that many letters.")
                % {"rows": self.rows}
            )
        return size

    def clean_oversample(self):
        factors = {}
        for line in self.cleaned_data["oversample"].splitlines():
            if not line.strip():
                continue
            value, sep, factor = line.partition("=")
            try:
                number = float(factor.replace(",", "."))
            except ValueError:
                number = 0.0
            if not sep or not value.strip() or not number > 0:
                raise forms.ValidationError(
                    _("Write each line as value=factor, with a factor above 0: %(line)s")
                    % {"line": line.strip()[:60]}
                )
            factors[value.strip()] = number
        return factors

    def clean(self):
        data = super().clean()
        if data.get("oversample") and not data.get("strata"):
            self.add_error("oversample", _("Choose a column to spread the letters by first."))
        return data


class LetterForm(forms.Form):
    letter_text = forms.CharField(
        label=_("Text of the letter"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Write in plain language (B1). An empty line starts a new paragraph."),
    )
    letter_text_en = forms.CharField(
        label=_("Text in English on a second page (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    signatory = forms.CharField(label=_("Signed by (name)"), max_length=120)
    signatory_role = forms.ChoiceField(
        label=_("Office of the signatory"),
        choices=[("burgemeester", _("Mayor")), ("griffier", _("Clerk of the council"))],
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your personal code"),
        max_length=40,
        help_text=_("It is in your letter, for example ABCD-EFGH-JKLM."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ReissueForm(forms.Form):
    line = forms.IntegerField(label=_("Line in the address file"), min_value=1)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ReachPolicy
        fields = ["retention_days", "invitation_pause_days", "code_valid_days"]


class OptOutForm(forms.Form):
    """No more letters: by the code from a letter, or by address in a municipality."""

    code = forms.CharField(
        label=_("The code from your letter"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Gemeente.objects.order_by("name"),
        required=False,
        empty_label=_("choose your municipality"),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        required=False,
        help_text=_("For example 3811 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    number = forms.IntegerField(
        label=_("House number"), min_value=1, max_value=99_999, required=False
    )
    letter = forms.CharField(label=_("House letter (if any)"), max_length=1, required=False)
    addition = forms.CharField(label=_("Addition (if any)"), max_length=4, required=False)

    def clean_postcode(self):
        postcode = "".join(self.cleaned_data["postcode"].split()).upper()
        if postcode and not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", postcode):
            raise forms.ValidationError(_("Type a postcode like 3811 AB."))
        return postcode

    def clean(self):
        data = super().clean()
        if data.get("code") or self.errors:
            return data
        address = ("gemeente", "postcode", "number")
        if not any(data.get(field) for field in (*address, "letter", "addition")):
            raise forms.ValidationError(
                _("Type the code from your letter, or fill in your address.")
            )
        for field in address:
            if not data.get(field):
                self.add_error(field, self.fields[field].error_messages["required"])
        return data
