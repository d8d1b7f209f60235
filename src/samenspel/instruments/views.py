# SPDX-License-Identifier: EUPL-1.2
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.core.http import require
from samenspel.instruments import services
from samenspel.instruments.forms import (
    OrganiserForm,
    RemoveOrganiserForm,
    initial,
    settings_form_class,
)
from samenspel.instruments.models import InstrumentUse
from samenspel.instruments.registry import registry
from samenspel.municipalities.services import get_gemeente
from samenspel.trajectories.services import PHASE_ORDER, Phase, get_visible_traject


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


def _use(request, slug, pk, perm) -> InstrumentUse:
    """The use, if its trajectory is visible to this user (else 404) and ``perm`` holds on it."""
    gemeente = get_gemeente(slug)
    use = get_object_or_404(
        InstrumentUse.objects.select_related("traject"), gemeente=gemeente, pk=pk
    )
    use.gemeente = use.traject.gemeente = gemeente
    if use.instrument not in registry or not request.user.has_perm(
        "trajectories.view_traject", use.traject
    ):
        raise Http404
    require(request, perm, use)
    return use


def _context(use, **extra) -> dict:
    return {"use": use, "traject": use.traject, "gemeente": use.gemeente, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request, slug, pk):
    """The use's settings, and per phase of the trajectory its phase settings, in one form."""
    use = _use(request, slug, pk, "instruments.organise")
    manifest = use.manifest
    data = request.POST if request.method == "POST" else None
    form = settings_form_class(manifest.settings)(
        data, initial=initial(use.settings), prefix="algemeen"
    )
    phase_forms = []
    if manifest.phase_settings is not None:
        labels = dict(Phase.choices)
        form_class = settings_form_class(manifest.phase_settings)
        phase_forms = [
            {
                "phase": phase,
                "label": labels[phase],
                "current": phase == use.traject.phase,
                "form": form_class(data, initial=initial(use.settings_in(phase)), prefix=phase),
            }
            for phase in PHASE_ORDER
        ]
    forms = [form, *(p["form"] for p in phase_forms)]
    if data is not None and all([f.is_valid() for f in forms]):
        services.save_settings(
            request.user,
            use,
            form.settings(),
            {p["phase"]: p["form"].settings() for p in phase_forms},
        )
        messages.success(request, _("The settings were saved."))
        return redirect(use)
    return render(
        request,
        "instruments/settings.html",
        _context(use, form=form, phase_forms=phase_forms, has_errors=data is not None),
    )


def _remove(request, use, person):
    try:
        services.remove_organiser(request.user, use, person)
    except services.OrganiserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(name)s no longer organises this.") % {"name": person.display_name}
        )
        if not request.user.has_perm("instruments.manage_organisers", use):
            return redirect(use)
    return redirect("instruments:organisers", use.gemeente.slug, use.pk)


@login_required
@require_http_methods(["GET", "POST"])
def organisers(request, slug, pk):
    """Who organises this use: see them, name another, or remove one."""
    use = _use(request, slug, pk, "instruments.manage_organisers")
    candidates = services.organiser_candidates(use)
    form = OrganiserForm(None, candidates=candidates)
    if request.method == "POST" and "remove" in request.POST:
        removal = RemoveOrganiserForm(request.POST, use=use)
        if removal.is_valid():
            return _remove(request, use, removal.cleaned_data["remove"].user)
        messages.error(request, _("This person does not organise this (any more)."))
        return redirect("instruments:organisers", slug, pk)
    if request.method == "POST":
        form = OrganiserForm(request.POST, candidates=candidates)
        if form.is_valid():
            person = form.cleaned_data["user"]
            try:
                services.add_organiser(request.user, use, person)
            except services.OrganiserError as exc:
                form.add_error("user", str(exc))
            else:
                messages.success(
                    request, _("%(name)s now organises this.") % {"name": person.display_name}
                )
                return redirect("instruments:organisers", slug, pk)
    return render(
        request,
        "instruments/organisers.html",
        _context(use, organisers=services.organisers(use), form=form),
    )
