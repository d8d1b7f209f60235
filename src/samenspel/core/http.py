"""HTTP helpers every app's views share: permission checks, the login redirect, form pages."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


class LoginRequired(Exception):
    """Raised by ``require`` for an anonymous user; the middleware redirects to login."""


def require(request, perm: str, obj) -> None:
    """Deny the request unless the user has ``perm`` on ``obj``.

    Anonymous users are sent to the login page; logged-in users get a 403.
    """
    if request.user.has_perm(perm, obj):
        return
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
