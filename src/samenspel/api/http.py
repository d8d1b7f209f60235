# SPDX-License-Identifier: EUPL-1.2
"""What every API view shares: the version header, CORS for reading, rate limits, and
authentication with a municipality's API key."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.pagination import PageNumberPagination

from samenspel.api import services

#: Headers a browser script on another site may read.
EXPOSED_HEADERS = "API-Version, Retry-After"


class ApiKeyAuthentication(BaseAuthentication):
    """``Authorization: Bearer sk_…``; without the header a request is anonymous (and reads).

    The key is the request's ``auth``; its ``user`` stays anonymous: a key is no person."""

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower() != self.keyword or len(header) != 2:
            raise exceptions.AuthenticationFailed("Gebruik: Authorization: Bearer <API-sleutel>.")
        key = services.authenticate(header[1].decode("latin-1"))
        if key is None:
            raise exceptions.AuthenticationFailed("Deze API-sleutel is onbekend of ingetrokken.")
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key of the municipality, made by its staff in Samenspel.",
        }


class HasScope(permissions.BasePermission):
    """Anyone reads; a write needs a key with the view's ``required_scope``."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.auth is None:
            raise exceptions.NotAuthenticated("Voor schrijven is een API-sleutel nodig.")
        return view.required_scope in request.auth.scopes


class RateThrottle(throttling.SimpleRateThrottle):
    """Per API key when there is one, else per client address; the limits per minute are in
    the ``SAMENSPEL_API_RATES`` setting (read on every request, so a deployment may tune it)."""

    def get_rate(self):
        return None  # decided per request in allow_request

    def allow_request(self, request, view):
        kind = "read" if request.auth is None else "key"
        self.rate = f"{settings.SAMENSPEL_API_RATES[kind]}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return f"api-throttle:key:{request.auth.pk}"
        return f"api-throttle:ip:{self.get_ident(request)}"


class Pagination(PageNumberPagination):
    page_query_param = "pagina"
    page_size = 25
    page_size_query_param = "paginaGrootte"
    max_page_size = 100


class ApiViewMixin:
    """Mixed into every API view."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [RateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["API-Version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
        if request.method in permissions.SAFE_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response
