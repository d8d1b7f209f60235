# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.core.http import deny, form_page, require, submit_once
from samenspel.core.services import audit
from samenspel.instruments.services import allowed, use_menu
from samenspel.municipalities.services import get_gemeente
from samenspel.panel import services
from samenspel.panel.forms import (
    AnswerForm,
    ConsultationForm,
    FeedbackForm,
    JoinForm,
    PanelSettingsForm,
    ProfileForm,
    ProposalForm,
    QuestionForm,
    TagForm,
)
from samenspel.panel.models import Consultation, Kind, Question, Status
from samenspel.reach import services as reach
from samenspel.trajectories.services import get_visible_traject

# ---- members -------------------------------------------------------------------------------


def _letter(request, gemeente) -> bool:
    """Did this browser come with a recruitment letter's code for this municipality's panel?"""
    via = request.GET.get("brief") or request.session.get("panel_brief")
    if not str(via).isdigit():
        return False
    consultation = (
        Consultation.objects.filter(gemeente=gemeente, use_id=int(via))
        .select_related("use")
        .first()
    )
    if consultation is None or reach.redemption(request.session, consultation.use) is None:
        return False
    request.session["panel_brief"] = consultation.use_id
    return True


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def join(request, slug):
    gemeente = get_gemeente(slug)
    if services.membership(request.user, gemeente) is not None:
        return redirect("panel:mine", slug)
    panel = services.panel_of(gemeente)
    via_letter = _letter(request, gemeente)
    form = JoinForm(request.POST or None, gemeente=gemeente, panel=panel)
    if request.method == "POST" and form.is_valid():
        services.join(request.user, gemeente, form.cleaned_data, via_letter=via_letter)
        messages.success(request, _("Welcome to the panel! You will hear from us by e-mail."))
        return redirect("panel:mine", slug)
    return render(
        request,
        "panel/join.html",
        {"form": form, "gemeente": gemeente, "panel": panel, "via_letter": via_letter},
    )


def _member(request, slug):
    gemeente = get_gemeente(slug)
    member = services.membership(request.user, gemeente)
    if member is None:
        raise Http404
    return gemeente, member


@login_required
@require_http_methods(["GET", "POST"])
def mine(request, slug):
    """The member's own page: their profile and consent, change, confirm, download, leave."""
    gemeente, member = _member(request, slug)
    form = ProfileForm(
        request.POST or None, gemeente=gemeente, panel=member.panel, initial=member.attributes
    )
    if request.method == "POST" and request.POST.get("confirm"):
        services.confirm_profile(member)
        messages.success(request, _("Thank you: your profile is confirmed."))
        return redirect("panel:mine", slug)
    if request.method == "POST" and form.is_valid():
        services.update_profile(member, form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("panel:mine", slug)
    profile = [
        (services.ATTRIBUTE_LABELS[k], services.value_label(gemeente, k, v))
        for k, v in member.attributes.items()
    ]
    return render(
        request,
        "panel/mine.html",
        {
            "gemeente": gemeente,
            "member": member,
            "form": form,
            "profile": profile,
            "needs_confirmation": services.needs_confirmation(member),
            "invitations": member.invitations.select_related("consultation__use").order_by(
                "-invited"
            ),
        },
    )


@login_required
def export(request, slug):
    gemeente, member = _member(request, slug)
    audit(request.user, "export", member, gemeente=gemeente, personal_data=True)
    body = json.dumps(
        services.export_member(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="burgerpanel.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, slug):
    gemeente, member = _member(request, slug)
    if request.method == "POST":
        services.leave(member)
        messages.success(
            request,
            _("You left the panel. Your profile is erased; your earlier answers stay, anonymous."),
        )
        return redirect("trajectories:gemeente", slug)
    return render(request, "panel/leave.html", {"gemeente": gemeente})


# ---- the panel, for the municipality -------------------------------------------------------


def _staff(request, slug):
    gemeente = get_gemeente(slug)
    require(request, "panel.manage_panel", gemeente)
    return gemeente


@login_required
def overview(request, slug):
    gemeente = _staff(request, slug)
    return render(
        request,
        "panel/overview.html",
        {
            "gemeente": gemeente,
            "panel": services.panel_of(gemeente),
            "rows": services.overview(gemeente),
            "size": services.Member.objects.filter(gemeente=gemeente).count(),
        },
    )


@login_required
def health(request, slug):
    gemeente = _staff(request, slug)
    return render(request, "panel/health.html", {"gemeente": gemeente, **services.health(gemeente)})


@login_required
@require_http_methods(["GET", "POST"])
def panel_settings(request, slug):
    gemeente = _staff(request, slug)
    panel = services.panel_of(gemeente)
    form = PanelSettingsForm(
        request.POST or None, instance=panel, initial={"attributes": panel.attributes}
    )
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        changed.attributes = form.cleaned_data["attributes"]
        changed.save()
        audit(request.user, "change", changed, gemeente=gemeente)
        messages.success(request, _("The panel's settings were saved."))
        return redirect("panel:overview", slug)
    return form_page(request, form, _("Settings of the panel"), gemeente)


# ---- consultations -------------------------------------------------------------------------


def _get(request, slug, pk) -> Consultation:
    gemeente = get_gemeente(slug)
    consultation = get_object_or_404(
        Consultation.objects.select_related("use__traject", "panel"), gemeente=gemeente, pk=pk
    )
    consultation.gemeente = consultation.use.gemeente = consultation.use.traject.gemeente = gemeente
    if not request.user.has_perm("trajectories.view_traject", consultation.use.traject):
        raise Http404
    return consultation


def _manage(request, slug, pk) -> Consultation:
    consultation = _get(request, slug, pk)
    if not allowed(request.user, consultation.use, "manage"):
        deny(request)
    return consultation


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "instruments.attach")
    form = ConsultationForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consultation = services.create_consultation(
            request.user,
            traject,
            data["phase"],
            data["title"],
            {"intro": data["intro"], "intro_en": data["intro_en"]},
        )
        messages.success(request, _("The consultation was added; now add its questions."))
        return redirect("panel:detail", slug, consultation.pk)
    return form_page(request, form, _("New panel consultation"), traject.gemeente, traject)


def detail(request, slug, pk):
    consultation = _get(request, slug, pk)
    use = consultation.use
    can_manage = allowed(request.user, use, "manage")
    questions = list(consultation.questions.all())
    return render(
        request,
        "panel/detail.html",
        {
            **use_menu(request.user, use),
            "consultation": consultation,
            "gemeente": consultation.gemeente,
            "traject": use.traject,
            "can_manage": can_manage,
            "is_member": services.membership(request.user, consultation.gemeente) is not None,
            "sees_panel": request.user.has_perm("panel.manage_panel", consultation.gemeente),
            "questions": [(q, services.readability(q)) for q in questions] if can_manage else [],
            "count": len(questions),
            "feedback": services.feedback_state(consultation),
            "public_results": consultation.status == Status.CLOSED
            and use.settings.show_results_publicly,
            "invited": consultation.invitations.count() if can_manage else None,
            "answered": consultation.responses.filter(submitted__isnull=False).count()
            if can_manage
            else None,
            "unanswered": services.unanswered(consultation).count() if can_manage else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def question(request, slug, pk, question_pk=None):
    consultation = _manage(request, slug, pk)
    instance = (
        get_object_or_404(Question, consultation=consultation, pk=question_pk)
        if question_pk
        else None
    )
    if consultation.status != Status.DRAFT:
        messages.error(request, _("The questions cannot change once the panel was asked."))
        return redirect("panel:detail", slug, pk)
    form = QuestionForm(request.POST or None, instance=instance, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        saved = services.save_question(request.user, consultation, form.save(commit=False))
        score = services.readability(saved)
        if score.above_b1:
            messages.warning(
                request,
                _(
                    "The question was saved, but it may be hard to read (reading ease "
                    "%(score)s, B1 needs about 60 or more): use shorter sentences and words."
                )
                % {"score": score.score},
            )
        else:
            messages.success(request, _("The question was saved."))
        return redirect("panel:detail", slug, pk)
    title = _("Edit question") if instance else _("New question")
    return form_page(request, form, title, consultation.gemeente, consultation.use.traject)


@login_required
def preview(request, slug, pk):
    """The questionnaire as a resident sees it, at phone and at desktop width."""
    consultation = _manage(request, slug, pk)
    questions = list(consultation.questions.all())
    return render(
        request,
        "panel/preview.html",
        {
            "consultation": consultation,
            "gemeente": consultation.gemeente,
            "form": _answer_form(questions, {}, auto_id="telefoon_%s"),
            "desktop_form": _answer_form(questions, {}, auto_id="computer_%s"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request, slug, pk):
    consultation = _manage(request, slug, pk)
    form = ProposalForm(request.POST or None, panel=consultation.panel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        work = services.propose(
            request.user, consultation, data["mode"], data["size"], data["attributes"]
        )
        return redirect("long_work", work.pk)
    return render(
        request,
        "panel/propose.html",
        {
            "consultation": consultation,
            "gemeente": consultation.gemeente,
            "traject": consultation.use.traject,
            "form": form,
            "proposal": services.proposal_view(consultation),
            "panel": consultation.panel,
        },
    )


@login_required
@require_POST
def send(request, slug, pk):
    consultation = _manage(request, slug, pk)
    if not consultation.proposal.get("selected"):
        messages.error(request, _("Make a proposal of whom to invite first."))
        return redirect("panel:propose", slug, pk)
    work = services.send(request.user, consultation)
    messages.success(request, _("The invitations are being sent."))
    return redirect("long_work", work.pk)


@login_required
@require_POST
def remind(request, slug, pk):
    consultation = _manage(request, slug, pk)
    if consultation.status != Status.OPEN:
        messages.error(request, _("Only an open consultation has people to remind."))
        return redirect("panel:detail", slug, pk)
    work = services.remind(request.user, consultation)
    return redirect("long_work", work.pk)


@login_required
@require_POST
def close(request, slug, pk):
    consultation = _manage(request, slug, pk)
    if consultation.status == Status.DRAFT:
        messages.error(request, _("Only a consultation that was sent can be closed."))
        return redirect("panel:detail", slug, pk)
    services.close(request.user, consultation)
    messages.success(request, _("The consultation is closed. Now give the feedback."))
    return redirect("panel:feedback", slug, pk)


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, slug, pk):
    consultation = _manage(request, slug, pk)
    if consultation.status != Status.CLOSED:
        return render(
            request,
            "panel/feedback_not_yet.html",
            {"consultation": consultation, "gemeente": consultation.gemeente},
        )
    initial = {"text": consultation.feedback}
    if consultation.inbreng is not None:
        initial["status"] = consultation.inbreng.status
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        work = services.give_feedback(
            request.user, consultation, form.cleaned_data["status"], form.cleaned_data["text"]
        )
        messages.success(request, _("The feedback is published and sent to the respondents."))
        if work is not None:
            return redirect("long_work", work.pk)
        return redirect("panel:detail", slug, pk)
    return form_page(
        request,
        form,
        _("What was done with the result?"),
        consultation.gemeente,
        consultation.use.traject,
    )


def _may_see_results(request, consultation) -> bool:
    return allowed(request.user, consultation.use, "manage") or (
        consultation.status == Status.CLOSED and consultation.use.settings.show_results_publicly
    )


def results(request, slug, pk):
    consultation = _get(request, slug, pk)
    if not _may_see_results(request, consultation):
        deny(request)
    return render(
        request,
        "panel/results.html",
        {
            "consultation": consultation,
            "gemeente": consultation.gemeente,
            "traject": consultation.use.traject,
            "can_manage": allowed(request.user, consultation.use, "manage"),
            **services.results(consultation),
        },
    )


def factsheet(request, slug, pk):
    consultation = _get(request, slug, pk)
    if not _may_see_results(request, consultation):
        deny(request)
    return render(
        request,
        "panel/factsheet.html",
        {
            "consultation": consultation,
            "gemeente": consultation.gemeente,
            "now": timezone.now(),
            **services.results(consultation),
        },
    )


@login_required
def csv_export(request, slug, pk):
    consultation = _manage(request, slug, pk)
    audit(request.user, "export", consultation, gemeente=consultation.gemeente, detail="csv")
    response = HttpResponse(
        services.csv_export(consultation), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="raadpleging-{consultation.pk}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def tag(request, slug, pk, question_pk):
    consultation = _manage(request, slug, pk)
    question = get_object_or_404(
        Question, consultation=consultation, pk=question_pk, kind=Kind.OPEN
    )
    if request.method == "POST":
        form = TagForm(request.POST)
        if form.is_valid():
            services.tag_answer(
                request.user, question, form.cleaned_data["response"], form.cleaned_data["tags"]
            )
            messages.success(request, _("The tags were saved."))
        return redirect("panel:tag", slug, pk, question_pk)
    return render(
        request,
        "panel/tag.html",
        {
            "consultation": consultation,
            "gemeente": consultation.gemeente,
            "question": question,
            "answers": services.open_answers(question),
        },
    )


# ---- answering (no login: the personal link) -----------------------------------------------


def _answer_form(questions, answers, data=None, auto_id="id_%s") -> AnswerForm:
    return AnswerForm(
        data, questions=services.visible(questions, answers), answers=answers, auto_id=auto_id
    )


@require_http_methods(["GET", "POST"])
def answer(request, pk, token):
    invitation = services.invitation_for(pk, token)
    if invitation is None:
        raise Http404
    consultation = invitation.consultation
    gemeente = consultation.use.gemeente
    response = getattr(invitation, "response", None)
    answers = response.answers if response else {}
    done = response is not None and response.submitted is not None
    if done or consultation.status != Status.OPEN:
        return render(
            request,
            "panel/answer_closed.html",
            {"consultation": consultation, "gemeente": gemeente, "done": done},
        )
    questions = list(consultation.questions.all())
    form = _answer_form(questions, answers, request.POST or None)
    if request.method == "POST" and form.is_valid():
        given = form.answers()
        asked = {q.pk for q in form.questions}
        more = {q.pk for q in services.visible(questions, {**answers, **given})} - asked
        submit = bool(request.POST.get("send")) and not more
        services.save_answers(invitation, given, submit=submit)
        if submit:
            return render(
                request,
                "panel/answer_closed.html",
                {"consultation": consultation, "gemeente": gemeente, "done": True},
            )
        if more:
            messages.info(request, _("Your answers lead to more questions below."))
        else:
            messages.success(request, _("Your answers are saved. You can continue later."))
        return redirect(reverse("panel:answer", args=[pk, token]))
    return render(
        request,
        "panel/answer.html",
        {"consultation": consultation, "gemeente": gemeente, "form": form},
    )
