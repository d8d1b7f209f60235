"""HTTP helpers shared by the apps' views."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from samenspel.core.models import Submission

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
