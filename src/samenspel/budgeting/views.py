# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.budgeting import services
from samenspel.budgeting.forms import (
    BallotForm,
    BegrotingForm,
    CsvForm,
    DecisionForm,
    DeelForm,
    OntbrekendForm,
    PaperForm,
    PostForm,
    ReceiptForm,
    ReviewForm,
    VoorstelForm,
)
from samenspel.budgeting.models import BallotType, Begroting, Status, Voorstel, VoorstelStatus
from samenspel.core.http import deny, submit_once
from samenspel.instruments.services import allowed, use_menu
from samenspel.municipalities.services import get_gemeente
from samenspel.people.services import require_participant
from samenspel.reach.services import wijk_population
from samenspel.trajectories.services import ankerpunten_with_history, get_visible_traject


def _get(request, slug, pk) -> Begroting:
    gemeente = get_gemeente(slug)
    begroting = get_object_or_404(
        Begroting.objects.select_related("use__traject"), gemeente=gemeente, pk=pk
    )
    traject = begroting.use.traject
    traject.gemeente = begroting.use.gemeente = begroting.gemeente = gemeente
    if not request.user.has_perm("trajectories.view_traject", traject):
        raise Http404
    return begroting


def _managed(request, slug, pk) -> Begroting:
    begroting = _get(request, slug, pk)
    if not allowed(request.user, begroting.use, "manage"):
        deny(request)
    return begroting


def _join_if_public(request, begroting: Begroting) -> None:
    """Taking part in a public trajectory: a person new to the municipality first says how
    they belong to it (then continues here)."""
    if begroting.use.traject.is_public:
        require_participant(request.user, begroting.gemeente)


def _voorstel(begroting: Begroting, voorstel_pk: int) -> Voorstel:
    return get_object_or_404(begroting.voorstellen.select_related("deel", "post"), pk=voorstel_pk)


def _frame(begroting: Begroting) -> dict:
    """What every page of the instrument shows: the council's frames (protected lines and
    the trajectory's ankerpunten)."""
    return {
        "begroting": begroting,
        "gemeente": begroting.gemeente,
        "traject": begroting.use.traject,
        "protected": services.protected_posts(begroting),
        "ankerpunten": ankerpunten_with_history(begroting.use.traject),
    }


def _page(request, template: str, begroting: Begroting, **context):
    return render(request, template, {**_frame(begroting), **context})


def _form(request, begroting: Begroting, form, title: str, submit: str = "", voorstel=None):
    return _page(
        request,
        "budgeting/form.html",
        begroting,
        form=form,
        title=title,
        submit=submit or None,
        voorstel=voorstel,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create(request, slug, pk):
    traject = get_visible_traject(request, slug, pk, "instruments.attach")
    form = BegrotingForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        begroting = services.create_begroting(
            request.user, traject, form.cleaned_data["phase"], form.cleaned_data["title"], data
        )
        messages.success(request, _("The budget was added to the trajectory."))
        return redirect(begroting)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("New participatory budget"),
            "gemeente": traject.gemeente,
            "traject": traject,
        },
    )


def detail(request, slug, pk):
    begroting = _get(request, slug, pk)
    use = begroting.use
    can_manage = allowed(request.user, use, "manage")
    voorstellen = begroting.voorstellen.select_related("deel", "post", "merged_into")
    menu = use_menu(request.user, use)
    if begroting.status != Status.COUNTED:
        menu["exports"] = []  # the .pb file exists once counted
    return _page(
        request,
        "budgeting/detail.html",
        begroting,
        **menu,
        can_manage=can_manage,
        delen=list(begroting.delen.select_related("gebied").prefetch_related("ontbrekend")),
        posten=list(begroting.posten.all()),
        voorstellen=list(voorstellen),
        voting_open=services.voting_open(begroting),
        voters=begroting.stemmen.count() if can_manage else None,
        own=services.ballot_of(request.user, begroting),
        settings=use.settings,
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request, slug, pk):
    begroting = _managed(request, slug, pk)
    if begroting.frozen_at is not None:
        return _page(request, "budgeting/frozen.html", begroting)
    form = BegrotingForm(request.POST or None, instance=begroting, traject=begroting.use.traject)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            services.update_setup(request.user, begroting, data)
        except services.RulesFrozen as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The set-up was saved."))
        return redirect(begroting)
    return _form(request, begroting, form, _("Set up the budget"))


def _add(request, slug, pk, form_class, title: str, save, form_kwargs):
    """A small create page of the set-up (a part, a budget line, a missing interest)."""
    begroting = _managed(request, slug, pk)
    form = form_class(request.POST or None, **form_kwargs(begroting))
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, begroting, form.cleaned_data)
        except services.RulesFrozen as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Saved."))
        return redirect(begroting)
    return _form(request, begroting, form, title)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def deel_add(request, slug, pk):
    return _add(
        request,
        slug,
        pk,
        DeelForm,
        _("Add a thematafel or area"),
        lambda user, b, data: services.add_deel(user, b, **data),
        form_kwargs=lambda b: {"gebieden": b.gemeente.gebieden.all()},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def post_add(request, slug, pk):
    return _add(
        request,
        slug,
        pk,
        PostForm,
        _("Add a budget line"),
        services.add_post,
        form_kwargs=lambda b: {},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def ontbrekend_add(request, slug, pk):
    return _add(
        request,
        slug,
        pk,
        OntbrekendForm,
        _("Completing the group: a missing interest"),
        lambda user, b, data: services.add_ontbrekend(
            user, data["deel"], data["interest"], data["invited"]
        ),
        form_kwargs=lambda b: {"delen": b.delen.all()},
    )


STAGES = {
    Status.PROPOSALS: (services.open_proposals, _("The budget is open for proposals.")),
    Status.VOTING: (services.open_voting, _("Voting is open; the rules are published.")),
    Status.CLOSED: (services.close_voting, _("Voting is closed.")),
}


@require_POST
def stage(request, slug, pk):
    begroting = _managed(request, slug, pk)
    step = STAGES.get(request.POST.get("to", ""))
    if step is None:
        messages.error(request, _("This step does not fit the stage the budget is in."))
        return redirect(begroting)
    move, done = step
    try:
        move(request.user, begroting)
    except services.NotNow as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect(begroting)


@require_http_methods(["GET", "POST"])
@submit_once
def propose(request, slug, pk):
    begroting = _get(request, slug, pk)
    _join_if_public(request, begroting)
    if not allowed(request.user, begroting.use, "propose"):
        deny(request)
    if begroting.status != Status.PROPOSALS:
        reason = _("Proposals can be submitted only while the budget is open for them.")
        return _page(request, "budgeting/not_now.html", begroting, reason=reason)
    form = VoorstelForm(request.POST or None, begroting=begroting)
    if request.method == "POST" and form.is_valid():
        try:
            voorstel = services.submit_voorstel(request.user, begroting, form.cleaned_data)
        except services.ProtectedLine as refused:
            form.add_error("post", str(refused))
        except services.NotNow as refused:
            form.add_error(None, str(refused))
        else:
            thanks = _("Thank you. Your proposal is checked; you will hear what is done with it.")
            messages.success(request, thanks)
            return redirect(voorstel)
    return _form(request, begroting, form, _("Submit a proposal"), _("Submit"))


def voorstel(request, slug, pk, voorstel_pk):
    begroting = _get(request, slug, pk)
    found = _voorstel(begroting, voorstel_pk)
    return _page(
        request,
        "budgeting/voorstel.html",
        begroting,
        voorstel=found,
        can_manage=allowed(request.user, begroting.use, "manage"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, slug, pk, voorstel_pk):
    begroting = _managed(request, slug, pk)
    found = _voorstel(begroting, voorstel_pk)
    if begroting.frozen_at is not None:
        return _page(request, "budgeting/frozen.html", begroting)
    form = ReviewForm(request.POST or None, voorstel=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.review(
            request.user, found, data["status"], data["reason"], data["cost"], data["merged_into"]
        )
        messages.success(request, _("The check was saved; the reason is public."))
        return redirect(begroting)
    title = _("Check proposal: %(title)s") % {"title": found.title}
    return _form(request, begroting, form, title, voorstel=found)


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, slug, pk, voorstel_pk):
    begroting = _managed(request, slug, pk)
    found = _voorstel(begroting, voorstel_pk)
    form = DecisionForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        services.decide(request.user, found, form.cleaned_data)
        messages.success(request, _("The council's decision was saved."))
        return redirect("budgeting:report", slug, begroting.pk)
    title = _("Council decision on: %(title)s") % {"title": found.title}
    return _form(request, begroting, form, title, voorstel=found)


def _parts(begroting: Begroting, form) -> list[dict]:
    """The ballot by part: its projects with their fields, and what the ticked projects leave
    of the part's budget (or of the points), from the form's data (shown without JavaScript)."""
    points = begroting.ballot_type == BallotType.POINTS
    parts: dict[int, dict] = {}
    for voorstel, field in form.project_fields():
        part = parts.setdefault(voorstel.deel_id, {"deel": voorstel.deel, "rows": [], "used": 0})
        part["rows"].append((voorstel, field))
        raw = str(form.data.get(field.html_name, "") or "")
        if points:
            part["used"] += int(raw) if raw.isdigit() else 0
        elif raw and raw not in ("0", "False", "false"):
            part["used"] += voorstel.amount
    for part in parts.values():
        part["budget"] = begroting.points if points else part["deel"].amount
        part["left"] = part["budget"] - part["used"]
    return list(parts.values())


@require_http_methods(["GET", "POST"])
@submit_once
def vote(request, slug, pk):
    begroting = _get(request, slug, pk)
    _join_if_public(request, begroting)
    # The action's permission; its assurance level is part of the eligibility below.
    if not request.user.has_perm(begroting.use.manifest.action("vote").permission, begroting.use):
        deny(request)
    projects = services.ballot_projects(begroting)
    own = services.ballot_of(request.user, begroting)
    initial = {}
    if own is not None:
        initial = {f"p{k.voorstel_id}": k.points for k in own.keuzes.all()}
        initial["age_band"] = own.age_band
    form = BallotForm(request.POST or None, begroting=begroting, projects=projects, initial=initial)
    eligible = services.eligibility(request.user, begroting)
    if request.method == "POST" and "cast" in request.POST and form.is_valid():
        try:
            _stem, code = services.submit_ballot(
                request.user, begroting, form.choices(), form.cleaned_data["age_band"]
            )
        except services.BallotRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _(
                    "Your ballot is stored. Your receipt code is %(code)s. Write it down: with it "
                    "you can check after the count that your ballot was counted as cast. You can "
                    "change your vote until voting closes."
                )
                % {"code": code},
            )
            return redirect("budgeting:vote", slug, begroting.pk)
    if not form.is_bound:
        form.data = initial
    return _page(
        request,
        "budgeting/vote.html",
        begroting,
        form=form,
        eligible=eligible,
        own=own,
        parts=_parts(begroting, form),
        points=begroting.ballot_type == BallotType.POINTS,
        settings=begroting.use.settings,
    )


@require_http_methods(["GET", "POST"])
def receipt(request, slug, pk):
    begroting = _get(request, slug, pk)
    form = ReceiptForm(request.POST or None)
    found = None
    checked = False
    if request.method == "POST" and form.is_valid():
        client = get_adapter().get_client_ip(request) or "unknown"
        if not services.receipt_try_allowed(client):
            form.add_error("code", _("You checked too many codes. Try again in an hour."))
        else:
            found = services.find_receipt(begroting, form.cleaned_data["code"])
            checked = True
            if found is None:
                form.add_error("code", _("No ballot has this receipt code. Check the code."))
    return _page(
        request, "budgeting/receipt.html", begroting, form=form, found=found, checked=checked
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def paper(request, slug, pk):
    begroting = _managed(request, slug, pk)
    projects = services.ballot_projects(begroting)
    form = PaperForm(request.POST or None, begroting=begroting, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.enter_paper(
                request.user,
                begroting,
                form.cleaned_data["sheet"],
                form.choices(),
                form.cleaned_data["age_band"],
            )
        except (services.BallotRefused, services.PaperMismatch, services.NotNow) as refused:
            form.add_error(None, str(refused))
        else:
            if entry.stem_id:
                messages.success(request, _("Both entries agree: the ballot paper counts."))
            else:
                messages.success(
                    request, _("Entered. A second official enters this ballot paper again.")
                )
            return redirect("budgeting:paper", slug, begroting.pk)
    return _page(
        request,
        "budgeting/paper.html",
        begroting,
        form=form,
        waiting=list(begroting.paper.filter(stem=None).select_related("entered_by")),
        counted=begroting.paper.exclude(stem=None).count(),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def paper_csv(request, slug, pk):
    begroting = _managed(request, slug, pk)
    form = CsvForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            n = services.import_paper_csv(request.user, begroting, form.cleaned_data["file"])
        except (services.BallotRefused, services.NotNow) as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(request, _("%(n)s paper ballots were imported.") % {"n": n})
            return redirect(begroting)
    return _form(request, begroting, form, _("Import paper ballots"), _("Import"))


@require_POST
def count(request, slug, pk):
    begroting = _managed(request, slug, pk)
    try:
        work = services.start_count(request.user, begroting)
    except services.NotNow as refused:
        messages.error(request, str(refused))
        return redirect(begroting)
    return redirect("long_work", work.pk)


def result(request, slug, pk):
    begroting = _get(request, slug, pk)
    if begroting.status != Status.COUNTED:
        reason = _("The result follows after the count.")
        return _page(request, "budgeting/not_now.html", begroting, reason=reason)
    population = wijk_population(begroting.gemeente)
    gebieden = {str(g.pk): g for g in begroting.gemeente.gebieden.all()}
    shares = {
        pk: population[g.cbs_code][0] for pk, g in gebieden.items() if g.cbs_code in population
    }
    names = {pk: g.name for pk, g in gebieden.items()}
    lang = "en" if request.LANGUAGE_CODE.startswith("en") else "nl"
    return _page(
        request,
        "budgeting/result.html",
        begroting,
        results=services.results(begroting),
        participation=services.participation(begroting, shares, names),
        lang=lang,
    )


def pb(request, slug, pk):
    begroting = _get(request, slug, pk)
    deel = get_object_or_404(
        begroting.delen.select_related("uitslag"),
        pk=request.GET.get("deel") or begroting.delen.values_list("pk", flat=True).first() or 0,
    )
    uitslag = getattr(deel, "uitslag", None)
    if uitslag is None:
        raise Http404
    response = HttpResponse(uitslag.pb, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{begroting.gemeente.slug}_{begroting.pk}_{deel.pk}.pb"'
    )
    return response


def report(request, slug, pk):
    begroting = _get(request, slug, pk)
    return _page(
        request,
        "budgeting/report.html",
        begroting,
        voorstellen=list(
            begroting.voorstellen.exclude(status=VoorstelStatus.MERGED).select_related(
                "deel", "post"
            )
        ),
        totals=services.report_totals(begroting),
        can_manage=allowed(request.user, begroting.use, "manage"),
    )
