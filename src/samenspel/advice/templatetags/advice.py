# SPDX-License-Identifier: EUPL-1.2
"""``{% advies_summary traject %}``: the advised and chosen rung, for trajectory pages."""

from django import template

from samenspel.advice.services import label, lang, latest_advies

register = template.Library()


@register.inclusion_tag("advice/_summary.html", takes_context=True)
def advies_summary(context, traject):
    advies = latest_advies(traject)
    language = lang()
    labels = {
        name: label(kind, getattr(advies, name), language) if advies else ""
        for name, kind in (
            ("rung", "rung"),
            ("stance", "stance"),
            ("chosen_rung", "rung"),
            ("chosen_stance", "stance"),
        )
    }
    return {
        "advies": advies,
        "labels": labels,
        "traject": traject,
        "gemeente": traject.gemeente,
        "request": context.get("request"),
    }
