# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.assemblies import services
from samenspel.assemblies.forms import BurgerraadForm, DrawForm, ResponseForm, SignForm
from samenspel.assemblies.models import Burgerraad, Draw, Respondent
from samenspel.assemblies.rules import may_manage
from samenspel.core.http import deny, form_page, submit_once
from samenspel.core.services import audit_personal_view
from samenspel.instruments.services import use_menu
from samenspel.municipalities.services import get_gemeente
from samenspel.reach.services import redemption
from samenspel.trajectories.services import get_visible_traject


def _get(request, slug, pk, *, manage: bool = False) -> Burgerraad:
    gemeente = get_gemeente(slug)
    burgerraad = get_object_or_404(
        Burgerraad.objects.select_related("use__traject"), gemeente=gemeente, pk=pk
    )
    traject = burgerraad.use.traject
    traject.gemeente = burgerraad.use.gemeente = burgerraad.gemeente = gemeente
    if not request.user.has_perm("trajectories.view_traject", traject):
        raise Http404
    if manage and not may_manage(request.user, burgerraad.use):
        deny(request)
    return burgerraad


def _draw(burgerraad: Burgerraad) -> Draw | None:
    return Draw.objects.filter(burgerraad=burgerraad).first()


def _drawn(request, slug, pk) -> Draw:
    draw = _draw(_get(request, slug, pk))
    if draw is None or draw.drawn_at is None:
        raise Http404
    return draw


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "instruments.attach")
    form = BurgerraadForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        burgerraad = services.create_burgerraad(
            request.user,
            traject,
            form.cleaned_data["phase"],
            form.cleaned_data["title"],
            form.data_for_save(),
        )
        messages.success(request, _("The burgerraad was added to the trajectory."))
        return redirect(burgerraad)
    return form_page(request, form, _("New burgerraad"), traject.gemeente, traject)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug, pk):
    burgerraad = _get(request, slug, pk, manage=True)
    traject = burgerraad.use.traject
    form = BurgerraadForm(request.POST or None, instance=burgerraad, traject=traject)
    if request.method == "POST" and form.is_valid():
        services.update_burgerraad(
            request.user, burgerraad, form.cleaned_data["title"], form.data_for_save()
        )
        messages.success(request, _("The set-up of the burgerraad was saved."))
        return redirect(burgerraad)
    return form_page(request, form, _("Set up the burgerraad"), burgerraad.gemeente, traject)


def detail(request, slug, pk):
    burgerraad = _get(request, slug, pk)
    use = burgerraad.use
    return render(
        request,
        "assemblies/detail.html",
        {
            **use_menu(request.user, use),
            "burgerraad": burgerraad,
            "gemeente": burgerraad.gemeente,
            "traject": use.traject,
            "quotas": services.quotas(burgerraad),
            "pool": services.public_pool(burgerraad) if use.settings.show_pool_summary else None,
            "draw": _draw(burgerraad),
            "can_manage": may_manage(request.user, use),
            "answered": redemption(request.session, use) is not None,
        },
    )


@require_http_methods(["GET", "POST"])
@submit_once
def respond(request, slug, pk):
    """The answer to the letter, reached with its code (no account needed)."""
    burgerraad = _get(request, slug, pk)
    letter = redemption(request.session, burgerraad.use)
    context = {"burgerraad": burgerraad, "gemeente": burgerraad.gemeente}
    if letter is None:
        return render(request, "assemblies/respond_code.html", context)
    if services.answer_of(burgerraad, letter) is not None:
        return render(request, "assemblies/respond_done.html", context)
    if _draw(burgerraad) is not None:
        return render(request, "assemblies/respond_closed.html", context)
    form = ResponseForm(request.POST or None, burgerraad=burgerraad, stratum=letter.stratum)
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(burgerraad, letter, request.user, form.data_for_save())
        except services.AlreadyAnswered:
            pass
        except services.PoolClosed:
            return render(request, "assemblies/respond_closed.html", context)
        return redirect("assemblies:respond", slug, pk)
    return render(request, "assemblies/respond.html", {**context, "form": form})


@login_required
def pool(request, slug, pk):
    """The organisers' view of the pool: names and contact details, the live composition
    against the quotas, and whether the quotas can be met."""
    burgerraad = _get(request, slug, pk, manage=True)
    draw = _draw(burgerraad)
    people = list(burgerraad.respondents.all())
    audit_personal_view(
        request.user, burgerraad, gemeente=burgerraad.gemeente, detail=f"pool ({len(people)})"
    )
    return render(
        request,
        "assemblies/pool.html",
        {
            "burgerraad": burgerraad,
            "gemeente": burgerraad.gemeente,
            "traject": burgerraad.use.traject,
            "people": people,
            "composition": services.composition(burgerraad, people),
            "report": services.pool_report(burgerraad) if draw is None else None,
            "draw": draw,
            "members": services.members(draw) if draw and draw.drawn_at else [],
            "replacements": list(draw.replacements.all()) if draw else [],
            "needs": services.NEEDS,
        },
    )


@require_POST
@submit_once
def prepare(request, slug, pk):
    burgerraad = _get(request, slug, pk, manage=True)
    try:
        work = services.start_preparation(request.user, burgerraad)
    except services.DrawError as error:
        messages.error(request, str(error))
        return redirect("assemblies:pool", slug, pk)
    return redirect("long_work", work.pk)


def draw(request, slug, pk):
    """The public page of the draw: before it, the published list and its digest; after it,
    the panel's composition, the probabilities, the number or seed, and how to check it."""
    burgerraad = _get(request, slug, pk)
    draw = _draw(burgerraad)
    if draw is None:
        raise Http404
    drawn = draw.drawn_at is not None
    composition = services.panel_composition(draw) if drawn else []
    return render(
        request,
        "assemblies/draw.html",
        {
            "burgerraad": burgerraad,
            "gemeente": burgerraad.gemeente,
            "traject": burgerraad.use.traject,
            "draw": draw,
            "quotas": services.quotas(burgerraad),
            "composition": composition,
            "chart_height": 20 * len(composition) + 10,
            "probabilities": services.probability_summary(draw),
            "replacements": list(draw.replacements.all()),
            "command": services.verify_command(draw),
            "can_manage": may_manage(request.user, burgerraad.use),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def enter(request, slug, pk):
    """The organiser enters the public number or seed; the panel follows."""
    burgerraad = _get(request, slug, pk, manage=True)
    draw = _draw(burgerraad)
    if draw is None or draw.prepared_at is None:
        messages.error(request, _("The list of panels is not published yet."))
        return redirect("assemblies:pool", slug, pk)
    if draw.drawn_at is not None:
        return render(
            request,
            "assemblies/drawn_already.html",
            {"burgerraad": burgerraad, "gemeente": burgerraad.gemeente},
        )
    form = DrawForm(request.POST or None, m=len(draw.panels))
    if request.method == "POST" and form.is_valid():
        try:
            services.draw_panel(
                request.user,
                draw,
                seed=form.cleaned_data["seed"],
                number=form.cleaned_data["number"],
            )
        except services.DrawError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The panel is drawn."))
            return redirect("assemblies:draw", slug, pk)
    title = _("Draw the panel")
    return form_page(request, form, title, burgerraad.gemeente, burgerraad.use.traject)


def panels(request, slug, pk):
    """The list of panels as published before the draw (its SHA-256 is the digest)."""
    draw = _draw(_get(request, slug, pk))
    if draw is None or draw.prepared_at is None:
        raise Http404
    response = HttpResponse(draw.published, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="panels.json"'
    return response


def verification(request, slug, pk):
    draw = _drawn(request, slug, pk)
    response = HttpResponse(services.verification_zip(draw), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="loting-{pk}.zip"'
    return response


def report(request, slug, pk):
    draw = _drawn(request, slug, pk)
    if draw.signed_at is None:
        raise Http404
    response = HttpResponse(services.proces_verbaal(draw), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="proces-verbaal-{pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, slug, pk):
    burgerraad = _get(request, slug, pk, manage=True)
    draw = _draw(burgerraad)
    if draw is None or draw.drawn_at is None:
        raise Http404
    form = SignForm(request.POST or None, instance=draw)
    if request.method == "POST" and form.is_valid():
        services.sign(request.user, draw, {f: form.cleaned_data[f] for f in SignForm.Meta.fields})
        messages.success(request, _("The proces-verbaal is signed and published."))
        return redirect("assemblies:draw", slug, pk)
    title = _("Sign the proces-verbaal")
    return form_page(request, form, title, burgerraad.gemeente, burgerraad.use.traject)


def _member(request, slug, pk, member_pk) -> Respondent:
    burgerraad = _get(request, slug, pk, manage=True)
    return get_object_or_404(burgerraad.respondents, pk=member_pk)


@require_POST
@submit_once
def withdraw(request, slug, pk, member_pk):
    respondent = _member(request, slug, pk, member_pk)
    try:
        replacement = services.withdraw(request.user, respondent)
    except services.DrawError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Number %(dropout)s withdrew; number %(replacement)s takes the seat.")
            % {"dropout": replacement.dropout, "replacement": replacement.replacement},
        )
    return redirect("assemblies:pool", slug, pk)


@require_POST
@submit_once
def mark_confirmed(request, slug, pk, member_pk):
    respondent = _member(request, slug, pk, member_pk)
    services.confirm_seat(request.user, respondent)
    return redirect("assemblies:pool", slug, pk)


@require_POST
def confirm_link(request, slug, pk, member_pk):
    """A new personal link for the member to confirm their seat, shown once to the organiser
    (to send by e-mail or read out on the phone)."""
    respondent = _member(request, slug, pk, member_pk)
    link = request.build_absolute_uri(services.confirm_link(respondent))
    messages.info(
        request,
        _("Confirmation link for number %(number)s: %(link)s")
        % {"number": respondent.number, "link": link},
    )
    return redirect("assemblies:pool", slug, pk)


@require_http_methods(["GET", "POST"])
def confirm(request, slug, pk, token):
    """A member confirms their seat with their personal link (no account needed)."""
    burgerraad = _get(request, slug, pk)
    respondent = services.by_token(burgerraad, token)
    if respondent is None:
        raise Http404
    if request.method == "POST":
        services.confirm_seat(None, respondent)
        return redirect("assemblies:confirm", slug, pk, token)
    return render(
        request,
        "assemblies/confirm.html",
        {"burgerraad": burgerraad, "gemeente": burgerraad.gemeente, "member": respondent},
    )
