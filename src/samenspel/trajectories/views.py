# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.core.http import form_page, require, submit_once
from samenspel.core.services import audit_personal_view, take_turn
from samenspel.municipalities.services import Gebied, gemeenten_with_counts, get_gemeente
from samenspel.people.services import require_participant
from samenspel.trajectories import services
from samenspel.trajectories.forms import (
    AnkerpuntForm,
    AnswerForm,
    BelangForm,
    InbrengForm,
    PhaseForm,
    ProcesafsprakenForm,
    TrajectFilterForm,
    TrajectForm,
)
from samenspel.trajectories.models import (
    CLOSED_STATUSES,
    Ankerpunt,
    AntwoordVersie,
    Belang,
    Domein,
    Inbreng,
    Phase,
    Traject,
)

PAGE_SIZE = 25


def home(request):
    return render(request, "trajectories/home.html", {"gemeenten": gemeenten_with_counts()})


def gemeente_detail(request, slug):
    gemeente = get_gemeente(slug)
    qs = services.visible_trajecten(request.user, gemeente)
    form = TrajectFilterForm(request.GET, gemeente=gemeente)
    filters = form.valid_filters()
    query = filters.get("q", "")
    qs = services.filter_trajecten(
        qs,
        fase=filters.get("fase", ""),
        domein=filters.get("domein", ""),
        gebied=filters.get("gebied"),
        q=query,
    )
    qs = qs.annotate(n_inbreng=Count("inbreng", distinct=True)).prefetch_related("gebieden")
    qs = qs.distinct().order_by("-updated", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "gemeente": gemeente,
        "page": page,
        "phases": Phase.choices,
        "domeinen": Domein.choices,
        "gebieden": Gebied.objects.filter(gemeente=gemeente),
        "filters": {
            "fase": filters.get("fase", ""),
            "domein": filters.get("domein", ""),
            "gebied": str(filters["gebied"].pk) if "gebied" in filters else "",
            "q": query,
        },
        "filter_errors": form.errors,
        "can_add": request.user.has_perm("trajectories.add_traject", gemeente),
        "can_view_staff": request.user.has_perm("trajectories.view_staff_pages", gemeente),
        "can_edit_kader": request.user.has_perm("advice.edit_kader", gemeente),
    }
    return render(request, "trajectories/gemeente_detail.html", context)


def traject_detail(request, slug, pk):
    traject = services.get_visible_traject(request, slug, pk)
    events = list(services.public_timeline(traject)[: services.EVENTS_SHOWN])
    changes = list(traject.phase_changes.select_related("changed_by"))
    context = {
        "traject": traject,
        "gemeente": traject.gemeente,
        "ankerpunten": services.ankerpunten_with_history(traject),
        "procesafspraken": getattr(traject, "procesafspraken", None),
        "belangen": list(traject.belangen.all()),
        "events": events,
        "phase_changes": changes,
        "inbreng_counts": _inbreng_counts(traject),
        "can": _perms(request.user, traject),
        "phase_order": _phase_steps(traject, changes),
    }
    return render(request, "trajectories/traject_detail.html", context)


def _phase_steps(traject, changes):
    """The phases in order, each with the day the trajectory last entered it (the history the
    phase line draws); the first phase began when the trajectory was made."""
    from samenspel.trajectories.models import PHASE_ORDER

    labels = dict(Phase.choices)
    current = PHASE_ORDER.index(traject.phase) if traject.phase in PHASE_ORDER else -1
    entered = {PHASE_ORDER[0]: traject.created}
    for change in changes:
        entered[change.to_phase] = change.changed_at
    return [
        {
            "key": p,
            "label": labels[p],
            "done": i < current,
            "current": i == current,
            "entered": entered.get(p) if i <= current else None,
        }
        for i, p in enumerate(PHASE_ORDER)
    ]


def _inbreng_counts(traject):
    counts = traject.inbreng.aggregate(
        total=Count("id"), answered=Count("id", filter=Q(status__in=CLOSED_STATUSES))
    )
    counts["waiting"] = counts["total"] - counts["answered"]
    return counts


def _perms(user, traject) -> dict[str, bool]:
    names = [
        "change_traject",
        "change_phase",
        "add_ankerpunt",
        "change_procesafspraken",
        "change_belangen",
        "add_inbreng",
        "take_part",
        "answer_inbreng",
        "view_staff_pages",
    ]
    perms = {name: user.has_perm(f"trajectories.{name}", traject) for name in names}
    perms["add_instrument"] = user.has_perm("instruments.attach", traject)
    perms["give_advies"] = user.has_perm("advice.give_advies", traject)
    return perms


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def traject_create(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "trajectories.add_traject", gemeente)
    form = TrajectForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "gebieden"}
        traject = services.create_traject(
            request.user, gemeente, data, form.cleaned_data["gebieden"]
        )
        messages.success(
            request, _("The trajectory was created. Council and college have been informed.")
        )
        return redirect(traject)
    return form_page(request, form, _("New trajectory"), gemeente)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def traject_edit(request, slug, pk):
    traject = services.get_visible_traject(request, slug, pk, "trajectories.change_traject")
    form = TrajectForm(
        request.POST or None,
        instance=traject,
        gemeente=traject.gemeente,
        closing_needs_reason=services.closing_needs_reason(traject),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields if k != "gebieden"}
        # form.is_valid() already set the attributes; compare with the stored row.
        stored = Traject.objects.get(pk=traject.pk)
        stored.gemeente = traject.gemeente
        try:
            services.update_traject(
                request.user,
                stored,
                data,
                form.cleaned_data["gebieden"],
                reason=form.cleaned_data.get("private_reason", ""),
            )
        except services.ReasonRequired as error:
            # Input arrived after this form was shown: the reason is needed now.
            form = TrajectForm(
                request.POST, instance=stored, gemeente=traject.gemeente, closing_needs_reason=True
            )
            form.is_valid()
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changes saved."))
            return redirect(stored)
    return form_page(request, form, _("Edit trajectory"), traject.gemeente, traject)


def _announce_frame(form, traject) -> None:
    """Say beforehand what the council's frame still asks of the next phase."""
    following = (traject.next_phases() or [Phase.GESTOPT])[0]
    unmet = services.unmet_frame(traject, following)
    if unmet:
        form.fields["to_phase"].help_text = _(
            "Before “%(phase)s” the council's frame still asks: %(unmet)s"
        ) % {"phase": Phase(following).label, "unmet": " ".join(unmet)}


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def traject_phase(request, slug, pk):
    traject = services.get_visible_traject(request, slug, pk, "trajectories.change_phase")
    form = PhaseForm(request.POST or None, traject=traject)
    if request.method == "GET":
        _announce_frame(form, traject)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_phase(
                request.user,
                traject,
                form.cleaned_data["to_phase"],
                form.cleaned_data["reason"],
                form.cleaned_data["override_reason"],
            )
        except services.FrameNotMet as error:
            for unmet in error.unmet:
                form.add_error("to_phase", unmet)
            form.add_error(
                "override_reason",
                _("Complete the council's frame first, or give a reason to go ahead without it."),
            )
        except services.PhaseChangeError:
            # Someone else changed the phase after this form was shown: offer what follows now.
            now = Traject.objects.get(pk=traject.pk)
            form.fields["to_phase"].choices = PhaseForm(traject=now).fields["to_phase"].choices
            form.add_error(
                "to_phase",
                _("Meanwhile the phase was changed to “%(phase)s”; choose again.")
                % {"phase": now.get_phase_display()},
            )
        else:
            messages.success(request, _("Phase changed. Council and college have been informed."))
            return redirect(traject)
    return form_page(request, form, _("Change phase"), traject.gemeente, traject)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def ankerpunt_edit(request, slug, pk, ankerpunt_pk=None):
    traject = services.get_visible_traject(request, slug, pk, "trajectories.add_ankerpunt")
    ankerpunt = (
        get_object_or_404(Ankerpunt, traject=traject, pk=ankerpunt_pk) if ankerpunt_pk else None
    )
    form = AnkerpuntForm(
        request.POST or None, instance=ankerpunt, evaluating=traject.phase == Phase.EVALUATIE
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields if f in form.fields}
        if ankerpunt is None:
            services.add_ankerpunt(request.user, traject, data)
        else:
            services.update_ankerpunt(request.user, ankerpunt, data)
        messages.success(request, _("Anchor point saved."))
        return redirect(traject)
    title = _("Edit anchor point") if ankerpunt else _("New anchor point")
    return form_page(request, form, title, traject.gemeente, traject)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def procesafspraken_edit(request, slug, pk):
    traject = services.get_visible_traject(request, slug, pk, "trajectories.change_procesafspraken")
    form = ProcesafsprakenForm(
        request.POST or None, instance=getattr(traject, "procesafspraken", None)
    )
    if request.method == "POST" and form.is_valid():
        services.save_procesafspraken(
            request.user, traject, {f: form.cleaned_data[f] for f in form.Meta.fields}
        )
        messages.success(request, _("Process agreements saved."))
        return redirect(traject)
    return form_page(request, form, _("Process agreements"), traject.gemeente, traject)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def belang_edit(request, slug, pk, belang_pk=None):
    traject = services.get_visible_traject(request, slug, pk, "trajectories.change_belangen")
    belang = get_object_or_404(Belang, traject=traject, pk=belang_pk) if belang_pk else None
    form = BelangForm(request.POST or None, instance=belang)
    if request.method == "POST" and form.is_valid():
        services.save_belang(
            request.user,
            traject,
            {f: form.cleaned_data[f] for f in form.Meta.fields},
            Belang.objects.get(pk=belang.pk) if belang else None,
        )
        messages.success(request, _("Stakeholder map saved."))
        return redirect(traject)
    return form_page(request, form, _("Interest on the stakeholder map"), traject.gemeente, traject)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def inbreng_create(request, slug, pk):
    traject = services.get_visible_traject(request, slug, pk)
    if request.user.has_perm("trajectories.take_part", traject):
        # Someone taking part here for the first time says first how they belong to the
        # municipality, then comes back to this form.
        require_participant(request.user, traject.gemeente)
    require(request, "trajectories.add_inbreng", traject)
    form = InbrengForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if take_turn(f"inbreng:{request.user.pk}", settings.SAMENSPEL_INPUT_PER_HOUR, 3600):
            services.submit_inbreng(request.user, traject, form.cleaned_data["text"])
            messages.success(
                request,
                _("Thank you. Your input was received; you will hear what is done with it."),
            )
            return redirect(traject)
        form.add_error(
            None,
            _(
                "You have given a lot of input in the past hour. Thank you! "
                "Please wait an hour before you give more."
            ),
        )
    return form_page(request, form, _("Give your input"), traject.gemeente, traject)


def feedback(request, slug, pk):
    """Public page: “Wat is er met uw inbreng gedaan?”."""
    traject = services.get_visible_traject(request, slug, pk)
    inbreng = Inbreng.objects.filter(traject=traject).prefetch_related(
        Prefetch("versies", queryset=AntwoordVersie.objects.order_by("-number"))
    )
    if not request.user.has_perm("trajectories.view_staff_pages", traject) and not (
        traject.is_public
    ):
        # A non-public trajectory: those who gave input keep their own input and its answers.
        inbreng = inbreng.filter(author=request.user)
    status = request.GET.get("status", "")
    inbreng = services.filter_inbreng(inbreng, status)
    page = Paginator(inbreng, PAGE_SIZE).get_page(request.GET.get("pagina"))
    own = set()
    if request.user.is_authenticated:
        own = set(
            Inbreng.objects.filter(traject=traject, author=request.user).values_list(
                "pk", flat=True
            )
        )
    return render(
        request,
        "trajectories/feedback.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "page": page,
            "own": own,
            "status": status,
            "counts": _inbreng_counts(traject),
            "can_answer": request.user.has_perm("trajectories.answer_inbreng", traject),
            "can_add": request.user.has_perm("trajectories.add_inbreng", traject),
            "can_take_part": request.user.has_perm("trajectories.take_part", traject),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def inbreng_answer(request, slug, pk, inbreng_pk):
    traject = services.get_visible_traject(request, slug, pk, "trajectories.answer_inbreng")
    inbreng = get_object_or_404(
        Inbreng.objects.select_related("author"), traject=traject, pk=inbreng_pk
    )
    form = AnswerForm(request.POST or None, instance=inbreng)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_inbreng(
                request.user,
                Inbreng.objects.get(pk=inbreng.pk),
                form.cleaned_data["status"],
                form.cleaned_data["explanation"],
            )
        except services.AnswerStays as error:
            form.add_error("status", str(error))
        else:
            messages.success(request, _("The answer was saved and the author was notified."))
            return redirect("trajectories:feedback", slug, traject.pk)
    if request.method == "GET":
        audit_personal_view(
            request.user, inbreng, gemeente=traject.gemeente, detail="author shown to answer input"
        )
    return render(
        request,
        "trajectories/answer.html",
        {
            "form": form,
            "gemeente": traject.gemeente,
            "traject": traject,
            "inbreng": inbreng,
            "title": _("Answer input"),
        },
    )


def raadsinformatiebrief(request, slug, pk):
    traject = services.get_visible_traject(request, slug, pk)
    return render(
        request,
        "trajectories/raadsinformatiebrief.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "ankerpunten": services.ankerpunten_with_history(traject),
            "procesafspraken": getattr(traject, "procesafspraken", None),
            "belangen": list(traject.belangen.all()),
            "phase_changes": list(traject.phase_changes.select_related("changed_by")),
            "inbreng_counts": _inbreng_counts(traject),
        },
    )


@login_required
def inbreng_overview(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "trajectories.view_staff_pages", gemeente)
    rows = services.pending_overview(gemeente)
    return render(
        request,
        "trajectories/inbreng_overview.html",
        {
            "gemeente": gemeente,
            "rows": rows,
        },
    )
