# SPDX-License-Identifier: EUPL-1.2
"""The error pages, the health check, the inbox, “Mijn gegevens” and the long-work progress page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from samenspel.core.forms import EraseForm
from samenspel.core.health import health
from samenspel.core.models import LongWork
from samenspel.core.services import erase_person, export_personal_data, notifications_of


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@require_safe
@never_cache
def health_check(request):
    """Health endpoint for load balancers and monitoring: 200 when healthy, 503 otherwise."""
    healthy, parts = health()
    return JsonResponse(parts, status=200 if healthy else 503)


@login_required
def inbox(request):
    notes = notifications_of(request.user)
    if request.method == "POST":
        notes.filter(read=False).update(read=True)
        return redirect("inbox")
    page = Paginator(notes, 25).get_page(request.GET.get("pagina"))
    return render(request, "core/inbox.html", {"page": page})


@login_required
def my_data(request):
    """“Mijn gegevens”: download everything Samenspel holds about you, or erase it."""
    if request.GET.get("download"):
        body = json.dumps(export_personal_data(request.user), cls=DjangoJSONEncoder, indent=2)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return response
    form = EraseForm(request.POST or None, email=request.user.email)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        erase_person(user)
        messages.success(request, _("Your account and personal data have been erased."))
        return redirect("trajectories:home")
    return render(request, "core/my_data.html", {"form": form})


@login_required
def long_work(request, pk):
    """How far a piece of long work is. While it runs, htmx polls this page for its progress
    part; without JavaScript the "Refresh" link reloads it."""
    work = get_object_or_404(LongWork, pk=pk)
    if not request.user.has_perm("core.view_long_work", work):
        raise Http404
    template = "core/_long_work.html" if request.htmx else "core/long_work.html"
    return render(request, template, {"work": work})
