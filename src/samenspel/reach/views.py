# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.core.http import deny, form_page, require, submit_once
from samenspel.instruments import services as instrument_services
from samenspel.instruments.services import InstrumentUse
from samenspel.municipalities.services import get_gemeente
from samenspel.reach import services
from samenspel.reach.forms import (
    CodeForm,
    DrawForm,
    LetterForm,
    OptOutForm,
    PolicyForm,
    ReissueForm,
    UploadForm,
)
from samenspel.reach.models import AddressFile, Batch
from samenspel.reach.rules import may_manage


def _visible(request, use) -> None:
    if not request.user.has_perm("trajectories.view_traject", use.traject):
        raise Http404


def _use(request, slug, pk) -> InstrumentUse:
    gemeente = get_gemeente(slug)
    use = get_object_or_404(
        InstrumentUse.objects.select_related("traject"), gemeente=gemeente, pk=pk
    )
    use.gemeente = use.traject.gemeente = gemeente
    _visible(request, use)
    if not may_manage(request.user, use):
        deny(request)
    return use


def _batch(request, slug, pk, *, manage: bool = True) -> Batch:
    gemeente = get_gemeente(slug)
    batch = get_object_or_404(
        Batch.objects.select_related("use__traject", "address_file"), gemeente=gemeente, pk=pk
    )
    batch.gemeente = batch.use.gemeente = batch.use.traject.gemeente = gemeente
    _visible(request, batch.use)
    if manage and not may_manage(request.user, batch.use):
        deny(request)
    return batch


def _page(request, template, title, use, **context):
    return render(
        request,
        template,
        {"title": title, "use": use, "gemeente": use.gemeente, "traject": use.traject, **context},
    )


@login_required
def overview(request, slug, pk):
    use = _use(request, slug, pk)
    return _page(
        request,
        "reach/overview.html",
        _("Letters and codes"),
        use,
        files=use.address_files.all(),
        batches=use.letter_batches.select_related("address_file"),
        policy=services.policy(use.gemeente),
        opt_outs=services.opt_outs(use.gemeente),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def upload(request, slug, pk):
    use = _use(request, slug, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    rejected = None
    if request.method == "POST" and form.is_valid():
        result = services.upload(
            request.user, use, form.cleaned_data["name"], form.cleaned_data["file"].read()
        )
        if isinstance(result, services.RejectedFile):
            rejected = result
        else:
            messages.success(
                request, _("The address file was read: %(rows)s rows.") % {"rows": result.rows}
            )
            return redirect("reach:address_file", slug, result.pk)
    return _page(
        request, "reach/upload.html", _("Upload an address file"), use, form=form, rejected=rejected
    )


def _address_file(request, slug, pk) -> AddressFile:
    gemeente = get_gemeente(slug)
    address_file = get_object_or_404(
        AddressFile.objects.select_related("use__traject", "sealed"), gemeente=gemeente, pk=pk
    )
    address_file.gemeente = address_file.use.gemeente = address_file.use.traject.gemeente = gemeente
    _visible(request, address_file.use)
    if not may_manage(request.user, address_file.use):
        deny(request)
    return address_file


@login_required
def address_file(request, slug, pk):
    address_file = _address_file(request, slug, pk)
    rows = services.show_rows(request.user, address_file)
    return _page(
        request,
        "reach/address_file.html",
        address_file.name,
        address_file.use,
        address_file=address_file,
        rows=rows,
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def draw(request, slug, pk):
    address_file = _address_file(request, slug, pk)
    if address_file.erased:
        raise Http404
    form = DrawForm(request.POST or None, columns=address_file.columns, rows=address_file.rows)
    if request.method == "POST" and form.is_valid():
        _batch_made, work = services.start_draw(
            request.user,
            address_file,
            form.cleaned_data["size"],
            form.cleaned_data["strata"],
            form.cleaned_data["oversample"],
        )
        return redirect("long_work", work.pk)
    return _page(request, "reach/form.html", _("Draw a sample"), address_file.use, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def batch(request, slug, pk):
    batch = _batch(request, slug, pk)
    initial = {
        "letter_text": batch.letter_text or services.default_letter_text(batch.use),
        "letter_text_en": batch.letter_text_en,
        "signatory": batch.signatory,
        "signatory_role": batch.signatory_role or "burgemeester",
    }
    form = LetterForm(request.POST or None, initial=initial)
    if request.method == "POST" and batch.letters_made is None and form.is_valid():
        for field, value in form.cleaned_data.items():
            setattr(batch, field, value)
        batch.save(update_fields=list(form.cleaned_data))
        messages.success(request, _("The text of the letter was saved."))
        return redirect("reach:batch", slug, batch.pk)
    return _page(
        request,
        "reach/batch.html",
        _("Letters: %(use)s") % {"use": batch.use.title},
        batch.use,
        batch=batch,
        per_stratum=services.per_stratum(batch),
        form=form,
        reissue_form=ReissueForm(),
    )


@login_required
def preview(request, slug, pk):
    batch = _batch(request, slug, pk)
    return _pdf(services.preview(batch), f"voorbeeldbrief-{batch.pk}.pdf", inline=True)


@login_required
@require_POST
def generate(request, slug, pk):
    batch = _batch(request, slug, pk)
    if batch.drawn is None or not batch.signatory:
        messages.error(request, _("Draw the sample and save the text of the letter first."))
        return redirect("reach:batch", slug, batch.pk)
    work = services.start_letters(request.user, batch)
    return redirect("long_work", work.pk)


def _pdf(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def download_pdf(request, slug, pk):
    batch = _batch(request, slug, pk)
    data = services.letters_file(request.user, batch, "pdf")
    if data is None:
        raise Http404
    return _pdf(data, f"brieven-{batch.pk}.pdf")


@login_required
def download_csv(request, slug, pk):
    batch = _batch(request, slug, pk)
    data = services.letters_file(request.user, batch, "csv")
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="brieven-{batch.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reissue(request, slug, pk):
    batch = _batch(request, slug, pk)
    form = ReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = services.reissue(request.user, batch, form.cleaned_data["line"])
        if data is not None:
            return _pdf(data, f"brief-opnieuw-{batch.pk}.pdf")
        form.add_error("line", _("No letter of this batch went to this line."))
    return _page(request, "reach/form.html", _("Send a letter again"), batch.use, form=form)


def report(request, slug, pk):
    batch = _batch(request, slug, pk, manage=False)
    organiser = may_manage(request.user, batch.use)
    return _page(
        request,
        "reach/report.html",
        _("Reach of the letters"),
        batch.use,
        batch=batch,
        report=services.report(batch, public=not organiser),
        organiser=organiser,
    )


def _client(request) -> str:
    from allauth.account.adapter import get_adapter

    return get_adapter().get_client_ip(request) or "unknown"


@require_http_methods(["GET", "POST"])
def code(request, code=""):
    """Where a resident types the code from a letter (no account needed)."""
    form = CodeForm(request.POST or None, initial={"code": code})
    retry_at = None
    if request.method == "POST" and form.is_valid():
        try:
            redeemed = services.redeem(
                request.user, _client(request), form.cleaned_data["code"], request.session
            )
        except services.CodeRefused as refused:
            form.add_error("code", str(refused))
            retry_at = refused.retry_at
        else:
            messages.success(request, _("Your code is accepted. Welcome!"))
            return redirect(instrument_services.code_landing(redeemed.use_id))
    status = 429 if retry_at else 200
    return render(request, "reach/code.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@submit_once
def opt_out(request):
    """Where a resident says they want no more letters, by code or by address."""
    form = OptOutForm(request.POST or None)
    retry_at = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["code"]:
                gemeente = services.opt_out_by_code(_client(request), data["code"])
                done = True
            else:
                gemeente = data["gemeente"]
                done = services.opt_out_by_address(
                    _client(request),
                    gemeente,
                    data["postcode"],
                    data["number"],
                    data["letter"],
                    data["addition"],
                )
                if not done:
                    form.add_error(None, _("Check the house letter and the addition."))
        except services.CodeRefused as refused:
            form.add_error("code" if data["code"] else None, str(refused))
            retry_at = refused.retry_at
        else:
            if done:
                messages.success(
                    request,
                    _("You will get no more letters like this from the municipality of %(name)s.")
                    % {"name": gemeente.name},
                )
                return redirect("reach:opt_out")
    status = 429 if retry_at else 200
    return render(request, "reach/opt_out.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def policy(request, slug):
    """The municipality's periods for letters: how long address files are kept, when an
    address may be invited again, how long codes work."""
    gemeente = get_gemeente(slug)
    require(request, "reach.set_policy", gemeente)
    form = PolicyForm(request.POST or None, instance=services.policy(gemeente))
    if request.method == "POST" and form.is_valid():
        services.save_policy(request.user, form.save(commit=False))
        messages.success(request, _("The periods for letters were saved."))
        return redirect("reach:policy", slug)
    return form_page(request, form, _("Periods for letters and address files"), gemeente)
