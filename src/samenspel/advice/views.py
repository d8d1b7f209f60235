# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.advice import services
from samenspel.advice.forms import ChoiceForm, KaderForm, KaderStructureForm, QuestionsForm
from samenspel.advice.models import KaderVersie
from samenspel.core.http import require, submit_once
from samenspel.engines.advice import InvalidAnswers, InvalidKader, advise
from samenspel.instruments.services import attach_links
from samenspel.municipalities.services import get_gemeente
from samenspel.trajectories.services import get_visible_traject


def _session_key(traject) -> str:
    return f"advies-antwoorden-{traject.pk}"


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def questionnaire(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "advice.give_advies")
    kader = services.engine_kader(services.current_kader(traject.gemeente))
    key = _session_key(traject)
    answers = request.session.get(key) or services.prefill(traject)
    all_steps = services.steps(
        kader, answers.get("initiator") or services.INITIATOR[traject.initiator]
    )
    try:
        step = min(max(int(request.GET.get("stap", 1)), 1), len(all_steps))
    except ValueError:
        step = 1
    questions = all_steps[step - 1]
    lang = services.lang()
    initial = {q.id: answers.get(q.id) for q in questions}
    data = request.POST if request.method == "POST" else None
    form = QuestionsForm(data, questions=questions, lang=lang, initial=initial)
    if request.method == "POST" and form.is_valid():
        for question in questions:
            answers.pop(question.id, None)
        answers.update(form.answers())
        request.session[key] = answers
        base = reverse("advice:questionnaire", args=[slug, pk])
        if "terug" in request.POST and step > 1:
            return redirect(f"{base}?stap={step - 1}")
        if step < len(all_steps):
            return redirect(f"{base}?stap={step + 1}")
        try:
            services.give_advice(request.user, traject, answers)
        except InvalidAnswers as exc:
            for message in exc.messages(lang):
                form.add_error(None, message)
        else:
            request.session.pop(key, None)
            messages.success(request, _("The advice is ready."))
            return redirect("advice:advies", slug, pk)
    return render(
        request,
        "advice/questionnaire.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "form": form,
            "step": step,
            "steps": len(all_steps),
            "title": _("Which way of working together fits?"),
        },
    )


@login_required
@require_POST
def preview(request, slug, pk):
    """The advice's headline for the answers so far, re-computed live while answering (htmx).

    Nothing is stored: the answers of this step come from the form, the others from the
    session.
    """
    traject = get_visible_traject(request, slug, pk, "advice.give_advies")
    kader = services.engine_kader(services.current_kader(traject.gemeente))
    answers = dict(request.session.get(_session_key(traject)) or services.prefill(traject))
    lang = services.lang()
    asked = [q for q in kader.questions if q.id in request.POST or q.id in answers]
    form = QuestionsForm(request.POST, questions=tuple(asked), lang=lang)
    advice = None
    if form.is_valid():
        step_ids = {q.id for q in asked if q.id in request.POST}
        answers = {k: v for k, v in answers.items() if k not in step_ids}
        answers.update({k: v for k, v in form.answers().items() if k in step_ids})
        try:
            advice = advise(kader, answers, lang=lang)
        except InvalidAnswers:
            advice = None
    return render(request, "advice/_preview.html", {"advice": advice})


def _ladder_rows(summary) -> list[dict]:
    """The rungs top down, placed for the drawing: each step wider than the one below."""
    rows = []
    for top, level in enumerate(reversed(summary.ladder)):
        width = 304 - top * 46
        rows.append(
            {
                "label": level.label,
                "current": level.id == summary.rung.id,
                "y": 4 + top * 32,
                "text_y": 22 + top * 32,
                "width": width,
            }
        )
    return rows


def _advies_page(request, traject, current, form, can_choose: bool):
    lang = services.lang()
    result, summary = services.explain(current, lang) if current else (None, None)
    instruments = summary.instruments if summary else ()
    links = attach_links(request.user, traject, [i.id for i in instruments])
    return render(
        request,
        "advice/advies.html",
        {
            "traject": traject,
            "gemeente": traject.gemeente,
            "advies": current,
            "result": result,
            "summary": summary,
            "instruments": [(i, links.get(i.id)) for i in instruments],
            "form": form,
            "can_choose": can_choose,
            "ladder_rows": _ladder_rows(summary) if summary else [],
            "chosen_rung": services.label("rung", current.chosen_rung, lang) if current else "",
            "chosen_stance": services.label("stance", current.chosen_stance, lang)
            if current
            else "",
        },
    )


def advies(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "advice.view_advies")
    current = services.latest_advies(traject)
    can_choose = request.user.has_perm("advice.give_advies", traject)
    if current is None and not can_choose:
        raise Http404
    form = None
    if current and can_choose:
        form = ChoiceForm(
            advies=current,
            lang=services.lang(),
            initial={
                "chosen_rung": current.chosen_rung or current.rung,
                "chosen_stance": current.chosen_stance or current.stance,
                "deviation_reason": current.deviation_reason,
            },
        )
    return _advies_page(request, traject, current, form, can_choose)


@login_required
@require_POST
def choose(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "advice.give_advies")
    current = services.latest_advies(traject)
    if current is None:
        raise Http404
    form = ChoiceForm(request.POST, advies=current, lang=services.lang())
    if form.is_valid():
        data = form.cleaned_data
        services.record_choice(
            request.user,
            current,
            data["chosen_rung"],
            data["chosen_stance"],
            data["deviation_reason"],
        )
        messages.success(request, _("Your choice was recorded."))
        return redirect("advice:advies", slug, pk)
    return _advies_page(request, traject, current, form, True)


@login_required
def kader_list(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "advice.edit_kader", gemeente)
    return render(
        request,
        "advice/kader_list.html",
        {
            "gemeente": gemeente,
            "current": services.current_kader(gemeente),
            "versions": KaderVersie.objects.filter(gemeente=gemeente).select_related("created_by"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def kader_edit(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "advice.edit_kader", gemeente)
    current = services.current_kader(gemeente)
    form = KaderForm(
        request.POST or None,
        request.FILES or None,
        lang=services.lang(),
        initial={"source": current.source},
    )
    if request.method == "POST" and form.is_valid():
        version = services.save_kader(
            request.user, gemeente, form.cleaned_data["source"], form.cleaned_data["note"]
        )
        messages.success(
            request, _("Version %(n)s of the kader was saved.") % {"n": version.number}
        )
        return redirect("advice:kader_list", slug)
    return render(request, "advice/kader_edit.html", {"gemeente": gemeente, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def kader_form(request, slug):
    """The kader edited through a form built from its structure (the YAML editor stays for
    experts): every problem the check finds is shown at its field, or with its place."""
    gemeente = get_gemeente(slug)
    require(request, "advice.edit_kader", gemeente)
    current = services.current_kader(gemeente)
    form = KaderStructureForm(
        request.POST or None,
        kader_data=services.engine_kader(current).source(),
        lang=services.lang(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_kader_data(
                request.user, gemeente, form.data_for_save(), form.cleaned_data["note"]
            )
        except InvalidKader as exc:
            form.add_problems(exc.problems, services.lang())
        else:
            messages.success(
                request, _("Version %(n)s of the kader was saved.") % {"n": version.number}
            )
            return redirect("advice:kader_list", slug)
    return render(request, "advice/kader_form.html", {"gemeente": gemeente, "form": form})


@login_required
def kader_download(request, slug, number):
    gemeente = get_gemeente(slug)
    require(request, "advice.edit_kader", gemeente)
    version = get_object_or_404(KaderVersie, gemeente=gemeente, number=number)
    response = HttpResponse(version.source, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kader-{slug}-v{number}.yaml"'
    return response


@login_required
def overview(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "trajectories.view_staff_pages", gemeente)
    return render(
        request,
        "advice/overview.html",
        {
            "gemeente": gemeente,
            "rows": services.overview(gemeente),
        },
    )
