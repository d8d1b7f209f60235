# SPDX-License-Identifier: EUPL-1.2
"""``{% advies_summary traject %}``: the advised and chosen rung, for trajectory pages."""

from django import template

from samenspel.advice.services import latest_advies

register = template.Library()


@register.inclusion_tag("advice/_summary.html", takes_context=True)
def advies_summary(context, traject):
    return {
        "advies": latest_advies(traject),
        "traject": traject,
        "gemeente": traject.gemeente,
        "request": context.get("request"),
    }
