# SPDX-License-Identifier: EUPL-1.2
"""Template filters for the questionnaire: a question's fields and texts in the reader's
language."""

from django import template
from django.utils.translation import get_language

from samenspel.panel import services

register = template.Library()


@register.filter
def dictget(mapping, key):
    return mapping.get(key, [])


@register.filter
def field(form, name):
    return form[name]


@register.filter
def question_text(question) -> str:
    return services.question_text(question)


@register.filter
def intro(consultation) -> str:
    if get_language() == "en" and consultation.intro_en:
        return consultation.intro_en
    return consultation.intro
