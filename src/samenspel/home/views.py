# SPDX-License-Identifier: EUPL-1.2
"""“Mijn Samenspel”: where every person lands after logging in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samenspel.home import services


@login_required
def mijn(request):
    """Every logged-in person has a home; what it shows follows the roles they hold."""
    previous_visit = services.record_visit(request.user)
    return render(request, "home/mijn.html", services.home(request.user, previous_visit))
