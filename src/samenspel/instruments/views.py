from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samenspel.instruments.registry import registry
from samenspel.trajectories.services import get_visible_traject


@login_required
def choose(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "instruments.attach")
    return render(
        request,
        "instruments/choose.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "manifests": list(registry),
        },
    )
