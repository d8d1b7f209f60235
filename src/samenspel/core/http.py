# SPDX-License-Identifier: EUPL-1.2
"""HTTP helpers every app's views share: permission checks, the login redirect, form pages, and
create views that count each rendered form once."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone

from samenspel.core.models import Submission


class LoginRequired(Exception):
    """Raised by ``require`` for an anonymous user; the middleware redirects to login."""


def require(request, perm: str, obj) -> None:
    """Deny the request unless the user has ``perm`` on ``obj``.

    Anonymous users are sent to the login page; logged-in users get a 403.
    """
    if not request.user.has_perm(perm, obj):
        deny(request)


def deny(request):
    """Refuse the request: anonymous users go to the login page, others get a 403."""
    if not request.user.is_authenticated:
        raise LoginRequired
    raise PermissionDenied


def form_page(request, form, title: str, gemeente, traject=None):
    """Render a staff form page: the form with its errors next to the fields."""
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "gemeente": gemeente,
            "traject": traject,
        },
    )


class LoginRequiredMiddleware:
    """Turns ``LoginRequired`` into a redirect to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None


#: The POST field that carries a rendered form's one-time token (``{% submission_token %}``).
SUBMISSION_FIELD = "submission"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
#: How long a token is remembered: long enough for any double click, reload or retry.
SUBMISSION_KEPT = timedelta(days=1)


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


class _NothingMade(Exception):
    """The view answered without redirecting (a form with errors): forget the token."""

    def __init__(self, response):
        self.response = response


def submit_once(view):
    """Make a create view count each rendered form once.

    Every rendered form carries its own one-time token. The first POST with it stores the token,
    in the same transaction as what the view makes, with the address the view redirects to. A
    second POST of that form (a double click, a reload, a retried request) is sent there instead
    of making a second one; one that arrives while the first is still running waits for it on
    the token's unique key. A POST that does not redirect (a form with errors) keeps no token,
    so the corrected form can be sent again.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(SUBMISSION_FIELD, "") if request.method == "POST" else ""
        user = request.user
        if not user.is_authenticated or not _TOKEN.fullmatch(token):
            return view(request, *args, **kwargs)
        done = Submission.objects.filter(user=user, token=token).first()
        if done is not None:
            return HttpResponseRedirect(done.url)
        try:
            with transaction.atomic():
                submission = Submission.objects.create(user=user, token=token)
                response = view(request, *args, **kwargs)
                if not isinstance(response, HttpResponseRedirect):
                    raise _NothingMade(response)
                submission.url = response["Location"]
                submission.save(update_fields=["url"])
        except _NothingMade as nothing:
            return nothing.response
        except IntegrityError:
            done = Submission.objects.filter(user=user, token=token).first()
            if done is None:
                raise
            return HttpResponseRedirect(done.url)
        stale = timezone.now() - SUBMISSION_KEPT
        Submission.objects.filter(user=user, created__lt=stale).delete()
        return response

    return wrapper
