# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.core.http import deny, form_page, submit_once
from samenspel.core.services import audit_personal_view
from samenspel.instruments.services import allowed, use_menu
from samenspel.meetings import services
from samenspel.meetings.forms import BijeenkomstForm, CancelForm, MailForm, ReportForm
from samenspel.meetings.models import Bijeenkomst, Verslagpunt
from samenspel.municipalities.services import get_gemeente
from samenspel.people.services import assurance_level, require_participant
from samenspel.trajectories.services import get_visible_traject


def _get(request, slug, pk) -> Bijeenkomst:
    gemeente = get_gemeente(slug)
    bijeenkomst = get_object_or_404(
        Bijeenkomst.objects.select_related("use__traject"), gemeente=gemeente, pk=pk
    )
    traject = bijeenkomst.use.traject
    traject.gemeente = bijeenkomst.use.gemeente = bijeenkomst.gemeente = gemeente
    if not request.user.has_perm("trajectories.view_traject", traject):
        raise Http404
    return bijeenkomst


def _require(request, bijeenkomst: Bijeenkomst, action: str) -> None:
    """Deny unless this person may do the manifest's ``action`` on this meeting's use."""
    if not allowed(request.user, bijeenkomst.use, action):
        deny(request)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "instruments.attach")
    form = BijeenkomstForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        bijeenkomst = services.create_bijeenkomst(
            request.user, traject, form.cleaned_data["phase"], form.cleaned_data["title"], data
        )
        messages.success(request, _("The meeting was added to the trajectory."))
        return redirect(bijeenkomst)
    return form_page(request, form, _("New meeting"), traject.gemeente, traject)


def _after_telling(request, bijeenkomst, work, done: str):
    """Where to go once the registrants are being told: the progress page when it is long
    work, else back to the meeting."""
    messages.success(request, done)
    if work is not None:
        return redirect("long_work", work.pk)
    return redirect(bijeenkomst)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def edit(request, slug, pk):
    bijeenkomst = _get(request, slug, pk)
    _require(request, bijeenkomst, "manage")
    traject = bijeenkomst.use.traject
    form = BijeenkomstForm(request.POST or None, instance=bijeenkomst, traject=traject)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        work = services.update_bijeenkomst(
            request.user, bijeenkomst, form.cleaned_data["title"], data
        )
        return _after_telling(
            request, bijeenkomst, work, _("The meeting was changed; registrants are told.")
        )
    return form_page(request, form, _("Edit meeting"), bijeenkomst.gemeente, traject)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def cancel(request, slug, pk):
    bijeenkomst = _get(request, slug, pk)
    _require(request, bijeenkomst, "manage")
    if bijeenkomst.is_cancelled:
        messages.info(request, _("This meeting was cancelled already."))
        return redirect(bijeenkomst)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        work = services.cancel_bijeenkomst(request.user, bijeenkomst, form.cleaned_data["reason"])
        return _after_telling(
            request, bijeenkomst, work, _("The meeting was cancelled; registrants are told.")
        )
    title = _("Cancel the meeting %(title)s") % {"title": bijeenkomst.use.title}
    return form_page(request, form, title, bijeenkomst.gemeente, bijeenkomst.use.traject)


def detail(request, slug, pk):
    bijeenkomst = _get(request, slug, pk)
    gemeente = bijeenkomst.gemeente
    own = (
        bijeenkomst.aanmeldingen.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    count = services.registered(bijeenkomst).count()
    use = bijeenkomst.use
    can_manage = allowed(request.user, use, "manage")
    return render(
        request,
        "meetings/detail.html",
        {
            **use_menu(request.user, use),
            "bijeenkomst": bijeenkomst,
            "gemeente": gemeente,
            "traject": use.traject,
            "settings": use.settings,
            "registered": own is not None,
            "waiting": own is not None and own.waiting,
            "registration_open": services.registration_open(bijeenkomst),
            "may_report": services.may_report(bijeenkomst),
            "count": count,
            "places_left": max(bijeenkomst.capacity - count, 0),
            "can_register": allowed(request.user, use, "register"),
            "must_declare": request.user.is_authenticated
            and use.traject.is_public
            and assurance_level(request.user, gemeente) is None,
            "can_manage": can_manage,
            "show_places": not bijeenkomst.is_cancelled
            and (use.settings.show_places_left or can_manage),
            "can_mail": allowed(request.user, use, "mail"),
            "punten": list(bijeenkomst.punten.select_related("inbreng")),
        },
    )


@require_POST
@submit_once
def register(request, slug, pk):
    bijeenkomst = _get(request, slug, pk)
    if bijeenkomst.use.traject.is_public:
        require_participant(request.user, bijeenkomst.gemeente)
    _require(request, bijeenkomst, "register")
    if request.POST.get("cancel"):
        services.cancel(request.user, bijeenkomst)
        messages.success(request, _("Your registration was cancelled."))
    else:
        try:
            aanmelding = services.register(request.user, bijeenkomst)
        except services.RegistrationClosed:
            messages.error(request, _("Registration for this meeting is closed."))
        else:
            if aanmelding.waiting:
                messages.success(
                    request,
                    _(
                        "The meeting is full: you are on the waiting list. When a place comes "
                        "free, you are registered and told."
                    ),
                )
            else:
                messages.success(request, _("You are registered."))
    return redirect(bijeenkomst)


def ical(request, slug, pk):
    bijeenkomst = _get(request, slug, pk)
    body = services.ical(
        bijeenkomst, request.build_absolute_uri(bijeenkomst.get_absolute_url()), timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{bijeenkomst.pk}.ics"'
    return response


@login_required
def registrations(request, slug, pk):
    bijeenkomst = _get(request, slug, pk)
    _require(request, bijeenkomst, "manage")
    rows = list(bijeenkomst.aanmeldingen.select_related("user"))
    audit_personal_view(
        request.user,
        bijeenkomst,
        gemeente=bijeenkomst.gemeente,
        detail=f"registrations list ({len(rows)})",
    )
    return render(
        request,
        "meetings/registrations.html",
        {
            "bijeenkomst": bijeenkomst,
            "gemeente": bijeenkomst.gemeente,
            "rows": rows,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def report(request, slug, pk):
    bijeenkomst = _get(request, slug, pk)
    _require(request, bijeenkomst, "manage")
    if not services.may_report(bijeenkomst):
        return render(
            request,
            "meetings/report_not_yet.html",
            {"bijeenkomst": bijeenkomst, "gemeente": bijeenkomst.gemeente},
        )
    form = ReportForm(request.POST or None, initial={"report": bijeenkomst.report})
    if request.method == "POST" and form.is_valid():
        services.save_report(
            request.user, bijeenkomst, form.cleaned_data["report"], form.cleaned_data["points"]
        )
        messages.success(request, _("The report was saved."))
        return redirect(bijeenkomst)
    title = _("Report of the meeting")
    return form_page(request, form, title, bijeenkomst.gemeente, bijeenkomst.use.traject)


@require_POST
@submit_once
def point_to_inbreng(request, slug, pk, punt_pk):
    bijeenkomst = _get(request, slug, pk)
    _require(request, bijeenkomst, "manage")
    punt = get_object_or_404(Verslagpunt, bijeenkomst=bijeenkomst, pk=punt_pk)
    services.point_to_inbreng(request.user, punt)
    messages.success(request, _("The point is now input on the trajectory; feedback is owed."))
    return redirect(bijeenkomst)


@login_required
@require_http_methods(["GET", "POST"])
def mail(request, slug, pk):
    """E-mail everyone registered; the sending runs as long work with a progress page."""
    bijeenkomst = _get(request, slug, pk)
    _require(request, bijeenkomst, "mail")
    form = MailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        work = services.start_mailing(
            request.user, bijeenkomst, form.cleaned_data["subject"], form.cleaned_data["body"]
        )
        return redirect("long_work", work.pk)
    count = bijeenkomst.aanmeldingen.count()
    return form_page(
        request,
        form,
        _("E-mail the registrants (%(count)s)") % {"count": count},
        bijeenkomst.gemeente,
        bijeenkomst.use.traject,
    )
