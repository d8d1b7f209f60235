# SPDX-License-Identifier: EUPL-1.2
"""``{% submission_token %}``: the one-time token that makes a form's submission count once."""

from django import template
from django.utils.html import format_html

from samenspel.core.http import SUBMISSION_FIELD, new_submission_token

register = template.Library()


@register.simple_tag
def submission_token() -> str:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', SUBMISSION_FIELD, new_submission_token()
    )
