# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenspel.core.http import deny, require, submit_once
from samenspel.core.services import audit_personal_view
from samenspel.learning import forms, services
from samenspel.learning.known import Period
from samenspel.learning.models import Experiment, Group, Indicator, Lesson, Moment, Session
from samenspel.municipalities.services import Provincie, get_gemeente
from samenspel.trajectories.services import get_visible_traject


def _page(request, template: str, **context):
    return render(request, f"learning/{template}.html", context)


def _form(request, form, title: str, back: str, **context):
    return render(
        request,
        "learning/form.html",
        {"form": form, "title": title, "back": back, **context},
    )


def _experiment(request, slug, pk, perm: str = "learning.view_experiment") -> Experiment:
    gemeente = get_gemeente(slug)
    experiment = get_object_or_404(
        Experiment.objects.select_related("traject", "responsible"), gemeente=gemeente, pk=pk
    )
    experiment.gemeente = gemeente
    if not request.user.has_perm("learning.view_experiment", experiment):
        if not request.user.is_authenticated:
            deny(request)
        raise Http404
    require(request, perm, experiment)
    return experiment


def _provincie(request, slug, perm: str) -> Provincie:
    provincie = get_object_or_404(Provincie, slug=slug)
    require(request, perm, provincie)
    return provincie


# ---- experiments -------------------------------------------------------------------------------


@login_required
def experiments(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "learning.view_experiments", gemeente)
    return _page(
        request,
        "experiments",
        gemeente=gemeente,
        experiments=services.Experiment.objects.filter(gemeente=gemeente).select_related("traject"),
        may_add=request.user.has_perm("learning.add_experiment", gemeente),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def experiment_create(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "learning.add_experiment", gemeente)
    initial = {"responsible": request.user}
    if (traject_pk := request.GET.get("traject", "")).isdigit():
        traject = get_visible_traject(request, slug, int(traject_pk), "trajectories.change_traject")
        initial.update(traject=traject, title=traject.title, initiator=_corner_of(traject))
    form = forms.ExperimentForm(request.POST or None, gemeente=gemeente, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        traject = data.pop("traject")
        experiment = services.create_experiment(request.user, gemeente, data, traject)
        messages.success(request, _("The experiment was set up with the default indicators."))
        return redirect("learning:experiment", slug, experiment.pk)
    back = reverse("learning:experiments", args=[slug])
    return _form(request, form, _("New experiment"), back, gemeente=gemeente)


def _corner_of(traject) -> str:
    """The corner of the wall for the actor that started a trajectory."""
    return {"gemeenteraad": "raad"}.get(traject.initiator, traject.initiator)


@login_required
def experiment(request, slug, pk):
    experiment = _experiment(request, slug, pk)
    user = request.user
    own = user.has_perm("learning.view_experiments", experiment.gemeente)
    return _page(
        request,
        "experiment",
        gemeente=experiment.gemeente,
        experiment=experiment,
        series=services.experiment_figures(experiment),
        moments=experiment.moments.all(),
        answers=experiment.answers.all(),
        lessons=services.visible_lessons(user).filter(experiment=experiment),
        evaluation=services.evaluation_summary(experiment) if own else None,
        next_period=services.next_period(experiment),
        may_change=user.has_perm("learning.change_experiment", experiment),
        may_record=user.has_perm("learning.record_moment", experiment),
        may_answer=user.has_perm("learning.answer_central_question", experiment),
        may_evaluate=user.has_perm("learning.evaluate_as_organiser", experiment),
        indicator_room=experiment.indicators.count() < services.MAX_INDICATORS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def experiment_edit(request, slug, pk):
    experiment = _experiment(request, slug, pk, "learning.change_experiment")
    form = forms.ExperimentForm(
        request.POST or None, instance=experiment, gemeente=experiment.gemeente
    )
    if request.method == "POST" and form.is_valid():
        services.update_experiment(request.user, experiment, form.cleaned_data)
        messages.success(request, _("The experiment was changed."))
        return redirect("learning:experiment", slug, pk)
    back = reverse("learning:experiment", args=[slug, pk])
    return _form(request, form, _("Change the experiment"), back, gemeente=experiment.gemeente)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def indicator_create(request, slug, pk):
    experiment = _experiment(request, slug, pk, "learning.change_experiment")
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_indicator(request.user, experiment, form.cleaned_data)
        except services.TooManyIndicators as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The indicator was added."))
            return redirect("learning:experiment", slug, pk)
    back = reverse("learning:experiment", args=[slug, pk])
    return _form(request, form, _("New indicator"), back, gemeente=experiment.gemeente)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, slug, pk, indicator_pk):
    experiment = _experiment(request, slug, pk, "learning.change_experiment")
    indicator = get_object_or_404(Indicator, experiment=experiment, pk=indicator_pk)
    form = forms.IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        services.update_indicator(request.user, indicator, form.cleaned_data)
        messages.success(request, _("The indicator was changed."))
        return redirect("learning:experiment", slug, pk)
    back = reverse("learning:experiment", args=[slug, pk])
    return _form(request, form, _("Change the indicator"), back, gemeente=experiment.gemeente)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def moment_create(request, slug, pk):
    experiment = _experiment(request, slug, pk, "learning.record_moment")
    indicators = list(experiment.indicators.all())
    form = forms.MomentForm(
        request.POST or None, indicators=indicators, period=services.next_period(experiment)
    )
    if request.method == "POST" and form.is_valid():
        period = Period(form.cleaned_data["period_start"], form.cleaned_data["period_end"])
        if experiment.moments.filter(period_end=period.end).exists():
            form.add_error("period_end", _("A measuring moment with this end date exists."))
        else:
            moment = services.record_moment(
                request.user, experiment, period, form.entered(), form.reflections()
            )
            messages.success(request, _("The measuring moment was recorded."))
            return redirect("learning:moment", slug, pk, moment.pk)
    return _page(
        request,
        "moment_form",
        gemeente=experiment.gemeente,
        experiment=experiment,
        form=form,
    )


@login_required
def moment(request, slug, pk, moment_pk):
    experiment = _experiment(request, slug, pk)
    moment = get_object_or_404(
        Moment.objects.prefetch_related("values__indicator", "reflections"),
        experiment=experiment,
        pk=moment_pk,
    )
    return _page(
        request, "moment", gemeente=experiment.gemeente, experiment=experiment, moment=moment
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def answer(request, slug, pk):
    experiment = _experiment(request, slug, pk, "learning.answer_central_question")
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.answer_central_question(
            request.user, experiment, data["year"], data["verdict"], data["reason"]
        )
        messages.success(request, _("The answer to the central question was recorded."))
        return redirect("learning:experiment", slug, pk)
    back = reverse("learning:experiment", args=[slug, pk])
    return _form(
        request, form, _("Answer the central question"), back, gemeente=experiment.gemeente
    )


def _evaluate(request, slug, pk, respondent: str, perm: str):
    gemeente = get_gemeente(slug)
    experiment = get_object_or_404(Experiment, gemeente=gemeente, pk=pk)
    experiment.gemeente = gemeente
    require(request, perm, experiment)
    form = forms.EvaluationForm(request.POST or None, respondent=respondent)
    if request.method == "POST" and form.is_valid():
        services.evaluate(request.user, experiment, respondent, form.cleaned_data)
        messages.success(request, _("Thank you: your answers were recorded."))
        return redirect("home:mijn")
    return _page(
        request,
        "evaluation",
        gemeente=gemeente,
        experiment=experiment,
        form=form,
        respondent=respondent,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def evaluate_participant(request, slug, pk):
    return _evaluate(request, slug, pk, "deelnemer", "learning.evaluate_as_participant")


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def evaluate_organiser(request, slug, pk):
    return _evaluate(request, slug, pk, "organisator", "learning.evaluate_as_organiser")


# ---- lessons -----------------------------------------------------------------------------------


@login_required
def lessons(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "learning.view_lessons", gemeente)
    rows = services.lessons_of(gemeente)
    return _page(
        request,
        "lessons",
        gemeente=gemeente,
        lessons=rows,
        wall=services.wall(rows),
        may_add=request.user.has_perm("learning.add_lesson", gemeente),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def lesson_create(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "learning.add_lesson", gemeente)
    initial = {}
    if (experiment_pk := request.GET.get("experiment", "")).isdigit():
        initial["experiment"] = experiment_pk
    form = forms.LessonForm(request.POST or None, gemeente=gemeente, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        corners = data.pop("corners")
        services.add_lesson(request.user, gemeente, data, corners)
        messages.success(request, _("The note is on the wall."))
        return redirect("learning:lessons", slug)
    back = reverse("learning:lessons", args=[slug])
    return _form(request, form, _("New note on the wall"), back, gemeente=gemeente)


@login_required
def my_notes(request):
    return _page(request, "my_notes", notes=services.notes_to_approve(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def lesson_approve(request, pk):
    lesson = get_object_or_404(Lesson.objects.select_related("gemeente", "session__group"), pk=pk)
    if lesson.author_id != request.user.pk:  # not even the platform beheerder
        deny(request)
    form = forms.ApproveForm(request.POST or None, initial={"text": lesson.text})
    if request.method == "POST" and form.is_valid():
        services.approve_lesson(request.user, lesson, form.cleaned_data["text"])
        messages.success(request, _("You approved your note; it is now shared."))
        return redirect("learning:my_notes")
    return _page(request, "approve", lesson=lesson, form=form)


# ---- the library -----------------------------------------------------------------------------


@login_required
def library(request):
    require(request, "learning.use_library", None)
    form = forms.LibraryForm(request.GET or None, provinces=services.provinces())
    filters = form.cleaned_data if form.is_valid() else {}
    found = services.library(request.user, filters)
    return _page(request, "library", form=form, **found)


# ---- intervision -------------------------------------------------------------------------------


@login_required
def groups(request, slug):
    provincie = _provincie(request, slug, "learning.view_province")
    return _page(
        request,
        "groups",
        provincie=provincie,
        groups=services.groups_for(request.user, provincie),
        may_form=request.user.has_perm("learning.form_groups", provincie),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def group_create(request, slug):
    provincie = _provincie(request, slug, "learning.form_groups")
    form = forms.GroupForm(request.POST or None, candidates=services.candidates(provincie))
    if request.method == "GET":
        audit_personal_view(request.user, provincie, gemeente=None, detail="officials to choose")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.form_group(
                request.user, provincie, data["name"], data["theme"], data["members"]
            )
        except services.GroupInvalid as error:
            form.add_error("members", str(error))
        else:
            messages.success(request, _("The group was formed; its members are told."))
            return redirect("learning:group", slug, group.pk)
    back = reverse("learning:groups", args=[slug])
    return _form(request, form, _("New intervision group"), back, provincie=provincie)


def _group(request, slug, pk) -> Group:
    group = get_object_or_404(
        Group.objects.select_related("provincie"), provincie__slug=slug, pk=pk
    )
    if not request.user.has_perm("learning.view_group", group):
        raise Http404
    return group


@login_required
def group(request, slug, pk):
    group = _group(request, slug, pk)
    sessions = group.sessions.prefetch_related("notes__author", "notes__gemeente")
    audit_personal_view(request.user, group, gemeente=None, detail="intervision members")
    return _page(
        request,
        "group",
        provincie=group.provincie,
        group=group,
        sessions=sessions,
        members=group.members.order_by("name"),
        may_manage=request.user.has_perm("learning.write_notes", group),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def session_create(request, slug, pk):
    group = _group(request, slug, pk)
    require(request, "learning.write_notes", group)
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.schedule_session(
            request.user, group, form.cleaned_data["starts_at"], form.cleaned_data["place"]
        )
        messages.success(request, _("The session was planned; the members are told."))
        return redirect("learning:group", slug, pk)
    back = reverse("learning:group", args=[slug, pk])
    return _form(request, form, _("Plan a session"), back, provincie=group.provincie)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def session_notes(request, slug, pk):
    session = get_object_or_404(
        Session.objects.select_related("group__provincie"), group__provincie__slug=slug, pk=pk
    )
    require(request, "learning.write_notes", session)
    form = forms.NoteForm(request.POST or None, members=session.group.members.all())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        author, corners = data.pop("author"), data.pop("corners")
        try:
            services.write_session_note(request.user, session, author, data, corners)
        except services.GroupInvalid as error:
            form.add_error("author", str(error))
        else:
            messages.success(
                request, _("The note was written down; its author is asked to approve it.")
            )
            return redirect("learning:session_notes", slug, pk)
    return _page(
        request,
        "session_notes",
        provincie=session.group.provincie,
        session=session,
        notes=session.notes.select_related("author", "gemeente"),
        form=form,
    )


# ---- the province's view -----------------------------------------------------------------------


@login_required
def province(request, slug):
    provincie = _provincie(request, slug, "learning.view_province")
    return _page(request, "province", provincie=provincie, **services.province_view(provincie))


@login_required
def province_report(request, slug):
    provincie = _provincie(request, slug, "learning.view_province")
    return _page(
        request, "province_report", provincie=provincie, **services.province_view(provincie)
    )


@login_required
def province_csv(request, slug):
    provincie = _provincie(request, slug, "learning.view_province")
    response = HttpResponse(
        services.province_csv(provincie), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="samenspel-{provincie.slug}.csv"'
    return response
