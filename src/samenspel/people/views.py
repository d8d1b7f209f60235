# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.core.http import submit_once
from samenspel.municipalities.services import get_gemeente
from samenspel.people import services
from samenspel.people.forms import DeclareForm
from samenspel.people.models import Role


def safe_next(request, fallback: str) -> str:
    """The page to continue to: ``next`` when it stays on this site, else ``fallback``."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def declare(request, slug):
    """Before someone first takes part in a municipality: where do they live, or for which
    organisation do they speak? Then on to the form they came for."""
    gemeente = get_gemeente(slug)
    next_url = safe_next(request, reverse("trajectories:gemeente", args=[gemeente.slug]))
    form = DeclareForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["role"] == Role.ORGANISATIE:
            services.declare_organisation(request.user, gemeente, form.cleaned_data["organisatie"])
        else:
            services.declare_residence(request.user, gemeente, form.cleaned_data.get("wijk"))
        messages.success(
            request, _("Thank you. You can now take part in %(gemeente)s.") % {"gemeente": gemeente}
        )
        return redirect(next_url)
    return render(
        request,
        "people/declare.html",
        {"form": form, "gemeente": gemeente, "next": next_url},
    )
